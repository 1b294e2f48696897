"""``danvan remove ARTICLE...``: take articles, and everything only they supported, out of the embedded store."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from danvan.cli.options import DbOption, JudgementsOption, judgements_in_force, resolve_db, resolve_judgements


def matching(name: str, stored: list[tuple[str, str, str]]) -> list[str]:
    """Ids of the stored (id, path, url) articles that ``name`` designates: an article id, an address, or a
    file or folder path (however named; see :func:`loaders.read.at_location`)."""
    from danvan.graph.ids import article_url
    from danvan.loaders.read import at_location

    if any(aid == name for aid, _, _ in stored):
        return [name]
    address = article_url(name)
    if address:
        return [aid for aid, _, url in stored if url and article_url(url) == address]
    return [aid for aid, where, _ in stored if where and at_location(Path(name), where)]


def remove(
    articles: Annotated[
        list[str],
        typer.Argument(
            help="Articles to take out: an article id (article:...), the article's address (URL), or the path of "
            "its file (a folder path takes out every article read from that folder).",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    judgements: JudgementsOption = None,
) -> None:
    """Take articles out of the embedded store, with everything only they supported.

    A fact that other articles also state stays, without the removed article among its sources and with its first and last seen dates recomputed from the others. A name that matches no stored article is an error (exit status 1); the others are still removed.
    """  # noqa: E501  (typer reflows help text; one paragraph per line reads best)
    from danvan.cli.build import format_counts
    from danvan.graph.store.embedded import StoreError, open_store

    db_path = resolve_db(db)
    judgements_path = resolve_judgements(judgements, db_path)
    judged = judgements_in_force(
        judgements_path
    )  # the graph is re-resolved without the articles: the judgements in force apply to it as to a build
    started = time.perf_counter()
    failures = 0
    try:
        with open_store(db_path, read_only=not db_path.exists()) as store:
            stored = store.stored_articles()
            chosen: set[str] = set()
            for name in articles:
                found = matching(name, stored)
                if not found:
                    failures += 1
                    typer.echo(f"error: {name}: no such article in the store", err=True)
                chosen.update(found)
            report = store.remove(sorted(chosen), judgements=judged) if chosen else None
            counts = store.counts()
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    removed = report.articles_removed if report else 0
    total = report.articles_total if report else len(stored)
    typer.echo(f"{db_path}: {removed} article(s) removed; {total} in the store")
    if report is not None:
        elapsed = time.perf_counter() - started
        typer.echo(f"{report.write.total} node(s) and relationship(s) added, updated or deleted in {elapsed:.1f} s")
    typer.echo(format_counts(counts))
    if failures:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("remove")(remove)
