"""The ``danvan`` command line: the one composition root that wires loaders, graph, queries and viz.

It lives in its own room, ``cli/`` (installed as ``danvan.cli``); it is the only place
allowed to import all four packages. Each command group has its own module with a
``register(app)`` function.
"""

from __future__ import annotations

import importlib
import sys

import typer

#: Where each command is declared, in the order `danvan --help` lists them.
COMMANDS: dict[str, str] = {
    "extract": "extract",
    "build": "build",
    "remove": "remove",
    "review": "review",
    "stats": "store",
    "cypher": "store",
    "shell": "shell",
    "load": "neo4jcmd",
    "export": "export",
    "vocabulary": "export",
    "validate": "export",
    "query": "querycmd",
    "sparql": "sparql",
    "map": "mapcmd",
    "map-index": "mapcmd",
}


def make_app(modules: list[str] | None = None) -> typer.Typer:
    """The command line with the command groups of ``modules`` (default: all of them)."""
    application = typer.Typer(
        name="danvan",
        help="Turn Vietnamese news about công tác dân vận into a knowledge graph of officials, "
        "organisations, posts, events and campaigns; query it with Cypher, export it as RDF, map it.",
        no_args_is_help=True,
        add_completion=False,
        # Plain help and usage text: rendering them with rich costs about half a second of start-up.
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )

    @application.callback()
    def _root() -> None:
        """danvan: Vietnamese dân vận news -> knowledge graph."""

    for name in modules if modules is not None else list(dict.fromkeys(COMMANDS.values())):
        importlib.import_module(f"danvan.cli.{name}").register(application)
    return application


def __getattr__(name: str) -> typer.Typer:
    # `danvan.cli.app`, the whole command line, is made on first use (tests, the README generator).
    if name == "app":
        application = make_app()
        globals()["app"] = application
        return application
    raise AttributeError(name)


def main() -> None:
    """The `danvan` command: only the module of the command asked for is imported (start-up stays short for
    `stats` or a query); help, or anything not a command, gets the whole command line."""
    words = [a for a in sys.argv[1:] if not a.startswith("-")]
    wanted = COMMANDS.get(words[0]) if words and words[0] == sys.argv[1] else None
    make_app([wanted] if wanted is not None else None)()
