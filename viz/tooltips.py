"""What the tooltips and the detail panel say about a node besides its facts: the properties an
analyst reads, and the articles (title, date, newspaper) the facts cite. The page builds tooltips
and panel from this data with text nodes only, so no article text is ever parsed as markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from danvan.graph.knowledge import KnowledgeGraph
from danvan.viz.selection import ARTICLE, as_date

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
