"""What the page's detail panel, filters and search read besides the drawing: each fact's status,
dates (stated tenure or first/last seen) and evidence with the fact's words marked, each node's
province, and the articles with their address.

Everything here is plain data for JSON: the page builds the panel with text nodes only, so no
article text is ever parsed as markup there.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from danvan.graph import places
from danvan.graph.knowledge import KnowledgeGraph
from danvan.viz.selection import ARTICLE, PROVENANCE_RELS, as_date, fact_span

_WORD = re.compile(r"\w+")
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
#: Only these become links: an article's ``url`` comes from input files, and a ``javascript:``
#: address must stay text.
_WEB = re.compile(r"^https?://", re.IGNORECASE)
MAX_MENTIONS = 5


@dataclass(frozen=True)
class FactDates:
    """``lo``/``hi`` are the days the date filter compares (ISO, inclusive); None is open."""

    lo: str | None
    hi: str | None


def fact_dates(attrs: Mapping[str, Any]) -> FactDates:
    """The days the page's date filter compares: see :func:`viz.selection.fact_span`."""
    lo, hi = fact_span(dict(attrs))
    return FactDates(lo.isoformat() if lo else None, hi.isoformat() if hi else None)


@dataclass(frozen=True)
class _Split:
    """A sentence's words (start, end, folded) and where each folded word occurs."""

    words: list[tuple[int, int, str]]
    at: dict[str, list[int]]


def _split(text: str) -> _Split:
    words = [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(text)]
    at: dict[str, list[int]] = {}
    for i, (_, _, word) in enumerate(words):
        at.setdefault(word, []).append(i)
    return _Split(words, at)


def _longest_run(sentence: _Split, name: list[str]) -> tuple[int, int]:
    """(start word in the sentence, length) of the longest run of the name's words found there."""
    words = sentence.words
    best = (0, 0)
    for j, part in enumerate(name):
        for i in sentence.at.get(part, ()):
            length = 1
            while i + length < len(words) and j + length < len(name) and words[i + length][2] == name[j + length]:
                length += 1
            if length > best[1] or (length == best[1] and i < best[0]):
                best = (i, length)
    return best


def highlights(
    sentence: str, names: Iterable[tuple[str, bool]], extra: Iterable[str] = (), split: _Split | None = None
) -> list[list[int]]:
    """Character spans of the sentence to mark: for each (name, is_person), the longest run of its
    words (two or more, or the whole name; a person's given name alone, as in "bà Bình"), and the
    years of ``extra`` (a term such as "2020-2025"). Sorted and merged. ``split`` saves splitting a
    sentence many facts share."""
    if split is None:
        split = _split(sentence)
    words = split.words
    spans: list[tuple[int, int]] = []
    for name, is_person in names:
        parts = [w.casefold() for w in _WORD.findall(name)]
        if not parts:
            continue
        start, length = _longest_run(split, parts)
        if length >= min(2, len(parts)):
            spans.append((words[start][0], words[start + length - 1][1]))
        elif is_person and len(parts) > 1 and parts[-1] in split.at:
            first = split.at[parts[-1]][0]
            spans.append((words[first][0], words[first][1]))
    for text in extra:
        for year in _YEAR.findall(text):
            spans.extend((m.start(), m.end()) for m in re.finditer(rf"\b{year}\b", sentence))
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def _names(attrs: Mapping[str, Any]) -> list[str]:
    aliases = attrs.get("aliases") or []
    return [str(attrs.get("name") or ""), *(a for a in aliases if isinstance(a, str))]


def fact_record(
    kg: KnowledgeGraph, source: str, target: str, key: str, split: dict[str, _Split] | None = None
) -> dict[str, Any]:
    """The panel's view of one edge: status, stated tenure, seen dates, evidence with marks, article.
    ``split`` caches the words of sentences across the facts of one map."""
    e = kg.g.edges[source, target, key]
    out: dict[str, Any] = {}
    for prop in ("status", "start", "end", "term", "unit"):
        value = e.get(prop)
        if value not in (None, ""):
            out[prop] = str(value)
    if isinstance(e.get("value"), int | float):
        out["value"] = e["value"]
    for prop, short in (("first_seen", "first"), ("last_seen", "last")):
        day = as_date(e.get(prop))
        if day is not None:
            out[short] = day.isoformat()
    dates = fact_dates(e)
    if dates.lo:
        out["lo"] = dates.lo
    if dates.hi:
        out["hi"] = dates.hi
    sentence = str(e.get("evidence") or "")
    if sentence:
        out["ev"] = sentence
        s_attrs, t_attrs = kg.g.nodes[source], kg.g.nodes[target]
        names = [(n, s_attrs["label"] == "Person") for n in _names(s_attrs)]
        names += [(n, t_attrs["label"] == "Person") for n in _names(t_attrs)]
        if split is None:
            split = {}
        if sentence not in split:
            split[sentence] = _split(sentence)
        marks = highlights(sentence, names, [str(e.get("term") or "")], split[sentence])
        if marks:
            out["hl"] = marks
    sources = e.get("sources") or []
    article = e.get("evidence_article") or (sources[0] if sources else None)
    if article:
        out["art"] = str(article)
    if len(sources) > 1:
        out["n"] = len(sources)
    return out


def article_record(attrs: Mapping[str, Any]) -> dict[str, str]:
    """Title, date, newspaper, web address (http/https only) and the file it was read from."""
    out = {"t": str(attrs.get("title") or attrs.get("name") or "")}
    day = as_date(attrs.get("published"))
    if day is not None:
        out["d"] = day.isoformat()
    for prop, short in (("source", "s"), ("path", "p")):
        value = attrs.get(prop)
        if isinstance(value, str) and value:
            out[short] = value
    url = attrs.get("url")
    if isinstance(url, str) and _WEB.match(url.strip()):
        out["u"] = url.strip()
    return out


def mentions(kg: KnowledgeGraph, node_id: str, published: Mapping[str, dt.date | None]) -> list[str]:
    """The articles naming a node, newest first."""
    found = {t for _, t, e in kg.g.out_edges(node_id, data=True) if e["type"] in PROVENANCE_RELS and t in published}
    return sorted(found, key=lambda a: (published[a] or dt.date.min, a), reverse=True)


def _province_name(value: Any) -> str:
    if not isinstance(value, str) or not value:
        return ""
    unit = places.lookup(value)
    return unit.name if unit is not None else ""


def node_provinces(kg: KnowledgeGraph, nodes: Iterable[str]) -> dict[str, str]:
    """The province (gazetteer name) each node belongs to, where the graph says: its own
    ``province``/``place``, a place it is based or held in or located in, a post's organisation."""
    out: dict[str, str] = {}

    def own(node_id: str) -> str:
        attrs = kg.g.nodes[node_id]
        if attrs["label"] == "Place":
            name = _province_name(attrs.get("name"))
            if name:
                return name
        for prop in ("province", "place"):
            name = _province_name(attrs.get(prop))
            if name:
                return name
        targets = sorted(
            t for _, t, e in kg.g.out_edges(node_id, data=True) if e["type"] in ("BASED_IN", "HELD_IN", "LOCATED_IN")
        )
        for target in targets:
            if kg.g.nodes[target]["label"] == "Place":
                name = _province_name(kg.g.nodes[target].get("name"))
                if name:
                    return name
        return ""

    for node_id in nodes:
        if kg.g.nodes[node_id]["label"] == ARTICLE:
            continue
        name = own(node_id)
        if not name and kg.g.nodes[node_id]["label"] == "Post":
            orgs = sorted(t for _, t, e in kg.g.out_edges(node_id, data=True) if e["type"] == "POST_IN")
            name = next((p for p in (own(o) for o in orgs) if p), "")
        if name:
            out[node_id] = name
    return out
