"""One ``error:`` line and exit status 1 for an output that cannot be written, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import NoReturn

import typer

from danvan.graph.atomic_file import describe_os_error


def output_failed(exc: OSError, target: Path | None = None, *, new_folder: Path | None = None) -> NoReturn:
    """End the command: ``error: PATH: reason``, naming ``target`` (the user's path), else the one the system named."""
    if new_folder is not None:  # a folder this command made goes too, with whatever it had written there
        shutil.rmtree(new_folder, ignore_errors=True)
    where = target if target is not None else exc.filename
    typer.echo(f"error: {where}: {describe_os_error(exc)}" if where else f"error: {describe_os_error(exc)}", err=True)
    raise typer.Exit(1)
