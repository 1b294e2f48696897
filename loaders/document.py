"""A read, cleaned, normalised and sentence-split article, ready for the extractors.

Coordinates: ``raw`` is the article's original text (for .txt the decoded file; for .jsonl
the title and body as given; for .html the text taken from the page). ``text`` is its
normalised form and has exactly the same length, so an offset into ``text`` is an offset
into ``raw``: extractors work on ``text`` and report offsets that are valid in ``raw``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass
class Document:
    id: str
    path: str
    raw: str
    text: str
    #: Article text regions (page chrome and metadata lines excluded), in text coordinates.
    body: list[Span] = field(default_factory=list)
    #: Sentences of the body, in text coordinates, in order.
    sentences: list[Span] = field(default_factory=list)
    title: str = ""
    title_span: Span | None = None
    published: dt.date | None = None
    source: str = ""
    authors: list[str] = field(default_factory=list)
    url: str = ""
    #: Province or city the article is about (canonical name), if it could be inferred.
    place: str = ""

    def sentence_text(self, span: Span) -> str:
        return self.text[span.start : span.end]
