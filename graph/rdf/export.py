"""``export_rdf``: a knowledge graph as Turtle, N-Triples, JSON-LD or TriG, with its VoID description."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from danvan.graph.atomic_file import atomic_text
from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.rdf.iris import normalize_base
from danvan.graph.rdf.triples import Projection
from danvan.graph.rdf.void import check_created
from danvan.graph.rdf.writers import WRITERS

FORMATS = tuple(WRITERS)
#: File extension per format, as rdflib guesses formats from them.
EXTENSIONS = {"turtle": ".ttl", "ntriples": ".nt", "jsonld": ".jsonld", "trig": ".trig"}
DEFAULT_BASE = "https://danvan.example.org/id/"


@contextmanager
def _open(out: Path | None) -> Iterator[TextIO]:
    # UTF-8 with "\n" line ends everywhere, whatever the platform or locale; a character that
    # cannot be encoded (a lone surrogate from a badly decoded file) becomes U+FFFD, never a crash.
    if out is None:
        if not hasattr(sys.stdout, "buffer"):  # an in-memory stdout (some test harnesses): write text
            yield sys.stdout
            return
        sys.stdout.flush()
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors="replace", newline="\n")
        try:
            yield stream
        finally:
            stream.flush()
            stream.detach()
        return
    # written beside and renamed into place: a failure never leaves a truncated file
    with atomic_text(out, errors="replace", buffering=1 << 20) as handle:
        yield handle


def write_rdf(
    kg: KnowledgeGraph, fmt: str, stream: TextIO, base: str = DEFAULT_BASE, created: str | None = None
) -> int:
    """Write ``kg`` in ``fmt`` to an open text stream; returns the number of triples written."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown RDF format {fmt!r}; choose one of {', '.join(FORMATS)}")
    check_created(created)
    projection = Projection(kg, base)
    return WRITERS[fmt]().write(projection, stream, created)


def export_rdf(
    kg: KnowledgeGraph,
    fmt: str,
    out: Path | None,
    base: str = DEFAULT_BASE,
    created: str | None = None,
) -> int:
    """Export ``kg`` to ``out`` (standard output when None); returns the number of triples.

    The same graph, base and date give byte-identical output, whatever order the graph was built in.
    """
    if fmt not in WRITERS:
        raise ValueError(f"unknown RDF format {fmt!r}; choose one of {', '.join(FORMATS)}")
    check_created(created)
    normalize_base(base)  # fail on a bad base before a file is created
    with _open(out) as stream:
        return write_rdf(kg, fmt, stream, base=base, created=created)


def to_string(kg: KnowledgeGraph, fmt: str, base: str = DEFAULT_BASE, created: str | None = None) -> str:
    buf = io.StringIO()
    write_rdf(kg, fmt, buf, base=base, created=created)
    return buf.getvalue()
