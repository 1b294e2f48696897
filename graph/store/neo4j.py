"""The Neo4j sink: load a :class:`KnowledgeGraph` over Bolt and run Cypher on it.

Loading follows Neo4j's advice for bulk upserts: constraints and indexes first (generated from
the schema, see :mod:`graph.store.neo4j_statements`), nodes before relationships, ``UNWIND $rows``
batches, each batch its own ``session.execute_write`` transaction function, which the driver
retries on transient errors (deadlocks, leader switches); every batch is an idempotent ``MERGE``,
so a retried or repeated batch changes nothing.

Read-only queries (the default of :meth:`Neo4jStore.query`) are refused in three layers, because
a single Neo4j server does not always enforce a session's access mode:

1. a conservative check of the text before anything is sent (:func:`write_clauses`): write
   clauses (``CREATE``, ``MERGE``, ``SET``, ``DELETE``, ``REMOVE``, ``DROP``, ``FOREACH``, ...) and
   procedure calls not known to be read-only are refused, outside strings and comments;
2. the server's own verdict: ``EXPLAIN`` of the query must report query type ``r`` (read only);
3. the query runs in a read transaction (``execute_read``, routed to a reader on clusters).

The password goes to the driver and is kept privately only to scrub it from error messages; it
is never printed (``repr`` leaves it out, errors replace it with ``***``).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import neo4j
import neo4j.graph
import neo4j.time
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.schema import SCHEMA
from danvan.graph.store import neo4j_statements as stmts
from danvan.graph.store import neo4j_sync as sync
from danvan.graph.store.result import QueryResult

# The driver logs its failed attempts ("Unable to retrieve routing information") at WARNING; with
# no handler configured, Python prints them bare on standard error, before the one-line error that
# reports the same failure. A NullHandler silences that fallback; an application that configures
# logging still receives the records.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


class Neo4jStoreError(RuntimeError):
    """A Neo4j operation failed; the message is one line and never contains the password."""


class Neo4jConnectionError(Neo4jStoreError):
    """The server cannot be reached or refused the credentials."""


class ReadOnlyQueryError(Neo4jStoreError, PermissionError):
    """A query that writes was given in read-only mode."""


# ---------------------------------------------------------------- the plan of a load


@dataclass(frozen=True)
class Write:
    """One ``execute_write`` call: a statement and its parameters."""

    kind: str  # "schema", "nodes" or "relationships"
    name: str  # the label, "TYPE (Source->Target)", or the statement for schema writes
    query: str
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """Nodes or relationships in the batch (0 for schema statements)."""
        rows = self.parameters.get("rows", self.parameters.get("ids"))
        return len(rows) if isinstance(rows, list) else 0


def node_rows(kg: KnowledgeGraph, label: str) -> list[dict[str, Any]]:
    """``{id, props}`` rows for every node of ``label``, sorted by id so batches are deterministic."""
    node_type = SCHEMA.node(label)
    rows: list[dict[str, Any]] = []
    for node_id, attrs in kg.nodes(label):
        props: dict[str, Any] = {}
        for prop in node_type.properties:
            if prop.name == "id":
                continue
            value = stmts.property_value(prop, attrs.get(prop.name))
            if value is not None:
                props[prop.name] = value
        rows.append({"id": node_id, "props": props})
    rows.sort(key=lambda row: str(row["id"]))
    return rows


def rel_rows(kg: KnowledgeGraph, rel_type: str) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """``{source, target, props}`` rows per (source label, target label) pair, sorted."""
    rel = SCHEMA.rel(rel_type)
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for source, target, key, attrs in kg.edges(rel_type):
        pair = (kg.g.nodes[source]["label"], kg.g.nodes[target]["label"])
        props: dict[str, Any] = {}
        for prop in rel.properties:
            value = stmts.property_value(prop, attrs.get(prop.name))
            if value is not None:
                props[prop.name] = value
        row: dict[str, Any] = {"source": source, "target": target, "props": props}
        if rel.key:  # several of this type between two nodes (a post held in two terms): told apart by edge id
            row["edge"] = key
        grouped[pair].append(row)
    for rows in grouped.values():
        rows.sort(key=lambda row: (row["source"], row["target"], _key_of(rel.key, row["props"])))
    return grouped


def _key_of(names: tuple[str, ...], props: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(props.get(name) or "") for name in names)


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def plan_writes(kg: KnowledgeGraph, batch_size: int = 1000) -> list[Write]:
    """Every write of a load, in order: constraints, indexes, nodes per label, relationships per type."""
    return plan_sync(kg, None, batch_size)[0]


def plan_sync(
    kg: KnowledgeGraph, previous: sync.Manifest | None, batch_size: int = 1000
) -> tuple[list[Write], sync.Manifest]:
    """The writes that bring a database holding ``previous`` to ``kg``, and the manifest of ``kg``.

    With no previous manifest this is :func:`plan_writes` (everything). Otherwise only new and changed nodes and
    relationships are upserted; a changed one also gets its vanished properties set to null (``SET n += row.props``
    alone would keep them); relationships and then nodes that are gone are deleted. Schema statements are always
    sent: they are idempotent and keep the constraints in place.
    """
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    manifest = sync.Manifest()
    writes = [Write("schema", text, text) for text in stmts.schema_statements()]
    writes.append(Write("schema", stmts.AWAIT_INDEXES, stmts.AWAIT_INDEXES, {"timeout": stmts.AWAIT_INDEXES_SECONDS}))
    deletes: list[Write] = []
    for label in SCHEMA.labels:
        names = [p.name for p in SCHEMA.node(label).properties if p.name != "id"]
        changed = []
        for row in node_rows(kg, label):
            key = sync.node_key(label, row["id"])
            manifest.nodes[key] = sync.fingerprint(row)
            if previous is None or previous.nodes.get(key) != manifest.nodes[key]:
                if previous is not None and key in previous.nodes:
                    row = {"id": row["id"], "props": {**dict.fromkeys(names), **row["props"]}}
                changed.append(row)
        query = stmts.node_upsert(label)
        writes += [Write("nodes", label, query, {"rows": batch}) for batch in _batches(changed, batch_size)]
        if previous is not None:
            prefix = label + " "
            gone = sorted(k[len(prefix) :] for k in previous.nodes if k.startswith(prefix) and k not in manifest.nodes)
            delete = stmts.node_delete(label)
            deletes += [
                Write("deletes", label, delete, {"ids": gone[i : i + batch_size]})
                for i in range(0, len(gone), batch_size)
            ]
    rel_deletes: list[Write] = []
    for rel in SCHEMA.rels:
        names = [p.name for p in rel.properties]
        grouped = rel_rows(kg, rel.type)
        for source_label, target_label in rel.endpoints:
            changed = []
            for row in grouped.get((source_label, target_label), []):
                key = sync.rel_key(rel.type, row["source"], row["target"], row.get("edge", ""))
                manifest.rels[key] = sync.fingerprint(row)
                if previous is None or previous.rels.get(key) != manifest.rels[key]:
                    if previous is not None and key in previous.rels:
                        row = {**row, "props": {**dict.fromkeys(names), **row["props"]}}
                    changed.append(row)
            name = f"{rel.type} ({source_label}->{target_label})"
            query = stmts.rel_upsert(rel.type, source_label, target_label)
            writes += [Write("relationships", name, query, {"rows": batch}) for batch in _batches(changed, batch_size)]
    if previous is not None:
        labels: dict[str, str] = {}  # node id -> label, to pick the delete statement of a vanished relationship
        for key in (*previous.nodes, *manifest.nodes):
            label, node_id = key.split(" ", 1)
            labels[node_id] = label
        gone_rels: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for key in sorted(previous.rels):
            if key in manifest.rels:
                continue
            rel_type, source, target, *edge = key.split(" ")
            pair = (labels.get(source, ""), labels.get(target, ""))
            if pair in SCHEMA.rel(rel_type).endpoints:
                row = {"source": source, "target": target}
                if SCHEMA.rel(rel_type).key:
                    row["edge"] = edge[0] if edge else ""
                gone_rels[(rel_type, *pair)].append(row)
        for (rel_type, source_label, target_label), rows in sorted(gone_rels.items()):
            delete = stmts.rel_delete(rel_type, source_label, target_label)
            name = f"{rel_type} ({source_label}->{target_label})"
            rel_deletes += [Write("deletes", name, delete, {"rows": batch}) for batch in _batches(rows, batch_size)]
    # Relationships go before nodes: deleting a node takes its relationships with it anyway.
    return writes + rel_deletes + deletes, manifest


# ---------------------------------------------------------------- read-only check

# Clauses and commands that change data or the schema (Cypher 5 and 25, admin commands included).
_WRITE_WORDS = frozenset(
    {
        "CREATE",
        "MERGE",
        "SET",
        "DELETE",
        "DETACH",
        "NODETACH",
        "REMOVE",
        "DROP",
        "FOREACH",
        "INSERT",
        "LOAD",
        "ALTER",
        "RENAME",
        "GRANT",
        "DENY",
        "REVOKE",
        "START",
        "STOP",
        "ENABLE",
        "TERMINATE",
        "DEALLOCATE",
        "REALLOCATE",
    }
)
#: Built-in procedures that only read (their mode is READ in Neo4j's procedure listing).
READ_PROCEDURES = frozenset(
    name.lower()
    for name in (
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.info",
        "db.ping",
        "db.awaitIndex",
        "db.awaitIndexes",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "db.index.vector.queryNodes",
        "db.index.vector.queryRelationships",
        "dbms.components",
    )
)
# Strings and comments are blanked out by the check (words inside them are data); a backticked
# name becomes a plain placeholder name, so "CALL `apoc.create.node`(...)" is still a procedure call.
_SKIPPED = re.compile(
    r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`]|``)*`|//[^\n]*|/\*.*?\*/""",
    re.DOTALL,
)


def _blank(match: re.Match[str]) -> str:
    text = match.group(0)
    return "_" * len(text) if text.startswith("`") else " " * len(text)


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*")


def write_clauses(cypher: str) -> list[str]:
    """The write clauses and non-read procedure calls in ``cypher`` (empty: looks read-only).

    Conservative: a word is ignored only where it cannot be a clause; anything else that could
    write is reported, and :meth:`Neo4jStore.query` then asks the server's ``EXPLAIN`` as well.
    """
    text = _SKIPPED.sub(_blank, cypher)
    found: list[str] = []
    previous = ""
    for match in _WORD.finditer(text):
        before = text[: match.start()].rstrip()[-1:]
        after = text[match.end() :].lstrip()[:1]
        words = re.split(r"\s*\.\s*", match.group(0))
        head = words[0].upper()
        after_as, previous = previous == "AS", head
        # Not a clause: a property (n.set), label (:Create), parameter ($merge), map key ({set: 1}),
        # alias (AS start), or a variable followed by what only follows an expression ((start), x = 1).
        if before in (".", ":", "$") or after in ("", *":)],;}=<>|") or after_as or (len(words) > 1 and head != "CALL"):
            continue
        if head in _WRITE_WORDS:
            found.append(head)
        elif head == "CALL":
            # The procedure name is the next word; "CALL {" and "CALL (x) {" are subqueries,
            # whose clauses this loop checks on its own.
            rest = text[match.end() :].lstrip()
            name = _WORD.match(rest)
            if name and not rest.startswith(("{", "(")):
                proc = re.sub(r"\s+", "", name.group(0))
                if proc.lower() not in READ_PROCEDURES:
                    found.append(f"CALL {proc}")
    return found


# ---------------------------------------------------------------- values returned to Python


def plain(value: Any) -> Any:
    """Driver values as plain Python: nodes and relationships as dicts with the embedded store's keys."""
    if isinstance(value, neo4j.graph.Node):
        labels = sorted(value.labels)
        return {
            "_ID": value.element_id,
            "_LABEL": labels[0] if len(labels) == 1 else labels,
            **{k: plain(v) for k, v in value.items()},
        }
    if isinstance(value, neo4j.graph.Relationship):
        start, end = value.start_node, value.end_node
        return {
            "_ID": value.element_id,
            "_LABEL": value.type,
            "_SRC": start.element_id if start is not None else None,
            "_DST": end.element_id if end is not None else None,
            **{k: plain(v) for k, v in value.items()},
        }
    if isinstance(value, neo4j.graph.Path):
        return {"_NODES": [plain(n) for n in value.nodes], "_RELS": [plain(r) for r in value.relationships]}
    if isinstance(value, neo4j.time.Duration):  # a tuple subclass: keep it whole
        return value
    if hasattr(value, "to_native") and callable(value.to_native):  # neo4j.time Date, DateTime, Duration
        return value.to_native()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


# ---------------------------------------------------------------- the store


_INVALID_URI = "<invalid URI>"


def display_uri(uri: str) -> str:
    """The URI without any user:password part, fit to print."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return _INVALID_URI
    if parts.username is None and parts.password is None:
        return uri
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


ProgressFn = Callable[[Write], None]
#: URI schemes of the Bolt protocol (direct and routing, plain and encrypted).
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


class Neo4jStore:
    """A Neo4j database reached with the official driver. Use as a context manager to close it."""

    def __init__(
        self,
        uri: str,
        user: str = "neo4j",
        password: str | None = None,
        database: str | None = None,
        batch_size: int = 1000,
        *,
        driver_factory: Callable[..., Any] | None = None,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch size must be at least 1")
        self.uri = display_uri(uri)
        scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
        if scheme not in BOLT_SCHEMES:
            raise Neo4jConnectionError(
                f"cannot use Neo4j URI {self.uri}: expected a Bolt URI ({', '.join(s + '://' for s in BOLT_SCHEMES)})"
            )
        if self.uri == _INVALID_URI:
            raise Neo4jConnectionError("cannot use the Neo4j URI: it is not a valid URI")
        if self.uri != uri:
            raise Neo4jConnectionError(
                f"cannot use Neo4j URI {self.uri}: give the user name and password as options, not in the URI"
            )
        self.user = user
        self.database = database or None
        self.batch_size = batch_size
        # Kept only to scrub it from error messages; not printed by repr.
        self._secrets = (password,) if password else ()
        auth = (user, password) if password is not None else None
        factory = driver_factory if driver_factory is not None else neo4j.GraphDatabase.driver
        try:
            self._driver = factory(uri, auth=auth)
        except (ValueError, DriverError) as exc:
            raise Neo4jConnectionError(f"cannot use Neo4j URI {self.uri}: {self._scrub(exc)}") from None

    def __repr__(self) -> str:
        return f"Neo4jStore(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._driver.close()

    # ------------------------------------------------------------ errors
    def _scrub(self, exc: BaseException | str) -> str:
        text = " ".join(str(exc).split()) or type(exc).__name__
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text

    def _fail(self, exc: Exception, doing: str) -> Neo4jStoreError:
        where = f"Neo4j at {self.uri}" + (f" (database {self.database})" if self.database else "")
        if isinstance(exc, AuthError):
            return Neo4jConnectionError(
                f"{where} refused the credentials of user {self.user!r} while {doing}: {self._scrub(exc)}"
            )
        if isinstance(exc, ServiceUnavailable):
            return Neo4jConnectionError(f"cannot reach {where} while {doing}: {self._scrub(exc)}")
        return Neo4jStoreError(f"{where} failed while {doing}: {self._scrub(exc)}")

    def _session(self, read: bool) -> Any:
        access = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        if self.database:
            return self._driver.session(database=self.database, default_access_mode=access)
        return self._driver.session(default_access_mode=access)

    # ------------------------------------------------------------ connecting
    def verify(self) -> None:
        """Check that the server answers and accepts the credentials."""
        try:
            self._driver.verify_connectivity()
        except (Neo4jError, DriverError, OSError) as exc:
            raise self._fail(exc, "connecting") from None

    # ------------------------------------------------------------ writing
    def write_graph(self, kg: KnowledgeGraph, progress: ProgressFn | None = None) -> dict[str, Any]:
        """Upsert the graph; returns what was sent and what the server reports it created."""
        return self._send(plan_writes(kg, self.batch_size), progress)

    def sync_graph(
        self, kg: KnowledgeGraph, manifest_file: Path, full: bool = False, progress: ProgressFn | None = None
    ) -> dict[str, Any]:
        """Send only what changed since the last load recorded in ``manifest_file`` (see :mod:`neo4j_sync`).

        The summary says whether the load was ``incremental`` or ``full``, and why a full one was needed.
        """
        previous = None if full else sync.load_manifest(manifest_file)
        reason = "asked for (--full)" if full else "no earlier load from this store is recorded"
        if previous is not None:
            try:
                with self._session(read=True) as session:
                    marker = session.execute_read(_run_marker, sync.READ_MARKER, {"id": sync.MARKER_ID})
            except (Neo4jError, DriverError, OSError) as exc:
                raise self._fail(exc, "reading the load marker") from None
            if marker != previous.generation:
                reason = "the database no longer holds what the last load sent (its load marker differs)"
                previous = None
        writes, manifest = plan_sync(kg, previous, self.batch_size)
        writes.append(
            Write(
                "marker",
                sync.MARKER_LABEL,
                sync.WRITE_MARKER,
                {"id": sync.MARKER_ID, "generation": manifest.generation},
            )
        )
        summary = self._send(writes, progress)
        sync.save_manifest(manifest_file, manifest)
        summary["mode"] = "full" if previous is None else "incremental"
        summary["reason"] = "" if previous is not None else reason
        return summary

    def _send(self, writes: list[Write], progress: ProgressFn | None) -> dict[str, Any]:
        summary: dict[str, Any] = {
            "schema_statements": 0,
            "batches": 0,
            "nodes": dict.fromkeys(SCHEMA.labels, 0),
            "relationships": dict.fromkeys(SCHEMA.rel_types, 0),
            "deleted": 0,
            "nodes_created": 0,
            "relationships_created": 0,
            "properties_set": 0,
        }
        try:
            with self._session(read=False) as session:
                for write in writes:
                    counters = session.execute_write(_run_write, write.query, write.parameters)
                    if write.kind == "schema":
                        summary["schema_statements"] += 1
                    elif write.kind == "deletes":
                        summary["batches"] += 1
                        summary["deleted"] += write.size
                    elif write.kind in ("nodes", "relationships"):
                        summary["batches"] += 1
                        key = write.name if write.kind == "nodes" else write.name.split(" ", 1)[0]
                        summary[write.kind][key] += write.size
                    for name in ("nodes_created", "relationships_created", "properties_set"):
                        summary[name] += int(getattr(counters, name, 0) or 0)
                    if progress is not None:
                        progress(write)
        except (Neo4jError, DriverError, OSError) as exc:
            raise self._fail(exc, "loading the graph") from None
        return summary

    # ------------------------------------------------------------ reading
    def query(self, cypher: str, params: dict[str, Any] | None = None, read_only: bool = True) -> QueryResult:
        """Run one Cypher statement with its values as parameters; read-only unless told otherwise."""
        params = dict(params or {})
        if read_only:
            clauses = write_clauses(cypher)
            if clauses:
                raise ReadOnlyQueryError(
                    "refused: the query writes (" + ", ".join(dict.fromkeys(clauses)) + ") and the store is "
                    "opened read-only; run it in write mode (--write) if that is intended"
                )
        try:
            with self._session(read=read_only) as session:
                if read_only:
                    columns, rows = session.execute_read(_run_read_only, cypher, params)
                else:
                    columns, rows = session.execute_write(_run_query, cypher, params)
        except ReadOnlyQueryError:
            raise
        except (Neo4jError, DriverError, OSError) as exc:
            raise self._fail(exc, "running a query") from None
        return QueryResult(columns=columns, rows=rows)

    def counts(self) -> dict[str, dict[str, int]]:
        """Counts per label and relationship type, the shape of :meth:`KnowledgeGraph.counts`."""
        queries = [("nodes", label, stmts.node_count(label)) for label in SCHEMA.labels]
        queries += [("relationships", t, stmts.rel_count(t)) for t in SCHEMA.rel_types]
        try:
            with self._session(read=True) as session:
                values = session.execute_read(_run_counts, [q for _, _, q in queries])
        except (Neo4jError, DriverError, OSError) as exc:
            raise self._fail(exc, "counting") from None
        out: dict[str, dict[str, int]] = {"nodes": {}, "relationships": {}}
        for (kind, name, _), value in zip(queries, values, strict=True):
            out[kind][name] = value
        return out

    def duplicates(self) -> dict[str, int]:
        """Ids held by several nodes, and (source, target) pairs with a repeated relationship type."""
        queries = [stmts.duplicate_nodes(label) for label in SCHEMA.labels]
        queries += [stmts.duplicate_rels(t) for t in SCHEMA.rel_types]
        try:
            with self._session(read=True) as session:
                values = session.execute_read(_run_counts, queries)
        except (Neo4jError, DriverError, OSError) as exc:
            raise self._fail(exc, "checking for duplicates") from None
        return {name: v for name, v in zip(SCHEMA.labels + SCHEMA.rel_types, values, strict=True) if v}


# ---------------------------------------------------------------- transaction functions
# Module-level so the driver can retry them; each is idempotent (MERGE or read-only).


def _run_write(tx: Any, query: str, parameters: dict[str, Any]) -> Any:
    return tx.run(query, parameters).consume().counters


def _run_marker(tx: Any, query: str, parameters: dict[str, Any]) -> str | None:
    rows = list(tx.run(query, parameters))
    return rows[0][0] if rows else None


def _run_query(tx: Any, query: str, parameters: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    result = tx.run(query, parameters)
    columns = list(result.keys())
    rows = [[plain(v) for v in record.values()] for record in result]
    return columns, rows


def _run_read_only(tx: Any, query: str, parameters: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    # The server's planner knows best whether a query writes (procedures included).
    query_type = getattr(tx.run("EXPLAIN " + query, parameters).consume(), "query_type", None)
    if query_type is not None and query_type != "r":
        raise ReadOnlyQueryError(
            f"refused: Neo4j reports the query as type {query_type!r} (it writes) and the store is opened "
            "read-only; run it in write mode (--write) if that is intended"
        )
    return _run_query(tx, query, parameters)


def _run_counts(tx: Any, queries: list[str]) -> list[int]:
    return [int(tx.run(q).single(strict=True)[0]) for q in queries]
