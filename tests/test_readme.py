"""The README's data model is a projection of the schema, never hand-edited."""

from __future__ import annotations

from conftest import REPO
from graph.schema import SCHEMA
from graph.schema_doc import END, START, render


def test_readme_schema_block_matches_schema() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split(START, 1)[1].split(END, 1)[0].strip()
    assert block == render().strip(), "README data model is stale: run python -m graph.schema_doc --write README.md"


def test_every_label_and_type_is_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for label in SCHEMA.labels:
        assert f"| `{label}` |" in readme
    for rel_type in SCHEMA.rel_types:
        assert f"| `{rel_type}` |" in readme


def test_readme_starts_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```", 2)[1]
    assert "make demo" in first_block and "make test" in first_block
