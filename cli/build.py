"""``danvan build PATH...``: read articles, extract, resolve and write the graph to the embedded store.

Building is incremental and idempotent: the store keeps each article's extraction, and a build
re-resolves the stored and the new articles together and writes only what changed.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from danvan.cli.options import DbOption, JudgementsOption, judgements_in_force, resolve_db, resolve_judgements

if TYPE_CHECKING:
    from danvan.graph.model import Extraction


def _progress_bar() -> Any:
    """A progress bar on standard error, shown only when it is a terminal (logs stay clean)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )


def format_counts(counts: dict[str, dict[str, int]]) -> str:
    """Counts per label and per relationship type, as two aligned columns."""
    lines = []
    for title, key in (("nodes", "nodes"), ("relationships", "relationships")):
        entries = counts[key]
        total = sum(entries.values())
        lines.append(f"{title}: {total}")
        width = max(len(name) for name in entries)
        lines.extend(f"  {name.ljust(width)}  {value:>8}" for name, value in entries.items())
    return "\n".join(lines)


def pruned(
    paths: list[Path], stored: list[tuple[str, str, str]], extractions: list[Extraction], failed: list[str]
) -> list[str]:
    """Ids of the ``stored`` (id, path, url) articles that ``build --prune`` takes out: those whose file has
    vanished from a folder in ``paths``, and those a .jsonl file read again no longer holds, unless reading
    that file (or its folder) failed somewhere (``failed``: the paths of the errors)."""
    from danvan.loaders.read import at_location, gone

    folders = [p for p in paths if p.is_dir()]
    read = {ex.article.id for ex in extractions}
    broken = [Path(re.sub(r":\d+$", "", f)) for f in failed]  # "feed.jsonl:12" is an error in feed.jsonl
    reread = {ex.article.path for ex in extractions if ex.article.path.lower().endswith(".jsonl")}
    complete = {where for where in reread if not any(at_location(b, where) for b in broken)}
    return [
        aid
        for aid, where, _ in stored
        if aid not in read and (where in complete or any(gone(folder, where) for folder in folders))
    ]


def build(
    paths: Annotated[
        list[Path],
        typer.Argument(
            # No exists=True: a missing path is one error line like any unreadable file, and the rest of the
            # batch is still built (as in ``extract``).
            help="Article files (.txt, .html, .jsonl) or folders to read recursively.",
            show_default=False,
            # Not checked by the parser: an unreadable file is one error line, not a usage error for all.
            readable=False,
        ),
    ],
    db: DbOption = None,
    judgements: JudgementsOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-j",
            min=1,
            help="Processes reading and extracting articles in parallel. Default: one per CPU, at most 4.",
            show_default=False,
        ),
    ] = None,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune",
            help="Also take out of the store the articles whose files have vanished from the folders given, and the "
            "records no longer in a .jsonl file read without errors (with everything only they supported).",
        ),
    ] = False,
) -> None:
    """Build (or extend) the knowledge graph in the embedded store from article files.

    Running it again with more articles adds and updates; running it on the same articles changes nothing. An edited file replaces its old version: an article's id comes from its address, else from its file's path inside the folder given, not from its text. The analysts' judgements (see `danvan review`) are applied after resolution on every build.
    """  # noqa: E501  (typer reflows help text; one paragraph per line reads best)
    from danvan.graph.model import Extraction
    from danvan.graph.store.embedded import StoreError, open_store
    from danvan.loaders.pipeline import extract_paths

    db_path = resolve_db(db)
    judgements_path = resolve_judgements(judgements, db_path)
    judged = judgements_in_force(judgements_path)
    # Resolved here, not in the signature, so --help and the README never show this machine's CPU count.
    workers = workers or max(1, min(4, os.cpu_count() or 1))
    started = time.perf_counter()
    failures = 0
    try:
        # Open the store first: a locked or incompatible database is reported before any work.
        with open_store(db_path) as store, _progress_bar() as bar:
            reading = bar.add_task("reading and extracting articles", total=None)
            extractions: list[Extraction] = []
            failed: list[str] = []
            for item in extract_paths(paths, workers=workers):
                if isinstance(item, Extraction):
                    extractions.append(item)
                else:
                    failures += 1
                    failed.append(item.path)
                    bar.console.print(f"error: {item}", markup=False, highlight=False, soft_wrap=True)
                bar.advance(reading)
            bar.update(reading, total=len(extractions) + failures)
            tasks: dict[str, Any] = {}

            def progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    label = {"resolve": "resolving entities", "write": "writing the store"}.get(stage, stage)
                    tasks[stage] = bar.add_task(label, total=total)
                bar.update(tasks[stage], completed=done, total=total)

            vanished = pruned(paths, store.stored_articles(), extractions, failed) if prune else []
            report = store.ingest(extractions, progress=progress, remove=vanished, judgements=judged)
            counts = store.counts()
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    elapsed = time.perf_counter() - started
    typer.echo(
        f"{db_path}: {report.articles_new} new, {report.articles_changed} changed, "
        f"{report.articles_unchanged} unchanged article(s)"
        + (f", {report.articles_removed} removed" if report.articles_removed else "")
        + f"; {report.articles_total} in the store"
    )
    if failures:
        typer.echo(f"{failures} file(s) or record(s) could not be read (see the errors above)")
    typer.echo(f"{report.write.total} node(s) and relationship(s) added, updated or deleted in {elapsed:.1f} s")
    typer.echo(format_counts(counts))
    if failures:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("build")(build)
