"""``danvan sparql``: run a SPARQL query over an RDF export, or over the stored graph."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from danvan.cli.options import DbOption
from danvan.cli.output import OutputFormat, render
from danvan.cli.stored import load_stored_graph


def _query_text(query: str) -> str:
    """The query itself, a .rq/.sparql file holding it, or '-' for standard input."""
    if query == "-":
        return sys.stdin.read()
    path = Path(query)
    if path.suffix.lower() in (".rq", ".sparql") and path.is_file():
        return path.read_text(encoding="utf-8")
    return query


def sparql(
    query: Annotated[
        str,
        typer.Argument(
            help="SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE), a .rq/.sparql file, or '-' for stdin. "
            "The schema's prefixes (org:, schema:, prov:, skos:, dcterms:, dv:, ...) are predeclared."
        ),
    ],
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            "-d",
            help="RDF file(s) to query (.ttl, .nt, .jsonld, .trig, ...); repeatable. "
            "Default: the stored graph, exported in memory.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format of SELECT/ASK results.")] = (
        OutputFormat.table
    ),
    base: Annotated[
        str, typer.Option("--base", help="Base IRI used when exporting the stored graph (without --data).")
    ] = "https://danvan.example.org/id/",
    db: DbOption = None,
    allow_service: Annotated[
        bool,
        typer.Option("--allow-service", help="Allow SERVICE clauses, which fetch data from other SPARQL endpoints."),
    ] = False,
) -> None:
    """Run SPARQL over an RDF export (--data) or over the embedded store's graph."""
    from danvan.graph.rdf.sparql import SparqlError, load_files, load_graph, run_query

    try:
        if data:
            store = load_files(list(data))
        else:
            # passed straight in, so that load_graph holds the only reference and can free the graph
            store = load_graph(load_stored_graph(db, hint="build one, or give --data FILE"), base=base)
        result = run_query(store, _query_text(query), allow_service=allow_service)
    except (SparqlError, ValueError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    if isinstance(result, str):
        typer.echo(result, nl=False)
    else:
        typer.echo(render(result, fmt), nl=False)


def register(app: typer.Typer) -> None:
    app.command("sparql")(sparql)
