"""Tenure read from the text (loaders/tenure.py): start, end, end bound and term of each holding.

Sentences written for these tests are our own; real sentences are read at test time from the seeds,
the sample articles and the danvan_pages development corpus (by record id, never copied here).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from extract_helpers import extract_text

from conftest import SAMPLES, SHARED
from danvan.graph.model import Extraction
from danvan.loaders.extract import extract_document
from danvan.loaders.jsonl import record_document
from danvan.loaders.read import read_file

DANVAN_PAGES = SHARED / "corpus" / "danvan_pages.jsonl"


def tenures(extraction: Extraction) -> dict[tuple[str, str, str], dict[str, Any]]:
    """(person, post, status) -> the tenure properties of the HOLDS fact."""
    names = {e.id: e.name for e in extraction.entities}
    return {
        (names[f.subject], names[f.object], f.properties["status"]): {
            k: v for k, v in f.properties.items() if k in ("start", "end", "end_bound", "term")
        }
        for f in extraction.facts
        if f.type == "HOLDS"
    }


def successions(extraction: Extraction) -> set[tuple[str, str, str | None]]:
    names = {e.id: e.name for e in extraction.entities}
    return {
        (names[f.subject], names[f.object], f.properties.get("date")) for f in extraction.facts if f.type == "SUCCEEDED"
    }


def corpus_record(record_id: str, published: str | None) -> Extraction:
    if not DANVAN_PAGES.exists():
        pytest.skip(f"{DANVAN_PAGES} is not there (the shared corpus is outside the repository)")
    with DANVAN_PAGES.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            record = json.loads(line)
            if record["id"] == record_id:
                record["published"] = published  # the article's own date, passed explicitly
                return extract_document(record_document(str(DANVAN_PAGES), number, record))
    pytest.skip(f"record {record_id} is not in {DANVAN_PAGES}")


# ------------------------------------------------------------------ sentences written for the tests


def test_stated_start_beats_the_article_date() -> None:
    facts = extract_text(
        "Tin Ninh Bình\nÔng Lã Văn Bình được bổ nhiệm giữ chức Trưởng Ban Dân vận Tỉnh ủy Ninh Bình "
        "kể từ ngày 15/10/2023.\n",
        published=dt.date(2023, 10, 12),
    )
    found = tenures(facts.extraction)[("Lã Văn Bình", "Trưởng Ban Dân vận Tỉnh ủy Ninh Bình", "new")]
    assert found["start"] == "2023-10-15"
    fact = next(f for f in facts.facts("HOLDS"))
    doc_text = fact.evidence.sentence
    a, b = fact.properties["start_span"]
    assert doc_text[a - fact.evidence.start : b - fact.evidence.start] == "kể từ ngày 15/10/2023"


def test_day_and_month_take_the_year_of_the_article_or_the_one_before() -> None:
    text = "Tin Ninh Bình\nÔng Lã Văn Bình giữ chức Trưởng Ban Dân vận Tỉnh ủy Ninh Bình từ ngày 28/12.\n"
    assert (
        tenures(extract_text(text, published=dt.date(2024, 1, 5)).extraction)[
            ("Lã Văn Bình", "Trưởng Ban Dân vận Tỉnh ủy Ninh Bình", "new")
        ]["start"]
        == "2023-12-28"
    )
    # no article date: the year is not guessed
    assert (
        "start"
        not in tenures(extract_text(text, published=None).extraction)[
            ("Lã Văn Bình", "Trưởng Ban Dân vận Tỉnh ủy Ninh Bình", "new")
        ]
    )


def test_relative_dates_resolve_against_the_article_date_only() -> None:
    text = "Tin Ninh Bình\nHôm qua, HĐND tỉnh đã bầu bà Mai Thị Hoa giữ chức Chủ tịch UBND tỉnh Ninh Bình.\n"
    key = ("Mai Thị Hoa", "Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình", "new")
    assert tenures(extract_text(text, published=dt.date(2024, 3, 1)).extraction)[key]["start"] == "2024-02-29"
    assert "start" not in tenures(extract_text(text, published=None).extraction)[key]


def test_terms_in_years_and_as_a_numbered_term() -> None:
    facts = extract_text(
        "Tin Ninh Bình\nÔng Tạ Văn Nam, Bí thư Tỉnh ủy khóa XXI, tái đắc cử Bí thư Tỉnh ủy Ninh Bình "
        "nhiệm kỳ 2025 – 2030.\n",
        published=dt.date(2025, 10, 1),
    )
    found = tenures(facts.extraction)
    assert found[("Tạ Văn Nam", "Bí thư Tỉnh ủy Ninh Bình", "current")]["term"] == "khóa XXI"
    assert found[("Tạ Văn Nam", "Bí thư Tỉnh ủy Ninh Bình", "new")]["term"] == "2025-2030"


def test_retirement_ends_the_holding_and_thay_records_the_succession() -> None:
    facts = extract_text(
        "Tin Ninh Bình\nSáng 2/7, ông Lê Văn Tâm được bầu giữ chức Chủ tịch HĐND tỉnh Ninh Bình, thay bà "
        "Hà Thị Lan.\nBà Hà Thị Lan, Chủ tịch HĐND tỉnh Ninh Bình, nghỉ hưu theo chế độ từ ngày 1/7/2024.\n",
        published=dt.date(2024, 7, 3),
    )
    found = tenures(facts.extraction)
    assert found[("Lê Văn Tâm", "Chủ tịch Hội đồng nhân dân tỉnh Ninh Bình", "new")]["start"] == "2024-07-02"
    assert found[("Hà Thị Lan", "Chủ tịch Hội đồng nhân dân tỉnh Ninh Bình", "former")]["end"] == "2024-07-01"
    assert successions(facts.extraction) == {("Lê Văn Tâm", "Hà Thị Lan", "2024-07-02")}


def test_a_dated_resignation_bounds_the_end() -> None:
    facts = extract_text(
        "Tin Ninh Bình\nNgày 28/11, Bộ Chính trị quyết định ông Trần Quốc Việt thôi giữ chức Bí thư Tỉnh ủy "
        "Ninh Bình.\n",
        published=dt.date(2025, 12, 1),
    )
    found = tenures(facts.extraction)[("Trần Quốc Việt", "Bí thư Tỉnh ủy Ninh Bình", "former")]
    assert found == {"end_bound": "2025-11-28"}


# ------------------------------------------------------------------ real text (seeds, samples, corpus)


def test_sample_quang_ninh_appointment_starts_on_the_stated_day() -> None:
    path = SAMPLES / "quangninh_2023-10-12_cong-bo-quyet-dinh-can-bo.txt"
    extraction = extract_document(next(iter(read_file(path))))
    found = tenures(extraction)
    assert found[("Phạm Thị Ngọc Lan", "Trưởng Ban Dân vận Tỉnh ủy Quảng Ninh", "new")] == {"start": "2023-10-15"}
    # "Tại hội nghị, ..." and "Cùng ngày, ..." go on with the conference the text dates "Chiều 11/10"
    assert found[("Đặng Xuân Trường", "Bí thư Thành ủy Hạ Long", "new")] == {"start": "2023-10-11", "term": "2020-2025"}
    assert found[("Đặng Xuân Trường", "Trưởng Ban Dân vận Tỉnh ủy Quảng Ninh", "former")] == {"end_bound": "2023-10-11"}
    assert found[("Trịnh Văn Hoàng", "Phó Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh", "new")] == {
        "start": "2023-10-11",
        "term": "2021-2026",
    }


def test_seeds_state_no_tenure_the_reader_would_invent(seed_files: list[Path]) -> None:
    # Every tenure value read from a seed comes with the span of its words, inside the evidence sentence.
    for path in seed_files:
        extraction = extract_document(next(iter(read_file(path))))
        for fact in extraction.facts:
            for name in ("start", "end", "end_bound", "term"):
                if name in fact.properties:
                    a, b = fact.properties[f"{name}_span"]
                    assert fact.evidence.start <= a < b <= fact.evidence.end


def test_corpus_from_day_without_year_after_a_merger() -> None:
    found = tenures(corpus_record("2d3a587e4266c074", "2025-09-18"))
    assert found[("Hồ Thanh Thủy", "Trưởng Ban Tổ chức Tỉnh ủy Cà Mau", "new")]["start"] == "2025-07-01"


def test_corpus_election_day_after_the_title_and_succession() -> None:
    extraction = corpus_record("b606d5a8fe0514a8", "2025-10-24")
    found = tenures(extraction)
    assert found[("Nguyễn Cảnh Toàn", "Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn", "new")]["start"] == "2025-10-20"
    assert ("Nguyễn Cảnh Toàn", "Hồ Tiến Thiệu", "2025-10-20") in successions(extraction)


def test_corpus_reelection_keeps_two_terms() -> None:
    found = tenures(corpus_record("78692a6eacee4f33", None))
    post = "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Kiên Giang"
    assert found[("Lê Thanh Việt", post, "current")]["term"] == "2019-2024"
    assert found[("Lê Thanh Việt", post, "new")]["term"] == "2024-2029"


def test_corpus_early_retirement_with_a_dotted_date() -> None:
    found = tenures(corpus_record("d3a44e8f752550dd", None))
    ends = {post: t.get("end") for (_, post, _), t in found.items() if t.get("end")}
    assert ends == {"Bí thư Tỉnh ủy Hậu Giang": "2018-01-01"}


def test_a_council_session_gives_its_term_to_the_posts_elected_there() -> None:
    facts = extract_text(
        "Tin Ninh Bình\nÔng Đinh Văn Hòa được bầu giữ chức Chủ tịch UBND tỉnh Ninh Bình tại kỳ họp thứ 4 HĐND tỉnh "
        "khóa XVIII.\n",
        published=dt.date(2024, 3, 1),
    )
    found = tenures(facts.extraction)[("Đinh Văn Hòa", "Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình", "new")]
    assert found["term"] == "khóa XVIII"


def test_last_month_is_a_month_and_needs_the_article_date() -> None:
    text = "Tin Ninh Bình\nBà Mai Thị Hoa giữ chức Chủ tịch UBND tỉnh Ninh Bình từ tháng trước.\n"
    key = ("Mai Thị Hoa", "Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình", "new")
    assert tenures(extract_text(text, published=dt.date(2024, 1, 10)).extraction)[key]["start"] == "2023-12"
    assert "start" not in tenures(extract_text(text, published=None).extraction)[key]
