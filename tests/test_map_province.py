"""Province maps and the index on the sample articles in data/articles, through the real pipeline.

What the articles say, read by hand:
- hoabinh_2022-06-21: Quách Thị Tuyết, Trưởng Ban Dân vận Tỉnh ủy Hòa Bình, chaired the workshop;
  "Đinh Thắng" on a line of its own is the byline, nothing more. Hòa Bình merged into Phú Thọ on
  1 July 2025.
- bandanvantw_2024-08-22 names "Thừa Thiên Huế" (the city of Huế since 1 January 2025).
- quangninh_2023-10-12: Đặng Xuân Trường was "Bí thư Thành ủy Hạ Long", a provincial city of
  Quảng Ninh, not a province.
- hanoi_2024-04-20: "Quận ủy, HĐND, UBND và Ủy ban MTTQ Việt Nam quận Long Biên (TP. Hà Nội)" hold a
  dialogue; Lê Thị Thu Hằng is "Phó Bí thư Quận ủy, Chủ tịch UBND quận".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SAMPLES
from danvan.graph.knowledge import KnowledgeGraph
from danvan.viz.index import write_index
from danvan.viz.selection import select


@pytest.fixture(scope="module")
def sample_graph() -> KnowledgeGraph:
    from danvan.graph.build import build_graph
    from danvan.graph.model import Extraction
    from danvan.loaders.pipeline import extract_paths

    extractions = [r for r in extract_paths(sorted(SAMPLES.iterdir()), workers=1) if isinstance(r, Extraction)]
    return build_graph(extractions)


def _names(kg: KnowledgeGraph, nodes: list[str], label: str) -> set[str]:
    return {kg.g.nodes[n]["name"] for n in nodes if kg.g.nodes[n]["label"] == label}


def test_province_map_leaves_out_bylines_and_other_unconnected_people(sample_graph: KnowledgeGraph) -> None:
    sel = select(sample_graph, "province", "Hòa Bình")
    persons = _names(sample_graph, sel.nodes, "Person")
    assert "Quách Thị Tuyết" in persons
    assert "Đinh Thắng" not in persons  # the byline: provenance, shown in tooltips, not a dot on the map
    linked = {n for edge in sel.edges for n in edge[:2]}
    assert set(sel.nodes) - linked <= set(sel.focus)


def test_map_of_a_merged_into_province_includes_the_former_unit(sample_graph: KnowledgeGraph) -> None:
    sel = select(sample_graph, "province", "Phú Thọ")
    assert {"Phú Thọ", "Hòa Bình"} <= _names(sample_graph, sel.nodes, "Place")
    assert "Quách Thị Tuyết" in _names(sample_graph, sel.nodes, "Person")
    assert "Also shows the former Hòa Bình, now part of Phú Thọ." in sel.notes
    # The former unit's own map stays as it was: the successor is one hop away, not its content.
    alone = select(sample_graph, "province", "Hòa Bình")
    assert not alone.notes and "Quách Thị Tuyết" in _names(sample_graph, alone.nodes, "Person")


def test_index_lists_gazetteer_provinces_only_and_says_where_merged_units_went(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    index, links = write_index(sample_graph, tmp_path, busiest=1)
    provinces = {link.name for link in links if link.section == "Provinces"}
    assert {"Hòa Bình → Phú Thọ", "Thừa Thiên Huế → Huế", "Quảng Ninh", "Phú Thọ"} <= provinces
    assert not any("Hạ Long" in name for name in provinces)
    html = index.read_text(encoding="utf-8")
    assert not re.search(r"\b1 relationships\b|\b1 nodes\b", html)
    # The provincial city keeps its own map on request.
    assert "Đặng Xuân Trường" in _names(sample_graph, select(sample_graph, "province", "Hạ Long").nodes, "Person")


@pytest.mark.parametrize("budget", [25, 60, 120])
def test_cut_whole_graph_is_grown_from_hubs_not_a_scatter_of_islands(sample_graph: KnowledgeGraph, budget: int) -> None:
    import networkx as nx

    sel = select(sample_graph, "all", max_nodes=budget)
    assert sel.cut and len(sel.nodes) == budget
    drawn = nx.Graph()
    drawn.add_nodes_from(sel.nodes)
    drawn.add_edges_from((s, t) for s, t, _ in sel.edges)
    # Every node kept has a relationship on the map, and the map is one piece grown from the best
    # connected node (the sample articles' graph has one component far larger than these budgets).
    assert min(dict(drawn.degree()).values()) > 0
    assert nx.number_connected_components(drawn) == 1
    whole = select(sample_graph, "all")
    best = max(whole.nodes, key=lambda n: sum(1 for e in whole.edges if n in e[:2]))
    assert best in sel.nodes


def test_fact_names_the_newspaper_with_the_article_title_and_date(sample_graph: KnowledgeGraph) -> None:
    from danvan.viz.page import map_data

    # hoabinh_2022-06-21 ends "(Nguồn: Báo Hoà Bình)"; its headline names the workshop.
    data = map_data(sample_graph, select(sample_graph, "person", "Quách Thị Tuyết", hops=1))
    holds = [e for e in data["edges"] if e["type"] == "HOLDS"]
    assert holds
    article = data["articles"][holds[0]["art"]]
    assert article["t"] == "Hòa Bình: Phát huy vai trò người có uy tín trong vùng đồng bào dân tộc thiểu số"
    assert (article["d"], article["s"]) == ("2022-06-21", "Báo Hòa Bình")
    assert article["p"].endswith("hoabinh_2022-06-21_hoi-thao-nguoi-co-uy-tin.txt")
    # The evidence sentence, her name marked in it.
    marked = [holds[0]["ev"][a:b] for a, b in holds[0]["hl"]]
    assert "Quách Thị Tuyết" in marked


@pytest.mark.parametrize("spelling", ["Thừa Thiên - Huế", "TT-Huế", "tỉnh Thừa Thiên Huế"])
def test_province_map_accepts_the_gazetteer_spellings(sample_graph: KnowledgeGraph, spelling: str) -> None:
    # bandanvantw_2024-08-22 writes "Thừa Thiên Huế"; analysts also type the abbreviations.
    sel = select(sample_graph, "province", spelling)
    assert _names(sample_graph, sel.focus, "Place") == {"Thừa Thiên Huế"}


def test_whole_graph_leaves_out_nodes_linked_to_nothing_and_says_how_many(sample_graph: KnowledgeGraph) -> None:
    sel = select(sample_graph, "all")
    persons = _names(sample_graph, sel.nodes, "Person")
    assert "Quách Thị Tuyết" in persons and "Đinh Thắng" not in persons  # the byline of hoabinh_2022-06-21
    linked = {n for edge in sel.edges for n in edge[:2]}
    assert set(sel.nodes) == linked
    dropped = [n for n, a in sample_graph.nodes() if a["label"] != "Article" and n not in linked and n not in sel.nodes]
    assert dropped and any(f"{len(dropped)} nodes with no relationship" in note for note in sel.notes)


def test_district_map_by_its_bare_name(sample_graph: KnowledgeGraph) -> None:
    # tin_tong_hop_2024.jsonl: "Bí thư Huyện ủy Quỳnh Lưu Phan Đức Tài chủ trì buổi lễ".
    sel = select(sample_graph, "province", "Quỳnh Lưu")
    assert _names(sample_graph, sel.focus, "Place") == {"huyện Quỳnh Lưu"}
    # the province of the same article is still found as a province, not as a lower unit
    assert _names(sample_graph, select(sample_graph, "province", "Nghệ An").focus, "Place") == {"Nghệ An"}


def test_province_map_takes_in_the_organisations_of_its_districts(sample_graph: KnowledgeGraph) -> None:
    # quận Long Biên LOCATED_IN Hà Nội: the district's people's committee is Hà Nội's, although no
    # organisation chain links it to the city's party committee.
    sel = select(sample_graph, "province", "Hà Nội")
    assert {"quận Long Biên", "Ủy ban nhân dân quận Long Biên", "Quận ủy Long Biên"} <= _names(
        sample_graph, sel.nodes, "Place"
    ) | _names(sample_graph, sel.nodes, "Organization")
    assert "Also shows the lower units located in it: quận Long Biên." in sel.notes
    # the district's own map stays the district's
    assert _names(sample_graph, select(sample_graph, "province", "Long Biên").focus, "Place") == {"quận Long Biên"}
