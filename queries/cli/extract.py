"""Placeholder: filled in by the issue that owns this command."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    pass
