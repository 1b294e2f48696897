"""From paths on disk to :class:`loaders.document.Document` objects.

``read_paths`` walks files and folders (recursively, in sorted order) and yields a Document per article
or a :class:`ReadError` per problem, so one bad file never stops a batch. ``read_file`` reads one file
and raises :class:`ReadError` (after yielding the good records of a .jsonl file).

Folders are walked following symbolic links to folders: a link that leads back to a folder it is in
(a loop) is reported and not followed, and a folder reached twice is read once (by its own path if it has
one inside the folder given, so a link does not change its files' locations). A
folder that cannot be listed is reported, like a file that cannot be read.

Each article file has a *location*, its path relative to the folder given, led by that folder's name
(``articles/2024/a.txt`` for ``danvan build articles``; a file named directly counts as given with its
own folder: ``articles/a.txt`` for ``danvan build articles/a.txt``, from whatever working folder). An
article without an address takes its id from it (:func:`graph.ids.article_id`), and the store keeps it
as the article's ``path``, so neither depends on where the folder lies on this machine.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from danvan.graph.ids import article_id, content_hash
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


class Source(NamedTuple):
    """An article file to read and its location (see the module notes)."""

    path: Path
    location: str


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


def gone(folder: Path, where: str) -> bool:
    """Whether the file at location ``where`` (under ``folder``, given on the command line) has vanished.

    False for another folder's location, and for a file that is still there but cannot be read."""
    name = folder_name(folder)
    prefix = f"{name}/" if name else ""
    if not where.startswith(prefix):
        return False
    try:
        os.lstat(folder.joinpath(*PurePosixPath(where[len(prefix) :]).parts))
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False  # unreadable is not gone
    return False


def at_location(path: Path, where: str) -> bool:
    """Whether the file or folder ``path`` (however named, from any working folder) holds location ``where``:
    the location ends ``path`` (a file) or starts inside it (a folder)."""
    given = Path(os.path.abspath(path)).parts
    parts = PurePosixPath(where).parts
    return any(parts[:k] == given[-k:] for k in range(len(parts), 0, -1))


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


def _read_bytes(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(str(path), _unreachable(path, exc)) from None
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


def read_text_file(path: Path, where: str | None = None) -> Document:
    """A plain-text article (like the seeds); ``where`` is its location (default: as a file named directly)."""
    data = _read_bytes(path, MAX_ARTICLE_BYTES)
    try:
        decoded, encoding = decode(data)
    except DecodeError as exc:
        raise ReadError(str(path), str(exc)) from None
    raw = to_nfc(decoded)
    if not raw.strip():
        raise ReadError(str(path), "no text (only whitespace)")
    doc = build_document(str(path), raw, encoding=encoding, where=location(path) if where is None else where)
    if not doc.body:
        raise ReadError(str(path), "no article text found (only page chrome or metadata)")
    return doc


def _iter_file(path: Path, where: str | None = None) -> Iterator[Document | ReadError]:
    suffix = path.suffix.lower()
    where = location(path) if where is None else where
    try:
        if suffix == ".jsonl":
            from danvan.loaders.jsonl import read_jsonl

            yield from read_jsonl(path, where)
        elif suffix in (".html", ".htm", ".xhtml"):
            from danvan.loaders.html import read_html_file

            yield read_html_file(path, where)
        else:
            yield read_text_file(path, where)
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


def _unreachable(path: Path, exc: OSError) -> str:
    """Why ``path`` cannot be opened, in words (a loop is not "no such file")."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"broken symbolic link (points to {os.readlink(path)})"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    return f"cannot read: {exc.strerror or exc}"


#: A folder as the file system knows it (device, inode), whatever path or link reached it.
_Folder = tuple[int, int]


def _walk(folder: Path) -> Iterator[Source | ReadError]:
    """The article files in ``folder`` and its subfolders (links followed), then the problems met."""
    found: list[Path] = []
    errors: list[ReadError] = []
    try:
        top = folder.stat()
    except OSError as exc:
        yield ReadError(str(folder), _unreachable(folder, exc))
        return
    root: _Folder = (top.st_dev, top.st_ino)
    seen = {root}
    # Folders to list, each with the folders above it (a link to one of them is a loop). Links to folders
    # wait until every real folder is listed, so a folder also reached through a link keeps its own path
    # (its files' locations, hence ids, do not depend on a link). A stack, not recursion: any depth works.
    real: list[tuple[Path, dict[_Folder, Path]]] = [(folder, {root: folder})]
    links: deque[tuple[Path, _Folder, dict[_Folder, Path]]] = deque()
    while real or links:
        if real:
            directory, above = real.pop()
        else:
            directory, key, chain = links.popleft()
            if key in seen:
                continue  # a folder reached again through another link is read once
            seen.add(key)
            above = {**chain, key: directory}
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            errors.append(ReadError(str(directory), f"cannot read folder: {exc.strerror or exc}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = directory / entry.name
            try:
                is_dir = entry.is_dir()  # follows a link
            except OSError:
                is_dir = False
            if not is_dir:
                if entry.name.lower().endswith(SUFFIXES):
                    found.append(path)
                continue
            try:
                info = entry.stat()
            except OSError as exc:
                errors.append(ReadError(str(path), _unreachable(path, exc)))
                continue
            key = (info.st_dev, info.st_ino)
            if key in above:
                errors.append(ReadError(str(path), f"symbolic link loop (leads back to {above[key]}); not followed"))
            elif entry.is_symlink():
                links.append((path, key, above))
            elif key not in seen:
                seen.add(key)
                real.append((path, {**above, key: path}))
    for path in sorted(found):
        yield Source(path, location(path, folder))
    yield from sorted(errors, key=lambda e: e.path)


def iter_files(paths: Iterable[Path | str]) -> Iterator[Source | ReadError]:
    """The files named or contained (recursively, sorted, supported extensions) in ``paths``, each with
    its location; a path that cannot be read or listed is a :class:`ReadError`."""
    for given in paths:
        path = Path(given)
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            yield ReadError(str(path), _unreachable(path, exc))
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path)
        elif stat.S_ISREG(mode):
            yield Source(path, location(path))
        else:
            yield ReadError(str(path), "not a regular file")


def read_paths(paths: Iterable[Path | str]) -> Iterator[Document | ReadError]:
    """Every article under ``paths`` (files and folders), in path order then position in the file."""
    for item in iter_files(paths):
        if isinstance(item, ReadError):
            yield item
        else:
            yield from _iter_file(item.path, item.location)
