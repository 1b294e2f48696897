"""Options shared by several commands, declared once so their names and help never drift."""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from danvan.queries.runner import Neo4jSettings

DEFAULT_DB = Path(".danvan") / "graph.lbdb"


def default_db() -> Path:
    """``DANVAN_DB`` if set, else ``.danvan/graph.lbdb`` under the working directory."""
    env = os.environ.get("DANVAN_DB")
    return Path(env) if env else DEFAULT_DB


DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="Embedded graph database file. Default: $DANVAN_DB, else .danvan/graph.lbdb.",
        show_default=False,
    ),
]

Neo4jUriOption = Annotated[
    str | None,
    typer.Option(
        "--neo4j-uri",
        envvar="NEO4J_URI",
        help="Bolt URI of a Neo4j server, e.g. neo4j://localhost:7687.",
        show_default=False,
    ),
]
Neo4jUserOption = Annotated[str, typer.Option("--user", envvar="NEO4J_USERNAME", help="Neo4j user name.")]
Neo4jPasswordOption = Annotated[
    str | None,
    typer.Option(
        "--password",
        envvar="NEO4J_PASSWORD",
        help="Neo4j password. Never printed, not even in errors.",
        show_default=False,
        show_envvar=True,
    ),
]
Neo4jDatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database",
        envvar="NEO4J_DATABASE",
        help="Neo4j database name. Default: the server's default database.",
        show_default=False,
    ),
]


def resolve_db(db: Path | None) -> Path:
    return db if db is not None else default_db()


_NEO4J_PARAMS = (
    inspect.Parameter("neo4j_uri", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Neo4jUriOption),
    inspect.Parameter("user", inspect.Parameter.KEYWORD_ONLY, default="neo4j", annotation=Neo4jUserOption),
    inspect.Parameter("password", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Neo4jPasswordOption),
    inspect.Parameter("database", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Neo4jDatabaseOption),
)


def neo4j_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command the four Neo4j connection options and hand it one ``neo4j: Neo4jSettings | None`` argument.

    Several commands talk to Neo4j; declaring the options here once keeps their names, environment
    variables and help identical, and the settings are None when no URI is given by option or by
    ``NEO4J_URI``. Typer reads the rewritten signature, so the options show in ``--help`` as usual.
    """
    signature = inspect.signature(command, eval_str=True)
    if "neo4j" not in signature.parameters:
        raise TypeError(f"{command.__name__} must take a 'neo4j' parameter to use @neo4j_options")
    own = [p for p in signature.parameters.values() if p.name != "neo4j"]

    @functools.wraps(command)
    def wrapper(
        *args: Any, neo4j_uri: str | None, user: str, password: str | None, database: str | None, **kwargs: Any
    ) -> None:
        settings = Neo4jSettings(neo4j_uri, user, password, database) if neo4j_uri else None
        command(*args, neo4j=settings, **kwargs)

    parameters = [*own, *_NEO4J_PARAMS]
    wrapper.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": None}
    return wrapper


def embedded_or_neo4j(db: Path | None, neo4j: Neo4jSettings | None) -> Neo4jSettings | None:
    """Neo4j only when it is asked for and ``--db`` is not: an explicit --db always means the embedded store,
    even when NEO4J_URI is set in the environment for other commands."""
    return neo4j if db is None else None


JudgementsOption = Annotated[
    Path | None,
    typer.Option(
        "--judgements",
        help="Analysts' judgements file (JSON Lines). Default: $DANVAN_JUDGEMENTS, else beside the store "
        "(graph.lbdb -> graph.judgements.jsonl).",
        show_default=False,
    ),
]


def judgements_in_force(path: Path) -> list[Any]:  # list[graph.judgements.Judgement]
    """The judgements kept in ``path`` (none if it does not exist); a damaged file ends the command in one line."""
    from danvan.graph.judgements import JudgementError, read_judgements

    try:
        return read_judgements(path)
    except JudgementError as exc:
        typer.echo(f"error: {path}: {exc}", err=True)
        raise typer.Exit(1) from None


def resolve_judgements(judgements: Path | None, db_path: Path) -> Path:
    """``--judgements``, else ``DANVAN_JUDGEMENTS``, else the store's name with ``.judgements.jsonl``."""
    if judgements is not None:
        return judgements
    env = os.environ.get("DANVAN_JUDGEMENTS")
    return Path(env) if env else db_path.with_name(db_path.stem + ".judgements.jsonl")
