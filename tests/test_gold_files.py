"""The hand-made gold files are well formed, consistent with themselves and with the texts they annotate.

A scorer trusts these files blindly, so a typo here (a person missing from `persons`, an abbreviation left in a
post label, a span that points past the end of a corpus record, old tone placement) would silently distort every
accuracy figure. These checks read the real files: the gold JSON, the sample articles in data/articles, the seed
articles and the corpus in ../shared (skipped cleanly where ../shared is absent).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from danvan.graph.schema import SCHEMA

GOLD = REPO / "tests" / "gold"
SAMPLES_DIR = REPO / "data" / "articles"
GOLD_FILES = ("seeds.json", "samples.json", "corpus.json", "heldout.json", "heldout2.json", "heldout3.json")
# Passage files: character spans of corpus records rather than whole articles.
PASSAGE_FILES = ("corpus.json", "heldout.json", "heldout2.json", "heldout3.json")
MINIMUM_ARTICLES = {
    "seeds.json": 5,
    "samples.json": 12,
    "corpus.json": 25,
    "heldout.json": 25,
    "heldout2.json": 25,
    "heldout3.json": 30,
}

STATUSES = set(SCHEMA.rel("HOLDS").prop("status").values)
ROLES = {"CHAIRED", "ATTENDED", "SPOKE_AT"}
LIST_KEYS = ("persons", "holds", "event_roles", "events", "campaigns", "documents")

# Abbreviations the post label convention requires to be spelled out.
ABBREVIATIONS = re.compile(
    r"(?<![\w.])(HĐND|UBND|MTTQ|UBMTTQ|BTV|TVTU|BCĐ|QCDC|LHTN|ĐBQH|BCH|UBKT|LĐLĐ|HĐTV|TGĐ|TƯ|TW|T\.Ư|TP\.|TP)(?![\w])"
)
# Old tone placement on an open syllable (hoà, thuý, uỷ); "quý" is fine because "qu" is one consonant.
OLD_TONE = re.compile(r"(?<![qQ])(o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ])(?![a-zđ])", re.IGNORECASE)
# A post whose organisation lost its place ("Trưởng Ban Dân vận Tỉnh ủy") is exactly what the convention forbids.
DANGLING_ORG = re.compile(r"(Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|tỉnh|thành phố|huyện|quận|xã|phường)$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLD / name).read_text(encoding="utf-8"))
    return data


def walk_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from walk_strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from walk_strings(item)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def check_date(value: Any, where: str) -> None:
    assert isinstance(value, str) and ISO_DATE.match(value), f"{where}: not an ISO date: {value!r}"
    dt.date.fromisoformat(value)


@pytest.fixture(scope="module", params=GOLD_FILES)
def gold(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any]]:
    return request.param, load(request.param)


def test_gold_file_has_enough_articles_with_all_keys(gold: tuple[str, dict[str, Any]]) -> None:
    name, data = gold
    articles = data["articles"]
    assert isinstance(articles, list)
    assert len(articles) >= MINIMUM_ARTICLES[name], f"{name}: only {len(articles)} articles"
    docs = [a["doc"] for a in articles]
    assert len(docs) == len(set(docs)) or name in PASSAGE_FILES, f"{name}: duplicate doc entries"
    for article in articles:
        where = f"{name}:{article.get('doc')}"
        assert isinstance(article["doc"], str) and article["doc"]
        for key in LIST_KEYS:
            assert isinstance(article[key], list), f"{where}: {key} is not a list"
        assert article["place"] is None or isinstance(article["place"], str), where
        if name in PASSAGE_FILES:
            span = article["span"]
            assert isinstance(span, list) and len(span) == 2 and all(isinstance(i, int) for i in span), where
            assert 0 <= span[0] < span[1], f"{where}: empty or inverted span {span}"
        else:
            assert "span" not in article, f"{where}: whole articles carry no span"
            check_date(article["published"], where)
            assert isinstance(article["authors"], list) and all(isinstance(a, str) for a in article["authors"])


def test_holds_and_roles_are_well_typed_and_name_listed_persons(gold: tuple[str, dict[str, Any]]) -> None:
    name, data = gold
    for article in data["articles"]:
        where = f"{name}:{article['doc']}"
        persons = article["persons"]
        assert all(isinstance(p, str) and p.strip() for p in persons), where
        assert len(persons) == len(set(persons)), f"{where}: a person is listed twice"
        assert not set(persons) & set(article.get("authors", [])), f"{where}: a byline is listed as a person"
        for holding in article["holds"]:
            assert isinstance(holding, list) and len(holding) == 3, f"{where}: bad holding {holding}"
            person, label, status = holding
            assert person in persons, f"{where}: {person!r} holds a post but is not in persons"
            assert isinstance(label, str) and label, where
            assert status in STATUSES, f"{where}: bad status {status!r}"
        pairs = [(h[0], h[1]) for h in article["holds"]]
        assert len(pairs) == len(set(pairs)), f"{where}: the same holding is listed twice"
        for role in article["event_roles"]:
            assert isinstance(role, list) and len(role) == 2, f"{where}: bad role {role}"
            assert role[0] in persons, f"{where}: {role[0]!r} has a role but is not in persons"
            assert role[1] in ROLES, f"{where}: bad role {role[1]!r}"
        roles = [tuple(r) for r in article["event_roles"]]
        assert len(roles) == len(set(roles)), f"{where}: the same role is listed twice"
        if article["event_roles"]:
            assert article["events"], f"{where}: roles without an event"


def test_events_campaigns_and_documents_are_well_typed(gold: tuple[str, dict[str, Any]]) -> None:
    name, data = gold
    for article in data["articles"]:
        where = f"{name}:{article['doc']}"
        for event in article["events"]:
            assert isinstance(event["kind"], str) and event["kind"], where
            if event["date"] is not None:
                check_date(event["date"], where)
                if article.get("published"):
                    # an event is reported on or after the day it happened
                    assert event["date"] <= article["published"], f"{where}: event after publication"
        for campaign in article["campaigns"]:
            assert isinstance(campaign["name"], str) and campaign["name"], where
            assert isinstance(campaign["runner"], str) and campaign["runner"], where
            value, unit = campaign["value"], campaign["unit"]
            assert (value is None) == (unit is None), f"{where}: a figure needs both value and unit"
            assert value is None or (isinstance(value, int | float) and not isinstance(value, bool)), where
            parts = campaign.get("breakdown", [])
            for part in parts:
                assert isinstance(part["value"], int) and isinstance(part["label"], str), where
            if parts and all(p["unit"] == unit for p in parts):
                assert sum(p["value"] for p in parts) == value, f"{where}: breakdown does not add up"
        for document in article["documents"]:
            assert isinstance(document["kind"], str) and document["kind"] == document["kind"].lower(), where
            assert document["number"] is None or isinstance(document["number"], str), where
            assert document["number"] or document.get("name"), f"{where}: a document needs a number or a name"
            assert document["issuer"] is None or isinstance(document["issuer"], str), where


def test_every_string_is_nfc_and_tidy(gold: tuple[str, dict[str, Any]]) -> None:
    name, data = gold
    for text in walk_strings(data):
        assert unicodedata.is_normalized("NFC", text), f"{name}: not NFC: {text!r}"
        assert "\u00a0" not in text and "\u00d0" not in text, f"{name}: NBSP or Ð in {text!r}"
        assert text == text.strip() and "  " not in text, f"{name}: stray whitespace in {text!r}"


def test_post_labels_follow_the_convention(gold: tuple[str, dict[str, Any]]) -> None:
    name, data = gold
    for article in data["articles"]:
        for person, label, _status in article["holds"]:
            where = f"{name}:{article['doc']}: {person}: {label!r}"
            assert not ABBREVIATIONS.search(label), f"{where}: abbreviation not expanded"
            assert not OLD_TONE.search(label), f"{where}: old tone placement"
            assert not DANGLING_ORG.search(label), f"{where}: organisation without its place"
            assert label[0].isupper(), f"{where}: labels start with a capital"
            assert not label.lower().startswith(("nguyên ", "cựu ")), f"{where}: 'nguyên' is a status, not a label"
        for text in [article["place"] or "", *article["persons"]]:
            assert not OLD_TONE.search(text), f"{name}:{article['doc']}: old tone placement in {text!r}"


def test_convention_checks_catch_bad_labels() -> None:
    # The patterns above must actually reject the mistakes they exist for.
    assert ABBREVIATIONS.search("Chủ tịch HĐND tỉnh Nam Định")
    assert ABBREVIATIONS.search("Trưởng Ban Dân vận TƯ")
    assert ABBREVIATIONS.search("Bí thư Thành ủy TP.HCM")
    assert OLD_TONE.search("Trưởng Ban Dân vận Tỉnh uỷ Hoà Bình")
    assert not OLD_TONE.search("Thái Thanh Quý")
    assert not OLD_TONE.search("Trưởng Ban Dân vận Tỉnh ủy Hòa Bình")
    assert DANGLING_ORG.search("Trưởng Ban Dân vận Tỉnh ủy")
    assert not DANGLING_ORG.search("Trưởng Ban Dân vận Tỉnh ủy Bắc Ninh")


def test_seed_gold_covers_every_seed_and_names_people_in_the_text(seeds_dir: Path) -> None:
    data = load("seeds.json")
    docs = {a["doc"] for a in data["articles"]}
    assert docs == {f"seeds/{p.name}" for p in seeds_dir.glob("*.txt")}
    for article in data["articles"]:
        text = nfc((seeds_dir.parent / article["doc"]).read_text(encoding="utf-8"))
        for name in [*article["persons"], *article["authors"]]:
            assert name in text, f"{article['doc']}: {name!r} does not occur in the seed"


def sample_text(doc: str) -> tuple[str, dict[str, Any] | None]:
    """The annotated text of a sample doc id (`data/articles/x.txt` or `data/articles/x.jsonl#2`)."""
    path_part, _, line_no = doc.partition("#")
    path = REPO / path_part
    assert path.is_file(), f"sample article {path} does not exist"
    raw = path.read_text(encoding="utf-8")
    if not line_no:
        return nfc(raw), None
    lines = raw.splitlines()
    assert 1 <= int(line_no) <= len(lines), f"{doc}: no such line"
    record: dict[str, Any] = json.loads(lines[int(line_no) - 1])
    return nfc(record["title"] + "\n" + record["body"]), record


def test_sample_gold_matches_the_sample_files() -> None:
    data = load("samples.json")
    annotated = {a["doc"].partition("#")[0] for a in data["articles"]}
    on_disk = {f"data/articles/{p.relative_to(SAMPLES_DIR)}" for p in SAMPLES_DIR.rglob("*") if p.is_file()}
    assert annotated == on_disk, f"unannotated or missing sample files: {annotated ^ on_disk}"
    provinces = {a["province"] for a in data["articles"] if a["province"]}
    assert len(provinces) >= 6, provinces
    for article in data["articles"]:
        text, record = sample_text(article["doc"])
        for name in article["persons"]:
            assert name in text, f"{article['doc']}: {name!r} does not occur in the article"
        for name in article["authors"]:
            # bylines are often set in capitals ("NGỌC HÀ")
            assert name.casefold() in text.casefold(), f"{article['doc']}: byline {name!r} not in the article"
        if record is not None:
            assert record.get("date") == article["published"], f"{article['doc']}: date differs from the record"
        else:
            stamp = re.search(r"_(\d{4}-\d{2}-\d{2})_", article["doc"])
            assert stamp and stamp.group(1) == article["published"], f"{article['doc']}: date differs from name"


def test_sample_cross_article_links_point_at_annotated_people() -> None:
    data = load("samples.json")
    by_doc = {a["doc"]: a for a in data["articles"]}
    links = data["cross_article"]
    assert links["same_person"] and links["namesakes"]
    for group in [*links["same_person"], *links["namesakes"]]:
        docs = group.get("docs") or group.get("distinct")
        assert len(docs) >= 2, group
        for doc in docs:
            assert group["name"] in by_doc[doc]["persons"], f"{group['name']} is not annotated in {doc}"
    for group in links["namesakes"]:
        places = {by_doc[doc]["province"] for doc in group["distinct"]}
        assert len(places) == len(group["distinct"]), f"namesakes {group['name']} should live in different places"


def corpus_bodies(corpus_file: Path, ids: set[str]) -> dict[str, str]:
    bodies: dict[str, str] = {}
    with corpus_file.open(encoding="utf-8") as handle:
        for line in handle:
            # cheap prefilter: only parse the few records the gold file points at
            if not any(f'"{i}"' in line[:200] for i in ids):
                continue
            record = json.loads(line)
            if record["id"] in ids:
                bodies[record["id"]] = record["body"]
    return bodies


@pytest.mark.parametrize("name", PASSAGE_FILES)
def test_corpus_spans_lie_inside_real_records_and_name_their_people(corpus_file: Path, name: str) -> None:
    data = load(name)
    ids = set()
    for article in data["articles"]:
        assert article["doc"].startswith("corpus:"), article["doc"]
        ids.add(article["doc"].removeprefix("corpus:"))
    bodies = corpus_bodies(corpus_file, ids)
    assert set(bodies) == ids, f"records not found in the corpus: {ids - set(bodies)}"
    spans_by_doc: dict[str, list[tuple[int, int]]] = {}
    for article in data["articles"]:
        rid = article["doc"].removeprefix("corpus:")
        start, end = article["span"]
        body = bodies[rid]
        assert end <= len(body), f"{article['doc']}: span {start}-{end} beyond body length {len(body)}"
        passage = body[start:end]
        assert passage == passage.strip(), f"{article['doc']}: span starts or ends on whitespace"
        assert 20 <= len(passage) <= 1500, f"{article['doc']}: a passage is 1-5 sentences"
        for name in article["persons"]:
            assert nfc(name) in nfc(passage), f"{article['doc']}: {name!r} is not in the passage"
        for earlier in spans_by_doc.get(rid, []):
            assert end <= earlier[0] or start >= earlier[1], f"{article['doc']}: overlapping passages"
        spans_by_doc.setdefault(rid, []).append((start, end))
    provinces = {a["province"] for a in data["articles"] if a["province"]}
    assert len(provinces) >= 10, f"corpus passages should spread over many provinces, got {sorted(provinces)}"
    if name == "corpus.json":
        assert any(a["province"] is None for a in data["articles"]), "central bodies should be represented"


@pytest.mark.parametrize("name", ["heldout.json", "heldout2.json", "heldout3.json"])
def test_heldout_passages_come_from_articles_the_rules_were_not_tuned_on(name: str) -> None:
    # A held-out set only measures generalisation while it shares no article with any other passage set (the
    # tuned corpus set and the earlier held-out sets) and spreads over many articles and provinces (the product
    # is judged on provinces it has never seen).
    heldout = load(name)["articles"]
    docs = {a["doc"] for a in heldout}
    for other in PASSAGE_FILES:
        if other == name:
            continue
        shared = docs & {a["doc"] for a in load(other)["articles"]}
        assert not shared, f"{name} articles also in {other}: {sorted(shared)}"
    assert len(docs) >= 20, f"only {len(docs)} held-out articles in {name}"
    provinces = {a["province"] for a in heldout if a["province"]}
    assert len(provinces) >= 12, f"{name} passages cover only {sorted(provinces)}"
