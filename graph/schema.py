"""The schema, read once from ``schema.toml`` and exposed as frozen dataclasses.

Every projection (embedded DDL, Neo4j constraints, RDF mapping, SHACL shapes, map legend,
README table) iterates over :data:`SCHEMA`; none restates a label or a property by hand.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

SCHEMA_FILE = Path(__file__).with_name("schema.toml")

#: Property types understood by every projection.
PROPERTY_TYPES = ("STRING", "INT64", "DOUBLE", "DATE", "BOOL", "STRING[]")


@dataclass(frozen=True)
class Property:
    name: str
    type: str
    description: str
    rdf: str | None = None
    #: The closed set of values the property may take, where the schema declares one.
    values: tuple[str, ...] = ()

    @property
    def is_list(self) -> bool:
        return self.type.endswith("[]")


@dataclass(frozen=True)
class NodeType:
    label: str
    description: str
    label_en: str
    label_vi: str
    rdf_class: str
    color: str
    shape: str
    properties: tuple[Property, ...]

    def prop(self, name: str) -> Property:
        for prop in self.properties:
            if prop.name == name:
                return prop
        raise KeyError(f"{self.label} has no property {name!r}")

    @property
    def property_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.properties)


@dataclass(frozen=True)
class RelType:
    type: str
    description: str
    label_en: str
    label_vi: str
    rdf: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    properties: tuple[Property, ...]
    #: Properties that tell apart relationships of this type between the same two nodes (HOLDS: the term).
    key: tuple[str, ...] = ()

    @property
    def endpoints(self) -> tuple[tuple[str, str], ...]:
        """Every (from label, to label) pair the relationship may connect."""
        return tuple((s, t) for s in self.sources for t in self.targets)

    @property
    def property_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.properties)

    def prop(self, name: str) -> Property:
        for prop in self.properties:
            if prop.name == name:
                return prop
        raise KeyError(f"{self.type} has no property {name!r}")


@dataclass(frozen=True)
class Schema:
    version: str
    prefixes: dict[str, str]
    nodes: tuple[NodeType, ...]
    rels: tuple[RelType, ...]
    #: Properties every node has, and every relationship has (provenance).
    node_common: tuple[Property, ...] = ()
    rel_common: tuple[Property, ...] = ()

    @cached_property
    def node_by_label(self) -> dict[str, NodeType]:
        return {n.label: n for n in self.nodes}

    @cached_property
    def rel_by_type(self) -> dict[str, RelType]:
        return {r.type: r for r in self.rels}

    def node(self, label: str) -> NodeType:
        try:
            return self.node_by_label[label]
        except KeyError:
            raise KeyError(f"unknown node label {label!r}") from None

    def rel(self, rel_type: str) -> RelType:
        try:
            return self.rel_by_type[rel_type]
        except KeyError:
            raise KeyError(f"unknown relationship type {rel_type!r}") from None

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(n.label for n in self.nodes)

    @property
    def rel_types(self) -> tuple[str, ...]:
        return tuple(r.type for r in self.rels)

    def expand(self, curie: str) -> str:
        """Expand a CURIE such as ``org:holds`` to a full IRI."""
        prefix, _, local = curie.partition(":")
        return self.prefixes[prefix] + local


def _properties(table: dict[str, dict[str, Any]]) -> tuple[Property, ...]:
    props = []
    for name, spec in table.items():
        if spec["type"] not in PROPERTY_TYPES:
            raise ValueError(f"schema.toml: property {name!r} has unknown type {spec['type']!r}")
        values = tuple(spec.get("values", ()))
        props.append(Property(name, spec["type"], spec["description"], spec.get("rdf"), values))
    return tuple(props)


def load_schema(path: Path = SCHEMA_FILE) -> Schema:
    raw_bytes = path.read_bytes()
    raw = tomllib.loads(raw_bytes.decode("utf-8"))
    node_common = _properties(raw["node_common"])
    rel_common = _properties(raw["rel_common"])
    nodes = tuple(
        NodeType(
            label=label,
            description=spec["description"],
            label_en=spec["label_en"],
            label_vi=spec["label_vi"],
            rdf_class=spec["rdf_class"],
            color=spec["color"],
            shape=spec["shape"],
            properties=node_common + _properties(spec.get("properties", {})),
        )
        for label, spec in raw["nodes"].items()
    )
    rels = tuple(
        RelType(
            type=rel_type,
            description=spec["description"],
            label_en=spec["label_en"],
            label_vi=spec["label_vi"],
            rdf=spec["rdf"],
            sources=tuple(spec["from"]),
            targets=tuple(spec["to"]),
            properties=rel_common + _properties(spec.get("properties", {})),
            key=tuple(spec.get("key", ())),
        )
        for rel_type, spec in raw["rels"].items()
    )
    labels = {n.label for n in nodes}
    for rel in rels:
        for label in rel.sources + rel.targets:
            if label not in labels:
                raise ValueError(f"schema.toml: {rel.type} names unknown label {label!r}")
    # The version is a digest of the storage-relevant structure (labels, types, property names and
    # types): a store made by another schema is detected without anyone remembering to bump a
    # number, while editing a description or a colour does not invalidate stores.
    structure = [(n.label, [(p.name, p.type) for p in n.properties]) for n in nodes] + [
        (r.type, r.endpoints, [(p.name, p.type) for p in r.properties]) for r in rels
    ]
    version = hashlib.sha256(repr(structure).encode("utf-8")).hexdigest()[:12]
    return Schema(
        version=version,
        prefixes=dict(raw["prefixes"]),
        nodes=nodes,
        rels=rels,
        node_common=node_common,
        rel_common=rel_common,
    )


SCHEMA = load_schema()
