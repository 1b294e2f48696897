"""Every Cypher text the Neo4j loader sends passes Neo4j's own parser and linter.

The texts are the ones actually sent (recorded by the driver double while loading a graph with
every label and relationship endpoint pair, counting, checking for duplicates and running a
read-only query), each linted with exactly the parameters it was sent with. A second test proves
the linter does report broken statements, so the first one can fail.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.schema import SCHEMA
from danvan.graph.store import neo4j_statements as stmts
from danvan.graph.store.neo4j import Neo4jStore
from tests.cypher_lint import errors, lint_cypher
from tests.test_neo4j_double import RecordingDriver, full_graph


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, dict[str, Any]]]:
    """Distinct (text, parameter names) the store sends for a load, an incremental load that deletes everything,
    counts, duplicates and a read query."""
    driver = RecordingDriver(rows=lambda q, p: (["name"], []))
    manifest = tmp_path_factory.mktemp("sync") / "manifest.json.gz"
    with Neo4jStore("bolt://db.example:7687", "neo4j", "pw", batch_size=1000, driver_factory=driver.factory) as store:
        store.write_graph(full_graph())
        store.sync_graph(full_graph(), manifest)
        store.sync_graph(KnowledgeGraph(), manifest)  # every node and relationship is gone: every delete is sent
        store.counts()
        store.duplicates()
        store.query("MATCH (p:Person) WHERE p.name = $name RETURN p.name AS name", {"name": "x"})
    unique: dict[tuple[str, tuple[str, ...]], dict[str, Any]] = {}
    for query, params in driver.runs():
        unique.setdefault((query, tuple(sorted(params))), params)
    return [(query, params) for (query, _), params in unique.items()]


def test_every_generated_statement_is_really_sent(sent: list[tuple[str, dict[str, Any]]]) -> None:
    texts = {q for q, _ in sent}
    assert set(stmts.all_statements()) <= texts
    assert texts - set(stmts.all_statements()) == {
        "MATCH (p:Person) WHERE p.name = $name RETURN p.name AS name",
        "EXPLAIN MATCH (p:Person) WHERE p.name = $name RETURN p.name AS name",
    }


def _problems(texts: list[tuple[str, dict[str, Any]]], version: str) -> list[str]:
    results = lint_cypher([q for q, _ in texts], [p for _, p in texts], cypher_version=version)
    return [
        f"{d['severity']}: {d['message']} at {d['line']}:{d['column']} in: {q}"
        for (q, _), diagnostics in zip(texts, results, strict=True)
        for d in diagnostics
    ]


def test_every_statement_sent_passes_the_linter_with_exactly_its_parameters(
    sent: list[tuple[str, dict[str, Any]]],
) -> None:
    assert _problems(sent, "CYPHER 5") == []  # no errors and no warnings either


_NAMES = re.compile(r"\b(" + "|".join(SCHEMA.labels + SCHEMA.rel_types) + r")\b")


def test_every_statement_shape_also_passes_as_cypher_25(sent: list[tuple[str, dict[str, Any]]]) -> None:
    # Neo4j 2025 servers also speak Cypher 25. The texts differ only in schema names between
    # statements of one shape, so one of each shape is linted (the semantic analysis is slow).
    shapes: dict[str, tuple[str, dict[str, Any]]] = {}
    for query, params in sent:
        shapes.setdefault(_NAMES.sub("X", re.sub(r"danvan_\w+", "name", query)), (query, params))
    assert len(shapes) >= 9
    assert _problems(list(shapes.values()), "CYPHER 25") == []


def test_the_linter_reports_broken_statements() -> None:
    good = stmts.node_upsert("Person")
    cases: list[tuple[str, dict[str, Any] | None, str, str]] = [
        (good.replace("SET", "SETT"), {"rows": []}, "error", "Invalid input 'SETT'"),
        (good + " RETRN n", {"rows": []}, "error", "Invalid input 'RETRN'"),
        (good, {}, "error", "Parameter $rows is not defined"),
        (good.replace("row.props", "rows.props"), {"rows": []}, "error", "Variable `rows` not defined"),
        (
            stmts.rel_upsert("HOLDS", "Person", "Post").replace(":Person", ":Persn"),
            {"rows": []},
            "warning",
            "Label Persn is not present",
        ),
        (stmts.rel_count("HOLDS").replace(":HOLDS", ":HOLD"), {}, "warning", "Relationship type HOLD is not present"),
        ("MATCH (n:Person) RETURN tolowerr(n.name)", None, "error", "Function tolowerr is not present"),
        (
            "CALL apoc.create.node(['Person'], {}) YIELD node RETURN node",
            None,
            "error",
            "Procedure apoc.create.node is not present",
        ),  # plugins are not assumed
    ]
    results = lint_cypher([c[0] for c in cases], [c[1] for c in cases])
    for (text, _, severity, message), diagnostics in zip(cases, results, strict=True):
        assert any(d["severity"] == severity and message in d["message"] for d in diagnostics), (text, diagnostics)
    assert errors(results[0]) and not errors(results[4])
