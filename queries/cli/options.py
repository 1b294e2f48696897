"""Options shared by several commands, declared once so their names and help never drift."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

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
        "--neo4j-uri", envvar="NEO4J_URI", help="Bolt URI of a Neo4j server (env NEO4J_URI).", show_default=False
    ),
]
Neo4jUserOption = Annotated[
    str, typer.Option("--user", envvar="NEO4J_USERNAME", help="Neo4j user name (env NEO4J_USERNAME).")
]
Neo4jPasswordOption = Annotated[
    str | None,
    typer.Option(
        "--password",
        envvar="NEO4J_PASSWORD",
        help="Neo4j password (env NEO4J_PASSWORD). Never printed.",
        show_default=False,
        show_envvar=True,
    ),
]
Neo4jDatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database", envvar="NEO4J_DATABASE", help="Neo4j database name (env NEO4J_DATABASE).", show_default=False
    ),
]


def resolve_db(db: Path | None) -> Path:
    return db if db is not None else default_db()
