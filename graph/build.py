"""Turn per-article extractions into one knowledge graph.

The build is a pure function of the *set* of articles (for an article id given twice, the later
extraction counts): articles are processed in id order, entities are resolved by
:mod:`graph.resolve`, and every property that several articles may disagree on is chosen by a
fixed rule, so the same articles always give the same graph whatever order they came in. The
embedded store relies on this to rebuild incrementally.

Provenance rules for a relationship stated by several articles:
- ``sources``: the supporting article ids, sorted;
- ``first_seen`` / ``last_seen``: earliest / latest date of a supporting article;
- ``evidence*``: the sentence from the earliest article (then lowest article id, then offset), so
  the evidence does not flip when a later article repeats the fact;
- own properties (``status``, ``value``, ...): from the *latest* statement (then highest article
  id), because later articles report the current state (a post now "former", a figure updated);
  except that a holding reported as an appointment ("new") stays "new" while later articles merely
  name the post ("current" is what every plain mention says), see :func:`graph.resolve.holding_status`;
- a holding's tenure (``start``, ``end``, ``end_bound``, ``term``) is merged over its statements, one
  HOLDS per person, post and term, and SUCCEEDED is added where a single-holder post shows a former and
  a later holder, see :mod:`graph.tenure`.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from danvan.graph import places, tenure
from danvan.graph.ids import edge_id
from danvan.graph.judgements import Judgement, apply_judgements, in_force, judgement_id
from danvan.graph.knowledge import KnowledgeGraph, edge_key
from danvan.graph.model import ArticleInfo, Entity, Evidence, Extraction, Fact
from danvan.graph.resolve import Resolution, clean, entity_key, holding_status, norm, norm_place, pick, resolve
from danvan.graph.schema import SCHEMA

#: HOLDS statuses, in the order the schema declares them.
CURRENT, FORMER, NEW = SCHEMA.rel("HOLDS").prop("status").values

log = logging.getLogger(__name__)

_NO_DATE = dt.date.max
#: Node properties computed by the builder rather than copied from mentions.
_DERIVED = {"id", "name", "first_seen", "last_seen", "aliases", "merge_reasons", "single_holder", "alias_ids"}
_WITH_ALIASES = frozenset(n.label for n in SCHEMA.nodes if "aliases" in n.property_names)
#: Synthetic entity ids for bylines, chosen so they cannot clash with extractor ids.
_AUTHOR_PREFIX = "byline:"
#: Synthetic entity ids for a province a lower unit lies in when the article has no Place entity for it.
_PROVINCE_PREFIX = "province-of:"
#: Synthetic entities are not mentions in the text, so they get no MENTIONED_IN.
_SYNTHETIC_PREFIXES = (_AUTHOR_PREFIX, _PROVINCE_PREFIX)
#: Facts whose sentence is not evidence that an entity is named: a byline is outside the text, and a
#: LOCATED_IN sentence names the lower unit, not necessarily its province.
_NOT_MENTION_EVIDENCE = frozenset({"AUTHORED", "LOCATED_IN"})
#: What the extraction calls the province of a lower Place (provincial city, district, ...).
_PROVINCE_PROP = "province"


@dataclass(slots=True)
class _Statement:
    """One article stating one relationship."""

    article: str
    date: dt.date | None
    evidence: Evidence | None
    properties: dict[str, Any]

    @property
    def earliest_key(self) -> tuple[dt.date, str, int]:
        return (self.date or _NO_DATE, self.article, self.evidence.start if self.evidence else -1)

    @property
    def latest_key(self) -> tuple[dt.date, str]:
        return (self.date or dt.date.min, self.article)


def extraction_json(extraction: Extraction) -> str:
    """The canonical JSON text of an extraction (stored on the Article node; compared by builds)."""
    return json.dumps(extraction.to_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def unique_articles(extractions: Iterable[Extraction]) -> list[Extraction]:
    """One extraction per article id, the last one given winning (a re-read article replaces the old)."""
    by_id: dict[str, Extraction] = {}
    for ex in extractions:
        by_id[ex.article.id] = ex
    return [by_id[k] for k in sorted(by_id)]


def _with_bylines(ex: Extraction) -> Extraction:
    """Add a Person and an AUTHORED fact for each byline the extractor did not already link."""
    linked = {f.subject for f in ex.facts if f.type == "AUTHORED"}
    linked_names = {clean(e.name).casefold() for e in ex.entities if e.id in linked}
    extra_entities: list[Entity] = []
    extra_facts: list[Fact] = []
    for i, author in enumerate(ex.article.authors):
        if not author.strip() or clean(author).casefold() in linked_names:
            continue
        entity_id = f"{_AUTHOR_PREFIX}{i}"
        extra_entities.append(Entity(entity_id, "Person", clean(author), {"byline": True}))
        extra_facts.append(Fact("AUTHORED", entity_id, ex.article.id, Evidence("", -1, -1)))
    if not extra_entities:
        return ex
    return Extraction(ex.article, [*ex.entities, *extra_entities], [*ex.facts, *extra_facts])


def _with_containment(ex: Extraction) -> Extraction:
    """Add a LOCATED_IN fact from each lower Place (one with a ``province``) to its province's Place.

    The extraction names a lower unit's province (district gazetteer, the article's province) as a
    property, which the schema does not keep: as an edge it lets a province's queries and maps reach
    "huyện Quỳnh Lưu" without an organisation chain. The target is the article's own Place of the
    province where it has one; otherwise a Place from the gazetteer is added, with the key
    :func:`graph.resolve.entity_key` gives any mention of that province, so every article's edge lands
    on the one province node.
    """
    lower = [e for e in ex.entities if e.type == "Place" and e.properties.get(_PROVINCE_PROP)]
    if not lower:
        return ex
    art = ex.article
    by_key = {
        entity_key(e, art.place, art.id): e.id
        for e in ex.entities
        if e.type == "Place" and not e.properties.get(_PROVINCE_PROP)
    }
    extra_entities: list[Entity] = []
    extra_facts: list[Fact] = []
    for entity in lower:
        unit = places.lookup(str(entity.properties[_PROVINCE_PROP]))
        if unit is None:
            log.warning(
                "%s: %s names an unknown province %r; no LOCATED_IN",
                art.id,
                entity.name,
                entity.properties[_PROVINCE_PROP],
            )
            continue
        province = Entity(
            f"{_PROVINCE_PREFIX}{len(extra_entities)}",
            "Place",
            unit.name,
            {"kind": unit.kind, "code": unit.code, "status": unit.status},
        )
        key = entity_key(province, art.place, art.id)
        target = by_key.get(key)
        if target is None:
            target = by_key[key] = province.id
            extra_entities.append(province)
        extra_facts.append(Fact("LOCATED_IN", entity.id, target, _containment_evidence(ex, entity.id, unit.name)))
    return Extraction(art, [*ex.entities, *extra_entities], [*ex.facts, *extra_facts])


def _containment_evidence(ex: Extraction, entity_id: str, province: str) -> Evidence:
    """The sentence behind "unit lies in province": the first that names the unit in a fact and also
    the province ("huyện Quỳnh Lưu, tỉnh Nghệ An"), else the first that names the unit."""
    sentences = sorted(
        (f.evidence for f in ex.facts if entity_id in (f.subject, f.object) and f.evidence.start >= 0),
        key=lambda ev: (ev.start, ev.end),
    )
    wanted = norm(province)
    naming = [ev for ev in sentences if wanted in norm(ev.sentence)]
    if naming or sentences:
        return (naming or sentences)[0]
    return Evidence("", -1, -1)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector during a burst of allocations.

    Building creates hundreds of thousands of small objects while millions are alive (the
    extractions); every generation-2 collection then walks all of them. Nothing built here forms
    reference cycles that need collecting, and pausing measured 30-40% off a corpus build.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_graph(extractions: Iterable[Extraction], judgements: Sequence[Judgement] = ()) -> KnowledgeGraph:
    """Resolve entities across the articles, apply the analysts' judgements, return the knowledge graph."""
    with gc_paused():
        return _build_graph(extractions, judgements)


def prepare(originals: list[Extraction]) -> list[Extraction]:
    """The extractions as resolution reads them: bylines as persons, lower places inside their province."""
    return [_with_containment(_with_bylines(ex)) for ex in originals]


def _build_graph(extractions: Iterable[Extraction], judgements: Sequence[Judgement]) -> KnowledgeGraph:
    originals = unique_articles(extractions)
    exs = prepare(originals)
    resolution = resolve(exs)
    # The judgements come between resolution and the graph, so every build re-derives the corrected view.
    applied = apply_judgements(resolution, judgements)
    kg = KnowledgeGraph()
    for ex in originals:  # the stored extraction is the one given, without the byline and LOCATED_IN additions
        _add_article(kg, ex)
    _add_entities(kg, resolution)
    _add_relationships(kg, exs, resolution, applied.rejected)
    _add_judgements(kg, judgements, applied.resolve)
    return kg


def _add_judgements(kg: KnowledgeGraph, judgements: Sequence[Judgement], resolve_id: Any) -> None:
    """The judgements as nodes, so they travel with the graph to every sink (store, Neo4j, RDF provenance),
    each linked by JUDGED to the nodes it names as they stand now."""
    if not judgements:
        return
    active = {j.n for j in in_force(judgements)}
    targets = SCHEMA.rel("JUDGED").targets
    for j in judgements:
        node_id = judgement_id(j)
        named = list(j.fact) if j.fact else list(j.ids)
        value = j.value if not isinstance(j.value, list) else ", ".join(str(v) for v in j.value)
        kg.g.add_node(
            node_id,
            label="Judgement",
            id=node_id,
            name=f"judgement {j.n}: {j.describe()}",
            number=j.n,
            action=j.action,
            targets=named,
            value=str(j.undo) if j.action == "undo" else (str(value) if value is not None else None),
            status="in force" if j.n in active or j.action == "undo" else "undone",
            reason=j.reason or None,
            author=j.author or None,
            time=j.time or None,
        )
        for target in dict.fromkeys(resolve_id(t) for t in (j.fact[1:] if j.fact else j.ids)):
            if target in kg.g and kg.g.nodes[target]["label"] in targets:
                key = edge_id("JUDGED", node_id, target)
                kg.g.add_edge(node_id, target, key=key, type="JUDGED", sources=[])


def _add_article(kg: KnowledgeGraph, ex: Extraction) -> None:
    art: ArticleInfo = ex.article
    kg.g.add_node(  # straight into networkx: these are exactly the Article properties
        art.id,
        label="Article",
        id=art.id,
        name=art.title or art.id,
        title=art.title,
        published=art.published,
        source=art.source,
        url=art.url,
        path=art.path,
        place=art.place,
        authors=list(art.authors),
        content_hash=art.content_hash,
        extraction=extraction_json(ex),
        first_seen=art.published,
        last_seen=art.published,
    )


def _add_entities(kg: KnowledgeGraph, resolution: Resolution) -> None:
    for node_id in sorted(resolution.nodes):
        node = resolution.nodes[node_id]
        node_type = SCHEMA.node(node.label)
        mentions = node.mentions  # already in (date, article, entity) order
        names = [clean(_display_name(m.entity)) for m in mentions]
        name = pick(names)
        if node.label == "Organization":
            name = _spelled_out(name, names, [m.entity.properties.get("place") for m in mentions])
        props: dict[str, Any] = {"name": name}
        for prop in node_type.properties:
            if prop.name in _DERIVED:
                continue
            values = [_coerce(m.entity.properties.get(prop.name), prop.type) for m in mentions]
            props[prop.name] = pick(values)
        dates = [m.date for m in mentions if m.date]
        props["first_seen"] = min(dates) if dates else None
        props["last_seen"] = max(dates) if dates else None
        if "name" in node.decided:  # renamed by an analyst: the resolved name stays an alias
            props["name"] = name = node.decided["name"]
        if node.label in _WITH_ALIASES:
            aliases: set[str] = set(names)
            for m in mentions:
                for alias in m.entity.properties.get("aliases") or []:
                    aliases.add(clean(str(alias)))
            aliases.discard(name)
            props["aliases"] = sorted(aliases)
        if node.label == "Person":
            props["merge_reasons"] = list(node.merge_reasons)
        if node.label == "Post":
            props["single_holder"] = tenure.single_holder(props.get("role"), name)
        props["alias_ids"] = sorted(node.alias_ids)
        props.update(node.decided)
        # Straight into networkx: every key above is a property of the label by construction.
        kg.g.add_node(node_id, label=node.label, id=node_id, **props)


def _spelled_out(name: str, names: list[str], places: list[Any]) -> str:
    """An organisation's display name with its place: "Tỉnh ủy" of Bắc Ninh shows as "Tỉnh ủy Bắc Ninh".

    Local names ("Tỉnh ủy", "HĐND tỉnh") are ambiguous once several provinces share a graph;
    a spelling that already names the place wins, else the place is appended.
    """
    place = pick([clean(str(p)) for p in places if p])
    if not place:
        return name
    with_place = [n for n in names if norm_place(place) in norm(n)]
    if with_place:
        return str(pick(with_place))
    return f"{name} {place}"


def _display_name(entity: Entity) -> str:
    if entity.type == "Post":
        return str(entity.properties.get("label") or entity.name)
    return entity.name


def _coerce(value: Any, prop_type: str) -> Any:
    """Bring an extractor value to the schema type (JSON round trips turn dates into strings)."""
    if value is None or value == "":
        return None
    try:
        if prop_type == "DATE":
            return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
        if prop_type == "INT64":
            return int(value)
        if prop_type == "DOUBLE":
            return float(value)
        if prop_type == "BOOL":
            return bool(value)
        if prop_type == "STRING[]":
            return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
        return str(value)
    except (TypeError, ValueError):
        log.warning("ignoring %r: not a valid %s", value, prop_type)
        return None


def _spans(group: list[_Statement]) -> list[str] | None:
    spans = sorted({f"{s.article} {s.evidence.start} {s.evidence.end}" for s in group if s.evidence is not None})
    return spans or None


def _add_relationships(
    kg: KnowledgeGraph,
    exs: list[Extraction],
    resolution: Resolution,
    rejected: dict[tuple[str, str, str], Judgement] | None = None,
) -> None:
    statements: dict[tuple[str, str, str], list[_Statement]] = defaultdict(list)
    node_of = resolution.node_of
    labels = {node_id: attrs["label"] for node_id, attrs in kg.g.nodes(data=True)}
    endpoints = {rel.type: frozenset(rel.endpoints) for rel in SCHEMA.rels}
    # A relationship's own properties (status, value, ...), not the provenance every type shares,
    # which the builder computes and an extractor must not override.
    common = set.intersection(*(set(rel.property_names) for rel in SCHEMA.rels))
    own_props = {rel.type: [p for p in rel.properties if p.name not in common] for rel in SCHEMA.rels}
    for ex in exs:
        art = ex.article
        # Evidence for MENTIONED_IN: the first sentence (by offset) of a fact involving the entity.
        first_evidence: dict[str, Evidence] = {}
        for fact in ex.facts:
            src = art.id if fact.subject == art.id else node_of.get((art.id, fact.subject))
            dst = art.id if fact.object == art.id else node_of.get((art.id, fact.object))
            if src is None or dst is None:
                log.warning(
                    "%s: %s fact names an unknown entity (%s -> %s)", art.id, fact.type, fact.subject, fact.object
                )
                continue
            if src == dst:
                continue  # two mentions resolved to one node: "X is part of X" says nothing
            pair = (labels[src], labels[dst])
            if pair not in endpoints[fact.type]:
                log.warning("%s: %s cannot connect %s to %s; fact skipped", art.id, fact.type, *pair)
                continue
            evidence = fact.evidence if fact.evidence.start >= 0 else None
            own: dict[str, Any] = {}
            if fact.properties:
                for p in own_props[fact.type]:
                    value = _coerce(fact.properties.get(p.name), p.type)
                    if value is not None:
                        own[p.name] = value
                if fact.type == "SUCCEEDED" and "post" in own:
                    # the post is named by its id in the article: the graph's id of it
                    post = node_of.get((art.id, own["post"]))
                    own = {**own, "post": post} if post else {k: v for k, v in own.items() if k != "post"}
            statements[(fact.type, src, dst)].append(_Statement(art.id, art.published, evidence, own))
            if evidence is not None and fact.type not in _NOT_MENTION_EVIDENCE:
                for entity_id in (fact.subject, fact.object):
                    known = first_evidence.get(entity_id)
                    if known is None or evidence.start < known.start:
                        first_evidence[entity_id] = evidence
        # Every entity is MENTIONED_IN its article; bylines and gazetteer provinces are not mentions in the text.
        for entity in ex.entities:
            node_id = node_of.get((art.id, entity.id))
            if node_id is None or node_id == art.id or entity.id.startswith(_SYNTHETIC_PREFIXES):
                continue
            key = ("MENTIONED_IN", node_id, art.id)
            if key in statements:
                continue  # an explicit MENTIONED_IN fact (or a second mention) already covers it
            statements[key].append(_Statement(art.id, art.published, first_evidence.get(entity.id), {}))

    # A rejected fact stays out however many articles state it; the graph keeps who still states it, for review.
    still_stated: dict[tuple[str, str, str], list[str]] = {}
    for key in rejected or {}:
        group = statements.pop(key, None)
        if group is not None:
            still_stated[key] = sorted({s.article for s in group})
    kg.g.graph["rejected"] = still_stated
    # Insertion order is already deterministic (articles in id order, facts in their order).
    for (rel_type, src, dst), group, held in _tenures(statements):
        if len(group) == 1:  # most facts are stated once: skip the comparisons
            earliest = latest = group[0]
            dates = [earliest.date] if earliest.date else []
            with_props = bool(latest.properties)
        else:
            dates = [s.date for s in group if s.date]
            # A statement with a sentence beats one without (a bare mention), then earliest first.
            earliest = min(group, key=lambda s: (s.evidence is None, *s.earliest_key))
            # Own properties come together from the latest statement that has any, so a figure
            # and its unit always come from the same article.
            candidates = [s for s in group if s.properties]
            with_props = bool(candidates)
            latest = max(candidates, key=lambda s: s.latest_key) if candidates else earliest
            if rel_type == "HOLDS" and len(candidates) > 1:
                ordered = sorted(candidates, key=lambda s: s.latest_key)
                status = holding_status([s.properties.get("status") for s in ordered])
                if status != latest.properties.get("status"):
                    merged = {**latest.properties, "status": status}
                    latest = _Statement(latest.article, latest.date, latest.evidence, merged)
        ev = earliest.evidence
        props = {
            "sources": sorted({s.article for s in group}),
            "first_seen": min(dates) if dates else None,
            "last_seen": max(dates) if dates else None,
            "evidence": ev.sentence if ev else None,
            "evidence_article": earliest.article,
            "evidence_start": ev.start if ev else None,
            "evidence_end": ev.end if ev else None,
            # every supporting statement's own sentence, found again in its article's stored extraction
            "evidence_spans": _spans(group) if len(group) > 1 else None,
        }
        if with_props:
            props.update(latest.properties)
        if held is not None:
            props.update({k: v for k, v in held.items() if v is not None})
            for name in ("start", "end", "end_bound", "term"):
                if held.get(name) is None:
                    props.pop(name, None)
        # Straight into networkx: endpoints and property names were checked above, and there is
        # exactly one statement group per (type, source, target, key properties), what the edge key encodes.
        kg.g.add_edge(src, dst, key=edge_key(rel_type, src, dst, props), type=rel_type, **props)
    _add_successions(kg)


def _tenures(
    statements: dict[tuple[str, str, str], list[_Statement]],
) -> Iterator[tuple[tuple[str, str, str], list[_Statement], dict[str, Any] | None]]:
    """Each relationship's statements; a holding's split into its tenures (one per term) with the merged
    start, end, end bound and term of each (see :mod:`graph.tenure`)."""
    for key, group in statements.items():
        if key[0] != "HOLDS":
            yield key, group, None
            continue
        said = [
            tenure.Said(
                s.date,
                s.properties.get("status"),
                s.properties.get("start"),
                s.properties.get("end"),
                s.properties.get("end_bound"),
                s.properties.get("term"),
            )
            for s in group
        ]
        for term, indices in tenure.group_terms(said):
            merged = tenure.merge([said[i] for i in indices], former=FORMER, new=NEW)
            yield key, [group[i] for i in indices], {**merged, "term": term or None}


def _add_successions(kg: KnowledgeGraph) -> None:
    """SUCCEEDED read from a single-holder post's former and later holders, where no article states it."""
    stated = {(s, t) for s, t, a in kg.g.edges(data=True) if a["type"] == "SUCCEEDED"}
    by_post: dict[str, list[tenure.Holder]] = defaultdict(list)
    for src, dst, key, attrs in kg.g.edges(keys=True, data=True):
        if attrs["type"] == "HOLDS" and kg.g.nodes[dst].get("single_holder"):
            by_post[dst].append(
                tenure.Holder(
                    src,
                    attrs.get("status") or "",
                    attrs.get("start"),
                    attrs.get("first_seen"),
                    attrs.get("end"),
                    attrs.get("end_bound"),
                    (src, dst, key),
                )
            )
    for post in sorted(by_post):
        for holding, bound in tenure.later_holder_bounds(
            by_post[post], {h.key: kg.g.edges[h.key] for h in by_post[post]}
        ):
            kg.g.edges[holding.key]["end_bound"] = bound
        found = tenure.succession(by_post[post], FORMER)
        if found is None:
            continue
        before, after = found
        if (after.person, before.person) in stated:
            continue
        new, old = kg.g.edges[after.key], kg.g.edges[before.key]
        dates = [d for d in (new.get("first_seen"), old.get("first_seen"), new.get("last_seen")) if d]
        kg.g.add_edge(
            after.person,
            before.person,
            key=edge_key("SUCCEEDED", after.person, before.person, {}),
            type="SUCCEEDED",
            post=post,
            date=after.start,
            sources=sorted(set(new.get("sources") or []) | set(old.get("sources") or [])),
            first_seen=min(dates) if dates else None,
            last_seen=max(dates) if dates else None,
            evidence=new.get("evidence"),
            evidence_article=new.get("evidence_article"),
            evidence_start=new.get("evidence_start"),
            evidence_end=new.get("evidence_end"),
        )
