"""SPARQL over an RDF export (a file, or a knowledge graph exported in memory), with rdflib.

Named graphs (TriG) are kept and also visible to plain triple patterns (the default graph is the
union of all graphs). The schema's prefixes are predeclared, so ``org:holds`` works without a
``PREFIX`` line.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.query import Result

from graph.knowledge import KnowledgeGraph
from graph.rdf.export import DEFAULT_BASE, write_rdf
from graph.rdf.mapping import MAPPING
from graph.store.result import QueryResult

#: rdflib parser names by file extension.
PARSERS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
    ".rdf": "xml",
    ".xml": "xml",
}


class SparqlError(ValueError):
    """A query or data problem, with a one-line message."""


def parser_for(path: Path) -> str:
    try:
        return PARSERS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(PARSERS))
        raise SparqlError(f"{path}: unknown RDF file extension {path.suffix!r} (known: {known})") from None


def load_files(paths: list[Path], fmt: str | None = None) -> Dataset:
    """Parse export files into one dataset."""
    dataset = Dataset(default_union=True)
    for path in paths:
        if not path.is_file():
            raise SparqlError(f"{path}: no such file")
        try:
            dataset.parse(path, format=fmt or parser_for(path))
        except SparqlError:
            raise
        except Exception as exc:  # rdflib raises many parser-specific types
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            raise SparqlError(f"{path}: cannot parse as RDF: {first}") from exc
    return dataset


def load_graph(kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> Dataset:
    """The knowledge graph exported as TriG in memory and parsed back."""
    buf = io.StringIO()
    write_rdf(kg, "trig", buf, base=base)
    dataset = Dataset(default_union=True)
    dataset.parse(data=buf.getvalue(), format="trig")
    return dataset


def _plain(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return value if not isinstance(value, Literal) else str(value)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, URIRef):
        return str(term)
    return str(term)


def run_query(dataset: Dataset, query: str) -> QueryResult | str:
    """SELECT and ASK give a :class:`QueryResult`; CONSTRUCT and DESCRIBE give Turtle text."""
    namespaces = dict(MAPPING.prefixes)
    try:
        result: Result = dataset.query(query, initNs=namespaces)
    except Exception as exc:  # pyparsing and rdflib errors carry multi-line messages
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SparqlError(f"SPARQL error: {first}") from exc
    if result.type == "ASK":
        return QueryResult(columns=["ask"], rows=[[bool(result.askAnswer)]])
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        for prefix, ns in sorted(namespaces.items()):
            result.graph.bind(prefix, ns, override=True)
        text: str = result.graph.serialize(format="turtle")
        return text
    columns = [str(v) for v in (result.vars or [])]
    rows = [[_plain(row[i]) for i in range(len(columns))] for row in result]  # type: ignore[index]
    return QueryResult(columns=columns, rows=rows)
