"""The working state of one article's extraction, shared by the pipeline components.

Components (persons, titles, events, campaigns, documents, places) read the document and what earlier
components found, and add entities and facts through this object, which keeps ids unique, facts
de-duplicated (first evidence wins) and evidence offsets valid in the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from danvan.graph import places
from danvan.graph.ids import make_id
from danvan.graph.model import Entity, Evidence, Fact
from danvan.loaders.document import Document
from danvan.loaders.organizations import Org, PlaceContext, parse_org, resolve
from danvan.loaders.persons import STOP_WORDS, UPPER, PersonMention, surnames


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    is_title: bool = False
    persons: list[PersonMention] = field(default_factory=list)


_NAME = rf"((?:[{UPPER}0-9][^\s,.;:()\"“”]*)(?: [{UPPER}][^\s,.;:()\"“”]*){{0,3}})"
#: Communes count too, for a bare "Chủ tịch UBND xã" in commune news. A district's party committee names the
#: district too ("Huyện ủy Quỳnh Lưu" is in huyện Quỳnh Lưu), and
#: "Q.Tân Phú" is how papers shorten "quận Tân Phú".
_UNIT_MENTION = re.compile(
    # the lookahead on the first letter keeps the scan of long texts cheap
    rf"(?=[tTqQhHxXpPđĐ])(?<![\w])(thành phố|Thành phố|TP\.?|Tp\.?|quận|Quận|Q\.(?=[A-ZĐ])|huyện|Huyện|thị xã|"
    rf"Thị xã|Huyện ủy|Quận ủy|Thị ủy|xã|Xã|phường|Phường|thị trấn|Thị trấn|đặc khu|Đặc khu) ?{_NAME}"
)
_LEVEL = {
    "tp": "thành phố",
    "tp.": "thành phố",
    "q.": "quận",
    "huyện ủy": "huyện",
    "quận ủy": "quận",
    "thị ủy": "thị xã",
}


def _sentences(doc: Document) -> list[Sentence]:
    spans = [(s.start, s.end) for s in doc.sentences]
    if doc.title_span is not None and not any(a < doc.title_span.end and doc.title_span.start < b for a, b in spans):
        spans.insert(0, (doc.title_span.start, doc.title_span.end))
    out: list[Sentence] = []
    text = doc.text
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            is_title = doc.title_span is not None and a >= doc.title_span.start and b <= doc.title_span.end
            out.append(Sentence(a, b, text[a:b], is_title))
    return out


def infer_places(doc: Document, mentions: list[tuple[int, int, places.Province]]) -> PlaceContext:
    """The article's province (from the reader's metadata, else the most named one) and city."""
    province = places.lookup(doc.place) if doc.place else None
    if province is None:
        counts: Counter[str] = Counter()
        first_at: dict[str, int] = {}
        for start, _end, unit in mentions:
            counts[unit.name] += 1
            first_at.setdefault(unit.name, start)
        if counts:
            best = max(counts, key=lambda n: (counts[n], -first_at[n]))
            province = places.BY_NAME[best]
    seen: dict[str, set[str]] = {}
    times: Counter[tuple[str, str]] = Counter()
    first: dict[str, str] = {}
    for match in _UNIT_MENTION.finditer(doc.title + "\n" + doc.text[:20000]):
        level = _LEVEL.get(match.group(1).lower(), match.group(1).lower())
        name = _trim_name(match.group(2))
        named = places.lookup(name) if name and level == "thành phố" else None
        if not name or (named is not None and named.kind == "city"):
            continue  # "thành phố Hồ Chí Minh" is a province-level city, not the article's locality
        seen.setdefault(level, set()).add(name)
        times[level, name] += 1
        first.setdefault(level, name)
    for level, names in seen.items():
        # A caption running into the text ("xã Quế Long Đến thời điểm ...") lengthens a name seen elsewhere.
        names = {n for n in names if not any(n.startswith(f"{other} ") for other in names)}
        # A name seen once beside one repeated throughout is a misreading ("UBND huyện Đinh Văn A": the unit is
        # implied and a person follows), not a second unit of the article.
        repeated = {n for n in names if times[level, n] >= 2}
        seen[level] = repeated if len(repeated) == 1 and len(names) > 1 else names
    localities = tuple(sorted((level, next(iter(names))) for level, names in seen.items() if len(names) == 1))
    city = ""
    level_of_locality = "thành phố" if doc.locality.startswith(("thành phố", "TP")) else doc.locality.partition(" ")[0]
    if doc.locality and len(seen.get(level_of_locality, ())) <= 1:
        # The reader's locality, unless the text names two units of that level (then it is a guess).
        city = re.sub(r"^(?:thành phố|TP\.?|Tp\.?)\s*", "", doc.locality).strip()
        level_word, _, unit_name = doc.locality.partition(" ")
        if level_word in ("quận", "huyện"):
            city = ""
            localities = tuple(sorted({**dict(localities), level_word: unit_name}.items()))
    elif province is not None and province.kind != "city":
        city = first.get("thành phố", "")
    found = PlaceContext(province, city, localities)
    return replace(found, steering=_steering(doc, found)) if "Ban Chỉ đạo" in doc.text else found


def _steering(doc: Document, found: PlaceContext) -> Org | None:
    """The steering committee the article names in full, if it names exactly one."""
    named: dict[str, Org] = {}
    for match in re.finditer("Ban Chỉ đạo", doc.text):
        ref = parse_org(doc.text, match.start(), min(len(doc.text), match.start() + 200), frozenset())
        org = resolve(ref, found) if ref is not None else None
        if org is not None and org.name != "Ban Chỉ đạo":
            named[org.name] = org
    return next(iter(named.values())) if len(named) == 1 else None


def _trim_name(name: str) -> str:
    """A unit name ends before a person cue or title word that follows it without a comma."""
    words: list[str] = []
    parts = name.split(" ")
    if parts[0] in surnames() and len(parts) >= 3:
        return ""  # "huyện Nguyễn Thành Chung": a person after an implied unit, not a unit name
    for word in parts:
        # "Thủ" opens "Thủ tướng" but also names places ("quận Thủ Đức", "thành phố Thủ Dầu Một")
        if (word in STOP_WORDS and word != "Thủ") or (word in surnames() and len(words) >= 2):
            break
        words.append(word)
    return " ".join(words)


#: Party committees of district-level units, answering to the party committee of their province.
_DISTRICT_COMMITTEES = ("Thành ủy ", "Huyện ủy ", "Quận ủy ", "Thị ủy ")


def _provincial_committee(org: Org) -> Org | None:
    """The provincial party committee a district's committee belongs to ("Thành ủy Hạ Long" is part of
    "Tỉnh ủy Quảng Ninh", "Quận ủy Long Biên" of "Thành ủy Hà Nội"), when the province is known."""
    if org.level != "district" or org.based_in is None or not org.name.startswith(_DISTRICT_COMMITTEES):
        return None
    unit = places.BY_NAME.get(org.based_in[2])
    if unit is None:
        return None
    # named as organizations.resolve names them: "Thành ủy Hà Nội", "Thành ủy Thành phố Hồ Chí Minh"
    name = f"{'Thành ủy' if unit.kind == 'city' else 'Tỉnh ủy'} {unit.name}"
    return Org(name, "party_committee", "province", unit.name, based_in=(unit.name, unit.kind, unit.name))


class Context:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.sentences = _sentences(doc)
        self._place_mentions: list[tuple[int, int, places.Province]] | None = None
        self.places = infer_places(doc, self.place_mentions)
        self.entities: dict[str, Entity] = {}
        self.facts: list[Fact] = []
        self._facts: dict[tuple[str, ...], Fact] = {}
        #: Facts so far evidenced only by the headline (often truncated): a body sentence replaces it.
        self._headline_facts: set[tuple[str, ...]] = set()
        self.person_ids: dict[str, str] = {}
        #: Scratch space for components that feed later ones (e.g. events for roles).
        self.notes: dict[str, Any] = {}
        self._starts = [s.start for s in self.sentences]

    # ------------------------------------------------------------------ positions
    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence containing text offset ``pos``."""
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].end:
            return self.sentences[i]
        return None

    def by_sentence(self, pattern: re.Pattern[str]) -> dict[int, list[re.Match[str]]]:
        """All matches of ``pattern`` in the text (one pass), grouped by the index of their sentence.

        Matching the whole text once is much cheaper than once per sentence; a match that crosses a
        sentence boundary is dropped.
        """
        grouped: dict[int, list[re.Match[str]]] = {}
        for match in pattern.finditer(self.text):
            i = bisect_right(self._starts, match.start()) - 1
            if i >= 0 and match.end() <= self.sentences[i].end:
                grouped.setdefault(i, []).append(match)
        return grouped

    @property
    def place_mentions(self) -> list[tuple[int, int, places.Province]]:
        """Every province named in the text (offsets into the text), computed once."""
        if self._place_mentions is None:
            self._place_mentions = places.find_mentions(self.text)
        return self._place_mentions

    # ------------------------------------------------------------------ entities
    def entity(self, node_label: str, key: str, name: str, **props: Any) -> str:
        entity_id = make_id(node_label, key, name)
        existing = self.entities.get(entity_id)
        if existing is None:
            clean = {k: v for k, v in props.items() if v not in (None, "", [])}
            self.entities[entity_id] = Entity(entity_id, node_label, name, clean)
        else:
            for k, v in props.items():
                if v not in (None, "", []) and k not in existing.properties:
                    existing.properties[k] = v
        return entity_id

    def person(self, name: str) -> str:
        entity_id = self.person_ids.get(name)
        if entity_id is None:
            entity_id = self.entity("Person", f"{self.doc.id}|{name}", name, province=self.places.province_name)
            self.person_ids[name] = entity_id
        return entity_id

    def place(self, name: str, kind: str, province: str, sentence: Sentence) -> str:
        """A Place entity; provinces are keyed by canonical name, smaller units by name and province."""
        unit = places.BY_NAME.get(name)
        if unit is not None:
            entity_id = self.entity("Place", unit.name, unit.name, kind=unit.kind, code=unit.code, status=unit.status)
            if not unit.current:
                successor = places.BY_NAME[unit.successor]
                target = self.entity(
                    "Place",
                    successor.name,
                    successor.name,
                    kind=successor.kind,
                    code=successor.code,
                    status=successor.status,
                )
                # Each unit has its own date: Thừa Thiên Huế became the city of Huế on 1 January 2025,
                # six months before the 63 -> 34 reorganisation.
                self.fact("MERGED_INTO", entity_id, target, sentence, effective=unit.replaced_on)
            return entity_id
        # A lower unit carries its province: resolution keeps same-named districts of different provinces
        # apart (huyện Châu Thành is in eleven of them).
        return self.entity("Place", f"{name}|{province}", name, kind=kind, province=province)

    def org(self, org: Org, sentence: Sentence) -> str:
        """An Organization entity with its parents (PART_OF) and its place (BASED_IN)."""
        lower = org.level in ("district", "commune") and org.based_in is not None
        province = org.based_in[2] if lower and org.based_in is not None else ""
        entity_id = self.entity(
            "Organization", org.name, org.name, kind=org.kind, level=org.level, place=org.place, province=province
        )
        if org.parent is not None:
            parent_id = self.org(org.parent, sentence)
            self.fact("PART_OF", entity_id, parent_id, sentence)
        if org.based_in is not None and org.parent is None:
            name, kind, province = org.based_in
            self.fact("BASED_IN", entity_id, self.place(name, kind, province, sentence), sentence)
            provincial = _provincial_committee(org)
            if provincial is not None:
                self.fact("PART_OF", entity_id, self.org(provincial, sentence), sentence)
        return entity_id

    # ------------------------------------------------------------------ facts
    def evidence(self, sentence: Sentence) -> Evidence:
        return Evidence(sentence.text, sentence.start, sentence.end)

    def fact(self, rel_type: str, subject: str, obj: str, sentence: Sentence, variant: Any = "", **props: Any) -> Fact:
        """The fact (rel_type, subject, obj), made or completed; ``variant`` keeps apart facts with the same
        ends that must stay two (a person's holding of one post in two terms)."""
        key: tuple[str, ...] = (rel_type, subject, obj, variant) if variant else (rel_type, subject, obj)
        existing = self._facts.get(key)
        clean = {k: v for k, v in props.items() if v not in (None, "")}
        if existing is not None:
            if key in self._headline_facts and not sentence.is_title:
                # the body states it too: its sentence is the better evidence, and what it says (a status
                # the headline leaves out) comes first
                self._headline_facts.discard(key)
                existing.evidence = self.evidence(sentence)
                existing.properties = {**existing.properties, **clean}
                return existing
            for k, v in clean.items():
                existing.properties.setdefault(k, v)
            return existing
        fact = Fact(rel_type, subject, obj, self.evidence(sentence), clean)
        if sentence.is_title:
            self._headline_facts.add(key)
        self._facts[key] = fact
        self.facts.append(fact)
        return fact

    def drop_fact(self, rel_type: str, subject: str, obj: str) -> None:
        fact = self._facts.pop((rel_type, subject, obj), None)
        if fact is not None:
            self.facts.remove(fact)

    def has_fact(self, rel_type: str, subject: str, obj: str) -> bool:
        return (rel_type, subject, obj) in self._facts

    def get_fact(self, rel_type: str, subject: str, obj: str) -> Fact | None:
        return self._facts.get((rel_type, subject, obj))
