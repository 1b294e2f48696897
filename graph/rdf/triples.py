"""The knowledge graph as blocks of triples, one block per subject, in a canonical order.

A *block* is ``(subject IRI, [(predicate IRI, object in N-Triples form), ...])`` with its pairs
sorted (``rdf:type`` first) and free of duplicates; blocks come sorted by subject IRI. Every writer
consumes blocks, so all formats hold the same triples and the same input gives the same bytes,
whatever order the graph's nodes and edges were inserted in. No blank nodes: every fact, qualified
node, evidence node and interval has an IRI derived from the relationship's deterministic key.

What each relationship becomes (see the RDF keys in ``graph/schema.toml``), in both profiles:

- the direct triple ``S p O`` (``O p S`` for ``rdf_inverse`` types), and its inverse where the
  vocabulary has one (``org:hasSubOrganization``, ``org:heldBy``, ...); a holding's direct triples only
  while it is current (``rdf_direct_when``);
- where the vocabulary has an n-ary pattern, a *qualified node* ``<base><segment>/<hash>``: an
  ``org:Membership`` for a holding (member, post, organisation, role, tenure interval, status, first
  and last seen), a ``schema:Role`` for a participation (``event schema:attendee role . role
  schema:attendee person``), a figure, merger or succession node; each ``prov:wasDerivedFrom`` its articles.

The ``full`` profile adds, for every relationship but the article's mentions, a statement node
``<base>fact/<type>-<hash>`` (an ``rdf:Statement`` of the direct triple, its articles and dates) and
one ``prov:Derivation`` per supporting statement: ``prov:entity`` an ``oa:SpecificResource`` of the
article (``oa:hasSource``) with an ``oa:TextQuoteSelector`` (the sentence) and an
``oa:TextPositionSelector`` (its offsets), ``prov:hadActivity`` the build.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter
from typing import Any

from danvan.graph.ids import digest, slugify
from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.rdf import admin, terms
from danvan.graph.rdf.iris import concept_iri, fact_iri, local_name, node_iri, normalize_base
from danvan.graph.rdf.lang import is_vietnamese
from danvan.graph.rdf.mapping import MAPPING, PropertyMap, RdfMapping, RelationMap, SchemeMap
from danvan.graph.rdf.provenance import BuildInfo, EvidenceIndex, software_version

Pairs = list[tuple[str, str]]
Block = tuple[str, Pairs]
Edge = tuple[str, str, str, dict[str, Any]]
Triple = tuple[str, str, str]  # subject IRI, predicate IRI, object (N-Triples)

RDF_TYPE = terms.RDF_TYPE
RDF_STATEMENT = terms.RDF + "Statement"
RDF_SUBJECT = terms.RDF + "subject"
RDF_PREDICATE = terms.RDF + "predicate"
RDF_OBJECT = terms.RDF + "object"
PROFILES = ("full", "lean")

_HTTP_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_PRECISION = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "date", "inXSDDate"),
    (re.compile(r"^\d{4}-\d{2}$"), "gYearMonth", "inXSDgYearMonth"),
    (re.compile(r"^\d{4}$"), "gYear", "inXSDgYear"),
)


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


def text_literal(value: str) -> str:
    """A text literal, tagged ``@vi`` only when the text is Vietnamese."""
    return terms.lang_literal(value, "vi") if is_vietnamese(value) else terms.plain_literal(value)


def precision(value: Any) -> tuple[str, str] | None:
    """(XSD datatype local name, OWL-Time property local name) of a day, month or year; None otherwise."""
    text = value.isoformat()[:10] if hasattr(value, "isoformat") else str(value)
    for pattern, datatype, time_prop in _PRECISION:
        if pattern.match(text):
            return datatype, time_prop
    return None


def dated_literal(value: Any) -> str:
    """``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear`` by the precision given; else a plain string."""
    found = precision(value)
    if found is None:
        return terms.plain_literal(str(value))
    if found[0] == "date":
        return terms.date_literal(value)
    return terms.typed_literal(str(value), terms.XSD + found[0])


class Projection:
    """Turns one :class:`KnowledgeGraph` into sorted blocks of triples."""

    def __init__(
        self,
        kg: KnowledgeGraph,
        base: str,
        mapping: RdfMapping = MAPPING,
        profile: str = "full",
        build: BuildInfo | None = None,
        licence: str | None = None,
    ) -> None:
        if profile not in PROFILES:
            raise ValueError(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
        self.kg = kg
        self.g = kg.g
        self.mapping = mapping
        self.profile = profile
        self.full = profile == "full"
        self.base = normalize_base(base)
        self.build = build or BuildInfo(version=software_version())
        self.licence = licence
        m = mapping
        e = m.expand
        self.rdfs_label = e("rdfs:label")
        self.skos_concept_scheme = e("skos:ConceptScheme")
        self.skos_pref_label = e("skos:prefLabel")
        self.skos_in_scheme = e("skos:inScheme")
        self.skos_has_top = e("skos:hasTopConcept")
        self.skos_notation = e("skos:notation")
        self.schema_role = e("schema:Role")
        self.schema_role_name = e("schema:roleName")
        self.schema_name = e("schema:name")
        self.prov_was_derived = e("prov:wasDerivedFrom")
        self.prov_qualified = e("prov:qualifiedDerivation")
        self.prov_entity = e("prov:entity")
        self.prov_had_activity = e("prov:hadActivity")
        self.dcterms_identifier = e("dcterms:identifier")
        self.dv_first_seen = e("dv:firstSeen")
        self.dv_last_seen = e("dv:lastSeen")
        self.dv_admin_unit = e("dv:adminUnit")
        self.dv_admin_class = e("dv:AdministrativeUnit")
        self.dv_code_list = e("dv:codeList")
        self.oa = m.prefixes.get("oa", "http://www.w3.org/ns/oa#")
        self.time = m.prefixes.get("time", "http://www.w3.org/2006/time#")

        # IRIs of all nodes, computed once: edges and references only look them up.
        self.node_iris: dict[str, str] = {
            nid: node_iri(self.base, attrs["label"], nid) for nid, attrs in self.g.nodes(data=True)
        }
        self.node_nt: dict[str, str] = {nid: f"<{iri}>" for nid, iri in self.node_iris.items()}
        # Names -> node ids of the labels that literal properties link to (lowest id wins a shared name).
        self._by_name: dict[str, dict[str, str]] = {}
        linked = {p.link for c in m.classes.values() for p in c.properties if p.link} | {
            p.ref for r in m.relations.values() for p in r.properties if p.ref
        }
        for nid in sorted(self.g.nodes):
            attrs = self.g.nodes[nid]
            if attrs["label"] in linked and attrs.get("name"):
                table = self._by_name.setdefault(attrs["label"], {})
                table.setdefault(str(attrs["name"]), nid)
                table.setdefault(str(attrs["name"]).casefold(), nid)
        self._fact_prefix = {t: f"{self.base}fact/{slugify(t)}-" for t in m.relations}
        self._target_cache: dict[tuple[str, str], list[str]] = {}
        self._class_obj = {label: terms.iri(c.iri) for label, c in m.classes.items()}
        self._node_props: dict[str, list[tuple[str, bool, Callable[[Any], Pairs]]]] = {
            label: [(p.name, p.is_list, self._pairs_of(p)) for p in c.properties if p.on == "subject"]
            for label, c in m.classes.items()
        }
        self._names = {label: c.names for label, c in m.classes.items()}
        self._rel_props: dict[str, list[tuple[str, bool, Callable[[Any], Pairs]]]] = {
            t: [(p.name, p.is_list, self._pairs_of(p)) for p in r.own_properties] for t, r in m.relations.items()
        }
        self._common = {p.name for p in next(iter(m.relations.values())).properties} if m.relations else set()
        self._scheme_values: dict[str, set[str]] = {key: set() for key in m.schemes}
        self._extra: dict[str, Pairs] = {}  # publishers and administrative units, written once each
        self._collect_node_values()
        self.admin_codes = self._admin_codes()
        for codes in self.admin_codes.values():
            for code_list, code in codes:
                self._extra.setdefault(
                    self.admin_unit_iri(code_list, code),
                    [
                        (RDF_TYPE, terms.iri(self.dv_admin_class)),
                        (self.skos_notation, terms.plain_literal(code)),
                        (self.dv_code_list, terms.plain_literal(code_list)),
                    ],
                )
        # relationships whose facts also give pairs to nodes two steps away (org:hasMember)
        self._via: dict[str, list[RelationMap]] = {}
        for rel in m.relations.values():
            if rel.member_shortcut is not None:
                self._via.setdefault(rel.member_shortcut[0], []).append(rel)
        oa = self.oa
        self._oa_terms: dict[str, Any] = {
            "derivation": (RDF_TYPE, f"<{e('prov:Derivation')}>"),
            "entity": self.prov_entity,
            "activity": None,  # set below, once the activity's IRI is known
            "resource": (RDF_TYPE, f"<{oa}SpecificResource>"),
            "position": (RDF_TYPE, f"<{oa}TextPositionSelector>"),
            "quote": (RDF_TYPE, f"<{oa}TextQuoteSelector>"),
            "hasSelector": oa + "hasSelector",
            "hasSource": oa + "hasSource",
            "exact": oa + "exact",
            "start": oa + "start",
            "end": oa + "end",
            "nni": terms.XSD + "nonNegativeInteger",
        }
        self.articles = {nid: attrs for nid, attrs in self.g.nodes(data=True) if attrs["label"] == "Article"}
        self.evidence = EvidenceIndex(self.articles)
        keys = sorted(str(a.get("content_hash") or nid) for nid, a in self.articles.items())
        self.activity = f"{self.base}activity/build-{self.build.key(keys)}"
        self._activity_nt = f"<{self.activity}>"
        self._oa_terms["activity"] = (self.prov_had_activity, self._activity_nt)
        # relationships that are only their direct triple (most of them): a fast path in edge_triples
        self._plain = {
            t
            for t, r in m.relations.items()
            if r.qualified is None and r.also_inverse is None and r.member_shortcut is None and r.direct_when is None
        }

    # ------------------------------------------------------------------ values
    def ref_iri(self, node_id: str, label: str) -> str:
        found = self.node_iris.get(node_id)
        return found if found is not None else node_iri(self.base, label, node_id)

    def ref_nt(self, value: Any, label: str) -> str:
        """A node reference: by id, else by the node's name, else an IRI made from the value."""
        found = self.node_nt.get(value)
        if found is not None:
            return found
        by_name = self._by_name.get(label, {})
        nid = by_name.get(str(value)) or by_name.get(str(value).casefold())
        if nid is not None:
            return self.node_nt[nid]
        return terms.iri(node_iri(self.base, label, str(value)))

    def concept(self, scheme: SchemeMap, value: str) -> str:
        return concept_iri(self.base, scheme.segment, value)

    def _pairs_of(self, prop: PropertyMap) -> Callable[[Any], Pairs]:
        """A function from one value to its (predicate, object) pairs; repeated values come from a cache."""
        predicate = prop.predicate
        make: Callable[[Any], Pairs]
        if prop.ref is not None:
            label = prop.ref

            def make(v: Any) -> Pairs:
                return [(predicate, self.ref_nt(v, label))]
        elif prop.link is not None:
            label, fallback = prop.link, str(prop.link_fallback)
            by_name = self._by_name.get(label, {})

            def make(v: Any) -> Pairs:
                text = str(v)
                nid = by_name.get(text) or by_name.get(text.casefold())
                if nid is not None:
                    return [(predicate, self.node_nt[nid])]
                return [(fallback, text_literal(text))]
        elif prop.scheme is not None:
            scheme = self.mapping.schemes[prop.scheme]

            def make(v: Any) -> Pairs:
                return [(predicate, terms.iri(self.concept(scheme, str(v))))]
        elif prop.iri_value:

            def make(v: Any) -> Pairs:
                text = str(v).strip()
                return [(predicate, terms.iri(text))] if _HTTP_IRI.match(text) else []
        elif prop.node is not None:
            segment = prop.node[1]

            def make(v: Any) -> Pairs:
                return [(predicate, terms.iri(self._named_node_iri(segment, str(v))))]
        elif prop.admin_code:

            def make(v: Any) -> Pairs:
                return []  # the node's codes, looked up in _admin_codes, are written by node_block
        elif prop.dated:

            def make(v: Any) -> Pairs:
                return [(predicate, dated_literal(v))]
        elif prop.lang is not None:

            def make(v: Any) -> Pairs:
                return [(predicate, text_literal(str(v)))]
        else:
            one = {
                "DATE": terms.date_literal,
                "INT64": terms.integer_literal,
                "DOUBLE": terms.double_literal,
                "BOOL": terms.boolean_literal,
            }.get(prop.type.removesuffix("[]"), lambda v: terms.plain_literal(str(v)))

            def make(v: Any) -> Pairs:
                return [(predicate, one(v))]

        cache: dict[Any, Pairs] = {}

        def cached(v: Any) -> Pairs:
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

    def _named_node_iri(self, segment: str, name: str) -> str:
        return f"{self.base}{segment}/{slugify(name)}-{digest(segment, name)}"

    def admin_unit_iri(self, code_list: str, code: str) -> str:
        """``<base>admin-unit/<list>/<GSO code>``: the official unit, whatever our node for it is called."""
        return f"{self.base}admin-unit/{slugify(code_list)}/{slugify(code)}"

    def _admin_codes(self) -> dict[str, list[tuple[str, str]]]:
        """Official codes of the nodes whose label has an administrative code property (places)."""
        labels = {c.label for c in self.mapping.classes.values() if any(p.admin_code for p in c.properties)}
        nodes = {nid: attrs for nid, attrs in self.g.nodes(data=True) if attrs["label"] in labels}
        if not nodes or not admin.needs_lookup(nodes.values()):
            return {nid: [("legacy", str(a["code"]))] for nid, a in nodes.items() if a.get("code")}
        containers = {r.type for r in self.mapping.relations.values() if set(r.sources) == set(r.targets) == labels}
        containers.discard("MERGED_INTO")
        # the province of each lower unit: its LOCATED_IN targets, read in one pass over the edges
        within: dict[str, list[str]] = {}
        for source, target, rel_type in self.g.edges(data="type"):
            if rel_type in containers and source in nodes:
                within.setdefault(source, []).append(str(self.g.nodes[target].get("name") or ""))
        out: dict[str, list[tuple[str, str]]] = {}
        cache: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        for nid in sorted(nodes):
            attrs = nodes[nid]
            provinces = sorted(within.get(nid, ()))
            province = provinces[0] if provinces else None
            key = (*(str(attrs.get(k) or "") for k in ("name", "kind", "code", "status")), province or "")
            found = cache.get(key)
            if found is None:
                found = cache[key] = admin.codes_of(attrs, province)
            if found:
                out[nid] = found
        return out

    def _collect_node_values(self) -> None:
        """SKOS concepts, publishers and administrative units the nodes refer to (written as blocks)."""
        m = self.mapping
        by_label = {
            label: [p for p in c.properties if p.on == "subject" and (p.scheme is not None or p.node is not None)]
            for label, c in m.classes.items()
        }
        named: dict[tuple[str, str], str] = {}
        for _, attrs in self.g.nodes(data=True):
            for prop in by_label[attrs["label"]]:
                value = attrs.get(prop.name)
                if value is None or value == "":
                    continue
                values = value if isinstance(value, list | tuple) else [value]
                for v in values:
                    if v is None or v == "":
                        continue
                    if prop.scheme is not None:
                        self._scheme_values[prop.scheme].add(str(v))
                    elif prop.node is not None and (prop.node[1], str(v)) not in named:
                        cls, segment = prop.node
                        subject = named[(segment, str(v))] = self._named_node_iri(segment, str(v))
                        self._extra[subject] = [
                            (RDF_TYPE, terms.iri(cls)),
                            (self.schema_name, text_literal(str(v))),
                            (self.rdfs_label, text_literal(str(v))),
                        ]

    @staticmethod
    def _props(attrs: dict[str, Any], converters: list[tuple[str, bool, Callable[[Any], Pairs]]]) -> Pairs:
        pairs: Pairs = []
        for name, is_list, convert in converters:
            value = attrs.get(name)
            if value is None or value == "":
                continue
            if type(value) is list or (is_list and not isinstance(value, str)):
                for v in value:
                    if v is not None and v != "":
                        pairs.extend(convert(v))
            else:
                pairs.extend(convert(value))
        return pairs

    # ------------------------------------------------------------------ nodes
    def node_block(self, node_id: str, with_edges: bool = True) -> Block:
        attrs = self.g.nodes[node_id]
        label = attrs["label"]
        pairs = [(RDF_TYPE, self._class_obj[label]), *self._props(attrs, self._node_props[label])]
        name = attrs.get("name")
        if name:
            for predicate in self._names[label]:
                pairs.append((predicate, text_literal(str(name))))
        codes = self.admin_codes.get(node_id)
        if codes:
            pairs.append((self.dcterms_identifier, terms.plain_literal(codes[0][1])))
            pairs.extend((self.dv_admin_unit, f"<{self.admin_unit_iri(*c)}>") for c in codes)
        if with_edges:
            subject = self.node_iris[node_id]
            for edge in self.incident_edges(node_id):
                pairs.extend((p, o) for s, p, o in self.edge_triples(edge) if s == subject)
        return self.node_iris[node_id], sort_pairs(pairs)

    def incident_edges(self, node_id: str) -> Iterator[Edge]:
        """Edges whose triples may have this node as subject: its own, and the holdings of its posts."""
        # networkx's adjacency dicts ({neighbour: {key: attrs}}) directly: the edge views are
        # several times slower, and this loop runs for every edge end of every node
        for target, keyed in self.g._succ[node_id].items():
            for key, attrs in keyed.items():
                yield node_id, target, key, attrs
        for source, keyed in self.g._pred[node_id].items():
            for key, attrs in keyed.items():
                yield source, node_id, key, attrs
                for rel in self._via.get(attrs["type"], ()):
                    # node_id is the organisation of post `source`: the holdings of that post
                    for holder, held in self.g._pred[source].items():
                        for hkey, hattrs in held.items():
                            if hattrs["type"] == rel.type:
                                yield holder, source, hkey, hattrs

    # ------------------------------------------------------------------ relationships
    def is_direct(self, rel: RelationMap, attrs: dict[str, Any]) -> bool:
        """Does the direct triple hold? A holding's only while it is current (no end or bound, not former)."""
        if rel.direct_when is None:
            return True
        statuses, unless = rel.direct_when
        if any(attrs.get(name) for name in unless):
            return False
        status = attrs.get("status")
        return not status or status in statuses

    def direct_triple(self, source: str, target: str, rel: RelationMap) -> Triple:
        """The relationship as one triple (subject IRI, predicate IRI, object N-Triples)."""
        if rel.inverse:
            return self.node_iris[target], rel.predicate, self.node_nt[source]
        return self.node_iris[source], rel.predicate, self.node_nt[target]

    def edge_triples(self, edge: Edge) -> list[Triple]:
        """The triples of a relationship whose subjects are graph nodes (direct, inverse, shortcuts)."""
        source, target, key, attrs = edge
        rel = self.mapping.relations[attrs["type"]]
        if rel.type in self._plain:
            if rel.inverse:
                return [(self.node_iris[target], rel.predicate, self.node_nt[source])]
            return [(self.node_iris[source], rel.predicate, self.node_nt[target])]
        out: list[Triple] = []
        q = rel.qualified
        if self.is_direct(rel, attrs):
            s, p, o = self.direct_triple(source, target, rel)
            out.append((s, p, o))
            if rel.also_inverse is not None:
                out.append((o[1:-1], rel.also_inverse, f"<{s}>"))
            if rel.member_shortcut is not None:
                via, member_of, has_member = rel.member_shortcut
                for org in self._from_target(target, via):
                    out.append((self.node_iris[source], member_of, org))
                    out.append((org[1:-1], has_member, self.node_nt[source]))
            if q is not None and q.wrap:
                out.append((s, p, f"<{self.qualified_iri(q.segment, rel.type, key)}>"))
        if q is not None and q.subject_inverse is not None:
            out.append((self.node_iris[source], q.subject_inverse, f"<{self.qualified_iri(q.segment, rel.type, key)}>"))
        return out

    def fact_iri(self, rel_type: str, key: str) -> str:
        """IRI of the statement node of an edge (same as :func:`graph.rdf.iris.fact_iri`, prefix cached)."""
        prefix, sep, rest = key.partition(":")
        if sep and prefix == rel_type.lower():
            return self._fact_prefix[rel_type] + local_name(rest)
        return fact_iri(self.base, rel_type, key)

    def qualified_iri(self, segment: str, rel_type: str, key: str) -> str:
        prefix, sep, rest = key.partition(":")
        local = local_name(rest) if sep and prefix == rel_type.lower() else local_name(key)
        return f"{self.base}{segment}/{local}"

    def _provenance(self, attrs: dict[str, Any]) -> Pairs:
        pairs: Pairs = []
        sources = attrs.get("sources")
        if sources:
            for article in [sources] if isinstance(sources, str) else sources:
                if article:
                    pairs.append((self.prov_was_derived, self.ref_nt(article, "Article")))
        for predicate, name in ((self.dv_first_seen, "first_seen"), (self.dv_last_seen, "last_seen")):
            value = attrs.get(name)
            if value:
                pairs.append((predicate, terms.date_literal(value)))
        return pairs

    @staticmethod
    def _evidence_node(owner: str, article: str, start: int, end: int) -> str:
        return f"{owner}/evidence/{local_name(article.partition(':')[2] or article)}-{start}-{end}"

    def _derivation_refs(self, owner: str, attrs: dict[str, Any]) -> list[str]:
        return [f"<{self._evidence_node(owner, a, s, e)}>" for a, s, e, _ in self.evidence.spans(attrs)]

    def _derivations(self, owner: str, attrs: dict[str, Any]) -> tuple[list[str], list[Block]]:
        """One prov:Derivation per supporting statement, with its Web Annotation selectors.

        Pairs are written in their canonical order by hand (this runs for every supporting statement).
        """
        c = self._oa_terms
        refs: list[str] = []
        blocks: list[Block] = []
        for article, start, end, sentence in self.evidence.spans(attrs):
            node = self._evidence_node(owner, article, start, end)
            target = node + "/target"
            refs.append(f"<{node}>")
            blocks.append((node, [c["derivation"], (c["entity"], f"<{target}>"), c["activity"]]))
            target_pairs: Pairs = [c["resource"]]
            if start >= 0 and end >= start:
                target_pairs.append((c["hasSelector"], f"<{target}/position>"))
                blocks.append(
                    (
                        target + "/position",
                        [
                            c["position"],
                            (c["end"], f'"{end}"^^<{c["nni"]}>'),
                            (c["start"], f'"{start}"^^<{c["nni"]}>'),
                        ],
                    )
                )
            if sentence:
                target_pairs.append((c["hasSelector"], f"<{target}/quote>"))
                blocks.append((target + "/quote", [c["quote"], (c["exact"], text_literal(sentence))]))
            target_pairs.append((c["hasSource"], self.ref_nt(article, "Article")))
            blocks.append((target, target_pairs))
        return refs, blocks

    def fact_blocks(self, edge: Edge, fact: str | None = None) -> list[Block]:
        """The statement node of a relationship (full profile) and its evidence, sorted by IRI."""
        source, target, key, attrs = edge
        rel = self.mapping.relations[attrs["type"]]
        if fact is None:
            fact = self.fact_iri(rel.type, key)
        s, p, o = self.direct_triple(source, target, rel)
        pairs: Pairs = [
            (RDF_TYPE, f"<{RDF_STATEMENT}>"),
            (RDF_SUBJECT, f"<{s}>"),
            (RDF_PREDICATE, f"<{p}>"),
            (RDF_OBJECT, o),
            *self._provenance(attrs),
        ]
        if rel.qualified is None:
            pairs.extend(self._props(attrs, self._rel_props[rel.type]))
        refs, blocks = self._derivations(fact, attrs)
        pairs.extend((self.prov_qualified, r) for r in refs)
        blocks.append((fact, sort_pairs(pairs)))
        blocks.sort()
        return blocks

    def qualified_blocks(self, edge: Edge, node: str | None = None) -> list[Block]:
        """The n-ary node of a relationship (membership, role, ...) with its interval, sorted by IRI."""
        source, target, key, attrs = edge
        rel = self.mapping.relations[attrs["type"]]
        q = rel.qualified
        assert q is not None
        if node is None:
            node = self.qualified_iri(q.segment, rel.type, key)
        pairs: Pairs = [
            (RDF_TYPE, f"<{q.cls}>"),
            *self._provenance(attrs),
            *self._props(attrs, self._rel_props[rel.type]),
        ]
        blocks: list[Block] = []
        if q.wrap:
            _, p, o = self.direct_triple(source, target, rel)
            pairs.append((p, o))
            if q.cls == self.schema_role:
                pairs.append((self.schema_role_name, terms.lang_literal(rel.label_vi, "vi")))
                pairs.append((self.schema_role_name, terms.lang_literal(rel.label_en, "en")))
        else:
            pairs.append((str(q.subject), self.node_nt[source]))
            pairs.append((str(q.object), self.node_nt[target]))
        for predicate, via in rel.qualified_from_target:
            pairs.extend((predicate, o) for o in self._from_target(target, via))
        if rel.interval is not None:
            predicate, begin, end = rel.interval
            interval = self._interval(node, attrs.get(begin), attrs.get(end))
            if interval:
                pairs.append((predicate, f"<{interval[0][0]}>"))
                blocks.extend(interval)
        if self.full and rel.fact:
            # the statement node's derivations (written with it): one per supporting statement
            refs = self._derivation_refs(self.fact_iri(rel.type, key), attrs)
            pairs.extend((self.prov_qualified, r) for r in refs)
        blocks.append((node, sort_pairs(pairs)))
        blocks.sort()
        return blocks

    def _interval(self, node: str, begin: Any, end: Any) -> list[Block]:
        """A time:Interval from the stated start and end, each at its precision; [] without either."""
        if not begin and not end:
            return []
        t = self.time
        during = node + "/during"
        interval: Pairs = [(RDF_TYPE, f"<{t}Interval>")]
        blocks: list[Block] = []
        for part, predicate, value in (("beginning", "hasBeginning", begin), ("end", "hasEnd", end)):
            if not value:
                continue
            instant = f"{during}/{part}"
            interval.append((t + predicate, f"<{instant}>"))
            found = precision(value)
            time_prop = found[1] if found else "inXSDDate"  # malformed: the shapes report it
            blocks.append((instant, [(RDF_TYPE, f"<{t}Instant>"), (t + time_prop, dated_literal(value))]))
        blocks.insert(0, (during, sort_pairs(interval)))
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
                        values = value if isinstance(value, list) else [value]
                        out = sorted({o for v in values for _, o in self._pairs_of(prop)(v)})
        self._target_cache[cache_key] = out
        return out

    def fact_graph(self, attrs: dict[str, Any]) -> str | None:
        """The named graph (TriG) of a relationship: its evidence article, else its first source."""
        article = attrs.get("evidence_article") or next(iter(sorted(attrs.get("sources") or [])), None)
        if not article:
            return None
        return self.ref_iri(str(article), "Article")

    def edge_blocks(self, edge: Edge) -> list[Block]:
        """Every node-less block of one relationship: its statement (full profile) and qualified node."""
        rel = self.mapping.relations[edge[3]["type"]]
        blocks: list[Block] = []
        if self.full and rel.fact:
            blocks.extend(self.fact_blocks(edge))
        if rel.qualified is not None:
            blocks.extend(self.qualified_blocks(edge))
        return blocks

    # ------------------------------------------------------------------ vocabulary and build
    def vocabulary_blocks(self) -> list[Block]:
        """Labels of the classes, the SKOS schemes, publishers, administrative units and the build."""
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
                    pairs.append((self.skos_pref_label, text_literal(value)))
                    english = scheme.labels_en.get(value)
                    if english:
                        pairs.append((self.skos_pref_label, terms.lang_literal(english, "en")))
                add(concept, pairs)
                add(scheme_iri, [(self.skos_has_top, f"<{concept}>")])
        for subject, pairs in self._extra.items():
            add(subject, pairs)
        add(self.activity, self.activity_pairs())
        for subject, pairs in self.input_blocks():
            add(subject, pairs)
        return sorted((s, sort_pairs(p)) for s, p in blocks.items())

    def activity_pairs(self) -> Pairs:
        e = self.mapping.expand
        build = self.build
        pairs: Pairs = [
            # dv:Build, a subclass of prov:Activity (see the vocabulary): the judgements are prov:Activity
            # nodes of the graph, whose shape a build does not fit
            (RDF_TYPE, f"<{e('dv:Build')}>"),
            (self.rdfs_label, terms.lang_literal("danvan build: extraction, resolution and judgements", "en")),
            (e("dv:softwareVersion"), terms.plain_literal(build.version)),
        ]
        if build.created:
            pairs.append((e("dcterms:date"), terms.date_literal(build.created)))
        used = e("prov:used")
        pairs.extend((used, self.node_nt[nid]) for nid in self.articles)
        if build.judgements is not None:
            judgements = f"{self.base}input/judgements-{build.judgements.sha256[:16]}"
            pairs.append((e("prov:used"), f"<{judgements}>"))
        return pairs

    def input_blocks(self) -> list[Block]:
        """The judgements file as a prov:Entity (by name and SHA-256), when the build had one."""
        if self.build.judgements is None:
            return []
        e = self.mapping.expand
        j = self.build.judgements
        subject = f"{self.base}input/judgements-{j.sha256[:16]}"
        pairs = [
            (RDF_TYPE, f"<{e('prov:Entity')}>"),
            (e("dcterms:title"), terms.plain_literal(j.name)),
            (e("dv:sha256"), terms.plain_literal(j.sha256)),
        ]
        return [(subject, sort_pairs(pairs))]

    # ------------------------------------------------------------------ everything
    def sorted_edges(self) -> list[Edge]:
        return sorted(self.g.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1]))

    def blocks(self) -> Iterator[Block]:
        """Every block of the dataset (without its description), sorted by subject IRI.

        Only the index of subjects is held in memory; each block is made when it is written.
        """
        index: list[tuple[str, int, Any]] = [(iri, 0, nid) for nid, iri in self.node_iris.items()]
        relations = self.mapping.relations
        for edge in self.g.edges(keys=True, data=True):
            rel = relations[edge[3]["type"]]
            if self.full and rel.fact:
                index.append((self.fact_iri(rel.type, edge[2]), 1, edge))
            if rel.qualified is not None:
                index.append((self.qualified_iri(rel.qualified.segment, rel.type, edge[2]), 2, edge))
        vocabulary = self.vocabulary_blocks()
        index.extend((subject, 3, i) for i, (subject, _) in enumerate(vocabulary))
        index.sort(key=itemgetter(0))  # subject IRIs are unique
        for iri, kind, ref in index:
            if kind == 0:
                yield self.node_block(ref)
            elif kind == 1:
                yield from self.fact_blocks(ref, iri)
            elif kind == 2:
                yield from self.qualified_blocks(ref, iri)
            else:
                yield vocabulary[ref]

    def label_counts(self) -> dict[str, int]:
        return self.kg.counts()["nodes"]


def count_triples(blocks: Iterable[Block]) -> int:
    return sum(len(pairs) for _, pairs in blocks)
