"""RDF export of hand-built knowledge graphs: round trips, canonical bytes, IRIs, hostile text, VoID."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef

from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.rdf.export import FORMATS, export_rdf, to_string
from danvan.graph.rdf.iris import normalize_base

ORG = Namespace("http://www.w3.org/ns/org#")
SDO = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
TIME = Namespace("http://www.w3.org/2006/time#")
DV = Namespace("https://danvan.example.org/vocab#")
BASE = "https://danvan.example.org/id/"
PARSERS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "trig": "trig"}

HOSTILE = 'Lê "Văn" <b>A</b> > \\ x\nline\r\t<script>alert(1)</script>\u2028\u2029\x85\x00\x7f 😀'
ART1 = "article:0000aaaa0000aaaa"
ART2 = "article:0000bbbb0000bbbb"
D1, D2 = dt.date(2022, 12, 23), dt.date(2023, 1, 6)


def _nodes(hostile: str = "") -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (
            ART1,
            "Article",
            {
                "name": "Bài 1",
                "title": "Hội nghị" + hostile,
                "published": D2,
                "authors": ["Việt Hùng"],
                "url": 'http://x.vn/a?b="c"&<d>',
                "extraction": '{"big": "json"}',
            },
        ),
        (ART2, "Article", {"name": "Bài 2", "title": "Hội thảo", "published": "2023-03-25"}),
        ("person:le-quoc-chinh-11111111", "Person", {"name": "Lê Quốc Chỉnh" + hostile, "aliases": ["L.Q.Chỉnh"]}),
        ("person:viet-hung-22222222", "Person", {"name": "Việt Hùng"}),
        (
            "post:pho-bi-thu-33333333",
            "Post",
            {
                "name": "Phó Bí thư Thường trực Tỉnh ủy Nam Định",
                "role": "Phó Bí thư Thường trực",
                "organization": "Tỉnh ủy Nam Định",
            },
        ),
        (
            "organization:tinh-uy-44444444",
            "Organization",
            {"name": "Tỉnh ủy Nam Định", "kind": "party_committee", "level": "province", "aliases": ["TU"]},
        ),
        ("organization:bdv-55555555", "Organization", {"name": "Ban Dân vận Tỉnh ủy Nam Định", "kind": "commission"}),
        ("event:hoi-nghi-66666666", "Event", {"name": "hội nghị tổng kết", "kind": "hội nghị", "date": D1}),
        ("campaign:dan-van-kheo-77777777", "Campaign", {"name": "Dân vận khéo", "kind": "movement"}),
        ("document:de-an-17-88888888", "Document", {"name": "Đề án 17", "kind": "đề án", "number": "17", "year": 2020}),
        ("place:nam-dinh-99999999", "Place", {"name": "Nam Định", "kind": "province", "status": "merged"}),
        ("place:ninh-binh-aaaaaaaa", "Place", {"name": "Ninh Bình", "kind": "province", "status": "current"}),
    ]


def _prov(*articles: str, sentence: str = "Câu bằng chứng.") -> dict[str, Any]:
    return {
        "sources": sorted(articles),
        "first_seen": D1,
        "last_seen": D2,
        "evidence": sentence,
        "evidence_article": articles[0],
        "evidence_start": 10,
        "evidence_end": 10 + len(sentence),
    }


def _edges(hostile: str = "") -> list[tuple[str, str, str, dict[str, Any]]]:
    p, post = "person:le-quoc-chinh-11111111", "post:pho-bi-thu-33333333"
    tu, bdv = "organization:tinh-uy-44444444", "organization:bdv-55555555"
    ev, camp, doc = "event:hoi-nghi-66666666", "campaign:dan-van-kheo-77777777", "document:de-an-17-88888888"
    nd, nb = "place:nam-dinh-99999999", "place:ninh-binh-aaaaaaaa"
    return [
        (
            p,
            post,
            "HOLDS",
            {
                "status": "current",
                "start": "2020-10",
                "term": "2020-2025",
                **_prov(ART1, ART2, sentence="Đồng chí Lê Quốc Chỉnh" + hostile),
            },
        ),
        (post, tu, "POST_IN", _prov(ART1)),
        (bdv, tu, "PART_OF", _prov(ART1)),
        (tu, nd, "BASED_IN", _prov(ART1)),
        (nd, nb, "MERGED_INTO", {"effective": dt.date(2025, 7, 1), **_prov(ART2)}),
        (p, ev, "ATTENDED", _prov(ART1)),
        (p, ev, "SPOKE_AT", _prov(ART1)),
        (p, ev, "CHAIRED", _prov(ART1)),
        (bdv, ev, "ORGANIZED", _prov(ART1)),
        (ev, nd, "HELD_IN", _prov(ART1)),
        (nd, camp, "RUNS", {"value": 4235.0, "unit": "mô hình", "as_of": D2, **_prov(ART1)}),
        (tu, doc, "ISSUED", _prov(ART2)),
        (ev, doc, "IMPLEMENTS", _prov(ART2)),
        ("person:viet-hung-22222222", ART1, "AUTHORED", {"sources": [ART1]}),
        (p, ART1, "MENTIONED_IN", _prov(ART1)),
    ]


def make_graph(order: str = "given", hostile: str = "") -> KnowledgeGraph:
    """The sample graph; ``order`` changes only the insertion order of nodes and edges."""
    nodes, edges = _nodes(hostile), _edges(hostile)
    if order == "reversed":
        nodes, edges = nodes[::-1], edges[::-1]
    elif order == "shuffled":
        rng = random.Random(7)
        rng.shuffle(nodes)
        rng.shuffle(edges)
    kg = KnowledgeGraph()
    for node_id, label, props in nodes:
        kg.add_node(node_id, label, **props)
    for source, target, rel_type, props in edges:
        kg.add_edge(source, target, rel_type, **props)
    return kg


def parse(text: str, fmt: str) -> Graph:
    """Parse an export; for TriG, the union of all its graphs."""
    if fmt == "trig":
        ds = Dataset()
        ds.parse(data=text, format="trig")
        union = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return Graph().parse(data=text, format=PARSERS[fmt])


@pytest.fixture(scope="module")
def sample() -> KnowledgeGraph:
    return make_graph()


@pytest.fixture(scope="module")
def turtle(sample: KnowledgeGraph) -> Graph:
    return parse(to_string(sample, "turtle", created="2026-01-01"), "turtle")


def iri(kind: str, local: str) -> URIRef:
    return URIRef(f"{BASE}{kind}/{local}")


# ---------------------------------------------------------------- round trip and counts


def test_every_format_parses_back_to_the_same_triples(sample: KnowledgeGraph) -> None:
    graphs = {fmt: parse(to_string(sample, fmt, created="2026-01-01"), fmt) for fmt in FORMATS}
    turtle = graphs["turtle"]
    assert len(turtle) > 150
    for fmt, graph in graphs.items():
        assert len(graph) == len(turtle), fmt
        assert set(graph) == set(turtle), f"{fmt} holds other triples than Turtle"


def test_void_triples_counts_every_triple_of_the_file(sample: KnowledgeGraph) -> None:
    for fmt in FORMATS:
        text = to_string(sample, fmt, created="2026-01-01")
        graph = parse(text, fmt)
        dataset = URIRef(BASE + "dataset")
        assert graph.value(dataset, VOID.triples) == Literal(len(graph)), fmt
        assert graph.value(dataset, VOID.entities) == Literal(len(_nodes()))


def test_export_rdf_returns_the_count_and_writes_the_file(sample: KnowledgeGraph, tmp_path: Path) -> None:
    out = tmp_path / "deep" / "graph.nt"
    count = export_rdf(sample, "ntriples", out, base=BASE, created="2026-01-01")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert count == len(lines) == len(Graph().parse(out, format="nt"))


def test_trig_puts_each_fact_in_the_graph_of_its_evidence_article(sample: KnowledgeGraph) -> None:
    ds = Dataset()
    ds.parse(data=to_string(sample, "trig"), format="trig")
    person, post = iri("person", "le-quoc-chinh-11111111"), iri("post", "pho-bi-thu-33333333")
    where = {str(g) for s, p, o, g in ds.quads((person, ORG.holds, post, None))}
    assert where == {BASE + "article/0000aaaa0000aaaa"}
    merged = {str(g) for s, p, o, g in ds.quads((None, DCTERMS.isReplacedBy, None, None))}
    assert merged == {BASE + "article/0000bbbb0000bbbb"}
    # entities themselves live in the default graph
    labels = {g for s, p, o, g in ds.quads((person, RDFS.label, None, None))}
    assert len(labels) == 1 and str(next(iter(labels))).startswith("urn:x-rdflib:default")


# ---------------------------------------------------------------- canonical output


def test_same_graph_gives_byte_identical_output(sample: KnowledgeGraph) -> None:
    for fmt in FORMATS:
        assert to_string(sample, fmt, created="2026-01-01") == to_string(sample, fmt, created="2026-01-01"), fmt


def test_insertion_order_does_not_change_a_byte() -> None:
    given, rev, shuffled = make_graph("given"), make_graph("reversed"), make_graph("shuffled")
    assert next(iter(given.g.nodes)) != next(iter(rev.g.nodes))  # the graphs really were built differently
    for fmt in FORMATS:
        text = to_string(given, fmt)
        assert text == to_string(rev, fmt) == to_string(shuffled, fmt), fmt


def test_turtle_subjects_are_sorted(sample: KnowledgeGraph) -> None:
    text = to_string(sample, "turtle")
    data = text.split("<" + BASE + "dataset>")[0]  # the description comes last
    subjects = [m.group(1) for m in re.finditer(r"^<([^>]+)> ", data, re.M)]
    assert subjects == sorted(subjects) and len(subjects) > 20


def test_base_and_created_change_the_output() -> None:
    kg = make_graph()
    other = to_string(kg, "turtle", base="http://example.com/kg#")
    assert "<http://example.com/kg#person/le-quoc-chinh-11111111>" in other
    assert to_string(kg, "turtle", created="2026-01-01") != to_string(kg, "turtle", created="2026-01-02")


# ---------------------------------------------------------------- vocabulary


def test_holding_is_an_org_membership_with_interval_and_evidence(turtle: Graph) -> None:
    person, post = iri("person", "le-quoc-chinh-11111111"), iri("post", "pho-bi-thu-33333333")
    assert (person, ORG.holds, post) in turtle  # a current holding
    assert (post, ORG.postIn, iri("organization", "tinh-uy-44444444")) in turtle
    [membership] = list(turtle.subjects(ORG.member, person))
    assert (membership, RDF.type, ORG.Membership) in turtle
    assert (membership, RDF.type, RDF.Statement) not in turtle  # the statement is a node of its own
    assert turtle.value(membership, DV.post) == post
    assert turtle.value(membership, ORG.organization) == iri("organization", "tinh-uy-44444444")
    role = turtle.value(membership, ORG.role)
    assert role == turtle.value(post, ORG.role)
    assert (role, SKOS.prefLabel, Literal("Phó Bí thư Thường trực", lang="vi")) in turtle
    assert (role, SKOS.prefLabel, Literal("Standing Deputy Secretary", lang="en")) in turtle
    # the tenure is the stated start (a month), not the article dates, which stay first/last seen
    interval = turtle.value(membership, ORG.memberDuring)
    begin = turtle.value(interval, TIME.hasBeginning)
    assert turtle.value(begin, TIME.inXSDgYearMonth) == Literal("2020-10", datatype=XSD.gYearMonth)
    assert turtle.value(interval, TIME.hasEnd) is None
    assert turtle.value(membership, DV.firstSeen) == Literal(D1)
    assert turtle.value(membership, DV.lastSeen) == Literal(D2)
    assert turtle.value(membership, DV["term"]) == Literal("2020-2025")
    assert set(turtle.objects(membership, PROV.wasDerivedFrom)) == {
        iri("article", "0000aaaa0000aaaa"),
        iri("article", "0000bbbb0000bbbb"),
    }
    # the reified statement of the holds triple (full profile), with the evidence
    [fact] = list(turtle.subjects(RDF.predicate, ORG.holds))
    assert turtle.value(fact, RDF.subject) == person and turtle.value(fact, RDF.object) == post
    evidence = turtle.value(fact, PROV.qualifiedDerivation)
    assert (membership, PROV.qualifiedDerivation, evidence) in turtle
    target = turtle.value(evidence, PROV.entity)
    assert (target, RDF.type, OA.SpecificResource) in turtle
    assert turtle.value(target, OA.hasSource) == iri("article", "0000aaaa0000aaaa")
    selectors = {turtle.value(s, RDF.type): s for s in turtle.objects(target, OA.hasSelector)}
    assert turtle.value(selectors[OA.TextQuoteSelector], OA.exact) == Literal("Đồng chí Lê Quốc Chỉnh", lang="vi")
    assert turtle.value(selectors[OA.TextPositionSelector], OA.start) == Literal(10, datatype=XSD.nonNegativeInteger)


def test_participations_follow_the_schema_org_role_pattern(turtle: Graph) -> None:
    person, event = iri("person", "le-quoc-chinh-11111111"), iri("event", "hoi-nghi-66666666")
    assert (event, SDO.attendee, person) in turtle
    assert (event, SDO.performer, person) in turtle
    assert (event, DV.chair, person) in turtle
    # chairing and organising are different things
    assert (event, SDO.organizer, person) not in turtle
    assert set(turtle.objects(event, SDO.organizer)) == {iri("organization", "bdv-55555555")}
    roles = list(turtle.subjects(RDF.type, SDO.Role))
    assert len(roles) == 3
    for role in roles:
        # the event points at the Role with the same property the Role points at the person with
        [(subject, predicate)] = list(turtle.subject_predicates(role))
        assert subject == event and (role, predicate, person) in turtle
        assert turtle.value(role, PROV.wasDerivedFrom) == iri("article", "0000aaaa0000aaaa")
        assert (role, RDF.type, RDF.Statement) not in turtle
    names = {o for r in roles for o in turtle.objects(r, SDO.roleName)}
    assert {
        Literal("attended", lang="en"),
        Literal("dự", lang="vi"),
        Literal("chaired", lang="en"),
        Literal("spoke at", lang="en"),
    } <= names


def test_article_mentions_authors_and_dates(turtle: Graph) -> None:
    article = iri("article", "0000aaaa0000aaaa")
    assert (article, RDF.type, SDO.NewsArticle) in turtle
    assert (article, SDO.mentions, iri("person", "le-quoc-chinh-11111111")) in turtle
    assert (article, SDO.author, iri("person", "viet-hung-22222222")) in turtle
    assert turtle.value(article, SDO.datePublished) == Literal(D2)
    assert turtle.value(article, SDO.datePublished).datatype == XSD.date
    # the extraction JSON is internal state, not data
    assert not any("big" in str(o) for o in turtle.objects(article, None))


def test_labels_are_vietnamese_and_classes_are_labelled_in_two_languages(turtle: Graph) -> None:
    for s, o in turtle.subject_objects(RDFS.label):
        if str(s).startswith(BASE) and (s, RDF.type, DV.Build) not in turtle:
            assert o.language == "vi", (s, o)
    for cls in (SDO.Person, ORG.Organization, ORG.Post, SDO.Event, SDO.NewsArticle):
        langs = {o.language for o in turtle.objects(cls, RDFS.label)}
        assert langs == {"vi", "en"}, cls


def test_organisation_kinds_are_skos_concepts(turtle: Graph) -> None:
    tu = iri("organization", "tinh-uy-44444444")
    kind = turtle.value(tu, ORG.classification)
    assert (kind, RDF.type, SKOS.Concept) in turtle
    assert (kind, SKOS.notation, Literal("party_committee")) in turtle
    assert {o.language for o in turtle.objects(kind, SKOS.prefLabel)} == {"vi", "en"}
    scheme = turtle.value(kind, SKOS.inScheme)
    assert (scheme, RDF.type, SKOS.ConceptScheme) in turtle
    assert (scheme, SKOS.hasTopConcept, kind) in turtle


def test_campaign_figures_and_merger_dates(turtle: Graph) -> None:
    nd, nb = iri("place", "nam-dinh-99999999"), iri("place", "ninh-binh-aaaaaaaa")
    campaign = iri("campaign", "dan-van-kheo-77777777")
    assert (nd, DV.runs, campaign) in turtle
    [figure] = list(turtle.subjects(RDF.type, DV.CampaignFigure))
    assert turtle.value(figure, DV.runner) == nd and turtle.value(figure, DV.campaign) == campaign
    assert turtle.value(figure, SDO.value) == Literal(4235.0)
    assert turtle.value(figure, SDO.unitText) == Literal("mô hình", lang="vi")
    assert (nd, DCTERMS.isReplacedBy, nb) in turtle
    [merger] = list(turtle.subjects(RDF.type, DV.Merger))
    assert turtle.value(merger, DV.effective) == Literal(dt.date(2025, 7, 1))
    assert turtle.value(merger, DV.mergedPlace) == nd and turtle.value(merger, DV.mergedInto) == nb


def test_void_description(turtle: Graph) -> None:
    ds = URIRef(BASE + "dataset")
    assert (ds, RDF.type, VOID.Dataset) in turtle
    assert turtle.value(ds, DCTERMS.created) == Literal(dt.date(2026, 1, 1))
    assert turtle.value(ds, DCTERMS.license) is not None
    assert {t.language for t in turtle.objects(ds, DCTERMS.title)} == {"vi", "en"}
    partitions = {
        turtle.value(p, VOID["class"]): turtle.value(p, VOID.entities) for p in turtle.objects(ds, VOID.classPartition)
    }
    assert partitions[SDO.Person] == Literal(2) and partitions[SDO.NewsArticle] == Literal(2)


def test_created_is_optional_and_checked() -> None:
    kg = make_graph()
    graph = parse(to_string(kg, "turtle"), "turtle")
    assert graph.value(URIRef(BASE + "dataset"), DCTERMS.created) is None
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        to_string(kg, "turtle", created="23/12/2022")


# ---------------------------------------------------------------- IRIs and hostile text

_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f\u2028\u2029\x85]')


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_text_never_breaks_iris_or_literals(fmt: str) -> None:
    kg = make_graph(hostile=HOSTILE)
    kg.add_node('person:Trần <Văn> "B"\n>', "Person", name=HOSTILE)
    kg.add_node("post:role>x", "Post", name="Chức " + HOSTILE, role=HOSTILE)
    kg.add_edge('person:Trần <Văn> "B"\n>', "post:role>x", "HOLDS", **_prov(ART1, sentence=HOSTILE))
    text = to_string(kg, fmt, base='https://ex.org/a b/<x>"{|}^`\\/')
    graph = parse(text, fmt)
    for term in {t for triple in graph for t in triple}:
        if isinstance(term, URIRef):
            assert not _BAD_IRI_CHARS.search(str(term)), term
            allowed = (
                "https://ex.org/a%20b/%3Cx%3E",
                "http://",
                "https://schema.org/",
                "https://danvan.example.org/vocab#",
            )
            assert str(term).startswith(allowed), term
    labels = {str(o) for o in graph.objects(None, RDFS.label)}
    assert "Lê Quốc Chỉnh" + HOSTILE in labels and HOSTILE in labels
    assert Literal(HOSTILE, lang="vi") in set(graph.objects(None, OA.exact))
    assert Literal(HOSTILE, lang="vi") in set(graph.objects(None, SKOS.prefLabel))
    assert Literal("Hội nghị" + HOSTILE, lang="vi") in set(graph.objects(None, SDO.headline))


def test_base_iri_is_checked_and_encoded() -> None:
    assert normalize_base("https://ex.org/id") == "https://ex.org/id/"
    assert normalize_base("https://ex.org/a b/<x>#") == "https://ex.org/a%20b/%3Cx%3E#"
    assert normalize_base("https://ex.org/%20/") == "https://ex.org/%20/"
    with pytest.raises(ValueError, match="absolute"):
        normalize_base("not an iri")


def test_clean_ids_are_kept_and_others_are_slugged_with_a_hash() -> None:
    kg = KnowledgeGraph()
    kg.add_node("person:nguyen-van-a-1a2b3c4d", "Person", name="Nguyễn Văn A")
    kg.add_node("Nguyễn Văn A", "Person", name="Nguyễn Văn A")
    kg.add_node("nguyễn văn a", "Person", name="Nguyễn Văn A")
    subjects = {str(s) for s in parse(to_string(kg, "ntriples"), "ntriples").subjects(RDF.type, SDO.Person)}
    assert BASE + "person/nguyen-van-a-1a2b3c4d" in subjects
    slugged = sorted(s for s in subjects if not s.endswith("1a2b3c4d"))
    assert len(slugged) == 2 and all(
        re.fullmatch(re.escape(BASE) + r"person/nguyen-van-a-[0-9a-f]{8}", s) for s in slugged
    )


def test_a_single_string_in_a_list_property_is_one_value() -> None:
    kg = KnowledgeGraph()
    kg.add_node("person:x", "Person", name="X", aliases="Nguyễn Văn X")
    graph = parse(to_string(kg, "turtle"), "turtle")
    assert set(graph.objects(iri("person", "x"), SKOS.altLabel)) == {Literal("Nguyễn Văn X", lang="vi")}


def test_malformed_dates_are_not_typed_as_dates() -> None:
    kg = KnowledgeGraph()
    kg.add_node(ART1, "Article", name="x", published="2023-13-45")
    kg.add_node("event:e", "Event", name="e", date="hôm qua")
    graph = parse(to_string(kg, "turtle"), "turtle")
    published = graph.value(iri("article", "0000aaaa0000aaaa"), SDO.datePublished)
    assert published == Literal("2023-13-45") and published.datatype is None
    assert graph.value(iri("event", "e"), SDO.startDate) == Literal("hôm qua")


def test_ntriples_has_one_triple_per_line_and_no_blank_nodes(sample: KnowledgeGraph) -> None:
    text = to_string(make_graph(hostile=HOSTILE), "ntriples")
    for line in text.splitlines():
        assert line.endswith(" .") and line.startswith("<")
        assert "_:" not in line.split(" ", 1)[0]
    assert len(text.splitlines()) == len(parse(text, "ntriples"))


def test_unknown_format_is_refused(sample: KnowledgeGraph) -> None:
    with pytest.raises(ValueError, match="unknown RDF format"):
        to_string(sample, "rdfxml")


# ---------------------------------------------------------------- the seed dataset


def test_seed_graph_round_trips_in_every_format(seed_graph: KnowledgeGraph) -> None:
    graphs = {fmt: parse(to_string(seed_graph, fmt, created="2026-01-01"), fmt) for fmt in FORMATS}
    turtle = graphs["turtle"]
    assert len(turtle) == turtle.value(URIRef(BASE + "dataset"), VOID.triples).toPython() > 1000
    for fmt, graph in graphs.items():
        assert set(graph) == set(turtle), fmt
    # every holding and participation comes from an article, with its evidence sentence
    for predicate in (ORG.holds, SDO.attendee, DV.chair, SDO.performer):
        facts = list(turtle.subjects(RDF.predicate, predicate))
        assert facts, predicate
        for fact in facts:
            assert (turtle.value(fact, PROV.wasDerivedFrom), RDF.type, SDO.NewsArticle) in turtle
            evidence = turtle.value(fact, PROV.qualifiedDerivation)
            quote = turtle.value(evidence, PROV.entity / OA.hasSelector / OA.exact)  # type: ignore[operator]
            assert evidence is not None and quote is not None, fact
    # roles and organisation kinds are labelled in Vietnamese and English
    concepts = set(turtle.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 10
    for concept in concepts:
        assert {label.language for label in turtle.objects(concept, SKOS.prefLabel)} == {"vi", "en"}, concept
