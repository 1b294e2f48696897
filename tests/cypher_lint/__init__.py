"""Check Cypher texts with Neo4j's own parser and linter (npm ``@neo4j-cypher/language-support``).

No Neo4j server can run on the build machines, so every Cypher text sent to Neo4j is checked
here instead: ``lint_cypher(texts)`` runs ``lint.mjs`` once with the machine's Node.js and returns,
per text, the diagnostics (``severity``, ``message``, ``line``, ``column``, ``start``, ``end``,
``text``). ``make node`` (part of ``make test``) installs the pinned package with ``npm ci``.
Where Node.js or the package is missing the calling test is skipped with a visible reason.

The labels and relationship types of ``graph.schema.SCHEMA`` are declared, so a misspelt label
is a warning. Parameters: pass ``parameters`` (one mapping or ``None`` per text) to check that a
text uses only the parameters it will be given; ``None`` declares every parameter the text uses.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

LINT_DIR = Path(__file__).resolve().parent
SCRIPT = LINT_DIR / "lint.mjs"
PACKAGE = LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support"

Diagnostic = dict[str, Any]


def lint_unavailable() -> str | None:
    """Why linting cannot run here, or ``None`` when it can."""
    if shutil.which("node") is None:
        return "Node.js (node) is not installed: cannot run Neo4j's Cypher linter"
    if not PACKAGE.is_dir():
        return f"{PACKAGE.relative_to(LINT_DIR.parents[1])} is missing: run `make node` (npm ci in {LINT_DIR.name})"
    return None


def lint_cypher(
    texts: Sequence[str],
    parameters: Sequence[Mapping[str, Any] | None] | None = None,
    *,
    declare_schema: bool = True,
    cypher_version: str = "CYPHER 5",
) -> list[list[Diagnostic]]:
    """Diagnostics per text, in order; an empty list means Neo4j's parser and linter accept it."""
    reason = lint_unavailable()
    if reason:
        pytest.skip(reason)
    if parameters is not None and len(parameters) != len(texts):
        raise ValueError("give one parameters entry (or None) per text")
    queries: list[Any] = []
    for i, text in enumerate(texts):
        params = parameters[i] if parameters is not None else None
        queries.append(text if params is None else {"query": text, "parameters": _declared(params)})
    spec: dict[str, Any] = {"queries": queries, "cypherVersion": cypher_version}
    if declare_schema:
        from danvan.graph.schema import SCHEMA
        from danvan.graph.store.neo4j_sync import MARKER_LABEL

        # The load marker's label belongs to the loader, not to the data schema, but it is in every loaded database.
        spec["labels"] = [*SCHEMA.labels, MARKER_LABEL]
        spec["relationshipTypes"] = list(SCHEMA.rel_types)
    proc = subprocess.run(
        ["node", str(SCRIPT)],
        input=json.dumps(spec),
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=LINT_DIR,
        timeout=600,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"lint.mjs failed (exit {proc.returncode}): {proc.stderr.strip()[-2000:]}")
    results: list[list[Diagnostic]] = json.loads(proc.stdout)
    if len(results) != len(texts):
        raise RuntimeError(f"lint.mjs returned {len(results)} results for {len(texts)} texts")
    return results


def errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d["severity"] == "error"]


def _declared(params: Mapping[str, Any]) -> dict[str, None]:
    # Only the names matter to the linter; the values (dates, ...) need not be JSON.
    return dict.fromkeys(params)
