"""Publication dates of the real dân vận pages: from the record, the index's date marker, the URL's
timestamp or a timestamp line near the top; facts then carry the article date as first/last seen.

The records are read from ../shared by id at test time (development records only, see tests/bench/devset.py);
each test drops the record's own ``published`` field where it checks that the date is found elsewhere.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest

from danvan.graph.build import build_graph
from danvan.loaders.extract import extract_document
from danvan.loaders.jsonl import record_document
from danvan.loaders.published import index_marker, timestamp_line_date, url_date

sys.path.insert(0, str(Path(__file__).resolve().parent / "bench"))
from devset import DANVAN_PAGES, development_record


def record(record_id: str, *, drop_published: bool = True) -> dict[str, Any]:
    if not DANVAN_PAGES.is_file():
        pytest.skip(f"{DANVAN_PAGES} not found (../shared is not beside the repository)")
    rec = dict(development_record(record_id))
    if drop_published:
        rec.pop("published", None)
    return rec


def test_index_marker_gives_the_date_and_is_not_article_text() -> None:
    rec = record("2d3a587e4266c074")  # " date 2025-09-18 Ban Bí thư chuẩn y ông Hồ Thanh Thủy ..."
    doc = record_document("pages.jsonl", 1, rec)
    assert doc.published == dt.date(2025, 9, 18)
    marker = doc.regions[0]
    assert marker[0] == "dateline" and doc.raw[marker[1].start : marker[1].end].strip() == "date 2025-09-18"
    assert all("date 2025" not in doc.text[s.start : s.end] for s in doc.sentences)
    # offsets still point into the record's original text
    assert doc.raw[doc.parts["body"].start :] == rec["text"]
    extraction = extract_document(doc)
    assert extraction.facts
    for fact in extraction.facts:
        ev = fact.evidence
        assert doc.raw[ev.start : ev.end] == ev.sentence


def test_month_only_marker_is_metadata_without_a_day() -> None:
    rec = record("925c7cbfacdc79cf")  # " date 2025-05 Theo chủ trương ..."
    doc = record_document("pages.jsonl", 1, rec)
    assert doc.regions[0][0] == "dateline"
    assert doc.text[: doc.regions[0][1].end].strip() == ""
    assert doc.published is None


def test_record_field_wins_over_the_marker() -> None:
    rec = record("2d3a587e4266c074")
    rec["published"] = "2025-09-20"
    assert record_document("pages.jsonl", 1, rec).published == dt.date(2025, 9, 20)


def test_url_timestamp() -> None:
    rec = record("6df3e6519e621b11")  # ...-20250927144110329.htm
    assert record_document("pages.jsonl", 1, rec).published == dt.date(2025, 9, 27)


def test_url_number_that_is_no_date() -> None:
    rec = record("29fa1d45bbec377f")  # .../c/20473629.epi: an article number, month 36 does not exist
    assert url_date(rec["url"]) is None


@pytest.mark.parametrize(
    ("record_id", "expected"),
    [
        ("9ad176bf16981bb0", dt.date(2022, 10, 4)),  # byline, date and hour on one line under the headline
        ("012a7f65606ece94", dt.date(2023, 5, 3)),  # "hh:mm PM dd/mm/yyyy | Lượt xem" glued to the paragraph
    ],
)
def test_timestamp_line_near_the_top(record_id: str, expected: dt.date) -> None:
    rec = record(record_id)
    assert timestamp_line_date(rec["text"]) == expected
    assert record_document("pages.jsonl", 1, rec).published == expected


def test_marker_only_at_the_start() -> None:
    rec = record("2d3a587e4266c074")
    assert index_marker(rec["text"]) is not None
    assert index_marker("Họp báo" + rec["text"]) is None


def test_facts_get_the_article_date_as_first_and_last_seen() -> None:
    rec = record("6df3e6519e621b11")
    kg = build_graph([extract_document(record_document("pages.jsonl", 1, rec))])
    holds = [d for _, _, d in kg.g.edges(data=True) if d.get("type") == "HOLDS"]
    assert holds
    assert all(d["first_seen"] == d["last_seen"] == dt.date(2025, 9, 27) for d in holds)
