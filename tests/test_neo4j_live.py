"""The whole Neo4j load against a real server: opt-in, run when ``NEO4J_URI`` is set.

Set ``NEO4J_URI`` (and ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE`` as needed) to a
disposable database: the test first deletes the nodes with danvan's labels there, and refuses to
run on a database that holds nodes with other labels (it is then not a test database).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from danvan.graph.schema import SCHEMA
from danvan.graph.store.neo4j import Neo4jStore

pytestmark = [
    pytest.mark.neo4j,
    pytest.mark.skipif(
        not os.environ.get("NEO4J_URI"),
        reason="NEO4J_URI is not set: no real Neo4j server to load into (set NEO4J_URI, NEO4J_USERNAME, "
        "NEO4J_PASSWORD, NEO4J_DATABASE to a disposable database to run it)",
    ),
]


@pytest.fixture(scope="module")
def neo4j_store() -> Iterator[Neo4jStore]:
    store = Neo4jStore(
        os.environ["NEO4J_URI"],
        os.environ.get("NEO4J_USERNAME", "neo4j"),
        os.environ.get("NEO4J_PASSWORD"),
        os.environ.get("NEO4J_DATABASE"),
        batch_size=500,
    )
    with store:
        store.verify()
        labels = " OR ".join(f"n:{label}" for label in SCHEMA.labels)
        foreign = store.query(f"MATCH (n) WHERE NOT ({labels}) RETURN count(n) AS foreign").rows[0][0]
        if foreign:
            pytest.fail(f"{store.uri} holds {foreign} nodes that are not danvan's: point NEO4J_URI at a test database")
        for label in SCHEMA.labels:
            store.query(f"MATCH (n:{label}) DETACH DELETE n", read_only=False)
        yield store


def test_loading_the_seed_graph_twice_matches_the_embedded_store(
    neo4j_store: Neo4jStore,
    seed_graph,
    seed_db: Path,  # type: ignore[no-untyped-def]
) -> None:
    from danvan.graph.store.embedded import open_store

    with open_store(seed_db, read_only=True) as embedded:
        expected = embedded.counts()
    assert expected == seed_graph.counts()

    first = neo4j_store.write_graph(seed_graph)
    assert neo4j_store.counts() == expected
    second = neo4j_store.write_graph(seed_graph)
    assert neo4j_store.counts() == expected
    assert neo4j_store.duplicates() == {}
    assert first["nodes_created"] == sum(expected["nodes"].values())
    assert first["relationships_created"] == sum(expected["relationships"].values())
    assert second["nodes_created"] == 0 and second["relationships_created"] == 0


def test_read_only_mode_refuses_writes_locally_and_on_the_server(neo4j_store: Neo4jStore) -> None:
    from danvan.graph.store.neo4j import ReadOnlyQueryError, _run_read_only

    write = "MATCH (n:Person) SET n.touched = true RETURN count(n) AS n"
    with pytest.raises(ReadOnlyQueryError, match="the query writes"):
        neo4j_store.query(write)
    # The server's EXPLAIN verdict alone, without the local check in front of it.
    with neo4j_store._session(read=True) as session, pytest.raises(ReadOnlyQueryError, match="type 'rw'"):
        session.execute_read(_run_read_only, write, {})
    assert neo4j_store.query("MATCH (n:Person) WHERE n.touched RETURN count(n) AS n").rows == [[0]]


def test_hostile_parameter_values_are_data(neo4j_store: Neo4jStore) -> None:
    before = neo4j_store.counts()
    hostile = "x' }) DETACH DELETE n //"
    result = neo4j_store.query("MATCH (p:Person) WHERE p.name = $name RETURN count(p) AS n", {"name": hostile})
    assert result.rows == [[0]]
    assert neo4j_store.counts() == before
