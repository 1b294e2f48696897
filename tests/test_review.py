"""`danvan review`: judgements recorded by the real command line into a JSON Lines file, applied on every
build of a real embedded store, surviving rebuilds and new articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_build_factory import BAC_NINH_POST, bac_ninh_article, other_province_article
from typer.testing import CliRunner

from danvan.cli import app
from danvan.graph.judgements import read_judgements
from danvan.graph.store.embedded import open_store

HA_NAM_POST = "Trưởng Ban Dân vận Tỉnh ủy Hà Nam"
NAME = "Nguyễn Công Thắng"


def run(*args: str, env: dict[str, str] | None = None):  # -> typer.testing.Result
    return CliRunner().invoke(app, list(args), env={"DANVAN_AUTHOR": "analyst", **(env or {})})


def _ingest(db: Path, articles: list, judgements: Path) -> None:
    """What `danvan build` does with the extractions: ingest them with the judgements of the file."""
    with open_store(db) as store:
        store.ingest(articles, judgements=read_judgements(judgements))


def _persons(db: Path, name: str = NAME) -> list[dict]:
    with open_store(db, read_only=True) as store:
        return store.query(
            "MATCH (p:Person) WHERE p.name = $n RETURN p.id AS id, p.province AS province, p.alias_ids AS alias_ids, "
            "p.merge_reasons AS reasons ORDER BY id",
            {"n": name},
        ).records()


@pytest.fixture()
def two_namesakes(tmp_path: Path) -> tuple[Path, Path, list]:
    db = tmp_path / "g.lbdb"
    articles = [
        bac_ninh_article("a", "2024-06-19"),
        other_province_article("c", "2023-01-01", "Hà Nam", HA_NAM_POST, NAME),
    ]
    _ingest(db, articles, tmp_path / "g.judgements.jsonl")
    return db, tmp_path / "g.judgements.jsonl", articles


def test_merge_is_kept_beside_the_store_and_survives_a_rebuild_with_new_articles(two_namesakes) -> None:
    db, judgements, articles = two_namesakes
    bac_ninh, ha_nam = (p["id"] for p in sorted(_persons(db), key=lambda p: p["province"]))
    result = run("review", "merge", bac_ninh, ha_nam, "--db", str(db), "--reason", "moved from Hà Nam")
    assert result.exit_code == 0, result.output
    # Recorded in the default file beside the store, with author, time and reason.
    [line] = judgements.read_text(encoding="utf-8").splitlines()
    recorded = json.loads(line)
    assert recorded["action"] == "merge" and recorded["ids"] == [bac_ninh, ha_nam]
    assert recorded["author"] == "analyst" and recorded["reason"] == "moved from Hà Nam" and recorded["time"]
    assert run("review", "apply", "--db", str(db)).exit_code == 0
    [merged] = _persons(db)
    assert merged["id"] == bac_ninh and ha_nam in merged["alias_ids"]
    assert any("judgement 1, analyst: moved from Hà Nam" in r for r in merged["reasons"])
    # The judgement travels with the graph (to Neo4j and RDF too), linked to the node it merged into.
    with open_store(db, read_only=True) as store:
        judged = store.query(
            "MATCH (j:Judgement)-[:JUDGED]->(p:Person) RETURN j.action, j.author, j.reason, j.status, p.id"
        ).rows
    assert judged == [["merge", "analyst", "moved from Hà Nam", "in force", bac_ninh]]
    # A new article about the Hà Nam namesake: the rebuild applies the judgement again.
    later = other_province_article("d", "2025-01-01", "Hà Nam", HA_NAM_POST, NAME)
    _ingest(db, [*articles, later], judgements)
    [still] = _persons(db)
    assert still["id"] == bac_ninh
    # The merged-away id still finds the person in a canned query.
    found = run("query", "run", "entity", "-p", f"id={ha_nam}", "--db", str(db), "--format", "json")
    assert found.exit_code == 0, found.output
    assert [r["id"] for r in json.loads(found.stdout)] == [bac_ninh]


def test_undo_restores_what_resolution_decided(two_namesakes) -> None:
    db, _, _ = two_namesakes
    ids = [p["id"] for p in _persons(db)]
    assert run("review", "merge", *ids, "--db", str(db), "-r", "same man").exit_code == 0
    assert run("review", "undo", "1", "--db", str(db), "-r", "not the same").exit_code == 0
    assert run("review", "apply", "--db", str(db)).exit_code == 0
    assert len(_persons(db)) == 2
    listing = run("review", "list", "--db", str(db))
    assert "undone" in listing.stdout.splitlines()[0] and "not the same" in listing.stdout
    assert run("review", "undo", "7", "--db", str(db)).exit_code == 1


def test_distinct_separates_what_resolution_merged(tmp_path: Path) -> None:
    db, judgements = tmp_path / "g.lbdb", tmp_path / "g.judgements.jsonl"
    # Namesakes holding one post are merged by resolution (see test_resolve).
    articles = [
        bac_ninh_article("a", "2024-06-19"),
        other_province_article("e", "2022-01-01", "Nam Định", BAC_NINH_POST, NAME),
    ]
    _ingest(db, articles, judgements)
    [merged] = _persons(db)
    # The id an earlier version issued for the Nam Định group (province in the slug) still names it.
    old = next(i for i in merged["alias_ids"] if "-nam-dinh-" in i)
    result = run("review", "distinct", merged["id"], old, "--db", str(db), "-r", "two men")
    assert result.exit_code == 0, result.output
    _ingest(db, articles, judgements)
    found = _persons(db)
    assert len(found) == 2 and merged["id"] in {p["id"] for p in found}
    [apart] = [p for p in found if p["id"] != merged["id"]]
    assert old in apart["alias_ids"] and apart["province"] == "Nam Định"
    assert not set(apart["alias_ids"]) & set(next(p for p in found if p["id"] == merged["id"])["alias_ids"])


def test_split_keeps_the_named_articles(tmp_path: Path) -> None:
    db, judgements = tmp_path / "g.lbdb", tmp_path / "g.judgements.jsonl"
    articles = [bac_ninh_article("a", "2024-06-19"), bac_ninh_article("b", "2024-07-01")]
    _ingest(db, articles, judgements)
    [person] = _persons(db)
    keep = articles[0].article.id
    assert run("review", "split", person["id"], "--keep", keep, "--db", str(db)).exit_code == 0
    _ingest(db, articles, judgements)
    found = _persons(db)
    assert len(found) == 2 and person["id"] in {p["id"] for p in found}
    with open_store(db, read_only=True) as store:
        kept = store.query(
            "MATCH (p:Person {id: $id})-[:MENTIONED_IN]->(a:Article) RETURN a.id", {"id": person["id"]}
        ).rows
    assert kept == [[keep]]


def test_rejected_fact_stays_out_when_a_new_article_states_it_again(two_namesakes) -> None:
    db, judgements, articles = two_namesakes
    with open_store(db, read_only=True) as store:
        [[person, post]] = store.query(
            "MATCH (p:Person)-[:HOLDS]->(t:Post {name: $post}) RETURN p.id, t.id", {"post": HA_NAM_POST}
        ).rows
    assert run("review", "reject", person, "HOLDS", post, "--db", str(db), "-r", "misread").exit_code == 0
    again = other_province_article("f", "2024-02-02", "Hà Nam", HA_NAM_POST, NAME)
    _ingest(db, [*articles, again], judgements)
    with open_store(db, read_only=True) as store:
        assert store.query("MATCH (:Person)-[h:HOLDS]->(t:Post {name: $p}) RETURN h", {"p": HA_NAM_POST}).rows == []
        assert store.query("MATCH (:Person)-[:HOLDS]->(t:Post) RETURN count(*)").rows == [[1]]  # Bắc Ninh's stays
    listing = run("review", "list", "--db", str(db))
    assert "still stated by 2 article(s)" in listing.stdout
    # Confirming it cancels the rejection.
    assert run("review", "confirm", person, "HOLDS", post, "--db", str(db)).exit_code == 0
    _ingest(db, [*articles, again], judgements)
    with open_store(db, read_only=True) as store:
        assert store.query(
            "MATCH (:Person)-[h:HOLDS]->(t:Post {name: $p}) RETURN count(h)", {"p": HA_NAM_POST}
        ).rows == [[1]]


def test_rename_keeps_the_resolved_name_as_an_alias_and_bad_input_is_one_error_line(two_namesakes) -> None:
    db, judgements, _ = two_namesakes
    person = _persons(db)[0]["id"]
    assert run("review", "rename", person, "Nguyễn Công Thắng (Bắc Ninh)", "--db", str(db)).exit_code == 0
    assert run("review", "apply", "--db", str(db)).exit_code == 0
    [renamed] = _persons(db, "Nguyễn Công Thắng (Bắc Ninh)")
    assert renamed["id"] == person
    with open_store(db, read_only=True) as store:
        assert store.query("MATCH (p:Person {id: $id}) RETURN p.aliases", {"id": person}).rows == [[[NAME]]]
    unknown = run("review", "merge", person, "person:nobody-00000000", "--db", str(db), "-r", "x")
    assert unknown.exit_code == 1 and "no node has the id 'person:nobody-00000000'" in unknown.stderr
    assert run("review", "reject", person, "NOT_A_TYPE", person, "--db", str(db)).exit_code == 2
    judgements.write_text(judgements.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    broken = run("review", "list", "--db", str(db))
    assert broken.exit_code == 1 and broken.stderr.startswith(f"error: {judgements}: line 2: not JSON")


def test_candidates_show_evidence_for_and_against_and_leave_out_pairs_judged_distinct(two_namesakes) -> None:
    db, _, _ = two_namesakes
    result = run("review", "candidates", "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    [pair] = [json.loads(line) for line in result.stdout.splitlines()]
    assert pair["names"] == [NAME, NAME]
    assert "same spelling 'Nguyễn Công Thắng'" in pair["for"]
    assert any(line.startswith("provinces ") for line in pair["against"])
    assert run("review", "distinct", *pair["ids"], "--db", str(db)).exit_code == 0
    assert run("review", "candidates", "--db", str(db)).stdout.strip() == "no likely duplicates"


def test_build_reads_the_judgements_file_given_by_environment(seed_files: list[Path], tmp_path: Path) -> None:
    db = tmp_path / "seeds.lbdb"
    assert run("build", *map(str, seed_files), "--db", str(db), "--workers", "1").exit_code == 0
    with open_store(db, read_only=True) as store:
        [[person, name]] = store.query(
            "MATCH (p:Person)-[:HOLDS]->(:Post) RETURN p.id, p.name ORDER BY p.id LIMIT 1"
        ).rows
    shared = tmp_path / "team" / "judgements.jsonl"
    env = {"DANVAN_JUDGEMENTS": str(shared)}
    assert run("review", "rename", person, name + " (checked)", "--db", str(db), env=env).exit_code == 0
    assert shared.is_file()
    again = run("build", *map(str, seed_files), "--db", str(db), "--workers", "1", env=env)
    assert again.exit_code == 0, again.output
    with open_store(db, read_only=True) as store:
        assert store.query("MATCH (p:Person {id: $id}) RETURN p.name", {"id": person}).rows == [[name + " (checked)"]]
