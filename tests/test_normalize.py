"""Offset-keeping normalisation: every fix keeps the length, so offsets into the text are offsets into raw."""

from __future__ import annotations

import unicodedata

import pytest

from danvan.loaders.normalize import fix_tone_placement, normalize, to_nfc


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("hoà bình", "hòa bình"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("chị Thuý", "chị Thúy"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("UỶ BAN", "ỦY BAN"),
        ("sức khoẻ", "sức khỏe"),
        ("xoá đói", "xóa đói"),
        ("Thuỵ Anh", "Thụy Anh"),
        ("tuỳ ý", "tùy ý"),
        # Already in the gazetteer form, or not an open oa/oe/uy syllable: unchanged.
        ("hòa, thúy, ủy", "hòa, thúy, ủy"),
        ("quý, quỳ, Quỷ", "quý, quỳ, Quỷ"),
        ("hoàng, khoáng, thuyết, quyển, ngoài, khoái", "hoàng, khoáng, thuyết, quyển, ngoài, khoái"),
    ],
)
def test_tone_placement_goes_to_the_gazetteer_form(given: str, expected: str) -> None:
    assert fix_tone_placement(given) == expected
    assert normalize(given) == expected


def test_same_length_character_fixes() -> None:
    raw = "Ban\u00a0Dân vận \u00d0ảng ủy\tx\u200by ð"
    text = normalize(raw)
    assert text == "Ban Dân vận Đảng ủy x y đ"
    assert len(text) == len(raw)


def test_line_endings_keep_offsets_and_lines() -> None:
    raw = "Dòng một.\r\nDòng hai.\rDòng ba."
    text = normalize(raw)
    assert len(text) == len(raw)
    assert text.split("\n") == ["Dòng một. ", "Dòng hai.", "Dòng ba."]


def test_typographic_quotes_and_dashes_are_kept() -> None:
    raw = 'phong trào “Dân vận khéo” – ‘mô hình’ — "x"'
    assert normalize(raw) == raw


def test_typo_dan_van() -> None:
    assert normalize("Ban Dận vận Tỉnh ủy; ban dận vận") == "Ban Dân vận Tỉnh ủy; ban dân vận"


def test_nfc_composes_decomposed_text() -> None:
    composed = "Nguyễn Thị Thủy, Ủy viên Ban Thường vụ"
    decomposed = unicodedata.normalize("NFD", composed)
    assert len(decomposed) > len(composed)
    assert to_nfc(decomposed) == composed
    assert to_nfc(composed) is composed


def test_normalised_text_has_the_raw_length_on_mixed_input() -> None:
    raw = "\ufeffTP.HCM:\u00a0Uỷ ban\r\n xoá\u2028 \u00d0oàn \u3000 khoẻ."
    assert len(normalize(raw)) == len(raw)
