"""From paths on disk to :class:`loaders.document.Document` objects.

``read_paths`` walks files and folders (recursively, in sorted order) and yields a Document per article
or a :class:`ReadError` per problem, so one bad file never stops a batch. ``read_file`` reads one file
and raises :class:`ReadError` (after yielding the good records of a .jsonl file).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from danvan.graph.ids import content_hash
from danvan.loaders.document import Document, Span
from danvan.loaders.encoding import DecodeError, decode
from danvan.loaders.metadata import analyse, infer_place
from danvan.loaders.normalize import normalize, to_nfc
from danvan.loaders.published import index_marker, timestamp_line_date, url_date
from danvan.loaders.sentences import split_sentences

#: Extensions read when walking a folder (a file named explicitly is read whatever its extension).
SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
#: A single-article file larger than this is refused: no news article is that long, and reading it
#: whole would cost memory for nothing. Large collections belong in .jsonl, which is streamed.
MAX_ARTICLE_BYTES = 8 * 1024 * 1024
MAX_HTML_BYTES = 32 * 1024 * 1024


class ReadError(Exception):
    """A file (or a .jsonl line) that could not be read: ``str()`` is the one-line message."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(path, message)
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def __repr__(self) -> str:
        return f"ReadError({self.path!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ReadError) and (self.path, self.message) == (other.path, other.message)

    def __hash__(self) -> int:
        return hash((self.path, self.message))


def build_document(
    path: str,
    raw: str,
    *,
    encoding: str = "utf-8",
    doc_id: str | None = None,
    title: str = "",
    title_span: Span | None = None,
    published: dt.date | None = None,
    source: str = "",
    url: str = "",
    position: int = 0,
    parts: dict[str, Span] | None = None,
    marker_at: int | None = None,
) -> Document:
    """Normalise, lay out (headline, metadata, chrome, body), split and place one article.

    ``raw`` must already be NFC (it is the article's original text, see loaders.document).
    ``marker_at``: where a search index's date marker may start (the record's text field); the marker is
    metadata, blanked out of ``text`` (same length, so offsets stay right) and kept as a dateline region.
    A missing ``published`` is read from the marker, the URL's timestamp, a dateline, or a timestamp line
    near the top, in that order (see loaders.published).
    """
    text = normalize(raw)
    marker = index_marker(text, marker_at) if marker_at is not None else None
    if marker is not None:
        span = marker[0]
        text = text[: span.start] + " " * (span.end - span.start) + text[span.end :]
        published = published or marker[1]
    published = published or url_date(url)
    layout = analyse(text, title=title, published=published)
    if layout.published is None:
        layout.published = timestamp_line_date(text)
    if marker is not None:
        layout.regions.insert(0, ("dateline", span))
    if title_span is not None and parts is not None:
        # Structured input: the title field is a region of its own, not body.
        layout.body = [s for s in layout.body if not (title_span.start <= s.start and s.end <= title_span.end)]
        if ("title", title_span) not in layout.regions:
            layout.regions.insert(0, ("title", title_span))
    final_source = source or layout.source
    place, locality = infer_place(text, layout.title, final_source, url)
    digest = content_hash(raw)
    return Document(
        id=doc_id or "article:" + digest[:16],
        path=path,
        raw=raw,
        text=text,
        body=layout.body,
        sentences=split_sentences(text, layout.body),
        title=layout.title if title_span is None else text[title_span.start : title_span.end],
        title_span=layout.title_span if title_span is None else title_span,
        published=layout.published,
        source=final_source,
        authors=layout.authors,
        url=url,
        place=place,
        locality=locality,
        position=position,
        encoding=encoding,
        content_hash=digest,
        parts=parts or {},
        regions=layout.regions,
    )


def _read_bytes(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if size == 0:
        raise ReadError(str(path), "empty file")
    if size > limit:
        raise ReadError(
            str(path),
            f"too large for one article ({size / 1048576:.1f} MB, limit {limit // 1048576} MB); "
            "put many articles in a .jsonl file instead",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(str(path), f"cannot read: {exc.strerror or exc}") from None


def read_text_file(path: Path) -> Document:
    """A plain-text article (like the seeds)."""
    data = _read_bytes(path, MAX_ARTICLE_BYTES)
    try:
        decoded, encoding = decode(data)
    except DecodeError as exc:
        raise ReadError(str(path), str(exc)) from None
    raw = to_nfc(decoded)
    if not raw.strip():
        raise ReadError(str(path), "no text (only whitespace)")
    doc = build_document(str(path), raw, encoding=encoding)
    if not doc.body:
        raise ReadError(str(path), "no article text found (only page chrome or metadata)")
    return doc


def _iter_file(path: Path) -> Iterator[Document | ReadError]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            from danvan.loaders.jsonl import read_jsonl

            yield from read_jsonl(path)
        elif suffix in (".html", ".htm", ".xhtml"):
            from danvan.loaders.html import read_html_file

            yield read_html_file(path)
        else:
            yield read_text_file(path)
    except ReadError as exc:
        yield exc
    except Exception as exc:
        # Unexpected trouble in one file must not end the batch; say what it was, on one line.
        message = " ".join(str(exc).split())[:300]
        yield ReadError(str(path), f"unexpected {type(exc).__name__}: {message}")


def read_file(path: Path | str) -> Iterator[Document]:
    """Yield the article(s) in one file (a .jsonl file holds many).

    Raises :class:`ReadError` for a file that cannot be read; for a .jsonl file with bad lines, the good
    records are yielded first and the first error is raised at the end.
    """
    errors: list[ReadError] = []
    for item in _iter_file(Path(path)):
        if isinstance(item, ReadError):
            errors.append(item)
        else:
            yield item
    if errors:
        raise errors[0]


def iter_files(paths: Iterable[Path | str]) -> Iterator[Path | ReadError]:
    """The files named or contained (recursively, sorted, supported extensions) in ``paths``."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root) / f for f in files if f.lower().endswith(SUFFIXES) and not f.startswith("."))
            yield from sorted(found)
        elif path.is_file():
            yield path
        elif path.exists():
            yield ReadError(str(path), "not a regular file")
        else:
            yield ReadError(str(path), "no such file or directory")


def read_paths(paths: Iterable[Path | str]) -> Iterator[Document | ReadError]:
    """Every article under ``paths`` (files and folders), in path order then position in the file."""
    for item in iter_files(paths):
        if isinstance(item, ReadError):
            yield item
        else:
            yield from _iter_file(item)
