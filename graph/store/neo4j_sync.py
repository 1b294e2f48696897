"""What changed since the last load into a Neo4j database, so that `danvan load` sends only that.

A load leaves two records of what it sent, which must agree before the next load trusts them:

- beside the embedded store, a *manifest*: for every node and relationship sent, a fingerprint of its properties
  (``<store>.neo4j/<target>.json.gz``, one per server and database);
- in the database, a *marker* node ``(:DanvanLoad {id: "danvan"})`` whose ``generation`` is the manifest's digest.

When the marker's generation equals the manifest's, the database holds exactly what the manifest describes, and
the next load sends the nodes and relationships whose fingerprint changed or that are new, and deletes those that
are gone. Otherwise (first load, a database restored or wiped, another store loaded into it, a load that stopped
half-way) the load is a full one. The marker is written last, in its own transaction, and the manifest is saved
only after it: an interrupted load leaves the marker at the old generation or absent, so the next load is full.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MARKER_LABEL = "DanvanLoad"
MARKER_ID = "danvan"
READ_MARKER = f"MATCH (m:{MARKER_LABEL} {{id: $id}}) RETURN m.generation AS generation"
WRITE_MARKER = f"MERGE (m:{MARKER_LABEL} {{id: $id}}) SET m.generation = $generation"


def fingerprint(row: dict[str, Any]) -> str:
    """A short digest of a row's properties (dates and other values as their text)."""
    text = json.dumps(row["props"], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Manifest:
    """Fingerprints of what a database holds: ``"Label id"`` and ``"TYPE source target"`` keys."""

    nodes: dict[str, str] = field(default_factory=dict)
    rels: dict[str, str] = field(default_factory=dict)

    @property
    def generation(self) -> str:
        digest = hashlib.sha256()
        for table in (self.nodes, self.rels):
            for key in sorted(table):
                digest.update(f"{key}\t{table[key]}\n".encode())
        return digest.hexdigest()[:32]


def node_key(label: str, node_id: str) -> str:
    return f"{label} {node_id}"


def rel_key(rel_type: str, source: str, target: str, edge: str = "") -> str:
    """``edge``: the relationship's id, for types whose relationships between two nodes can be several."""
    return f"{rel_type} {source} {target} {edge}".rstrip()


def manifest_path(db: Path, uri: str, database: str | None) -> Path:
    """Where the manifest of loads from store ``db`` into one server and database is kept."""
    target = hashlib.sha256(f"{uri}|{database or ''}".encode()).hexdigest()[:16]
    return db.with_name(db.name + ".neo4j") / f"{target}.json.gz"


def load_manifest(path: Path) -> Manifest | None:
    """The saved manifest, or None when there is none or it cannot be read (then the load is full)."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
        return Manifest(dict(data["nodes"]), dict(data["rels"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_manifest(path: Path, manifest: Manifest) -> None:
    """Written beside and renamed into place, so a crash leaves the old manifest or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with gzip.open(partial, "wt", encoding="utf-8") as handle:
        json.dump({"nodes": manifest.nodes, "rels": manifest.rels}, handle, ensure_ascii=False, sort_keys=True)
    os.replace(partial, path)
