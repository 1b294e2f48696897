"""The four single-holder national posts are held only by the people who really held them, former holders
marked former: checked on the dated list, on real sentences and on the graph of both corpora."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sys
from pathlib import Path

import pytest
from real_text import holds_of, holds_status

from danvan.graph.build import build_graph
from danvan.loaders.extract import extract_document
from danvan.loaders.jsonl import record_document
from danvan.loaders.national import checked_status, tenures

sys.path.insert(0, str(Path(__file__).resolve().parent / "bench"))
from devset import BAOMOI, DANVAN_PAGES, development_records

POSTS = ("Tổng Bí thư", "Chủ tịch nước", "Thủ tướng Chính phủ", "Chủ tịch Quốc hội")


def test_the_list_has_one_holder_at_a_time() -> None:
    for post in POSTS:
        terms = sorted(tenures()[post], key=lambda t: t.start)
        for earlier, later in itertools.pairwise(terms):
            assert earlier.end is not None and earlier.end <= later.start, (post, earlier.holder, later.holder)
        assert terms[-1].end is None  # someone holds each post now


def test_status_from_the_article_date() -> None:
    may_2017 = dt.date(2017, 5, 1)
    assert checked_status("Thủ tướng Chính phủ", "Nguyễn Xuân Phúc", "current", may_2017) == "current"
    assert checked_status("Thủ tướng Chính phủ", "Nguyễn Tấn Dũng", "current", may_2017) == "former"
    assert checked_status("Thủ tướng Chính phủ", "Phạm Minh Chính", "current", may_2017) is None
    assert checked_status("Thủ tướng Chính phủ", "Hun Sen", "current", may_2017) is None
    # held twice over the years (Tô Lâm: Chủ tịch nước May to October 2024)
    assert checked_status("Chủ tịch nước", "Tô Lâm", "current", dt.date(2024, 8, 1)) == "current"
    assert checked_status("Chủ tịch nước", "Tô Lâm", "current", dt.date(2025, 8, 1)) == "former"
    # undated: a guessed year counts only well after the holder left office
    assert checked_status("Tổng Bí thư", "Nguyễn Văn Linh", "current", None, lambda: 2017) == "former"
    assert checked_status("Chủ tịch nước", "Trần Đại Quang", "current", None, lambda: 2019) == "current"
    assert checked_status("Chủ tịch nước", "Trần Đại Quang", "current", None, lambda: None) == "current"


def test_a_foreign_head_of_government_with_a_vietnamese_looking_name() -> None:
    # "Thủ tướng Lý Khắc Cường" (China): not Vietnam's Prime Minister
    assert "Thủ tướng Chính phủ" not in holds_of("baomoi:22257009", "Lý Khắc Cường")


def test_former_leaders_in_a_dated_list() -> None:
    # a 2025 page listing present and former leaders
    ref = "pages:194b485fae4b7515"
    assert holds_status(ref, "Nguyễn Tấn Dũng")["Thủ tướng Chính phủ"] == "former"
    assert holds_status(ref, "Phạm Minh Chính")["Thủ tướng Chính phủ"] == "current"
    assert holds_status(ref, "Nguyễn Minh Triết")["Chủ tịch nước"] == "former"


_CUES = ("Thủ tướng", "Tổng Bí thư", "Tổng bí thư", "Chủ tịch nước", "Chủ tịch Quốc hội", "Chủ tịch QH")


def test_the_corpus_graph_has_only_real_holders() -> None:
    if not (BAOMOI.is_file() and DANVAN_PAGES.is_file()):
        pytest.skip("the corpora of ../shared are not beside the repository")
    records = [r for r in development_records() if any(c in r["text"] for c in _CUES)]
    with BAOMOI.open(encoding="utf-8") as handle:
        records += [json.loads(line) for line in handle if any(c in line for c in _CUES)]
    assert len(records) > 500
    kg = build_graph(extract_document(record_document("corpus.jsonl", i, r)) for i, r in enumerate(records, 1))
    g = kg.g
    seen = 0
    for post in POSTS:
        holders = {t.holder: t for t in tenures()[post]}
        nodes = [n for n, d in g.nodes(data=True) if d.get("label") == "Post" and d.get("name") == post]
        assert len(nodes) == 1, post
        for person, _, data in g.in_edges(nodes[0], data=True):
            if data.get("type") != "HOLDS":
                continue
            seen += 1
            name = g.nodes[person]["name"]
            assert name in holders, (post, name)
            terms = [t for t in tenures()[post] if t.holder == name]
            last = data.get("last_seen")
            if last is not None and all(t.end is not None and last > t.end + dt.timedelta(days=10) for t in terms):
                # every article after the holder left office says so: no former holder shown as current
                assert data.get("status") == "former", (post, name, last)
    assert seen >= 15
