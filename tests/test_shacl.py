"""The SHACL shapes shipped with the project: generated from the schema, pass good data, catch bad data."""

from __future__ import annotations

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SH
from test_rdf import BASE, make_graph, parse

from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.rdf.export import to_string
from danvan.graph.rdf.mapping import MAPPING
from danvan.graph.rdf.shapes import SHAPES_FILE, build_shapes, load_shapes, validate

ORG = Namespace("http://www.w3.org/ns/org#")
SDO = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")


def export(kg: KnowledgeGraph) -> Graph:
    return parse(to_string(kg, "turtle", created="2026-01-01"), "turtle")


def violations(report: Graph) -> set[tuple[str, str]]:
    """(focus node, path) of every violation in a pySHACL report."""
    out = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        out.add((str(report.value(result, SH.focusNode)), str(report.value(result, SH.resultPath))))
    return out


def test_shipped_shapes_are_the_ones_the_schema_generates() -> None:
    assert SHAPES_FILE.is_file()
    stale = "graph/shapes.ttl is stale: run python -m graph.rdf.shapes --write"
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
