"""The demo's front page: one map per province, per campaign and for the busiest officials, plus
the whole graph, each written beside an ``index.html`` that links them (plain HTML, no script).
The maps share one copy of vis-network in ``lib/`` (inlined, it was 0.69 MB per map)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from danvan.graph import places
from danvan.graph.ids import fold
from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.schema import SCHEMA
from danvan.viz.page import write_library, write_map
from danvan.viz.selection import PROVENANCE_RELS, FocusKind, prepare, select
from danvan.viz.tooltips import article_index

BUSIEST = 15
WHOLE_GRAPH_MAX = 2000


@dataclass(frozen=True)
class MapLink:
    section: str
    name: str
    file: str
    nodes: int
    edges: int
    cut: bool


def _file_name(node_id: str) -> str:
    # Node ids are ASCII slugs plus a hash (graph.ids), so they make unique, stable file names.
    return node_id.replace(":", "_") + ".html"


def _sort_key(attrs: dict[str, Any]) -> tuple[str, str]:
    # Alphabetical as a reader expects: "Đà Nẵng" among the D's, case and accents ignored first.
    name = str(attrs.get("name") or "")
    return fold(name), name


def _successor_suffix(kg: KnowledgeGraph, node_id: str) -> str:
    """' → Phú Thọ' for a unit merged on 1 July 2025, so the index says why it has two entries."""
    edges = kg.g.out_edges(node_id, data=True)
    targets = sorted(str(kg.g.nodes[t].get("name") or t) for _, t, e in edges if e["type"] == "MERGED_INTO")
    return f" → {', '.join(targets)}" if targets else ""


def busiest_persons(kg: KnowledgeGraph, limit: int = BUSIEST) -> list[str]:
    """Persons with the most facts (article mentions not counted), ties broken by name then id."""

    def facts(node_id: str) -> int:
        return sum(1 for *_, e in kg.g.edges(node_id, data=True) if e["type"] not in PROVENANCE_RELS) + sum(
            1 for *_, e in kg.g.in_edges(node_id, data=True) if e["type"] not in PROVENANCE_RELS
        )

    scored = [(facts(n), str(a.get("name") or ""), n) for n, a in kg.nodes("Person")]
    scored = [s for s in scored if s[0] > 0]
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    return [n for _, _, n in scored[:limit]]


def write_index(
    kg: KnowledgeGraph, out_dir: Path, *, busiest: int = BUSIEST, max_nodes: int = WHOLE_GRAPH_MAX
) -> tuple[Path, list[MapLink]]:
    out_dir.mkdir(parents=True, exist_ok=True)
    links: list[MapLink] = []
    universe = prepare(kg)
    articles = article_index(kg)
    library = write_library(out_dir)

    def add(section: str, kind: FocusKind, node_id: str | None, file: str) -> None:
        selection = select(kg, kind, node_id, max_nodes=max_nodes, universe=universe)
        if kind != "all" and len(selection.nodes) < 2:
            return  # a map of one lonely node helps nobody
        write_map(kg, selection, out_dir / file, articles, library=library)
        name = str(kg.g.nodes[node_id].get("name") or node_id) if node_id else "Whole graph"
        if kind == "province" and node_id:
            name += _successor_suffix(kg, node_id)
        links.append(MapLink(section, name, file, len(selection.nodes), len(selection.edges), selection.cut))

    # Provinces and centrally governed cities of the gazetteer only. The kind is not enough: the
    # articles' provincial cities ("thành phố Hạ Long", in Quảng Ninh) are kind "city" too, and
    # lower units would flood the index.
    by_name = sorted((_sort_key(a), n) for n, a in kg.nodes("Place") if str(a.get("name") or "") in places.BY_NAME)
    for _, node_id in by_name:
        add("Provinces", "province", node_id, _file_name(node_id))
    for _, node_id in sorted((_sort_key(a), n) for n, a in kg.nodes("Campaign")):
        add("Campaigns", "campaign", node_id, _file_name(node_id))
    for node_id in busiest_persons(kg, busiest):
        add("Busiest officials", "person", node_id, _file_name(node_id))
    add("Whole graph", "all", None, "whole-graph.html")

    index = out_dir / "index.html"
    index.write_text(_index_html(kg, links), encoding="utf-8")
    return index, links


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _index_html(kg: KnowledgeGraph, links: list[MapLink]) -> str:
    counts = kg.counts()["nodes"]
    summary = ", ".join(f"{escape(n.label_en)}: {counts[n.label]}" for n in SCHEMA.nodes if counts[n.label])
    sections = []
    for section in ("Provinces", "Campaigns", "Busiest officials", "Whole graph"):
        items = [link for link in links if link.section == section]
        if not items:
            continue
        rows = "".join(
            f'<li><a href="{escape(link.file)}">{escape(link.name)}</a> '
            f'<span class="n">{_count(link.nodes, "node")}, {_count(link.edges, "relationship")}'
            f"{' (cut)' if link.cut else ''}</span></li>"
            for link in items
        )
        sections.append(f"<h2>{escape(section)}</h2><ul>{rows}</ul>")
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        '<title>danvan maps</title><style>body{font-family:system-ui,"DejaVu Sans",Arial,sans-serif;'
        "margin:2em;max-width:60em}.n{color:#777;font-size:90%}li{margin:2px 0}</style></head><body>"
        f"<h1>danvan maps</h1><p>Graph: {summary}.</p>{''.join(sections)}</body></html>\n"
    )
