"""Provenance of the export: the build activity, and every supporting article's own evidence sentence.

*The build*: one ``prov:Activity`` per export, ``<base>activity/build-<hash>``, the hash taken over the
software version, the articles (their content hashes) and the judgements file, so the same inputs
give the same IRI. It names the software version, the date (``--created``), the articles it used
and the judgements file (by file name and SHA-256, never by a path of the machine that built it).
Every evidence derivation points to it (``prov:hadActivity``); the dataset ``prov:wasGeneratedBy`` it.

*Evidence per source*: the graph keeps the first evidence sentence of a fact and, when several
statements support it, their spans (``evidence_spans``: article id, start, end). The sentence of each
span is read from the extraction JSON stored with that article (``Article.extraction``), parsed once
per article and only for the articles a span points into.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from danvan.graph.ids import digest

Span = tuple[str, int, int, str | None]  # article id, start, end, sentence (None: not found)


def software_version() -> str:
    try:
        return metadata.version("danvan")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


@dataclass(frozen=True)
class Judgements:
    """The judgements file a build applied, recorded by name and content."""

    name: str
    sha256: str

    @classmethod
    def read(cls, path: Path) -> Judgements:
        return cls(name=path.name, sha256=hashlib.sha256(path.read_bytes()).hexdigest())


@dataclass(frozen=True)
class BuildInfo:
    """What the build activity records besides the articles (taken from the graph)."""

    version: str
    created: str | None = None
    judgements: Judgements | None = None

    def key(self, article_keys: list[str]) -> str:
        parts = [self.version, self.judgements.sha256 if self.judgements else "", *article_keys]
        return digest(*parts, length=16)


def _closing_quote(text: str, at: int) -> int:
    """Index of the quote that ends the JSON string whose text starts at ``at`` (-1 if none)."""
    while True:
        quote = text.find('"', at)
        if quote < 0:
            return -1
        backslashes = 0
        while text[quote - 1 - backslashes] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            return quote
        at = quote + 1


def _find_evidence(text: str, start: int, end: int) -> str | None:
    """The sentence of the evidence object ``{"end":E,"sentence":"...","start":S}`` in canonical JSON.

    The stored extraction is canonical (sorted keys, no spaces): looking the object up by its offsets
    reads one string instead of parsing the whole article's JSON. None when the text has another
    form; the caller then parses it.
    """
    head = f'{{"end":{end},"sentence":"'
    tail = f',"start":{start}}}'
    at = text.find(head)
    while at >= 0:
        opening = at + len(head) - 1  # the string's opening quote
        closing = _closing_quote(text, opening + 1)
        if closing < 0:
            return None
        if text.startswith(tail, closing + 1):
            try:
                return str(json.loads(text[opening : closing + 1]))
            except ValueError:
                return None
        at = text.find(head, closing)
    return None


def parse_span(text: str) -> tuple[str, int, int] | None:
    """``'<article id> <start> <end>'`` -> its parts; None when malformed."""
    parts = text.rsplit(" ", 2)
    if len(parts) != 3:
        return None
    try:
        return parts[0], int(parts[1]), int(parts[2])
    except ValueError:
        return None


class EvidenceIndex:
    """Sentences of the stored extractions, by (article id, start, end), read on first use per article."""

    def __init__(self, articles: dict[str, dict[str, Any]]) -> None:
        self._articles = articles
        self._by_article: dict[str, dict[tuple[int, int], str]] = {}

    def sentence(self, article: str, start: int, end: int) -> str | None:
        text = (self._articles.get(article) or {}).get("extraction")
        if not text:
            return None
        found = _find_evidence(str(text), start, end)
        if found is not None:
            return found
        table = self._by_article.get(article)
        if table is None:
            table = self._by_article[article] = self._read(article)
        return table.get((start, end))

    def _read(self, article: str) -> dict[tuple[int, int], str]:
        text = (self._articles.get(article) or {}).get("extraction")
        if not text:
            return {}
        try:
            data = json.loads(text)
        except ValueError:
            return {}
        table: dict[tuple[int, int], str] = {}
        for fact in data.get("facts") or ():
            ev = fact.get("evidence") or {}
            start, end, sentence = ev.get("start"), ev.get("end"), ev.get("sentence")
            if isinstance(start, int) and isinstance(end, int) and start >= 0 and sentence:
                table.setdefault((start, end), str(sentence))
        return table

    def spans(self, attrs: dict[str, Any]) -> list[Span]:
        """Every supporting statement's evidence of a fact, the graph's own sentence first where it is one."""
        main = attrs.get("evidence_article"), attrs.get("evidence_start"), attrs.get("evidence_end")
        out: list[Span] = []
        raw = attrs.get("evidence_spans")
        if raw:
            seen: set[tuple[str, int, int]] = set()
            for text in [raw] if isinstance(raw, str) else raw:
                parsed = parse_span(str(text))
                if parsed is None or parsed in seen:
                    continue
                seen.add(parsed)
                sentence = attrs.get("evidence") if parsed == main else self.sentence(*parsed)
                out.append((*parsed, sentence))
            if out:
                return sorted(out, key=lambda s: (s[0], s[1], s[2]))
        if main[0] and main[1] is not None and main[2] is not None:
            out.append((str(main[0]), int(main[1]), int(main[2]), attrs.get("evidence")))
        return out
