"""``danvan extract``: articles -> JSON Lines of facts with evidence (the extraction contract)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer


def write_extractions(paths: list[Path], out: TextIO, workers: int | None) -> tuple[int, int]:
    """Write one JSON object per article to ``out``; errors go to stderr. Returns (articles, errors)."""
    # The extractor takes most of the command line's import time; only the commands that read articles load it.
    from danvan.graph.model import Extraction
    from danvan.loaders.pipeline import extract_paths
    from danvan.loaders.read import ReadError

    articles = errors = 0
    for result in extract_paths(paths, workers=workers):
        if isinstance(result, ReadError):
            errors += 1
            typer.echo(f"error: {result}", err=True)
            continue
        assert isinstance(result, Extraction)
        out.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        articles += 1
    return articles, errors


def extract(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Article files (.txt, .html, .jsonl) or folders of them (read recursively).",
            show_default=False,
            readable=False,
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write the JSON Lines here instead of standard output.", show_default=False),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-j", min=1, help="Worker processes. Default: one per available CPU.", show_default=False
        ),
    ] = None,
) -> None:
    """Extract persons, posts, organisations, events, campaigns and documents, with evidence, as JSON Lines.

    One object per article: {"article": {...}, "entities": [...], "facts": [...]}; evidence offsets are into the article's original text.

    A file (or .jsonl line) that cannot be read is reported on standard error, one line naming it; the others are still written, and the exit status is then 1.
    """  # noqa: E501  (typer reflows help text; one paragraph per line reads best)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8", newline="\n") as handle:
            articles, errors = write_extractions(paths, handle, workers)
    else:
        articles, errors = write_extractions(paths, sys.stdout, workers)
        sys.stdout.flush()
    if out is not None:
        typer.echo(f"{articles} article(s) written to {out}" + (f", {errors} error(s)" if errors else ""), err=True)
    if errors:
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
