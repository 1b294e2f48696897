"""The RDF mapping, projected from ``graph/schema.toml``: classes, predicates, fact nodes, SKOS schemes.

Structure (labels, relationship types, property names and types) comes from
:data:`graph.schema.SCHEMA`; the RDF-only keys (``rdf_lang``, ``rdf_ref``, ``rdf_link``, ``rdf_scheme``,
``rdf_on``, ``rdf_skip``, ``rdf_inverse``, ``rdf_qualified``, ``rdf_interval``, ..., ``[rdf_schemes]``,
``[rdf_dataset]``, ``[rdf_vocabulary]``) are read from the same file (its comments say what each does).
The project vocabulary's namespace (``dv:``) can be replaced: :func:`mapping_for` gives the mapping
for another vocabulary base, so ``--vocab-base`` changes every vocabulary IRI. Nothing here names a
label, a property or a vocabulary term: a property added to the schema is exported without touching
this package (as ``dv:<camelCase>`` unless it says ``rdf = ...``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, cached_property
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
    lang: str | None = None  # language tag of text values (given only where the text is in that language)
    ref: str | None = None  # values are ids of nodes with this label
    link: str | None = None  # values are names of nodes with this label
    link_fallback: str | None = None  # predicate of the text when no node has the name
    scheme: str | None = None  # values name concepts of this SKOS scheme
    iri_value: bool = False  # the value is an IRI (kept only when it is a valid absolute http(s) one)
    node: tuple[str, str] | None = None  # (class IRI, IRI segment): the value names a node of its own
    admin_code: bool = False  # an official administrative code: also dv:adminUnit <base>admin-unit/<code>
    dated: bool = False  # a day, a month or a year: xsd:date, xsd:gYearMonth or xsd:gYear
    #: "subject" (the node or the fact), or a part of the evidence ("quote", "position", "source",
    #: "spans"), or "interval" (the tenure of a holding)
    on: str = "subject"
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
    names: tuple[str, ...] = ()  # predicates that repeat the name (schema:name for schema.org classes)


@dataclass(frozen=True)
class QualifiedMap:
    """The n-ary node of each fact of a relationship (org:Membership, schema:Role, ...)."""

    cls: str
    segment: str
    subject: str | None = None  # predicate to the relationship's source node
    object: str | None = None  # predicate to its target node
    wrap: bool = False  # schema.org's Role pattern: the node sits between the two ends on the same predicate
    subject_inverse: str | None = None  # predicate from the source node to the qualified node


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
    fact: bool = True  # a statement node in the full profile
    qualified: QualifiedMap | None = None
    # (predicate, relationship type or property of the target) copied from the target node
    qualified_from_target: tuple[tuple[str, str], ...] = ()
    interval: tuple[str, str, str] | None = None  # (predicate, property of the start, property of the end)
    direct_when: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # (statuses, properties that end it)
    also_inverse: str | None = None  # the inverse predicate, materialised
    member_shortcut: tuple[str, str, str] | None = None  # (relationship to the organisation, memberOf, hasMember)

    @property
    def own_properties(self) -> tuple[PropertyMap, ...]:
        return tuple(p for p in self.properties if p.on == "subject")


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
    license: str  # an absolute IRI, or relative to the dataset's base


@dataclass(frozen=True)
class VocabTerm:
    """A project term no schema property defines (from ``[rdf_vocabulary]``)."""

    iri: str
    label: str
    comment: str
    domain: str | None = None
    range: str | None = None
    subclass: str | None = None  # for a class: its superclass

    @property
    def is_class(self) -> bool:
        return self.iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1][:1].isupper()


@dataclass(frozen=True)
class RdfMapping:
    prefixes: dict[str, str]
    classes: dict[str, ClassMap]
    relations: dict[str, RelationMap]
    schemes: dict[str, SchemeMap]
    dataset: DatasetInfo
    vocabulary: dict[str, VocabTerm] = field(default_factory=dict)

    @property
    def vocab(self) -> str:
        """The project vocabulary's namespace."""
        return self.prefixes[VOCAB_PREFIX]

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
    def property_uses(self) -> dict[str, list[tuple[str, PropertyMap]]]:
        """Project-vocabulary predicates -> (owner label or relationship type, property) using them."""
        ns = self.vocab
        uses: dict[str, list[tuple[str, PropertyMap]]] = {}
        owners = [(c.label, c.properties) for c in self.classes.values()]
        owners += [(r.type, r.properties) for r in self.relations.values()]
        for owner, props in owners:
            for prop in props:
                if prop.predicate.startswith(ns) and prop.on == "subject":
                    uses.setdefault(prop.predicate, []).append((owner, prop))
        return uses

    @cached_property
    def vocab_terms(self) -> dict[str, str]:
        """Project-vocabulary predicates -> a comment from the descriptions of the properties using them."""
        comments: dict[str, str] = {}
        for predicate, uses in self.property_uses.items():
            by_description: dict[str, list[str]] = {}
            for owner, prop in uses:
                by_description.setdefault(prop.description, []).append(owner)
            if len(by_description) == 1:
                comments[predicate] = next(iter(by_description))
            else:
                comments[predicate] = " | ".join(f"{', '.join(o)}: {d}" for d, o in by_description.items())
        return comments


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


_ON = ("subject", "quote", "position", "source", "spans", "interval")


def _property_map(prop: Property, spec: dict[str, Any], expand: Any) -> PropertyMap | None:
    if spec.get("rdf_skip"):
        return None
    curie = prop.rdf or f"{VOCAB_PREFIX}:{_camel(prop.name)}"
    on = spec.get("rdf_on", "subject")
    if on not in _ON:
        raise ValueError(f"schema.toml: {prop.name}: rdf_on must be one of {', '.join(_ON)}, not {on!r}")
    node = spec.get("rdf_node")
    link = spec.get("rdf_link")
    return PropertyMap(
        name=prop.name,
        type=prop.type,
        description=prop.description,
        predicate=expand(curie),
        lang=spec.get("rdf_lang"),
        ref=spec.get("rdf_ref"),
        link=link,
        link_fallback=expand(f"{VOCAB_PREFIX}:{_camel(prop.name)}Name") if link else None,
        scheme=spec.get("rdf_scheme"),
        iri_value=bool(spec.get("rdf_iri", False)),
        node=(expand(node["class"]), node["segment"]) if node else None,
        admin_code=bool(spec.get("rdf_admin_code", False)),
        dated=bool(spec.get("rdf_dated", False)),
        on=on,
        values=prop.values,
    )


def _property_specs(raw: dict[str, Any], common: str, own: dict[str, Any]) -> dict[str, Any]:
    return {**raw.get(common, {}), **own.get("properties", {})}


def build_mapping(schema: Schema = SCHEMA, path: Path = SCHEMA_FILE, vocab: str | None = None) -> RdfMapping:
    """The mapping; ``vocab`` replaces the project vocabulary's namespace declared in the schema."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    prefixes = dict(schema.prefixes)
    for needed in ("rdf", "rdfs", "xsd", VOCAB_PREFIX):
        if needed not in prefixes:
            raise ValueError(f"schema.toml: [prefixes] must declare {needed!r} for the RDF export")
    if vocab is not None:
        prefixes[VOCAB_PREFIX] = vocab

    def expand(curie: str) -> str:
        prefix, sep, local = curie.partition(":")
        if not sep or prefix not in prefixes:
            raise ValueError(f"schema.toml: {curie!r} is not a CURIE with a declared prefix")
        return prefixes[prefix] + local

    def opt(value: str | None) -> str | None:
        return expand(value) if value else None

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
            for label in (pmap.ref, pmap.link):
                if label is not None and label not in schema.labels:
                    raise ValueError(f"schema.toml: {prop.name} names unknown label {label!r}")
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
            names=tuple(expand(c) for c in raw["nodes"][node.label].get("rdf_names", ())),
        )
        for node in schema.nodes
    }
    relations = {}
    for rel in schema.rels:
        spec = raw["rels"][rel.type]
        q = spec.get("rdf_qualified")
        qualified = None
        if q is not None:
            qualified = QualifiedMap(
                cls=expand(q["class"]),
                segment=q["segment"],
                subject=opt(q.get("subject")),
                object=opt(q.get("object")),
                wrap=bool(q.get("wrap", False)),
                subject_inverse=opt(q.get("subject_inverse")),
            )
            if not qualified.wrap and (qualified.subject is None or qualified.object is None):
                raise ValueError(f"schema.toml: {rel.type}: rdf_qualified needs subject and object (or wrap)")
        interval = spec.get("rdf_interval")
        direct_when = spec.get("rdf_direct_when")
        shortcut = spec.get("rdf_member_shortcut")
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
            fact=bool(spec.get("rdf_fact", True)),
            qualified=qualified,
            qualified_from_target=tuple(
                (expand(pred), source) for pred, source in sorted(spec.get("rdf_qualified_from_target", {}).items())
            ),
            interval=(expand(interval["predicate"]), interval["begin"], interval["end"]) if interval else None,
            direct_when=(
                (tuple(direct_when["status"]), tuple(_as_list(direct_when["unless"]))) if direct_when else None
            ),
            also_inverse=opt(spec.get("rdf_also_inverse")),
            member_shortcut=(
                (shortcut["via"], expand(shortcut["member_of"]), expand(shortcut["has_member"])) if shortcut else None
            ),
        )
    ds = raw.get("rdf_dataset", {})
    dataset = DatasetInfo(
        title_vi=ds.get("title_vi", "danvan"),
        title_en=ds.get("title_en", "danvan"),
        description_en=ds.get("description_en", ""),
        license=ds.get("license", "licence"),
    )
    vocabulary = {
        expand(curie): VocabTerm(
            iri=expand(curie),
            label=spec["label"],
            comment=spec["comment"],
            domain=opt(spec.get("domain")),
            range=opt(spec.get("range")),
            subclass=opt(spec.get("subclass")),
        )
        for curie, spec in raw.get("rdf_vocabulary", {}).items()
    }
    return RdfMapping(
        prefixes=prefixes,
        classes=classes,
        relations=relations,
        schemes=schemes,
        dataset=dataset,
        vocabulary=vocabulary,
    )


MAPPING = build_mapping()
DEFAULT_VOCAB = MAPPING.vocab


@cache
def mapping_for(vocab: str | None) -> RdfMapping:
    """The mapping with the project vocabulary at ``vocab`` (the schema's own when None)."""
    if vocab is None or vocab == DEFAULT_VOCAB:
        return MAPPING
    return build_mapping(vocab=vocab)
