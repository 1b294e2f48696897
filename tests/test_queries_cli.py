"""`danvan query ...` through the real CLI, parameter safety and read-only runs on both backends."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from danvan.cli import app
from danvan.graph.build import build_graph
from danvan.graph.ids import content_hash
from danvan.graph.model import ArticleInfo, Entity, Evidence, Extraction, Fact
from danvan.graph.store.embedded import open_store
from danvan.graph.store.neo4j import Neo4jStore, ReadOnlyQueryError
from danvan.queries.catalog import Query, load_library
from danvan.queries.runner import Backend, open_backend, run_query

INJECTION = "x' }) DETACH DELETE n //"
runner = CliRunner()


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args), catch_exceptions=False)


def counts(db: Path) -> dict[str, dict[str, int]]:
    with open_store(db, read_only=True) as store:
        return store.counts()


@pytest.fixture
def db_copy(seed_db: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the seed database."""
    target = tmp_path / "copy.lbdb"
    shutil.copy(seed_db, target)
    wal = seed_db.with_name(seed_db.name + ".wal")
    if wal.exists():
        shutil.copy(wal, target.with_name(target.name + ".wal"))
    return target


# ---------------------------------------------------------------- list, show, neodash (no store needed)


def test_list_shows_names_titles_and_parameters() -> None:
    result = invoke("query", "list")
    assert result.exit_code == 0
    assert "post_holders" in result.stdout and "Holders of a post over time (succession)" in result.stdout
    assert '-p post (string, default "")  Full post title' in result.stdout
    assert "-p min_holders (int, default 1)" in result.stdout
    items = json.loads(invoke("query", "list", "--format", "json").stdout)
    by_name = {i["name"]: i for i in items}
    assert by_name["events_in_range"]["parameters"][0] == {
        "name": "date_from", "type": "date", "required": False, "default": "1900-01-01", "description": "First day"
    }  # fmt: skip
    assert by_name["shortest_connection"]["dialects"] == ["embedded", "neo4j"]


def test_show_prints_the_cypher_of_the_chosen_backend() -> None:
    embedded = invoke("query", "show", "shortest_connection")
    neo4j = invoke("query", "show", "shortest_connection", "--backend", "neo4j")
    assert embedded.exit_code == neo4j.exit_code == 0
    assert "SHORTEST 1..6" in embedded.stdout and "shortestPath(" not in embedded.stdout
    assert "shortestPath(" in neo4j.stdout
    unknown = runner.invoke(app, ["query", "show", "nope"])
    assert unknown.exit_code == 2
    assert "no query named 'nope'; known: " in unknown.stderr


def test_neodash_command_writes_the_dashboard(tmp_path: Path) -> None:
    out = tmp_path / "dash" / "danvan.json"
    result = invoke("query", "neodash", "--out", str(out))
    assert result.exit_code == 0
    dashboard = json.loads(out.read_text(encoding="utf-8"))
    assert dashboard["version"] == "2.4"
    assert len(dashboard["pages"][-1]["reports"]) == len(load_library())


# ---------------------------------------------------------------- run


def test_run_prints_a_table_by_default_and_csv_json_on_request(seed_db: Path) -> None:
    table = invoke("query", "run", "post_holders", "--db", str(seed_db),
                   "-p", "post=Trưởng Ban Dân vận Tỉnh ủy Bắc Ninh")  # fmt: skip
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert [c.strip() for c in lines[0].split(" | ")][:3] == ["post", "holders", "holder"]
    assert "Nguyễn Công Thắng" in lines[2] and lines[-1] == "(1 row)"
    as_csv = invoke("query", "run", "post_holders", "--db", str(seed_db), "-f", "csv",
                    "-p", "post=Trưởng Ban Dân vận Tỉnh ủy Nam Định")  # fmt: skip
    [row] = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert (row["holder"], row["first_seen"]) == ("Trần Minh Thắng", "2023-01-06")
    as_json = invoke("query", "run", "concurrent_posts", "--db", str(seed_db), "--format", "json", "-p", "min_posts=3")
    data = json.loads(as_json.stdout)
    assert {r["person"] for r in data} == {"Lê Quốc Chỉnh"}


def test_run_rejects_bad_parameters_listing_the_expected_ones(seed_db: Path) -> None:
    result = runner.invoke(app, ["query", "run", "events_in_range", "--db", str(seed_db),
                                 "-p", "date_from=23/12/2022", "-p", "city=Nam Định"])  # fmt: skip
    assert result.exit_code == 2
    assert result.stdout == ""
    message = result.stderr.strip()
    assert message.startswith("error: query 'events_in_range': ")
    assert "unknown parameter 'city'" in message
    assert "parameter 'date_from': '23/12/2022' is not a date (YYYY-MM-DD)" in message
    assert message.endswith(
        'expected: date_from (date, default 1900-01-01), date_to (date, default 2099-12-31), place (string, default "")'
    )
    malformed = runner.invoke(app, ["query", "run", "post_holders", "--db", str(seed_db), "-p", "post"])
    assert malformed.exit_code == 2 and "not of the form key=value" in malformed.stderr


def test_run_on_a_missing_database_says_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["query", "run", "post_holders", "--db", str(tmp_path / "none.lbdb")])
    assert result.exit_code == 1
    assert "none.lbdb: no graph database here" in result.stderr


def test_user_queries_dir(seed_db: Path, tmp_path: Path) -> None:
    (tmp_path / "leaders_named.cypher").write_text(
        "// name: leaders_named\n// title: People by family name\n// description: People whose name starts so.\n"
        '// param: family string = "Trần"  -- Family name\n'
        "MATCH (p:Person) WHERE p.name STARTS WITH $family RETURN p.name AS name ORDER BY name\n",
        encoding="utf-8",
    )
    (tmp_path / "bad.cypher").write_text("// name: bad\nRETURN 1\n", encoding="utf-8")
    result = runner.invoke(app, ["query", "run", "leaders_named", "--db", str(seed_db), "-f", "json",
                                 "--queries-dir", str(tmp_path)])  # fmt: skip
    assert [r["name"] for r in json.loads(result.stdout)] == ["Trần Anh Dũng", "Trần Minh Thắng"]
    # the bad file is reported in one line naming it, and the exit code says something was wrong
    assert f"error: {tmp_path / 'bad.cypher'}: header has no 'title:'" in result.stderr
    assert result.exit_code == 1


def test_run_all_writes_one_file_per_query(seed_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("query", "run-all", "--db", str(seed_db), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    library = load_library()
    assert sorted(p.stem for p in out.glob("*.csv")) == library.names()
    with (out / "ban_dan_van_heads.csv").open(encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 5  # one head per seed article's party committee
    as_json = invoke("query", "run-all", "--db", str(seed_db), "--out", str(tmp_path / "j"), "--format", "json")
    assert as_json.exit_code == 0
    ranking = json.loads((tmp_path / "j" / "most_connected.json").read_text(encoding="utf-8"))
    assert ranking[0]["person"] == "Lê Quốc Chỉnh"


# ---------------------------------------------------------------- injection and read-only


def test_injection_is_data_never_cypher(db_copy: Path) -> None:
    before = counts(db_copy)
    assert before["nodes"]["Person"] > 0
    library = load_library()
    # Even with the store writable and writes allowed, every string parameter of every query is data.
    with open_backend(db_copy, write=True) as backend:
        for query in library:
            params = {p.name: INJECTION for p in query.params if p.type == "string"}
            result = run_query(backend, query, params, write=True)
            if params:
                assert result.rows == [], query.name  # nobody is called that
    assert counts(db_copy) == before
    # and through the CLI
    result = invoke("query", "run", "posts_of_person", "--db", str(db_copy), "-p", f"person={INJECTION}")
    assert result.exit_code == 0 and result.stdout.strip().endswith("\n(0 rows)")
    assert counts(db_copy) == before


def test_write_query_refused_without_write(db_copy: Path, tmp_path: Path) -> None:
    (tmp_path / "wipe.cypher").write_text(
        "// name: wipe\n// title: Wipe\n// description: Deletes everything.\nMATCH (n) DETACH DELETE n\n",
        encoding="utf-8",
    )
    before = counts(db_copy)
    refused = runner.invoke(app, ["query", "run", "wipe", "--db", str(db_copy), "--queries-dir", str(tmp_path)])
    assert refused.exit_code == 2
    assert "wipe.cypher: contains write clause(s) DETACH, DELETE; refused in read-only mode" in refused.stderr
    assert counts(db_copy) == before


def test_embedded_store_refuses_a_write_that_slips_past_the_library(db_copy: Path) -> None:
    # The second lock: a text the library did not flag still runs in a read-only transaction.
    sneaky = Query("sneaky", "t", "d", (), {"embedded": "MATCH (p:Person) DETACH DELETE p"}, Path("sneaky.cypher"))
    before = counts(db_copy)
    for write_mode in (False, True):  # a read-only store, and a writable one asked for a read-only run
        with open_backend(db_copy, write=write_mode) as backend, pytest.raises(Exception, match="refused"):
            run_query(backend, sneaky, write=False)
    assert counts(db_copy) == before


def test_write_mode_writes_when_asked(db_copy: Path, tmp_path: Path) -> None:
    (tmp_path / "add_place.cypher").write_text(
        "// name: add_place\n// title: Add a place\n// description: Creates one place.\n"
        '// param: name string = "Nơi thử"\nCREATE (:Place {id: "place:test", name: $name}) RETURN 1 AS ok\n',
        encoding="utf-8",
    )
    before = counts(db_copy)["nodes"]["Place"]
    result = runner.invoke(app, ["query", "run", "add_place", "--db", str(db_copy), "--write",
                                 "--queries-dir", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert counts(db_copy)["nodes"]["Place"] == before + 1


# ---------------------------------------------------------------- Neo4j backend (recording driver)


class _Result:
    def __init__(self, keys: list[str], rows: list[list[Any]], query_type: str) -> None:
        self._keys, self._rows, self._type = keys, rows, query_type

    def keys(self) -> list[str]:
        return self._keys

    def __iter__(self) -> Iterator[Any]:
        return iter(_Record(r) for r in self._rows)

    def consume(self) -> Any:
        return type("Summary", (), {"query_type": self._type})()


class _Record:
    def __init__(self, values: list[Any]) -> None:
        self._values = values

    def values(self) -> list[Any]:
        return self._values


class RecordingDriver:
    """Stands in for ``neo4j.Driver``: records sessions and statements; EXPLAIN reports ``query_type``."""

    def __init__(self, query_type: str = "r", value: Any = 1) -> None:
        self.query_type = query_type
        self.value = value
        self.sessions: list[dict[str, Any]] = []
        self.runs: list[tuple[str, dict[str, Any]]] = []

    def session(self, **kwargs: Any) -> RecordingDriver:
        self.sessions.append(kwargs)
        return self

    def __enter__(self) -> RecordingDriver:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def execute_read(self, fn: Any, *args: Any) -> Any:
        return fn(self, *args)

    def execute_write(self, fn: Any, *args: Any) -> Any:
        return fn(self, *args)

    def run(self, query: str, parameters: dict[str, Any] | None = None) -> _Result:
        self.runs.append((query, dict(parameters or {})))
        return _Result(["n"], [[self.value]], self.query_type)

    def close(self) -> None:
        return None


def neo4j_backend(driver: RecordingDriver) -> Backend:
    return Backend("neo4j", Neo4jStore("bolt://example.invalid:7687", "neo4j", "secret",
                                       driver_factory=lambda uri, auth: driver))  # fmt: skip


def test_neo4j_runs_the_neo4j_text_read_only_with_typed_parameters() -> None:
    driver = RecordingDriver(value="Trần Minh Thắng")
    library = load_library()
    query = library.get("shortest_connection")
    run_query(neo4j_backend(driver), query, {"person_a": INJECTION})
    assert {s["default_access_mode"] for s in driver.sessions} == {"READ"}
    # the empty person_b is filled first by its own read query, then the Neo4j text runs
    [fill] = [f for f in query.fills if f.param == "person_b"]
    assert [q for q, _ in driver.runs] == ["EXPLAIN " + fill.cypher, fill.cypher,
                                          "EXPLAIN " + query.text("neo4j"), query.text("neo4j")]  # fmt: skip
    assert driver.runs[-1][1] == {"person_a": INJECTION, "person_b": "Trần Minh Thắng"}
    events = library.get("events_in_range")
    run_query(neo4j_backend(driver), events, {"date_to": "2022-12-31"})
    assert driver.runs[-1][1] == {"date_from": dt.date(1900, 1, 1), "date_to": dt.date(2022, 12, 31), "place": ""}


def test_neo4j_refuses_writes_in_read_only_mode() -> None:
    sneaky = Query("sneaky", "t", "d", (), {"embedded": "MATCH (n) DETACH DELETE n"}, Path("sneaky.cypher"))
    driver = RecordingDriver()
    with pytest.raises(ReadOnlyQueryError):
        run_query(neo4j_backend(driver), sneaky)
    assert driver.runs == []  # refused before anything reached the server
    # a write the text check cannot see (a procedure) is refused on the server's EXPLAIN verdict
    hidden = Query("hidden", "t", "d", (), {"embedded": "MATCH (n) RETURN n"}, Path("hidden.cypher"))
    writer = RecordingDriver(query_type="rw")
    with pytest.raises(ReadOnlyQueryError):
        run_query(neo4j_backend(writer), hidden)
    assert [q for q, _ in writer.runs] == ["EXPLAIN MATCH (n) RETURN n"]


# ---------------------------------------------------------------- namesakes (possible duplicates)


def _article(key: str, place: str, published: str, person: str, post: str) -> Extraction:
    sentence = f"Đồng chí {person}, {post}, dự hội nghị."
    info = ArticleInfo(id="article:" + content_hash(key)[:16], path=f"{key}.txt", title=key,
                       published=dt.date.fromisoformat(published), place=place)  # fmt: skip
    entities = [
        Entity("p", "Person", person, {"province": place}),
        Entity("t", "Post", post, {"label": post}),
    ]
    facts = [Fact("HOLDS", "p", "t", Evidence(sentence, 0, len(sentence)), {"status": "current"})]
    return Extraction(info, entities, facts)


def test_possible_duplicates_lists_namesakes_in_different_provinces(tmp_path: Path) -> None:
    kg = build_graph([
        _article("a", "Bắc Ninh", "2024-06-19", "Nguyễn Văn An", "Phó Chủ tịch Ủy ban nhân dân tỉnh Bắc Ninh"),
        _article("b", "Lào Cai", "2023-03-25", "Nguyễn Văn An", "Phó Chủ tịch Ủy ban nhân dân tỉnh Lào Cai"),
        _article("c", "Nam Định", "2023-01-06", "Trần Thị Bình", "Phó Chủ tịch Ủy ban nhân dân tỉnh Nam Định"),
    ])  # fmt: skip
    db = tmp_path / "namesakes.lbdb"
    with open_store(db) as store:
        store.write_graph(kg)
    with open_backend(db) as backend:
        result = run_query(backend, load_library().get("possible_duplicates")).records()
    assert [(r["name"], r["province"], r["posts"]) for r in result] == [
        ("Nguyễn Văn An", "Bắc Ninh", 1),
        ("Nguyễn Văn An", "Lào Cai", 1),
    ]
    assert result[0]["id"] != result[1]["id"]


def test_explicit_db_wins_over_neo4j_uri_in_the_environment(seed_db: Path) -> None:
    result = runner.invoke(app, ["query", "run", "ban_dan_van_heads", "--db", str(seed_db), "-f", "json"],
                           env={"NEO4J_URI": "bolt://example.invalid:7687"})  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 5


def test_unreachable_neo4j_is_one_line_without_the_password() -> None:
    result = runner.invoke(app, ["query", "run", "post_holders", "--neo4j-uri", "bolt://127.0.0.1:9",
                                 "--password", "hunter2-secret"])  # fmt: skip
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot reach Neo4j at bolt://127.0.0.1:9")
    assert "hunter2-secret" not in result.stderr
