"""SHACL shapes for the RDF export, generated from the schema (and shipped as ``graph/shapes.ttl``).

``python -m danvan.graph.rdf.shapes --write`` regenerates the shipped file; a test fails when the file and
the schema disagree. The shapes check what the export promises and what the vocabularies mean:
every node has its class, id and label; each property has its datatype (dates are ``xsd:date``, text
is ``@vi`` or untagged) and cardinality; relationships point at nodes of the right classes; ORG: an
``org:Membership`` has exactly one ``org:member`` (a person), one post, one ``org:organization``, at
most one ``org:role``; schema.org: a ``schema:Role`` wraps one predicate, which the event uses to
point at it; PROV and Web Annotation: a derivation has one ``oa:SpecificResource`` of one article and
one build activity; OWL-Time: an instant has exactly one date, month or year; a statement node is
never a membership or a role.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from danvan.graph.rdf.mapping import MAPPING, PropertyMap, RdfMapping, RelationMap

SHAPES_FILE = Path(__file__).resolve().parents[1] / "shapes.ttl"

_DATATYPES = {
    "STRING": XSD.string,
    "DATE": XSD.date,
    "INT64": XSD.integer,
    "DOUBLE": XSD.double,
    "BOOL": XSD.boolean,
}


class _Builder:
    def __init__(self, mapping: RdfMapping) -> None:
        self.m = mapping
        self.g = Graph()
        self.dv = Namespace(mapping.prefixes["dv"])
        for prefix, ns in sorted(mapping.prefixes.items()):
            self.g.bind(prefix, ns, override=True)
        self.g.bind("sh", SH)

    def iri(self, curie: str) -> URIRef:
        return URIRef(self.m.expand(curie))

    def node_shape(self, name: str, message: str) -> URIRef:
        shape = self.dv[f"{name}Shape"]
        self.g.add((shape, RDF.type, SH.NodeShape))
        self.g.add((shape, SH.description, Literal(message, lang="en")))
        return shape

    def property_shape(self, node: URIRef, name: str, path: URIRef) -> URIRef:
        prop = URIRef(f"{node}-{name}")
        self.g.add((node, SH.property, prop))
        self.g.add((prop, RDF.type, SH.PropertyShape))
        self.g.add((prop, SH.path, path))
        return prop

    def rdf_list(self, items: Sequence[Node]) -> BNode:
        head = BNode()
        Collection(self.g, head, list(items))
        return head

    def classes_of(self, prop: URIRef, labels: Sequence[str]) -> None:
        """``sh:class`` the class of one label, or ``sh:or`` over the classes of several."""
        self.g.add((prop, SH.nodeKind, SH.IRI))
        classes = sorted({self.m.classes[label].iri for label in labels})
        if len(classes) == 1:
            self.g.add((prop, SH["class"], URIRef(classes[0])))
            return
        alternatives = []
        for cls in classes:
            alt = BNode()
            self.g.add((alt, SH["class"], URIRef(cls)))
            alternatives.append(alt)
        self.g.add((prop, SH["or"], self.rdf_list(alternatives)))

    def text(self, shape: URIRef) -> None:
        """Text: Vietnamese (``@vi``) or untagged, as the export decides by content."""
        vi, plain = BNode(), BNode()
        self.g.add((vi, SH.datatype, RDF.langString))
        self.g.add((vi, SH.languageIn, self.rdf_list([Literal("vi")])))
        self.g.add((plain, SH.datatype, XSD.string))
        self.g.add((shape, SH["or"], self.rdf_list([vi, plain])))

    def datatypes(self, shape: URIRef, datatypes: list[URIRef]) -> None:
        if len(datatypes) == 1:
            self.g.add((shape, SH.datatype, datatypes[0]))
            return
        alternatives = []
        for datatype in datatypes:
            alt = BNode()
            self.g.add((alt, SH.datatype, datatype))
            alternatives.append(alt)
        self.g.add((shape, SH["or"], self.rdf_list(alternatives)))

    def values(self, shape: URIRef, pmap: PropertyMap) -> None:
        """The value constraints of one schema property."""
        if pmap.ref is not None:
            self.classes_of(shape, [pmap.ref])
        elif pmap.link is not None:
            self.classes_of(shape, [pmap.link])
        elif pmap.node is not None:
            self.g.add((shape, SH.nodeKind, SH.IRI))
            self.g.add((shape, SH["class"], URIRef(pmap.node[0])))
        elif pmap.iri_value:
            self.g.add((shape, SH.nodeKind, SH.IRI))
        elif pmap.scheme is not None:
            self.g.add((shape, SH.nodeKind, SH.IRI))
            self.g.add((shape, SH["class"], self.iri("skos:Concept")))
        elif pmap.dated:
            self.datatypes(shape, [XSD.date, XSD.gYearMonth, XSD.gYear])
        elif pmap.lang is not None:
            self.text(shape)
        else:
            self.g.add((shape, SH.datatype, _DATATYPES[pmap.type.removesuffix("[]")]))
        if pmap.values:
            # The schema's closed list (HOLDS status: current, former, new): a typo or a new word in
            # the extractor would otherwise pass the shapes as just another string.
            self.g.add((shape, SH["in"], self.rdf_list([Literal(v) for v in pmap.values])))
        if not pmap.is_list:
            self.g.add((shape, SH.maxCount, Literal(1)))

    def count(self, prop: URIRef | BNode, minimum: int | None, maximum: int | None) -> None:
        if minimum is not None:
            self.g.add((prop, SH.minCount, Literal(minimum)))
        if maximum is not None:
            self.g.add((prop, SH.maxCount, Literal(maximum)))

    def link(
        self,
        shape: URIRef,
        name: str,
        predicate: str,
        labels: Sequence[str] | None,
        cls: str | None = None,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> URIRef:
        prop = self.property_shape(shape, name, URIRef(predicate))
        if labels:
            self.classes_of(prop, labels)
        elif cls is not None:
            self.g.add((prop, SH.nodeKind, SH.IRI))
            self.g.add((prop, SH["class"], URIRef(cls)))
        else:
            self.g.add((prop, SH.nodeKind, SH.IRI))
        self.count(prop, minimum, maximum)
        return prop

    def local(self, iri: str) -> str:
        return (self.m.curie(iri) or iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]).replace(":", "-")

    def build(self) -> Graph:
        m = self.m
        e = self.iri
        # ---- which node is the RDF subject of which relationship triples (direct, inverse, shortcuts)
        edge_ends: dict[tuple[str, str], set[str]] = defaultdict(set)
        role_ends: dict[tuple[str, str], set[str]] = defaultdict(set)  # (label, predicate) -> qualified classes
        for rel in m.relations.values():
            from_labels, to_labels = (rel.targets, rel.sources) if rel.inverse else (rel.sources, rel.targets)
            for label in from_labels:
                edge_ends[(label, rel.predicate)].update(to_labels)
                if rel.qualified is not None and rel.qualified.wrap:
                    role_ends[(label, rel.predicate)].add(rel.qualified.cls)
            if rel.also_inverse is not None:
                for label in to_labels:
                    edge_ends[(label, rel.also_inverse)].update(from_labels)
            if rel.member_shortcut is not None:
                via, member_of, has_member = rel.member_shortcut
                orgs = m.relations[via].targets
                for label in rel.sources:
                    edge_ends[(label, member_of)].update(orgs)
                for label in orgs:
                    edge_ends[(label, has_member)].update(rel.sources)
            if rel.qualified is not None and rel.qualified.subject_inverse is not None:
                for label in rel.sources:
                    role_ends[(label, rel.qualified.subject_inverse)].add(rel.qualified.cls)
        required = {"id", "name"}
        for label, cls in m.classes.items():
            shape = self.node_shape(label, f"{cls.label_en} ({cls.label_vi}): a node of the danvan export.")
            self.g.add((shape, SH.targetClass, URIRef(cls.iri)))
            props = [p for p in cls.properties if p.on == "subject"]
            # how many values a predicate may have: one per single-valued property using it (a Place's
            # dcterms:identifier is its id and its administrative code)
            uses: dict[str, list[PropertyMap]] = defaultdict(list)
            for pmap in props:
                uses[pmap.predicate].append(pmap)
            for predicate, pmaps in uses.items():
                first = pmaps[0]
                prop = self.property_shape(shape, first.name, URIRef(predicate))
                if len(pmaps) == 1:
                    self.values(prop, first)
                else:
                    self.g.add((prop, SH.datatype, XSD.string))
                    if not any(p.is_list for p in pmaps):
                        self.g.add((prop, SH.maxCount, Literal(len(pmaps))))
                if first.name in required:
                    self.g.add((prop, SH.minCount, Literal(1)))
                if first.link_fallback is not None:
                    fallback = self.property_shape(shape, first.name + "-name", URIRef(first.link_fallback))
                    self.text(fallback)
                    self.g.add((fallback, SH.maxCount, Literal(1)))
                if first.admin_code:
                    self.link(shape, "adminUnit", e("dv:adminUnit"), None, e("dv:AdministrativeUnit"))
            for name_predicate in cls.names:
                prop = self.property_shape(shape, self.local(name_predicate), URIRef(name_predicate))
                self.text(prop)
                self.count(prop, 1, 1)
            for (owner, predicate), targets in sorted(edge_ends.items()):
                if owner != label or predicate in uses:
                    continue
                prop = self.property_shape(shape, self.local(predicate), URIRef(predicate))
                wrapped = role_ends.get((owner, predicate))
                if wrapped:  # schema.org's Role pattern: the value is the node or a Role wrapping it
                    self.g.add((prop, SH.nodeKind, SH.IRI))
                    classes = sorted({m.classes[t].iri for t in targets} | wrapped)
                    alternatives = []
                    for c in classes:
                        alt = BNode()
                        self.g.add((alt, SH["class"], URIRef(c)))
                        alternatives.append(alt)
                    self.g.add((prop, SH["or"], self.rdf_list(alternatives)))
                else:
                    self.classes_of(prop, sorted(targets))
            for (owner, predicate), wrapped in sorted(role_ends.items()):
                if owner == label and (owner, predicate) not in edge_ends:
                    self.link(shape, self.local(predicate), predicate, None, sorted(wrapped)[0])

        self.facts()
        self.qualified()
        self.provenance()
        self.time_shapes()
        self.concepts_and_dataset()
        return self.g

    def provenance_properties(self, shape: URIRef) -> None:
        """Every fact and qualified node comes from at least one article, with first/last seen dates."""
        self.link(shape, "wasDerivedFrom", self.m.expand("prov:wasDerivedFrom"), ["Article"], minimum=1)
        for curie in ("dv:firstSeen", "dv:lastSeen"):
            prop = self.property_shape(shape, curie.split(":")[1], self.iri(curie))
            self.g.add((prop, SH.datatype, XSD.date))
            self.g.add((prop, SH.maxCount, Literal(1)))
        self.link(shape, "evidence", self.m.expand("prov:qualifiedDerivation"), None, self.m.expand("prov:Derivation"))

    def facts(self) -> None:
        m = self.m
        fact = self.node_shape("Fact", "The statement node of a relationship (full profile), with its provenance.")
        self.g.add((fact, SH.targetClass, RDF.Statement))
        for name, path in (("subject", RDF.subject), ("predicate", RDF.predicate), ("object", RDF.object)):
            prop = self.property_shape(fact, name, path)
            self.count(prop, 1, 1)
            self.g.add((prop, SH.nodeKind, SH.IRI))
            if path == RDF.predicate:
                predicates = sorted({URIRef(r.predicate) for r in m.relations.values() if r.fact})
                self.g.add((prop, SH["in"], self.rdf_list(list(predicates))))
        self.provenance_properties(fact)
        # a statement is not also a membership or a role: each node means one thing
        qualified = sorted({r.qualified.cls for r in m.relations.values() if r.qualified is not None})
        self.g.add((fact, SH["not"], self._class_alternatives(qualified)))

    def _class_alternatives(self, classes: list[str]) -> BNode:
        node = BNode()
        alternatives = []
        for c in classes:
            alt = BNode()
            self.g.add((alt, SH["class"], URIRef(c)))
            alternatives.append(alt)
        self.g.add((node, SH["or"], self.rdf_list(alternatives)))
        return node

    def qualified(self) -> None:
        """The n-ary nodes: org:Membership, schema:Role (wrapping one predicate), figures, mergers, successions."""
        m = self.m
        by_class: dict[str, list[RelationMap]] = defaultdict(list)
        for rel in m.relations.values():
            if rel.qualified is not None:
                by_class[rel.qualified.cls].append(rel)
        for cls, rels in sorted(by_class.items()):
            shape = self.node_shape(self.local(cls), f"The qualified node of {', '.join(r.type for r in rels)} facts.")
            self.g.add((shape, SH.targetClass, URIRef(cls)))
            self.provenance_properties(shape)
            wraps = [r for r in rels if r.qualified is not None and r.qualified.wrap]
            if wraps:
                # exactly one of the wrapped predicates, to one node of the right class; the event
                # points at the Role with that same predicate (checked from the event's side below)
                alternatives = []
                for rel in wraps:
                    alt = BNode()
                    inner = BNode()
                    self.g.add((alt, SH.property, inner))
                    self.g.add((inner, SH.path, URIRef(rel.predicate)))
                    self.count(inner, 1, 1)
                    ends = rel.sources if rel.inverse else rel.targets
                    self.g.add((inner, SH["class"], URIRef(m.classes[ends[0]].iri)))
                    alternatives.append(alt)
                self.g.add((shape, SH.xone, self.rdf_list(alternatives)))
                prop = self.property_shape(shape, "roleName", self.iri("schema:roleName"))
                self.g.add((prop, SH.datatype, RDF.langString))
                self.g.add((prop, SH.minCount, Literal(1)))
                for rel in wraps:
                    # sh:targetObjectsOf: a value of the predicate is the node itself or a Role that
                    # carries the same predicate (the Role "wraps the same property twice")
                    wrap = self.node_shape(
                        f"{self.local(rel.predicate)}-role", f"Values of {self.local(rel.predicate)}."
                    )
                    self.g.add((wrap, SH.targetObjectsOf, URIRef(rel.predicate)))
                    ends = rel.sources if rel.inverse else rel.targets
                    direct = BNode()
                    self.g.add((direct, SH["class"], URIRef(m.classes[ends[0]].iri)))
                    role = BNode()
                    self.g.add((role, SH["class"], URIRef(cls)))
                    inner = BNode()
                    self.g.add((role, SH.property, inner))
                    self.g.add((inner, SH.path, URIRef(rel.predicate)))
                    self.g.add((inner, SH.minCount, Literal(1)))
                    self.g.add((wrap, SH["or"], self.rdf_list([direct, role])))
                continue
            for rel in rels:
                q = rel.qualified
                assert q is not None and q.subject is not None and q.object is not None
                self.link(shape, self.local(q.subject), q.subject, rel.sources, minimum=1, maximum=1)
                self.link(shape, self.local(q.object), q.object, rel.targets, minimum=1, maximum=1)
                for predicate, via in rel.qualified_from_target:
                    if via in m.relations:
                        # ORG: a membership names its organisation (the post's), one
                        self.link(
                            shape, self.local(predicate), predicate, m.relations[via].targets, minimum=1, maximum=1
                        )
                    else:
                        self.link(shape, self.local(predicate), predicate, None, m.expand("skos:Concept"), maximum=1)
                if rel.interval is not None:
                    self.link(shape, "during", rel.interval[0], None, m.expand("time:Interval"), maximum=1)
                for pmap in rel.own_properties:
                    if pmap.name in {p.name for p in m.relations[rel.type].properties if p.name in _COMMON}:
                        continue
                    self.values(self.property_shape(shape, pmap.name, URIRef(pmap.predicate)), pmap)

    def provenance(self) -> None:
        m = self.m
        oa = m.prefixes.get("oa", "http://www.w3.org/ns/oa#")
        shape = self.node_shape("Derivation", "How a fact was derived: the text it came from, in which build.")
        self.g.add((shape, SH.targetClass, self.iri("prov:Derivation")))
        self.link(shape, "entity", m.expand("prov:entity"), None, oa + "SpecificResource", 1, 1)
        self.link(shape, "hadActivity", m.expand("prov:hadActivity"), None, m.expand("dv:Build"), 1, 1)
        shape = self.node_shape("SpecificResource", "The evidence sentence: a part of an article, by its selectors.")
        self.g.add((shape, SH.targetClass, URIRef(oa + "SpecificResource")))
        self.link(shape, "hasSource", oa + "hasSource", ["Article"], minimum=1, maximum=1)
        prop = self.property_shape(shape, "hasSelector", URIRef(oa + "hasSelector"))
        self.g.add((prop, SH.nodeKind, SH.IRI))
        self.count(prop, 1, 2)
        selectors = [self._only_class(oa + "TextQuoteSelector"), self._only_class(oa + "TextPositionSelector")]
        self.g.add((prop, SH["or"], self.rdf_list(selectors)))
        shape = self.node_shape("TextQuoteSelector", "The evidence sentence as written.")
        self.g.add((shape, SH.targetClass, URIRef(oa + "TextQuoteSelector")))
        prop = self.property_shape(shape, "exact", URIRef(oa + "exact"))
        self.text(prop)
        self.count(prop, 1, 1)
        shape = self.node_shape("TextPositionSelector", "Character offsets of the sentence in the article's text.")
        self.g.add((shape, SH.targetClass, URIRef(oa + "TextPositionSelector")))
        for name in ("start", "end"):
            prop = self.property_shape(shape, name, URIRef(oa + name))
            self.g.add((prop, SH.datatype, XSD.nonNegativeInteger))
            self.count(prop, 1, 1)
        shape = self.node_shape("Build", "The build that produced the data.")
        self.g.add((shape, SH.targetClass, self.iri("dv:Build")))
        prop = self.property_shape(shape, "softwareVersion", self.iri("dv:softwareVersion"))
        self.g.add((prop, SH.datatype, XSD.string))
        self.count(prop, 1, 1)
        self.link(shape, "used", m.expand("prov:used"), None)

    def _only_class(self, cls: str) -> BNode:
        alt = BNode()
        self.g.add((alt, SH["class"], URIRef(cls)))
        return alt

    def time_shapes(self) -> None:
        shape = self.node_shape("Interval", "The stated tenure of a holding.")
        self.g.add((shape, SH.targetClass, self.iri("time:Interval")))
        for name in ("hasBeginning", "hasEnd"):
            self.link(shape, name, self.m.expand(f"time:{name}"), None, self.m.expand("time:Instant"), maximum=1)
        shape = self.node_shape("Instant", "A day, a month or a year: exactly one of them, typed by its precision.")
        self.g.add((shape, SH.targetClass, self.iri("time:Instant")))
        alternatives = []
        for name, datatype in (("inXSDDate", XSD.date), ("inXSDgYearMonth", XSD.gYearMonth), ("inXSDgYear", XSD.gYear)):
            alt = BNode()
            inner = BNode()
            self.g.add((alt, SH.property, inner))
            self.g.add((inner, SH.path, self.iri(f"time:{name}")))
            self.count(inner, 1, 1)
            self.g.add((inner, SH.datatype, datatype))
            alternatives.append(alt)
        self.g.add((shape, SH.xone, self.rdf_list(alternatives)))

    def concepts_and_dataset(self) -> None:
        # SKOS concepts (roles, organisation kinds)
        shape = self.node_shape("Concept", "A role or organisation kind, labelled in Vietnamese and/or English.")
        self.g.add((shape, SH.targetClass, self.iri("skos:Concept")))
        prop = self.property_shape(shape, "prefLabel", self.iri("skos:prefLabel"))
        self.g.add((prop, SH.minCount, Literal(1)))
        self.g.add((prop, SH.uniqueLang, Literal(True)))
        prop = self.property_shape(shape, "inScheme", self.iri("skos:inScheme"))
        self.g.add((prop, SH.minCount, Literal(1)))
        self.g.add((prop, SH["class"], self.iri("skos:ConceptScheme")))

        # the dataset description
        shape = self.node_shape("Dataset", "The VoID/DCAT description of the export.")
        self.g.add((shape, SH.targetClass, self.iri("void:Dataset")))
        for curie, kind, minimum in (
            ("dcterms:title", RDF.langString, 1),
            ("dcterms:created", XSD.date, 0),
            ("void:triples", XSD.integer, 1),
            ("void:entities", XSD.integer, 1),
        ):
            prop = self.property_shape(shape, curie.replace(":", "-"), self.iri(curie))
            self.g.add((prop, SH.datatype, kind))
            if minimum:
                self.g.add((prop, SH.minCount, Literal(minimum)))
            if kind != RDF.langString:
                self.g.add((prop, SH.maxCount, Literal(1)))
        prop = self.property_shape(shape, "license", self.iri("dcterms:license"))
        self.g.add((prop, SH.minCount, Literal(1)))
        self.g.add((prop, SH.nodeKind, SH.IRI))
        self.link(shape, "wasGeneratedBy", self.m.expand("prov:wasGeneratedBy"), None, self.m.expand("dv:Build"), 1, 1)


_COMMON = {"sources", "first_seen", "last_seen"}


def build_shapes(mapping: RdfMapping = MAPPING) -> Graph:
    """The SHACL shapes graph, generated from the schema."""
    return _Builder(mapping).build()


def shapes_turtle(mapping: RdfMapping = MAPPING) -> str:
    header = "# SHACL shapes of the danvan RDF export. Generated from graph/schema.toml: do not edit;\n"
    header += "# regenerate with: python -m danvan.graph.rdf.shapes --write\n"
    text: str = build_shapes(mapping).serialize(format="turtle")
    return header + text


def load_shapes(path: Path = SHAPES_FILE) -> Graph:
    """The shapes shipped with the project."""
    return Graph().parse(path, format="turtle")


def validate(data: Graph, shapes: Graph | None = None) -> tuple[bool, Graph, str]:
    """Validate an export with pySHACL: (conforms, report graph, report text)."""
    from pyshacl import validate as shacl_validate

    conforms, report, text = shacl_validate(
        data, shacl_graph=shapes if shapes is not None else load_shapes(), inference="none", advanced=False
    )
    return bool(conforms), report, str(text)


def main() -> None:
    parser = argparse.ArgumentParser(description="Print or write the SHACL shapes generated from the schema.")
    parser.add_argument("--write", action="store_true", help=f"write {SHAPES_FILE} instead of printing")
    args = parser.parse_args()
    text = shapes_turtle()
    if args.write:
        SHAPES_FILE.write_text(text, encoding="utf-8")
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
