"""The ``danvan`` command line: the one composition root that wires loaders, graph, queries and viz.

It lives in its own room, ``cli/`` (installed as ``danvan.cli``); it is the only place
allowed to import all four packages. Each command group has its own module with a
``register(app)`` function.
"""

from __future__ import annotations

import typer

from danvan.cli import build, export, extract, mapcmd, neo4jcmd, querycmd, remove, review, shell, sparql, store

app = typer.Typer(
    name="danvan",
    help="Turn Vietnamese news about công tác dân vận into a knowledge graph of officials, "
    "organisations, posts, events and campaigns; query it with Cypher, export it as RDF, map it.",
    no_args_is_help=True,
    add_completion=False,
    # Plain help and usage text: rendering them with rich costs about half a second of start-up.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """danvan: Vietnamese dân vận news -> knowledge graph."""


for module in (extract, build, remove, review, store, shell, neo4jcmd, export, querycmd, sparql, mapcmd):
    module.register(app)


def main() -> None:
    app()
