"""One HTML page per map: vis-network (the copy pyvis ships), our script and style, and the map's
data. A single map inlines everything, so the page opens from disk and asks the network for nothing;
the maps of one folder (``map-index``) share one copy of vis-network beside them instead.

Positions are computed here (``viz/layout.py``), never in the browser, so a page is drawn at once.
Nodes and edges are handed to vis in bulk as two JSON arrays; growing a pyvis ``Network`` edge by
edge is quadratic and was too slow for a few thousand edges.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import re
from collections import Counter
from collections.abc import Mapping
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from danvan.graph.ids import fold
from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.schema import SCHEMA
from danvan.viz import style
from danvan.viz.layout import force_layout
from danvan.viz.panel import MAX_MENTIONS, article_record, fact_record, mentions, node_provinces
from danvan.viz.selection import ARTICLE, MapSelection
from danvan.viz.tooltips import ArticleRef, article_index, visible_props

VIS_VERSION = "9.1.2"
NOTE_FOLD = 150
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


def _csp(scripts: list[str], *, self_scripts: bool = False) -> str:
    # Only our own inline scripts may run (by hash): a script that slipped into the page through
    # article text would be refused by the browser even if escaping failed; nothing may be fetched.
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'" for s in scripts
    )
    if self_scripts:
        hashes = "'self' " + hashes
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
    """The JSON the page script reads: nodes with their positions, edges with the facts behind them,
    the articles they cite. ``articles`` (from :func:`viz.tooltips.article_index`) may be passed in
    when drawing many maps."""
    if articles is None:
        articles = article_index(kg)
    graph = nx.Graph()
    graph.add_nodes_from(selection.nodes)
    graph.add_edges_from((s, t) for s, t, _ in selection.edges)
    positions = force_layout(graph, selection.focus)
    provinces = node_provinces(kg, selection.nodes)
    published = {a: ref.published for a, ref in articles.items()}
    cited: set[str] = set()
    focus = set(selection.focus)
    nodes = []
    for node_id in selection.nodes:
        attrs = kg.g.nodes[node_id]
        label = attrs["label"]
        name = " ".join(str(attrs.get("name") or node_id).split())
        province = provinces.get(node_id, "")
        x, y = positions[node_id]
        item: dict[str, Any] = {
            "id": node_id,
            "name": name,
            "short": style.short_label(name, province),
            "group": label,
            "shape": style.node_shape(label),
            "color": style.node_color(label),
            "size": style.node_size(graph.degree(node_id)),
            "deg": graph.degree(node_id),
            "x": x,
            "y": y,
        }
        if province:
            item["prov"] = province
        props = [list(p) for p in visible_props(attrs)]
        if props:
            item["props"] = props
        if label != ARTICLE:
            named_in = mentions(kg, node_id, published)
            if named_in:
                item["arts"] = named_in[:MAX_MENTIONS]
                item["narts"] = len(named_in)
                cited.update(item["arts"])
        if node_id in focus:
            item["focus"] = True
        nodes.append(item)
    edges = []
    split: dict[str, Any] = {}
    for s, t, k in selection.edges:
        rel_type = kg.g.edges[s, t, k]["type"]
        edge: dict[str, Any] = {
            "id": k,
            "from": s,
            "to": t,
            "label": style.edge_label(rel_type),
            "type": rel_type,
            **fact_record(kg, s, t, k, split),
        }
        if "art" in edge:
            cited.add(edge["art"])
        edges.append(edge)
    return {
        "title": selection.title,
        "physics": False,
        "focus": selection.focus,
        "nodes": nodes,
        "edges": edges,
        "articles": {a: article_record(kg.g.nodes[a]) for a in sorted(cited) if a in kg.g},
        "kinds": {n.label: [n.label_en, n.label_vi] for n in SCHEMA.nodes},
        "relations": {r.type: [r.label_en, r.label_vi] for r in SCHEMA.rels},
        "statuses": style.STATUS_STYLE,
    }


def _status_legend_html(counts: Counter[str]) -> str:
    rows = []
    for status, spec in style.STATUS_STYLE.items():
        dash = "dashed" if spec["dashes"] else "solid"
        swatch = (
            f"--c:{spec['color']};border-top-style:{dash};opacity:{spec['opacity']};border-top-width:{spec['width']}px"
        )
        rows.append(
            f'<label><input type="checkbox" checked data-status="{escape(status)}">'
            f'<span class="sw sw-edge" style="{escape(swatch)}"></span>'
            f'{escape(str(spec["text"]))}<span class="count">{counts.get(status, 0)}</span></label>'
        )
    return "\n    ".join(rows)


def _province_options(data: dict[str, Any]) -> str:
    counts = Counter(n["prov"] for n in data["nodes"] if n.get("prov"))
    options = ['<option value="">all provinces</option>']
    options += [
        f'<option value="{escape(p)}">{escape(p)} ({counts[p]})</option>'
        for p in sorted(counts, key=lambda p: (fold(p), p))
    ]
    return "".join(options)


def _note_html(note: str) -> str:
    # A province's list of lower units can run to ten lines: folded, it leaves the map its room.
    if len(note) <= NOTE_FOLD:
        return f'<p class="note">{escape(note)}</p>'
    return f'<details class="note"><summary>{escape(note[: NOTE_FOLD - 1])}…</summary>{escape(note)}</details>'


def vis_library() -> str:
    """The vis-network script, as the pages of a folder share it."""
    return _vis_asset("vis-network.min.js")


def render_page(
    kg: KnowledgeGraph,
    selection: MapSelection,
    articles: Mapping[str, ArticleRef] | None = None,
    *,
    library: str | None = None,
) -> str:
    """The page. ``library`` is the relative path of a shared vis-network file beside the page
    (see :func:`write_library`); without it the library is inlined."""
    data = map_data(kg, selection, articles)
    map_js = _inline_safe(_own_asset("map.js"), "script")
    if library is None:
        vis_js = _inline_safe(vis_library(), "script")
        vis_tag = f"<script>{vis_js}</script>"
        csp = _csp([vis_js, map_js])
    else:
        vis_tag = f'<script src="{escape(library)}"></script>'
        # 'self' admits the shared file beside the page; inline scripts still need their hash.
        csp = _csp([map_js], self_scripts=True)
    label_counts = Counter(n["group"] for n in data["nodes"])
    type_counts = Counter(e["type"] for e in data["edges"])
    status_counts = Counter(e["status"] for e in data["edges"] if e["type"] == "HOLDS" and e.get("status"))
    note_texts = list(selection.notes)
    if not data["nodes"]:
        note_texts.append("Nothing to draw: no node matches this map's focus and dates.")
    notes = "".join(_note_html(note) for note in note_texts)
    stats = f"{len(data['nodes'])} nodes · {len(data['edges'])} relationships"
    if selection.cut:
        stats += f" (of {selection.total_nodes} nodes)"
    values = {
        "CSP": escape(csp),
        "TITLE": escape(selection.title),
        "STATS": escape(stats),
        "NOTES": notes,
        "NODE_LEGEND": _legend_html(style.node_legend(label_counts), "label"),
        "EDGE_LEGEND": _legend_html(style.edge_legend(type_counts), "type"),
        "STATUS_LEGEND": _status_legend_html(status_counts),
        "PROVINCES": _province_options(data),
        "DATA": script_json(data),
        "MAP_CSS": _inline_safe(_own_asset("map.css"), "style"),
        "VIS_SCRIPT": vis_tag,
        "MAP_JS": map_js,
    }
    # One pass, so text substituted for one placeholder is never scanned for another.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _own_asset("map.html"))


LIBRARY_DIR = "lib"


def write_library(folder: Path) -> str:
    """Write the shared vis-network file into ``folder`` once; returns its path relative to it."""
    relative = f"{LIBRARY_DIR}/vis-network-{VIS_VERSION}.min.js"
    path = folder / relative
    text = vis_library()
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return relative


def write_map(
    kg: KnowledgeGraph,
    selection: MapSelection,
    out: Path,
    articles: Mapping[str, ArticleRef] | None = None,
    *,
    library: str | None = None,
) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_page(kg, selection, articles, library=library), encoding="utf-8")
    return out
