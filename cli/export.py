"""``danvan export``: the stored graph as RDF (Turtle, N-Triples, JSON-LD, TriG) or Neo4j import CSV;
``danvan vocabulary``: the project vocabulary as Turtle; ``danvan validate``: an export against the SHACL shapes."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from danvan.cli.failures import output_failed
from danvan.cli.options import DbOption, JudgementsOption, resolve_db, resolve_judgements
from danvan.cli.stored import load_stored_graph


class Profile(enum.StrEnum):
    full = "full"
    lean = "lean"


VocabBaseOption = Annotated[
    str | None,
    typer.Option(
        "--vocab-base",
        help="Namespace of the project vocabulary (dv:), e.g. https://example.org/vocab#. "
        "Default: https://danvan.example.org/vocab#.",
        show_default=False,
    ),
]


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
    profile: Annotated[
        Profile,
        typer.Option(
            "--profile",
            help="RDF detail: full (statement nodes with every article's evidence) or lean (no reification).",
        ),
    ] = Profile.full,
    vocab_base: VocabBaseOption = None,
    licence: Annotated[
        str | None,
        typer.Option("--licence", help="Licence IRI of the dataset. Default: <base>licence.", show_default=False),
    ] = None,
    judgements: JudgementsOption = None,
    db: DbOption = None,
) -> None:
    """Export the graph held in the embedded store."""
    if fmt is not ExportFormat.neo4j_csv:
        from danvan.graph.rdf.export import check_options
        from danvan.graph.rdf.void import check_created

        try:
            check_options(fmt.value, base, vocab_base, profile.value, licence)
            check_created(created)
        except ValueError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None

    # the build activity names the judgements file the build applied (by name and SHA-256)
    judgements_file: Path | None = resolve_judgements(judgements, resolve_db(db))
    if judgements is not None and not judgements.is_file():
        typer.echo(f"error: {judgements}: no such judgements file", err=True)
        raise typer.Exit(1)
    if judgements_file is not None and not judgements_file.is_file():
        judgements_file = None  # no judgements recorded beside the store: the build applied none
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
        triples = export_rdf(
            kg,
            fmt.value,
            out,
            base=base,
            created=created,
            profile=profile.value,
            vocab_base=vocab_base,
            licence=licence,
            judgements=judgements_file,
        )
    except ValueError as exc:  # a bad --base or --created: one line, no traceback
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    except OSError as exc:  # an unwritable --out, a full disk: one line, and no partial file
        output_failed(exc, out)
    if out is not None:
        typer.echo(f"wrote {triples} triples ({fmt.value}) to {out}", err=True)


def vocabulary(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output file (Turtle; default: standard output).")
    ] = None,
    vocab_base: VocabBaseOption = None,
) -> None:
    """Write the project vocabulary (dv: terms with labels, comments, domains and ranges) as Turtle."""
    from danvan.graph.rdf.export import _open
    from danvan.graph.rdf.iris import normalize_base
    from danvan.graph.rdf.mapping import mapping_for
    from danvan.graph.rdf.vocabulary import write_vocabulary

    try:
        mapping = mapping_for(normalize_base(vocab_base) if vocab_base else None)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    try:
        with _open(out) as stream:
            triples = write_vocabulary(stream, mapping)
    except OSError as exc:  # an unwritable --out, a full disk: one line, and no partial file
        output_failed(exc, out)
    if out is not None:
        typer.echo(f"wrote {triples} triples (vocabulary) to {out}", err=True)


def validate(
    data: Annotated[list[Path], typer.Argument(help="RDF export file(s) (.ttl, .nt, .jsonld, .trig, ...).")],
    shapes: Annotated[
        Path | None, typer.Option("--shapes", help="SHACL shapes file. Default: the shapes shipped with danvan.")
    ] = None,
) -> None:
    """Check RDF export files against the SHACL shapes; prints each violation, exits 1 if there is any."""
    from danvan.graph.rdf.shapes import SHAPES_FILE, load_shapes
    from danvan.graph.rdf.sparql import SparqlError, load_files
    from danvan.graph.rdf.validate import UnsupportedShape, validate_store

    try:
        store = load_files(data)
        found = validate_store(store, load_shapes(shapes or SHAPES_FILE))
    except (SparqlError, UnsupportedShape, OSError, SyntaxError) as exc:
        typer.echo(f"error: {' '.join(str(exc).split())}", err=True)
        raise typer.Exit(1) from None
    for v in found:
        typer.echo(f"{v.focus}\t{v.path or '-'}\t{v.constraint}")
    typer.echo(f"{len(found)} violation(s)" if found else "conforms", err=True)
    if found:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("vocabulary")(vocabulary)
    app.command("validate")(validate)
