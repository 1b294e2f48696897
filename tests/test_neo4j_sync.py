"""`danvan load` from the embedded store sends only what changed since the last load into the same database.

The seed articles are built into a real embedded store in two steps (four articles, then the fifth); the recording
double of the driver stands in for the server and keeps what it was sent, including the load marker.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from danvan.graph.build import build_graph
from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.store import neo4j_sync as sync
from danvan.graph.store.neo4j import Neo4jStore, plan_sync
from tests.test_neo4j_double import RecordingDriver

URI = "bolt://db.example:7687"


def _sync(driver: RecordingDriver, kg: KnowledgeGraph, manifest: Path, full: bool = False) -> dict:
    with Neo4jStore(URI, "neo4j", "pw", driver_factory=driver.factory, batch_size=50) as store:  # type: ignore[arg-type]
        return store.sync_graph(kg, manifest, full=full)


def _state(kg: KnowledgeGraph) -> tuple[set[tuple[str, str]], set[tuple[str, str, str]]]:
    """What a database holds after a full load of ``kg`` (as the double keeps it)."""
    driver = RecordingDriver()
    with Neo4jStore(URI, "neo4j", "pw", driver_factory=driver.factory) as store:  # type: ignore[arg-type]
        store.write_graph(kg)
    return driver.nodes, driver.rels


def _data_rows(driver: RecordingDriver) -> int:
    return sum(len(p.get("rows", p.get("ids", []))) for q, p in driver.runs("write") if "$rows" in q or "$ids" in q)


@pytest.fixture(scope="module")
def graphs(seed_extractions: list) -> tuple[KnowledgeGraph, KnowledgeGraph]:
    return build_graph(seed_extractions[:4]), build_graph(seed_extractions)


def test_first_load_is_full_then_an_unchanged_graph_sends_no_data(graphs, tmp_path: Path) -> None:
    before, _ = graphs
    manifest = tmp_path / "m.json.gz"
    driver = RecordingDriver()
    first = _sync(driver, before, manifest)
    assert first["mode"] == "full" and "no earlier load" in first["reason"]
    assert _data_rows(driver) == len(before) + before.g.number_of_edges()
    assert driver.marker == sync.load_manifest(manifest).generation  # type: ignore[union-attr]

    driver.calls.clear()
    again = _sync(driver, before, manifest)
    assert again["mode"] == "incremental"
    assert _data_rows(driver) == 0
    assert sum(again["nodes"].values()) == 0 and again["deleted"] == 0


def test_adding_an_article_sends_only_what_changed_and_ends_like_a_full_load(graphs, tmp_path: Path) -> None:
    before, after = graphs
    manifest = tmp_path / "m.json.gz"
    driver = RecordingDriver()
    _sync(driver, before, manifest)
    driver.calls.clear()
    summary = _sync(driver, after, manifest)
    assert summary["mode"] == "incremental"
    sent = _data_rows(driver)
    everything = len(after) + after.g.number_of_edges()
    assert 0 < sent < everything / 2, (sent, everything)
    assert (driver.nodes, driver.rels) == _state(after)


def test_removed_nodes_and_relationships_are_deleted(graphs, tmp_path: Path) -> None:
    before, after = graphs
    manifest = tmp_path / "m.json.gz"
    driver = RecordingDriver()
    _sync(driver, after, manifest)
    summary = _sync(driver, before, manifest)  # the fifth article was removed from the store
    assert summary["mode"] == "incremental" and summary["deleted"] > 0
    assert (driver.nodes, driver.rels) == _state(before)


def test_a_database_that_lost_the_marker_gets_a_full_load(graphs, tmp_path: Path) -> None:
    before, _ = graphs
    manifest = tmp_path / "m.json.gz"
    _sync(RecordingDriver(), before, manifest)
    wiped = RecordingDriver()  # another (or a restored) database: no marker
    summary = _sync(wiped, before, manifest)
    assert summary["mode"] == "full" and "marker differs" in summary["reason"]
    assert (wiped.nodes, wiped.rels) == _state(before)


def test_full_option_sends_everything(graphs, tmp_path: Path) -> None:
    before, _ = graphs
    manifest = tmp_path / "m.json.gz"
    driver = RecordingDriver()
    _sync(driver, before, manifest)
    driver.calls.clear()
    summary = _sync(driver, before, manifest, full=True)
    assert summary["mode"] == "full"
    assert _data_rows(driver) == len(before) + before.g.number_of_edges()


def test_a_changed_node_gets_its_vanished_properties_cleared(graphs) -> None:
    before, _ = graphs
    _, manifest = plan_sync(before, None)
    person = next(node_id for node_id, _ in before.nodes("Person"))
    previous = sync.Manifest(dict(manifest.nodes), dict(manifest.rels))
    previous.nodes[sync.node_key("Person", person)] = "0" * 16  # as if its properties had been different
    writes, _ = plan_sync(before, previous)
    (row,) = [r for w in writes if w.kind == "nodes" for r in w.parameters["rows"]]
    assert row["id"] == person
    assert None in row["props"].values()  # unset properties travel as null, which removes them in Neo4j


def test_the_manifest_lives_beside_the_store_per_server_and_database(tmp_path: Path) -> None:
    db = tmp_path / "graph.lbdb"
    one = sync.manifest_path(db, URI, None)
    assert one.parent == tmp_path / "graph.lbdb.neo4j"
    assert one != sync.manifest_path(db, URI, "other") != sync.manifest_path(db, "bolt://elsewhere:7687", None)
