"""From a read, normalised, sentence-split Document to an Extraction: entities and facts with evidence.

A pipeline of small components, each with one job, run in order over a shared :class:`Context`
(spaCy-style): persons, titles (posts and organisations), events, event roles, campaigns, documents,
places. Each fact carries the sentence that supports it and its offsets in the original text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from danvan.graph import places
from danvan.graph.model import ArticleInfo, Extraction
from danvan.loaders import tenure
from danvan.loaders.campaigns import find_campaigns
from danvan.loaders.context import Context, Sentence
from danvan.loaders.dates import reference_year
from danvan.loaders.document import Document
from danvan.loaders.documents import find_documents
from danvan.loaders.events import assign_roles, find_events
from danvan.loaders.foreign import looks_vietnamese
from danvan.loaders.national import canonical_label, checked_status, is_national
from danvan.loaders.organizations import Org, PlaceContext
from danvan.loaders.persons import find_persons, find_short_forms, is_photo_credit, surnames
from danvan.loaders.place_mentions import find_places
from danvan.loaders.tenure import Tenure
from danvan.loaders.titles import CURRENT, FORMER, NEW, Holding, assign

Component = Callable[[Context], None]


def persons(ctx: Context) -> None:
    """Person names per sentence; every named person is a Person entity (bylines are metadata, not persons)."""
    authors = {a.strip() for a in ctx.doc.authors}
    full = [
        p
        for p in find_persons(ctx.text)  # one pass over the text, then each name to its sentence
        if p.name not in authors and not is_photo_credit(ctx.text, p.start, p.end)
    ]
    # "ông Dũng" later in the text is the Đặng Việt Dũng named before: his titles and roles there count
    mentions = sorted(full + find_short_forms(ctx.text, full), key=lambda p: p.start)
    cut = len(ctx.text.rstrip())
    for person in mentions:
        if person.end >= cut and not ctx.text.rstrip().endswith((".", "!", "?", "”", '"', ")")):
            continue  # an excerpt cut in the middle of a name ("... Chủ tịch UBND tỉnh Thái Ng")
        sentence = ctx.sentence_at(person.start)
        if sentence is not None and person.end <= sentence.end:
            sentence.persons.append(person)
            ctx.person(person.name)


def titles(ctx: Context) -> None:
    """HOLDS facts from title chains, with Post and Organization entities (POST_IN, PART_OF, BASED_IN)."""
    #: person name -> (province of the post's organisation or CENTRAL, is the post held now), in text order
    where: dict[str, list[tuple[str, bool]]] = {}
    for index, sentence in enumerate(ctx.sentences):
        if not sentence.persons:
            continue
        ends: dict[int, int] = ctx.notes.setdefault("mention_end", {})
        holdings = assign(ctx.text, sentence.start, sentence.end, sentence.persons, _sentence_places(ctx, sentence))
        tenures = _tenures(ctx, index, holdings)
        for holding, stated_tenure in zip(holdings, tenures, strict=True):
            ends[holding.person.start] = max(ends.get(holding.person.start, 0), holding.mention_end)
            post = holding.post
            if post.org.kind in _STATE_KINDS and post.org.level != "foreign" and not _vietnamese(holding.person.name):
                continue  # "ông Thotsaphon Sinyabut – Chủ tịch huyện Taungoi": a foreign official, no body of Vietnam's
            if post.status == NEW and _told_as_history(ctx, sentence):
                # "Đầu năm 2019, ông A được điều động giữ chức ...": a step of a career, not this article's news
                post = replace(post, status=CURRENT)
            if post.org.level == "district" and post.status != FORMER and _after_districts(ctx.doc.published):
                # the districts ended on 1 July 2025: a district post named in a later article is a past one
                post = replace(post, status=FORMER)
            if post.org.level == "central" and canonical_label(post.label) != post.label:
                post = replace(post, label=canonical_label(post.label))
            if post.org.level == "central" and is_national(post.label):
                # one holder at a time, and only those who held it: a dated list checks what text gets wrong
                status = checked_status(
                    post.label, holding.person.name, post.status, ctx.doc.published, lambda: reference_year(ctx.text)
                )
                if status is None:
                    continue
                post = replace(post, status=status)
            ended = stated_tenure.end is not None and ctx.doc.published is not None
            if ended and stated_tenure.end is not None and ctx.doc.published is not None:
                ended = stated_tenure.end.value <= ctx.doc.published.isoformat()
            if (stated_tenure.left or ended) and post.status == CURRENT:
                # "ông A, Bí thư Tỉnh ủy X, thôi giữ chức ..."; "bà B, Trưởng Ban ..., nghỉ hưu từ ngày 1/7"
                post = replace(post, status=FORMER)
            org_id = ctx.org(post.org, sentence)
            # a district's post is told apart from the same-named district's of another province
            lower = post.org.level in ("district", "commune") and post.org.based_in is not None
            post_id = ctx.entity(
                "Post",
                post.label,
                post.label,
                label=post.label,
                role=post.role,
                organization=post.org.name,
                province=post.org.based_in[2] if lower and post.org.based_in is not None else "",
            )
            ctx.fact("POST_IN", post_id, org_id, sentence)
            person_id = ctx.person(holding.person.name)
            stated = stated_tenure.properties()
            # the same post in another term is another holding ("Bí thư khóa XV tiếp tục trúng cử Bí thư khóa XVI")
            base = ctx.get_fact("HOLDS", person_id, post_id)
            term = stated.get("term")
            variant = term if base is not None and term and base.properties.get("term") not in (None, term) else ""
            fact = ctx.fact("HOLDS", person_id, post_id, sentence, variant=variant, status=post.status, **stated)
            if fact.properties.get("status") == CURRENT and post.status != CURRENT:
                fact.properties["status"] = post.status
            if holding.succeeds is not None:
                ctx.fact(
                    "SUCCEEDED",
                    person_id,
                    ctx.person(holding.succeeds.name),
                    sentence,
                    post=post_id,
                    date=stated.get("start"),
                )
            where.setdefault(holding.person.name, []).append((_post_province(post.org), post.status != FORMER))
    for name, found in where.items():
        _set_person_province(ctx, name, found)


def _tenures(ctx: Context, index: int, holdings: list[Holding]) -> list[Tenure]:
    """The tenure each holding of sentence ``index`` states (start, end, term), see :mod:`loaders.tenure`."""
    sentence = ctx.sentences[index]
    subjects = [
        tenure.Subject(
            h.person.start,
            h.person.end,
            h.post.span[0] if h.post.span[0] >= 0 else h.person.start,
            h.post.span[1] if h.post.span[0] >= 0 else h.mention_end,
            h.post.status,
            h.post.org.kind,
        )
        for h in holdings
    ]
    following = ctx.sentences[index + 1] if index + 1 < len(ctx.sentences) else None
    # the date of the occasion a sentence opening "Tại hội nghị", "Cùng ngày" goes on with: the last sentence
    # before (of the five) that opens with a date
    earlier = None
    if tenure.SAME_OCCASION.match(ctx.text, sentence.start, sentence.end):
        for before in reversed(ctx.sentences[max(0, index - 5) : index]):
            earlier = tenure.sentence_date(ctx.text, before.start, before.end, ctx.doc.published)
            if earlier is not None:
                break
    tenure.read(
        ctx.text,
        sentence.start,
        sentence.end,
        subjects,
        ctx.doc.published,
        (following.start, following.end) if following is not None else None,
        new=NEW,
        former=FORMER,
        earlier=earlier,
    )
    return [s.tenure for s in subjects]


#: "Tại Bắc Ninh, HĐND tỉnh đã ...", "Tiền Giang: Ông A làm chủ tịch HĐND tỉnh": a sentence that opens on another
#: province than the article's.
_PLACE_NAME = r"(?:tỉnh\s+|thành phố\s+|TP\.?\s*)?([A-ZĐ][^\W\d_]*(?: [A-ZĐ][^\W\d_]*){0,3})"
_OPENS_ON_PROVINCE = re.compile(rf"\W*(?:(?:Tại|Ở|Còn tại|Còn ở)\s+{_PLACE_NAME}\s*,|{_PLACE_NAME}\s*:)")


_THEN_NOW = re.compile(r"(?<![\w])(?:nguyên|nay là|hiện là|trước đó)(?![\w])", re.IGNORECASE)
_OF_BODY = re.compile(r"(?:Tỉnh ủy|Tỉnh uỷ|UBND tỉnh|HĐND tỉnh|Ủy ban nhân dân tỉnh|Hội đồng nhân dân tỉnh) $")


def _sentence_places(ctx: Context, sentence: Sentence) -> PlaceContext:
    """The article's places, unless the sentence opens on another province: then its local bodies are that
    province's (an article about two provinces gives each its own posts)."""
    opening = _OPENS_ON_PROVINCE.match(ctx.text, sentence.start, sentence.end)
    if opening is None:
        # "... giữ chức Phó Bí thư Tỉnh ủy Lai Châu, sau đó được bầu làm Chủ tịch UBND tỉnh": the one province
        # the sentence's titles name is the one its bare "tỉnh" means
        named = {
            unit.name
            for start, _end, unit in ctx.place_mentions
            if sentence.start <= start < sentence.end and _OF_BODY.search(ctx.text, max(0, start - 12), start)
        }
        if (
            len(named) == 1
            and ctx.places.province is not None
            and ctx.places.province.name not in named
            and not _THEN_NOW.search(sentence.text)  # "nguyên ... Tỉnh ủy Thái Bình, nay là ... Tỉnh ủy": two times
        ):
            return PlaceContext(places.get(named.pop()))
        return ctx.places
    unit = places.lookup(opening.group(1) or opening.group(2))
    if unit is None or unit == ctx.places.province:
        return ctx.places
    return PlaceContext(unit)


#: A time of the past written with its year: "năm 2019", "tháng 10-2019", "tháng 5/2024".
_PAST_TIME = re.compile(
    r"(?<![\w/.-])(?:[Nn]ăm|[Tt]háng (\d{1,2})\s*[/-]|[Tt]háng (\d{1,2}) năm)\s*((?:19|20)\d\d)(?![\d/-])"
)
#: How long before the article an appointment is history rather than news.
_NEWS_WINDOW = dt.timedelta(days=183)


def _told_as_history(ctx: Context, sentence: Sentence) -> bool:
    """Whether the sentence dates what it tells well before the article (a career told in a profile)."""
    published = ctx.doc.published
    if published is None:
        return False
    for match in _PAST_TIME.finditer(sentence.text):
        month = int(match.group(1) or match.group(2) or 12)
        if not 1 <= month <= 12:
            continue
        if dt.date(int(match.group(3)), month, 28) < published - _NEWS_WINDOW:
            return True
    return False


#: The day the district level (huyện, quận, thị xã, provincial cities) ended.
DISTRICTS_ENDED = dt.date(2025, 7, 1)


def _after_districts(published: dt.date | None) -> bool:
    return published is not None and published >= DISTRICTS_ENDED


#: Kinds of Vietnam's party and state bodies: a person whose name is not Vietnamese holds no post there (a
#: company, school or hospital may well have a foreign director).
_STATE_KINDS = frozenset(
    {"peoples_committee", "peoples_council", "party_committee", "front", "delegation", "legislature", "government"}
    | {"state", "ministry", "standing_committee"}
)


def _vietnamese(name: str) -> bool:
    # ethnic-minority names open with a marker of sex ("H'Hen Niê", "K'Ré" after a family name)
    return looks_vietnamese(name, surnames()) or name[:2] in ("H'", "H’", "K'", "K’")


#: Marker for posts in central bodies (Ban Dân vận Trung ương, Chính phủ, Quốc hội ...).
CENTRAL = "central"


def _post_province(org: Org) -> str:
    """The province of a post's organisation: its own for provincial bodies, the one of its district or
    city for lower ones, CENTRAL for central bodies, the state for foreign ones, "" when the text does
    not tell."""
    if org.based_in is not None:
        return org.based_in[2]
    if org.level == "foreign":
        return org.place  # the state: a foreign leader is no namesake of a Vietnamese official
    return CENTRAL if org.level == "central" else ""


def _set_person_province(ctx: Context, name: str, found: list[tuple[str, bool]]) -> None:
    """A person's province is where the posts they hold are, not where the article is: a Thanh Hóa official
    speaking at a meeting in Nghệ An is a Thanh Hóa official, a central official has no province.

    Posts held now count before former ones; among those, provinces before central posts (a provincial
    party secretary who is also a Central Committee member is active in his province), then the most
    frequent, then the first named. With no post place known the article's province stays.
    """
    for held in (True, False):
        places_ = [p for p, now in found if now == held and p]
        if not places_:
            continue
        local = [p for p in places_ if p != CENTRAL]
        person = ctx.entities[ctx.person(name)]
        if local:
            counts = Counter(local)
            person.properties["province"] = max(counts, key=lambda p: (counts[p], -local.index(p)))
            person.properties.pop("level", None)
        else:
            # No province: resolution keeps central officials apart from provincial namesakes.
            person.properties.pop("province", None)
            person.properties["level"] = CENTRAL
        return


PIPELINE: list[tuple[str, Component]] = [
    ("persons", persons),
    ("titles", titles),
    ("events", find_events),
    ("roles", assign_roles),
    ("campaigns", find_campaigns),
    ("documents", find_documents),
    ("places", find_places),
]


def article_info(doc: Document, ctx: Context) -> ArticleInfo:
    return ArticleInfo(
        id=doc.id,
        path=doc.location or doc.path,
        title=doc.title,
        published=doc.published,
        source=doc.source,
        authors=list(doc.authors),
        place=doc.place or ctx.places.province_name,
        url=doc.url,
        content_hash=doc.content_hash,
    )


def extract_document(doc: Document) -> Extraction:
    """Run the extraction pipeline over one document."""
    ctx = Context(doc)
    for _name, component in PIPELINE:
        component(ctx)
    return Extraction(article=article_info(doc, ctx), entities=list(ctx.entities.values()), facts=ctx.facts)
