"""``danvan stats`` and ``danvan cypher``: look into a store (embedded by default, or Neo4j)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from danvan.cli.options import DbOption, embedded_or_neo4j, neo4j_options, resolve_db
from danvan.cli.output import OutputFormat, render
from danvan.graph.store.result import QueryResult
from danvan.queries.params import check_int64
from danvan.queries.runner import Backend, Neo4jSettings

FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]


def parse_value(key: str, raw: str) -> Any:
    """A parameter value: JSON when it parses (42, 1.5, true, null, [..], "..."), else the text itself.

    An integer must fit the stores' 64 bits: a ValueError naming ``key`` says so, rather than the engine's
    own message later."""
    try:
        value: Any = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    for number in value if isinstance(value, list) else [value]:
        if isinstance(number, int) and not isinstance(number, bool):
            try:
                check_int64(number)
            except ValueError as exc:
                raise ValueError(f"{key}: {exc}") from None
    return value


def parse_param(text: str) -> tuple[str, Any]:
    """``key=value``, the value read by :func:`parse_value`."""
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise typer.BadParameter(f"{text!r}: expected key=value", param_hint="-p/--param")
    try:
        return key.strip(), parse_value(key.strip(), raw)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="-p/--param") from None


def _one_line(exc: BaseException) -> str:
    # The stores' errors are one line already; a Cypher syntax error may span several.
    return " ".join(str(exc).split())


@contextmanager
def opened_backend(db: Path | None, neo4j: Neo4jSettings | None, write: bool) -> Iterator[Backend]:
    """The embedded store (opened read-only unless writing) or a Neo4j server; errors end the command.

    The same opening rules as ``danvan query run``: Neo4j is verified before use, so a wrong URI or
    password fails at once rather than after the driver's retries, and an explicit --db wins.
    """
    from danvan.queries.runner import open_backend

    with ExitStack() as stack:
        try:
            backend: Backend = stack.enter_context(open_backend(resolve_db(db), embedded_or_neo4j(db, neo4j), write))
        except Exception as exc:  # missing file, locked store, unreachable server, refused credentials
            typer.echo(f"error: {_one_line(exc)}", err=True)
            raise typer.Exit(1) from None
        yield backend


@contextmanager
def _store(db: Path | None, neo4j: Neo4jSettings | None, write: bool) -> Iterator[Any]:
    with opened_backend(db, neo4j, write) as backend:
        yield backend.store


@neo4j_options
def stats(
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.table,
    neo4j: Neo4jSettings | None = None,
) -> None:
    """Count the nodes per label and the relationships per type in the store (embedded, or Neo4j with --neo4j-uri)."""
    with _store(db, neo4j, write=False) as store:
        try:
            counts = store.counts()
        except Exception as exc:  # a driver error mid-way: one line, not a traceback
            typer.echo(f"error: {_one_line(exc)}", err=True)
            raise typer.Exit(1) from None
        if not getattr(store, "complete", True):
            typer.echo(
                "warning: the last build of this store did not finish; run `danvan build` again to complete it",
                err=True,
            )
    if fmt is OutputFormat.json:
        typer.echo(json.dumps(counts, ensure_ascii=False, indent=2))
        return
    rows = [["node", name, n] for name, n in counts["nodes"].items()]
    rows += [["relationship", name, n] for name, n in counts["relationships"].items()]
    typer.echo(render(QueryResult(["kind", "name", "count"], rows), fmt), nl=False)


@neo4j_options
def cypher(
    query: Annotated[str, typer.Argument(help="The Cypher text; pass values with -p rather than in the text.")],
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.table,
    write: Annotated[bool, typer.Option("--write", help="Allow the query to change the store.")] = False,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="Query parameter key=value (JSON values: 42, true, [1,2]); repeatable."),
    ] = None,
    neo4j: Neo4jSettings | None = None,
) -> None:
    """Run an ad-hoc Cypher query on the store; read-only unless --write is given.

    An explicit --db always means the embedded store, even when NEO4J_URI is set in the environment.
    """
    params = dict(parse_param(p) for p in param or [])
    with _store(db, neo4j, write=write) as store:
        try:
            result = store.query(query, params, read_only=not write)
        except Exception as exc:  # syntax errors, refused writes, driver errors: one line each
            typer.echo(f"error: {_one_line(exc)}", err=True)
            raise typer.Exit(1) from None
    typer.echo(render(result, fmt), nl=False)


def register(app: typer.Typer) -> None:
    app.command("stats")(stats)
    app.command("cypher")(cypher)
