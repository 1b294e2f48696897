"""Paths -> extractions: read, normalise, split, extract; in parallel, in a deterministic order.

Order: files sorted by path (folders walked recursively), then articles by position in their file; the
same input gives the same output sequence whatever the number of workers. Work is shipped to worker
processes in chunks (a chunk of files, or a chunk of raw lines of a .jsonl file, which the parent
streams), with a bounded window of chunks in flight so memory stays flat on files of any size.
A problem with one file, line or article becomes a :class:`~loaders.read.ReadError` in the stream and
the batch goes on.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Any

from danvan.graph.model import Extraction
from danvan.loaders.document import Document
from danvan.loaders.extract import extract_document
from danvan.loaders.read import ReadError, Source, _iter_file, _unreachable, iter_files

#: Records (jsonl) or files per chunk sent to a worker: large enough to amortise the inter-process
#: traffic, small enough to keep both cores busy to the end.
JSONL_CHUNK = 96
FILE_CHUNK = 8

Result = Extraction | ReadError


def _extract(doc: Document) -> Result:
    try:
        return extract_document(doc)
    except Exception as exc:  # one article's failure must not stop the batch; report it
        where = f"{doc.path}:{doc.position}" if doc.position else doc.path
        message = " ".join(str(exc).split())[:300]  # one line on stderr, whatever the exception says
        return ReadError(where, f"extraction failed: {type(exc).__name__}: {message}")


def _process_files(files: list[tuple[str, str]]) -> list[Result]:
    """``files``: (path, location) pairs."""
    out: list[Result] = []
    for path, where in files:
        for item in _iter_file(Path(path), where):
            out.append(item if isinstance(item, ReadError) else _extract(item))
    return out


def _process_lines(path: str, where: str, lines: list[tuple[int, str]]) -> list[Result]:
    import json

    from danvan.loaders.jsonl import record_document

    out: list[Result] = []
    for number, line in lines:
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(ReadError(f"{path}:{number}", f"invalid JSON ({exc.msg} at column {exc.colno})"))
            continue
        try:
            doc = record_document(path, number, record, where)
        except ReadError as exc:
            out.append(exc)
            continue
        except Exception as exc:  # one bad record must not end the batch
            message = " ".join(str(exc).split())[:300]
            out.append(ReadError(f"{path}:{number}", f"unexpected {type(exc).__name__}: {message}"))
            continue
        out.append(_extract(doc))
    return out


Task = tuple[Callable[..., list[Result]], tuple[Any, ...]] | list[Result]


def _jsonl_tasks(source: Source) -> Iterator[Task]:
    """Chunks of raw lines of one .jsonl file; read errors are passed through in place."""
    from danvan.loaders.jsonl import _lines

    path, where = source
    try:
        stream = path.open("rb")
        empty = os.fstat(stream.fileno()).st_size == 0
    except OSError as exc:  # unreadable: one error, and the batch goes on
        yield [ReadError(str(path), _unreachable(path, exc))]
        return
    if empty:
        stream.close()
        yield [ReadError(str(path), "empty file")]
        return
    with stream:
        chunk: list[tuple[int, str]] = []
        seen = False
        for number, line in _lines(path, stream):
            seen = seen or isinstance(line, ReadError) or bool(line.strip())
            if isinstance(line, ReadError):
                if chunk:
                    yield (_process_lines, (str(path), where, chunk))
                    chunk = []
                yield [line]
            elif line.strip():
                chunk.append((number, line))
                if len(chunk) >= JSONL_CHUNK:
                    yield (_process_lines, (str(path), where, chunk))
                    chunk = []
        if chunk:
            yield (_process_lines, (str(path), where, chunk))
        if not seen:
            yield [ReadError(str(path), "no records (only blank lines)")]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _tasks(paths: Iterable[Path | str]) -> Iterator[Task]:
    items = list(iter_files(paths))
    errors = [i for i in items if isinstance(i, ReadError)]
    files: dict[str, Source] = {}
    located: dict[str, Source] = {}
    for item in items:
        if not isinstance(item, Source) or str(item.path) in files:
            continue  # a file named twice (itself and in its folder) is read once
        first = located.get(item.location)
        if first is not None:
            # One location, one article id: two files there would silently replace each other.
            if not _same_file(first.path, item.path):
                errors.append(
                    ReadError(
                        str(item.path),
                        f"not read: its location {item.location} is already {first.path}'s "
                        "(two folders given have the same name)",
                    )
                )
            continue
        located[item.location] = files[str(item.path)] = item
    # Everything in path order: missing paths are reported where they sort.
    ordered: list[Source | ReadError] = sorted(
        [*files.values(), *errors], key=lambda i: i.path if isinstance(i, ReadError) else str(i.path)
    )
    batch: list[tuple[str, str]] = []
    for item in ordered:
        if isinstance(item, ReadError) or item.path.suffix.lower() == ".jsonl":
            if batch:
                yield (_process_files, (batch,))
                batch = []
            if isinstance(item, ReadError):
                yield [item]
            else:
                yield from _jsonl_tasks(item)
            continue
        batch.append((str(item.path), item.location))
        if len(batch) >= FILE_CHUNK:
            yield (_process_files, (batch,))
            batch = []
    if batch:
        yield (_process_files, (batch,))


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def extract_paths(paths: Iterable[Path | str], workers: int | None = None) -> Iterator[Result]:
    """Extractions (or errors) for every article under ``paths``, in path order then position.

    ``workers``: processes to use (default: the CPUs available); 1 runs everything in this process.
    """
    n = default_workers() if workers is None else max(1, workers)
    tasks = _tasks(paths)
    if n == 1:
        for task in tasks:
            if isinstance(task, list):
                yield from task
            else:
                func, args = task
                yield from func(*args)
        return
    window = n * 3
    with ProcessPoolExecutor(max_workers=n) as pool:
        pending: deque[Future[list[Result]] | list[Result]] = deque()

        def submit(task: Task) -> None:
            if isinstance(task, list):
                pending.append(task)
            else:
                func, args = task
                pending.append(pool.submit(func, *args))

        try:
            for task in islice(tasks, window):
                submit(task)
            while pending:
                head = pending.popleft()
                results = head if isinstance(head, list) else head.result()
                next_task = next(tasks, None)
                if next_task is not None:
                    submit(next_task)
                yield from results
        finally:
            # A consumer that stops early (or Ctrl-C) should not wait for chunks nobody will read.
            for item in pending:
                if isinstance(item, Future):
                    item.cancel()
