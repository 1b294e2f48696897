"""The bulk path into Neo4j: CSV files for ``neo4j-admin database import full``, and the command.

``neo4j-admin`` builds a new database from CSV far faster than transactions can; it suits a first
load of a large graph into an empty (or replaced) database. One file per node label and one per
(relationship type, source label, target label), each with its header row:

- nodes: ``id:ID(Person),name:string,first_seen:date,...,aliases:string[],:LABEL`` (one ID space per
  label, as ``MERGE`` on ``(n:Label {id})`` does; the ``id`` column is also stored as the property);
- relationships: ``:START_ID(Person),:END_ID(Post),sources:string[],...,status:string,:TYPE``.

Every schema label and relationship endpoint pair gets a file, empty ones header-only, so the set of
files and the command never depend on the data. Values: strings quoted (``""`` escapes a quote),
dates ISO, arrays joined by the array delimiter (``;``, or U+001F if an item contains ``;``); a
missing value is an empty field, and empty arrays are left out as in the Bolt loader.
"""

from __future__ import annotations

import datetime as dt
import shlex
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.schema import SCHEMA, Property
from danvan.graph.store.neo4j_statements import property_value

#: neo4j-admin column types for the schema's property types.
CSV_TYPES = {
    "STRING": "string",
    "INT64": "long",
    "DOUBLE": "double",
    "DATE": "date",
    "BOOL": "boolean",
    "STRING[]": "string[]",
}
ARRAY_DELIMITER = ";"
FALLBACK_ARRAY_DELIMITER = "\x1f"  # unit separator: never in article text


def node_file_name(label: str) -> str:
    return f"nodes_{label}.csv"


def rel_file_name(rel_type: str, source_label: str, target_label: str) -> str:
    return f"relationships_{rel_type}_{source_label}_{target_label}.csv"


def node_header(label: str) -> list[str]:
    props = [p for p in SCHEMA.node(label).properties if p.name != "id"]
    return [f"id:ID({label})", *(f"{p.name}:{CSV_TYPES[p.type]}" for p in props), ":LABEL"]


def rel_header(rel_type: str, source_label: str, target_label: str) -> list[str]:
    rel = SCHEMA.rel(rel_type)
    # A type with key properties also carries its relationships' ids ("edge"), as `danvan load` writes them, so
    # that later incremental loads find the imported relationships.
    edge = ["edge:string"] if rel.key else []
    return [
        f":START_ID({source_label})",
        f":END_ID({target_label})",
        *(f"{p.name}:{CSV_TYPES[p.type]}" for p in rel.properties),
        *edge,
        ":TYPE",
    ]


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _field(prop: Property, raw: Any, array_delimiter: str) -> str:
    value = property_value(prop, raw)
    if value is None:
        return ""
    if isinstance(value, list):
        return _quote(array_delimiter.join(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return repr(value)
    return _quote(str(value))


def _line(fields: Iterable[str]) -> str:
    return ",".join(fields) + "\n"


def _array_items(kg: KnowledgeGraph) -> Iterable[str]:
    for _, attrs in kg.nodes():
        for prop in SCHEMA.node(attrs["label"]).properties:
            if prop.is_list:
                yield from property_value(prop, attrs.get(prop.name)) or []
    for _, _, _, attrs in kg.edges():
        for prop in SCHEMA.rel(attrs["type"]).properties:
            if prop.is_list:
                yield from property_value(prop, attrs.get(prop.name)) or []


def _option_char(char: str) -> str:
    return char if char.isprintable() else f"U+{ord(char):04X}"


def import_command(
    node_files: Sequence[Path], rel_files: Sequence[Path], array_delimiter: str, multiline: bool, database: str
) -> str:
    parts = ["neo4j-admin", "database", "import", "full"]
    parts += [f"--nodes={path}" for path in node_files]
    parts += [f"--relationships={path}" for path in rel_files]
    parts += [f"--array-delimiter={_option_char(array_delimiter)}", f"--multiline-fields={str(multiline).lower()}"]
    parts.append(database)
    return " ".join(shlex.quote(part) for part in parts)


def write_import_files(kg: KnowledgeGraph, out_dir: Path, database: str = "neo4j") -> str:
    """Write the CSV files into ``out_dir`` and return the ``neo4j-admin`` command that imports them.

    The command (also written to ``out_dir/import.sh``) names the files by absolute path and
    builds ``database``; ``import full`` refuses an existing database unless
    ``--overwrite-destination`` is added, which replaces it.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    delimiter = ARRAY_DELIMITER
    if any(ARRAY_DELIMITER in item for item in _array_items(kg)):
        delimiter = FALLBACK_ARRAY_DELIMITER
    multiline = False

    node_files: list[Path] = []
    for node_type in SCHEMA.nodes:
        props = [p for p in node_type.properties if p.name != "id"]
        lines = [_line(node_header(node_type.label))]
        for node_id, attrs in sorted(kg.nodes(node_type.label), key=lambda item: item[0]):
            fields = [_quote(node_id), *(_field(p, attrs.get(p.name), delimiter) for p in props), node_type.label]
            lines.append(_line(fields))
        text = "".join(lines)
        multiline = multiline or _has_newline_in_values(lines)
        path = out_dir / node_file_name(node_type.label)
        path.write_text(text, encoding="utf-8", newline="")
        node_files.append(path.resolve())

    rel_files: list[Path] = []
    for rel in SCHEMA.rels:
        by_pair: dict[tuple[str, str], list[tuple[str, str, str, dict[str, Any]]]] = {p: [] for p in rel.endpoints}
        for source, target, key, attrs in kg.edges(rel.type):
            pair = (kg.g.nodes[source]["label"], kg.g.nodes[target]["label"])
            by_pair[pair].append((source, target, key, attrs))
        for (source_label, target_label), edges in by_pair.items():
            lines = [_line(rel_header(rel.type, source_label, target_label))]
            for source, target, key, attrs in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
                fields = [
                    _quote(source),
                    _quote(target),
                    *(_field(p, attrs.get(p.name), delimiter) for p in rel.properties),
                    *([_quote(key)] if rel.key else []),
                    rel.type,
                ]
                lines.append(_line(fields))
            multiline = multiline or _has_newline_in_values(lines)
            path = out_dir / rel_file_name(rel.type, source_label, target_label)
            path.write_text("".join(lines), encoding="utf-8", newline="")
            rel_files.append(path.resolve())

    command = import_command(node_files, rel_files, delimiter, multiline, database)
    script = out_dir / "import.sh"
    script.write_text(
        f"#!/bin/sh\n# Build the Neo4j database from these files (Neo4j must be stopped).\nset -e\n{command}\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return command


def _has_newline_in_values(lines: list[str]) -> bool:
    # Each line ends with exactly one newline; any other one is inside a quoted value.
    return any("\n" in line[:-1] or "\r" in line for line in lines)
