"""LadybugDB DDL projected from :data:`graph.schema.SCHEMA` (never written by hand).

One node table per label (key ``id``), one relationship table per type with every (from, to)
pair the schema allows, and a small metadata table that records the schema version the store
was made with, so that a store made by another schema is recognised when it is opened.
"""

from __future__ import annotations

from danvan.graph.schema import SCHEMA, NodeType, Property, RelType, Schema

#: Node table holding ``key -> value`` facts about the store itself (schema version, ...).
META_TABLE = "DanvanMeta"


def column_type(prop: Property) -> str:
    # schema.toml already uses LadybugDB's type names; kept as a function so a rename stays local.
    return prop.type


def _columns(props: tuple[Property, ...], skip: tuple[str, ...] = ()) -> list[str]:
    return [f"`{p.name}` {column_type(p)}" for p in props if p.name not in skip]


def node_table_ddl(node: NodeType) -> str:
    columns = ["`id` STRING PRIMARY KEY", *_columns(node.properties, skip=("id",))]
    return f"CREATE NODE TABLE IF NOT EXISTS {node.label}({', '.join(columns)})"


def rel_table_ddl(rel: RelType) -> str:
    pairs = [f"FROM {src} TO {dst}" for src, dst in rel.endpoints]
    return f"CREATE REL TABLE IF NOT EXISTS {rel.type}({', '.join(pairs + _columns(rel.properties))})"


def meta_table_ddl() -> str:
    return f"CREATE NODE TABLE IF NOT EXISTS {META_TABLE}(`key` STRING PRIMARY KEY, `value` STRING)"


def ddl_statements(schema: Schema = SCHEMA) -> list[str]:
    """Every statement that creates an empty danvan store, node tables before relationship tables."""
    return [
        meta_table_ddl(),
        *(node_table_ddl(n) for n in schema.nodes),
        *(rel_table_ddl(r) for r in schema.rels),
    ]
