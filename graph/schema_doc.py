"""The README's data-model section, projected from the schema.

``python -m danvan.graph.schema_doc --write README.md`` refreshes the block between the schema markers;
a test fails when the README and the schema disagree.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from danvan.graph.schema import SCHEMA, Schema

START = "<!-- schema:start -->"
END = "<!-- schema:end -->"


def render(schema: Schema = SCHEMA) -> str:
    common_node = {p.name for p in schema.node_common}
    common_rel = {p.name for p in schema.rel_common}
    lines = [
        f"Generated from `graph/schema.toml` (schema version `{schema.version}`).",
        "Every node has " + ", ".join(f"`{p.name}`" for p in schema.node_common) + ";",
        "every relationship carries its provenance: " + ", ".join(f"`{p.name}`" for p in schema.rel_common) + ".",
        "",
        "| node label | Vietnamese | RDF class | own properties | what it is |",
        "| --- | --- | --- | --- | --- |",
    ]
    for node in schema.nodes:
        own = ", ".join(f"`{p.name}`" for p in node.properties if p.name not in common_node) or "–"
        lines.append(f"| `{node.label}` | {node.label_vi} | `{node.rdf_class}` | {own} | {node.description} |")
    lines += [
        "",
        "| relationship | from → to | RDF property | own properties | what it states |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rel in schema.rels:
        ends = f"{'/'.join(rel.sources)} → {'/'.join(rel.targets)}"
        own = ", ".join(f"`{p.name}`" for p in rel.properties if p.name not in common_rel) or "–"
        lines.append(f"| `{rel.type}` | {ends} | `{rel.rdf}` | {own} | {rel.description} |")
    return "\n".join(lines)


def replace_block(readme: str, block: str, start: str = START, end: str = END) -> str:
    """``readme`` with the text between the ``start`` and ``end`` markers replaced by ``block``."""
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if not pattern.search(readme):
        raise ValueError(f"README has no {start} ... {end} block")
    return pattern.sub(lambda _: f"{start}\n{block}\n{end}", readme)


def read_block(readme: str, start: str = START, end: str = END) -> str:
    """The text between the markers, stripped; ValueError when they are missing."""
    if start not in readme or end not in readme.split(start, 1)[1]:
        raise ValueError(f"README has no {start} ... {end} block")
    return readme.split(start, 1)[1].split(end, 1)[0].strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", type=Path, help="README file to update in place")
    args = parser.parse_args()
    if args.write:
        args.write.write_text(replace_block(args.write.read_text(encoding="utf-8"), render()), encoding="utf-8")
    else:
        print(render())


if __name__ == "__main__":
    main()
