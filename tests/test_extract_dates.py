"""Relative dates resolved against the article date, across year ends."""

from __future__ import annotations

import datetime as dt

from extract_helpers import extract_text

from danvan.loaders.dates import first_date, leading_date, resolve


def test_day_month_later_than_the_article_belongs_to_the_previous_year() -> None:
    assert leading_date("Ngày 23-12, Ban Dân vận tổ chức hội nghị.", dt.date(2023, 1, 6)) == dt.date(2022, 12, 23)
    assert leading_date("Sáng 24/7, Ban Dân vận tổ chức hội nghị.", dt.date(2024, 7, 24)) == dt.date(2024, 7, 24)
    assert leading_date("Chiều 5-1, hội nghị diễn ra.", dt.date(2023, 1, 6)) == dt.date(2023, 1, 5)


def test_written_out_and_full_dates() -> None:
    assert leading_date("Ngày 23 tháng 12 năm 2021, x", dt.date(2024, 1, 1)) == dt.date(2021, 12, 23)
    assert leading_date("Ngày 2 tháng 3, x", dt.date(2024, 1, 1)) == dt.date(2023, 3, 2)
    assert first_date("Trong hai ngày 14 và 15/12, đại hội diễn ra.", dt.date(2024, 12, 16)) == dt.date(2024, 12, 14)


def test_numbers_and_impossible_dates_are_not_dates() -> None:
    assert leading_date("4.235 mô hình được công nhận.", dt.date(2019, 2, 20)) is None
    assert leading_date("Ngày 31/2, x", dt.date(2024, 5, 1)) is None
    assert resolve(23, 12, None, None) is None


def test_event_date_resolves_across_the_year_end() -> None:
    facts = extract_text(
        "Tổng kết công tác dân vận ở Ninh Bình\n"
        "Ngày 28-12, Ban Dân vận Tỉnh ủy Ninh Bình tổ chức hội nghị tổng kết công tác dân vận năm 2023.\n",
        published=dt.date(2024, 1, 3),
    )
    (event,) = facts.entities("Event")
    assert event.properties["date"] == dt.date(2023, 12, 28)
    assert event.properties["kind"] == "hội nghị"
    (organised,) = facts.facts("ORGANIZED")
    assert facts.name(organised.subject) == "Ban Dân vận Tỉnh ủy Ninh Bình"
