"""The hand-made gold files are well formed, consistent with themselves and with the texts they annotate.

A scorer trusts these files blindly, so a typo here (a person missing from `persons`, an abbreviation left in a
post label, a span that points past the end of a corpus record, old tone placement) would silently distort every
accuracy figure. These checks read the real files: the gold JSON, the sample articles in data/articles, the seed
articles and the corpus in ../shared (skipped cleanly where ../shared is absent).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, SHARED
from danvan.graph.schema import SCHEMA

GOLD = REPO / "tests" / "gold"
SAMPLES_DIR = REPO / "data" / "articles"
GOLD_FILES = (
    "seeds.json",
    "samples.json",
    "corpus.json",
    "heldout.json",
    "heldout2.json",
    "heldout3.json",
    "heldout4.json",
    "heldout5.json",
)
# Passage files: character spans of corpus records rather than whole articles.
PASSAGE_FILES = ("corpus.json", "heldout.json", "heldout2.json", "heldout3.json")
# Page files: spans of records of the real dân vận pages (../shared/corpus/danvan_pages.jsonl), doc `pages:<id>`.
PAGES_FILES = ("heldout4.json", "heldout5.json")
PAGES = SHARED / "corpus" / "danvan_pages.jsonl"
# The held-out pool of the pages corpus: records whose sha256(id) hex digest starts with one of these characters
# (0-3, about 122 of 424 records) are never read while tuning; heldout4 takes 0-2 and heldout5 takes 3.
POOL_DIGITS = {"heldout4.json": "012", "heldout5.json": "3"}
MINIMUM_ARTICLES = {
    "seeds.json": 5,
    "samples.json": 12,
    "corpus.json": 25,
    "heldout.json": 25,
    "heldout2.json": 25,
    "heldout3.json": 30,
    "heldout4.json": 80,
    "heldout5.json": 20,
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
# A tenure's start or end: a day, a month or a year, as precise as the text states it.
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
TERM = re.compile(r"^(\d{4})-(\d{4})$")


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
        if name in PASSAGE_FILES or name in PAGES_FILES:
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


def check_partial_date(value: Any, where: str) -> None:
    assert isinstance(value, str) and PARTIAL_DATE.match(value), f"{where}: not YYYY, YYYY-MM or YYYY-MM-DD: {value!r}"
    year, month, day = [*value.split("-"), "01", "01"][:3]
    dt.date(int(year), int(month), int(day))


def test_tenures_are_well_formed_and_point_at_annotated_holdings(gold: tuple[str, dict[str, Any]]) -> None:
    # `tenures` is optional; where present each one states something (a start, an end or a term) about a holding
    # the same article annotates, with dates only as precise as the text gives them.
    name, data = gold
    for article in data["articles"]:
        where = f"{name}:{article['doc']}"
        holdings = {(h[0], h[1]) for h in article["holds"]}
        tenures = article.get("tenures", [])
        assert isinstance(tenures, list), f"{where}: tenures is not a list"
        for tenure in tenures:
            assert set(tenure) == {"person", "post", "start", "end", "term"}, f"{where}: tenure keys {sorted(tenure)}"
            assert (tenure["person"], tenure["post"]) in holdings, f"{where}: tenure of an unannotated holding {tenure}"
            assert any(tenure[k] is not None for k in ("start", "end", "term")), f"{where}: empty tenure {tenure}"
            for key in ("start", "end"):
                if tenure[key] is not None:
                    check_partial_date(tenure[key], f"{where}: {key}")
            if tenure["start"] and tenure["end"]:
                assert tenure["start"] <= tenure["end"], f"{where}: tenure ends before it starts {tenure}"
            if tenure["term"] is not None:
                match = TERM.match(tenure["term"])
                assert match and int(match.group(1)) < int(match.group(2)) <= int(match.group(1)) + 5, (
                    f"{where}: bad term {tenure['term']!r}"
                )
        keys = [(t["person"], t["post"], t["start"], t["end"], t["term"]) for t in tenures]
        assert len(keys) == len(set(keys)), f"{where}: a tenure is listed twice"


def test_tenure_checks_catch_bad_values() -> None:
    assert PARTIAL_DATE.match("2025-11") and PARTIAL_DATE.match("2021") and PARTIAL_DATE.match("2025-11-17")
    assert not PARTIAL_DATE.match("17/11/2025") and not PARTIAL_DATE.match("2025-1")
    assert TERM.match("2020-2025") and not TERM.match("2020 - 2025") and not TERM.match("2020")
    with pytest.raises(ValueError):
        check_partial_date("2025-13", "x")


@pytest.fixture(scope="module")
def pages_records() -> dict[str, dict[str, Any]]:
    if not PAGES.is_file():
        pytest.skip(f"dân vận pages corpus not found at {PAGES}")
    records: dict[str, dict[str, Any]] = {}
    with PAGES.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            records[record["id"]] = record
    return records


@pytest.mark.parametrize("name", PAGES_FILES)
def test_page_spans_lie_inside_real_records_and_name_their_people(
    pages_records: dict[str, dict[str, Any]], name: str
) -> None:
    data = load(name)
    for article in data["articles"]:
        doc = article["doc"]
        assert doc.startswith("pages:"), doc
        record = pages_records.get(doc.removeprefix("pages:"))
        assert record is not None, f"{doc}: no such record in {PAGES.name}"
        text = nfc(record["text"])
        start, end = article["span"]
        assert end <= len(record["text"]), f"{doc}: span {start}-{end} beyond the text ({len(record['text'])})"
        passage = text[start:end]
        for person in article["persons"]:
            # names set in capitals in a byline-like line ("LÊ QUANG TÙNG") are annotated in their usual case
            assert nfc(person).casefold() in passage.casefold(), f"{doc}: {person!r} is not in the excerpt"
        assert article["source"] == record["source"], f"{doc}: source differs from the record"
        if record["published"]:
            assert article["published"] == record["published"], f"{doc}: published differs from the record"
        elif article["published"] is not None:
            # a date the record lacks must come from the text itself (a dateline such as 23/09/2021)
            year, month, day = article["published"].split("-")
            assert f"{day}/{month}/{year}" in text or f"{int(day)}/{int(month)}/{year}" in text, (
                f"{doc}: published {article['published']} is neither the record's date nor a date line in the text"
            )


@pytest.mark.parametrize("name", PAGES_FILES)
def test_page_sets_come_from_the_reserved_pool_and_spread_over_many_provinces(name: str) -> None:
    # The pool rule keeps these records out of every tuning round: an id belongs to the pool by its digest alone, so
    # anyone can tell (without the gold files) which records of the pages corpus they must not read while tuning.
    articles = load(name)["articles"]
    docs = [a["doc"].removeprefix("pages:") for a in articles]
    assert len(docs) == len(set(docs)), f"{name}: a record is annotated twice"
    for rid in docs:
        digit = hashlib.sha256(rid.encode()).hexdigest()[0]
        assert digit in POOL_DIGITS[name], f"{name}: record {rid} is outside its share of the held-out pool"
    provinces = {a["province"] for a in articles if a["province"]}
    central = [a for a in articles if a["province"] is None]
    minimum = 25 if name == "heldout4.json" else 12
    assert len(provinces) >= minimum, f"{name}: only {len(provinces)} provinces: {sorted(provinces)}"
    assert central, f"{name}: central bodies should be represented"
    assert sum(len(a["holds"]) for a in articles) >= 5 * len(articles) // 2, f"{name}: too few holdings annotated"


def test_page_sets_share_no_record() -> None:
    four = {a["doc"] for a in load("heldout4.json")["articles"]}
    five = {a["doc"] for a in load("heldout5.json")["articles"]}
    assert not four & five, f"heldout4 and heldout5 share {sorted(four & five)}"
