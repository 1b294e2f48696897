"""``danvan stats`` and ``danvan cypher``: look into a store (embedded by default, or Neo4j)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from graph.store.result import QueryResult
from queries.cli.options import (
    DbOption,
    Neo4jDatabaseOption,
    Neo4jPasswordOption,
    Neo4jUriOption,
    Neo4jUserOption,
    resolve_db,
)
from queries.cli.output import OutputFormat, render

FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]


def parse_param(text: str) -> tuple[str, Any]:
    """``key=value``: the value is read as JSON when it parses (42, 1.5, true, null, [..], "..."), else as text."""
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise typer.BadParameter(f"{text!r}: expected key=value", param_hint="-p/--param")
    try:
        value: Any = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return key.strip(), value


@contextmanager
def _store(db: Path | None, neo4j_uri: str | None, user: str, password: str | None, database: str | None,
           write: bool) -> Iterator[Any]:
    """The embedded store (opened read-only unless writing) or a Neo4j server; errors end the command."""
    if neo4j_uri:
        from graph.store.neo4j import Neo4jStore, Neo4jStoreError

        try:
            with Neo4jStore(neo4j_uri, user=user, password=password, database=database) as neo:
                yield neo
        except Neo4jStoreError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        return
    from graph.store.embedded import StoreError, open_store

    try:
        # Opening the file read-only is what makes read-only hold: LadybugDB refuses every write.
        with open_store(resolve_db(db), read_only=not write) as store:
            yield store
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None


def stats(
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.table,
    neo4j_uri: Neo4jUriOption = None,
    user: Neo4jUserOption = "neo4j",
    password: Neo4jPasswordOption = None,
    database: Neo4jDatabaseOption = None,
) -> None:
    """Count the nodes per label and the relationships per type in the store."""
    with _store(db, neo4j_uri, user, password, database, write=False) as store:
        counts = store.counts()
        if not getattr(store, "complete", True):
            typer.echo("warning: the last build of this store did not finish; run `danvan build` again "
                       "to complete it", err=True)
    if fmt is OutputFormat.json:
        typer.echo(json.dumps(counts, ensure_ascii=False, indent=2))
        return
    rows = [["node", name, n] for name, n in counts["nodes"].items()]
    rows += [["relationship", name, n] for name, n in counts["relationships"].items()]
    typer.echo(render(QueryResult(["kind", "name", "count"], rows), fmt), nl=False)


def cypher(
    query: Annotated[str, typer.Argument(help="The Cypher text; pass values with -p rather than in the text.")],
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.table,
    write: Annotated[bool, typer.Option("--write", help="Allow the query to change the store.")] = False,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="Query parameter key=value (JSON values: 42, true, [1,2]); repeatable."),
    ] = None,
    neo4j_uri: Neo4jUriOption = None,
    user: Neo4jUserOption = "neo4j",
    password: Neo4jPasswordOption = None,
    database: Neo4jDatabaseOption = None,
) -> None:
    """Run an ad-hoc Cypher query on the store; read-only unless --write is given."""
    params = dict(parse_param(p) for p in param or [])
    from graph.store.embedded import StoreError

    with _store(db, neo4j_uri, user, password, database, write=write) as store:
        try:
            result = store.query(query, params, read_only=not write)
        except (StoreError, RuntimeError, PermissionError) as exc:
            # The stores' errors are one line already; a Cypher syntax error may span several.
            typer.echo(f"error: {' '.join(str(exc).split())}", err=True)
            raise typer.Exit(1) from None
    typer.echo(render(result, fmt), nl=False)


def register(app: typer.Typer) -> None:
    app.command("stats")(stats)
    app.command("cypher")(cypher)
