"""Read-only means read-only: ad-hoc Cypher and SPARQL reach neither files, extensions, settings nor the network."""

from __future__ import annotations

import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import danvan.graph.store.embedded as embedded
from danvan.cli import app
from danvan.graph.store.embedded import ReadOnlyError, open_store
from danvan.queries.catalog import load_library

runner = CliRunner()


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args), catch_exceptions=False)


def persons(db: Path) -> int:
    with open_store(db, read_only=True) as store:
        return int(store.query("MATCH (p:Person) RETURN count(p)").rows[0][0])


@pytest.fixture
def db(seed_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "seed.lbdb"
    shutil.copy(seed_db, copy)
    assert persons(copy) > 0
    return copy


def test_several_statements_behind_a_comment_do_not_delete_in_a_read_only_query(db: Path) -> None:
    before = persons(db)
    with open_store(db) as store:  # opened writable: only the query's read_only guards it
        with pytest.raises(ReadOnlyError, match="one statement"):
            store.query("RETURN 1; /* x */ COMMIT; MATCH (n:Person) DETACH DELETE n", read_only=True)
        with pytest.raises(ReadOnlyError):
            store.query("COMMIT", read_only=True)
    assert persons(db) == before


def test_the_engine_itself_refuses_several_statements_when_the_text_check_is_bypassed(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The statement is prepared, and LadybugDB prepares one statement only: not a list of words."""
    monkeypatch.setattr(embedded, "check_read_only", lambda cypher: None)
    before = persons(db)
    with open_store(db) as store, pytest.raises(embedded.StoreError, match="multiple statements"):
        store.query("RETURN 1; MATCH (n:Person) DETACH DELETE n", read_only=True)
    with open_store(db) as store, pytest.raises(ReadOnlyError):
        store.query("MATCH (n:Person) DETACH DELETE n", read_only=True)  # the READ ONLY transaction
    assert persons(db) == before


def test_read_only_cypher_does_not_overwrite_a_file(db: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.csv"
    victim.write_text("precious\n", encoding="utf-8")
    result = invoke("cypher", f"COPY (RETURN 'x' AS x) TO '{victim}'", "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: refused: COPY") and result.stderr.count("\n") == 1
    assert victim.read_text(encoding="utf-8") == "precious\n"
    # with --write the user asked for it, and the same statement does write
    assert invoke("cypher", f"COPY (RETURN 'x' AS x) TO '{victim}'", "--db", str(db), "--write").exit_code == 0
    assert victim.read_text(encoding="utf-8") != "precious\n"


def test_read_only_cypher_does_not_read_a_file(db: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("root:s3cr3tvalue:0\n", encoding="utf-8")
    for cypher in (
        f"LOAD FROM '{secret}' (file_format='csv', delim=':') RETURN *",
        f"LOAD WITH HEADERS (a STRING) FROM '{secret}' RETURN *",
        f"MATCH (p:Person) WITH p LIMIT 1 LOAD FROM '{secret}' RETURN *",
    ):
        result = invoke("cypher", cypher, "--db", str(db))
        assert result.exit_code == 1, cypher
        assert "s3cr3tvalue" not in result.output
        assert result.stderr.startswith("error: refused: LOAD")


@pytest.mark.parametrize(
    ("cypher", "word"),
    [
        ("INSTALL httpfs", "INSTALL"),
        ("LOAD EXTENSION '/tmp/anything.so'", "LOAD"),
        ("CALL home_directory='/tmp'", "CALL home_directory"),
        ("EXPORT DATABASE '/tmp/danvan-export-test'", "EXPORT"),
        ("IMPORT DATABASE '/tmp/danvan-export-test'", "IMPORT"),
        ("ATTACH '/tmp/other.lbdb' AS o (dbtype lbug)", "ATTACH"),
        ("CHECKPOINT", "CHECKPOINT"),
    ],
)
def test_read_only_cypher_refuses_extensions_settings_and_database_files(db: Path, cypher: str, word: str) -> None:
    result = invoke("cypher", cypher, "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: refused: {word} ")
    assert not Path("/tmp/danvan-export-test").exists()


def test_reading_queries_and_catalogue_calls_still_run(db: Path) -> None:
    result = invoke("cypher", "CALL show_tables() RETURN name ORDER BY name LIMIT 1", "--db", str(db))
    assert result.exit_code == 0, result.output
    # clause words inside strings, names and property keys are data
    result = invoke(
        "cypher", "MATCH (p:Person) WHERE p.name <> 'COPY x; LOAD y' RETURN count(p) AS `set`", "--db", str(db)
    )
    assert result.exit_code == 0, result.output
    assert str(persons(db)) in result.stdout


def test_the_canned_library_refuses_the_same_clauses(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    header = "// name: {n}\n// title: t\n// description: d\n"
    (folder / "leak.cypher").write_text(header.format(n="leak") + "LOAD FROM '/etc/passwd' RETURN *\n")
    (folder / "setting.cypher").write_text(header.format(n="setting") + "CALL home_directory='/tmp'\n")
    (folder / "catalogue.cypher").write_text(header.format(n="catalogue") + "CALL show_tables() RETURN name\n")
    library = load_library([folder], builtin=False)
    assert library.names() == ["catalogue"]
    assert any("leak.cypher" in e and "LOAD" in e for e in library.errors)
    assert any("setting.cypher" in e and "CALL" in e for e in library.errors)


@pytest.fixture
def endpoint() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server recording every request: the SPARQL endpoint a SERVICE clause would call."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/sparql", hits
    finally:
        server.shutdown()
        server.server_close()


def test_sparql_service_is_off_unless_allowed(tmp_path: Path, endpoint: tuple[str, list[str]]) -> None:
    url, hits = endpoint
    data = tmp_path / "d.ttl"
    data.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    query = f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}"
    result = invoke("sparql", query, "--data", str(data))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: refused: SERVICE") and "--allow-service" in result.stderr
    assert hits == []
    # a variable or a prefixed name called "service" is not the clause
    assert invoke("sparql", "SELECT ?service WHERE { ?service ?p ?o }", "--data", str(data)).exit_code == 0
    assert invoke("sparql", query, "--data", str(data), "--allow-service").exit_code == 0
    assert hits  # the flag really lets it through
