"""Tenure in the graph (graph/tenure.py, graph/build.py): merged across articles, one HOLDS per term,
SUCCEEDED read from single-holder posts, kept by the embedded store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from danvan.graph.build import build_graph
from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.model import Extraction
from danvan.graph.store.embedded import open_store
from danvan.graph.tenure import single_holder
from danvan.loaders.extract import extract_document
from danvan.loaders.read import build_document


def article(name: str, published: dt.date, text: str) -> Extraction:
    return extract_document(build_document(name, text, published=published))


def holds(kg: KnowledgeGraph, person: str, post: str) -> list[dict[str, Any]]:
    names = {n: a["name"] for n, a in kg.nodes()}
    found = [a for s, t, _, a in kg.edges("HOLDS") if names[s] == person and names[t] == post]
    return sorted(found, key=lambda a: str(a.get("term")))


def succeeded(kg: KnowledgeGraph) -> set[tuple[str, str, str | None]]:
    names = {n: a["name"] for n, a in kg.nodes()}
    return {(names[s], names[t], a.get("date")) for s, t, _, a in kg.edges("SUCCEEDED")}


APPOINTED = article(
    "a.txt",
    dt.date(2023, 10, 12),
    "Tin Ninh Bình\nÔng Lã Văn Bình được bổ nhiệm giữ chức Trưởng Ban Dân vận Tỉnh ủy Ninh Bình "
    "kể từ ngày 15/10/2023.\n",
)
MENTIONED = article(
    "b.txt",
    dt.date(2024, 5, 2),
    "Tin Ninh Bình\nÔng Lã Văn Bình, Trưởng Ban Dân vận Tỉnh ủy Ninh Bình chủ trì hội nghị.\n",
)
FORMER = article(
    "c.txt",
    dt.date(2025, 8, 20),
    "Tin Ninh Bình\nÔng Lã Văn Bình, nguyên Trưởng Ban Dân vận Tỉnh ủy Ninh Bình dự hội nghị. Bà Vũ Thị Thu, "
    "Trưởng Ban Dân vận Tỉnh ủy Ninh Bình phát biểu.\n",
)


def test_stated_start_wins_over_first_seen_and_a_former_article_bounds_the_end() -> None:
    kg = build_graph([MENTIONED, FORMER, APPOINTED])
    (holding,) = holds(kg, "Lã Văn Bình", "Trưởng Ban Dân vận Tỉnh ủy Ninh Bình")
    assert holding["start"] == "2023-10-15"
    assert holding["first_seen"] == dt.date(2023, 10, 12)
    assert holding["end_bound"] == "2025-08-20"
    assert holding["status"] == "former"
    assert "end" not in holding


def test_an_appointment_article_gives_the_start_when_the_text_states_none() -> None:
    plain = article(
        "d.txt", dt.date(2024, 3, 3), "Tin Ninh Bình\nÔng Lê Văn Hải được bầu giữ chức Chủ tịch UBND tỉnh Ninh Bình.\n"
    )
    (holding,) = holds(build_graph([plain]), "Lê Văn Hải", "Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình")
    assert holding["start"] == "2024-03-03"


def test_a_single_holder_post_with_a_former_and_a_later_holder_gives_succeeded() -> None:
    kg = build_graph([APPOINTED, FORMER])
    # Vũ Thị Thu is first shown in the post after Lã Văn Bình, who is former by then
    assert succeeded(kg) == {("Vũ Thị Thu", "Lã Văn Bình", None)}
    (edge,) = [a for _, _, _, a in kg.edges("SUCCEEDED")]
    assert kg.node(edge["post"])["name"] == "Trưởng Ban Dân vận Tỉnh ủy Ninh Bình"
    assert edge["evidence"] and "Vũ Thị Thu" in edge["evidence"]


def test_deputies_and_members_have_no_single_holder() -> None:
    assert single_holder("Trưởng Ban") and single_holder("Bí thư") and single_holder("Phó Bí thư Thường trực")
    assert not single_holder("Phó Trưởng Ban") and not single_holder("Ủy viên")
    assert not single_holder("Bí thư", "Bí thư Trung ương Đảng")


TERMS = [
    article(
        "e.txt",
        dt.date(2020, 10, 15),
        "Tin Ninh Bình\nÔng Tạ Văn Nam được bầu giữ chức Bí thư Tỉnh ủy Ninh Bình nhiệm kỳ 2020 - 2025.\n",
    ),
    article(
        "f.txt",
        dt.date(2025, 10, 1),
        "Tin Ninh Bình\nChiều 30/9, ông Tạ Văn Nam tái đắc cử Bí thư Tỉnh ủy Ninh Bình nhiệm kỳ 2025 - 2030.\n",
    ),
    article("g.txt", dt.date(2022, 4, 4), "Tin Ninh Bình\nBí thư Tỉnh ủy Ninh Bình Tạ Văn Nam chủ trì hội nghị.\n"),
]


def test_one_post_in_two_terms_is_two_holdings() -> None:
    kg = build_graph(TERMS)
    first, second = holds(kg, "Tạ Văn Nam", "Bí thư Tỉnh ủy Ninh Bình")
    assert (first["term"], first["start"], first["sources"]) == ("2020-2025", "2020-10-15", sorted(first["sources"]))
    assert len(first["sources"]) == 2  # the mention of 2022 lies in the first term
    assert (second["term"], second["start"]) == ("2025-2030", "2025-09-30")


def test_the_store_keeps_both_terms_and_rebuilds_without_change(tmp_path: Path) -> None:
    db = tmp_path / "terms.lbdb"
    with open_store(db) as store:
        store.ingest(TERMS[:1])
        report = store.ingest(TERMS[1:])
        assert report.write.added.get("HOLDS", 0) >= 1
        loaded = store.load_graph()
        assert [h["term"] for h in holds(loaded, "Tạ Văn Nam", "Bí thư Tỉnh ủy Ninh Bình")] == [
            "2020-2025",
            "2025-2030",
        ]
        again = store.ingest(TERMS)
        assert not again.write.changed
        rows = store.query(
            "MATCH (:Person)-[h:HOLDS]->(t:Post) WHERE t.name = $p RETURN h.term ORDER BY h.term",
            {"p": "Bí thư Tỉnh ủy Ninh Bình"},
        ).rows
        assert [r[0] for r in rows] == ["2020-2025", "2025-2030"]


def test_neo4j_gets_both_terms_and_an_incremental_load_keeps_them(tmp_path: Path) -> None:
    from danvan.graph.store.neo4j import Neo4jStore
    from tests.test_neo4j_double import RecordingDriver

    driver = RecordingDriver()
    manifest = tmp_path / "manifest.json.gz"
    with Neo4jStore("bolt://db.example:7687", "neo4j", "pw", driver_factory=driver.factory) as neo4j:
        neo4j.sync_graph(build_graph(TERMS[:1]), manifest)
        summary = neo4j.sync_graph(build_graph(TERMS), manifest)
    assert summary["mode"] == "incremental"
    kg = build_graph(TERMS)
    (nam,) = [node_id for node_id, attrs in kg.nodes("Person") if attrs["name"] == "Tạ Văn Nam"]
    held = [r for r in driver.rels if r[0] == "HOLDS" and r[1] == nam]
    assert len(held) == 2  # one relationship per term, told apart by their edge ids
