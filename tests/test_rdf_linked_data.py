"""The RDF export read by its vocabularies' meaning (issue 14), and holdings' tenure and succession in RDF.

One test per point: no local paths, mentions not reified, one meaning per node, the schema.org Role
pattern, Web Annotation selectors per supporting article, schema.org fixes, language tags by content,
links instead of names and ORG inverses, one build activity, profiles, IRIs under --base and
--vocab-base, the vocabulary file, administrative codes, tenure intervals and "who held post X on D".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from test_rdf import ART1, ART2, BASE, D1, D2, _prov, make_graph, parse
from typer.testing import CliRunner

from conftest import REPO
from danvan.cli import app
from danvan.graph.build import build_graph
from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.model import Extraction
from danvan.graph.rdf.export import FORMATS, to_string
from danvan.graph.rdf.shapes import load_shapes
from danvan.graph.rdf.sparql import load_files, run_query
from danvan.graph.rdf.validate import validate_store
from danvan.graph.store.result import QueryResult

ORG = Namespace("http://www.w3.org/ns/org#")
SDO = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
TIME = Namespace("http://www.w3.org/2006/time#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
DV = Namespace("https://danvan.example.org/vocab#")
runner = CliRunner()


def turtle_of(kg: KnowledgeGraph, **options: Any) -> Graph:
    return parse(to_string(kg, "turtle", created="2026-01-01", **options), "turtle")


@pytest.fixture(scope="module")
def seed_turtle(seed_graph: KnowledgeGraph) -> Graph:
    return turtle_of(seed_graph)


def store_of(kg: KnowledgeGraph, **options: Any) -> ox.Store:
    store = ox.Store()
    store.load(input=to_string(kg, "ntriples", **options), format=ox.RdfFormat.N_TRIPLES)
    return store


# ---------------------------------------------------------------- published data


def test_no_local_file_path_is_published(seed_graph: KnowledgeGraph) -> None:
    paths = [str(a["path"]) for _, a in seed_graph.nodes("Article") if a.get("path")]
    assert paths  # the graph knows where the seeds were read from ...
    for fmt in FORMATS:
        text = to_string(seed_graph, fmt)
        for path in paths:  # ... and the export says it nowhere, in no form
            assert path not in text and Path(path).name not in text, fmt
        assert "vocab#path" not in text and "dv:path" not in text


def test_article_mentions_are_direct_triples_not_reified(seed_turtle: Graph, seed_graph: KnowledgeGraph) -> None:
    mentions = list(seed_turtle.subject_objects(SDO.mentions))
    assert len(mentions) > 50
    assert not list(seed_turtle.subjects(RDF.predicate, SDO.mentions))
    lean = turtle_of(seed_graph, profile="lean")
    assert set(lean.subject_objects(SDO.mentions)) == set(mentions)
    assert not list(lean.subjects(RDF.type, RDF.Statement))  # lean: no reification at all


def test_no_node_is_both_a_statement_and_a_membership_or_role(seed_turtle: Graph) -> None:
    statements = set(seed_turtle.subjects(RDF.type, RDF.Statement))
    memberships = set(seed_turtle.subjects(RDF.type, ORG.Membership))
    roles = set(seed_turtle.subjects(RDF.type, SDO.Role))
    assert statements and memberships and roles
    assert not statements & memberships and not statements & roles


def test_every_role_wraps_the_predicate_the_event_points_at_it_with(seed_turtle: Graph) -> None:
    roles = set(seed_turtle.subjects(RDF.type, SDO.Role))
    for role in roles:
        incoming = list(seed_turtle.subject_predicates(role))
        assert len(incoming) == 1, role
        event, predicate = incoming[0]
        assert (event, RDF.type, SDO.Event) in seed_turtle
        [person] = list(seed_turtle.objects(role, predicate))
        assert (person, RDF.type, SDO.Person) in seed_turtle
        assert (event, predicate, person) in seed_turtle  # the plain link stays for simple queries


def test_evidence_is_a_web_annotation_specific_resource(seed_turtle: Graph) -> None:
    derivations = set(seed_turtle.subjects(RDF.type, PROV.Derivation))
    assert derivations
    for derivation in derivations:
        # no Web Annotation terms on the derivation itself
        assert not {p for p in seed_turtle.predicates(derivation) if str(p).startswith(str(OA))}
        target = seed_turtle.value(derivation, PROV.entity)
        assert (target, RDF.type, OA.SpecificResource) in seed_turtle
        article = seed_turtle.value(target, OA.hasSource)
        assert (article, RDF.type, SDO.NewsArticle) in seed_turtle
        kinds = {seed_turtle.value(s, RDF.type) for s in seed_turtle.objects(target, OA.hasSelector)}
        assert kinds == {OA.TextQuoteSelector, OA.TextPositionSelector}


def test_the_annotated_article_carries_its_url_as_an_iri() -> None:
    kg = make_graph()
    kg.add_node(ART2, "Article", url="https://baolaocai.vn/tin/123.html", source="Báo Lào Cai")
    graph = turtle_of(kg)
    article = URIRef(BASE + "article/0000bbbb0000bbbb")
    assert graph.value(article, SDO.url) == URIRef("https://baolaocai.vn/tin/123.html")
    targets = set(graph.subjects(OA.hasSource, article))
    assert targets and all((t, RDF.type, OA.SpecificResource) in graph for t in targets)
    # an address that is not a valid IRI is left out, never written as a literal
    assert graph.value(URIRef(BASE + "article/0000aaaa0000aaaa"), SDO.url) is None
    assert not [o for o in graph.objects(None, SDO.url) if isinstance(o, Literal)]


# ---------------------------------------------------------------- schema.org


def test_schema_org_terms_are_used_as_schema_org_defines_them(seed_turtle: Graph) -> None:
    g = seed_turtle
    campaigns = set(g.subjects(RDF.type, DV.Campaign))
    assert campaigns and not set(g.subjects(RDF.type, SDO.CreativeWork))
    assert not list(g.subject_objects(SDO.sponsor))  # a place is nobody's sponsor
    for article in g.subjects(RDF.type, SDO.NewsArticle):
        for publisher in g.objects(article, SDO.publisher):
            assert isinstance(publisher, URIRef) and (publisher, RDF.type, SDO.Organization) in g
            assert g.value(publisher, SDO.name) is not None
        for url in g.objects(article, SDO.url):
            assert isinstance(url, URIRef)
    # chairing is not organising: schema:organizer only ever points at organisations
    for organizer in g.objects(None, SDO.organizer):
        assert (organizer, RDF.type, ORG.Organization) in g, organizer
    assert list(g.subject_objects(DV.chair))
    for person in g.subjects(RDF.type, SDO.Person):
        assert g.value(person, SDO.name) is not None, person


def test_language_tags_follow_the_text_not_the_property() -> None:
    kg = make_graph()
    kg.add_node(ART2, "Article", source="New York Daily News")
    kg.add_node("person:xi-jinping-12345678", "Person", name="Xi Jinping")
    graph = turtle_of(kg)
    publisher = graph.value(URIRef(BASE + "article/0000bbbb0000bbbb"), SDO.publisher)
    assert graph.value(publisher, SDO.name) == Literal("New York Daily News")  # no @vi
    assert graph.value(URIRef(BASE + "person/xi-jinping-12345678"), RDFS.label) == Literal("Xi Jinping")
    person = URIRef(BASE + "person/le-quoc-chinh-11111111")
    assert graph.value(person, RDFS.label) == Literal("Lê Quốc Chỉnh", lang="vi")
    ids = list(graph.objects(None, DCTERMS.identifier))
    assert ids and all(o.language is None for o in ids)
    for literal in graph.objects(None, None):
        if isinstance(literal, Literal) and literal.language == "vi":
            assert re.search("[ăđơưĩũỹ\u1ea0-\u1ef9àáâãèéêìíòóôõùúý]", str(literal), re.I), literal


# ---------------------------------------------------------------- links and ORG inverses


def test_names_of_places_and_organisations_become_links() -> None:
    kg = make_graph()
    kg.add_node("person:le-quoc-chinh-11111111", "Person", province="Nam Định")
    kg.add_node("person:viet-hung-22222222", "Person", province="Atlantis")  # no such place in the graph
    kg.add_node("organization:tinh-uy-44444444", "Organization", place="Nam Định")
    graph = turtle_of(kg)
    nd = URIRef(BASE + "place/nam-dinh-99999999")
    assert graph.value(URIRef(BASE + "person/le-quoc-chinh-11111111"), DV.province) == nd
    assert graph.value(URIRef(BASE + "organization/tinh-uy-44444444"), DV.place) == nd
    post = URIRef(BASE + "post/pho-bi-thu-33333333")
    assert graph.value(post, DV.organization) == URIRef(BASE + "organization/tinh-uy-44444444")
    other = URIRef(BASE + "person/viet-hung-22222222")
    assert graph.value(other, DV.province) is None and graph.value(other, DV.provinceName) == Literal("Atlantis")


def test_org_inverse_properties_answer_queries(seed_graph: KnowledgeGraph) -> None:
    store = store_of(seed_graph)

    def count(pattern: str) -> int:
        result = run_query(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
        assert isinstance(result, QueryResult)
        return int(result.rows[0][0])

    for direct, inverse in (
        ("?a org:subOrganizationOf ?b", "?b org:hasSubOrganization ?a"),
        ("?a org:holds ?b", "?b org:heldBy ?a"),
        ("?a org:postIn ?b", "?b org:hasPost ?a"),
        ("?a org:memberOf ?b", "?b org:hasMember ?a"),
        ("?m org:member ?a", "?a org:hasMembership ?m"),
    ):
        n = count(direct)
        assert n > 0 and count(inverse) == n == count(f"{direct} . {inverse}"), direct


# ---------------------------------------------------------------- provenance


def _republished(ex: Extraction, suffix: str) -> Extraction:
    """The same article as another site printed it: its own id, each sentence with a lead-in."""
    data = ex.to_json()
    data["article"]["id"] = "article:" + hashlib.sha1((ex.article.id + suffix).encode()).hexdigest()[:16]
    data["article"]["path"] = data["article"]["path"] + suffix
    data["article"]["content_hash"] = hashlib.sha256(suffix.encode()).hexdigest()
    for fact in data["facts"]:
        ev = fact["evidence"]
        if ev["start"] >= 0:
            ev["sentence"] = f"({suffix}) " + ev["sentence"]
            ev["start"] += 1000
            ev["end"] += 1000 + len(suffix) + 3
    return Extraction.from_json(data)


def test_every_supporting_article_keeps_its_own_sentence(seed_extractions: list[Extraction]) -> None:
    original = seed_extractions[0]
    copy = _republished(original, "bản in lại")
    kg = build_graph([original, copy])
    multi = [a for _, _, _, a in kg.edges("HOLDS") if len(a["sources"]) == 2]
    assert multi, "the republished article should support the same holdings"
    assert all(len(a["evidence_spans"]) == 2 for a in multi)
    graph = turtle_of(kg)
    checked = 0
    for fact in graph.subjects(RDF.predicate, ORG.holds):
        sources = set(graph.objects(fact, PROV.wasDerivedFrom))
        if len(sources) != 2:
            continue
        by_article: dict[URIRef, str] = {}
        for derivation in graph.objects(fact, PROV.qualifiedDerivation):
            target = graph.value(derivation, PROV.entity)
            quote = [s for s in graph.objects(target, OA.hasSelector) if (s, RDF.type, OA.TextQuoteSelector) in graph]
            by_article[graph.value(target, OA.hasSource)] = str(graph.value(quote[0], OA.exact))
        assert set(by_article) == sources
        copy_iri = URIRef(BASE + "article/" + copy.article.id.split(":")[1])
        assert by_article[copy_iri].startswith("(bản in lại) ")
        [own] = [s for a, s in by_article.items() if a != copy_iri]
        assert not own.startswith("(bản in lại)") and own in by_article[copy_iri]
        checked += 1
    assert checked == len(multi)


def test_one_build_activity_that_every_derivation_points_to(seed_graph: KnowledgeGraph, tmp_path: Path) -> None:
    judgements = tmp_path / "judgements.jsonl"
    judgements.write_text('{"judgement": "merge"}\n', encoding="utf-8")
    graph = turtle_of(seed_graph, judgements=judgements)
    [activity] = list(graph.subjects(RDF.type, DV.Build))  # dv:Build is a prov:Activity (the vocabulary says)
    assert graph.value(activity, DV.softwareVersion) is not None
    assert graph.value(activity, DCTERMS.date) == Literal(dt.date(2026, 1, 1))
    used = set(graph.objects(activity, PROV.used))
    articles = set(graph.subjects(RDF.type, SDO.NewsArticle))
    assert articles <= used
    [jfile] = used - articles
    assert graph.value(jfile, DCTERMS.title) == Literal("judgements.jsonl")
    assert graph.value(jfile, DV.sha256) == Literal(hashlib.sha256(judgements.read_bytes()).hexdigest())
    assert str(tmp_path) not in to_string(seed_graph, "ntriples", judgements=judgements)
    derivations = set(graph.subjects(RDF.type, PROV.Derivation))
    assert derivations and all(graph.value(d, PROV.hadActivity) == activity for d in derivations)
    assert graph.value(URIRef(BASE + "dataset"), PROV.wasGeneratedBy) == activity


# ---------------------------------------------------------------- profiles, IRIs, vocabulary


def test_lean_profile_keeps_the_facts_without_reification(seed_graph: KnowledgeGraph) -> None:
    full, lean = turtle_of(seed_graph), turtle_of(seed_graph, profile="lean")
    assert len(lean) < len(full) * 0.7
    assert not list(lean.subjects(RDF.type, RDF.Statement)) and not list(lean.subjects(RDF.type, PROV.Derivation))
    for cls in (ORG.Membership, SDO.Role):
        assert set(lean.subjects(RDF.type, cls)) == set(full.subjects(RDF.type, cls))
        for node in lean.subjects(RDF.type, cls):
            assert lean.value(node, PROV.wasDerivedFrom) is not None  # the provenance link of each fact
    direct = {(s, p, o) for s, p, o in full if str(p).startswith((str(ORG), str(SDO))) and isinstance(o, URIRef)}
    assert direct and all(t in lean for t in direct if t[1] != RDF.type)
    assert not validate_store(store_of(seed_graph, profile="lean"), load_shapes())


def test_base_vocab_base_and_licence_change_every_project_iri(seed_graph: KnowledgeGraph) -> None:
    text = to_string(seed_graph, "ntriples", base="https://kg.example.com/id/", vocab_base="https://kg.example.com/ns#")
    assert "danvan.example.org" not in text
    graph = parse(text, "ntriples")
    dataset = URIRef("https://kg.example.com/id/dataset")
    assert graph.value(dataset, DCTERMS.license) == URIRef("https://kg.example.com/id/licence")
    assert list(graph.subjects(RDF.type, URIRef("https://kg.example.com/ns#Campaign")))
    licensed = to_string(seed_graph, "ntriples", licence="https://creativecommons.org/licenses/by/4.0/")
    assert "<https://creativecommons.org/licenses/by/4.0/>" in licensed
    with pytest.raises(ValueError, match="absolute"):
        to_string(seed_graph, "ntriples", vocab_base="vocab#")


def test_vocabulary_file_defines_every_project_term_the_export_uses(seed_graph: KnowledgeGraph, tmp_path: Path) -> None:
    out = tmp_path / "vocab.ttl"
    result = runner.invoke(app, ["vocabulary", "--out", str(out)])
    assert result.exit_code == 0, result.output
    vocab = Graph().parse(out, format="turtle")
    data = turtle_of(seed_graph, profile="full")
    used = {p for p in data.predicates() if str(p).startswith(str(DV))}
    used |= {o for o in data.objects(None, RDF.type) if str(o).startswith(str(DV))}
    assert len(used) > 15
    for term in used:
        assert vocab.value(term, RDFS.label) is not None, term
        assert vocab.value(term, RDFS.comment) is not None or vocab.value(term, RDFS.range) is not None, term
    for prop in vocab.subjects(RDF.type, RDF.Property):
        if vocab.value(prop, RDFS.comment) is not None and prop not in (DV.runs, DV.post):
            assert vocab.value(prop, RDFS.domain) or vocab.value(prop, SDO.domainIncludes), prop
    assert vocab.value(DV.firstSeen, RDFS.range) == XSD.date
    assert vocab.value(DV.Succession, RDFS.label) == Literal("Succession", lang="en")


def test_places_link_to_official_administrative_codes(seed_turtle: Graph) -> None:
    g = seed_turtle

    def place(name: str) -> URIRef:
        [node] = [s for s in g.subjects(RDF.type, SDO.AdministrativeArea) if str(g.value(s, RDFS.label)) == name]
        return node  # type: ignore[return-value]

    base = BASE + "admin-unit/"
    bac_ninh = place("Bắc Ninh")  # GSO 27 in the 63-province list, 24 in the 2025 list
    assert set(g.objects(bac_ninh, DV.adminUnit)) == {URIRef(base + "legacy/27"), URIRef(base + "2025/24")}
    assert Literal("27") in set(g.objects(bac_ninh, DCTERMS.identifier))
    assert set(g.objects(place("Bắc Giang"), DV.adminUnit)) == {URIRef(base + "legacy/24")}  # merged
    assert set(g.objects(place("huyện Lục Nam"), DV.adminUnit)) == {URIRef(base + "legacy/218")}
    unit = URIRef(base + "legacy/218")
    assert (unit, RDF.type, DV.AdministrativeUnit) in g and g.value(unit, DV.codeList) == Literal("legacy")


@pytest.fixture(scope="module")
def samples_graph() -> KnowledgeGraph:
    from danvan.loaders.pipeline import extract_paths

    files = sorted((REPO / "data" / "articles").iterdir())
    extractions = [r for r in extract_paths(files, workers=1) if isinstance(r, Extraction)]
    assert len(extractions) >= len(files)  # a .jsonl file holds several articles
    return build_graph(extractions)


def test_sample_articles_export_conforms_to_the_shapes(samples_graph: KnowledgeGraph) -> None:
    for profile in ("full", "lean"):
        assert validate_store(store_of(samples_graph, profile=profile), load_shapes()) == [], profile


# ---------------------------------------------------------------- tenure and succession

LAN = "person:pham-thi-ngoc-lan-10000001"
LAM = "person:vo-van-lam-10000002"
TUAN = "person:tran-tuan-10000003"
HUNG = "person:do-hung-10000006"
POST = "post:truong-ban-dan-van-tinh-uy-lao-cai-10000004"
OTHER_POST = "post:truong-ban-dan-van-tinh-uy-nam-dinh-10000005"


def tenure_graph() -> KnowledgeGraph:
    """Two holders of one post: a former one (stated end) and the current one (stated day); on another
    post one with a stated year and a former one with only an upper bound of his end; a succession."""
    kg = make_graph()
    for node_id, name in ((LAN, "Phạm Thị Ngọc Lan"), (LAM, "Võ Văn Lâm"), (TUAN, "Trần Tuấn"), (HUNG, "Đỗ Hùng")):
        kg.add_node(node_id, "Person", name=name)
    kg.add_node(POST, "Post", name="Trưởng Ban Dân vận Tỉnh ủy Lào Cai", role="Trưởng Ban")
    kg.add_node(OTHER_POST, "Post", name="Trưởng Ban Dân vận Tỉnh ủy Nam Định", role="Trưởng Ban")
    kg.add_edge(POST, "organization:tinh-uy-44444444", "POST_IN", **_prov(ART1))
    kg.add_edge(LAM, POST, "HOLDS", status="former", start="2015-06", end="2023-10-12", **_prov(ART1))
    kg.add_edge(LAN, POST, "HOLDS", status="current", start="2023-10-15", term="2020-2025", **_prov(ART2))
    kg.add_edge(TUAN, OTHER_POST, "HOLDS", status="current", start="2019", **_prov(ART2))
    # a former holder whose end no article states: bounded by the article calling him former
    kg.add_edge(HUNG, OTHER_POST, "HOLDS", status="former", start="2010", end_bound="2018-06", **_prov(ART1))
    kg.add_edge(LAN, LAM, "SUCCEEDED", post=POST, date="2023-10-15", **_prov(ART2))
    return kg


def readme_query(name: str) -> str:
    """The SPARQL block the README shows after ``<!-- sparql: name -->``: the text users copy is tested."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- sparql: {name} -->\s*```sparql\n(.*?)```", text, re.S)
    assert match, f"README has no SPARQL block {name}"
    return match.group(1)


def holders(store: ox.Store, post: str, day: str) -> list[str]:
    query = readme_query("holders-on-date")
    query = query.replace('"Trưởng Ban Dân vận Tỉnh ủy Lào Cai"', json.dumps(post)).replace('"2024-03-01"', f'"{day}"')
    result = run_query(store, query)
    assert isinstance(result, QueryResult)
    return [str(row[result.columns.index("person")]) for row in result.rows]


def test_holding_interval_comes_from_the_stated_dates_at_their_precision() -> None:
    g = turtle_of(tenure_graph())
    lam, lan, tuan = (URIRef(BASE + "person/" + p.split(":")[1]) for p in (LAM, LAN, TUAN))

    def tenure(person: URIRef) -> tuple[Any, Any, URIRef]:
        [m] = list(g.subjects(ORG.member, person))
        interval = g.value(m, ORG.memberDuring)
        begin, end = g.value(interval, TIME.hasBeginning), g.value(interval, TIME.hasEnd)
        return begin, end, m

    begin, end, m = tenure(lam)
    assert g.value(begin, TIME.inXSDgYearMonth) == Literal("2015-06", datatype=XSD.gYearMonth)
    assert g.value(end, TIME.inXSDDate) == Literal(dt.date(2023, 10, 12))
    assert g.value(m, DV.firstSeen) == Literal(D1) and g.value(m, DV.lastSeen) == Literal(D2)  # kept apart
    begin, end, _ = tenure(lan)
    assert g.value(begin, TIME.inXSDDate) == Literal(dt.date(2023, 10, 15)) and end is None
    begin, _, _ = tenure(tuan)
    assert g.value(begin, TIME.inXSDgYear) == Literal("2019", datatype=XSD.gYear)
    hung = URIRef(BASE + "person/" + HUNG.split(":")[1])
    _, end, m = tenure(hung)
    assert end is None  # a bound is no end: it says when the holding had ended at the latest
    assert g.value(m, DV.endBound) == Literal("2018-06", datatype=XSD.gYearMonth)
    assert not list(g.objects(hung, ORG.holds))
    # a holding stated without any date has no interval at all (first/last seen are not a tenure)
    [chinh] = list(g.subjects(ORG.member, URIRef(BASE + "person/le-quoc-chinh-11111111")))
    assert g.value(chinh, ORG.memberDuring) is not None  # this one states its start (2020-10)
    post = URIRef(BASE + "post/" + POST.split(":")[1])
    # org:holds and org:heldBy only for the current holder; the former one stays in the post's history
    assert set(g.subjects(ORG.holds, post)) == {lan} and set(g.objects(post, ORG.heldBy)) == {lan}
    history = {m for m in g.subjects(DV.post, post) if (m, RDF.type, ORG.Membership) in g}
    assert history == {tenure(lam)[2], tenure(lan)[2]}


def test_two_terms_of_one_post_are_two_memberships_and_every_format_agrees() -> None:
    kg = tenure_graph()
    kg.add_edge(LAN, POST, "HOLDS", status="current", start="2025-10", term="2025-2030", **_prov(ART1))
    assert len(list(kg.edges("HOLDS"))) == 6  # the term is part of a holding's key
    graphs = {fmt: parse(to_string(kg, fmt, created="2026-01-01"), fmt) for fmt in FORMATS}
    lan = URIRef(BASE + "person/" + LAN.split(":")[1])
    for fmt, graph in graphs.items():
        assert set(graph) == set(graphs["turtle"]), fmt
        assert graph.value(URIRef(BASE + "dataset"), Namespace("http://rdfs.org/ns/void#").triples) == Literal(
            len(graph)
        ), fmt
        assert len(set(graph.subjects(ORG.member, lan))) == 2, fmt


def test_succession_is_its_own_documented_property() -> None:
    g = turtle_of(tenure_graph())
    lam, lan = (URIRef(BASE + "person/" + p.split(":")[1]) for p in (LAM, LAN))
    assert (lan, DV.succeeded, lam) in g
    [succession] = list(g.subjects(RDF.type, DV.Succession))
    assert g.value(succession, DV.successor) == lan and g.value(succession, DV.predecessor) == lam
    assert g.value(succession, DV.post) == URIRef(BASE + "post/" + POST.split(":")[1])
    assert g.value(succession, DV.date) == Literal(dt.date(2023, 10, 15))
    assert g.value(succession, PROV.wasDerivedFrom) == URIRef(BASE + "article/0000bbbb0000bbbb")


def test_readme_query_says_who_held_a_post_on_a_date(tmp_path: Path) -> None:
    kg = tenure_graph()
    store = store_of(kg)
    post = "Trưởng Ban Dân vận Tỉnh ủy Lào Cai"
    assert holders(store, post, "2024-03-01") == ["Phạm Thị Ngọc Lan"]
    assert holders(store, post, "2018-05-01") == ["Võ Văn Lâm"]
    assert holders(store, post, "2023-10-11") == ["Võ Văn Lâm"]
    assert holders(store, post, "2023-10-12") == []  # the stated end is the day the leaving took effect
    assert holders(store, post, "2023-10-14") == []  # between the stated end and the stated start
    assert holders(store, post, "2014-01-01") == []
    other = "trưởng ban dân vận tỉnh ủy nam định"  # case does not matter
    assert holders(store, other, "2019-01-01") == ["Trần Tuấn"]  # a year counts from its first day
    assert holders(store, other, "2018-05-01") == ["Đỗ Hùng"]  # before the bound of his end
    assert holders(store, other, "2018-07-01") == []  # after it, and before Trần Tuấn's year
    # the same answers from a file, through the command line
    out = tmp_path / "tenure.trig"
    out.write_text(to_string(kg, "trig"), encoding="utf-8")
    query = readme_query("holders-on-date")
    result = runner.invoke(app, ["sparql", query, "--data", str(out), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert [r["person"] for r in json.loads(result.stdout)] == ["Phạm Thị Ngọc Lan"]
    assert load_files([out]) is not None


# ---------------------------------------------------------------- the command line


def test_export_profiles_and_validate_through_the_cli(seed_db: Path, tmp_path: Path) -> None:
    sizes = {}
    for profile in ("full", "lean"):
        out = tmp_path / f"{profile}.ttl"
        args = ["export", "--db", str(seed_db), "--profile", profile, "--out", str(out), "--created", "2026-01-01"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        sizes[profile] = len(Graph().parse(out, format="turtle"))
        result = runner.invoke(app, ["validate", str(out)])
        assert result.exit_code == 0 and "conforms" in result.stderr, result.output
    assert sizes["lean"] < sizes["full"]
    broken = tmp_path / "broken.ttl"
    text = (tmp_path / "full.ttl").read_text(encoding="utf-8")
    broken.write_text(text.replace("org:member <", "org:memberOf <", 1), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 1 and "violation(s)" in result.stderr
    assert "http://www.w3.org/ns/org#member\tMinCountConstraintComponent" in result.stdout
    result = runner.invoke(app, ["export", "--db", str(seed_db), "--profile", "fat"])
    assert result.exit_code == 2  # a usage error: typer names the choices
    result = runner.invoke(app, ["export", "--db", str(seed_db), "--vocab-base", "no-scheme#", "-o", str(broken)])
    assert result.exit_code == 1 and "absolute" in result.stderr


def test_evidence_sentences_are_found_in_canonical_and_other_json() -> None:
    from danvan.graph.rdf.provenance import EvidenceIndex

    fact = {"evidence": {"sentence": 'Câu "một".', "start": 5, "end": 15}, "type": "HOLDS"}
    slash = {"evidence": {"sentence": "hai \\", "start": 20, "end": 25}, "type": "HOLDS"}
    canonical = json.dumps({"facts": [slash, fact]}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    spaced = json.dumps({"facts": [slash, fact]}, ensure_ascii=False, indent=2)
    index = EvidenceIndex({"a:1": {"extraction": canonical}, "a:2": {"extraction": spaced}, "a:3": {}})
    assert index.sentence("a:1", 5, 15) == index.sentence("a:2", 5, 15) == 'Câu "một".'
    assert index.sentence("a:1", 20, 25) == "hai \\"
    assert index.sentence("a:1", 5, 16) is None and index.sentence("a:3", 5, 15) is None


def test_readme_query_answers_as_the_canned_query_on_the_sample_articles(
    samples_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    from danvan.graph.store.embedded import open_store
    from danvan.queries.catalog import load_library
    from danvan.queries.runner import open_backend
    from danvan.queries.runner import run_query as run_cypher

    store = store_of(samples_graph)
    nb_head, qn_head = "Trưởng Ban Dân vận Tỉnh ủy Ninh Bình", "Trưởng Ban Dân vận Tỉnh ủy Quảng Ninh"
    # read by hand (see tests/test_queries_tenure.py): Ninh Bình's head changes on 1 July 2024,
    # Quảng Ninh's from 15 October 2023
    assert holders(store, nb_head, "2024-06-30") == ["Đoàn Thị Mận"]
    assert holders(store, nb_head, "2024-07-01") == ["Lã Văn Khiêm"]
    assert holders(store, qn_head, "2023-10-14") == []
    assert holders(store, qn_head, "2023-10-15") == ["Phạm Thị Ngọc Lan"]
    # and on every post with a stated tenure, on the days it turns over, as holders_on_date says
    db = tmp_path / "samples.lbdb"
    with open_store(db) as graph_store:
        graph_store.write_graph(samples_graph)
    query = load_library().get("holders_on_date")
    cases = set()
    for _, post, _, attrs in samples_graph.edges("HOLDS"):
        name = str(samples_graph.node(post)["name"])
        for day in (attrs.get("start"), attrs.get("end"), attrs.get("end_bound")):
            if day and len(str(day)) == 10:
                before = (dt.date.fromisoformat(str(day)) - dt.timedelta(days=1)).isoformat()
                cases.update({(name, str(day)), (name, before)})
    assert len(cases) >= 6
    with open_backend(db) as backend:
        for name, day in sorted(cases):
            expected = sorted(r["holder"] for r in run_cypher(backend, query, {"post": name, "date": day}).records())
            assert sorted(holders(store, name, day)) == expected, (name, day)


def test_export_records_the_judgements_file_of_the_build(seed_db: Path, tmp_path: Path) -> None:
    judgements = tmp_path / "mine.judgements.jsonl"
    judgements.write_text('{"action": "confirm"}\n', encoding="utf-8")
    out = tmp_path / "graph.nt"
    result = runner.invoke(
        app, ["export", "--db", str(seed_db), "-f", "ntriples", "-o", str(out), "--judgements", str(judgements)]
    )
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out, format="nt")
    [activity] = list(graph.subjects(RDF.type, DV.Build))
    names = {str(graph.value(u, DCTERMS.title)) for u in graph.objects(activity, PROV.used)}
    assert "mine.judgements.jsonl" in names and str(tmp_path) not in out.read_text(encoding="utf-8")
    missing = tmp_path / "none.jsonl"
    result = runner.invoke(app, ["export", "--db", str(seed_db), "-o", str(out), "--judgements", str(missing)])
    assert result.exit_code == 1 and "no such judgements file" in result.stderr
