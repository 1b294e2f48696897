"""Every Cypher text the Neo4j loader sends, generated from :data:`graph.schema.SCHEMA`.

Labels, relationship types and property names come from the schema (never from data) and are
checked to be plain identifiers before they are spliced into the text; every value travels as a
parameter. All writes are idempotent: constraints and indexes use ``IF NOT EXISTS``, nodes are
``MERGE``\\d on their ``id`` (backed by the uniqueness constraint), relationships are ``MERGE``\\d
between labelled endpoints, so loading the same graph twice leaves the database unchanged.

The tests run every text returned by :func:`all_statements` through Neo4j's own parser and
linter (``tests/cypher_lint``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from danvan.graph.schema import SCHEMA, Property

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

#: Seconds the loader waits for new indexes to come online before writing data.
AWAIT_INDEXES_SECONDS = 300


def ident(name: str) -> str:
    """A schema name fit to splice into Cypher; anything else is a programming error."""
    if not _IDENT.match(name):
        raise ValueError(f"not a plain Cypher identifier: {name!r}")
    return name


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


# ---------------------------------------------------------------- schema: constraints and indexes


def constraint_name(label: str) -> str:
    return f"danvan_{_snake(label)}_id"


def constraint_statements() -> list[str]:
    """One uniqueness constraint on ``id`` per label: it also backs the ``MERGE`` lookups."""
    return [
        f"CREATE CONSTRAINT {constraint_name(n.label)} IF NOT EXISTS FOR (n:{ident(n.label)}) REQUIRE n.id IS UNIQUE"
        for n in SCHEMA.nodes
    ]


def indexed_properties(label: str) -> list[str]:
    """Properties the canned queries look nodes up by: the name, and the label's own dates.

    ``first_seen``/``last_seen`` are common to every label and rarely filtered on alone, so only a
    label's own DATE properties (an event's date, an article's publication date) are indexed.
    """
    node = SCHEMA.node(label)
    common = {p.name for p in SCHEMA.node_common}
    return ["name"] + [p.name for p in node.properties if p.type == "DATE" and p.name not in common]


def index_name(label: str, prop: str) -> str:
    return f"danvan_{_snake(label)}_{prop}"


def index_statements() -> list[str]:
    return [
        f"CREATE INDEX {index_name(n.label, prop)} IF NOT EXISTS FOR (n:{ident(n.label)}) ON (n.{ident(prop)})"
        for n in SCHEMA.nodes
        for prop in indexed_properties(n.label)
    ]


#: New indexes populate in the background; wait for them before the ``MERGE`` batches rely on them.
AWAIT_INDEXES = "CALL db.awaitIndexes($timeout)"


def schema_statements() -> list[str]:
    return constraint_statements() + index_statements()


# ---------------------------------------------------------------- data: upserts


def node_upsert(label: str) -> str:
    """Upsert a batch of ``{id, props}`` rows; ``+=`` keeps properties it is not given."""
    return f"UNWIND $rows AS row MERGE (n:{ident(label)} {{id: row.id}}) SET n += row.props"


def rel_upsert(rel_type: str, source_label: str, target_label: str) -> str:
    """Upsert a batch of ``{source, target, props}`` rows between two labelled endpoints.

    Labelled ``MATCH`` on both ends uses the id constraints; a row whose endpoint is missing
    writes nothing (nodes are always loaded first). ``MERGE`` on the pattern keeps one
    relationship per (type, source, target), the same identity as the in-memory graph's edge key.
    """
    if (source_label, target_label) not in SCHEMA.rel(rel_type).endpoints:
        raise ValueError(f"{rel_type} cannot connect {source_label} to {target_label}")
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{ident(source_label)} {{id: row.source}}) "
        f"MATCH (b:{ident(target_label)} {{id: row.target}}) "
        f"MERGE (a)-[r:{ident(rel_type)}{_edge_match(rel_type)}]->(b) "
        "SET r += row.props"
    )


def _edge_match(rel_type: str) -> str:
    """For a type with key properties (a holding's term), the pattern also matches the relationship's ``edge`` id,
    so that one person's holdings of one post in two terms stay two relationships, as in the graph."""
    return " {edge: row.edge}" if SCHEMA.rel(rel_type).key else ""


def node_delete(label: str) -> str:
    """Delete a batch of nodes by id, with their relationships (what an incremental load found gone)."""
    return f"UNWIND $ids AS id MATCH (n:{ident(label)} {{id: id}}) DETACH DELETE n"


def rel_delete(rel_type: str, source_label: str, target_label: str) -> str:
    """Delete a batch of ``{source, target}`` relationships of one type (gone since the last load)."""
    if (source_label, target_label) not in SCHEMA.rel(rel_type).endpoints:
        raise ValueError(f"{rel_type} cannot connect {source_label} to {target_label}")
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{ident(source_label)} {{id: row.source}})-[r:{ident(rel_type)}{_edge_match(rel_type)}]->"
        f"(b:{ident(target_label)} {{id: row.target}}) "
        "DELETE r"
    )


# ---------------------------------------------------------------- reading back: counts and checks


def node_count(label: str) -> str:
    return f"MATCH (n:{ident(label)}) RETURN count(n) AS count"


def rel_count(rel_type: str) -> str:
    return f"MATCH ()-[r:{ident(rel_type)}]->() RETURN count(r) AS count"


def duplicate_nodes(label: str) -> str:
    """How many ids are carried by more than one node of the label (0 after a correct load)."""
    return (
        f"MATCH (n:{ident(label)}) WITH n.id AS id, count(*) AS copies WHERE copies > 1 RETURN count(id) AS duplicated"
    )


def duplicate_rels(rel_type: str) -> str:
    """How many (source, target) pairs carry the type more than once (0 after a correct load)."""
    return (
        f"MATCH (a)-[r:{ident(rel_type)}]->(b) WITH a, b, count(r) AS copies "
        "WHERE copies > 1 RETURN count(*) AS duplicated"
    )


def all_statements() -> list[str]:
    """Every Cypher text the loader and its checks can send, for the linter tests."""
    texts = [*schema_statements(), AWAIT_INDEXES]
    texts += [node_upsert(n.label) for n in SCHEMA.nodes]
    texts += [rel_upsert(r.type, s, t) for r in SCHEMA.rels for s, t in r.endpoints]
    texts += [node_count(label) for label in SCHEMA.labels]
    texts += [rel_count(t) for t in SCHEMA.rel_types]
    texts += [duplicate_nodes(label) for label in SCHEMA.labels]
    texts += [duplicate_rels(t) for t in SCHEMA.rel_types]
    texts += [node_delete(label) for label in SCHEMA.labels]
    texts += [rel_delete(r.type, s, t) for r in SCHEMA.rels for s, t in r.endpoints]
    from danvan.graph.store.neo4j_sync import READ_MARKER, WRITE_MARKER  # the sync module builds on this one

    texts += [READ_MARKER, WRITE_MARKER]
    return texts


# ---------------------------------------------------------------- parameter values


def property_value(prop: Property, value: Any) -> Any:
    """A property value as Neo4j stores it for the schema type, or ``None`` to leave it unset.

    Empty lists are left unset, as in the CSV import (which cannot tell an empty array from a
    missing one), so both loading paths give the same database.
    """
    if value is None:
        return None
    kind = prop.type
    if kind == "STRING[]":
        items = [str(v) for v in (value if isinstance(value, list | tuple | set | frozenset) else [value])]
        if isinstance(value, set | frozenset):
            items.sort()  # sets have no stable order; sorted keeps loads deterministic
        return items or None
    if kind == "DATE":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return dt.date.fromisoformat(str(value))
    if kind == "INT64":
        return int(value)
    if kind == "DOUBLE":
        return float(value)
    if kind == "BOOL":
        return bool(value)
    return str(value)
