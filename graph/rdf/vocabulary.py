"""The project vocabulary (``dv:``) as its own Turtle file: every term with label, comment, domain and range.

Terms come from the schema: each property exported as ``dv:<name>`` (its description is the comment,
the classes of the labels or facts using it the domain, its datatype or target class the range), plus
the classes and predicates declared in ``[rdf_vocabulary]``. A term used by one class gets
``rdfs:domain``; one used by several gets ``schema:domainIncludes`` for each (several ``rdfs:domain``
would mean their intersection). The file is written with the same Turtle writer as the data, so it is
sorted and byte-stable; publish it at the vocabulary's namespace (see the README, "RDF").
"""

from __future__ import annotations

from typing import TextIO

from danvan.graph.rdf import terms
from danvan.graph.rdf.mapping import MAPPING, PropertyMap, RdfMapping
from danvan.graph.rdf.triples import RDF_TYPE, Block, Pairs, sort_pairs
from danvan.graph.rdf.writers import TurtleWriter

OWL = "http://www.w3.org/2002/07/owl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD_RANGES = {"DATE": "date", "INT64": "integer", "DOUBLE": "double", "BOOL": "boolean", "STRING": "string"}


def ontology_iri(mapping: RdfMapping) -> str:
    """The vocabulary's own IRI: its namespace without a trailing ``#``."""
    return mapping.vocab.removesuffix("#")


def _range(prop: PropertyMap, mapping: RdfMapping) -> str:
    if prop.ref is not None:
        return mapping.classes[prop.ref].iri
    if prop.link is not None:
        return mapping.classes[prop.link].iri
    if prop.scheme is not None:
        return mapping.expand("skos:Concept")
    if prop.lang is not None:
        return RDFS + "Literal"  # Vietnamese (@vi) or untagged text
    if prop.dated:
        return RDFS + "Literal"  # xsd:date, xsd:gYearMonth or xsd:gYear
    return terms.XSD + _XSD_RANGES.get(prop.type.removesuffix("[]"), "string")


def vocabulary_blocks(mapping: RdfMapping = MAPPING) -> list[Block]:
    m = mapping
    ns = m.vocab
    ontology = ontology_iri(m)
    label, comment = RDFS + "label", RDFS + "comment"
    defined_by = RDFS + "isDefinedBy"
    domain_includes = m.expand("schema:domainIncludes")
    blocks: dict[str, Pairs] = {
        ontology: [
            (RDF_TYPE, f"<{OWL}Ontology>"),
            (label, terms.lang_literal("danvan vocabulary", "en")),
            (comment, terms.lang_literal(m.dataset.description_en or "The danvan project vocabulary.", "en")),
        ]
    }

    def add(subject: str, pairs: Pairs) -> None:
        blocks.setdefault(subject, []).extend(pairs)

    owner_class = {c.label: c.iri for c in m.classes.values()}
    for rel in m.relations.values():
        # properties of a relationship sit on its qualified node (or on its statement)
        owner_class[rel.type] = rel.qualified.cls if rel.qualified is not None else terms.RDF + "Statement"
    for predicate, uses in sorted(m.property_uses.items()):
        description = m.vocab_terms[predicate]
        local = predicate[len(ns) :]
        pairs: Pairs = [
            (RDF_TYPE, f"<{terms.RDF}Property>"),
            (label, terms.lang_literal(local, "en")),
            (comment, terms.lang_literal(description, "en")),
            (defined_by, f"<{ontology}>"),
        ]
        domains = sorted({owner_class[owner] for owner, _ in uses})
        if len(domains) == 1:
            pairs.append((RDFS + "domain", f"<{domains[0]}>"))
        else:
            pairs.extend((domain_includes, f"<{d}>") for d in domains)
        ranges = sorted({_range(prop, m) for _, prop in uses})
        if len(ranges) == 1:
            pairs.append((RDFS + "range", f"<{ranges[0]}>"))
        add(predicate, pairs)
        # the fallback of a link (dv:provinceName): text, where no node of that name exists
        fallbacks = sorted({prop.link_fallback for _, prop in uses if prop.link_fallback is not None})
        for fallback in fallbacks:
            owners = sorted({owner_class[o] for o, prop in uses if prop.link_fallback == fallback})
            fallback_pairs: Pairs = [(RDF_TYPE, f"<{terms.RDF}Property>"), (RDFS + "range", f"<{RDFS}Literal>")]
            if len(owners) == 1:
                fallback_pairs.append((RDFS + "domain", f"<{owners[0]}>"))
            else:
                fallback_pairs.extend((domain_includes, f"<{d}>") for d in owners)
            add(fallback, fallback_pairs)
    for term in m.vocabulary.values():
        pairs = [
            (label, terms.lang_literal(term.label, "en")),
            (comment, terms.lang_literal(term.comment, "en")),
            (defined_by, f"<{ontology}>"),
        ]
        if term.is_class:
            pairs.append((RDF_TYPE, f"<{OWL}Class>"))
            if term.subclass:
                pairs.append((RDFS + "subClassOf", f"<{term.subclass}>"))
        else:
            pairs.append((RDF_TYPE, f"<{terms.RDF}Property>"))
            if term.domain:
                pairs.append((RDFS + "domain", f"<{term.domain}>"))
            if term.range:
                pairs.append((RDFS + "range", f"<{term.range}>"))
        add(term.iri, pairs)
    # every other project term the export uses (classes named by the schema, link fallbacks)
    for cls in m.classes.values():
        if cls.iri.startswith(ns):
            add(cls.iri, [(RDF_TYPE, f"<{OWL}Class>"), (label, terms.lang_literal(cls.label_en, "en"))])
    for subject, pairs in blocks.items():
        if subject != ontology and (defined_by, f"<{ontology}>") not in pairs:
            pairs.append((defined_by, f"<{ontology}>"))
    return sorted((s, sort_pairs(p)) for s, p in blocks.items())


def write_vocabulary(stream: TextIO, mapping: RdfMapping = MAPPING) -> int:
    """Write the vocabulary as Turtle; returns the number of triples."""
    writer = TurtleWriter(mapping)
    writer.mapping = mapping
    stream.write(writer.header().replace("\n\n", f"\n@prefix owl: <{OWL}> .\n\n", 1))
    return writer.write_blocks(vocabulary_blocks(mapping), stream)
