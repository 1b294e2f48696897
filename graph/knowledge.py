"""The in-memory knowledge graph: a networkx MultiDiGraph with schema-checked nodes and edges.

Node attributes: ``label`` (a schema node label) plus that label's properties.
Edge attributes: ``type`` (a schema relationship type) plus its properties; the edge key is a
deterministic edge id, so there is at most one edge per (type, source, target) and values of the
type's key properties (schema ``key``: a holding's term).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import networkx as nx

from danvan.graph.ids import edge_id
from danvan.graph.schema import SCHEMA


def edge_key(rel_type: str, source: str, target: str, props: dict[str, Any]) -> str:
    """The edge key (id) of a relationship: one per type, source, target and values of the type's key
    properties (a holding's term), so one person's holdings of a post in two terms are two edges."""
    qualifiers = [str(props[name]) for name in SCHEMA.rel(rel_type).key if props.get(name)]
    return edge_id(rel_type, source, target, *qualifiers)


class KnowledgeGraph:
    def __init__(self) -> None:
        self.g: nx.MultiDiGraph = nx.MultiDiGraph()

    # ------------------------------------------------------------------ writing
    def add_node(self, node_id: str, label: str, **props: Any) -> None:
        node_type = SCHEMA.node(label)
        unknown = set(props) - set(node_type.property_names)
        if unknown:
            raise KeyError(f"{label} has no properties {sorted(unknown)}")
        if node_id in self.g:
            existing = self.g.nodes[node_id]
            if existing["label"] != label:
                raise ValueError(f"node {node_id} is a {existing['label']}, not a {label}")
            existing.update({k: v for k, v in props.items() if v is not None})
        else:
            self.g.add_node(node_id, label=label, id=node_id, **props)

    def add_edge(self, source: str, target: str, rel_type: str, **props: Any) -> str:
        rel = SCHEMA.rel(rel_type)
        src_label = self.g.nodes[source]["label"]
        dst_label = self.g.nodes[target]["label"]
        if (src_label, dst_label) not in rel.endpoints:
            raise ValueError(f"{rel_type} cannot connect {src_label} to {dst_label}")
        unknown = set(props) - set(rel.property_names)
        if unknown:
            raise KeyError(f"{rel_type} has no properties {sorted(unknown)}")
        key = edge_key(rel_type, source, target, props)
        if self.g.has_edge(source, target, key):
            self.g.edges[source, target, key].update({k: v for k, v in props.items() if v is not None})
        else:
            self.g.add_edge(source, target, key=key, type=rel_type, **props)
        return key

    # ------------------------------------------------------------------ reading
    def nodes(self, label: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        for node_id, attrs in self.g.nodes(data=True):
            if label is None or attrs["label"] == label:
                yield node_id, attrs

    def edges(self, rel_type: str | None = None) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        for source, target, key, attrs in self.g.edges(keys=True, data=True):
            if rel_type is None or attrs["type"] == rel_type:
                yield source, target, key, attrs

    def node(self, node_id: str) -> dict[str, Any]:
        return dict(self.g.nodes[node_id])

    def counts(self) -> dict[str, dict[str, int]]:
        """Counts per node label and per relationship type, every schema entry present."""
        labels = Counter(attrs["label"] for _, attrs in self.g.nodes(data=True))
        types = Counter(attrs["type"] for _, _, attrs in self.g.edges(data=True))
        return {
            "nodes": {label: labels.get(label, 0) for label in SCHEMA.labels},
            "relationships": {t: types.get(t, 0) for t in SCHEMA.rel_types},
        }

    def __len__(self) -> int:
        return int(self.g.number_of_nodes())
