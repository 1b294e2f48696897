"""The embedded LadybugDB store, on real database files: DDL, writes, incremental builds, faults."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_build_factory import BAC_NINH_POST, ArticleMaker, bac_ninh_article, other_province_article

import danvan.graph.store.embedded as embedded
from conftest import REPO, database_held_open
from danvan.graph.build import build_graph
from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.model import Extraction
from danvan.graph.schema import SCHEMA
from danvan.graph.store.embedded import ReadOnlyError, StoreError, open_store


def corpus() -> list[Extraction]:
    """Five small articles: two about one official, namesakes elsewhere, a successor."""
    return [
        bac_ninh_article("a", "2024-06-19"),
        bac_ninh_article("b", "2024-07-01", status="former"),
        other_province_article("c", "2023-01-01", "Hà Nam", "Trưởng Ban Dân vận Tỉnh ủy Hà Nam", "Nguyễn Công Thắng"),
        other_province_article("d", "2022-01-01", "Nam Định", BAC_NINH_POST, "Nguyễn Công Thắng"),
        bac_ninh_article("e", "2025-02-01", name="Lê Thị Mới"),
    ]


def dump_store(path: Path) -> list[str]:
    """Every node and relationship with every property, sorted: two equal dumps are identical stores.

    Read with plain Cypher rather than the store's own loader, so the check does not trust it.
    """
    out: list[str] = []
    with open_store(path, read_only=True) as store:
        for label in SCHEMA.labels:
            for (node,) in store.query(f"MATCH (n:{label}) RETURN n").rows:
                out.append(repr(sorted((k, v) for k, v in node.items() if k != "_ID")))
        for rel_type in SCHEMA.rel_types:
            for src, dst, rel in store.query(f"MATCH (a)-[r:{rel_type}]->(b) RETURN a.id, b.id, r").rows:
                props = sorted((k, v) for k, v in rel.items() if k not in ("_ID", "_SRC", "_DST"))
                out.append(repr((rel_type, src, dst, props)))
    return sorted(out)


def fresh(path: Path, extractions: list[Extraction]) -> list[str]:
    with open_store(path) as store:
        store.write_graph(build_graph(extractions))
    return dump_store(path)


def test_ddl_creates_one_table_per_label_and_type_with_the_schema_properties(tmp_path: Path) -> None:
    with open_store(tmp_path / "g.lbdb") as store:
        tables = {row[1]: row[2] for row in store.query("CALL show_tables() RETURN *").rows}
        for node in SCHEMA.nodes:
            assert tables[node.label] == "NODE"
            columns = [row[1] for row in store.query(f"CALL table_info('{node.label}') RETURN *").rows]
            assert columns == list(node.property_names)
        for rel in SCHEMA.rels:
            assert tables[rel.type] == "REL"
            columns = [row[1] for row in store.query(f"CALL table_info('{rel.type}') RETURN *").rows]
            assert columns == list(rel.property_names)
        [[version]] = store.query("MATCH (m:DanvanMeta {key: 'schema_version'}) RETURN m.value").rows
        assert version == SCHEMA.version


def test_written_graph_has_the_same_counts_and_content_as_in_memory(tmp_path: Path) -> None:
    kg = build_graph(corpus())
    with open_store(tmp_path / "g.lbdb") as store:
        report = store.write_graph(kg)
        assert store.counts() == kg.counts()
        loaded = store.load_graph()
    assert report.added["MENTIONED_IN"] == kg.counts()["relationships"]["MENTIONED_IN"]
    for node_id, attrs in kg.nodes():
        assert {k: v for k, v in attrs.items() if v is not None} == loaded.node(node_id)
    assert sorted(kg.g.edges(keys=True)) == sorted(loaded.g.edges(keys=True))


def test_named_fact_can_be_queried_with_parameters(tmp_path: Path) -> None:
    with open_store(tmp_path / "g.lbdb") as store:
        store.ingest(corpus())
        result = store.query(
            "MATCH (p:Person)-[h:HOLDS]->(post:Post {name: $post}) RETURN p.name AS name, h.first_seen AS since, "
            "h.status AS status ORDER BY since",
            {"post": BAC_NINH_POST},
        )
    assert [(r["name"], r["since"].isoformat(), r["status"]) for r in result.records()] == [
        ("Nguyễn Công Thắng", "2022-01-01", "former"),
        ("Lê Thị Mới", "2025-02-01", "current"),
    ]


def test_building_twice_on_the_same_input_leaves_the_store_identical(tmp_path: Path) -> None:
    path = tmp_path / "g.lbdb"
    with open_store(path) as store:
        store.ingest(corpus())
    first = dump_store(path)
    with open_store(path) as store:
        report = store.ingest(corpus())
    assert (report.articles_new, report.articles_changed, report.articles_unchanged) == (0, 0, 5)
    assert not report.write.changed
    assert dump_store(path) == first


@pytest.mark.parametrize("bulk_min", [10_000, 0], ids=["transactions", "bulk-rewrites"])
def test_incremental_builds_equal_one_build_of_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bulk_min: int
) -> None:
    monkeypatch.setattr(embedded, "BULK_MIN", bulk_min)
    articles = corpus()
    path = tmp_path / "inc.lbdb"
    for batch in (articles[:1], articles[1:3], articles[3:]):
        with open_store(path) as store:
            store.ingest(batch)
    assert dump_store(path) == fresh(tmp_path / "all.lbdb", articles)
    with open_store(path) as store:
        persons = store.query("MATCH (p:Person) WHERE p.name = 'Nguyễn Công Thắng' RETURN p.province").column(
            "p.province"
        )
    # Merged through the shared post (Bắc Ninh + Nam Định), the Hà Nam namesake apart: no duplicate.
    assert sorted(persons) == ["Bắc Ninh", "Hà Nam"]


def test_a_re_extracted_article_replaces_its_old_facts(tmp_path: Path) -> None:
    path = tmp_path / "g.lbdb"
    old = ArticleMaker("r", "2024-01-01", place="Bắc Ninh")
    p = old.person("Phạm Văn Cũ")
    post = old.post("Chủ tịch Ủy ban nhân dân tỉnh Bắc Ninh", "Chủ tịch", "Ủy ban nhân dân tỉnh Bắc Ninh")
    old.fact("HOLDS", p, post, "Phạm Văn Cũ, Chủ tịch UBND tỉnh.")
    new = ArticleMaker("r", "2024-01-01", place="Bắc Ninh")  # same article id, better extraction
    q = new.person("Phạm Văn Mới")
    post = new.post("Chủ tịch Ủy ban nhân dân tỉnh Bắc Ninh", "Chủ tịch", "Ủy ban nhân dân tỉnh Bắc Ninh")
    new.fact("HOLDS", q, post, "Phạm Văn Mới, Chủ tịch UBND tỉnh.")
    with open_store(path) as store:
        store.ingest([old.build(), bac_ninh_article("a", "2024-06-19")])
        report = store.ingest([new.build()])
        names = store.query("MATCH (p:Person) RETURN p.name ORDER BY p.name").column("p.name")
    assert report.articles_changed == 1
    assert report.write.deleted["Person"] == 1
    assert names == ["Nguyễn Công Thắng", "Phạm Văn Mới", "Việt Hùng"]
    assert dump_store(path) == fresh(tmp_path / "f.lbdb", [new.build(), bac_ninh_article("a", "2024-06-19")])


@pytest.mark.parametrize("bulk", [False, True], ids=["transaction", "bulk-rewrite"])
def test_build_interrupted_between_batches_leaves_a_store_the_next_build_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bulk: bool
) -> None:
    path = tmp_path / "g.lbdb"
    articles = corpus()
    with open_store(path) as store:
        store.ingest(articles[:2])
    before = dump_store(path)
    calls = {"n": 0}

    def crash() -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt("killed midway")

    monkeypatch.setattr(embedded, "BATCH_SIZE", 2)
    monkeypatch.setattr(embedded, "BULK_FRACTION", 0.0 if bulk else 1.0)
    monkeypatch.setattr(embedded, "BULK_MIN", 0)
    monkeypatch.setattr(embedded, "_between_batches", crash)
    with open_store(path) as store, pytest.raises(KeyboardInterrupt):
        store.ingest(articles)
    assert calls["n"] == 3
    with open_store(path, read_only=True) as store:
        # Both write into a new file beside the store, which is dropped: the store is as it was.
        assert store.complete
    assert dump_store(path) == before
    assert not (tmp_path / "g.lbdb.new").exists()
    monkeypatch.setattr(embedded, "_between_batches", lambda: None)
    with open_store(path) as store:
        store.ingest(articles)
        assert store.complete
    assert dump_store(path) == fresh(tmp_path / "all.lbdb", articles)


def _run_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args], cwd=REPO, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("bulk", [False, True], ids=["transaction", "bulk-rewrite"])
def test_build_killed_midway_leaves_a_consistent_store_that_the_next_build_completes(
    tmp_path: Path, bulk: bool
) -> None:
    path = tmp_path / "g.lbdb"
    articles = corpus()
    with open_store(path) as store:
        store.ingest(articles[:2])
    before = dump_store(path)
    data = tmp_path / "articles.json"
    data.write_text(json.dumps([a.to_json() for a in articles]), encoding="utf-8")
    # A real process, killed without any chance to clean up (os._exit) in the middle of writing.
    killed = _run_python(
        """
        import json, os, sys
        from pathlib import Path
        import danvan.graph.store.embedded as embedded
        from danvan.graph.model import Extraction
        exs = [Extraction.from_json(x) for x in json.loads(Path(sys.argv[2]).read_text())]
        embedded.BATCH_SIZE = 2
        embedded.BULK_FRACTION = float(sys.argv[3])
        embedded.BULK_MIN = 0
        calls = []
        def die():
            calls.append(1)
            if len(calls) == 4:
                os._exit(9)
        embedded._between_batches = die
        with embedded.open_store(Path(sys.argv[1])) as store:
            store.ingest(exs)
        """,
        str(path),
        str(data),
        "0.0" if bulk else "1.0",
    )
    assert killed.returncode == 9, killed.stderr
    # The kill hit the new file beside the store: the store opens with its previous content.
    assert dump_store(path) == before
    with open_store(path) as store:
        store.ingest(articles)  # and the stale new file left by the kill is no obstacle
    assert dump_store(path) == fresh(tmp_path / "all.lbdb", articles)
    assert not (tmp_path / "g.lbdb.new").exists()


@pytest.mark.parametrize("bulk", [False, True], ids=["transaction", "bulk-rewrite"])
def test_a_write_killed_just_after_the_swap_has_every_row(tmp_path: Path, bulk: bool) -> None:
    path = tmp_path / "g.lbdb"
    articles = corpus()
    with open_store(path) as store:
        store.ingest(articles[:2])
    data = tmp_path / "articles.json"
    data.write_text(json.dumps([a.to_json() for a in articles]), encoding="utf-8")
    # Killed right after the new file was renamed over the store, before it is opened again.
    killed = _run_python(
        """
        import json, os, sys
        from pathlib import Path
        import danvan.graph.store.embedded as embedded
        from danvan.graph.model import Extraction
        exs = [Extraction.from_json(x) for x in json.loads(Path(sys.argv[2]).read_text())]
        embedded.BULK_FRACTION = float(sys.argv[3])
        embedded.BULK_MIN = 0
        replace = os.replace
        def replace_then_die(src, dst):
            replace(src, dst)
            if Path(dst) == Path(sys.argv[1]):
                os._exit(9)
        embedded.os.replace = replace_then_die
        with embedded.open_store(Path(sys.argv[1])) as store:
            store.ingest(exs)
        """,
        str(path),
        str(data),
        "0.0" if bulk else "1.0",
    )
    assert killed.returncode == 9, killed.stderr
    with open_store(path, read_only=True) as store:
        assert store.complete
    assert dump_store(path) == fresh(tmp_path / "all.lbdb", articles)


def test_a_store_locked_by_another_process_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "g.lbdb"
    with open_store(path) as store:
        store.ingest(corpus()[:1])
    with database_held_open(path) as pid:
        with pytest.raises(StoreError) as error, open_store(path):
            pass
        message = str(error.value)
        assert "\n" not in message
        assert f"{path} is locked by another process (process {pid})" in message


def test_a_store_made_by_another_schema_is_refused_with_its_version(tmp_path: Path) -> None:
    path = tmp_path / "g.lbdb"
    with open_store(path) as store:
        store.query("MATCH (m:DanvanMeta {key: 'schema_version'}) SET m.value = 'old0version'", read_only=False)
    expected = f"made with schema version old0version, this danvan uses {SCHEMA.version}"
    for read_only in (False, True):
        with pytest.raises(StoreError, match=expected), open_store(path, read_only=read_only):
            pass


def test_a_foreign_database_is_not_mistaken_for_a_store(tmp_path: Path) -> None:
    import ladybug

    path = tmp_path / "other.lbdb"
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE Thing(id STRING PRIMARY KEY)")
    conn.close()
    db.close()
    with pytest.raises(StoreError, match="not a danvan graph database"), open_store(path):
        pass


def test_missing_store_opened_read_only_says_to_build_first(tmp_path: Path) -> None:
    missing = tmp_path / "none.lbdb"
    with pytest.raises(StoreError, match="run `danvan build` first"), open_store(missing, read_only=True):
        pass
    assert not (tmp_path / "none.lbdb").exists()


def test_read_only_queries_cannot_write(tmp_path: Path) -> None:
    path = tmp_path / "g.lbdb"
    with open_store(path) as store:
        store.ingest(corpus()[:1])
        before = store.counts()
        for cypher in (
            "CREATE (:Place {id: 'place:x', name: 'X'})",
            "MATCH (p:Person) DETACH DELETE p",
            "MATCH (p:Person) SET p.name = 'X' RETURN p.name",
            "COMMIT; MATCH (p:Person) DETACH DELETE p",
        ):
            with pytest.raises(ReadOnlyError):
                store.query(cypher)
        assert store.counts() == before
    with open_store(path, read_only=True) as store:
        with pytest.raises(ReadOnlyError, match="use --write"):
            store.query("MATCH (p:Person) DETACH DELETE p")
        with pytest.raises(ReadOnlyError):
            store.query("MATCH (p:Person) DETACH DELETE p", read_only=False)
        assert store.counts() == before


def test_seed_counts_are_equal_in_memory_and_in_the_store(seed_graph: KnowledgeGraph, seed_db: Path) -> None:
    with open_store(seed_db, read_only=True) as store:
        assert store.counts() == seed_graph.counts()
        result = store.query(
            "MATCH (p:Person)-[h:HOLDS]->(post:Post) WHERE lower(post.name) = lower($post) "
            "RETURN p.name AS name, h.first_seen AS since",
            {"post": BAC_NINH_POST},
        )
    assert [(r["name"], r["since"].isoformat()) for r in result.records()] == [("Nguyễn Công Thắng", "2024-06-19")]


def test_seed_store_built_incrementally_equals_one_build(seed_extractions: list, tmp_path: Path) -> None:
    path = tmp_path / "inc.lbdb"
    for ex in seed_extractions:
        with open_store(path) as store:
            store.ingest([ex])
    with open_store(path) as store:
        report = store.ingest(seed_extractions)
    assert not report.write.changed
    assert dump_store(path) == fresh(tmp_path / "all.lbdb", seed_extractions)


def test_a_failing_read_only_query_reports_its_own_error_and_the_store_stays_usable(tmp_path: Path) -> None:
    with open_store(tmp_path / "g.lbdb") as store:
        with pytest.raises(StoreError, match="Table Nope does not exist"):
            store.query("MATCH (n:Nope) RETURN n")
        with pytest.raises(StoreError, match="Divide by zero"):
            store.query("RETURN 1 / 0 AS x")
        assert store.query("RETURN $x + 1 AS y", {"x": 1}).rows == [[2]]
