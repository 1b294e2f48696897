"""A read, cleaned, normalised and sentence-split article, ready for the extractors.

Coordinates: ``raw`` is the article's original text and ``text`` its normalised form, of exactly the
same length, so an offset into ``text`` is an offset into ``raw``: extractors work on ``text`` and report
offsets that are valid in ``raw``. Offsets count Unicode code points (Python ``str`` indices), not bytes.

What ``raw`` is, per input:

- ``.txt``: the file's bytes decoded (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1258, ...;
  a BOM is not part of the text) and then composed to NFC. For the usual file, already NFC, that is
  exactly the file's text: ``path.read_text("utf-8-sig")[start:end]`` is the evidence sentence. For a
  file in NFD (decomposed accents) or Windows-1258 (combining tone marks), NFC shortens the text, and
  ``raw`` is the NFC form: offsets are into ``unicodedata.normalize("NFC", decoded_text)``.
- ``.jsonl``: one record per line; ``raw`` joins the record's ``title``, ``sapo`` (the corpus shape) and
  ``body`` (each NFC), separated by a blank line ("\\n\\n"), in that order, skipping absent or empty
  fields. ``parts`` gives each field's span in ``raw``: an offset ``o`` into ``raw`` is offset
  ``o - parts["body"].start`` into the record's ``body``.
- ``.html``: the text taken from the page (block elements become lines, scripts and navigation
  dropped, entities decoded), NFC.

``text`` = :func:`loaders.normalize.normalize` (``raw``): same-length fixes only (spaces, Đ, tone
placement, CRLF -> " \\n"). ``body`` lists the article's own text regions (page chrome, datelines, bylines
and source lines excluded); ``regions`` records what each excluded line was.
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
    #: The file as it was named or found (for messages).
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
    #: Province or city the article is about (canonical name, see graph.places), if it could be inferred.
    place: str = ""
    #: Sub-provincial unit whose committees the article reports on, e.g. "thành phố Bắc Ninh" when the
    #: article speaks of "Thành ủy" inside a province; empty when the article is about the province itself.
    locality: str = ""
    #: The file's location: its path relative to the folder given, led by the folder's name (see
    #: loaders.read); what the store records as the article's path. Empty for text given directly.
    location: str = ""
    #: Position of the article in its file: 1-based line number for .jsonl, 0 for single-article files.
    position: int = 0
    #: Encoding the file was decoded from ("utf-8", "utf-16-le", "cp1258", ...).
    encoding: str = ""
    #: SHA-256 (hex) of ``raw``.
    content_hash: str = ""
    #: For .jsonl: span of each record field ("title", "sapo", "body") inside ``raw``.
    parts: dict[str, Span] = field(default_factory=dict)
    #: Non-body lines and what they are: ("title" | "dateline" | "byline" | "source" | "chrome", span).
    regions: list[tuple[str, Span]] = field(default_factory=list)

    def sentence_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def body_text(self) -> str:
        """The body regions joined by newlines (for display and tests; offsets are lost)."""
        return "\n".join(self.text[s.start : s.end] for s in self.body)
