"""Units after 1 July 2025 and short level words: special zones (đặc khu) are commune-level units with their own
committees, "TX"/"P." abbreviate towns and wards, and the district level is gone, so a district post named in a
later article is a past one. The development pages hold
no sentence about a special zone's officials or a district post after that day, so these texts are written for
the test (the names are invented; the units are real)."""

from __future__ import annotations

import datetime as dt

from extract_helpers import extract_text

_ZONE = (
    "Tin Kiên Giang\n\n"
    "Ngày 10/9, ông Nguyễn Văn A, Bí thư Đảng ủy đặc khu Phú Quốc, Chủ tịch HĐND đặc khu và bà Trần Thị B, "
    "Chủ tịch UBND đặc khu Phú Quốc dự hội nghị.\n"
)
_DISTRICT = (
    "Tin Nghệ An\n\n"
    "Ngày 10/9, ông Lê Văn C, Chủ tịch UBND huyện Quỳnh Lưu, và ông Phạm Văn D, Chủ tịch UBND phường Hạc Thành, "
    "dự hội nghị.\n"
)


def test_special_zone_committees() -> None:
    facts = extract_text(_ZONE, published=dt.date(2025, 9, 10))
    assert facts.holds >= {
        ("Nguyễn Văn A", "Bí thư Đảng ủy đặc khu Phú Quốc"),
        ("Nguyễn Văn A", "Chủ tịch Hội đồng nhân dân đặc khu Phú Quốc"),
        ("Trần Thị B", "Chủ tịch Ủy ban nhân dân đặc khu Phú Quốc"),
    }


def test_district_posts_after_the_districts_ended_are_former() -> None:
    after = extract_text(_DISTRICT, published=dt.date(2025, 9, 10)).holds_status
    assert ("Lê Văn C", "Chủ tịch Ủy ban nhân dân huyện Quỳnh Lưu", "former") in after
    assert ("Phạm Văn D", "Chủ tịch Ủy ban nhân dân phường Hạc Thành", "current") in after  # wards go on
    before = extract_text(_DISTRICT, published=dt.date(2024, 9, 10)).holds_status
    assert ("Lê Văn C", "Chủ tịch Ủy ban nhân dân huyện Quỳnh Lưu", "current") in before


def test_nguyen_stops_after_a_complete_title() -> None:
    text = (
        "Tin Nghệ An\n\nNgày 10/9/2024, ông Nguyễn Văn E, nguyên Bí thư Huyện ủy Quỳnh Lưu, Phó Trưởng Ban Dân vận "
        "Tỉnh ủy Nghệ An, và ông Hồ Văn G, nguyên Bí thư, Chủ tịch UBND huyện Yên Thành dự hội nghị.\n"
    )
    facts = extract_text(text, published=dt.date(2024, 9, 10)).holds_status
    assert ("Nguyễn Văn E", "Bí thư Huyện ủy Quỳnh Lưu", "former") in facts
    assert ("Nguyễn Văn E", "Phó Trưởng Ban Dân vận Tỉnh ủy Nghệ An", "current") in facts
    # a title completed by the next one shares its "nguyên"
    assert ("Hồ Văn G", "Bí thư Huyện ủy Yên Thành", "former") in facts
    assert ("Hồ Văn G", "Chủ tịch Ủy ban nhân dân huyện Yên Thành", "former") in facts


def test_short_level_words_with_a_space() -> None:
    # "UBND TX Hoàng Mai", "UBND P. Bến Nghé": a town's and a ward's committee, not the province's
    text = (
        "Tin Nghệ An\n\nÔng Nguyễn Văn H, Chủ tịch UBND TX Hoàng Mai, và bà Trần Thị K, Chủ tịch UBND P. Bến Nghé, "
        "dự.\n"
    )
    facts = extract_text(text, published=dt.date(2024, 9, 10)).holds
    assert ("Nguyễn Văn H", "Chủ tịch Ủy ban nhân dân thị xã Hoàng Mai") in facts
    assert ("Trần Thị K", "Chủ tịch Ủy ban nhân dân phường Bến Nghé") in facts
