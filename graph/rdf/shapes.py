"""SHACL shapes for the RDF export, generated from the schema (and shipped as ``graph/shapes.ttl``).

``python -m danvan.graph.rdf.shapes --write`` regenerates the shipped file; a test fails when the file and
the schema disagree. The shapes check what the export promises: every node has its class, id and
Vietnamese label; each property has its datatype (dates are ``xsd:date``, text is ``@vi``) and
cardinality; relationships point at nodes of the right classes; every fact names its subject,
predicate and object and comes from at least one article; a holding (``org:Membership``) has
exactly one person; evidence nodes point at an article with integer offsets.
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

    def classes_of(self, prop: URIRef, labels: list[str] | tuple[str, ...]) -> None:
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

    def values(self, shape: URIRef, pmap: PropertyMap) -> None:
        """The value constraints of one schema property."""
        if pmap.ref is not None:
            self.classes_of(shape, [pmap.ref])
        elif pmap.scheme is not None:
            self.g.add((shape, SH.nodeKind, SH.IRI))
            self.g.add((shape, SH["class"], self.iri("skos:Concept")))
        elif pmap.lang is not None:
            self.g.add((shape, SH.datatype, RDF.langString))
            self.g.add((shape, SH.languageIn, self.rdf_list([Literal(pmap.lang)])))
        else:
            self.g.add((shape, SH.datatype, _DATATYPES[pmap.type.removesuffix("[]")]))
        if pmap.values:
            # The schema's closed list (HOLDS status: current, former, new): a typo or a new word in
            # the extractor would otherwise pass the shapes as just another string.
            self.g.add((shape, SH["in"], self.rdf_list([Literal(v) for v in pmap.values])))
        if not pmap.is_list:
            self.g.add((shape, SH.maxCount, Literal(1)))

    def build(self) -> Graph:
        m = self.m
        # ---- nodes: their properties, and the relationships they are the RDF subject of
        edge_ends: dict[tuple[str, str], set[str]] = defaultdict(set)
        for rel in m.relations.values():
            from_labels, to_labels = (rel.targets, rel.sources) if rel.inverse else (rel.sources, rel.targets)
            for label in from_labels:
                edge_ends[(label, rel.predicate)].update(to_labels)
        required = {"id", "name"}
        for label, cls in m.classes.items():
            shape = self.node_shape(label, f"{cls.label_en} ({cls.label_vi}): a node of the danvan export.")
            self.g.add((shape, SH.targetClass, URIRef(cls.iri)))
            seen: set[str] = set()
            for pmap in cls.properties:
                if pmap.predicate in seen:  # a second property on the same predicate adds no constraint
                    continue
                seen.add(pmap.predicate)
                prop = self.property_shape(shape, pmap.name, URIRef(pmap.predicate))
                self.values(prop, pmap)
                if pmap.name in required:
                    self.g.add((prop, SH.minCount, Literal(1)))
            for (owner, predicate), targets in sorted(edge_ends.items()):
                if owner != label or predicate in seen:
                    continue
                local = m.curie(predicate) or predicate
                prop = self.property_shape(shape, local.replace(":", "-"), URIRef(predicate))
                self.classes_of(prop, sorted(targets))

        # ---- facts: every relationship's statement node
        fact = self.node_shape("Fact", "The statement node of a relationship, with its provenance.")
        self.g.add((fact, SH.targetClass, RDF.Statement))
        for name, path in (("subject", RDF.subject), ("predicate", RDF.predicate), ("object", RDF.object)):
            prop = self.property_shape(fact, name, path)
            self.g.add((prop, SH.minCount, Literal(1)))
            self.g.add((prop, SH.maxCount, Literal(1)))
            self.g.add((prop, SH.nodeKind, SH.IRI))
            if path == RDF.predicate:
                predicates = sorted({URIRef(r.predicate) for r in m.relations.values()})
                self.g.add((prop, SH["in"], self.rdf_list(list(predicates))))
        evidence_props: list[PropertyMap] = []
        common = next(iter(m.relations.values())).properties if m.relations else ()
        common_names = {
            p.name for p in common if all(p.name in {q.name for q in r.properties} for r in m.relations.values())
        }
        for pmap in common:
            if pmap.name not in common_names:
                continue
            if pmap.on == "evidence":
                evidence_props.append(pmap)
                continue
            prop = self.property_shape(fact, pmap.name, URIRef(pmap.predicate))
            self.values(prop, pmap)
            if pmap.ref is not None:
                self.g.add((prop, SH.minCount, Literal(1)))  # every fact comes from an article
        prop = self.property_shape(fact, "evidence", self.iri("prov:qualifiedDerivation"))
        self.g.add((prop, SH.maxCount, Literal(1)))
        self.g.add((prop, SH["class"], self.iri("prov:Derivation")))

        # relationship-specific properties: on the subjects of their predicate, or, for a closed list
        # of values, on the relationship's own fact class only: dv:status also states a Place's status
        # ("merged"), which the HOLDS list (current, former, new) must not judge.
        for rel in m.relations.values():
            for pmap in rel.properties:
                if pmap.name in common_names:
                    continue
                if pmap.values and rel.fact_class is None:
                    raise ValueError(f"{rel.type}.{pmap.name}: a closed list of values needs a fact class to check")
                shape = self.node_shape(f"{rel.type}-{pmap.name}", f"{pmap.name} of a {rel.type} fact.")
                if pmap.values:
                    self.g.add((shape, SH.targetClass, URIRef(str(rel.fact_class))))
                else:
                    self.g.add((shape, SH.targetSubjectsOf, URIRef(pmap.predicate)))
                self.values(self.property_shape(shape, pmap.name, URIRef(pmap.predicate)), pmap)

        # fact classes (org:Membership for holdings, schema:Role for participations)
        by_class: dict[str, list[RelationMap]] = defaultdict(list)
        for rel in m.relations.values():
            if rel.fact_class is not None:
                by_class[rel.fact_class].append(rel)
        for fact_class, rels in sorted(by_class.items()):
            local = (m.curie(fact_class) or fact_class).replace(":", "-")
            shape = self.node_shape(local, f"A fact of type {', '.join(r.type for r in rels)}.")
            self.g.add((shape, SH.targetClass, URIRef(fact_class)))
            subjects = sorted({lbl for r in rels for lbl in (r.targets if r.inverse else r.sources)})
            objects = sorted({lbl for r in rels for lbl in (r.sources if r.inverse else r.targets)})
            self.classes_of(self.property_shape(shape, "subject", RDF.subject), subjects)
            self.classes_of(self.property_shape(shape, "object", RDF.object), objects)
            for rel in rels:
                if rel.fact_subject is not None:
                    prop = self.property_shape(
                        shape, (m.curie(rel.fact_subject) or "member").replace(":", "-"), URIRef(rel.fact_subject)
                    )
                    self.g.add((prop, SH.minCount, Literal(1)))
                    self.g.add((prop, SH.maxCount, Literal(1)))
                    self.classes_of(prop, rel.sources)
                if rel.fact_during is not None:
                    prop = self.property_shape(shape, "during", URIRef(rel.fact_during))
                    self.g.add((prop, SH.maxCount, Literal(1)))
                    self.g.add((prop, SH["class"], self.iri("time:Interval")))
                for predicate, via in rel.fact_from_target:
                    prop = self.property_shape(shape, (m.curie(predicate) or via).replace(":", "-"), URIRef(predicate))
                    self.g.add((prop, SH.nodeKind, SH.IRI))
                    if via in m.relations:
                        self.classes_of(prop, m.relations[via].targets)
                    else:
                        self.g.add((prop, SH["class"], self.iri("skos:Concept")))

        # evidence nodes
        shape = self.node_shape("Evidence", "The sentence that supports a fact, with its offsets in the article.")
        self.g.add((shape, SH.targetClass, self.iri("prov:Derivation")))
        for pmap in evidence_props:
            prop = self.property_shape(shape, pmap.name, URIRef(pmap.predicate))
            self.values(prop, pmap)
            if pmap.ref is not None:
                self.g.add((prop, SH.minCount, Literal(1)))
            if pmap.type == "INT64":
                self.g.add((prop, SH.minInclusive, Literal(0)))

        # time intervals of holdings
        shape = self.node_shape("Interval", "When a holding was seen: first and last article dates.")
        self.g.add((shape, SH.targetClass, self.iri("time:Interval")))
        for name in ("hasBeginning", "hasEnd"):
            prop = self.property_shape(shape, name, self.iri(f"time:{name}"))
            self.g.add((prop, SH.maxCount, Literal(1)))
            self.g.add((prop, SH["class"], self.iri("time:Instant")))
        shape = self.node_shape("Instant", "A date.")
        self.g.add((shape, SH.targetClass, self.iri("time:Instant")))
        prop = self.property_shape(shape, "date", self.iri("time:inXSDDate"))
        self.g.add((prop, SH.minCount, Literal(1)))
        self.g.add((prop, SH.maxCount, Literal(1)))
        self.g.add((prop, SH.datatype, XSD.date))

        # SKOS concepts (roles, organisation kinds)
        shape = self.node_shape("Concept", "A role or organisation kind, labelled in Vietnamese and/or English.")
        self.g.add((shape, SH.targetClass, self.iri("skos:Concept")))
        prop = self.property_shape(shape, "prefLabel", self.iri("skos:prefLabel"))
        self.g.add((prop, SH.minCount, Literal(1)))
        self.g.add((prop, SH.datatype, RDF.langString))
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
        return self.g


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
