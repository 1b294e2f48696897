"""One article from its raw text, and what every reader shares: the error a file gives, the size limits,
where a file is (its location), and dates written in metadata fields.

The readers of each format (``loaders/html.py``, ``loaders/jsonl.py``) and the folder walk that dispatches to
them (``loaders/read.py``) all build on this module; it imports none of them, so imports point one way.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
from pathlib import Path, PurePosixPath
from typing import Any

from danvan.graph.ids import article_id, content_hash
from danvan.loaders.document import Document, Span
from danvan.loaders.metadata import analyse, infer_place
from danvan.loaders.normalize import normalize
from danvan.loaders.published import index_marker, timestamp_line_date, url_date
from danvan.loaders.sentences import split_sentences

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


def folder_name(folder: Path) -> str:
    """The name a folder given on the command line leads its files' locations with ('.' is named too)."""
    return Path(os.path.abspath(folder)).name


def location(path: Path, folder: Path | None = None) -> str:
    """``path``'s location: relative to ``folder`` (given on the command line), led by the folder's name;
    without ``folder``, the file counts as given with its own folder."""
    if folder is None:
        folder, inside = Path(os.path.abspath(path)).parent, PurePosixPath(path.name)
    else:
        inside = PurePosixPath(*path.relative_to(folder).parts)
    name = folder_name(folder)
    return f"{name}/{inside}" if name else str(inside)


def build_document(
    path: str,
    raw: str,
    *,
    encoding: str = "utf-8",
    doc_id: str | None = None,
    record_id: str = "",
    where: str = "",
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

    ``raw`` must already be NFC (it is the article's original text, see loaders.document). The id is
    ``doc_id`` if given, else :func:`graph.ids.article_id` of ``record_id``, ``url``, the location
    ``where`` (with ``:position`` for a record of a .jsonl file) and the text.
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
    spot = f"{where}:{position}" if where and position else where
    return Document(
        id=doc_id or article_id(record_id=record_id, url=url, location=spot, text=digest),
        path=path,
        location=where,
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


def read_bytes(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(str(path), unreachable(path, exc)) from None
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


def unreachable(path: Path, exc: OSError) -> str:
    """Why ``path`` cannot be opened, in words (a loop is not "no such file")."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"broken symbolic link (points to {os.readlink(path)})"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    return f"cannot read: {exc.strerror or exc}"


_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def parse_date(value: Any) -> dt.date | None:
    """'2024-06-19', '2024-06-19T10:00:00+07:00', '19/6/2024' -> date; anything else -> None."""
    if not isinstance(value, str):
        return None
    m = _ISO.match(value)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = _DMY.match(value)
        if not m:
            return None
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
