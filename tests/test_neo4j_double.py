"""A recording test double of the Neo4j driver, and small graphs to load with it (no tests here).

The double records, per ``execute_write`` / ``execute_read`` call, the session's settings and
every ``(query, parameters)`` the transaction function ran. It answers like a server would for
the statements the loader sends: ``EXPLAIN`` reports a query type, count queries return numbers,
and upserts report what they created, remembering node ids and relationship endpoints so that a
second load of the same graph creates nothing (as ``MERGE`` on a real server).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from neo4j.exceptions import TransientError

from danvan.graph.ids import make_id
from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.schema import SCHEMA
from danvan.graph.store import neo4j_sync as sync

HOSTILE = "x' }) DETACH DELETE n //"


@dataclass
class Call:
    mode: str  # "write" or "read"
    session: dict[str, Any]
    runs: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


@dataclass
class Counters:
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0


@dataclass
class Summary:
    counters: Counters
    query_type: str | None = None


class Record:
    def __init__(self, keys: list[str], values: list[Any]) -> None:
        self._keys, self._values = keys, values

    def values(self) -> list[Any]:
        return list(self._values)

    def __getitem__(self, index: int) -> Any:
        return self._values[index]


class Result:
    def __init__(self, keys: list[str], rows: list[list[Any]], summary: Summary) -> None:
        self._keys, self._rows, self._summary = keys, rows, summary

    def keys(self) -> list[str]:
        return list(self._keys)

    def __iter__(self) -> Iterator[Record]:
        return (Record(self._keys, row) for row in self._rows)

    def single(self, strict: bool = False) -> Record:
        assert len(self._rows) == 1
        return Record(self._keys, self._rows[0])

    def consume(self) -> Summary:
        return self._summary


_NODE_UPSERT = re.compile(r"MERGE \(n:(\w+) \{id: row\.id\}\)")
_REL_UPSERT = re.compile(r"MERGE \(a\)-\[r:(\w+)(?: \{edge: row\.edge\})?\]->\(b\)")


class RecordingDriver:
    """Stands in for ``neo4j.Driver``; pass ``driver.factory`` as the store's ``driver_factory``."""

    def __init__(
        self,
        query_type: Callable[[str], str] | None = None,
        rows: Callable[[str, dict[str, Any]], tuple[list[str], list[list[Any]]]] | None = None,
        fail_first_run_with_transient_error: bool = False,
        verify_error: Exception | None = None,
    ) -> None:
        self.calls: list[Call] = []
        self.uri: str | None = None
        self.auth: Any = None
        self.closed = False
        self._query_type = query_type or (lambda q: "r")
        self._rows = rows
        self._transient = fail_first_run_with_transient_error
        self._verify_error = verify_error
        self.nodes: set[tuple[str, str]] = set()
        self.rels: set[tuple[str, ...]] = set()
        self.marker: str | None = None  # the generation of the (:DanvanLoad) marker node, when one was written

    def factory(self, uri: str, auth: Any = None, **config: Any) -> RecordingDriver:
        self.uri, self.auth = uri, auth
        return self

    # -- the driver API the store uses
    def session(self, **config: Any) -> Session:
        return Session(self, config)

    def verify_connectivity(self) -> None:
        if self._verify_error is not None:
            raise self._verify_error

    def close(self) -> None:
        self.closed = True

    # -- what was sent
    def runs(self, mode: str | None = None) -> list[tuple[str, dict[str, Any]]]:
        return [run for call in self.calls if mode in (None, call.mode) for run in call.runs]

    def respond(self, query: str, params: dict[str, Any]) -> Result:
        if self._transient:
            self._transient = False
            raise TransientError("simulated deadlock")
        if query.startswith("EXPLAIN "):
            return Result([], [], Summary(Counters(), self._query_type(query[len("EXPLAIN ") :])))
        counters = Counters()
        if match := _NODE_UPSERT.search(query):
            for row in params["rows"]:
                key = (match.group(1), row["id"])
                counters.nodes_created += key not in self.nodes
                counters.properties_set += len(row["props"])
                self.nodes.add(key)
            return Result([], [], Summary(counters, "w"))
        if match := _REL_UPSERT.search(query):
            for row in params["rows"]:
                key = (match.group(1), row["source"], row["target"], *([row["edge"]] if "edge" in row else []))
                counters.relationships_created += key not in self.rels
                counters.properties_set += len(row["props"])
                self.rels.add(key)
            return Result([], [], Summary(counters, "rw"))
        if query == sync.WRITE_MARKER:
            self.marker = params["generation"]
            return Result([], [], Summary(counters, "w"))
        if query == sync.READ_MARKER:
            return Result(["generation"], [[self.marker]] if self.marker else [], Summary(counters, "r"))
        if query.endswith("DETACH DELETE n"):
            label = re.search(r"MATCH \(n:(\w+) ", query).group(1)  # type: ignore[union-attr]
            for node_id in params["ids"]:
                self.nodes.discard((label, node_id))
                self.rels = {r for r in self.rels if node_id not in r[1:3]}
            return Result([], [], Summary(counters, "w"))
        if query.endswith("DELETE r"):
            rel = re.search(r"\[r:(\w+)", query).group(1)  # type: ignore[union-attr]
            for row in params["rows"]:
                self.rels.discard((rel, row["source"], row["target"], *([row["edge"]] if "edge" in row else [])))
            return Result([], [], Summary(counters, "w"))
        if query.endswith("RETURN count(n) AS count"):
            label = re.search(r"\(n:(\w+)\)", query).group(1)  # type: ignore[union-attr]
            return Result(["count"], [[sum(1 for lab, _ in self.nodes if lab == label)]], Summary(counters, "r"))
        if query.endswith("RETURN count(r) AS count"):
            rel = re.search(r"\[r:(\w+)\]", query).group(1)  # type: ignore[union-attr]
            return Result(["count"], [[sum(1 for t, *_ in self.rels if t == rel)]], Summary(counters, "r"))
        if "AS duplicated" in query:
            return Result(["duplicated"], [[0]], Summary(counters, "r"))
        if self._rows is not None:
            keys, rows = self._rows(query, params)
            return Result(keys, rows, Summary(counters, "r"))
        return Result([], [], Summary(counters, "s"))


class Session:
    def __init__(self, driver: RecordingDriver, config: dict[str, Any]) -> None:
        self.driver, self.config = driver, config

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def _execute(self, mode: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        while True:  # the real driver retries a transaction function on transient errors
            call = Call(mode, dict(self.config))
            self.driver.calls.append(call)
            try:
                return fn(Transaction(self.driver, call), *args, **kwargs)
            except TransientError:
                self.driver.calls.remove(call)  # rolled back: as if never sent

    def execute_write(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self._execute("write", fn, *args, **kwargs)

    def execute_read(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self._execute("read", fn, *args, **kwargs)


class Transaction:
    def __init__(self, driver: RecordingDriver, call: Call) -> None:
        self.driver, self.call = driver, call

    def run(self, query: str, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Result:
        params = dict(parameters or {}, **kwargs)
        self.call.runs.append((query, params))
        return self.driver.respond(query, params)


# ---------------------------------------------------------------- graphs

D1, D2 = dt.date(2024, 6, 19), dt.date(2024, 7, 2)


def small_graph(reverse: bool = False) -> KnowledgeGraph:
    """Three people, two posts of one organisation in one place, one article (names invented).

    ``reverse`` adds the same nodes and edges in the opposite order (the load must not care).
    """
    org = make_id("Organization", "ban dan van tinh uy bac ninh")
    place = make_id("Place", "bac ninh")
    head = make_id("Post", "truong ban dan van tinh uy bac ninh")
    deputy = make_id("Post", "pho truong ban dan van tinh uy bac ninh")
    people = [make_id("Person", n) for n in ("nguyen van an", "tran thi binh", "le van cuong")]
    article = "article:00112233aabbccdd"
    nodes: list[tuple[str, str, dict[str, Any]]] = [
        (
            people[0],
            "Person",
            {
                "name": "Nguyễn Văn An",
                "first_seen": D1,
                "last_seen": D2,
                "province": "Bắc Ninh",
                "aliases": ["đồng chí Nguyễn Văn An"],
            },
        ),
        (people[1], "Person", {"name": "Trần Thị Bình", "first_seen": D1, "last_seen": D1}),
        (people[2], "Person", {"name": "Lê Văn Cường", "first_seen": D2, "last_seen": D2, "aliases": []}),
        (
            org,
            "Organization",
            {"name": "Ban Dân vận Tỉnh ủy Bắc Ninh", "kind": "commission", "level": "province", "place": "Bắc Ninh"},
        ),
        (place, "Place", {"name": "Bắc Ninh", "kind": "province", "status": "current"}),
        (head, "Post", {"name": "Trưởng Ban Dân vận Tỉnh ủy Bắc Ninh", "role": "Trưởng Ban"}),
        (deputy, "Post", {"name": "Phó Trưởng Ban Dân vận Tỉnh ủy Bắc Ninh", "role": "Phó Trưởng Ban"}),
        (
            article,
            "Article",
            {"name": "Bài báo thử", "title": "Bài báo thử", "published": D1, "authors": ["Việt Hùng"]},
        ),
    ]
    prov = {
        "sources": [article],
        "first_seen": D1,
        "last_seen": D1,
        "evidence": "Câu làm chứng.",
        "evidence_article": article,
        "evidence_start": 10,
        "evidence_end": 24,
    }
    edges: list[tuple[str, str, str, dict[str, Any]]] = [
        (people[0], head, "HOLDS", {**prov, "status": "current"}),
        (people[1], deputy, "HOLDS", {**prov, "status": "current"}),
        (people[2], head, "HOLDS", {**prov, "status": "former"}),
        (head, org, "POST_IN", prov),
        (deputy, org, "POST_IN", prov),
        (org, place, "BASED_IN", prov),
        (people[0], article, "MENTIONED_IN", prov),
        (org, article, "MENTIONED_IN", prov),
    ]
    if reverse:
        nodes, edges = nodes[::-1], edges[::-1]
    kg = KnowledgeGraph()
    for node_id, label, props in nodes:
        kg.add_node(node_id, label, **props)
    for source, target, rel_type, props in edges:
        kg.add_edge(source, target, rel_type, **props)
    return kg


_SAMPLE = {"STRING": HOSTILE, "INT64": 7, "DOUBLE": 4235.0, "DATE": D1, "BOOL": True, "STRING[]": ["a", HOSTILE]}


def full_graph() -> KnowledgeGraph:
    """One node per label and one edge per (type, source label, target label), every property set.

    Every text value is the hostile string, so the test sees that values travel only as parameters.
    """
    kg = KnowledgeGraph()
    for node in SCHEMA.nodes:
        props = {p.name: _SAMPLE[p.type] for p in node.properties if p.name != "id"}
        kg.add_node(f"{node.label.lower()}:sample", node.label, **props)
    for rel in SCHEMA.rels:
        for source, target in rel.endpoints:
            props = {p.name: _SAMPLE[p.type] for p in rel.properties}
            kg.add_edge(f"{source.lower()}:sample", f"{target.lower()}:sample", rel.type, **props)
    return kg
