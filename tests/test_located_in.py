"""LOCATED_IN: a lower unit (provincial city, district, commune) linked to its province, through the real pipeline.

What the articles say, read by hand:
- data/articles/quangninh_2023-10-12: Đặng Xuân Trường is appointed "Bí thư Thành ủy Hạ Long" by the
  Standing Committee of the Tỉnh ủy Quảng Ninh; tin_tong_hop_2024.jsonl (Quảng Ninh, 2024-02-20) names
  him "Bí thư Thành ủy Hạ Long" again. Hạ Long is a city of the province of Quảng Ninh.
- tin_tong_hop_2024.jsonl, "Nghệ An: Quỳnh Lưu ra quân ..." (2024-09-06): "Bí thư Huyện ủy Quỳnh Lưu
  Phan Đức Tài chủ trì buổi lễ"; huyện Quỳnh Lưu is a district of Nghệ An.
- hanoi_2024-04-20: "Quận ủy, HĐND, UBND và Ủy ban MTTQ Việt Nam quận Long Biên (TP. Hà Nội) tổ chức
  hội nghị đối thoại".
- seeds 002 (Bắc Giang, 2019): "Huyện ủy Lục Nam ban hành Kế hoạch ..." (huyện Lục Nam, Bắc Giang);
  seeds 003 (24/7/2024): the Ban Dân vận Thành ủy of the city of Bắc Ninh, in the province of Bắc Ninh.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from rdflib import URIRef

from conftest import SAMPLES
from danvan.graph import places
from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.neo4j_csv import write_import_files
from danvan.graph.rdf.export import to_string
from danvan.graph.rdf.iris import node_iri
from tests.test_neo4j_double import RecordingDriver
from tests.test_rdf import BASE, parse

LOCATED_IN_UPSERT = (
    "UNWIND $rows AS row MATCH (a:Place {id: row.source}) MATCH (b:Place {id: row.target}) "
    "MERGE (a)-[r:LOCATED_IN]->(b) SET r += row.props"
)


def _extract(paths: list[Path]) -> list[Any]:
    from danvan.graph.model import Extraction
    from danvan.loaders.pipeline import extract_paths

    return [r for r in extract_paths(paths, workers=1) if isinstance(r, Extraction)]


@pytest.fixture(scope="module")
def sample_extractions() -> list[Any]:
    return _extract(sorted(SAMPLES.iterdir()))


@pytest.fixture(scope="module")
def sample_graph(sample_extractions: list[Any]) -> KnowledgeGraph:
    from danvan.graph.build import build_graph

    return build_graph(sample_extractions)


def located(kg: KnowledgeGraph) -> dict[tuple[str, str], dict[str, Any]]:
    """(lower unit name, province name) -> edge properties, with the endpoint ids added."""
    out = {}
    for source, target, _, attrs in kg.edges("LOCATED_IN"):
        out[(kg.g.nodes[source]["name"], kg.g.nodes[target]["name"])] = {**attrs, "_source": source, "_target": target}
    return out


def article_of(kg: KnowledgeGraph, file_name: str, title_start: str = "") -> str:
    [article] = [
        n
        for n, a in kg.nodes("Article")
        if Path(str(a["path"])).name == file_name and str(a["title"]).startswith(title_start)
    ]
    return article


def place_id(kg: KnowledgeGraph, name: str) -> str:
    [node] = [n for n, a in kg.nodes("Place") if a["name"] == name]
    return node


# ---------------------------------------------------------------- the graph


def test_lower_units_of_the_sample_articles_lie_in_their_provinces(sample_graph: KnowledgeGraph) -> None:
    edges = located(sample_graph)
    assert {("thành phố Hạ Long", "Quảng Ninh"), ("huyện Quỳnh Lưu", "Nghệ An"), ("quận Long Biên", "Hà Nội")} <= set(
        edges
    )
    # Always from a lower unit to a province-level unit of the gazetteer, never between two provinces.
    for lower, province in edges:
        assert province in places.BY_NAME and lower not in places.BY_NAME


def test_the_edge_lands_on_the_province_node_the_articles_already_name(sample_graph: KnowledgeGraph) -> None:
    # One Quảng Ninh node: the one the Tỉnh ủy is BASED_IN and the Quảng Ninh article mentions.
    edge = located(sample_graph)[("thành phố Hạ Long", "Quảng Ninh")]
    quang_ninh = place_id(sample_graph, "Quảng Ninh")
    assert edge["_target"] == quang_ninh
    based = {sample_graph.g.nodes[s]["name"] for s, t, _, _ in sample_graph.edges("BASED_IN") if t == quang_ninh}
    assert "Tỉnh ủy Quảng Ninh" in based
    article = article_of(sample_graph, "quangninh_2023-10-12_cong-bo-quyet-dinh-can-bo.txt")
    assert any(s == quang_ninh and t == article for s, t, _, _ in sample_graph.edges("MENTIONED_IN"))


def test_the_edge_keeps_provenance_from_every_article_that_names_the_unit(sample_graph: KnowledgeGraph) -> None:
    edge = located(sample_graph)[("thành phố Hạ Long", "Quảng Ninh")]
    october = article_of(sample_graph, "quangninh_2023-10-12_cong-bo-quyet-dinh-can-bo.txt")
    february = article_of(sample_graph, "tin_tong_hop_2024.jsonl", "Quảng Ninh")
    assert edge["sources"] == sorted([october, february])
    assert (edge["first_seen"], edge["last_seen"]) == (dt.date(2023, 10, 12), dt.date(2024, 2, 20))
    # The evidence comes from the earliest article, at its offsets in the original file.
    assert edge["evidence_article"] == october
    text = (SAMPLES / "quangninh_2023-10-12_cong-bo-quyet-dinh-can-bo.txt").read_text(encoding="utf-8")
    assert text[edge["evidence_start"] : edge["evidence_end"]] == edge["evidence"]
    assert "chỉ định giữ chức Bí thư Thành ủy Hạ Long" in edge["evidence"]


def test_the_evidence_prefers_a_sentence_that_names_the_province_too(sample_graph: KnowledgeGraph) -> None:
    edge = located(sample_graph)[("quận Long Biên", "Hà Nội")]
    assert "quận Long Biên (TP. Hà Nội)" in edge["evidence"]
    text = (SAMPLES / "hanoi_2024-04-20_long-bien-doi-thoai.txt").read_text(encoding="utf-8")
    assert text[edge["evidence_start"] : edge["evidence_end"]] == edge["evidence"]
    # The Quỳnh Lưu article names Nghệ An in its title only: the first sentence naming the district.
    quynh_luu = located(sample_graph)[("huyện Quỳnh Lưu", "Nghệ An")]
    assert quynh_luu["evidence"].startswith("Bí thư Huyện ủy Quỳnh Lưu Phan Đức Tài chủ trì buổi lễ")
    assert quynh_luu["first_seen"] == dt.date(2024, 9, 6)


def test_seed_districts_lie_in_their_provinces(seed_graph: KnowledgeGraph) -> None:
    edges = located(seed_graph)
    assert {("huyện Lục Nam", "Bắc Giang"), ("thành phố Bắc Ninh", "Bắc Ninh")} <= set(edges)
    assert "Huyện ủy Lục Nam" in edges[("huyện Lục Nam", "Bắc Giang")]["evidence"]
    # The city of Bắc Ninh and the province of Bắc Ninh stay two nodes.
    city = edges[("thành phố Bắc Ninh", "Bắc Ninh")]
    assert city["_source"] != city["_target"]
    assert seed_graph.g.nodes[city["_target"]]["kind"] == "province"


def test_a_province_known_only_from_the_source_line_gets_its_node_from_the_gazetteer(
    sample_extractions: list[Any], tmp_path: Path
) -> None:
    from danvan.graph.build import build_graph

    # Nghệ An is named only in the source line (metadata), not in the text: no Place entity for it.
    article = tmp_path / "quynhluu.txt"
    article.write_text(
        "06/09/2024 | 08:00\nQuỳnh Lưu: người dân hiến đất mở đường\n\n"
        "Chủ tịch UBND huyện Quỳnh Lưu Nguyễn Văn Hùng cho biết, từ đầu năm người dân đã tự nguyện hiến "
        "12.500 m2 đất để làm đường.\n\nThanh Lê\n(Nguồn: Báo Nghệ An)\n",
        encoding="utf-8",
    )
    [extraction] = _extract([article])
    assert not [e for e in extraction.entities if e.type == "Place" and e.name == "Nghệ An"]

    alone = build_graph([extraction])
    [(pair, edge)] = located(alone).items()
    assert pair == ("huyện Quỳnh Lưu", "Nghệ An")
    province = alone.g.nodes[edge["_target"]]
    assert (province["kind"], province["code"], province["status"]) == ("province", "40", "current")
    assert edge["evidence"].startswith("Chủ tịch UBND huyện Quỳnh Lưu Nguyễn Văn Hùng cho biết")
    # The province is not in the text, so it is not MENTIONED_IN the article.
    assert not [s for s, _, _, _ in alone.edges("MENTIONED_IN") if s == edge["_target"]]

    # With the sample articles, the edge joins the Nghệ An node they name: one node, two sources.
    together = build_graph([*sample_extractions, extraction])
    assert [n for n, a in together.nodes("Place") if a["name"] == "Nghệ An"] == [edge["_target"]]
    merged = located(together)[("huyện Quỳnh Lưu", "Nghệ An")]
    assert merged["sources"] == sorted(
        [extraction.article.id, article_of(together, "tin_tong_hop_2024.jsonl", "Nghệ An")]
    )
    assert together.counts()["nodes"]["Place"] == build_graph(sample_extractions).counts()["nodes"]["Place"]


# ---------------------------------------------------------------- every projection carries it


def test_embedded_store_holds_the_seed_edges(seed_db: Path, seed_graph: KnowledgeGraph) -> None:
    from danvan.queries.runner import open_backend

    with open_backend(seed_db) as backend:
        rows = backend.store.query(
            "MATCH (a:Place)-[r:LOCATED_IN]->(b:Place) WHERE a.name = $name "
            "RETURN b.name AS province, r.sources AS sources, r.evidence AS evidence",
            {"name": "huyện Lục Nam"},
        ).rows
    edge = located(seed_graph)[("huyện Lục Nam", "Bắc Giang")]
    assert rows == [["Bắc Giang", edge["sources"], edge["evidence"]]]


def test_rdf_export_says_contained_in_place(seed_graph: KnowledgeGraph) -> None:
    data = parse(to_string(seed_graph, "turtle", created="2026-01-01"), "turtle")
    edge = located(seed_graph)[("huyện Lục Nam", "Bắc Giang")]
    lower, province = (URIRef(node_iri(BASE, "Place", edge[k])) for k in ("_source", "_target"))
    assert (lower, URIRef("https://schema.org/containedInPlace"), province) in data


def test_neo4j_load_merges_the_edge_between_labelled_places(seed_graph: KnowledgeGraph) -> None:
    from danvan.graph.store.neo4j import Neo4jStore

    driver = RecordingDriver()
    factory: Any = driver.factory
    with Neo4jStore("bolt://db.example:7687", "neo4j", "pw", driver_factory=factory, batch_size=1000) as store:
        store.write_graph(seed_graph)
    # One batch: every edge of the type in one labelled MERGE, values only as parameters.
    [params] = [p for q, p in driver.runs() if q == LOCATED_IN_UPSERT]
    edges = located(seed_graph)
    assert {(row["source"], row["target"]) for row in params["rows"]} == {
        (e["_source"], e["_target"]) for e in edges.values()
    }
    luc_nam = edges[("huyện Lục Nam", "Bắc Giang")]
    [row] = [row for row in params["rows"] if row["source"] == luc_nam["_source"]]
    assert row["props"]["first_seen"] == dt.date(2019, 2, 20)  # seed 002 is dated 20/02/2019
    assert row["props"]["evidence"] == luc_nam["evidence"]


def test_neo4j_import_csv_has_the_edges(seed_graph: KnowledgeGraph, tmp_path: Path) -> None:
    write_import_files(seed_graph, tmp_path)
    with (tmp_path / "relationships_LOCATED_IN_Place_Place.csv").open(encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    assert header[:2] == [":START_ID(Place)", ":END_ID(Place)"]
    ids = {(row[0], row[1]) for row in rows}
    assert ids == {(e["_source"], e["_target"]) for e in located(seed_graph).values()}


# ---------------------------------------------------------------- province maps of the seeds


def test_seed_map_of_bac_giang_shows_what_its_district_did(seed_graph: KnowledgeGraph) -> None:
    from danvan.viz.selection import select

    sel = select(seed_graph, "province", "Bắc Giang")
    names = {seed_graph.g.nodes[n]["name"] for n in sel.nodes}
    # "Huyện ủy Lục Nam ban hành Kế hoạch phát huy vai trò ...": the plan is two hops from the
    # province through the district, which LOCATED_IN puts in the province's own part of the map.
    assert {"huyện Lục Nam", "Huyện ủy Lục Nam", "Kế hoạch phát huy vai trò"} <= names
    assert "Also shows the lower units located in it: huyện Lục Nam." in sel.notes


def test_seed_map_of_bac_ninh_is_the_province_with_its_city_and_the_former_bac_giang(
    seed_graph: KnowledgeGraph,
) -> None:
    from danvan.viz.selection import select

    sel = select(seed_graph, "province", "Bắc Ninh")
    # "Bắc Ninh" also spells the city once "thành phố" is stripped; the province is meant, and the
    # city comes in as a unit located in it.
    assert [seed_graph.g.nodes[n]["name"] for n in sel.focus] == ["Bắc Ninh"]
    names = {seed_graph.g.nodes[n]["name"] for n in sel.nodes}
    assert {"thành phố Bắc Ninh", "Thành ủy Bắc Ninh", "Bắc Giang", "huyện Lục Nam", "Huyện ủy Lục Nam"} <= names
    assert "Also shows the lower units located in it: huyện Lục Nam, thành phố Bắc Ninh." in sel.notes
    # spelt as a city, it is the city: the province of Bắc Ninh is not one
    city = select(seed_graph, "province", "thành phố Bắc Ninh")
    assert [seed_graph.g.nodes[n]["name"] for n in city.focus] == ["thành phố Bắc Ninh"]
