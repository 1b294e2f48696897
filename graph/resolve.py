"""Entity resolution: which mentions in which articles are the same node of the graph.

Every mention (an :class:`graph.model.Entity` of one article) is mapped to a *resolution key*,
a readable string from which the node id is derived with :func:`graph.ids.make_id`. Keys depend
only on what the mention itself says (its name, place, date), never on the order articles arrive
or on unrelated articles, so ids stay put when the corpus grows.

- Organisations, posts, places, campaigns and documents merge by canonical name (and place for
  organisations, whose local names such as "Tỉnh ủy" take the place from the article).
- Events merge when name, date and place agree; an undated event stays inside its article.
- Persons merge by (name, province). Namesakes in different provinces stay apart unless they hold
  a common post or hold posts in a common organisation; a mention without a province joins the
  only namesake that has one. Every merge records its reason in ``Person.merge_reasons``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from danvan.graph import places
from danvan.graph.ids import make_id
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


@dataclass
class Resolution:
    #: (article id, entity id) -> node id
    node_of: dict[tuple[str, str], str]
    #: node id -> the resolved node
    nodes: dict[str, Resolved]


def entity_key(entity: Entity, article_place: str, article: str) -> str:
    """Resolution key of a non-person entity (persons need the whole corpus, see :func:`resolve`)."""
    props = entity.properties
    label = entity.type
    # Units below the province repeat their names across provinces (huyện Châu Thành is in eleven):
    # their posts, organisations and places carry the province (``province``), which joins the key.
    lower_province = norm_place(str(props.get("province") or ""))
    if label == "Post":
        key = norm(str(props.get("label") or entity.name))
        return f"{key}|{lower_province}" if lower_province else key
    if label == "Organization":
        # Local organisation names take the place ("Tỉnh ủy" of Bắc Ninh is "Tỉnh ủy Bắc Ninh"),
        # so the bare and the spelled-out form of one organisation share a key.
        name = norm(entity.name)
        place = norm_place(str(props.get("place") or ""))
        if place and not name.endswith(place):
            name = f"{name} {place}"
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
            node_of[(art.id, entity.id)] = node_id
            if entity.type in ("Post", "Organization"):
                keys[(art.id, entity.id)] = (entity.type, key)

    _resolve_persons(extractions, person_mentions, article_place, keys, node_of, nodes)
    for node in nodes.values():
        node.mentions.sort(key=lambda m: m.order)
    return Resolution(node_of, nodes)


def _resolve_persons(
    extractions: list[Extraction],
    mentions: list[Mention],
    article_place: dict[str, str],
    entity_keys: dict[tuple[str, str], tuple[str, str]],
    node_of: dict[tuple[str, str], str],
    nodes: dict[str, Resolved],
) -> None:
    # 1. Base groups: one per (name, province). Within one article the same name is one person
    #    whatever the titles around it ("đồng chí Phó Bí thư ... Lê Quốc Chỉnh" and "Lê Quốc Chỉnh").
    base_of: dict[tuple[str, str], str] = {}
    groups: dict[str, list[Mention]] = defaultdict(list)
    display_province: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        name = norm(m.entity.name)
        province_text = _person_province(m, article_place)
        base = f"{name}|{norm_place(province_text)}"
        base_of[(m.article, m.entity.id)] = base
        groups[base].append(m)
        if province_text:
            display_province[base][clean(province_text)] += 1

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
                    post_org[key].add(f"{norm(str(org))}|{province}" if province else norm(str(org)))
        for f in ex.facts:
            if f.type == "POST_IN":
                src = entity_keys.get((article, f.subject))
                dst = entity_keys.get((article, f.object))
                if src and dst and src[0] == "Post":
                    post_org[src[1]].add(dst[1])
            elif f.type == "HOLDS":
                holder = base_of.get((article, f.subject))
                post = entity_keys.get((article, f.object))
                if holder and post and post[0] == "Post":
                    holds[holder].add(post[1])

    # 3. Link namesakes across provinces through a shared post, else a shared organisation.
    uf = _UnionFind()
    reasons: dict[str, list[str]] = defaultdict(list)
    by_name: dict[str, list[str]] = defaultdict(list)
    for base in sorted(groups):
        uf.find(base)
        by_name[base.split("|", 1)[0]].append(base)

    def province_of(base: str) -> str:
        counter = display_province.get(base)
        if counter:
            return str(min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0])
        return ""

    for bases in by_name.values():
        if len(bases) < 2:
            continue
        for i, a in enumerate(bases):
            for b in bases[i + 1 :]:
                shared_posts = sorted(holds[a] & holds[b])
                if shared_posts:
                    why = f"post '{post_names.get(shared_posts[0], shared_posts[0])}'"
                else:
                    orgs_a = set().union(*(post_org[p] for p in holds[a])) if holds[a] else set()
                    orgs_b = set().union(*(post_org[p] for p in holds[b])) if holds[b] else set()
                    shared_orgs = sorted(orgs_a & orgs_b)
                    if not shared_orgs:
                        continue
                    why = f"organisation '{shared_orgs[0]}'"
                if uf.union(a, b):
                    pa, pb = (_where(province_of(base)) for base in (a, b))
                    reasons[a].append(f"namesakes in {pa} and {pb} share the {why}")
        # A mention whose article names no province joins the one namesake that has a province.
        unknown = [b for b in bases if b.endswith("|")]
        known_roots = {uf.find(b) for b in bases if not b.endswith("|")}
        for b in unknown:
            if len(known_roots) == 1 and uf.find(b) not in known_roots:
                root = next(iter(known_roots))
                uf.union(b, root)
                n_articles = len({m.article for m in groups[b]})
                where = _where(province_of(root))
                reasons[b].append(
                    f"province not stated in {n_articles} article(s); the only namesake known is in {where}"
                )

    # 4. One node per cluster. Its province is the one most of its mentions give (central officials
    #    have none), and its id comes from the key of that province, so the id and the province agree;
    #    an article that only mentions the name without a province never renames the person.
    clusters: dict[str, list[str]] = defaultdict(list)
    for base in groups:
        clusters[uf.find(base)].append(base)
    for members in clusters.values():
        members.sort()
        provinces: Counter[str] = Counter()
        for base in members:
            provinces.update(display_province.get(base, Counter()))
        province = min(provinces.items(), key=lambda kv: (-kv[1], kv[0]))[0] if provinces else ""
        with_province = [b for b in members if not b.endswith("|")]
        chosen = [b for b in with_province if province and b.endswith("|" + norm_place(province))]
        key = (chosen or with_province or members)[0]
        node_id = make_id("Person", key)
        node = Resolved(node_id, "Person", key)
        for base in members:
            group = groups[base]
            node.mentions.extend(group)
            per_article = Counter(m.article for m in group)
            n_articles = len(per_article)
            if n_articles > 1:
                where = province_of(base)
                if where == CENTRAL_SCOPE:
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
