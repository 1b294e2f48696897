"""``danvan export --format neo4j-csv``: neo4j-admin import files and the command that loads them."""

from __future__ import annotations

import csv
import shlex
from pathlib import Path

from typer.testing import CliRunner

from danvan.cli import app
from danvan.graph.ids import edge_id
from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.neo4j_csv import node_header, rel_header, write_import_files
from danvan.graph.schema import SCHEMA
from tests.test_neo4j_double import D1, HOSTILE, small_graph
from tests.test_neo4j_store import AN, ARTICLE, BINH, CUONG, DEPUTY, HEAD, ORG


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_headers_name_id_spaces_types_label_and_type_columns() -> None:
    assert ",".join(node_header("Person")) == (
        "id:ID(Person),name:string,first_seen:date,last_seen:date,alias_ids:string[],province:string,"
        "aliases:string[],merge_reasons:string[],:LABEL"
    )
    assert ",".join(node_header("Document")) == (
        "id:ID(Document),name:string,first_seen:date,last_seen:date,alias_ids:string[],kind:string,number:string,"
        "year:long,:LABEL"
    )
    provenance = (
        "sources:string[],first_seen:date,last_seen:date,evidence:string,evidence_article:string,"
        "evidence_start:long,evidence_end:long,evidence_spans:string[]"
    )
    assert ",".join(rel_header("HOLDS", "Person", "Post")) == (
        f":START_ID(Person),:END_ID(Post),{provenance},status:string,start:string,end:string,end_bound:string,"
        "term:string,edge:string,:TYPE"
    )
    assert ",".join(rel_header("RUNS", "Place", "Campaign")) == (
        f":START_ID(Place),:END_ID(Campaign),{provenance},value:double,unit:string,breakdown:string,as_of:date,:TYPE"
    )


def test_export_through_the_cli_writes_every_file_and_the_exact_command(tmp_path: Path) -> None:
    from danvan.graph.store.embedded import open_store

    db = tmp_path / "graph.lbdb"
    with open_store(db) as store:
        store.write_graph(small_graph())
    out = tmp_path / "neo4j-import"
    result = CliRunner().invoke(app, ["export", "--format", "neo4j-csv", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    command = result.output.strip().splitlines()[-1]

    persons = _read(out / "nodes_Person.csv")
    assert persons[0] == node_header("Person")
    assert persons[1:] == [
        [CUONG, "Lê Văn Cường", "2024-07-02", "2024-07-02", "", "", "", "", "Person"],
        [AN, "Nguyễn Văn An", "2024-06-19", "2024-07-02", "", "Bắc Ninh", "đồng chí Nguyễn Văn An", "", "Person"],
        [BINH, "Trần Thị Bình", "2024-06-19", "2024-06-19", "", "", "", "", "Person"],
    ]
    holds = _read(out / "relationships_HOLDS_Person_Post.csv")
    evidence = [ARTICLE, "2024-06-19", "2024-06-19", "Câu làm chứng.", ARTICLE, "10", "24", ""]
    assert holds[1:] == [
        [CUONG, HEAD, *evidence, "former", "", "", "", "", edge_id("HOLDS", CUONG, HEAD), "HOLDS"],
        [AN, HEAD, *evidence, "current", "", "", "", "", edge_id("HOLDS", AN, HEAD), "HOLDS"],
        [BINH, DEPUTY, *evidence, "current", "", "", "", "", edge_id("HOLDS", BINH, DEPUTY), "HOLDS"],
    ]
    assert _read(out / "relationships_POST_IN_Post_Organization.csv")[1:] == [
        [DEPUTY, ORG, *evidence, "POST_IN"],
        [HEAD, ORG, *evidence, "POST_IN"],
    ]
    assert _read(out / "nodes_Event.csv") == [node_header("Event")]  # header only: no events

    node_files = [out.resolve() / f"nodes_{label}.csv" for label in SCHEMA.labels]
    rel_files = [out.resolve() / f"relationships_{r.type}_{s}_{t}.csv" for r in SCHEMA.rels for s, t in r.endpoints]
    assert all(p.is_file() for p in node_files + rel_files)
    assert shlex.split(command) == [
        "neo4j-admin",
        "database",
        "import",
        "full",
        *(f"--nodes={p}" for p in node_files),
        *(f"--relationships={p}" for p in rel_files),
        "--array-delimiter=;",
        "--multiline-fields=false",
        "neo4j",
    ]
    assert (out / "import.sh").read_text(encoding="utf-8").splitlines()[-1] == command


def test_files_hold_every_node_and_relationship_once(tmp_path: Path) -> None:
    kg = small_graph()
    write_import_files(kg, tmp_path)
    counts = kg.counts()
    for label in SCHEMA.labels:
        rows = _read(tmp_path / f"nodes_{label}.csv")[1:]
        assert len(rows) == counts["nodes"][label] == len({r[0] for r in rows})
    for rel in SCHEMA.rels:
        rows = [row for s, t in rel.endpoints for row in _read(tmp_path / f"relationships_{rel.type}_{s}_{t}.csv")[1:]]
        assert len(rows) == counts["relationships"][rel.type] == len({(r[0], r[1]) for r in rows})


def test_quotes_newlines_and_delimiters_in_values_survive(tmp_path: Path) -> None:
    kg = KnowledgeGraph()
    awkward = 'Ông A nói: "dân vận khéo";\nxuống dòng, ' + HOSTILE
    kg.add_node("person:a", "Person", name=awkward, aliases=["A; B", 'C "D"'], first_seen=D1)
    kg.add_node("article:a", "Article", name="x", title=awkward)
    kg.add_edge("person:a", "article:a", "MENTIONED_IN", evidence=awkward, sources=["article:a"], evidence_start=0)
    command = write_import_files(kg, tmp_path)
    # An item holds ";", so the arrays use another delimiter, and a value spans lines.
    assert "--array-delimiter=U+001F" in shlex.split(command)
    assert "--multiline-fields=true" in shlex.split(command)
    person = _read(tmp_path / "nodes_Person.csv")[1]
    assert person[1] == awkward and person[6].split("\x1f") == ["A; B", 'C "D"'] and person[2] == "2024-06-19"
    mention = _read(tmp_path / "relationships_MENTIONED_IN_Person_Article.csv")[1]
    assert mention[:3] == ["person:a", "article:a", "article:a"] and mention[5] == awkward


def test_export_is_byte_for_byte_deterministic(tmp_path: Path) -> None:
    write_import_files(small_graph(), tmp_path / "a")
    write_import_files(small_graph(reverse=True), tmp_path / "b")
    files_a = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files_a == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in files_a:
        if name.endswith(".csv"):
            assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
