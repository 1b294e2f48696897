"""The Neo4j loader and query path, checked with a recording double of the driver.

No Neo4j server runs here: the double records every ``(query, parameters)`` per transaction
function call, and the tests assert the exact statements, batches, order and parameters.
"""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from neo4j.exceptions import AuthError
from neo4j.graph import Graph, Node

from danvan.graph.ids import edge_id, make_id
from danvan.graph.schema import SCHEMA
from danvan.graph.store import neo4j_statements as stmts
from danvan.graph.store.neo4j import Neo4jConnectionError, Neo4jStore, ReadOnlyQueryError, plain, write_clauses
from tests.test_neo4j_double import D1, D2, HOSTILE, RecordingDriver, full_graph, small_graph

PASSWORD = "pw-Zq7!never-print"

PERSON_UPSERT = "UNWIND $rows AS row MERGE (n:Person {id: row.id}) SET n += row.props"
HOLDS_UPSERT = (
    "UNWIND $rows AS row MATCH (a:Person {id: row.source}) MATCH (b:Post {id: row.target}) "
    "MERGE (a)-[r:HOLDS {edge: row.edge}]->(b) SET r += row.props"
)

AN, BINH, CUONG = (make_id("Person", n) for n in ("nguyen van an", "tran thi binh", "le van cuong"))
HEAD = make_id("Post", "truong ban dan van tinh uy bac ninh")
DEPUTY = make_id("Post", "pho truong ban dan van tinh uy bac ninh")
ORG = make_id("Organization", "ban dan van tinh uy bac ninh")
PLACE = make_id("Place", "bac ninh")
ARTICLE = "article:00112233aabbccdd"
PROV = {
    "sources": [ARTICLE],
    "first_seen": D1,
    "last_seen": D1,
    "evidence": "Câu làm chứng.",
    "evidence_article": ARTICLE,
    "evidence_start": 10,
    "evidence_end": 24,
}


def _store(driver: RecordingDriver, **kwargs: object) -> Neo4jStore:
    return Neo4jStore("bolt://db.example:7687", "neo4j", PASSWORD, driver_factory=driver.factory, **kwargs)  # type: ignore[arg-type]


def _load(kg: object, batch_size: int = 2, database: str | None = None) -> tuple[RecordingDriver, dict]:
    driver = RecordingDriver()
    with _store(driver, batch_size=batch_size, database=database) as store:
        summary = store.write_graph(kg)  # type: ignore[arg-type]
    assert driver.closed
    return driver, summary


def test_load_sends_schema_then_nodes_then_relationships_in_batches_of_the_given_size() -> None:
    driver, summary = _load(small_graph(), batch_size=2)
    calls = driver.calls
    # One statement per transaction function call, all of them writes.
    assert all(call.mode == "write" and len(call.runs) == 1 for call in calls)
    sent = [run for call in calls for run in call.runs]

    n_schema = len(SCHEMA.labels) + len(stmts.index_statements()) + 1
    schema = sent[:n_schema]
    assert schema[0] == ("CREATE CONSTRAINT danvan_person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE", {})
    assert [q for q, _ in schema[: len(SCHEMA.labels)]] == [
        f"CREATE CONSTRAINT danvan_{label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in (
            "Person",
            "Organization",
            "Post",
            "Event",
            "Campaign",
            "Document",
            "Place",
            "Article",
            "Judgement",
        )
    ]
    assert ("CREATE INDEX danvan_person_name IF NOT EXISTS FOR (n:Person) ON (n.name)", {}) in schema
    assert ("CREATE INDEX danvan_event_date IF NOT EXISTS FOR (n:Event) ON (n.date)", {}) in schema
    assert ("CREATE INDEX danvan_article_published IF NOT EXISTS FOR (n:Article) ON (n.published)", {}) in schema
    assert schema[-1] == ("CALL db.awaitIndexes($timeout)", {"timeout": 300})

    data = [(q, [(r.get("id") or (r["source"], r["target"])) for r in p["rows"]]) for q, p in sent[n_schema:]]
    assert data == [
        (PERSON_UPSERT, [CUONG, AN]),  # sorted by id: le-van-cuong < nguyen-van-an < tran-thi-binh
        (PERSON_UPSERT, [BINH]),
        ("UNWIND $rows AS row MERGE (n:Organization {id: row.id}) SET n += row.props", [ORG]),
        ("UNWIND $rows AS row MERGE (n:Post {id: row.id}) SET n += row.props", [DEPUTY, HEAD]),
        ("UNWIND $rows AS row MERGE (n:Place {id: row.id}) SET n += row.props", [PLACE]),
        ("UNWIND $rows AS row MERGE (n:Article {id: row.id}) SET n += row.props", [ARTICLE]),
        (HOLDS_UPSERT, [(CUONG, HEAD), (AN, HEAD)]),
        (HOLDS_UPSERT, [(BINH, DEPUTY)]),
        (
            "UNWIND $rows AS row MATCH (a:Post {id: row.source}) MATCH (b:Organization {id: row.target}) "
            "MERGE (a)-[r:POST_IN]->(b) SET r += row.props",
            [(DEPUTY, ORG), (HEAD, ORG)],
        ),
        (
            "UNWIND $rows AS row MATCH (a:Organization {id: row.source}) MATCH (b:Place {id: row.target}) "
            "MERGE (a)-[r:BASED_IN]->(b) SET r += row.props",
            [(ORG, PLACE)],
        ),
        (
            "UNWIND $rows AS row MATCH (a:Person {id: row.source}) MATCH (b:Article {id: row.target}) "
            "MERGE (a)-[r:MENTIONED_IN]->(b) SET r += row.props",
            [(AN, ARTICLE)],
        ),
        (
            "UNWIND $rows AS row MATCH (a:Organization {id: row.source}) MATCH (b:Article {id: row.target}) "
            "MERGE (a)-[r:MENTIONED_IN]->(b) SET r += row.props",
            [(ORG, ARTICLE)],
        ),
    ]
    assert summary["batches"] == 12
    assert summary["schema_statements"] == n_schema
    assert summary["nodes"]["Person"] == 3 and summary["relationships"]["HOLDS"] == 3
    assert summary["nodes_created"] == 8 and summary["relationships_created"] == 8


def test_rows_carry_typed_properties_and_leave_unset_values_out() -> None:
    driver, _ = _load(small_graph(), batch_size=10)
    rows = {q: p["rows"] for q, p in driver.runs() if "rows" in p}
    assert rows[PERSON_UPSERT] == [
        {"id": CUONG, "props": {"name": "Lê Văn Cường", "first_seen": D2, "last_seen": D2}},  # aliases [] left out
        {
            "id": AN,
            "props": {
                "name": "Nguyễn Văn An",
                "first_seen": D1,
                "last_seen": D2,
                "province": "Bắc Ninh",
                "aliases": ["đồng chí Nguyễn Văn An"],
            },
        },
        {"id": BINH, "props": {"name": "Trần Thị Bình", "first_seen": D1, "last_seen": D1}},
    ]
    assert rows[HOLDS_UPSERT] == [
        {"source": CUONG, "target": HEAD, "props": {**PROV, "status": "former"}, "edge": edge_id("HOLDS", CUONG, HEAD)},
        {"source": AN, "target": HEAD, "props": {**PROV, "status": "current"}, "edge": edge_id("HOLDS", AN, HEAD)},
        {
            "source": BINH,
            "target": DEPUTY,
            "props": {**PROV, "status": "current"},
            "edge": edge_id("HOLDS", BINH, DEPUTY),
        },
    ]
    assert isinstance(rows[PERSON_UPSERT][0]["props"]["first_seen"], dt.date)  # the driver sends a Neo4j DATE


def test_every_data_statement_is_an_idempotent_merge() -> None:
    driver, _ = _load(full_graph(), batch_size=1000)
    for query, params in driver.runs():
        if query.startswith("CREATE "):
            assert " IF NOT EXISTS " in query  # schema statements may be repeated
        else:
            assert "CREATE" not in query and "DELETE" not in query and "REMOVE" not in query
            if "rows" in params:
                assert query.startswith("UNWIND $rows AS row ") and " MERGE (" in query


def test_a_second_load_sends_the_same_and_creates_nothing() -> None:
    driver = RecordingDriver()
    kg = small_graph()
    with _store(driver, batch_size=3) as store:
        first = store.write_graph(kg)
        sent_first = driver.runs()
        second = store.write_graph(kg)
    assert driver.runs()[len(sent_first) :] == sent_first
    assert first["nodes_created"] == 8 and first["relationships_created"] == 8
    assert second["nodes_created"] == 0 and second["relationships_created"] == 0
    assert second["nodes"] == first["nodes"] and second["relationships"] == first["relationships"]


def test_insertion_order_of_the_graph_does_not_change_what_is_sent() -> None:
    forward, _ = _load(small_graph(), batch_size=2)
    backward, _ = _load(small_graph(reverse=True), batch_size=2)
    assert forward.runs() == backward.runs()


def test_a_retried_transaction_sends_the_batch_again_unchanged() -> None:
    plain_run, _ = _load(small_graph(), batch_size=2)
    driver = RecordingDriver(fail_first_run_with_transient_error=True)
    with _store(driver, batch_size=2) as store:
        store.write_graph(small_graph())
    assert driver.runs() == plain_run.runs()


def test_database_and_access_mode_reach_the_sessions() -> None:
    driver, _ = _load(small_graph(), database="danvan")
    assert {call.session["database"] for call in driver.calls} == {"danvan"}
    assert {call.session["default_access_mode"] for call in driver.calls} == {"WRITE"}
    default, _ = _load(small_graph())
    assert all("database" not in call.session for call in default.calls)


def test_hostile_text_travels_only_as_parameters() -> None:
    driver, _ = _load(full_graph(), batch_size=1000)
    texts = {q for q, _ in driver.runs()}
    assert texts <= set(stmts.all_statements())
    assert not any(HOSTILE in q or "DETACH" in q for q in texts)
    values = [v for _, p in driver.runs() for row in p.get("rows", []) for v in row["props"].values()]
    assert HOSTILE in values and ["a", HOSTILE] in values


def test_every_label_and_every_relationship_endpoint_pair_is_loaded() -> None:
    driver, summary = _load(full_graph(), batch_size=1000)
    assert summary["nodes"] == dict.fromkeys(SCHEMA.labels, 1)
    assert summary["relationships"] == {r.type: len(r.endpoints) for r in SCHEMA.rels}
    rel_texts = {q for q, p in driver.runs() if "rows" in p and "row.source" in q}
    assert len(rel_texts) == sum(len(r.endpoints) for r in SCHEMA.rels)


def test_counts_have_the_shape_of_the_in_memory_graph() -> None:
    driver = RecordingDriver()
    kg = small_graph()
    with _store(driver) as store:
        store.write_graph(kg)
        counts = store.counts()
    assert counts == kg.counts()
    reads = [call for call in driver.calls if call.mode == "read"]
    assert len(reads) == 1 and reads[0].session["default_access_mode"] == "READ"
    assert [q for q, _ in reads[0].runs][:2] == [
        "MATCH (n:Person) RETURN count(n) AS count",
        "MATCH (n:Organization) RETURN count(n) AS count",
    ]


# ---------------------------------------------------------------- queries and read-only mode


def _rows(query: str, params: dict) -> tuple[list[str], list[list[object]]]:
    return ["name", "seen"], [[params.get("name", "?"), None]]


def test_a_read_query_is_explained_then_run_in_a_read_transaction_with_parameters() -> None:
    driver = RecordingDriver(rows=_rows)
    query = "MATCH (p:Person {name: $name}) RETURN p.name AS name, p.first_seen AS seen"
    with _store(driver) as store:
        result = store.query(query, {"name": HOSTILE})
    assert result.columns == ["name", "seen"] and result.rows == [[HOSTILE, None]]
    assert len(driver.calls) == 1
    call = driver.calls[0]
    assert call.mode == "read" and call.session["default_access_mode"] == "READ"
    assert call.runs == [("EXPLAIN " + query, {"name": HOSTILE}), (query, {"name": HOSTILE})]


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (n) DETACH DELETE n",
        "MATCH (n:Person) SET n.name = 'x' RETURN n",
        "merge (n:Person {id: 'x'}) return n",
        "CREATE (n:Person {id: $id})",
        "MATCH (n) CALL { WITH n REMOVE n.name } RETURN 1",
        "UNWIND [1] AS x FOREACH (i IN [1] | CREATE (:Person))",
        "CALL apoc.create.node(['Person'], {}) YIELD node RETURN node",
        "CALL `apoc.create.node`(['Person'], {}) YIELD node RETURN node",
        "CALL db.createLabel('X')",
        "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
        "DROP CONSTRAINT danvan_person_id",
        "MATCH (start:Person) SET start.x = 1",
        "MATCH (a), (b) CREATE (a)-[:KNOWS]->(b)",
        "MATCH (n) WHERE n.name = 'it''s' DELETE n",  # a broken string literal must not hide a clause
    ],
)
def test_read_only_mode_refuses_writes_before_sending_anything(query: str) -> None:
    driver = RecordingDriver()
    with _store(driver) as store, pytest.raises(ReadOnlyQueryError, match="refused: the query writes"):
        store.query(query)
    assert driver.calls == []


@pytest.mark.parametrize(
    "query",
    [
        f"MATCH (n:Person) WHERE n.name = '{HOSTILE.replace(chr(39), chr(92) + chr(39))}' RETURN n",
        'MATCH (n:Person) WHERE n.name = "CREATE (x)" RETURN n.set AS s, n.create AS c',
        "MATCH (n) RETURN {set: 1, delete: 2} AS m",
        "MATCH (n:Person) // DELETE n\nRETURN n",
        "CALL db.labels() YIELD label RETURN label",
        "MATCH (n) CALL { WITH n RETURN count(*) AS c } RETURN c",
        "MATCH (n) WHERE n.name STARTS WITH 'Nguyễn' RETURN n.`set` AS x",
        "MATCH p = (start:Person)-[:HOLDS]->(stop) RETURN start.name AS load, stop",
    ],
)
def test_read_only_check_lets_reads_through(query: str) -> None:
    assert write_clauses(query) == []


def test_read_only_mode_refuses_what_the_server_reports_as_a_write() -> None:
    # A query that reads as harmless but that the server's planner classifies as writing.
    driver = RecordingDriver(query_type=lambda q: "rw", rows=_rows)
    with _store(driver) as store, pytest.raises(ReadOnlyQueryError, match="reports the query as type 'rw'"):
        store.query("CALL db.labels() YIELD label RETURN label")
    assert [q for q, _ in driver.runs()] == ["EXPLAIN CALL db.labels() YIELD label RETURN label"]


def test_write_mode_runs_in_a_write_transaction_without_explain() -> None:
    driver = RecordingDriver(rows=_rows)
    with _store(driver) as store:
        store.query("MERGE (p:Person {id: $id}) RETURN p.name AS name, 1 AS seen", {"id": "x"}, read_only=False)
    assert [(c.mode, [q for q, _ in c.runs]) for c in driver.calls] == [
        ("write", ["MERGE (p:Person {id: $id}) RETURN p.name AS name, 1 AS seen"])
    ]


def test_driver_values_become_plain_python() -> None:
    from neo4j.time import Date

    node = Node(Graph(), "4:db:1", 1, ["Person"], {"name": "Nguyễn Văn An", "first_seen": Date(2024, 6, 19)})
    assert plain([node, Date(2024, 7, 2)]) == [
        {"_ID": "4:db:1", "_LABEL": "Person", "name": "Nguyễn Văn An", "first_seen": dt.date(2024, 6, 19)},
        dt.date(2024, 7, 2),
    ]


# ---------------------------------------------------------------- connecting and the password


def test_refused_credentials_give_one_line_without_the_password(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    driver = RecordingDriver(verify_error=AuthError(f"The client is unauthorized ({PASSWORD})"))
    with _store(driver) as store, pytest.raises(Neo4jConnectionError) as info:
        store.verify()
    message = str(info.value)
    assert "\n" not in message and "refused the credentials of user 'neo4j'" in message
    assert PASSWORD not in message and "***" in message
    assert PASSWORD not in repr(store) and PASSWORD not in caplog.text
    assert driver.auth == ("neo4j", PASSWORD)  # it was used, only never shown


def test_an_unreachable_server_gives_one_line_without_the_password() -> None:
    # The real driver against a port nobody listens on.
    with Neo4jStore("bolt://127.0.0.1:9", "neo4j", PASSWORD) as store, pytest.raises(Neo4jConnectionError) as info:
        store.verify()
    message = str(info.value)
    assert message.startswith("cannot reach Neo4j at bolt://127.0.0.1:9") and "\n" not in message
    assert PASSWORD not in message


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("http://db.example:7474", "expected a Bolt URI"),
        (f"neo4j://neo4j:{PASSWORD}@db.example:7687", "not in the URI"),
    ],
)
def test_unusable_uris_are_refused_clearly(uri: str, expected: str) -> None:
    with pytest.raises(Neo4jConnectionError, match=expected) as info:
        Neo4jStore(uri, "neo4j", PASSWORD, driver_factory=RecordingDriver().factory)
    assert PASSWORD not in str(info.value)
