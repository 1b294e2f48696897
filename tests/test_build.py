"""Building the knowledge graph from extractions: provenance, mentions, determinism."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from test_build_factory import BAC_NINH_POST, ArticleMaker, bac_ninh_article

from danvan.graph.build import build_graph
from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.model import Extraction


def holds_edges(kg: KnowledgeGraph) -> list[dict]:
    return [attrs for _, _, _, attrs in kg.edges("HOLDS")]


def dump(kg: KnowledgeGraph) -> list[str]:
    nodes = [repr((n, sorted(a.items()))) for n, a in kg.g.nodes(data=True)]
    edges = [repr((s, t, k, sorted(a.items()))) for s, t, k, a in kg.g.edges(keys=True, data=True)]
    return sorted(nodes) + sorted(edges)


def test_holding_keeps_sources_dates_and_the_earliest_evidence() -> None:
    later = bac_ninh_article("later", "2024-07-01", status="former")
    earlier = bac_ninh_article("earlier", "2024-06-19", status="current")
    kg = build_graph([later, earlier])
    [holds] = holds_edges(kg)
    assert holds["sources"] == sorted([later.article.id, earlier.article.id])
    assert holds["first_seen"] == dt.date(2024, 6, 19)
    assert holds["last_seen"] == dt.date(2024, 7, 1)
    assert holds["evidence_article"] == earlier.article.id
    assert holds["evidence"] == "Đồng chí Nguyễn Công Thắng, Trưởng Ban Dân vận Tỉnh ủy (earlier)."
    assert (holds["evidence_start"], holds["evidence_end"]) == (0, len(holds["evidence"]))
    # The latest article tells the current state of the holding.
    assert holds["status"] == "former"


def test_a_post_shows_succession_of_holders() -> None:
    kg = build_graph(
        [
            bac_ninh_article("old", "2019-03-01", name="Trần Văn Cũ", status="former"),
            bac_ninh_article("new", "2024-06-19", name="Nguyễn Công Thắng"),
        ]
    )
    post_id = next(n for n, a in kg.nodes("Post") if a["name"] == BAC_NINH_POST)
    holders = sorted(
        (a["first_seen"], kg.node(s)["name"], a["status"]) for s, t, _, a in kg.edges("HOLDS") if t == post_id
    )
    assert holders == [
        (dt.date(2019, 3, 1), "Trần Văn Cũ", "former"),
        (dt.date(2024, 6, 19), "Nguyễn Công Thắng", "current"),
    ]


def test_every_entity_is_mentioned_in_its_articles_with_a_sentence() -> None:
    a, b = bac_ninh_article("a", "2024-06-19"), bac_ninh_article("b", "2024-07-01")
    kg = build_graph([a, b])
    mentioned = {(s, t) for s, t, _, _ in kg.edges("MENTIONED_IN")}
    for node_id, attrs in kg.nodes():
        if attrs["label"] == "Article" or attrs["name"] == "Việt Hùng":
            continue
        if attrs["label"] == "Event":  # the two workshops have different dates: two events
            own = a.article.id if attrs["date"] == dt.date(2024, 6, 19) else b.article.id
            assert {t for s, t in mentioned if s == node_id} == {own}
            continue
        assert {(node_id, a.article.id), (node_id, b.article.id)} <= mentioned, attrs["name"]
    campaign = next(n for n, attrs in kg.nodes("Campaign"))
    [(_, _, _, edge)] = [e for e in kg.edges("MENTIONED_IN") if e[0] == campaign and e[1] == a.article.id]
    assert edge["evidence"] == "Bắc Ninh có 4.235 mô hình (a)."
    assert edge["sources"] == [a.article.id]


def test_bylines_become_authors_of_the_article() -> None:
    a = bac_ninh_article("a", "2024-06-19")
    kg = build_graph([a])
    [(src, dst, _, attrs)] = list(kg.edges("AUTHORED"))
    assert kg.node(src)["name"] == "Việt Hùng" and dst == a.article.id
    assert attrs["evidence_article"] == a.article.id
    assert not any(s == src for s, _, _, _ in kg.edges("MENTIONED_IN"))


def test_article_node_keeps_its_hash_and_extraction() -> None:
    a = bac_ninh_article("a", "2024-06-19")
    kg = build_graph([a])
    article = kg.node(a.article.id)
    assert article["content_hash"] == a.article.content_hash
    assert Extraction.from_json(json.loads(article["extraction"])).to_json() == a.to_json()
    assert article["published"] == article["first_seen"] == dt.date(2024, 6, 19)


def test_campaign_figures_come_from_the_latest_article() -> None:
    old = bac_ninh_article("a", "2020-01-01")
    new = bac_ninh_article("b", "2024-01-01")
    new.facts = [f for f in new.facts if f.type != "RUNS"] + [
        type(f)(f.type, f.subject, f.object, f.evidence, {"value": 5000, "unit": "mô hình"})
        for f in new.facts
        if f.type == "RUNS"
    ]
    kg = build_graph([new, old])
    [(_, _, _, runs)] = list(kg.edges("RUNS"))
    assert (runs["value"], runs["unit"], runs["first_seen"]) == (5000.0, "mô hình", dt.date(2020, 1, 1))


def test_same_articles_in_any_order_give_the_same_graph() -> None:
    articles = [bac_ninh_article(k, d) for k, d in (("a", "2024-06-19"), ("b", "2023-01-02"), ("c", "2024-06-19"))]
    assert dump(build_graph(articles)) == dump(build_graph(list(reversed(articles))))
    # A repeated article counts once.
    assert dump(build_graph(articles + articles[:1])) == dump(build_graph(articles))


def test_fact_naming_an_unknown_entity_is_skipped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    a = ArticleMaker("bad", "2024-01-01", place="Bắc Ninh")
    p = a.person("Nguyễn Văn A")
    a.fact("HOLDS", p, "e99", "câu")
    with caplog.at_level(logging.WARNING, logger="danvan.graph.build"):
        kg = build_graph([a.build()])
    assert kg.counts()["relationships"]["HOLDS"] == 0
    assert "unknown entity" in caplog.text


def test_seed_graph_names_the_bac_ninh_ban_dan_van_chief(seed_graph: KnowledgeGraph) -> None:
    post_ids = [n for n, a in seed_graph.nodes("Post") if a["name"].casefold() == BAC_NINH_POST.casefold()]
    assert post_ids, "the seed graph has no post 'Trưởng Ban Dân vận Tỉnh ủy Bắc Ninh'"
    holders = [(seed_graph.node(s)["name"], a) for s, t, _, a in seed_graph.edges("HOLDS") if t in post_ids]
    assert [name for name, _ in holders] == ["Nguyễn Công Thắng"]
    holding = holders[0][1]
    assert holding["first_seen"] == dt.date(2024, 6, 19)
    assert holding["evidence"] and "Nguyễn Công Thắng" in holding["evidence"]
    assert holding["evidence_article"] in holding["sources"]


def test_seed_graph_is_the_same_built_twice(seed_extractions: list) -> None:
    assert dump(build_graph(seed_extractions)) == dump(build_graph(list(reversed(seed_extractions))))
