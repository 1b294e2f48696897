"""Every Cypher text the library sends to Neo4j passes Neo4j's own parser and linter.

Errors are never accepted; a warning is accepted only where the query file says so in writing
(``// lint-accept: MESSAGE -- reason``). The NeoDash export's report queries are checked too.
All texts go to the linter in one call: starting Node.js and the language service dominates.
"""

from __future__ import annotations

from typing import Any

import pytest

from danvan.queries.catalog import Library, Query, load_library
from danvan.queries.neodash import build_dashboard
from danvan.queries.params import bind
from tests.cypher_lint import lint_cypher

EMBEDDED_ONLY = ("shortest_connection", "person_events", "fact_sources")


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="module")
def reports(library: Library) -> list[dict[str, Any]]:
    dashboard = build_dashboard(library)
    return [r for page in dashboard["pages"] for r in page["reports"] if r["type"] == "table"]


@pytest.fixture(scope="module")
def linted(library: Library, reports: list[dict[str, Any]]) -> dict[str, list[list[dict[str, Any]]]]:
    queries = list(library)
    texts = [q.text("neo4j") for q in queries]
    # Declared with the values a default run binds: a parameter the text uses but the run does not
    # give is an error.
    params: list[Any] = [bind(q.name, q.params, {p.name: "x" for p in q.params if p.required}) for q in queries]
    neodash_params = dict.fromkeys(build_dashboard(library)["settings"]["parameters"])
    texts += [r["query"] for r in reports]
    params += [neodash_params] * len(reports)
    texts += [library.get(name).text("embedded") for name in EMBEDDED_ONLY]
    params += [None] * len(EMBEDDED_ONLY)
    fills = [(q, f) for q in queries for f in q.fills]
    texts += [f.cypher for _, f in fills]
    params += [bind(q.name, q.params, {}) for q, _ in fills]
    results = lint_cypher(texts, params)
    n, m, e = len(queries), len(reports), len(EMBEDDED_ONLY)
    return {
        "neo4j": results[:n],
        "neodash": results[n : n + m],
        "embedded": results[n + m : n + m + e],
        "fills": results[n + m + e :],
    }


def _unaccepted(query: Query, diagnostics: list[dict[str, Any]]) -> list[str]:
    accepted = query.accepted("neo4j")
    out = []
    for d in diagnostics:
        if d["severity"] == "error" or not any(a.message in d["message"] for a in accepted):
            out.append(f"{query.name}:{d['line']}:{d['column']} {d['severity']}: {d['message']}")
    return out


def test_every_neo4j_query_passes_the_linter_with_exactly_its_parameters(
    library: Library, linted: dict[str, list[list[dict[str, Any]]]]
) -> None:
    problems = [line for q, diags in zip(library, linted["neo4j"], strict=True) for line in _unaccepted(q, diags)]
    assert problems == []


def test_fill_queries_pass_the_linter(library: Library, linted: dict[str, list[list[dict[str, Any]]]]) -> None:
    fills = [(q.name, f.param) for q in library for f in q.fills]
    assert fills  # shortest_connection fills its empty names
    problems = [
        f"{name} fill {param}: {d['message']}"
        for (name, param), diags in zip(fills, linted["fills"], strict=True)
        for d in diags
    ]
    assert problems == []


def test_the_linter_does_catch_the_embedded_dialect_in_a_neo4j_text(
    linted: dict[str, list[list[dict[str, Any]]]],
) -> None:
    # Guards the test above: LadybugDB-only syntax must be an error for Neo4j, or the check proves nothing.
    for name, diagnostics in zip(EMBEDDED_ONLY, linted["embedded"], strict=True):
        assert any(d["severity"] == "error" for d in diagnostics), name


def test_neodash_report_queries_pass_the_linter(
    reports: list[dict[str, Any]], linted: dict[str, list[list[dict[str, Any]]]]
) -> None:
    problems = [
        f"{r['title']}: {d['severity']}: {d['message']}"
        for r, diags in zip(reports, linted["neodash"], strict=True)
        for d in diags
    ]
    assert problems == []
