"""Reading the five real seed articles: metadata, chrome, sentences and offsets.

Expected values were read by hand from the seed files (../shared/seeds); titles are checked by
the line of the file they must equal, so no article text is copied here.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from danvan.loaders.chrome import CHROME_PHRASES
from danvan.loaders.document import Document
from danvan.loaders.normalize import normalize
from danvan.loaders.read import read_file

# seed prefix -> (index of the headline among the file's lines or None, date, source, authors, place, locality)
EXPECTED = {
    "000": (1, dt.date(2024, 6, 19), "bacninhtv.vn", [], "Bắc Ninh", ""),
    "001": (0, dt.date(2023, 1, 6), "Báo Nam Định", ["Văn Huỳnh"], "Nam Định", ""),
    # Page date "Thứ 2, 16/09/2019" above the headline; the article's own timestamp 20/02/2019 below it.
    "002": (1, dt.date(2019, 2, 20), "", ["Việt Hùng"], "Bắc Giang", ""),
    # No headline line: the file opens with the first paragraph. "Thành ủy" = the city of Bắc Ninh.
    "003": (None, dt.date(2024, 7, 24), "Trung tâm VHTT và Truyền thông thành phố", ["Minh Khang"], "Bắc Ninh",
            "thành phố Bắc Ninh"),
    "004": (1, dt.date(2023, 3, 25), "baolaocai.vn", [], "Lào Cai", ""),
}  # fmt: skip

CHROME_IN_SEEDS = (
    "Gửi cho bạn bè",
    "Phản hồi",
    "Thông tin người gửi phản hồi",
    "Các tin khác",
    "Xem nhiều nhất",
    "Video hoạt động",
    "Hình ảnh hoạt động",
    "Website liên kết",
    "Thống kê truy cập",
    "Đang online",
    "Tất cả |",
    "Số lượt xem",
    "Ý kiến bạn đọc",
    "Bình luận:",
)


@pytest.fixture(scope="module")
def docs(seed_files: list[Path]) -> dict[str, Document]:
    out = {}
    for path in seed_files:
        (doc,) = list(read_file(path))
        out[path.name[:3]] = doc
    assert sorted(out) == sorted(EXPECTED)
    return out


def _file_lines(doc: Document) -> list[str]:
    return [line.strip() for line in doc.raw.split("\n") if line.strip()]


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_metadata(docs: dict[str, Document], seed: str) -> None:
    doc = docs[seed]
    title_line, published, source, authors, place, locality = EXPECTED[seed]
    expected_title = "" if title_line is None else normalize(_file_lines(doc)[title_line])
    assert doc.title == expected_title
    assert doc.published == published
    assert doc.source == source
    assert doc.authors == authors
    assert doc.place == place
    assert doc.locality == locality


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_raw_is_the_file_text_and_ids_are_content_hashes(docs: dict[str, Document], seed: str) -> None:
    doc = docs[seed]
    on_disk = Path(doc.path).read_text(encoding="utf-8-sig")
    assert doc.raw == unicodedata.normalize("NFC", on_disk) == on_disk
    assert len(doc.text) == len(doc.raw)
    assert doc.id.startswith("article:") and len(doc.id) == len("article:") + 16
    assert doc.encoding == "utf-8"


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_chrome_and_metadata_lines_are_not_body(docs: dict[str, Document], seed: str) -> None:
    doc = docs[seed]
    body = doc.body_text()
    for phrase in CHROME_IN_SEEDS:
        assert phrase not in body
    for kind, span in doc.regions:
        line = doc.text[span.start : span.end]
        assert all(not (s.start < span.end and span.start < s.end) for s in doc.body), (kind, line)
    for author in doc.authors:
        assert all(author not in doc.text[s.start : s.end] or len(doc.text[s.start : s.end]) > 40 for s in doc.body)
    if doc.title:
        assert doc.title not in body
    assert not any(doc.text[s.start : s.end].startswith(("(bacninhtv", "(baolaocai", "Tin, ảnh")) for s in doc.body)


def test_every_chrome_line_of_the_seeds_is_a_region(docs: dict[str, Document]) -> None:
    kinds = {doc.text[s.start : s.end]: kind for doc in docs.values() for kind, s in doc.regions}
    chrome_lines = [line for line in kinds if any(line.startswith(p) for p in CHROME_IN_SEEDS)]
    assert len(chrome_lines) == 13  # distinct chrome lines across the five seeds, counted by hand
    assert all(kinds[line] == "chrome" for line in chrome_lines)
    assert set(CHROME_PHRASES) >= {"Gửi cho bạn bè", "Xem nhiều nhất", "Website liên kết"}


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_sentence_spans_are_offsets_into_the_original(docs: dict[str, Document], seed: str) -> None:
    doc = docs[seed]
    assert doc.sentences
    previous_end = 0
    for span in doc.sentences:
        assert previous_end <= span.start < span.end
        previous_end = span.end
        assert normalize(doc.raw[span.start : span.end]) == doc.text[span.start : span.end]
        assert doc.text[span.start : span.end] == doc.text[span.start : span.end].strip()
        assert any(b.start <= span.start and span.end <= b.end for b in doc.body)


def _sentence_with(doc: Document, needle: str) -> str:
    found = [doc.sentence_text(s) for s in doc.sentences if needle in doc.sentence_text(s)]
    assert len(found) == 1, (needle, found)
    return found[0]


def test_numbers_and_dates_do_not_split_sentences(docs: dict[str, Document]) -> None:
    # Seed 002: "4.235 ... 1.372 ... 1.659 ... 541 ... 663" is one sentence; 75.000 m2 does not break either.
    sentence = _sentence_with(docs["002"], "4.235")
    assert all(n in sentence for n in ("1.372", "1.659", "541", "663"))
    assert sentence.endswith(".")
    assert _sentence_with(docs["002"], "75.000").endswith(".")


def test_semicolon_lists_of_officials_stay_in_one_sentence(docs: dict[str, Document]) -> None:
    s001 = _sentence_with(docs["001"], "Nguyễn Phùng Hoan")
    assert all(name in s001 for name in ("Lê Quốc Chỉnh", "Trần Anh Dũng", "Trần Minh Thắng"))
    s003 = _sentence_with(docs["003"], "Nguyễn Công Vạn")
    assert "Nguyễn Hoàng Long" in s003
    s004 = _sentence_with(docs["004"], "Giàng Thị Dung")
    assert "Vũ Xuân Cường" in s004 and "Lý Thị Vinh" in s004


def test_official_ending_and_ellipsis_end_sentences(docs: dict[str, Document]) -> None:
    last_001 = docs["001"].sentence_text(docs["001"].sentences[-1])
    assert last_001.endswith("./.")
    # Seed 001 has "xã hội...  Phong trào": the ellipsis ends a sentence before a capital.
    texts = [docs["001"].sentence_text(s) for s in docs["001"].sentences]
    ellipsis = [t for t in texts if t.endswith("...")]
    assert ellipsis
    assert all(not s.startswith("...") for s in ellipsis)


def test_captions_without_final_punctuation_are_their_own_sentences(docs: dict[str, Document]) -> None:
    for doc in docs.values():
        sentences = {doc.sentence_text(s) for s in doc.sentences}
        body_lines = {doc.text[s.start : s.end] for s in doc.body}
        captions = [line for line in body_lines if not line.endswith((".", "!", "?", "…", ":", ";", '"', "”"))]
        for caption in captions:
            assert caption in sentences
    # seed 004 opens with a photo caption under its headline; seed 003 has one after its first paragraph
    assert not docs["004"].sentence_text(docs["004"].sentences[0]).endswith(".")
    assert not docs["003"].sentence_text(docs["003"].sentences[2]).endswith(".")


def test_typo_dan_van_is_fixed_in_text_not_in_raw(docs: dict[str, Document]) -> None:
    doc = docs["003"]
    at = doc.raw.index("Dận vận")
    assert doc.text[at : at + 7] == "Dân vận"
