"""The knowledge graph as blocks of triples, one block per subject, in a canonical order.

A *block* is ``(subject IRI, [(predicate IRI, object in N-Triples form), ...])`` with its pairs
sorted (``rdf:type`` first) and free of duplicates; blocks come sorted by subject IRI. Every writer
consumes blocks, so all formats hold the same triples and the same input gives the same bytes,
whatever order the graph's nodes and edges were inserted in. No blank nodes: every fact, evidence
node and interval has an IRI derived from the relationship's deterministic key.

What each relationship becomes (see the RDF keys in ``graph/schema.toml``):

- the direct triple ``S p O`` (``O p S`` for ``rdf_inverse`` types), in the subject node's block;
- a fact node ``<base>fact/<type>-<hash>``: an ``rdf:Statement`` of that triple (plus ``rdf_fact_class``,
  e.g. ``org:Membership`` for HOLDS), ``prov:wasDerivedFrom`` every supporting article, the dates and
  the relationship's own properties, and ``prov:qualifiedDerivation`` an evidence node
  (``prov:Derivation``: the article, the sentence, its character offsets).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from danvan.graph.ids import slugify
from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.rdf import terms
from danvan.graph.rdf.iris import concept_iri, fact_iri, local_name, node_iri, normalize_base
from danvan.graph.rdf.mapping import MAPPING, PropertyMap, RdfMapping, RelationMap, SchemeMap

Pairs = list[tuple[str, str]]
Block = tuple[str, Pairs]
Edge = tuple[str, str, str, dict[str, Any]]

RDF_TYPE = terms.RDF_TYPE
RDF_STATEMENT = terms.RDF + "Statement"
RDF_SUBJECT = terms.RDF + "subject"
RDF_PREDICATE = terms.RDF + "predicate"
RDF_OBJECT = terms.RDF + "object"


@dataclass
class _FactPlan:
    """What every fact of one relationship type shares, prepared once."""

    rel: RelationMap
    head: Pairs
    props: list[tuple[str, str, Callable[[Any], str], bool, bool]]


def sort_pairs(pairs: Iterable[tuple[str, str]]) -> Pairs:
    """Canonical order of a subject's predicate-object pairs: rdf:type first, then by text."""
    out = sorted(set(pairs))
    # the rdf:type pairs are contiguous once sorted (objects start with '<' or '"', both below '~')
    first = bisect_left(out, (RDF_TYPE,))
    if first:
        last = bisect_left(out, (RDF_TYPE, "~"), first)
        if last > first:
            out = out[first:last] + out[:first] + out[last:]
    return out


class Projection:
    """Turns one :class:`KnowledgeGraph` into sorted blocks of triples."""

    def __init__(self, kg: KnowledgeGraph, base: str, mapping: RdfMapping = MAPPING) -> None:
        self.kg = kg
        self.g = kg.g
        self.mapping = mapping
        self.base = normalize_base(base)
        m = mapping
        self.prov_derivation = m.expand("prov:Derivation")
        self.prov_qualified = m.expand("prov:qualifiedDerivation")
        self.time_interval = m.expand("time:Interval")
        self.time_instant = m.expand("time:Instant")
        self.time_begin = m.expand("time:hasBeginning")
        self.time_end = m.expand("time:hasEnd")
        self.time_date = m.expand("time:inXSDDate")
        self.schema_role_name = m.expand("schema:roleName")
        self.rdfs_label = m.expand("rdfs:label")
        self.rdfs_comment = m.expand("rdfs:comment")
        self.rdf_property = terms.RDF + "Property"
        self.skos_concept_scheme = m.expand("skos:ConceptScheme")
        self.skos_pref_label = m.expand("skos:prefLabel")
        self.skos_in_scheme = m.expand("skos:inScheme")
        self.skos_has_top = m.expand("skos:hasTopConcept")
        self.skos_notation = m.expand("skos:notation")

        # IRIs of all nodes, computed once: edges and references only look them up.
        self.node_iris: dict[str, str] = {
            nid: node_iri(self.base, attrs["label"], nid) for nid, attrs in self.g.nodes(data=True)
        }
        self.node_nt: dict[str, str] = {nid: f"<{iri}>" for nid, iri in self.node_iris.items()}
        self._fact_prefix = {t: f"{self.base}fact/{slugify(t)}-" for t in m.relations}
        self._target_cache: dict[tuple[str, str], list[str]] = {}
        self._class_obj = {label: terms.iri(c.iri) for label, c in m.classes.items()}
        self._node_props: dict[str, list[tuple[str, str, Callable[[Any], str], bool]]] = {
            label: [(p.name, p.predicate, self._one(p), p.is_list) for p in c.properties if p.on == "subject"]
            for label, c in m.classes.items()
        }
        self._plans: dict[str, _FactPlan] = {}
        self.schema_role = m.expand("schema:Role")
        self._scheme_values: dict[str, set[str]] = {key: set() for key in m.schemes}
        self._collect_scheme_values()

    # ------------------------------------------------------------------ values
    def ref_iri(self, node_id: str, label: str) -> str:
        found = self.node_iris.get(node_id)
        return found if found is not None else node_iri(self.base, label, node_id)

    def concept(self, scheme: SchemeMap, value: str) -> str:
        return concept_iri(self.base, scheme.segment, value)

    def _converter(self, prop: PropertyMap) -> Callable[[Any], list[str]]:
        """A function from a property value (scalar or list) to N-Triples objects."""
        one = self._one(prop)

        def convert(value: Any) -> list[str]:
            if isinstance(value, list | tuple | set | frozenset):
                return [one(v) for v in value if v is not None and v != ""]
            return [one(value)]

        return convert

    def _one(self, prop: PropertyMap) -> Callable[[Any], str]:
        """A function from one value to its N-Triples object; repeated values are served from a cache."""
        if prop.ref is not None:
            label = prop.ref
            node_nt = self.node_nt

            def ref(v: Any) -> str:
                found = node_nt.get(v)
                return found if found is not None else terms.iri(node_iri(self.base, label, str(v)))

            return ref
        cache: dict[Any, str] = {}
        make: Callable[[Any], str]
        if prop.scheme is not None:
            scheme = self.mapping.schemes[prop.scheme]

            def make(v: Any) -> str:
                return terms.iri(self.concept(scheme, str(v)))
        elif prop.lang is not None:
            lang = prop.lang

            def make(v: Any) -> str:
                return terms.lang_literal(str(v), lang)
        else:
            make = {
                "DATE": terms.date_literal,
                "INT64": terms.integer_literal,
                "DOUBLE": terms.double_literal,
                "BOOL": terms.boolean_literal,
            }.get(prop.type.removesuffix("[]"), lambda v: terms.plain_literal(str(v)))
        if prop.lang is not None and prop.type == "STRING" and prop.on == "evidence":
            return make  # sentences rarely repeat: caching them would only hold memory

        def cached(v: Any) -> str:
            try:
                return cache[v]
            except KeyError:
                if len(cache) > 100_000:
                    cache.clear()
                out = cache[v] = make(v)
                return out
            except TypeError:  # unhashable value
                return make(v)

        return cached

    def _collect_scheme_values(self) -> None:
        by_label = {
            label: [(p.name, p.scheme) for p in c.properties if p.scheme is not None]
            for label, c in self.mapping.classes.items()
        }
        for _, attrs in self.g.nodes(data=True):
            for name, scheme in by_label.get(attrs["label"], ()):
                value = attrs.get(name)
                if value is None or value == "" or scheme is None:
                    continue
                values = value if isinstance(value, list | tuple) else [value]
                self._scheme_values[scheme].update(str(v) for v in values if v not in (None, ""))

    @staticmethod
    def _props(attrs: dict[str, Any], converters: list[tuple[str, str, Callable[[Any], str], bool]]) -> Pairs:
        pairs: Pairs = []
        for name, predicate, one, is_list in converters:
            value = attrs.get(name)
            if value is None or value == "":
                continue
            if type(value) is list or (is_list and not isinstance(value, str)):
                pairs.extend((predicate, one(v)) for v in value if v is not None and v != "")
            else:
                pairs.append((predicate, one(value)))
        return pairs

    # ------------------------------------------------------------------ nodes
    def node_block(self, node_id: str, with_edges: bool = True) -> Block:
        attrs = self.g.nodes[node_id]
        label = attrs["label"]
        pairs = [(RDF_TYPE, self._class_obj[label]), *self._props(attrs, self._node_props[label])]
        if with_edges:
            # networkx's adjacency dicts ({neighbour: {key: attrs}}) directly: the edge views are
            # several times slower, and this loop runs for every edge end of every node
            relations = self.mapping.relations
            nt = self.node_nt
            for target, keyed in self.g._succ[node_id].items():
                for edge_attrs in keyed.values():
                    rel = relations[edge_attrs["type"]]
                    if not rel.inverse:
                        pairs.append((rel.predicate, nt[target]))
            for source, keyed in self.g._pred[node_id].items():
                for edge_attrs in keyed.values():
                    rel = relations[edge_attrs["type"]]
                    if rel.inverse:
                        pairs.append((rel.predicate, nt[source]))
        return self.node_iris[node_id], sort_pairs(pairs)

    # ------------------------------------------------------------------ relationships
    def direct_triple(self, source: str, target: str, rel: RelationMap) -> tuple[str, str, str]:
        """The relationship as one triple (subject IRI, predicate IRI, object N-Triples)."""
        if rel.inverse:
            return self.node_iris[target], rel.predicate, self.node_nt[source]
        return self.node_iris[source], rel.predicate, self.node_nt[target]

    def fact_iri(self, rel_type: str, key: str) -> str:
        """IRI of the fact node of an edge (same as :func:`graph.rdf.iris.fact_iri`, prefix cached)."""
        prefix, sep, rest = key.partition(":")
        if sep and prefix == rel_type.lower():
            return self._fact_prefix[rel_type] + local_name(rest)
        return fact_iri(self.base, rel_type, key)

    def _plan(self, rel_type: str) -> _FactPlan:
        plan = self._plans.get(rel_type)
        if plan is None:
            rel = self.mapping.relations[rel_type]
            head: Pairs = [(RDF_TYPE, f"<{RDF_STATEMENT}>"), (RDF_PREDICATE, f"<{rel.predicate}>")]
            if rel.fact_class is not None:
                head.append((RDF_TYPE, f"<{rel.fact_class}>"))
                if rel.fact_class == self.schema_role:
                    head.append((self.schema_role_name, terms.lang_literal(rel.label_vi, "vi")))
                    head.append((self.schema_role_name, terms.lang_literal(rel.label_en, "en")))
            props = [(p.name, p.predicate, self._one(p), p.is_list, p.on == "evidence") for p in rel.properties]
            plan = self._plans[rel_type] = _FactPlan(rel, head, props)
        return plan

    def fact_blocks(self, edge: Edge, fact: str | None = None) -> list[Block]:
        """The fact node of a relationship and its evidence and interval nodes, sorted by IRI."""
        source, target, key, attrs = edge
        plan = self._plan(attrs["type"])
        rel = plan.rel
        if fact is None:
            fact = self.fact_iri(rel.type, key)
        nt = self.node_nt
        if rel.inverse:
            subj, obj = nt[target], nt[source]
        else:
            subj, obj = nt[source], nt[target]
        pairs: Pairs = [*plan.head, (RDF_SUBJECT, subj), (RDF_OBJECT, obj)]
        evidence: Pairs = []
        for name, predicate, one, is_list, on_evidence in plan.props:
            value = attrs.get(name)
            if value is None or value == "":
                continue
            bucket = evidence if on_evidence else pairs
            if type(value) is list or (is_list and not isinstance(value, str)):
                bucket.extend((predicate, one(v)) for v in value if v is not None and v != "")
            else:
                bucket.append((predicate, one(value)))
        blocks: list[Block] = []
        if rel.fact_subject is not None:
            pairs.append((rel.fact_subject, nt[source]))
        for predicate, via in rel.fact_from_target:
            pairs.extend((predicate, o) for o in self._from_target(target, via))
        if rel.fact_during is not None:
            first, last = attrs.get("first_seen"), attrs.get("last_seen")
            if first or last:
                during = fact + "/during"
                pairs.append((rel.fact_during, f"<{during}>"))
                interval: Pairs = [(RDF_TYPE, f"<{self.time_interval}>")]
                instants: list[Block] = []
                for part, predicate, value in (("beginning", self.time_begin, first), ("end", self.time_end, last)):
                    if value:
                        instant = f"{during}/{part}"
                        interval.append((predicate, f"<{instant}>"))
                        date = terms.date_literal(value)
                        instants.append((instant, [(RDF_TYPE, f"<{self.time_instant}>"), (self.time_date, date)]))
                blocks.append((during, sort_pairs(interval)))
                blocks.extend(instants)
        if evidence:
            node = fact + "/evidence"
            pairs.append((self.prov_qualified, f"<{node}>"))
            evidence.append((RDF_TYPE, f"<{self.prov_derivation}>"))
            blocks.append((node, sort_pairs(evidence)))
        blocks.append((fact, sort_pairs(pairs)))
        if len(blocks) > 1:
            blocks.sort()
        return blocks

    def _from_target(self, target: str, via: str) -> list[str]:
        """Objects copied from the target node: ends of its ``via`` edges, or its ``via`` property."""
        cache_key = (target, via)
        found = self._target_cache.get(cache_key)
        if found is not None:
            return found
        out: list[str] = []
        if via in self.mapping.relations:
            out = sorted(self.node_nt[t] for _, t, a in self.g.out_edges(target, data=True) if a["type"] == via)
        else:
            attrs = self.g.nodes[target]
            value = attrs.get(via)
            if value is not None and value != "":
                for prop in self.mapping.classes[attrs["label"]].properties:
                    if prop.name == via:
                        out = self._converter(prop)(value)
        self._target_cache[cache_key] = out
        return out

    def fact_graph(self, attrs: dict[str, Any]) -> str | None:
        """The named graph (TriG) of a relationship: its evidence article, else its first source."""
        article = attrs.get("evidence_article") or next(iter(sorted(attrs.get("sources") or [])), None)
        if not article:
            return None
        return self.ref_iri(str(article), "Article")

    # ------------------------------------------------------------------ vocabulary
    def vocabulary_blocks(self) -> list[Block]:
        """Labels of the classes, definitions of the project's own terms, the SKOS schemes."""
        m = self.mapping
        blocks: dict[str, Pairs] = {}

        def add(subject: str, pairs: Iterable[tuple[str, str]]) -> None:
            blocks.setdefault(subject, []).extend(pairs)

        for cls in m.classes.values():
            add(
                cls.iri,
                [
                    (self.rdfs_label, terms.lang_literal(cls.label_vi, "vi")),
                    (self.rdfs_label, terms.lang_literal(cls.label_en, "en")),
                ],
            )
        for predicate, description in m.vocab_terms.items():
            local = predicate[len(m.prefixes["dv"]) :]
            add(
                predicate,
                [
                    (RDF_TYPE, f"<{self.rdf_property}>"),
                    (self.rdfs_label, terms.lang_literal(local, "en")),
                    (self.rdfs_comment, terms.lang_literal(description, "en")),
                ],
            )
        for key, scheme in m.schemes.items():
            scheme_iri = self.base + scheme.segment
            add(
                scheme_iri,
                [
                    (RDF_TYPE, f"<{self.skos_concept_scheme}>"),
                    (self.skos_pref_label, terms.lang_literal(scheme.label_vi, "vi")),
                    (self.skos_pref_label, terms.lang_literal(scheme.label_en, "en")),
                ],
            )
            values = set(self._scheme_values[key]) | set(scheme.concepts if scheme.coded else ())
            for value in values:
                concept = self.concept(scheme, value)
                pairs = [(RDF_TYPE, f"<{c}>") for c in scheme.classes]
                pairs += [(self.skos_in_scheme, f"<{scheme_iri}>")]
                if scheme.coded:
                    vi, en = scheme.concepts.get(value, (None, value.replace("_", " ")))
                    pairs.append((self.skos_notation, terms.plain_literal(value)))
                    if vi:
                        pairs.append((self.skos_pref_label, terms.lang_literal(vi, "vi")))
                    pairs.append((self.skos_pref_label, terms.lang_literal(en, "en")))
                else:
                    pairs.append((self.skos_pref_label, terms.lang_literal(value, "vi")))
                    english = scheme.labels_en.get(value)
                    if english:
                        pairs.append((self.skos_pref_label, terms.lang_literal(english, "en")))
                add(concept, pairs)
                add(scheme_iri, [(self.skos_has_top, f"<{concept}>")])
        return sorted((s, sort_pairs(p)) for s, p in blocks.items())

    # ------------------------------------------------------------------ everything
    def sorted_edges(self) -> list[Edge]:
        return sorted(self.g.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1]))

    def blocks(self) -> Iterator[Block]:
        """Every block of the dataset (without its description), sorted by subject IRI.

        Only the index of subjects is held in memory; each block is made when it is written.
        """
        index: list[tuple[str, int, Any]] = [(iri, 0, nid) for nid, iri in self.node_iris.items()]
        for edge in self.g.edges(keys=True, data=True):
            index.append((self.fact_iri(edge[3]["type"], edge[2]), 1, edge))
        vocabulary = self.vocabulary_blocks()
        index.extend((subject, 2, i) for i, (subject, _) in enumerate(vocabulary))
        index.sort(key=itemgetter(0))  # subject IRIs are unique
        for iri, kind, ref in index:
            if kind == 0:
                yield self.node_block(ref)
            elif kind == 1:
                yield from self.fact_blocks(ref, iri)
            else:
                yield vocabulary[ref]

    def label_counts(self) -> dict[str, int]:
        return self.kg.counts()["nodes"]


def count_triples(blocks: Iterable[Block]) -> int:
    return sum(len(pairs) for _, pairs in blocks)
