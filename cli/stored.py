"""The graph held in the embedded store, loaded for the commands that export or draw it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from danvan.cli.options import resolve_db

if TYPE_CHECKING:
    from danvan.graph.knowledge import KnowledgeGraph


def load_stored_graph(
    db: Path | None, hint: str = "run `danvan build PATH --db FILE` first or pass --db"
) -> KnowledgeGraph:
    """Read the whole graph from the store at ``db`` (read-only); a missing or unreadable store ends the
    command with one line on standard error and exit status 1, never a traceback."""
    from danvan.graph.store.embedded import StoreError, open_store

    path = resolve_db(db)
    if not path.exists():
        typer.echo(f"error: {path}: no graph database here ({hint})", err=True)
        raise typer.Exit(1)
    try:
        with open_store(path, read_only=True) as store:
            return store.load_graph()
    except StoreError as exc:  # locked by a running build, or written by an incompatible version
        typer.echo(f"error: {' '.join(str(exc).split())}", err=True)
        raise typer.Exit(1) from None
