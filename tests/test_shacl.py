"""The SHACL shapes shipped with the project: generated from the schema, pass good data, catch bad data."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SH
from test_rdf import BASE, make_graph, parse

from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.rdf.export import to_string
from danvan.graph.rdf.mapping import MAPPING
from danvan.graph.rdf.shapes import SHAPES_FILE, build_shapes, load_shapes, validate
from danvan.graph.rdf.validate import UnsupportedShape, compile_shapes, validate_store

ORG = Namespace("http://www.w3.org/ns/org#")
SDO = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")


def export(kg: KnowledgeGraph) -> Graph:
    return parse(to_string(kg, "turtle", created="2026-01-01"), "turtle")


def violations(report: Graph) -> set[tuple[str, str]]:
    """(focus node, path) of every violation in a pySHACL report."""
    out = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        out.add((str(report.value(result, SH.focusNode)), "" if path is None else str(path)))
    return out


def test_shipped_shapes_are_the_ones_the_schema_generates() -> None:
    assert SHAPES_FILE.is_file()
    stale = "graph/shapes.ttl is stale: run python -m danvan.graph.rdf.shapes --write"
    assert isomorphic(load_shapes(), build_shapes()), stale


def test_shapes_cover_every_class_and_a_holding_needs_a_person() -> None:
    shapes = load_shapes()
    targets = set(shapes.objects(None, SH.targetClass))
    expected = {SDO.Person, ORG.Organization, ORG.Post, SDO.Event, SDO.NewsArticle, ORG.Membership, RDF.Statement}
    assert expected <= targets


def test_sample_export_conforms() -> None:
    conforms, _, text = validate(export(make_graph()))
    assert conforms, text


def test_seed_export_conforms(seed_graph: KnowledgeGraph) -> None:
    data = export(seed_graph)
    assert len(data) > 500
    conforms, _, text = validate(data)
    assert conforms, text


def test_holding_without_a_person_is_reported() -> None:
    data = export(make_graph())
    [membership] = list(data.subjects(RDF.type, ORG.Membership))
    data.remove((membership, ORG.member, None))
    conforms, report, _ = validate(data)
    assert not conforms
    assert (str(membership), str(ORG.member)) in violations(report)


def test_holding_by_an_organisation_is_reported() -> None:
    data = export(make_graph())
    [membership] = list(data.subjects(RDF.type, ORG.Membership))
    organisation = URIRef(BASE + "organization/tinh-uy-44444444")
    data.set((membership, ORG.member, organisation))
    conforms, report, _ = validate(data)
    assert not conforms
    assert (str(membership), str(ORG.member)) in violations(report)


def test_date_that_is_not_a_date_is_reported() -> None:
    event = URIRef(BASE + "event/hoi-nghi-66666666")
    for bad in (Literal("2022-13-45", datatype=XSD.date), Literal("hôm qua"), Literal(2022)):
        data = export(make_graph())
        data.set((event, SDO.startDate, bad))
        conforms, report, _ = validate(data)
        assert not conforms, bad
        assert violations(report) == {(str(event), str(SDO.startDate))}, bad


def test_a_bad_date_in_the_graph_itself_is_reported() -> None:
    kg = make_graph()
    kg.add_node("event:hoi-nghi-66666666", "Event", date="23/12")
    conforms, report, _ = validate(export(kg))
    assert not conforms
    assert (BASE + "event/hoi-nghi-66666666", str(SDO.startDate)) in violations(report)


def test_fact_without_a_source_article_is_reported() -> None:
    data = export(make_graph())
    [membership] = list(data.subjects(RDF.type, ORG.Membership))
    data.remove((membership, PROV.wasDerivedFrom, None))
    conforms, report, _ = validate(data)
    assert not conforms
    assert (str(membership), str(PROV.wasDerivedFrom)) in violations(report)


def test_holding_status_outside_the_schema_list_is_reported_but_place_status_is_not(
    seed_graph: KnowledgeGraph,
) -> None:
    # The seeds name Bắc Giang and Nam Định, merged on 1 July 2025: their Places say "merged" with the
    # same dv:status predicate, which the HOLDS list (current, former, new) must leave alone.
    data = export(seed_graph)
    dv = Namespace(MAPPING.prefixes["dv"])
    merged = set(data.subjects(dv.status, Literal("merged")))
    assert merged and all((m, RDF.type, SDO.AdministrativeArea) in data for m in merged)
    conforms, _, text = validate(data)
    assert conforms, text
    membership = sorted(data.subjects(RDF.type, ORG.Membership))[0]
    data.set((membership, dv.status, Literal("acting")))  # not a status the schema declares
    conforms, report, _ = validate(data)
    assert not conforms
    assert violations(report) == {(str(membership), str(dv.status))}


# ---------------------------------------------------------------- the SPARQL validator (fast path)

TIME = Namespace("http://www.w3.org/2006/time#")
OA = Namespace("http://www.w3.org/ns/oa#")


def fast_violations(data: Graph) -> set[tuple[str, str]]:
    store = ox.Store()
    store.load(input=data.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES)
    return {(v.focus, v.path) for v in validate_store(store, load_shapes())}


def _break_membership(data: Graph) -> None:
    [membership] = list(data.subjects(RDF.type, ORG.Membership))
    data.remove((membership, ORG.member, None))
    data.add((membership, ORG.organization, URIRef(BASE + "organization/bdv-55555555")))  # a second one


def _break_role(data: Graph) -> None:
    # a Role that wraps schema:attendee but hangs off the event's schema:performer
    role = sorted(data.subjects(RDF.type, SDO.Role))[0]
    event = URIRef(BASE + "event/hoi-nghi-66666666")
    for predicate in list(data.predicates(event, role)):
        data.remove((event, predicate, role))
    data.add((event, SDO.performer, role))
    data.add((role, SDO.attendee, URIRef(BASE + "person/viet-hung-22222222")))


def _break_instant(data: Graph) -> None:
    [instant] = list(data.subjects(RDF.type, TIME.Instant))
    data.add((instant, TIME.inXSDGYear, Literal("2020", datatype=XSD.gYear)))  # not a time: term
    data.add((instant, TIME.inXSDgYear, Literal("2020", datatype=XSD.gYear)))  # a second precision


def _break_evidence(data: Graph) -> None:
    selector = sorted(data.subjects(RDF.type, OA.TextPositionSelector))[0]
    data.set((selector, OA.start, Literal("mười")))
    derivation = sorted(data.subjects(RDF.type, PROV.Derivation))[0]
    data.remove((derivation, PROV.hadActivity, None))


def _statement_is_membership(data: Graph) -> None:
    fact = sorted(data.subjects(RDF.predicate, ORG.holds))[0]
    data.add((fact, RDF.type, ORG.Membership))


def _member_of_a_subclass(data: Graph) -> None:
    # a subclass of schema:Person counts as a person (sh:class and sh:targetClass follow rdfs:subClassOf)
    official, cls = URIRef("urn:x:official"), URIRef("urn:x:Official")
    data.add((cls, RDFS.subClassOf, SDO.Person))
    data.add((official, RDF.type, cls))
    [membership] = list(data.subjects(RDF.type, ORG.Membership))
    data.set((membership, ORG.member, official))


@pytest.mark.parametrize(
    "breaks",
    [_break_membership, _break_role, _break_instant, _break_evidence, _statement_is_membership, _member_of_a_subclass],
)
def test_sparql_validator_reports_what_pyshacl_reports(breaks: Any) -> None:
    data = export(make_graph())
    assert fast_violations(data) == set()
    breaks(data)
    conforms, report, _ = validate(data)
    expected = violations(report)
    assert not conforms and expected
    assert fast_violations(data) == expected


def test_sparql_validator_passes_the_seed_export(seed_graph: KnowledgeGraph) -> None:
    for profile in ("full", "lean"):
        data = parse(to_string(seed_graph, "turtle", created="2026-01-01", profile=profile), "turtle")
        assert fast_violations(data) == set(), profile


def test_sparql_validator_refuses_shapes_it_cannot_translate() -> None:
    shapes = Graph().parse(
        data="@prefix sh: <http://www.w3.org/ns/shacl#> . <urn:s> a sh:NodeShape ; "
        "sh:targetClass <urn:C> ; sh:property [ sh:path <urn:p> ; sh:pattern '^a' ] .",
        format="turtle",
    )
    with pytest.raises(UnsupportedShape):
        compile_shapes(shapes)
