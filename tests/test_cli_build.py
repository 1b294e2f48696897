"""The real command line on real database files: `danvan build`, `stats`, `cypher`; which store a command opens,
and how a missing store or an unreachable Neo4j server is reported."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from test_build_factory import BAC_NINH_POST, bac_ninh_article
from typer.testing import CliRunner

from conftest import database_held_open
from danvan.cli import app
from danvan.graph.build import build_graph
from danvan.graph.store.embedded import open_store

UNREACHABLE = "bolt://127.0.0.1:9"  # the discard port: connection refused at once


def run(*args: str, env: dict[str, str] | None = None):  # -> typer.testing.Result
    return CliRunner().invoke(app, list(args), env=env)


@pytest.fixture()
def small_db(tmp_path: Path) -> Path:
    path = tmp_path / "small.lbdb"
    with open_store(path) as store:
        store.ingest([bac_ninh_article("a", "2024-06-19"), bac_ninh_article("b", "2024-07-01")])
    return path


def test_build_seeds_then_again_adds_nothing_and_prints_counts(
    seed_files: list[Path], seed_extractions: list, tmp_path: Path
) -> None:
    db = tmp_path / "seeds.lbdb"
    first = run("build", *map(str, seed_files), "--db", str(db), "--workers", "1")
    assert first.exit_code == 0, first.stderr
    assert f"{len(seed_files)} new, 0 changed, 0 unchanged article(s)" in first.stdout
    expected = build_graph(seed_extractions).counts()
    for label, n in expected["nodes"].items():
        assert any(line.split() == [label, str(n)] for line in first.stdout.splitlines()), label
    with open_store(db, read_only=True) as store:
        assert store.counts() == expected
    second = run("build", str(seed_files[0].parent), "--db", str(db), "--workers", "1")
    assert second.exit_code == 0, second.stderr
    assert f"0 new, 0 changed, {len(seed_files)} unchanged article(s)" in second.stdout
    assert "0 node(s) and relationship(s) added, updated or deleted" in second.stdout


def test_build_uses_danvan_db_from_the_environment(seed_files: list[Path], tmp_path: Path) -> None:
    db = tmp_path / "env.lbdb"
    result = run("build", str(seed_files[0]), "--workers", "1", env={"DANVAN_DB": str(db)})
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{db}: 1 new")
    assert db.exists()


def test_build_reports_an_unreadable_file_and_goes_on(seed_files: list[Path], tmp_path: Path) -> None:
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"id": "x", "title": "T", "body": "ok"}\nnot json at all\n', encoding="utf-8")
    db = tmp_path / "bad.lbdb"
    result = run("build", str(bad), str(seed_files[0]), "--db", str(db), "--workers", "1")
    assert result.exit_code == 1
    assert "broken.jsonl" in result.stderr
    assert "could not be read" in result.stdout
    with open_store(db, read_only=True) as store:
        assert store.counts()["nodes"]["Article"] >= 1


def test_build_names_a_missing_path_in_one_line_and_builds_the_rest(seed_files: list[Path], tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "article.txt"
    db = tmp_path / "missing.lbdb"
    result = run("build", str(missing), str(seed_files[0]), "--db", str(db), "--workers", "1")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and str(missing) in errors[0], result.stderr
    with open_store(db, read_only=True) as store:
        assert store.counts()["nodes"]["Article"] == 1


def test_stats_prints_counts_per_label_and_type(small_db: Path) -> None:
    with open_store(small_db, read_only=True) as store:
        counts = store.counts()
    table = run("stats", "--db", str(small_db))
    assert table.exit_code == 0, table.stderr
    assert "node         | Person       | 2" in table.stdout
    as_json = run("stats", "--db", str(small_db), "--format", "json")
    assert json.loads(as_json.stdout) == counts


def test_cypher_with_parameters_in_every_format(small_db: Path) -> None:
    query = "MATCH (p:Person)-[h:HOLDS]->(:Post {name: $post}) RETURN p.name AS name, h.first_seen AS since"
    table = run("cypher", query, "--db", str(small_db), "-p", f"post={BAC_NINH_POST}")
    assert table.exit_code == 0, table.stderr
    assert "Nguyễn Công Thắng | 2024-06-19" in table.stdout
    csv_out = run("cypher", query, "--db", str(small_db), "-p", f"post={BAC_NINH_POST}", "--format", "csv")
    assert csv_out.stdout == "name,since\nNguyễn Công Thắng,2024-06-19\n"
    js = run("cypher", query, "--db", str(small_db), "-p", f"post={BAC_NINH_POST}", "--format", "json")
    assert json.loads(js.stdout) == [{"name": "Nguyễn Công Thắng", "since": "2024-06-19"}]
    number = run("cypher", "RETURN $n + 1 AS x", "--db", str(small_db), "-p", "n=41", "--format", "csv")
    assert number.stdout == "x\n42\n"


def test_cypher_refuses_writes_unless_told_and_says_so(small_db: Path) -> None:
    refused = run("cypher", "MATCH (p:Person) DETACH DELETE p", "--db", str(small_db))
    assert refused.exit_code == 1
    assert refused.stderr.strip().count("\n") == 0
    assert "refused" in refused.stderr and "--write" in refused.stderr
    with open_store(small_db, read_only=True) as store:
        assert store.counts()["nodes"]["Person"] == 2
    allowed = run(
        "cypher",
        "MATCH (p:Person {name: $n}) SET p.province = 'X' RETURN count(p) AS n",
        "--db",
        str(small_db),
        "--write",
        "-p",
        "n=Việt Hùng",
        "--format",
        "csv",
    )
    assert allowed.exit_code == 0, allowed.stderr
    assert allowed.stdout == "n\n1\n"


def test_cypher_syntax_error_and_missing_store_are_one_line_errors(small_db: Path, tmp_path: Path) -> None:
    bad = run("cypher", "MATCH (p:Person RETURN p", "--db", str(small_db))
    assert bad.exit_code == 1 and bad.stderr.startswith("error: ") and bad.stderr.count("\n") == 1
    missing = run("stats", "--db", str(tmp_path / "nothing.lbdb"))
    assert missing.exit_code == 1
    assert "no graph database here" in missing.stderr
    assert not (tmp_path / "nothing.lbdb").exists()


def test_writing_to_a_store_locked_by_another_process_is_a_one_line_error(small_db: Path) -> None:
    with database_held_open(small_db) as pid:
        result = run("cypher", "MATCH (p:Person) SET p.name = 'x'", "--write", "--db", str(small_db))
        assert result.exit_code == 1
        assert result.stderr == (
            f"error: {small_db} is locked by another process (process {pid}); "
            "close the other danvan or use another --db\n"
        )


def test_param_without_equals_sign_is_a_usage_error(small_db: Path) -> None:
    result = run("cypher", "RETURN 1", "--db", str(small_db), "-p", "oops")
    assert result.exit_code == 2
    assert "key=value" in result.stderr


def test_stats_warns_when_the_last_build_did_not_finish(small_db: Path) -> None:
    # What an interrupted in-place bulk write of an earlier version left behind (writes no longer go in place).
    import ladybug

    db = ladybug.Database(str(small_db))
    conn = ladybug.Connection(db)
    conn.execute("MERGE (m:DanvanMeta {key: 'state'}) SET m.value = 'writing'")
    conn.close()
    db.close()
    result = run("stats", "--db", str(small_db))
    assert result.exit_code == 0
    assert "the last build of this store did not finish" in result.stderr


def test_an_explicit_db_wins_over_neo4j_uri_in_the_environment_for_stats_and_cypher(small_db: Path) -> None:
    env = {"NEO4J_URI": UNREACHABLE}
    stats = run("stats", "--db", str(small_db), "-f", "json", env=env)
    assert stats.exit_code == 0, stats.stderr
    assert json.loads(stats.stdout)["nodes"]["Article"] == 2
    cypher = run("cypher", "MATCH (a:Article) RETURN count(a) AS n", "--db", str(small_db), "-f", "csv", env=env)
    assert cypher.exit_code == 0, cypher.stderr
    assert cypher.stdout == "n\n2\n"


@pytest.mark.parametrize("command", [["stats"], ["cypher", "RETURN 1"]])
def test_an_unreachable_server_fails_at_once_in_one_line_without_the_password(command: list[str]) -> None:
    started = time.perf_counter()
    result = run(*command, "--neo4j-uri", UNREACHABLE, "--password", "hunter2-secret")
    # Without the up-front check the driver retries for about a minute before giving up.
    assert time.perf_counter() - started < 15
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: cannot reach Neo4j at {UNREACHABLE}")
    assert "hunter2-secret" not in result.stderr


@pytest.mark.parametrize(
    "command",
    [["export"], ["export", "-f", "neo4j-csv", "-o", "{tmp}/csv"], ["sparql", "ASK {{ ?s ?p ?o }}"],
     ["map", "--all", "-o", "{tmp}/m.html"], ["map-index", "-o", "{tmp}/maps"]],
)  # fmt: skip
def test_commands_reading_the_graph_name_a_missing_store_in_one_line(command: list[str], tmp_path: Path) -> None:
    missing = tmp_path / "none.lbdb"
    result = run(*(arg.format(tmp=tmp_path) for arg in command), "--db", str(missing))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {missing}: no graph database here (")
    assert result.stderr.count("\n") == 1
    assert not missing.exists()


def test_build_help_does_not_depend_on_the_machine() -> None:
    # The README's reference is generated from --help; a CPU count in a default would make it differ per machine.
    result = run("build", "--help")
    assert "one per CPU, at most 4" in " ".join(result.stdout.replace("│", " ").split())
