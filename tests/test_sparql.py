"""``danvan sparql`` and ``danvan export`` through the real CLI; the seed dataset answers analysts' questions."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from rdflib import Graph
from test_rdf import make_graph
from typer.testing import CliRunner

from conftest import REPO
from graph.knowledge import KnowledgeGraph
from graph.rdf.export import EXTENSIONS, FORMATS, export_rdf
from queries.cli import app

runner = CliRunner()

LAO_CAI_HOLDERS = """
SELECT DISTINCT ?person ?post WHERE {
  ?p org:holds ?x ; rdfs:label ?person .
  ?x rdfs:label ?post .
  { FILTER(CONTAINS(STR(?post), "Lào Cai")) }
  UNION
  { ?x org:postIn/schema:location/rdfs:label ?place . FILTER(STR(?place) = "Lào Cai") }
}
ORDER BY ?person ?post
"""

CHINH_EVENTS = """
SELECT ?event ?date ?sentence ?path WHERE {
  ?p rdfs:label ?name . FILTER(STR(?name) = "Lê Quốc Chỉnh")
  ?e schema:attendee ?p .
  OPTIONAL { ?e schema:startDate ?date }
  OPTIONAL { ?e rdfs:label ?event }
  ?fact rdf:subject ?e ; rdf:predicate schema:attendee ; rdf:object ?p ;
        prov:qualifiedDerivation ?evidence .
  ?evidence oa:exact ?sentence ; prov:entity ?article .
  OPTIONAL { ?article dv:path ?path }
}
"""


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def rows(stdout: str) -> list[dict[str, str]]:
    return list(json.loads(stdout))


@pytest.fixture(scope="module")
def sample_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sample-rdf")
    kg = make_graph()
    files = {}
    for fmt in FORMATS:
        files[fmt] = folder / f"sample{EXTENSIONS[fmt]}"
        export_rdf(kg, fmt, files[fmt], created="2026-01-01")
    return files


@pytest.fixture(scope="module")
def seed_exports(seed_graph: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("seed-rdf")
    files = {}
    for fmt in FORMATS:
        files[fmt] = folder / f"seed{EXTENSIONS[fmt]}"
        export_rdf(seed_graph, fmt, files[fmt], created="2026-01-01")
    return files


# ---------------------------------------------------------------- the CLI on small data


def test_select_as_table_csv_and_json(sample_files: dict[str, Path]) -> None:
    query = "SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name"
    code, out, _ = run("sparql", query, "--data", str(sample_files["turtle"]))
    assert code == 0 and "Lê Quốc Chỉnh" in out and "(2 rows)" in out
    code, out, _ = run("sparql", query, "--data", str(sample_files["turtle"]), "--format", "csv")
    assert list(csv.reader(io.StringIO(out))) == [["name"], ["Lê Quốc Chỉnh"], ["Việt Hùng"]]
    code, out, _ = run("sparql", query, "--data", str(sample_files["ntriples"]), "--format", "json")
    assert rows(out) == [{"name": "Lê Quốc Chỉnh"}, {"name": "Việt Hùng"}]


def test_every_format_answers_the_same(sample_files: dict[str, Path]) -> None:
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    answers = {fmt: run("sparql", query, "--data", str(path), "-f", "json")[1] for fmt, path in sample_files.items()}
    assert len(rows(answers["turtle"])) > 150
    assert len(set(answers.values())) == 1


def test_named_graphs_are_queryable(sample_files: dict[str, Path]) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?p org:holds ?post } }"
    code, out, _ = run("sparql", query, "--data", str(sample_files["trig"]), "-f", "json")
    assert code == 0 and rows(out) == [{"g": "https://danvan.example.org/id/article/0000aaaa0000aaaa"}]


def test_ask_construct_and_query_files(sample_files: dict[str, Path], tmp_path: Path) -> None:
    code, out, _ = run("sparql", "ASK { ?m a org:Membership }", "--data", str(sample_files["jsonld"]), "-f", "json")
    assert code == 0 and rows(out) == [{"ask": True}]
    construct = "CONSTRUCT { ?p org:holds ?x } WHERE { ?p org:holds ?x }"
    code, out, _ = run("sparql", construct, "--data", str(sample_files["turtle"]))
    assert code == 0 and "org:holds" in out
    query_file = tmp_path / "q.rq"
    query_file.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a org:Post }", encoding="utf-8")
    code, out, _ = run("sparql", str(query_file), "--data", str(sample_files["trig"]), "-f", "json")
    assert code == 0 and rows(out) == [{"n": 1}]


def test_errors_are_one_line_and_exit_non_zero(sample_files: dict[str, Path], tmp_path: Path) -> None:
    code, _, err = run("sparql", "SELEC nonsense", "--data", str(sample_files["turtle"]))
    assert code == 1 and err.startswith("error: SPARQL error") and err.count("\n") == 1
    code, _, err = run("sparql", "ASK {}", "--data", str(tmp_path / "missing.ttl"))
    assert code == 1 and "missing.ttl: no such file" in err
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    code, _, err = run("sparql", "ASK {}", "--data", str(broken))
    assert code == 1 and "broken.ttl: cannot parse" in err and err.count("\n") == 1


# ---------------------------------------------------------------- the seed dataset


def test_seed_who_holds_which_post_in_lao_cai(seed_exports: dict[str, Path]) -> None:
    expected = {
        ("vũ xuân cường", "phó bí thư thường trực tỉnh ủy lào cai"),
        ("lý thị vinh", "trưởng ban dân vận tỉnh ủy lào cai"),
        ("lý thị vinh", "ủy viên ban thường vụ tỉnh ủy lào cai"),
        ("giàng thị dung", "phó chủ tịch ủy ban nhân dân tỉnh lào cai"),
    }
    answers = []
    for fmt, path in seed_exports.items():
        code, out, err = run("sparql", LAO_CAI_HOLDERS, "--data", str(path), "-f", "json")
        assert code == 0, err
        found = {(fold(r["person"]), fold(r["post"])) for r in rows(out)}
        assert expected <= found, (fmt, found)
        answers.append(out)
    assert len(set(answers)) == 1


def test_seed_events_le_quoc_chinh_attended(seed_exports: dict[str, Path]) -> None:
    code, out, err = run("sparql", CHINH_EVENTS, "--data", str(seed_exports["turtle"]), "-f", "json")
    assert code == 0, err
    found = rows(out)
    dated = [r for r in found if r["date"] == "2022-12-23"]
    assert dated, found
    # the analyst can follow the fact to the sentence and the article it came from
    assert any(
        "Lê Quốc Chỉnh" in r["sentence"] and (r["path"] or "").endswith("001_cc2664c34c4cc3ac.txt") for r in dated
    ), dated


def test_sparql_over_the_store_without_data(seed_db: Path, seed_exports: dict[str, Path]) -> None:
    code, out, err = run("sparql", LAO_CAI_HOLDERS, "--db", str(seed_db), "-f", "json")
    assert code == 0, err
    from_store = rows(out)
    code, out, _ = run("sparql", LAO_CAI_HOLDERS, "--data", str(seed_exports["trig"]), "-f", "json")
    assert from_store == rows(out) and from_store


def test_export_command_writes_rdf_from_the_store(seed_db: Path, tmp_path: Path) -> None:
    outputs = {}
    for fmt in ("turtle", "trig"):
        out = tmp_path / f"graph{EXTENSIONS[fmt]}"
        code, _, err = run("export", "--db", str(seed_db), "-f", fmt, "--out", str(out), "--created", "2026-01-01")
        assert code == 0, err
        assert f"({fmt}) to {out}" in err
        outputs[fmt] = out
    counts = set()
    for path in outputs.values():
        code, out, _ = run("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--data", str(path), "-f", "json")
        counts.add(rows(out)[0]["n"])
    assert len(counts) == 1


def test_export_to_standard_output(seed_db: Path) -> None:
    code, out, err = run("export", "--db", str(seed_db), "--format", "ntriples")
    assert code == 0, err
    graph = Graph().parse(data=out, format="nt")
    assert len(graph) == len(out.splitlines()) > 500


def test_export_is_byte_identical_across_processes(seed_db: Path, tmp_path: Path) -> None:
    """Two fresh interpreters with different hash seeds write the same bytes."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}.ttl"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "queries.cli", "export", "--db", str(seed_db), "--out", str(out)]
        subprocess.run(command, check=True, env=env, cwd=REPO, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and len(outputs[0]) > 10_000


def test_export_command_refuses_bad_options(seed_db: Path, tmp_path: Path) -> None:
    code, _, err = run("export", "--db", str(seed_db), "--created", "yesterday", "--out", str(tmp_path / "x.ttl"))
    assert code == 1 and "YYYY-MM-DD" in err and not (tmp_path / "x.ttl").exists()
    code, _, err = run("export", "--db", str(seed_db), "--base", "no-scheme/", "--out", str(tmp_path / "x.ttl"))
    assert code == 1 and "absolute" in err
