"""The RDF mapping, projected from ``graph/schema.toml``: classes, predicates, fact nodes, SKOS schemes.

Structure (labels, relationship types, property names and types) comes from
:data:`graph.schema.SCHEMA`; the RDF-only keys (``rdf_lang``, ``rdf_ref``, ``rdf_scheme``,
``rdf_on``, ``rdf_skip``, ``rdf_inverse``, ``rdf_fact_*``, ``[rdf_schemes]``, ``[rdf_dataset]``)
are read from the same file. Nothing here names a label, a property or a vocabulary term: a
property added to the schema is exported without touching this package (as ``dv:<camelCase>``
unless it says ``rdf = ...``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from danvan.graph.rdf.iris import segment
from danvan.graph.schema import SCHEMA, SCHEMA_FILE, Property, Schema

VOCAB_PREFIX = "dv"  # the project's own vocabulary, declared in [prefixes]
VOCAB_TERM = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class PropertyMap:
    """How one schema property becomes triples."""

    name: str
    type: str
    description: str
    predicate: str  # full IRI
    lang: str | None = None  # language tag of text values
    ref: str | None = None  # values are ids of nodes with this label
    scheme: str | None = None  # values name concepts of this SKOS scheme
    on: str = "subject"  # "subject" or "evidence" (the evidence node of a fact)
    #: The closed set of values the schema declares (e.g. HOLDS status), checked by the SHACL shapes.
    values: tuple[str, ...] = ()

    @property
    def is_list(self) -> bool:
        return self.type.endswith("[]")


@dataclass(frozen=True)
class ClassMap:
    label: str
    iri: str
    segment: str
    label_vi: str
    label_en: str
    description: str
    properties: tuple[PropertyMap, ...]


@dataclass(frozen=True)
class RelationMap:
    type: str
    predicate: str
    inverse: bool  # the predicate points from the relationship's target to its source
    sources: tuple[str, ...]  # node labels at the start of the relationship
    targets: tuple[str, ...]
    label_vi: str
    label_en: str
    description: str
    properties: tuple[PropertyMap, ...]
    fact_class: str | None = None
    fact_subject: str | None = None  # links the fact node to the relationship's source node
    fact_during: str | None = None  # links the fact node to a time:Interval first_seen..last_seen
    # (predicate, relationship type or property of the target) copied from the target node
    fact_from_target: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class SchemeMap:
    key: str
    segment: str
    classes: tuple[str, ...]
    label_vi: str
    label_en: str
    labels_en: dict[str, str] = field(default_factory=dict)  # value (Vietnamese) -> English label
    concepts: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (vi, en)

    @property
    def coded(self) -> bool:
        """Values are codes (skos:notation) labelled by ``concepts``, not labels themselves."""
        return bool(self.concepts)


@dataclass(frozen=True)
class DatasetInfo:
    title_vi: str
    title_en: str
    description_en: str
    license: str


@dataclass(frozen=True)
class RdfMapping:
    prefixes: dict[str, str]
    classes: dict[str, ClassMap]
    relations: dict[str, RelationMap]
    schemes: dict[str, SchemeMap]
    dataset: DatasetInfo

    def expand(self, curie: str) -> str:
        prefix, sep, local = curie.partition(":")
        if not sep or prefix not in self.prefixes:
            raise ValueError(f"schema.toml: {curie!r} is not a CURIE with a declared prefix")
        return self.prefixes[prefix] + local

    @cached_property
    def _by_namespace(self) -> list[tuple[str, str]]:
        # longest namespace first, so a namespace nested in another wins
        return sorted(((ns, p) for p, ns in self.prefixes.items()), key=lambda x: (-len(x[0]), x[1]))

    def curie(self, iri: str) -> str | None:
        """``prefix:local`` for an IRI in a declared namespace with a simple local name, else None."""
        for ns, prefix in self._by_namespace:
            if iri.startswith(ns):
                local = iri[len(ns) :]
                return f"{prefix}:{local}" if VOCAB_TERM.match(local) else None
        return None

    @cached_property
    def vocab_terms(self) -> dict[str, str]:
        """Project-vocabulary predicates -> a comment from the descriptions of the properties using them."""
        ns = self.prefixes[VOCAB_PREFIX]
        uses: dict[str, dict[str, list[str]]] = {}
        owners = [(c.label, c.properties) for c in self.classes.values()]
        owners += [(r.type, r.properties) for r in self.relations.values()]
        for owner, props in owners:
            for prop in props:
                if prop.predicate.startswith(ns):
                    uses.setdefault(prop.predicate, {}).setdefault(prop.description, []).append(owner)
        comments: dict[str, str] = {}
        for predicate, by_description in uses.items():
            if len(by_description) == 1:
                comments[predicate] = next(iter(by_description))
            else:
                comments[predicate] = " | ".join(f"{', '.join(o)}: {d}" for d, o in by_description.items())
        return comments


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _property_map(prop: Property, spec: dict[str, Any], expand: Any) -> PropertyMap | None:
    if spec.get("rdf_skip"):
        return None
    curie = prop.rdf or f"{VOCAB_PREFIX}:{_camel(prop.name)}"
    on = spec.get("rdf_on", "subject")
    if on not in ("subject", "evidence"):
        raise ValueError(f"schema.toml: {prop.name}: rdf_on must be 'subject' or 'evidence', not {on!r}")
    return PropertyMap(
        name=prop.name,
        type=prop.type,
        description=prop.description,
        predicate=expand(curie),
        lang=spec.get("rdf_lang"),
        ref=spec.get("rdf_ref"),
        scheme=spec.get("rdf_scheme"),
        on=on,
        values=prop.values,
    )


def _property_specs(raw: dict[str, Any], common: str, own: dict[str, Any]) -> dict[str, Any]:
    return {**raw.get(common, {}), **own.get("properties", {})}


def build_mapping(schema: Schema = SCHEMA, path: Path = SCHEMA_FILE) -> RdfMapping:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    prefixes = dict(schema.prefixes)
    for needed in ("rdf", "rdfs", "xsd", VOCAB_PREFIX):
        if needed not in prefixes:
            raise ValueError(f"schema.toml: [prefixes] must declare {needed!r} for the RDF export")

    def expand(curie: str) -> str:
        prefix, sep, local = curie.partition(":")
        if not sep or prefix not in prefixes:
            raise ValueError(f"schema.toml: {curie!r} is not a CURIE with a declared prefix")
        return prefixes[prefix] + local

    schemes: dict[str, SchemeMap] = {}
    for key, spec in raw.get("rdf_schemes", {}).items():
        schemes[key] = SchemeMap(
            key=key,
            segment=spec["segment"],
            classes=tuple(expand(c) for c in spec["classes"]),
            label_vi=spec["label_vi"],
            label_en=spec["label_en"],
            labels_en=dict(spec.get("labels_en", {})),
            concepts={code: (c["vi"], c["en"]) for code, c in spec.get("concepts", {}).items()},
        )

    def props(owner: Any, specs: dict[str, Any]) -> tuple[PropertyMap, ...]:
        out = []
        for prop in owner.properties:
            pmap = _property_map(prop, specs.get(prop.name, {}), expand)
            if pmap is None:
                continue
            if pmap.scheme is not None and pmap.scheme not in schemes:
                raise ValueError(f"schema.toml: {prop.name} names unknown rdf_scheme {pmap.scheme!r}")
            if pmap.ref is not None and pmap.ref not in schema.labels:
                raise ValueError(f"schema.toml: {prop.name} names unknown rdf_ref label {pmap.ref!r}")
            out.append(pmap)
        return tuple(out)

    classes = {
        node.label: ClassMap(
            label=node.label,
            iri=expand(node.rdf_class),
            segment=segment(node.label),
            label_vi=node.label_vi,
            label_en=node.label_en,
            description=node.description,
            properties=props(node, _property_specs(raw, "node_common", raw["nodes"][node.label])),
        )
        for node in schema.nodes
    }
    relations = {}
    for rel in schema.rels:
        spec = raw["rels"][rel.type]
        relations[rel.type] = RelationMap(
            type=rel.type,
            predicate=expand(rel.rdf),
            inverse=bool(spec.get("rdf_inverse", False)),
            sources=rel.sources,
            targets=rel.targets,
            label_vi=rel.label_vi,
            label_en=rel.label_en,
            description=rel.description,
            properties=props(rel, _property_specs(raw, "rel_common", spec)),
            fact_class=expand(spec["rdf_fact_class"]) if "rdf_fact_class" in spec else None,
            fact_subject=expand(spec["rdf_fact_subject"]) if "rdf_fact_subject" in spec else None,
            fact_during=expand(spec["rdf_fact_during"]) if "rdf_fact_during" in spec else None,
            fact_from_target=tuple(
                (expand(pred), source) for pred, source in sorted(spec.get("rdf_fact_from_target", {}).items())
            ),
        )
    ds = raw.get("rdf_dataset", {})
    dataset = DatasetInfo(
        title_vi=ds.get("title_vi", "danvan"),
        title_en=ds.get("title_en", "danvan"),
        description_en=ds.get("description_en", ""),
        license=ds.get("license", prefixes[VOCAB_PREFIX] + "licence-placeholder"),
    )
    return RdfMapping(prefixes=prefixes, classes=classes, relations=relations, schemes=schemes, dataset=dataset)


MAPPING = build_mapping()
