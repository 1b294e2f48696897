"""``danvan query``: list, show and run the canned Cypher queries; export them as a NeoDash dashboard."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Annotated

import typer

from danvan.cli.failures import output_failed
from danvan.cli.options import DbOption, embedded_or_neo4j, neo4j_options, resolve_db
from danvan.cli.output import OutputFormat, render
from danvan.graph.atomic_file import write_text_atomic
from danvan.queries.catalog import BACKENDS, Library, Query, load_library
from danvan.queries.params import ParamError, parse_assignments
from danvan.queries.runner import Neo4jSettings

query_app = typer.Typer(
    help="Canned Cypher queries for analysts: list them, show their Cypher, run them, export them for NeoDash.",
    no_args_is_help=True,
)


class ListFormat(enum.StrEnum):
    table = "table"
    json = "json"


class Dialect(enum.StrEnum):
    embedded = "embedded"
    neo4j = "neo4j"


class FileFormat(enum.StrEnum):
    csv = "csv"
    json = "json"


QueriesDirOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--queries-dir",
        help="Folder of your own query files (same header format); repeatable. Added to the built-in library.",
        show_default=False,
    ),
]
WriteOption = Annotated[
    bool,
    typer.Option(
        "--write",
        help="Allow query files with write clauses (CREATE, MERGE, SET, DELETE, ...) and run them read-write. "
        "Without it the library refuses them and the store runs read-only.",
    ),
]


def _load(queries_dir: list[Path] | None, write: bool = False) -> Library:
    library = load_library(queries_dir or [], allow_write=write)
    for error in library.errors:
        typer.echo(f"error: {error}", err=True)
    return library


def _finish(library: Library) -> None:
    """Bad query files were reported and skipped; the command still signals them by its exit code."""
    if library.errors:
        raise typer.Exit(1)


def _get(library: Library, name: str) -> Query:
    try:
        return library.get(name)
    except KeyError as exc:
        typer.echo(f"error: {exc.args[0]}", err=True)
        raise typer.Exit(2) from None


def list_queries(
    fmt: Annotated[
        ListFormat,
        typer.Option("--format", "-f", help="A readable table, or JSON with descriptions, dialects and file paths."),
    ] = ListFormat.table,
    queries_dir: QueriesDirOption = None,
) -> None:
    """List the queries: name, title and parameters with their types and defaults."""
    library = _load(queries_dir)
    if fmt is ListFormat.json:
        items = [
            {
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "parameters": [
                    {
                        "name": p.name,
                        "type": p.type,
                        "required": p.required,
                        "default": p.default.isoformat() if hasattr(p.default, "isoformat") else p.default,
                        "description": p.description,
                    }
                    for p in q.params
                ],
                "fills": {f.param: f.cypher for f in q.fills},
                "dialects": [b for b in BACKENDS if b == "embedded" or q.has_variant(b)],
                "path": str(q.path),
            }
            for q in library
        ]
        typer.echo(json.dumps(items, ensure_ascii=False, indent=2))
    else:
        width = max((len(q.name) for q in library), default=4)
        for q in library:
            typer.echo(f"{q.name.ljust(width)}  {q.title}")
            for p in q.params:
                typer.echo(f"{' ' * width}    -p {p.describe()}" + (f"  {p.description}" if p.description else ""))
    _finish(library)


def show(
    name: Annotated[str, typer.Argument(help="Query name (see `danvan query list`).")],
    backend: Annotated[
        Dialect, typer.Option("--backend", "-b", help="Which dialect to show: embedded (LadybugDB) or neo4j.")
    ] = Dialect.embedded,
    queries_dir: QueriesDirOption = None,
) -> None:
    """Print a query's description, parameters and the Cypher sent to the chosen backend."""
    library = _load(queries_dir)
    q = _get(library, name)
    typer.echo(f"// {q.name}: {q.title}")
    typer.echo(f"// {q.description}")
    for p in q.params:
        typer.echo(f"// param {p.describe()}" + (f" -- {p.description}" if p.description else ""))
    for fill in q.fills:
        typer.echo(f"// if {fill.param} is empty, it is filled first by: {fill.cypher}")
    typer.echo(q.text(backend.value), nl=False)
    _finish(library)


@neo4j_options
def run(
    name: Annotated[str, typer.Argument(help="Query name (see `danvan query list`).")],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="Parameter as key=value; repeatable. Typed and checked against the query."),
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    db: DbOption = None,
    queries_dir: QueriesDirOption = None,
    write: WriteOption = False,
    neo4j: Neo4jSettings | None = None,
) -> None:
    """Run one query on the embedded store (default) or on Neo4j (--neo4j-uri) and print the result.

    An explicit --db always means the embedded store, even when NEO4J_URI is set in the environment.
    """
    from danvan.queries.runner import open_backend, run_query

    library = _load(queries_dir, write)
    q = _get(library, name)
    try:
        given = parse_assignments(param or [])
        with open_backend(resolve_db(db), embedded_or_neo4j(db, neo4j), write=write) as backend:
            result = run_query(backend, q, given, write=write)
    except ParamError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except Exception as exc:  # store and driver errors: one line, not a traceback
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(render(result, fmt), nl=False)
    _finish(library)


def run_all(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write one result file per query into.")],
    fmt: Annotated[FileFormat, typer.Option("--format", "-f", help="Format of the result files.")] = FileFormat.csv,
    db: DbOption = None,
    queries_dir: QueriesDirOption = None,
) -> None:
    """Run every query with its default parameters on the embedded store; write NAME.csv (or .json) per query."""
    from danvan.queries.runner import open_backend, run_query

    library = _load(queries_dir)
    existed = out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        output_failed(exc, out)
    failures = 0
    try:
        with open_backend(resolve_db(db)) as backend:
            for q in library:
                if any(p.required for p in q.params):
                    typer.echo(f"skipped {q.name}: it has required parameters", err=True)
                    continue
                try:
                    result = run_query(backend, q)
                except Exception as exc:  # one bad query must not stop the batch
                    failures += 1
                    typer.echo(f"error: {q.path}: {exc}", err=True)
                    continue
                target = out / f"{q.name}.{fmt.value}"
                try:
                    write_text_atomic(target, render(result, OutputFormat(fmt.value)))
                except OSError as exc:
                    output_failed(exc, target, new_folder=None if existed else out)
                typer.echo(f"{q.name}: {len(result.rows)} row(s) -> {target}")
    except FileNotFoundError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    if failures:
        raise typer.Exit(1)
    _finish(library)


def neodash(
    out: Annotated[Path, typer.Option("--out", "-o", help="Dashboard JSON file to write.")],
    title: Annotated[str, typer.Option("--title", help="Dashboard title.")] = "danvan: canned queries",
    queries_dir: QueriesDirOption = None,
) -> None:
    """Export the library as a NeoDash 2.4 dashboard (one table report per query; load it in NeoDash)."""
    from danvan.queries.neodash import dashboard_json

    library = _load(queries_dir)
    try:
        write_text_atomic(out, dashboard_json(library, title))
    except OSError as exc:
        output_failed(exc, out)
    typer.echo(f"wrote {len(library)} report(s) to {out}")
    _finish(library)


query_app.command("list")(list_queries)
query_app.command("show")(show)
query_app.command("run")(run)
query_app.command("run-all")(run_all)
query_app.command("neodash")(neodash)


def register(app: typer.Typer) -> None:
    app.add_typer(query_app, name="query", help="Canned Cypher queries: list, show, run, run-all, neodash.")
