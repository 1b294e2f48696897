"""Entity resolution: which mentions in which articles are the same node of the graph.

Every mention (an :class:`graph.model.Entity` of one article) is put in a *group* by what the mention itself
says (its name, place, date, post), never by the order articles arrive or by unrelated articles; a group's
key gives its *base id* (:func:`graph.ids.make_id`). Groups are then linked into nodes; a node takes the base
id of one member, chosen from the membership alone, and keeps every other member's id in ``alias_ids``, so an
id once issued always resolves, however the clusters grow.

- Organisations, posts, places, campaigns and documents merge by canonical name, abbreviations expanded (and
  place for organisations, whose local names such as "Tỉnh ủy" take the place from the article); a unit that
  does not say whose it is ("phòng Đào tạo", a bare "Tỉnh ủy") stays in its article.
- Events merge when name, date and place agree; an undated event stays inside its article.
- Persons: groups by (spelling, province), bylines by (name, newspaper). Only names of one *block* (the name
  folded to ASCII, with known slips fixed) are compared, which is also what lets resolution run block by block
  when only some articles change. How common a name is (a fixed table, :func:`name_commonness`) decides how
  much the name alone may say. Every merge records its reason in ``Person.merge_reasons``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from danvan.graph import places
from danvan.graph.ids import fold, make_id
from danvan.graph.model import Entity, Extraction
from danvan.graph.tones import fix_tone_placement

_SPACES = re.compile(r"\s+")
_PLACE_PREFIX = re.compile(r"^(tỉnh|thành phố|tp\.?)\s+")

#: Dates sort before "unknown"; used to order statements deterministically.
_NO_DATE = dt.date.max


@cache  # names repeat across thousands of mentions; the normalisation is pure
def clean(text: str) -> str:
    """Display form: NFC, single spaces, gazetteer tone placement ("hoà" and "hòa" give one key)."""
    return fix_tone_placement(unicodedata.normalize("NFC", _SPACES.sub(" ", text).strip()))


@cache
def norm(text: str) -> str:
    """Comparison form: :func:`clean` then case-folded. Diacritics are kept: they tell names apart."""
    return clean(text).casefold()


@cache
def norm_place(text: str) -> str:
    """Province comparison form: 'tỉnh Thanh Hoá', 'Thanh Hóa' give 'thanh hóa'; 'TP.HCM' and
    'Tp. Hồ Chí Minh' give 'thành phố hồ chí minh' (the gazetteer's canonical name, see
    :mod:`graph.places`); names the gazetteer does not know lose a leading 'tỉnh'/'thành phố'."""
    province = places.lookup(text) if text.strip() else None
    if province is not None:
        return norm(province.name)
    return _PLACE_PREFIX.sub("", norm(text))


@dataclass(slots=True)
class Mention:
    """One entity of one article, with the article facts resolution needs."""

    article: str
    date: dt.date | None
    entity: Entity

    @property
    def order(self) -> tuple[dt.date, str, str]:
        """Deterministic order of mentions: earliest article first, then article id, entity id."""
        return (self.date or _NO_DATE, self.article, self.entity.id)


@dataclass
class Resolved:
    """A node the mentions resolved to, before its properties are merged."""

    id: str
    label: str
    key: str
    mentions: list[Mention] = field(default_factory=list)
    merge_reasons: list[str] = field(default_factory=list)
    #: Properties decided by resolution itself (a person's province), overriding the mentions'.
    decided: dict[str, Any] = field(default_factory=dict)
    #: Other ids that stand for this node: the ids of the groups merged into it (redirects).
    alias_ids: set[str] = field(default_factory=set)


@dataclass
class Resolution:
    #: (article id, entity id) -> node id
    node_of: dict[tuple[str, str], str]
    #: node id -> the resolved node
    nodes: dict[str, Resolved]
    #: (article id, entity id) -> the id of the mention's own group before any merge (its "base id"),
    #: kept so that judgements can split what resolution merged
    base_of: dict[tuple[str, str], str] = field(default_factory=dict)
    #: an id earlier versions issued for a group -> that group's base id
    legacy: dict[str, str] = field(default_factory=dict)
    #: article id -> the article's place (a person's province when the mention names none)
    article_place: dict[str, str] = field(default_factory=dict)

    def decide_province(self, node: Resolved) -> None:
        """A person's province: the one most of its mentions give (none for central officials); used again
        when judgements move mentions between nodes."""
        if node.label != "Person":
            return
        provinces = Counter(clean(p) for p in (_person_province(m, self.article_place) for m in node.mentions) if p)
        if provinces:
            province = min(provinces.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            node.decided["province"] = None if province == CENTRAL_SCOPE else province
        else:
            node.decided.pop("province", None)


#: Abbreviations in organisation names and post titles, expanded in keys so that "Sở GD-ĐT", "Sở GD&ĐT" and
#: "Sở Giáo dục và Đào tạo" are one organisation. Matched on whole words of the case-folded name.
_ABBREVIATIONS = {
    "gd&đt": "giáo dục và đào tạo",
    "gd-đt": "giáo dục và đào tạo",
    "gdđt": "giáo dục và đào tạo",
    "gd và đt": "giáo dục và đào tạo",
    "csgt": "cảnh sát giao thông",
    "catp": "công an thành phố",
    "cand": "công an nhân dân",
    "lđ-tb&xh": "lao động - thương binh và xã hội",
    "lđtb&xh": "lao động - thương binh và xã hội",
    "lđ-tbxh": "lao động - thương binh và xã hội",
    "tn&mt": "tài nguyên và môi trường",
    "tn-mt": "tài nguyên và môi trường",
    "nn&ptnt": "nông nghiệp và phát triển nông thôn",
    "nn-ptnt": "nông nghiệp và phát triển nông thôn",
    "gtvt": "giao thông vận tải",
    "kh&đt": "kế hoạch và đầu tư",
    "kh-đt": "kế hoạch và đầu tư",
    "vh-tt&dl": "văn hóa, thể thao và du lịch",
    "vhtt&dl": "văn hóa, thể thao và du lịch",
    "vh,tt&dl": "văn hóa, thể thao và du lịch",
    "tt&tt": "thông tin và truyền thông",
    "tt-tt": "thông tin và truyền thông",
    "ubnd": "ủy ban nhân dân",
    "hđnd": "hội đồng nhân dân",
    "mttq": "mặt trận tổ quốc",
    "ubmttq": "ủy ban mặt trận tổ quốc",
    "lđlđ": "liên đoàn lao động",
    "hlhpn": "hội liên hiệp phụ nữ",
    "lhpn": "liên hiệp phụ nữ",
    "ccb": "cựu chiến binh",
    "tncs": "thanh niên cộng sản",
    "đh": "đại học",
    "đhqg": "đại học quốc gia",
    "bv": "bệnh viện",
    "tw": "trung ương",
    "tư": "trung ương",
    "t.ư": "trung ương",
}
_ABBREVIATION = re.compile(
    r"(?<![\w&.-])(" + "|".join(re.escape(a) for a in sorted(_ABBREVIATIONS, key=len, reverse=True)) + r")(?![\w&-])"
)
#: Units that every institution has ("phòng Đào tạo", "khoa Sản", "tổ Văn"): without the institution or a
#: place in the name they cannot be told apart, so such a name only merges within one article.
_GENERIC_UNIT = re.compile(r"^(phòng|khoa|tổ|bộ môn|bộ phận)\s")
_PARENT_WORDS = re.compile(
    r"\b(trường|đại học|học viện|bệnh viện|công an|sở|bộ|cục|tổng cục|viện|ủy ban|quận|huyện|tỉnh|thành phố|"
    r"thị xã|xã|phường|thị trấn|trung ương|quốc gia|việt nam)\b"
)


@cache
def org_name_key(name: str) -> str:
    """Comparison form of an organisation name or a post title: :func:`norm` with abbreviations expanded."""
    return _ABBREVIATION.sub(lambda m: _ABBREVIATIONS[m.group(1)], norm(name))


#: Local bodies named by their level alone ("Tỉnh ủy", "HĐND tỉnh", "UBND huyện"): without the place they
#: stand for any province's or district's body.
_LOCAL_BODY = re.compile(
    r"^((tỉnh|thành|huyện|quận|thị|đảng) ủy|.*\b(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn))$"
)


def is_generic_unit(name_key: str) -> bool:
    """True for "phòng đào tạo", "khoa sản", "phòng đào tạo trường đại học", "tỉnh ủy" (no place): a name
    that does not say whose unit it is."""
    if _LOCAL_BODY.match(name_key):
        return True
    if not _GENERIC_UNIT.match(name_key):
        return False
    parents = list(_PARENT_WORDS.finditer(name_key))
    # "phòng Đào tạo Trường ĐH Bách khoa" names its school; "phòng Đào tạo Trường Đại học" does not.
    return not parents or parents[-1].end() == len(name_key) or name_key.endswith("nhà trường")


def entity_key(entity: Entity, article_place: str, article: str) -> str:
    """Resolution key of a non-person entity (persons need the whole corpus, see :func:`resolve`)."""
    props = entity.properties
    label = entity.type
    # Units below the province repeat their names across provinces (huyện Châu Thành is in eleven):
    # their posts, organisations and places carry the province (``province``), which joins the key.
    lower_province = norm_place(str(props.get("province") or ""))
    if label == "Post":
        key = org_name_key(str(props.get("label") or entity.name))
        org = org_name_key(str(props.get("organization") or ""))
        if org and is_generic_unit(org) and org in key:
            key = f"{key}|{article}"  # "Trưởng phòng Đào tạo" of which school? Only this article knows.
        return f"{key}|{lower_province}" if lower_province else key
    if label == "Organization":
        # Local organisation names take the place ("Tỉnh ủy" of Bắc Ninh is "Tỉnh ủy Bắc Ninh"),
        # so the bare and the spelled-out form of one organisation share a key.
        name = org_name_key(entity.name)
        place = norm_place(str(props.get("place") or ""))
        if place and not name.endswith(place):
            name = f"{name} {place}"
        elif not place and is_generic_unit(name):
            name = f"{name}|{article}"
        return f"{name}|{lower_province}" if lower_province else name
    if label == "Place":
        kind = str(props.get("kind") or "")
        if kind in ("", "province", "city") and not lower_province:
            return norm_place(entity.name)
        # A district or commune may share its name with a province (the city of Bắc Ninh in the
        # province of Bắc Ninh): keep the kind in the key, and no gazetteer lookup.
        key = f"{norm(entity.name)}|{norm(kind)}"
        return f"{key}|{lower_province}" if lower_province else key
    if label == "Event":
        date = props.get("date")
        place = norm_place(str(props.get("place") or article_place or ""))
        if date:
            return f"{norm(entity.name)}|{date}|{place}"
        # An undated event cannot be matched across articles with any confidence.
        return f"{norm(entity.name)}|{article}|{entity.id}"
    return norm(entity.name)


def legacy_key(entity: Entity) -> str | None:
    """The key an organisation or post had before abbreviations were expanded (its earlier id stays an alias)."""
    props = entity.properties
    if entity.type == "Post":
        key = norm(str(props.get("label") or entity.name))
    elif entity.type == "Organization":
        key = norm(entity.name)
        place = norm_place(str(props.get("place") or ""))
        if place and not key.endswith(place):
            key = f"{key} {place}"
    else:
        return None
    lower_province = norm_place(str(props.get("province") or ""))
    return f"{key}|{lower_province}" if lower_province else key


#: Stands for the province in the resolution key of a central official (``level`` "central" on the mention):
#: such a mention is neither of the article's province nor of unknown province.
CENTRAL_SCOPE = "Trung ương"


def _where(province: str) -> str:
    """A person's province as merge reasons write it."""
    if province == CENTRAL_SCOPE:
        return "central bodies"
    return province or "unknown province"


def _person_province(mention: Mention, article_place: dict[str, str]) -> str:
    props = mention.entity.properties
    if props.get("province"):
        return str(props["province"])
    if props.get("level") == "central":
        return CENTRAL_SCOPE
    return str(article_place.get(mention.article, "") or "")


@cache
def _node_id(label: str, key: str) -> str:
    return make_id(label, key)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        # The smaller key is the root, so the result does not depend on the order of unions.
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True


def resolve(extractions: Iterable[Extraction]) -> Resolution:
    """Resolve every entity of every extraction to a node id (extractions: unique article ids)."""
    node_of: dict[tuple[str, str], str] = {}
    nodes: dict[str, Resolved] = {}
    article_place: dict[str, str] = {}
    person_mentions: list[Mention] = []
    #: (article id, entity id) -> (label, key) of the posts and organisations, for person linking
    keys: dict[tuple[str, str], tuple[str, str]] = {}
    extractions = sorted(extractions, key=lambda x: x.article.id)

    for ex in extractions:
        art = ex.article
        article_place[art.id] = art.place
        for entity in ex.entities:
            mention = Mention(art.id, art.published, entity)
            if entity.type == "Person":
                person_mentions.append(mention)
                continue
            if entity.type == "Article":
                node_of[(art.id, entity.id)] = entity.id
                continue
            key = entity_key(entity, art.place, art.id)
            node_id = _node_id(entity.type, key)
            node = nodes.setdefault(node_id, Resolved(node_id, entity.type, key))
            node.mentions.append(mention)
            old_key = legacy_key(entity)
            if old_key is not None and old_key != key:
                node.alias_ids.add(_node_id(entity.type, old_key))
            node_of[(art.id, entity.id)] = node_id
            if entity.type in ("Post", "Organization"):
                keys[(art.id, entity.id)] = (entity.type, key)

    base_ids = dict(node_of)  # every non-person mention's group is its node (aliases are added below)
    legacy: dict[str, str] = {}
    _resolve_persons(extractions, person_mentions, article_place, keys, node_of, nodes, base_ids, legacy)
    for node in nodes.values():
        node.mentions.sort(key=lambda m: m.order)
    return Resolution(node_of, nodes, base_ids, legacy, article_place)


#: Common misspellings of the commonest surnames, as folded keys (see :func:`name_block`).
_SURNAME_TYPOS = {"ngyen": "nguyen", "nguen": "nguyen", "nguyn": "nguyen", "nguyeen": "nguyen", "ngueyn": "nguyen"}
#: A syllable made of consonants and a final y: "Sỹ"/"Sĩ", "Kỳ"/"Kì", "Lý"/"Lí" are one name.
_Y_SYLLABLE = re.compile(r"^[^aeiouy]+y$")
#: Posts many people hold at once: a shared one alone does not make two namesakes one person
#: when their names are spelled differently.
_MEMBERSHIP_ROLES = ("ủy viên", "đại biểu", "thành viên", "hội viên", "đảng viên")


@cache
def name_block(name: str) -> str:
    """The block of a person's name: folded to ASCII, "y" as "i" after consonants, known surname typos
    fixed. Spellings that differ only in tone marks or these slips ("Thịnh"/"Thinh", "Sỹ"/"Sĩ",
    "Ngyễn"/"Nguyễn") share a block; resolution only ever compares names within one block."""
    syllables = fold(clean(name)).split()
    out = []
    for i, syl in enumerate(syllables):
        if i == 0:
            syl = _SURNAME_TYPOS.get(syl, syl)
        if _Y_SYLLABLE.match(syl):
            syl = syl[:-1] + "i"
        out.append(syl)
    return " ".join(out)


def person_base_id(base: str) -> str:
    """The id of a base group (one spelling of a name in one province): the slug shows the name only, so
    the id never claims a province, and the hash of the whole key keeps namesakes apart."""
    return _person_id(base)


@cache
def _person_id(base: str) -> str:
    return make_id("Person", base, display=base.split("|", 1)[0])


_SYLLABLES = Path(__file__).with_name("data") / "name_syllables.json"
#: A name expected to occur less often than this among the names of a corpus is taken as one person's,
#: wherever it appears (Trương Quang Nghĩa, Đặng Thị Ngọc Thịnh); see :func:`name_commonness`.
RARE_NAME = 0.05
#: A name more common than this (Nguyễn Anh Tuấn, Nguyễn Văn Hùng) is shared by many private persons: a
#: mention of it that holds no post stays in its own article, since name and province alone do not tell
#: the lawyer from the driver or the defendant.
COMMON_NAME = 0.3
#: A group of mentions that hold no post, of a name less common than this, joins the one namesake who holds
#: posts, if there is exactly one (a minister quoted without his title in a provincial paper).
UNCOMMON_NAME = 0.22


@cache
def _syllable_table() -> tuple[int, dict[str, dict[str, int]]]:
    data = json.loads(_SYLLABLES.read_text(encoding="utf-8"))
    return int(data["names"]), {k: data[k] for k in ("surname", "middle", "given")}


@cache
def name_commonness(name: str) -> float:
    """How many distinct persons' names would equal ``name`` among the names of a corpus, if surname, middle
    names and given name were drawn independently with their frequencies among distinct names. The table
    (``graph/data/name_syllables.json``) is fixed data, not recomputed from the articles being built, so a
    mention's group, and with it its id, does not change when unrelated articles arrive."""
    n, table = _syllable_table()
    syllables = clean(name).casefold().split()
    if len(syllables) < 2:
        return float(n)  # a single syllable ("Hùng") says almost nothing
    middles = syllables[1:-1]
    n_middle = sum(table["middle"].values())
    expected = n * (table["surname"].get(syllables[0], 0.5) / n) * (table["given"].get(syllables[-1], 0.5) / n)
    for m in middles:
        expected *= table["middle"].get(m, 0.5) / n_middle
    return expected


#: Places small enough that two articles naming one are likely to tell one story.
_LOCAL_PLACE_KINDS = frozenset({"commune", "ward", "town", "township"})


def _legacy_id(base: str) -> str:
    """The id earlier versions gave a group of this name and province: the key without the post or article
    that now tells common-named persons apart, and the province in the slug. When such an id stood for
    several persons that are now apart, it stays an alias of each of them."""
    name, province = base.split("|")[:2]
    return make_id("Person", f"{name}|{province}")


def _completes(post_key: str, partial_key: str) -> bool:
    """True if a post's title completes a title named without its place ("Chủ tịch UBND tỉnh Tuyên Quang" and
    "Chủ tịch UBND tỉnh"); keys are compared without their province or article scope."""
    full, part = post_key.split("|", 1)[0], partial_key.split("|", 1)[0]
    return full != part and full.startswith(part + " ")


def _is_membership(post_key: str) -> bool:
    return post_key.startswith(_MEMBERSHIP_ROLES)


def _resolve_persons(
    extractions: list[Extraction],
    mentions: list[Mention],
    article_place: dict[str, str],
    entity_keys: dict[tuple[str, str], tuple[str, str]],
    node_of: dict[tuple[str, str], str],
    nodes: dict[str, Resolved],
    base_ids: dict[tuple[str, str], str],
    legacy: dict[str, str],
) -> None:
    # 1. Base groups: one per (spelling, province). Within one article the same name is one person
    #    whatever the titles around it ("đồng chí Phó Bí thư ... Lê Quốc Chỉnh" and "Lê Quốc Chỉnh").
    #    A byline is a reporter: bylines form groups of their own per newspaper and never join an
    #    official or a namesake named in the text.
    source_of = {ex.article.id: ex.article.source for ex in extractions}
    #: (article, person entity) -> the keys of the posts the mention holds there
    held: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ex in extractions:
        for f in ex.facts:
            post = entity_keys.get((ex.article.id, f.object)) if f.type == "HOLDS" else None
            if post and post[0] == "Post":
                held[(ex.article.id, f.subject)].add(post[1])
    base_of: dict[tuple[str, str], str] = {}
    groups: dict[str, list[Mention]] = defaultdict(list)
    display_province: dict[str, Counter[str]] = defaultdict(Counter)
    bylines: set[str] = set()
    private: set[str] = set()
    for m in mentions:
        name = norm(m.entity.name)
        if m.entity.properties.get("byline"):
            base = f"{name}|byline:{norm(source_of.get(m.article, ''))}"
            bylines.add(base)
        else:
            province_text = _person_province(m, article_place)
            base = f"{name}|{norm_place(province_text)}"
            if name_commonness(name) > COMMON_NAME:
                posts = held.get((m.article, m.entity.id))
                if posts:
                    # Officials with a common name: one group per post; groups sharing a post or an
                    # organisation are linked below, so one official with several posts is still one node.
                    base = f"{base}|post:{min(posts)}"
                else:
                    base = f"{base}|{m.article}"  # see COMMON_NAME: a private person, known by this article only
                    private.add(base)
            if province_text:
                display_province[base][clean(province_text)] += 1
        base_of[(m.article, m.entity.id)] = base
        groups[base].append(m)

    # 2. What each base group holds: posts, and the organisations of those posts.
    post_names: dict[str, str] = {}
    post_org: dict[str, set[str]] = defaultdict(set)
    holds: dict[str, set[str]] = defaultdict(set)
    for ex in extractions:
        article = ex.article.id
        for e in ex.entities:
            if e.type == "Post":
                key = entity_keys[(article, e.id)][1]
                post_names[key] = clean(str(e.properties.get("label") or e.name))
                org = e.properties.get("organization")
                if org:
                    # a district's organisation is only shared within its province (see entity_key)
                    province = norm_place(str(e.properties.get("province") or ""))
                    org_key = org_name_key(str(org))
                    if not is_generic_unit(org_key):  # "Tỉnh ủy" of no named province links no one
                        post_org[key].add(f"{org_key}|{province}" if province else org_key)
        for f in ex.facts:
            if f.type == "POST_IN":
                src = entity_keys.get((article, f.subject))
                dst = entity_keys.get((article, f.object))
                if src and dst and src[0] == "Post" and f"|{article}" not in dst[1]:
                    post_org[src[1]].add(dst[1])
            elif f.type == "HOLDS":
                holder = base_of.get((article, f.subject))
                post = entity_keys.get((article, f.object))
                if holder and post and post[0] == "Post" and holder not in bylines:
                    holds[holder].add(post[1])

    # 3. Link groups of one block (one name up to tone marks and slips) that are one person.
    uf = _UnionFind()
    reasons: dict[str, list[str]] = defaultdict(list)
    by_block: dict[str, list[str]] = defaultdict(list)
    for base in sorted(groups):
        uf.find(base)
        if base not in bylines and base not in private:
            by_block[name_block(base.split("|", 1)[0])].append(base)
    articles_of = {base: len({m.article for m in group}) for base, group in groups.items()}

    def province_of(base: str) -> str:
        counter = display_province.get(base)
        if counter:
            return str(min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0])
        return ""

    def orgs(base: str) -> set[str]:
        return set().union(*(post_org[p] for p in holds[base])) if holds[base] else set()

    for bases in by_block.values():
        if len(bases) < 2:
            continue
        for i, a in enumerate(bases):
            name_a = a.split("|", 1)[0]
            for b in bases[i + 1 :]:
                name_b = b.split("|", 1)[0]
                same_spelling = name_a == name_b
                shared_posts = sorted(holds[a] & holds[b])
                if not same_spelling:
                    # Two spellings are one person only when they hold one post that few people hold at
                    # once, or are of one province and one spelling is a rare slip of the other.
                    why = ""
                    specific = [p for p in shared_posts if not _is_membership(p)]
                    if specific:
                        why = f"hold the post '{post_names.get(specific[0], specific[0])}'"
                    elif a.split("|", 1)[1] == b.split("|", 1)[1] and a.split("|", 1)[1]:
                        rare, common = sorted((a, b), key=lambda x: (articles_of[x], x))
                        if articles_of[rare] <= 2 and articles_of[common] >= 3 * articles_of[rare]:
                            why = f"are both of {_where(province_of(a))}, and '{rare.split('|', 1)[0]}' is rare"
                    if why and uf.union(a, b):
                        reasons[a].append(f"spellings '{name_a}' and '{name_b}' {why}")
                    continue
                if shared_posts:
                    why = f"post '{post_names.get(shared_posts[0], shared_posts[0])}'"
                elif name_commonness(name_a) < RARE_NAME:
                    if uf.union(a, b):
                        pa, pb = (_where(province_of(base)) for base in (a, b))
                        reasons[a].append(f"namesakes in {pa} and {pb}: the name is too rare to be two persons")
                    continue
                else:
                    shared_orgs = sorted(orgs(a) & orgs(b))
                    if not shared_orgs:
                        continue
                    why = f"organisation '{shared_orgs[0]}'"
                if uf.union(a, b):
                    pa, pb = (_where(province_of(base)) for base in (a, b))
                    reasons[a].append(f"namesakes in {pa} and {pb} share the {why}")
        # A group whose articles name no province joins the one namesake that has a province; an official
        # with a common name joins the one namesake whose posts complete his ("Chủ tịch UBND tỉnh" is the
        # start of "Chủ tịch UBND tỉnh Tuyên Quang").
        unknown = [b for b in bases if b.split("|")[1] == "" and b not in private]
        known_roots = {uf.find(b) for b in bases if b.split("|")[1] != "" and b not in private}
        # A common-named official placed in central bodies only because his post was named without its
        # place ("Phó Giám đốc Trung tâm Phát triển quỹ đất") is treated like one of unknown province.
        central = norm_place(CENTRAL_SCOPE)
        incomplete = [
            b
            for b in bases
            if b.split("|")[1] == central
            and "|post:" in b
            and any(_completes(q, p) for k in bases for q in holds[k] for p in holds[b])
        ]
        for b in [*unknown, *incomplete]:
            if uf.find(b) in known_roots and b not in incomplete:
                continue
            n_articles = articles_of[b]
            if "|post:" not in b:
                if len(known_roots) == 1:
                    root = next(iter(known_roots))
                    uf.union(b, root)
                    reasons[b].append(
                        f"province not stated in {n_articles} article(s); "
                        f"the only namesake known is in {_where(province_of(root))}"
                    )
                continue
            fitting = {
                uf.find(k)
                for k in bases
                if k.split("|")[1] not in ("", central) and k not in private and holds[k]
                if any(_completes(q, p) for q in holds[k] for p in holds[b] if not _is_membership(p))
            }
            if len(fitting) == 1 and uf.find(b) not in fitting:
                root = next(iter(fitting))
                uf.union(b, root)
                reasons[b].append(
                    f"province not stated in {n_articles} article(s); the posts fit only the namesake "
                    f"in {_where(province_of(root))}"
                )

    # 3b. Groups that hold no post (private persons, officials named without a title) are one person when
    #     the same story names them: an article of each names the same other person who holds no post
    #     either (the co-accused, the victim's relatives, the players of a coach). Only within one spelling,
    #     and only across provinces when one side's province is unknown.
    postless_names: dict[str, set[str]] = defaultdict(set)  # article -> names of other persons of its story
    for m in mentions:
        props = m.entity.properties
        # Central leaders are named in thousands of stories: sharing one says nothing about the story.
        if not props.get("byline") and props.get("level") != "central":
            postless_names[m.article].add(norm(m.entity.name))
    # A commune or ward named in both articles also marks one story (a village's dispute, a local crime).
    for ex in extractions:
        for e in ex.entities:
            if e.type == "Place" and e.properties.get("kind") in _LOCAL_PLACE_KINDS:
                postless_names[ex.article.id].add(
                    f"{norm(e.name)} {norm_place(str(e.properties.get('province') or ''))}"
                )
    by_name: dict[str, list[str]] = defaultdict(list)
    for base in sorted(groups):
        if base not in bylines and not holds[base]:
            by_name[base.split("|", 1)[0]].append(base)
    story_groups: dict[str, list[str]] = defaultdict(list)
    for base in sorted(groups):
        if base not in bylines:
            story_groups[base.split("|", 1)[0]].append(base)
    for name, bases in story_groups.items():
        if len(bases) < 2 or name not in by_name:
            continue
        block = name_block(name)
        others: dict[str, set[str]] = {}
        for base in bases:
            co: set[str] = set()
            for article in {m.article for m in groups[base]}:
                co |= {n for n in postless_names[article] if name_block(n) != block and " " in n}
            others[base] = co
        for i, a in enumerate(bases):
            pa = a.split("|")[1]
            for b in bases[i + 1 :]:
                pb = b.split("|")[1]
                if (pa != pb and pa and pb) or (holds[a] and holds[b]):
                    continue
                shared = sorted(others[a] & others[b])
                if shared and uf.union(a, b):
                    reasons[a].append(f"named in one story with '{shared[0]}' (no post given to one of them)")

    # 3c. A name that is not common and has exactly one official (a cluster holding posts): its groups
    #     without a post are that official quoted without a title.
    officials: dict[str, set[str]] = defaultdict(set)
    for base in groups:
        if base not in bylines and holds[base]:
            officials[base.split("|", 1)[0]].add(uf.find(base))
    for name, bases in by_name.items():
        roots = officials.get(name, set())
        if len(roots) != 1 or name_commonness(name) >= UNCOMMON_NAME:
            continue
        root = next(iter(roots))
        for b in bases:
            if uf.find(b) != root and uf.union(b, root):
                reasons[b].append(
                    f"named without a post in {articles_of[b]} article(s); the name is uncommon and its only "
                    f"official is in {_where(province_of(root))}"
                )

    # 4. One node per cluster. Its id is the base id of one member, chosen from the membership alone
    #    (a member with a province before one without, then the smallest key), never from the
    #    resolved province or the order of articles; every other member's base id is kept as an
    #    alias, so an id issued by an earlier build, when the cluster was smaller, still resolves.
    clusters: dict[str, list[str]] = defaultdict(list)
    for base in groups:
        clusters[uf.find(base)].append(base)
    for members in clusters.values():
        members.sort()
        provinces: Counter[str] = Counter()
        for base in members:
            provinces.update(display_province.get(base, Counter()))
        province = min(provinces.items(), key=lambda kv: (-kv[1], kv[0]))[0] if provinces else ""
        key = min(members, key=lambda b: (b.endswith("|"), b))
        node_id = person_base_id(key)
        node = Resolved(node_id, "Person", key)
        # The ids earlier versions issued (the resolved province in the slug) resolve here as well.
        node.alias_ids = ({person_base_id(b) for b in members} | {_legacy_id(b) for b in members}) - {node_id}
        for base in members:
            group = groups[base]
            base_id = person_base_id(base)
            legacy.setdefault(_legacy_id(base), base_id)
            for m in group:
                base_ids[(m.article, m.entity.id)] = base_id
            node.mentions.extend(group)
            per_article = Counter(m.article for m in group)
            n_articles = len(per_article)
            if n_articles > 1:
                where = province_of(base)
                if base in bylines:
                    node.merge_reasons.append(f"same byline in {n_articles} articles of one newspaper")
                elif where == CENTRAL_SCOPE:
                    node.merge_reasons.append(f"same name and posts in central bodies in {n_articles} articles")
                else:
                    where = where or "no province"
                    node.merge_reasons.append(f"same name and province ({where}) in {n_articles} articles")
            for article, n in sorted(per_article.items()):
                if n > 1:
                    node.merge_reasons.append(f"same name mentioned {n} times in {article}")
            node.merge_reasons.extend(reasons.get(base, []))
        node.merge_reasons = sorted(set(node.merge_reasons))
        if provinces:
            node.decided["province"] = None if province == CENTRAL_SCOPE else province
        nodes[node_id] = node
        for m in node.mentions:
            node_of[(m.article, m.entity.id)] = node_id


def holding_status(statuses: list[Any]) -> Any:
    """The status of a holding stated by several articles (``statuses`` earliest first): the latest, except
    that "current" does not undo an appointment reported before ("new"): a plain later mention of the
    post ("Trưởng Ban ... Phạm Thị A chủ trì") confirms the appointment rather than replacing it. A
    "former" in between ends that appointment."""
    status = statuses[-1]
    if status == "current":
        for earlier in reversed(statuses[:-1]):
            if earlier == "former":
                break
            if earlier == "new":
                return "new"
    return status


def pick(values: Iterable[Any]) -> Any:
    """The most frequent non-empty value; ties go to the one seen first (callers pass them in order)."""
    counts: Counter[Any] = Counter()
    first: dict[Any, int] = {}
    for i, value in enumerate(values):
        if value is None or value == "" or value == []:
            continue
        hashable = tuple(value) if isinstance(value, list) else value
        counts[hashable] += 1
        first.setdefault(hashable, i)
    if not counts:
        return None
    best = min(counts, key=lambda v: (-counts[v], first[v]))
    return list(best) if isinstance(best, tuple) else best
