"""Tooltips: what a node or an edge is, the facts behind it with their dates, the evidence sentence
and the article it comes from. Every piece of text is HTML-escaped here, once; the page turns the
escaped markup into a DOM element (vis-network would show a plain string as text, markup included).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.schema import SCHEMA
from danvan.viz.selection import ARTICLE, PROVENANCE_RELS, as_date

#: Properties that are bookkeeping, not facts an analyst reads.
_HIDDEN_PROPS = frozenset(
    {
        "id",
        "name",
        "label",
        "type",
        "extraction",
        "content_hash",
        "sources",
        "evidence",
        "evidence_article",
        "evidence_start",
        "evidence_end",
        "first_seen",
        "last_seen",
    }
)
MAX_FACTS = 12
MAX_ARTICLES = 3
MAX_SENTENCE = 500


@dataclass(frozen=True)
class ArticleRef:
    title: str
    published: dt.date | None
    #: The newspaper ("Báo Hòa Bình"): the first thing an analyst weighs a claim by.
    source: str = ""


def article_index(kg: KnowledgeGraph) -> dict[str, ArticleRef]:
    return {
        node_id: ArticleRef(
            str(attrs.get("title") or attrs.get("name") or node_id),
            as_date(attrs.get("published")),
            str(attrs.get("source") or ""),
        )
        for node_id, attrs in kg.nodes(ARTICLE)
    }


def _value(value: Any) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()[:10]
    if isinstance(value, list | tuple):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return str(value)


def _span(first: Any, last: Any) -> str:
    a, b = as_date(first), as_date(last)
    if a is None and b is None:
        return ""
    if a == b or b is None:
        return (a or b).isoformat()  # type: ignore[union-attr]
    if a is None:
        return b.isoformat()
    return f"{a.isoformat()} – {b.isoformat()}"


def visible_props(attrs: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The properties an analyst reads, as (name, text) in name order."""
    rows = []
    for key in sorted(attrs):
        if key in _HIDDEN_PROPS:
            continue
        value = attrs[key]
        if value is None or value == "" or value == []:
            continue
        rows.append((key.replace("_", " "), _value(value)))
    return rows


def _props(attrs: Mapping[str, Any]) -> list[str]:
    return [f"<div><span class='k'>{escape(k)}</span> {escape(v)}</div>" for k, v in visible_props(attrs)]


def _article_line(ref: ArticleRef | None, article_id: str) -> str:
    if ref is None:
        return f"<div class='art'><span class='k'>article</span> {escape(article_id)}</div>"
    about = " · ".join(x for x in (ref.published.isoformat() if ref.published else "", ref.source) if x)
    date = f" <span class='d'>({escape(about)})</span>" if about else ""
    return f"<div class='art'><span class='k'>article</span> {escape(ref.title)}{date}</div>"


def node_tooltip(
    kg: KnowledgeGraph,
    node_id: str,
    facts: Iterable[tuple[str, str, str]],
    articles: Mapping[str, ArticleRef],
) -> str:
    """Name, kind, properties, dates, the node's facts in the map (with dates) and the articles naming it."""
    attrs = kg.g.nodes[node_id]
    node_type = SCHEMA.node(attrs["label"])
    parts = [
        f"<div class='tt'><b>{escape(str(attrs.get('name') or node_id))}</b>",
        f"<div class='lbl'>{escape(node_type.label_en)} · {escape(node_type.label_vi)}</div>",
    ]
    seen = _span(attrs.get("first_seen"), attrs.get("last_seen"))
    if seen:
        parts.append(f"<div><span class='k'>seen</span> {escape(seen)}</div>")
    parts.extend(_props(attrs))
    # The id is what `danvan map --event ID` and the Cypher queries take.
    parts.append(f"<div><span class='k'>id</span> {escape(node_id)}</div>")
    lines = []
    for source, target, key in facts:
        e = kg.g.edges[source, target, key]
        rel = SCHEMA.rel(e["type"])
        if source == node_id:
            other, phrase = target, rel.label_en
        else:
            other, phrase = source, f"{rel.label_en} by"
        other_name = kg.g.nodes[other].get("name") or other
        extra = [f"{k}: {_value(e[k])}" for k in ("status", "value", "unit") if e.get(k) not in (None, "")]
        when = _span(e.get("first_seen"), e.get("last_seen"))
        text = f"{phrase} {other_name}"
        if extra:
            text += f" ({'; '.join(extra)})"
        date = f" <span class='d'>{escape(when)}</span>" if when else ""
        lines.append(f"<li>{escape(text)}{date}</li>")
    if lines:
        shown = lines[:MAX_FACTS]
        more = f"<li>… {len(lines) - MAX_FACTS} more</li>" if len(lines) > MAX_FACTS else ""
        parts.append(f"<ul>{''.join(shown)}{more}</ul>")
    if attrs["label"] != ARTICLE:
        mentions = sorted(
            (t for _, t, e in kg.g.out_edges(node_id, data=True) if e["type"] in PROVENANCE_RELS and t in articles),
            key=lambda a: (articles[a].published or dt.date.min, a),
            reverse=True,
        )
        for article_id in mentions[:MAX_ARTICLES]:
            parts.append(_article_line(articles.get(article_id), article_id))
        if len(mentions) > MAX_ARTICLES:
            parts.append(f"<div class='d'>… {len(mentions) - MAX_ARTICLES} more articles</div>")
    parts.append("</div>")
    return "".join(parts)


def edge_tooltip(kg: KnowledgeGraph, source: str, target: str, key: str, articles: Mapping[str, ArticleRef]) -> str:
    """The fact in words, its properties and dates, the evidence sentence and its article."""
    e = kg.g.edges[source, target, key]
    rel = SCHEMA.rel(e["type"])
    s_name = kg.g.nodes[source].get("name") or source
    t_name = kg.g.nodes[target].get("name") or target
    rel_name = f"{rel.label_en} ({rel.label_vi})"
    parts = [f"<div class='tt'><b>{escape(s_name)}</b> — {escape(rel_name)} → <b>{escape(t_name)}</b>"]
    when = _span(e.get("first_seen"), e.get("last_seen"))
    if when:
        parts.append(f"<div><span class='k'>seen</span> {escape(when)}</div>")
    parts.extend(_props(e))
    sources = e.get("sources") or []
    if sources:
        plural = "s" if len(sources) != 1 else ""
        parts.append(f"<div><span class='k'>sources</span> {len(sources)} article{plural}</div>")
    sentence = str(e.get("evidence") or "")
    if sentence:
        if len(sentence) > MAX_SENTENCE:
            sentence = sentence[: MAX_SENTENCE - 1] + "…"
        parts.append(f"<blockquote>{escape(sentence)}</blockquote>")
    article_id = e.get("evidence_article") or (sources[0] if sources else None)
    if article_id:
        parts.append(_article_line(articles.get(article_id), article_id))
    parts.append("</div>")
    return "".join(parts)
