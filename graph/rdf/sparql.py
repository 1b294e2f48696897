"""SPARQL over an RDF export (a file, or a knowledge graph exported in memory), with pyoxigraph.

The data is loaded into an in-memory pyoxigraph store, which parses and queries in Rust: on the
whole corpus a query takes a few seconds where rdflib spent half a minute parsing alone.

Named graphs (TriG, N-Quads) are kept and also visible to plain triple patterns (the default graph
is the union of all graphs). The schema's prefixes are predeclared, so ``org:holds`` works without
a ``PREFIX`` line; a ``PREFIX`` line in the query wins. Formats pyoxigraph cannot read (TriX,
HexTuples) are parsed with rdflib and copied into the store.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.rdf.export import DEFAULT_BASE, write_rdf
from danvan.graph.rdf.mapping import MAPPING
from danvan.graph.store.result import QueryResult

#: pyoxigraph formats by file extension.
FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ntriples": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nquads": ox.RdfFormat.N_QUADS,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}
#: Formats pyoxigraph 0.5 has no parser for, by extension: rdflib parser names.
RDFLIB_FORMATS = {".trix": "trix", ".hext": "hext"}

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class SparqlError(ValueError):
    """A query or data problem, with a one-line message."""


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def parser_for(path: Path) -> ox.RdfFormat | str:
    """The pyoxigraph format of ``path``, or the rdflib parser name when pyoxigraph has none."""
    suffix = path.suffix.lower()
    found = FORMATS.get(suffix) or RDFLIB_FORMATS.get(suffix)
    if found is None:
        known = ", ".join(sorted({*FORMATS, *RDFLIB_FORMATS}))
        raise SparqlError(f"{path}: unknown RDF file extension {path.suffix!r} (known: {known})")
    return found


def _load_with_rdflib(store: ox.Store, path: Path, parser: str) -> None:
    # rdflib is only imported for these rare formats: it takes a while to import, and the copy goes
    # through N-Quads text so that blank nodes, literals and graph names survive unchanged.
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(path, format=parser)
    nquads: str = dataset.serialize(format="nquads")
    store.load(input=nquads, format=ox.RdfFormat.N_QUADS)


def load_files(paths: list[Path]) -> ox.Store:
    """Load export files into one in-memory store.

    ``Store.load``, not ``bulk_load``: for a store in memory it measured a little faster and took
    ~200 MB less at peak on the corpus export (900k triples); it also loads a file all or nothing.
    Blank node labels are scoped to their file, as rdflib scoped them.
    """
    store = ox.Store()
    for path in paths:
        if not path.is_file():
            raise SparqlError(f"{path}: no such file")
        fmt = parser_for(path)
        try:
            if isinstance(fmt, str):
                _load_with_rdflib(store, path, fmt)
            else:
                # relative IRIs resolve against the file, as rdflib resolved them
                store.load(path=path, format=fmt, base_iri=path.absolute().as_uri())
        except Exception as exc:  # pyoxigraph raises SyntaxError, rdflib many parser-specific types
            raise SparqlError(f"{path}: cannot parse as RDF: {_first_line(exc)}") from exc
    return store


def load_graph(kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> ox.Store:
    """The knowledge graph exported in memory and loaded into a store, without rdflib.

    TriG is the writer's only format that keeps the named graphs (one per article). On the corpus
    graph it is half the bytes of N-Triples and writes and loads within half a second of it (about
    2 s each). The text is encoded to UTF-8 as it is written: less memory than a Python string of
    Vietnamese text, and what the parser reads anyway.
    """
    buf = io.BytesIO()
    # as export_rdf writes files: a lone surrogate from a badly decoded article becomes U+FFFD
    stream = io.TextIOWrapper(buf, encoding="utf-8", errors="replace", newline="\n")
    write_rdf(kg, "trig", stream, base=base)
    # When the caller passed the graph straight in, this was the last reference: the graph (the
    # larger part of the memory) is freed before the store is filled, lowering the peak. It holds
    # reference cycles, so only the collector frees it.
    del kg
    gc.collect()
    stream.flush()
    stream.detach()
    buf.seek(0)
    store = ox.Store()
    try:
        store.load(input=buf, format=ox.RdfFormat.TRIG)
    except SyntaxError as exc:  # the writer's own output: a bug, but say where it is
        raise SparqlError(f"the stored graph's TriG export: cannot parse as RDF: {_first_line(exc)}") from exc
    return store


def _date(text: str) -> dt.date:
    # date.fromisoformat accepts forms xsd:date does not (20221223, 2022-W51-5): only take the plain form
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(text)
    return dt.date.fromisoformat(text)


def _boolean(text: str) -> bool:
    value = {"true": True, "1": True, "false": False, "0": False}.get(text)
    if value is None:
        raise ValueError(text)
    return value


#: Lexical value -> Python value for the common datatypes, as rdflib's Literal.toPython gives them.
#: Anything else (dateTime, durations, binary, XML literals, ill-formed values) goes through rdflib.
_CONVERT: dict[str, Callable[[str], Any]] = {
    XSD + "string": str,
    RDF_LANG_STRING: str,
    XSD + "anyURI": str,
    XSD + "normalizedString": str,
    XSD + "token": str,
    XSD + "language": str,
    XSD + "boolean": _boolean,
    XSD + "decimal": Decimal,
    XSD + "double": float,
    XSD + "float": float,
    XSD + "date": _date,
    **{
        XSD + name: int
        for name in (
            "integer",
            "int",
            "long",
            "short",
            "byte",
            "nonNegativeInteger",
            "nonPositiveInteger",
            "negativeInteger",
            "positiveInteger",
            "unsignedLong",
            "unsignedInt",
            "unsignedShort",
            "unsignedByte",
        )
    },
}


def _rdflib_value(literal: ox.Literal) -> Any:
    if literal.language is not None:  # e.g. an RDF 1.2 directional string: text, as any tagged string
        return literal.value
    from rdflib import Literal, URIRef

    term = Literal(literal.value, datatype=URIRef(literal.datatype.value))
    value = term.toPython()
    return str(value) if isinstance(value, Literal) else value  # ill-formed or unknown datatype: the text


def _plain(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        convert = _CONVERT.get(term.datatype.value)
        if convert is not None:
            try:
                return convert(term.value)
            except (ValueError, ArithmeticError):
                pass
        return _rdflib_value(term)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)  # an RDF 1.2 triple term


def _turtle(triples: ox.QueryTriples) -> str:
    # sorted, so that each subject is one paragraph and the output does not depend on the store's order
    ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    text = ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=dict(sorted(MAPPING.prefixes.items())))
    assert text is not None  # no output stream given: the bytes are returned
    return text.decode("utf-8")


# IRIs, strings (long and short forms) and comments, blanked before looking for SERVICE.
_SPARQL_SKIPPED = re.compile(
    r"""<[^<>"{}|^`\\\s]*>|'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|#[^\n]*""",
    re.DOTALL,
)
# Not a variable (?service), a prefixed name (ex:service) or part of a longer name.
_SERVICE = re.compile(r"(?<![\w?$:.-])SERVICE(?![\w:-])", re.IGNORECASE)


def uses_service(query: str) -> bool:
    """Whether ``query`` has a ``SERVICE`` clause (federation: pyoxigraph would fetch the address)."""
    return bool(_SERVICE.search(_SPARQL_SKIPPED.sub(" ", query)))


def run_query(store: ox.Store, query: str, allow_service: bool = False) -> QueryResult | str:
    """SELECT and ASK give a :class:`QueryResult`; CONSTRUCT and DESCRIBE give Turtle text.

    ``SERVICE`` is refused unless ``allow_service``: pyoxigraph follows it to any address, and
    has no switch to stop it (measured: a local HTTP server received the request).
    """
    if not allow_service and uses_service(query):
        raise SparqlError("refused: SERVICE (federated query) reaches the network; pass --allow-service to allow it")
    try:
        result = store.query(query, prefixes=dict(MAPPING.prefixes), use_default_graph_as_union=True)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult(columns=["ask"], rows=[[bool(result)]])
        if isinstance(result, ox.QueryTriples):
            return _turtle(result)
        columns = [v.value for v in result.variables]
        rows = [[_plain(solution[i]) for i in range(len(columns))] for solution in result]
    except (SyntaxError, OSError) as exc:  # a parse error, or a failure while evaluating
        raise SparqlError(f"SPARQL error: {_first_line(exc)}") from exc
    return QueryResult(columns=columns, rows=rows)
