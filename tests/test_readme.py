"""The README's generated blocks match their sources, and every command it shows exists."""

from __future__ import annotations

import re
import shlex

import typer.main
from typer.core import TyperGroup

from conftest import REPO
from danvan.cli import app, doc
from danvan.graph.schema import SCHEMA
from danvan.graph.schema_doc import END, START, read_block, render

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_schema_block_matches_schema() -> None:
    assert read_block(README, START, END) == render().strip(), (
        "README data model is stale: run python -m danvan.graph.schema_doc --write README.md"
    )


def test_every_label_and_type_is_documented() -> None:
    for label in SCHEMA.labels:
        assert f"| `{label}` |" in README
    for rel_type in SCHEMA.rel_types:
        assert f"| `{rel_type}` |" in README


def test_readme_starts_with_the_two_commands() -> None:
    first_block = README.split("```", 2)[1]
    assert "make demo" in first_block and "make test" in first_block


def test_readme_command_reference_matches_the_commands() -> None:
    assert read_block(README, doc.START, doc.END) == doc.render().strip(), (
        "README command reference is stale: run python -m danvan.cli.doc --write README.md"
    )


def test_every_command_argument_and_option_has_help_text() -> None:
    assert doc.undocumented() == []


def test_the_reference_lists_every_command_and_option() -> None:
    block = read_block(README, doc.START, doc.END)
    for name in ("extract", "build", "stats", "cypher", "load", "export", "sparql", "map", "map-index",
                 "query list", "query show", "query run", "query run-all", "query neodash"):  # fmt: skip
        assert f"| `danvan {name}" in block
    for flag in ("--db", "--neo4j-uri", "--password", "--queries-dir", "--max-nodes", "--created", "--from-articles"):
        assert f"`{flag}`" in block
    assert "env `NEO4J_PASSWORD`" in block


def _shown_commands() -> list[list[str]]:
    """Every ``$ danvan ...`` line of the README's console examples, continuation lines joined."""
    commands = []
    lines = README.splitlines()
    for i, line in enumerate(lines):
        text = line.strip()
        if not text.startswith("$ danvan "):
            continue
        j = i + 1
        while j < len(lines) and lines[j].startswith("    ") and not lines[j].strip().startswith("$"):
            text += " " + lines[j].strip()
            j += 1
        commands.append(shlex.split(text[2:].split(" | ")[0], comments=True))
    return commands


def test_every_command_and_option_the_readme_shows_exists() -> None:
    root = typer.main.get_command(app)
    shown = _shown_commands()
    assert len(shown) > 15
    for argv in shown:
        command = root
        words = argv[1:]
        while isinstance(command, TyperGroup):
            command = command.commands[words[0]]
            words = words[1:]
        known = {flag for p in command.params for flag in (*p.opts, *p.secondary_opts) if flag.startswith("-")}
        used = {w.split("=")[0] for w in words if re.match(r"^--?[a-z]", w)}
        assert used <= known, f"{' '.join(argv)}: unknown option(s) {used - known}"


def test_every_path_in_where_things_live_exists() -> None:
    section = README.split("## Where things live", 1)[1]
    paths = [p for p in re.findall(r"`([^`\s]+)`", section) if "/" in p]
    assert len(paths) > 30
    missing = [p for p in paths if not (list(REPO.glob(p)) if "*" in p else (REPO / p).exists())]
    assert missing == []
