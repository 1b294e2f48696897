"""JSON Lines input: one article per line, streamed (a file of any size costs the memory of one line).

A record has ``title`` and ``body`` (or ``text`` / ``content``) and optionally ``date``, ``url``,
``source``, ``id`` and ``sapo`` (the lead paragraph, as in the baomoi corpus shape
``{"id", "title", "sapo", "body"}``). Without a date field, the date comes from the search index's
`` date YYYY-MM-DD`` marker at the start of the text (kept as metadata, not text), the URL or a date line
(see :mod:`loaders.published`). How the fields become the article text is documented in
:mod:`loaders.document`. A broken line gives a :class:`~loaders.read.ReadError` naming ``file:line``
and the other lines are still read.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from danvan.loaders.document import Document, Span
from danvan.loaders.normalize import to_nfc
from danvan.loaders.read import MAX_ARTICLE_BYTES, ReadError, build_document, location

_BODY_KEYS = ("body", "text", "content")
_DATE_KEYS = ("date", "published", "published_at", "datePublished")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
SEPARATOR = "\n\n"


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


def _text_field(record: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return to_nfc(value)
    return ""


def record_document(path: str, line_no: int, record: Any, where: str | None = None) -> Document:
    """The Document of one parsed JSON record (raises ReadError naming ``path:line``).

    Its id is the record's ``id``, else its ``url``, else its file's location ``where`` and line (see
    :func:`graph.ids.article_id`)."""
    line = f"{path}:{line_no}"
    if not isinstance(record, dict):
        raise ReadError(line, f"expected a JSON object, got {type(record).__name__}")
    body = _text_field(record, *_BODY_KEYS)
    if not body:
        raise ReadError(line, "record has no 'body' text")
    title = _text_field(record, "title")
    sapo = _text_field(record, "sapo", "lead", "summary")
    pieces: list[str] = []
    parts: dict[str, Span] = {}
    offset = 0
    for name, value in (("title", title), ("sapo", sapo), ("body", body)):
        if not value:
            continue
        if pieces:
            offset += len(SEPARATOR)
        parts[name] = Span(offset, offset + len(value))
        pieces.append(value)
        offset += len(value)
    raw = SEPARATOR.join(pieces)
    record_id = record.get("id")
    url = record.get("url") if isinstance(record.get("url"), str) else ""
    source = _text_field(record, "source", "site", "publisher")
    published = next((d for d in (parse_date(record.get(k)) for k in _DATE_KEYS) if d), None)
    return build_document(
        path,
        raw,
        record_id=str(record_id) if record_id not in (None, "") else "",
        where=location(Path(path)) if where is None else where,
        title=title,
        title_span=parts.get("title"),
        published=published,
        source=source,
        url=url or "",
        position=line_no,
        parts=parts,
        marker_at=parts["body"].start,
    )


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while True:
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _lines(path: Path, stream: IO[bytes]) -> Iterator[tuple[int, str | ReadError]]:
    """(line number, decoded line or error), reading at most MAX_ARTICLE_BYTES per line."""
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text_stream = io.TextIOWrapper(stream, encoding="utf-16", newline="\n")
        for number, line in enumerate(text_stream, start=1):
            yield number, line
        return
    number = 0
    while True:
        data = stream.readline(MAX_ARTICLE_BYTES + 1)
        if not data:
            return
        number += 1
        if len(data) > MAX_ARTICLE_BYTES and not data.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield number, ReadError(f"{path}:{number}", f"line longer than {MAX_ARTICLE_BYTES // 1048576} MB")
            continue
        if number == 1 and data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        if b"\x00" in data:
            yield number, ReadError(f"{path}:{number}", "binary data (NUL bytes), not JSON text")
            continue
        try:
            yield number, data.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield number, ReadError(f"{path}:{number}", f"not UTF-8 (invalid byte at column {exc.start + 1})")


def read_jsonl(path: Path, where: str | None = None) -> Iterator[Document | ReadError]:
    """Every record of a .jsonl file, in line order; errors name ``file:line``; ``where``: its location."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield ReadError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    non_blank = 0
    with stream:
        if path.stat().st_size == 0:
            yield ReadError(str(path), "empty file")
            return
        for number, line in _lines(path, stream):
            non_blank += 1
            if isinstance(line, ReadError):
                yield line
                continue
            if not line.strip():
                non_blank -= 1
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield ReadError(f"{path}:{number}", f"invalid JSON ({exc.msg} at column {exc.colno})")
                continue
            try:
                yield record_document(str(path), number, record, where)
            except ReadError as exc:
                yield exc
    if non_blank == 0:
        yield ReadError(str(path), "no records (only blank lines)")
