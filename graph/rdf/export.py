"""``export_rdf``: a knowledge graph as Turtle, N-Triples, JSON-LD or TriG, with its VoID description."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from danvan.graph.atomic_file import atomic_text
from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.rdf.iris import normalize_base
from danvan.graph.rdf.mapping import DEFAULT_VOCAB, mapping_for
from danvan.graph.rdf.provenance import BuildInfo, Judgements, software_version
from danvan.graph.rdf.triples import PROFILES, Projection
from danvan.graph.rdf.void import check_created
from danvan.graph.rdf.writers import WRITERS

FORMATS = tuple(WRITERS)
#: File extension per format, as rdflib guesses formats from them.
EXTENSIONS = {"turtle": ".ttl", "ntriples": ".nt", "jsonld": ".jsonld", "trig": ".trig"}
DEFAULT_BASE = "https://danvan.example.org/id/"
__all__ = ["DEFAULT_BASE", "DEFAULT_VOCAB", "EXTENSIONS", "FORMATS", "PROFILES", "export_rdf", "to_string", "write_rdf"]


def check_options(fmt: str, base: str, vocab_base: str | None, profile: str, licence: str | None) -> None:
    """Raise a ValueError naming the first bad option (before any file is created)."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown RDF format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
    normalize_base(base)
    if vocab_base is not None:
        normalize_base(vocab_base)
    if licence is not None and licence.strip() and ":" not in licence:
        raise ValueError(f"--licence must be an absolute IRI, got {licence!r}")


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
    kg: KnowledgeGraph,
    fmt: str,
    stream: TextIO,
    base: str = DEFAULT_BASE,
    created: str | None = None,
    profile: str = "full",
    vocab_base: str | None = None,
    licence: str | None = None,
    judgements: Path | None = None,
) -> int:
    """Write ``kg`` in ``fmt`` to an open text stream; returns the number of triples written.

    ``profile``: ``full`` (statement nodes with every article's evidence) or ``lean`` (no reification);
    ``vocab_base`` replaces the project vocabulary's namespace; ``licence`` the licence IRI;
    ``judgements`` is the judgements file the build applied (recorded by name and SHA-256).
    """
    check_options(fmt, base, vocab_base, profile, licence)
    created = check_created(created)
    mapping = mapping_for(normalize_base(vocab_base) if vocab_base else None)
    build = BuildInfo(
        version=software_version(),
        created=created,
        judgements=Judgements.read(judgements) if judgements is not None else None,
    )
    projection = Projection(kg, base, mapping=mapping, profile=profile, build=build, licence=licence)
    return WRITERS[fmt]().write(projection, stream, created)


def export_rdf(
    kg: KnowledgeGraph,
    fmt: str,
    out: Path | None,
    base: str = DEFAULT_BASE,
    created: str | None = None,
    profile: str = "full",
    vocab_base: str | None = None,
    licence: str | None = None,
    judgements: Path | None = None,
) -> int:
    """Export ``kg`` to ``out`` (standard output when None); returns the number of triples.

    The same graph, options and date give byte-identical output, whatever order the graph was built in.
    """
    check_options(fmt, base, vocab_base, profile, licence)
    check_created(created)
    with _open(out) as stream:
        return write_rdf(kg, fmt, stream, base, created, profile, vocab_base, licence, judgements)


def to_string(
    kg: KnowledgeGraph, fmt: str, base: str = DEFAULT_BASE, created: str | None = None, **options: Any
) -> str:
    buf = io.StringIO()
    write_rdf(kg, fmt, buf, base=base, created=created, **options)
    return buf.getvalue()
