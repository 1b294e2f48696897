"""``danvan load``: copy the knowledge graph into a Neo4j server over Bolt.

The graph comes from the embedded store (``--db``, the default) or straight from article files
(``--from-articles``). Credentials come from the options or the standard ``NEO4J_URI``,
``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` variables; the password is never
printed, not even in errors.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from danvan.cli.options import DbOption, neo4j_options, resolve_db
from danvan.cli.stored import load_stored_graph
from danvan.queries.runner import Neo4jSettings

if TYPE_CHECKING:
    from danvan.graph.knowledge import KnowledgeGraph


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _graph_from_articles(paths: list[Path], workers: int) -> tuple[KnowledgeGraph, int]:
    """Read and extract the articles, build the graph; bad files are reported and skipped."""
    from danvan.graph.build import build_graph
    from danvan.graph.model import Extraction
    from danvan.loaders.pipeline import extract_paths

    extractions: list[Extraction] = []
    failures = 0
    for item in extract_paths(paths, workers=workers):
        if isinstance(item, Extraction):
            extractions.append(item)
        else:
            failures += 1
            typer.echo(f"error: {item}", err=True)
    return build_graph(extractions), failures


@neo4j_options
def load(
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Nodes or relationships per UNWIND batch (one transaction each).")
    ] = 1000,
    db: DbOption = None,
    from_articles: Annotated[
        list[Path] | None,
        typer.Option(
            "--from-articles",
            help="Build the graph from these article files or folders instead of the embedded store "
            "(repeat the option for several).",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Extraction processes (with --from-articles).")] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    full: Annotated[
        bool,
        typer.Option("--full", help="Send the whole graph even when the last load from this store is recorded."),
    ] = False,
    neo4j: Neo4jSettings | None = None,
) -> None:
    """Load the knowledge graph into Neo4j: constraints and indexes, then nodes, then relationships.

    Every batch is an idempotent MERGE in its own retried transaction, so loading again (or after an
    interruption) updates without duplicating anything. From the embedded store, a load sends only what changed
    since the last load into the same database (recorded beside the store and by a marker node in the database);
    when the two records disagree, or with --full, everything is sent.
    """
    from danvan.graph.store.neo4j import Neo4jStore, Neo4jStoreError, Write
    from danvan.graph.store.neo4j_sync import manifest_path

    if neo4j is None:
        raise _fail("no Neo4j server given: pass --neo4j-uri URI or set NEO4J_URI", code=2)
    if from_articles and db is not None:
        raise _fail("give either --db or --from-articles, not both", code=2)

    try:
        store = Neo4jStore(neo4j.uri, neo4j.user, neo4j.password, neo4j.database, batch_size)
    except Neo4jStoreError as exc:
        raise _fail(str(exc)) from None
    with store:
        try:  # fail fast, before the possibly long extraction
            store.verify()
        except Neo4jStoreError as exc:
            raise _fail(str(exc)) from None
        failures = 0
        if from_articles:
            kg, failures = _graph_from_articles(list(from_articles), workers)
        else:
            kg = load_stored_graph(db, hint=f"run `danvan build PATH --db {resolve_db(db)}` or use --from-articles")
        total = len(kg) + kg.g.number_of_edges()  # every node and relationship is in exactly one batch
        typer.echo(
            f"loading {len(kg)} nodes and {kg.g.number_of_edges()} relationships into {store.uri}"
            + (f" (database {neo4j.database})" if neo4j.database else ""),
            err=True,
        )
        bar: Any = None
        if not quiet:
            bar = typer.progressbar(length=max(total, 1), label="loading", file=sys.stderr)
            bar.__enter__()

        def progress(write: Write) -> None:
            if bar is not None and write.size:
                bar.update(write.size)

        try:
            if from_articles:
                summary = store.write_graph(kg, progress=progress)
            else:
                manifest = manifest_path(resolve_db(db), store.uri, neo4j.database)
                summary = store.sync_graph(kg, manifest, full=full, progress=progress)
        except Neo4jStoreError as exc:
            raise _fail(str(exc)) from None
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)

    _print_summary(summary)
    if failures:
        raise _fail(f"{failures} input file(s) could not be read; the rest was loaded")


def _print_summary(summary: dict[str, Any]) -> None:
    width = max(len(k) for k in (*summary["nodes"], *summary["relationships"]))
    lines = []
    if "mode" in summary:
        why = f" ({summary['reason']})" if summary["reason"] else ""
        lines.append(f"{summary['mode']} load{why}; {summary['deleted']} node(s) and relationship(s) deleted")
    lines += [f"schema statements: {summary['schema_statements']}; batches: {summary['batches']}", "nodes:"]
    lines += [f"  {label.ljust(width)}  {n}" for label, n in summary["nodes"].items()]
    lines.append("relationships:")
    lines += [f"  {rel.ljust(width)}  {n}" for rel, n in summary["relationships"].items()]
    lines.append(
        f"created by this load: {summary['nodes_created']} nodes, {summary['relationships_created']} relationships "
        f"({summary['properties_set']} properties set)"
    )
    typer.echo("\n".join(lines))


def register(app: typer.Typer) -> None:
    app.command("load")(load)
