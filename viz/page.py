"""One self-contained HTML page per map: vis-network (the copy pyvis ships), our script and style,
and the map's data are all inlined, so the page opens from disk and asks the network for nothing.

Nodes and edges are handed to vis in bulk as two JSON arrays; growing a pyvis ``Network`` edge by
edge is quadratic and was too slow for a few thousand edges.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from danvan.graph.atomic_file import write_text_atomic
from danvan.graph.knowledge import KnowledgeGraph
from danvan.viz import style
from danvan.viz.layout import PHYSICS_LIMIT, force_layout
from danvan.viz.selection import PROVENANCE_RELS, MapSelection
from danvan.viz.tooltips import ArticleRef, article_index, edge_tooltip, node_tooltip

VIS_VERSION = "9.1.2"
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


@cache
def _vis_asset(name: str) -> str:
    # find_spec locates pyvis without importing it (its import pulls in jinja2 and IPython helpers).
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed: it ships the vis-network files the maps inline")
    path = Path(next(iter(spec.submodule_search_locations))) / "templates" / "lib" / f"vis-{VIS_VERSION}" / name
    return path.read_text(encoding="utf-8")


@cache
def _own_asset(name: str) -> str:
    return (resources.files("danvan.viz") / "assets" / name).read_text(encoding="utf-8")


def _inline_safe(text: str, tag: str) -> str:
    """A script or style body must not close its own element early."""
    return re.sub(f"</(?={tag})", r"<\\/", text, flags=re.IGNORECASE)


def script_json(value: Any) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' survives literally, so neither
    '</script>' nor '<!--' can end or confuse the element whatever the article text says."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _csp(scripts: list[str]) -> str:
    # Only our own two inline scripts may run (by hash): a script that slipped into the page through
    # article text would be refused by the browser even if escaping failed; nothing may be fetched.
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'" for s in scripts
    )
    return f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; font-src data:"


def _legend_html(entries: list[style.LegendEntry], attr: str) -> str:
    rows = []
    for entry in entries:
        rows.append(
            f'<label><input type="checkbox" checked data-{attr}="{escape(entry.key)}">'
            f'<span class="sw sw-{escape(entry.shape)}" style="--c:{escape(entry.color)}"></span>'
            f'{escape(entry.text)}<span class="count">{entry.count}</span></label>'
        )
    return "\n    ".join(rows) or "<p>none</p>"


def map_data(
    kg: KnowledgeGraph, selection: MapSelection, articles: Mapping[str, ArticleRef] | None = None
) -> dict[str, Any]:
    """The JSON the page script reads: vis node and edge items, physics on or off.
    ``articles`` (from :func:`viz.tooltips.article_index`) may be passed in when drawing many maps."""
    if articles is None:
        articles = article_index(kg)
    incident: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    graph = nx.Graph()
    graph.add_nodes_from(selection.nodes)
    for s, t, k in selection.edges:
        graph.add_edge(s, t)
        if kg.g.edges[s, t, k]["type"] not in PROVENANCE_RELS:
            incident[s].append((s, t, k))
            incident[t].append((s, t, k))
    big = len(selection.nodes) > PHYSICS_LIMIT
    positions = force_layout(graph, selection.focus) if big else {}
    focus = set(selection.focus)
    nodes = []
    for node_id in selection.nodes:
        attrs = kg.g.nodes[node_id]
        label = attrs["label"]
        name = str(attrs.get("name") or node_id)
        item: dict[str, Any] = {
            "id": node_id,
            "label": style.display_label(name),
            "name": name,
            "group": label,
            "shape": style.node_shape(label),
            "color": style.node_color(label),
            "size": style.node_size(graph.degree(node_id)),
            "title": node_tooltip(kg, node_id, incident.get(node_id, []), articles),
        }
        font: dict[str, Any] = {}
        color = style.font_color(label)
        if color:
            font["color"] = color
        if node_id in focus:
            item["borderWidth"] = 4
            font["size"] = 18
        if font:
            item["font"] = font
        if big:
            item["x"], item["y"] = positions[node_id]
        nodes.append(item)
    edges = []
    for s, t, k in selection.edges:
        rel_type = kg.g.edges[s, t, k]["type"]
        edges.append(
            {
                "id": k,
                "from": s,
                "to": t,
                "label": style.edge_label(rel_type),
                "type": rel_type,
                "title": edge_tooltip(kg, s, t, k, articles),
            }
        )
    return {"title": selection.title, "physics": not big, "focus": selection.focus, "nodes": nodes, "edges": edges}


def render_page(kg: KnowledgeGraph, selection: MapSelection, articles: Mapping[str, ArticleRef] | None = None) -> str:
    data = map_data(kg, selection, articles)
    vis_js = _inline_safe(_vis_asset("vis-network.min.js"), "script")
    map_js = _inline_safe(_own_asset("map.js"), "script")
    label_counts = Counter(n["group"] for n in data["nodes"])
    type_counts = Counter(e["type"] for e in data["edges"])
    note_texts = list(selection.notes)
    if not data["nodes"]:
        note_texts.append("Nothing to draw: no node matches this map's focus and dates.")
    notes = "".join(f'<p class="note">{escape(note)}</p>' for note in note_texts)
    stats = f"{len(data['nodes'])} nodes · {len(data['edges'])} relationships"
    if selection.cut:
        stats += f" (of {selection.total_nodes} nodes)"
    values = {
        "CSP": escape(_csp([vis_js, map_js])),
        "TITLE": escape(selection.title),
        "STATS": escape(stats),
        "NOTES": notes,
        "NODE_LEGEND": _legend_html(style.node_legend(label_counts), "label"),
        "EDGE_LEGEND": _legend_html(style.edge_legend(type_counts), "type"),
        "DATA": script_json(data),
        "VIS_CSS": _inline_safe(_vis_asset("vis-network.css"), "style"),
        "MAP_CSS": _inline_safe(_own_asset("map.css"), "style"),
        "VIS_JS": vis_js,
        "MAP_JS": map_js,
    }
    # One pass, so text substituted for one placeholder is never scanned for another.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _own_asset("map.html"))


def write_map(
    kg: KnowledgeGraph, selection: MapSelection, out: Path, articles: Mapping[str, ArticleRef] | None = None
) -> Path:
    write_text_atomic(out, render_page(kg, selection, articles))
    return out
