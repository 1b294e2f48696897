"""``danvan load``: the real command line, on a real embedded database, with the driver double."""

from __future__ import annotations

import logging
from pathlib import Path

import neo4j
import pytest
from neo4j.exceptions import AuthError
from typer.testing import CliRunner

from danvan.cli import app
from danvan.graph.schema import SCHEMA
from tests.test_neo4j_double import RecordingDriver, small_graph

PASSWORD = "pw-Kx9#load-secret"
ENV = {
    "NEO4J_URI": "neo4j://db.example:7687",
    "NEO4J_USERNAME": "analyst",
    "NEO4J_PASSWORD": PASSWORD,
    "NEO4J_DATABASE": "danvan",
}


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from danvan.graph.store.embedded import open_store

    path = tmp_path_factory.mktemp("neo4j-cli") / "small.lbdb"
    with open_store(path) as store:
        store.write_graph(small_graph())
    return path


@pytest.fixture()
def driver(monkeypatch: pytest.MonkeyPatch) -> RecordingDriver:
    double = RecordingDriver()
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", double.factory)
    return double


def _load(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["load", *args], env=env or {})
    return result.exit_code, result.output


def test_load_from_the_embedded_store_with_credentials_from_the_environment(
    small_db: Path, driver: RecordingDriver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    code, output = _load(["--db", str(small_db), "--batch-size", "2"], ENV)
    assert code == 0, output
    assert driver.uri == "neo4j://db.example:7687" and driver.auth == ("analyst", PASSWORD)
    assert {call.session.get("database") for call in driver.calls} == {"danvan"}
    assert "loading 8 nodes and 8 relationships into neo4j://db.example:7687 (database danvan)" in output
    assert "batches: 12" in output
    assert "  Person        3" in output and "  HOLDS         3" in output and "  MENTIONED_IN  2" in output
    assert "created by this load: 8 nodes, 8 relationships" in output
    assert PASSWORD not in output and PASSWORD not in caplog.text


def test_loading_again_with_full_sends_the_same_and_creates_nothing(small_db: Path, driver: RecordingDriver) -> None:
    code, _ = _load(["--db", str(small_db), "--neo4j-uri", "bolt://db.example", "--password", PASSWORD, "-q"])
    assert code == 0
    first = driver.runs()
    args = ["--db", str(small_db), "--neo4j-uri", "bolt://db.example", "--password", PASSWORD, "-q", "--full"]
    code, output = _load(args)
    assert code == 0
    assert driver.runs()[len(first) :] == first
    assert "full load (asked for (--full))" in output
    assert "created by this load: 0 nodes, 0 relationships" in output
    assert PASSWORD not in output


def test_loading_again_sends_no_data_when_nothing_changed(small_db: Path, driver: RecordingDriver) -> None:
    args = ["--db", str(small_db), "--neo4j-uri", "bolt://db.example", "--password", PASSWORD, "-q"]
    assert _load(args)[0] == 0
    first = len(driver.runs())
    code, output = _load(args)
    assert code == 0
    again = driver.runs()[first:]
    assert not [q for q, _ in again if "$rows" in q or "$ids" in q]
    assert "incremental load; 0 node(s) and relationship(s) deleted" in output


def test_options_override_the_environment(small_db: Path, driver: RecordingDriver) -> None:
    code, output = _load(
        ["--db", str(small_db), "--neo4j-uri", "bolt://other:7687", "--user", "u2", "--password", "p2", "-q"], ENV
    )
    assert code == 0, output
    assert driver.uri == "bolt://other:7687" and driver.auth == ("u2", "p2")


def test_refused_credentials_are_one_line_without_the_password(small_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    double = RecordingDriver(verify_error=AuthError(f"authentication failure for password {PASSWORD}"))
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", double.factory)
    code, output = _load(["--db", str(small_db)], ENV)
    assert code == 1
    assert output.strip().count("\n") == 0 and output.startswith("error: Neo4j at neo4j://db.example:7687")
    assert "refused the credentials of user 'analyst'" in output
    assert PASSWORD not in output and double.calls == []


def test_an_unreachable_server_is_one_line_and_nothing_is_read(tmp_path: Path) -> None:
    # The real driver; the database path does not exist, which must not matter before connecting.
    code, output = _load(
        ["--db", str(tmp_path / "none.lbdb"), "--neo4j-uri", "bolt://127.0.0.1:9", "--password", PASSWORD]
    )
    assert code == 1
    assert output.startswith("error: cannot reach Neo4j at bolt://127.0.0.1:9") and output.strip().count("\n") == 0
    assert PASSWORD not in output


def test_a_missing_uri_or_a_missing_database_is_a_clear_error(tmp_path: Path, driver: RecordingDriver) -> None:
    code, output = _load(["--db", str(tmp_path / "none.lbdb")])
    assert code == 2 and "pass --neo4j-uri URI or set NEO4J_URI" in output
    code, output = _load(["--db", str(tmp_path / "none.lbdb"), "--neo4j-uri", "bolt://db.example"])
    assert code == 1 and "none.lbdb: no graph database here" in output
    assert [c for c in driver.calls if c.mode == "write"] == []


def test_load_straight_from_articles(seed_files: list[Path], seed_graph, driver: RecordingDriver) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("danvan.loaders.pipeline", reason="the reading pipeline (loaders.pipeline) is not there yet")
    args = [arg for path in seed_files for arg in ("--from-articles", str(path))]
    code, output = _load([*args, "--neo4j-uri", "bolt://db.example", "-q"])
    assert code == 0, output
    counts = seed_graph.counts()
    assert counts["nodes"]["Article"] == len(seed_files) and counts["nodes"]["Person"] > 0
    assert f"loading {sum(counts['nodes'].values())} nodes and {sum(counts['relationships'].values())} " in output
    loaded = {label: sum(1 for lab, _ in driver.nodes if lab == label) for label in SCHEMA.labels}
    assert loaded == counts["nodes"]
