"""``danvan export``: the stored graph as RDF (Turtle, N-Triples, JSON-LD, TriG) or Neo4j import CSV."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from danvan.cli.failures import output_failed
from danvan.cli.options import DbOption
from danvan.cli.stored import load_stored_graph


class ExportFormat(enum.StrEnum):
    turtle = "turtle"
    ntriples = "ntriples"
    jsonld = "jsonld"
    trig = "trig"
    neo4j_csv = "neo4j-csv"


def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.turtle,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Output file (RDF; default: standard output) or folder (neo4j-csv)."),
    ] = None,
    base: Annotated[
        str, typer.Option("--base", help="Base IRI of the dataset's resources (RDF formats).")
    ] = "https://danvan.example.org/id/",
    created: Annotated[
        str | None,
        typer.Option(
            "--created", help="Creation date (YYYY-MM-DD) written in the dataset description; omitted if not given."
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Export the graph held in the embedded store."""
    if fmt is not ExportFormat.neo4j_csv:
        from danvan.graph.rdf.iris import normalize_base
        from danvan.graph.rdf.void import check_created

        try:
            normalize_base(base)
            check_created(created)
        except ValueError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None

    kg = load_stored_graph(db)
    if fmt is ExportFormat.neo4j_csv:
        from danvan.graph.neo4j_csv import write_import_files

        if out is None:
            raise typer.BadParameter("--format neo4j-csv needs --out DIR", param_hint="--out")
        existed = out.exists()
        try:
            command = write_import_files(kg, out)
        except OSError as exc:
            output_failed(exc, out, new_folder=None if existed else out)
        typer.echo(f"wrote Neo4j import files to {out}; load them with:\n{command}")
        return
    from danvan.graph.rdf.export import export_rdf

    try:
        triples = export_rdf(kg, fmt.value, out, base=base, created=created)
    except ValueError as exc:  # a bad --base or --created: one line, no traceback
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    except OSError as exc:  # an unwritable --out, a full disk: one line, and no partial file
        output_failed(exc, out)
    if out is not None:
        typer.echo(f"wrote {triples} triples ({fmt.value}) to {out}", err=True)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
