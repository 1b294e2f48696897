"""``danvan sparql`` and ``danvan export`` through the real CLI; the seed dataset answers analysts' questions."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDFS, Dataset, Graph, URIRef
from rdflib import Literal as RdfLiteral
from test_rdf import make_graph
from typer.testing import CliRunner

from conftest import REPO
from danvan.cli import app
from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.rdf.export import EXTENSIONS, FORMATS, export_rdf
from danvan.graph.rdf.sparql import load_files, run_query
from danvan.graph.store.result import QueryResult

runner = CliRunner()
ORG_HOLDS = URIRef("http://www.w3.org/ns/org#holds")

# Each branch binds ?post itself: a FILTER only sees its own group, so `{ FILTER(...) }` alone as a
# branch sees no ?post and keeps nothing (rdflib leaked the outer bindings into it; pyoxigraph follows
# the SPARQL algebra).
LAO_CAI_HOLDERS = """
SELECT DISTINCT ?person ?post WHERE {
  ?p org:holds ?x ; rdfs:label ?person .
  { ?x rdfs:label ?post . FILTER(CONTAINS(STR(?post), "Lào Cai")) }
  UNION
  { ?x rdfs:label ?post ; org:postIn/schema:location/rdfs:label ?place . FILTER(STR(?place) = "Lào Cai") }
}
ORDER BY ?person ?post
"""

CHINH_EVENTS = """
SELECT ?event ?date ?sentence ?article ?url WHERE {
  ?p rdfs:label ?name . FILTER(STR(?name) = "Lê Quốc Chỉnh")
  ?e schema:attendee ?p .
  OPTIONAL { ?e schema:startDate ?date }
  OPTIONAL { ?e rdfs:label ?event }
  ?fact rdf:subject ?e ; rdf:predicate schema:attendee ; rdf:object ?p ;
        prov:qualifiedDerivation ?evidence .
  ?evidence prov:entity ?text .
  ?text oa:hasSource ?article ; oa:hasSelector/oa:exact ?sentence .
  OPTIONAL { ?article schema:url ?url }
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


VALUES_TTL = """@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:int 42 ; ex:dec 2.50 ; ex:dbl 1.5e0 ; ex:bool true ; ex:date "2022-12-23"^^xsd:date ;
    ex:when "2022-12-23T10:00:00Z"^^xsd:dateTime ; ex:lang "Lào Cai"@vi ; ex:plain "plain" ; ex:iri ex:b ;
    ex:blank [ ex:x 1 ] ; ex:bad "abc"^^xsd:integer ; ex:custom "x"^^ex:type .
"""


def test_values_are_python_values_as_rdflib_gave_them(tmp_path: Path) -> None:
    path = tmp_path / "values.ttl"
    path.write_text(VALUES_TTL, encoding="utf-8")
    names = ["int", "dec", "dbl", "bool", "date", "when", "lang", "plain", "iri", "blank", "bad", "custom"]
    query = (
        "PREFIX ex: <http://example.org/> SELECT "
        + " ".join(f"?{n}" for n in names)
        + " WHERE { ex:a "
        + " ; ".join(f"ex:{n} ?{n}" for n in names)
        + " }"
    )
    result = run_query(load_files([path]), query)
    assert isinstance(result, QueryResult) and result.columns == names
    (row,) = result.rows
    got = dict(zip(names, row, strict=True))
    blank = got.pop("blank")
    assert isinstance(blank, str) and blank.startswith("_:") and len(blank) > 2
    expected = {
        "int": 42,
        "dec": Decimal("2.5"),
        "dbl": 1.5,
        "bool": True,
        "date": dt.date(2022, 12, 23),
        "when": dt.datetime(2022, 12, 23, 10, tzinfo=dt.UTC),
        "lang": "Lào Cai",
        "plain": "plain",
        "iri": "http://example.org/b",
        "bad": "abc",  # ill-formed for its datatype: the text, as rdflib gave it
        "custom": "x",
    }
    assert got == expected
    assert {n: type(v) for n, v in got.items()} == {n: type(v) for n, v in expected.items()}
    # the same values the rdflib engine gave (Literal.toPython), term by term
    graph = Graph().parse(data=VALUES_TTL, format="turtle")
    for name, value in got.items():
        term = graph.value(URIRef("http://example.org/a"), URIRef(f"http://example.org/{name}"))
        old = term.toPython() if isinstance(term, RdfLiteral) else term
        assert value == (str(old) if isinstance(old, RdfLiteral | URIRef) else old), name


def test_a_user_prefix_wins_over_the_predeclared_one(sample_files: dict[str, Path]) -> None:
    data = ["--data", str(sample_files["turtle"]), "-f", "json"]
    assert rows(run("sparql", "ASK { ?p org:holds ?x }", *data)[1]) == [{"ask": True}]
    other = "PREFIX org: <http://example.org/not-org#> ASK { ?p org:holds ?x }"
    assert rows(run("sparql", other, *data)[1]) == [{"ask": False}]
    own = "PREFIX w3org: <http://www.w3.org/ns/org#> SELECT (COUNT(*) AS ?n) WHERE { ?p w3org:holds ?x }"
    assert (
        rows(run("sparql", own, *data)[1])
        == rows(run("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?p org:holds ?x }", *data)[1])
        == [{"n": 1}]
    )


def test_quad_formats_and_rdflib_only_formats(sample_files: dict[str, Path], tmp_path: Path) -> None:
    """N-Quads and RDF/XML load natively; TriX and HexTuples (no pyoxigraph parser) go through rdflib.
    All answer like the Turtle export, and the quad formats keep the named graphs."""
    dataset = Dataset()
    dataset.parse(sample_files["trig"], format="trig")
    quads = {tmp_path / "sample.nq": "nquads", tmp_path / "sample.trix": "trix", tmp_path / "sample.hext": "hext"}
    for path, fmt in quads.items():
        dataset.serialize(path, format=fmt)
    rdfxml = tmp_path / "sample.rdf"
    Graph().parse(sample_files["turtle"]).serialize(rdfxml, format="xml")

    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    code, expected, _ = run("sparql", query, "--data", str(sample_files["turtle"]), "-f", "json")
    assert code == 0 and len(rows(expected)) > 150
    graphs = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    code, expected_graphs, _ = run("sparql", graphs, "--data", str(sample_files["trig"]), "-f", "json")
    assert code == 0 and len(rows(expected_graphs)) == 2
    for path in [*quads, rdfxml]:
        code, out, err = run("sparql", query, "--data", str(path), "-f", "json")
        assert code == 0 and out == expected, (path.name, err)
    for path in quads:
        assert run("sparql", graphs, "--data", str(path), "-f", "json")[1] == expected_graphs, path.name


def test_data_errors_name_the_file(sample_files: dict[str, Path], tmp_path: Path) -> None:
    good = sample_files["turtle"]
    broken = {
        "broken.nt": "<http://a> <http://b> .\n",
        "broken.jsonld": '{"@id": "http://a", ',
        "broken.trig": "<http://g> { <http://a> <http://b> <http://c> .\n",
        "broken.trix": "<TriX><graph><triple><uri>http://a</uri></triple>",  # parsed by rdflib
    }
    for name, text in broken.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        code, _, err = run("sparql", "ASK {}", "--data", str(good), "--data", str(path))
        assert code == 1 and f"{path}: cannot parse as RDF: " in err, (name, err)
        assert str(good) not in err and err.count("\n") == 1, (name, err)
    code, _, err = run("sparql", "ASK {}", "--data", str(tmp_path / "graph.csv"))
    assert code == 1 and "no such file" in err
    (tmp_path / "graph.csv").write_text("a,b\n", encoding="utf-8")
    code, _, err = run("sparql", "ASK {}", "--data", str(tmp_path / "graph.csv"))
    assert code == 1 and "unknown RDF file extension '.csv'" in err and ".trix" in err and err.count("\n") == 1


def test_construct_gives_turtle_with_the_schema_prefixes(sample_files: dict[str, Path]) -> None:
    data = ["--data", str(sample_files["trig"])]
    construct = "CONSTRUCT { ?p org:holds ?x ; rdfs:label ?name } WHERE { ?p org:holds ?x ; rdfs:label ?name }"
    code, out, err = run("sparql", construct, *data)
    assert code == 0, err
    assert "@prefix org: <http://www.w3.org/ns/org#> ." in out and "org:holds" in out
    assert "<http://www.w3.org/ns/org#holds>" not in out
    graph = Graph().parse(data=out, format="turtle")
    code, out, _ = run("sparql", "SELECT ?p ?x ?name WHERE { ?p org:holds ?x ; rdfs:label ?name }", *data, "-f", "json")
    assert {(URIRef(r["p"]), URIRef(r["x"]), r["name"]) for r in rows(out)} == {
        (s, o, str(n)) for s, _, o in graph.triples((None, ORG_HOLDS, None)) for n in graph.objects(s, RDFS.label)
    }
    assert len(graph) == 2 * len(rows(out)) == 2


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
        assert found == expected, (fmt, found)
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
        "Lê Quốc Chỉnh" in r["sentence"] and r["article"].startswith("https://danvan.example.org/id/article/")
        for r in dated
    ), dated


def test_sparql_over_the_store_without_data(seed_db: Path, seed_exports: dict[str, Path]) -> None:
    code, out, err = run("sparql", LAO_CAI_HOLDERS, "--db", str(seed_db), "-f", "json")
    assert code == 0, err
    from_store = rows(out)
    code, out, _ = run("sparql", LAO_CAI_HOLDERS, "--data", str(seed_exports["trig"]), "-f", "json")
    assert from_store == rows(out) and from_store


def test_the_store_keeps_its_named_graphs(seed_db: Path, seed_exports: dict[str, Path]) -> None:
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    code, out, err = run("sparql", query, "--db", str(seed_db), "-f", "json")
    assert code == 0, err
    from_store = rows(out)
    assert len(from_store) == 5 and all(r["g"].startswith("https://danvan.example.org/id/article/") for r in from_store)
    assert from_store == rows(run("sparql", query, "--data", str(seed_exports["trig"]), "-f", "json")[1])


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
        command = [sys.executable, "-m", "danvan.cli", "export", "--db", str(seed_db), "--out", str(out)]
        subprocess.run(command, check=True, env=env, cwd=REPO, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and len(outputs[0]) > 10_000


def test_export_command_refuses_bad_options(seed_db: Path, tmp_path: Path) -> None:
    code, _, err = run("export", "--db", str(seed_db), "--created", "yesterday", "--out", str(tmp_path / "x.ttl"))
    assert code == 1 and "YYYY-MM-DD" in err and not (tmp_path / "x.ttl").exists()
    code, _, err = run("export", "--db", str(seed_db), "--base", "no-scheme/", "--out", str(tmp_path / "x.ttl"))
    assert code == 1 and "absolute" in err


def test_decimals_and_durations_print_as_json_numbers_and_iso_text(sample_files: dict[str, Path]) -> None:
    query = 'SELECT (AVG(?n) AS ?avg) (1.50 AS ?dec) ("P1DT2H"^^xsd:duration AS ?dur) WHERE { VALUES ?n { 1 2 } }'
    code, out, err = run("sparql", query, "--data", str(sample_files["turtle"]), "-f", "json")
    assert code == 0, err
    (row,) = json.loads(out)
    assert row["avg"] == 1.5 and row["dec"] == 1.5
    assert row["dur"] == "P1DT7200S"
