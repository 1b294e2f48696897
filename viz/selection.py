"""Which nodes and edges a map shows: a focus (person, province, organisation, event, campaign or
the whole graph), N hops around it, a date window (on a holding's stated tenure where the text gives
it, else on the dates of the articles that mention a fact), and a node budget.

Article nodes are provenance, not actors: they (and MENTIONED_IN / AUTHORED edges) stay out of maps
unless asked for, otherwise every entity of an article would be two hops from every other one.
Their titles and dates still reach the tooltips.
"""

from __future__ import annotations

import datetime as dt
import difflib
import heapq
import unicodedata
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx

from danvan.graph import places as gazetteer
from danvan.graph.ids import fold
from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.schema import SCHEMA

FocusKind = Literal["person", "province", "organization", "event", "campaign", "all"]

#: Hops used when the caller does not say: a person or an organisation is interesting two steps
#: out (person -> post -> organisation; person -> event -> other attendees); an event, a campaign
#: or a province already gathers its neighbourhood in one.
DEFAULT_HOPS: dict[str, int] = {"person": 2, "organization": 2, "event": 1, "campaign": 1, "province": 1, "all": 0}

FOCUS_LABELS: dict[str, str] = {
    "person": "Person",
    "province": "Place",
    "organization": "Organization",
    "event": "Event",
    "campaign": "Campaign",
}

ARTICLE = "Article"
PROVENANCE_RELS = frozenset(r.type for r in SCHEMA.rels if ARTICLE in r.targets)
_LABEL_ORDER = {label: i for i, label in enumerate(SCHEMA.labels)}


class SelectionError(ValueError):
    """The focus could not be found (the message names it and suggests close names)."""


@dataclass(frozen=True)
class DateWindow:
    since: dt.date | None = None
    until: dt.date | None = None

    @property
    def active(self) -> bool:
        return self.since is not None or self.until is not None

    def overlaps(self, first: dt.date | None, last: dt.date | None) -> bool:
        first = first or last
        last = last or first
        if first is None or last is None:
            return True  # undated facts (e.g. gazetteer mergers) are timeless
        if self.since is not None and last < self.since:
            return False
        return not (self.until is not None and first > self.until)


@dataclass
class MapSelection:
    title: str
    nodes: list[str]
    edges: list[tuple[str, str, str]]
    focus: list[str]
    distance: dict[str, int]
    total_nodes: int
    max_nodes: int | None
    notes: list[str] = field(default_factory=list)

    @property
    def cut(self) -> bool:
        return len(self.nodes) < self.total_nodes


def parse_date(text: str, *, end: bool = False) -> dt.date:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a partial date means its first (or, with ``end``, last) day."""
    parts = text.strip().split("-")
    try:
        if len(parts) == 1:
            year = int(parts[0])
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            if not end:
                return dt.date(year, month, 1)
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)") from None


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def norm_name(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


_PROVINCE_PREFIXES = ("tỉnh ", "thành phố ", "tp. ", "tp ")


def _strip_prefix(name: str) -> str:
    for prefix in _PROVINCE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


_LOWER_PREFIXES = ("huyện ", "quận ", "thị xã ", "thị trấn ", "xã ", "phường ")


def _strip_lower_prefix(name: str) -> str:
    for prefix in _LOWER_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _is_located(kg: KnowledgeGraph, node_id: str) -> bool:
    """True for a lower unit: a place LOCATED_IN another."""
    return any(attrs["type"] == "LOCATED_IN" for _, _, attrs in kg.g.out_edges(node_id, data=True))


def find_nodes(kg: KnowledgeGraph, label: str, name: str) -> list[str]:
    """Nodes of ``label`` whose name or alias matches ``name``: exactly (case and spacing folded),
    else without diacritics. Raises :class:`SelectionError` with close names when nothing matches."""
    wanted = norm_name(name)
    accepted = {wanted}
    unit: gazetteer.Province | None = None
    if label == "Place":
        wanted = _strip_prefix(wanted)
        accepted = {wanted}
        # The gazetteer knows the abbreviations and old spellings the articles use ("TP.HCM",
        # "TT-Huế", "Daklak"); nodes carry the canonical name only.
        unit = gazetteer.lookup(name)
        if unit is not None:
            accepted.add(_strip_prefix(norm_name(unit.name)))
    candidates: list[tuple[str, list[str]]] = []
    for node_id, attrs in kg.nodes(label):
        names = [attrs.get("name") or "", *(attrs.get("aliases") or [])]
        normed = [norm_name(n) for n in names if n]
        if label == "Place":
            normed = [_strip_prefix(n) for n in normed]
        candidates.append((node_id, normed))
    exact = sorted(node_id for node_id, names in candidates if accepted.intersection(names))
    if label == "Place" and len(exact) > 1:
        # "Bắc Ninh" names the province and, prefix stripped, the city of Bắc Ninh inside it: the
        # province is meant, and its map shows the city anyway as a unit located in it (LOCATED_IN).
        # "thành phố Bắc Ninh" can only be the city, since the province of Bắc Ninh is no city.
        city_of_province = norm_name(name).startswith("thành phố ") and unit is not None and unit.kind != "city"
        chosen = [n for n in exact if _is_located(kg, n) == city_of_province]
        exact = chosen or exact
    if exact:
        return exact
    if label == "Place":
        # "Quỳnh Lưu" for "huyện Quỳnh Lưu": tried only after the provinces, so "Hòa Bình" never
        # catches a commune that happens to share the province's name.
        bare = _strip_lower_prefix(wanted)
        lower = sorted(node_id for node_id, names in candidates if bare in {_strip_lower_prefix(n) for n in names})
        if lower:
            return lower
    loose = sorted(node_id for node_id, names in candidates if fold(wanted) in {fold(n) for n in names})
    if loose:
        return loose
    all_names = sorted({n for _, names in candidates for n in names})
    close = difflib.get_close_matches(wanted, all_names, n=3, cutoff=0.6)
    hint = f"; close names: {', '.join(close)}" if close else ""
    raise SelectionError(f"no {label} named {name!r} in the graph{hint}")


def _stated(value: Any, *, end: bool) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return parse_date(value, end=end)
    except ValueError:
        return None


def fact_span(attrs: dict[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    """When a fact held: its stated tenure (``start``/``end``: a day, a month or a year) where the
    text gave it, else the dates of the articles that mention it (``first_seen``/``last_seen``),
    bound by bound. A stated start later than the last mention (an appointment announced ahead)
    makes both ends that start."""
    lo = _stated(attrs.get("start"), end=False) or as_date(attrs.get("first_seen"))
    hi = _stated(attrs.get("end"), end=True) or as_date(attrs.get("last_seen"))
    if lo is not None and hi is not None and hi < lo:
        hi = lo
    return lo, hi


def _visible(kg: KnowledgeGraph, include_articles: bool) -> set[str]:
    return {n for n, attrs in kg.nodes() if include_articles or attrs["label"] != ARTICLE}


def _edges_in_window(
    kg: KnowledgeGraph, nodes: set[str], window: DateWindow, include_articles: bool
) -> list[tuple[str, str, str]]:
    out = []
    for source, target, key, attrs in kg.edges():
        if source not in nodes or target not in nodes:
            continue
        if not include_articles and attrs["type"] in PROVENANCE_RELS:
            continue
        if window.active and not window.overlaps(*fact_span(attrs)):
            continue
        out.append((source, target, key))
    return out


def _node_in_window(attrs: dict[str, Any], window: DateWindow) -> bool:
    first, last = as_date(attrs.get("first_seen")), as_date(attrs.get("last_seen"))
    return (first is not None or last is not None) and window.overlaps(first, last)


def _bfs(adjacency: nx.Graph, sources: Iterable[str], hops: int) -> dict[str, int]:
    distance: dict[str, int] = {}
    queue: deque[str] = deque()
    for s in sorted(set(sources)):
        if s in adjacency:
            distance[s] = 0
            queue.append(s)
    while queue:
        node = queue.popleft()
        if distance[node] >= hops:
            continue
        for nb in sorted(adjacency.neighbors(node)):
            if nb not in distance:
                distance[nb] = distance[node] + 1
                queue.append(nb)
    return distance


def _grow_from_hubs(local: nx.Graph, ranked: list[str], budget: int) -> list[str]:
    """``budget`` nodes of a focus-less map, grown outwards from the hubs: always the best-ranked
    node that touches what is already kept, a new hub only when that part is used up.

    Taking the top of the ranking alone left, on the corpus, hundreds of posts whose holders and
    hubs whose neighbours fell just below the line: a grid of two-node islands and dots."""
    rank = {n: i for i, n in enumerate(ranked)}
    kept: list[str] = []
    taken: set[str] = set()
    frontier: list[int] = []
    seeds = iter(ranked)
    while len(kept) < budget:
        while frontier and ranked[frontier[0]] in taken:
            heapq.heappop(frontier)
        if frontier:
            node = ranked[heapq.heappop(frontier)]
        else:
            node = next((n for n in seeds if n not in taken), "")
            if not node:
                break
        taken.add(node)
        kept.append(node)
        for nb in local.neighbors(node):
            if nb not in taken:
                heapq.heappush(frontier, rank[nb])
    return kept


def _predecessors(kg: KnowledgeGraph, places: list[str]) -> list[str]:
    """The units merged into (or renamed as) these places, transitively: after 1 July 2025 Phú Thọ
    includes what the articles said about Hòa Bình, and Huế what they said about Thừa Thiên Huế."""
    found: list[str] = []
    todo = list(places)
    seen = set(places)
    while todo:
        place = todo.pop()
        for source, _, attrs in kg.g.in_edges(place, data=True):
            if attrs["type"] == "MERGED_INTO" and source not in seen and kg.g.nodes[source]["label"] == "Place":
                seen.add(source)
                found.append(source)
                todo.append(source)
    return sorted(found)


def _located_units(kg: KnowledgeGraph, places: list[str], universe: Universe) -> list[str]:
    """The lower units located in these places (LOCATED_IN: "quận Long Biên" in Hà Nội), by their
    edge in the date window. One hop: the extraction links each lower unit to its province directly."""
    found: set[str] = set()
    for place in places:
        for source, _, attrs in kg.g.in_edges(place, data=True):
            if (
                attrs["type"] == "LOCATED_IN"
                and kg.g.nodes[source]["label"] == "Place"
                and universe.adjacency.has_edge(source, place)
            ):
                found.add(source)
    return sorted(found - set(places))


def _province_core(kg: KnowledgeGraph, places: list[str], universe: Universe) -> set[str]:
    """A province's own nodes: the place, the units merged into it and the lower units located in
    them, whatever is said to be in them (by property or by a BASED_IN / HELD_IN edge), and the posts
    of their organisations.

    A member found only through its ``province`` / ``place`` property must have a fact in the map:
    on real articles most such nodes are bylines and people merely named, and a province map of
    the corpus was three quarters unconnected dots. Only facts in the date window count. Lower units
    bring their members by edge only: their names repeat across provinces (huyện Châu Thành is in
    eleven), so an organisation's ``place`` "Châu Thành" does not say which one."""
    adjacency = universe.adjacency
    places = sorted({*places, *_predecessors(kg, places)})
    units = _located_units(kg, places, universe)
    core = {*places, *units}
    for place in places:
        core |= universe.members.get(_strip_prefix(norm_name(kg.g.nodes[place].get("name") or "")), set())
    for place in [*places, *units]:
        for source, _, attrs in kg.g.in_edges(place, data=True):
            if attrs["type"] in ("BASED_IN", "HELD_IN") and adjacency.has_edge(source, place):
                core.add(source)
    for org in [n for n in core if kg.g.nodes[n]["label"] == "Organization"]:
        for source, _, attrs in kg.g.in_edges(org, data=True):
            if attrs["type"] == "POST_IN" and adjacency.has_edge(source, org):
                core.add(source)
    return {n for n in core if n in places or adjacency.degree(n) > 0}


@dataclass
class Universe:
    """What every map of one graph, date window and article choice starts from; prepare it once
    when drawing many maps (the index page does)."""

    window: DateWindow
    include_articles: bool
    visible: set[str]
    edges: list[tuple[str, str, str]]
    adjacency: nx.Graph
    incident: dict[str, list[tuple[str, str, str]]]
    #: Nodes that name a place in their ``province`` / ``place`` property, by folded place name.
    members: dict[str, set[str]]


def prepare(
    kg: KnowledgeGraph, since: dt.date | None = None, until: dt.date | None = None, include_articles: bool = False
) -> Universe:
    window = DateWindow(since, until)
    visible = _visible(kg, include_articles)
    edges = _edges_in_window(kg, visible, window, include_articles)
    adjacency = nx.Graph()
    adjacency.add_nodes_from(visible)
    adjacency.add_edges_from((s, t) for s, t, _ in edges)
    incident: dict[str, list[tuple[str, str, str]]] = {}
    for edge in edges:
        incident.setdefault(edge[0], []).append(edge)
        if edge[1] != edge[0]:
            incident.setdefault(edge[1], []).append(edge)
    members: dict[str, set[str]] = {}
    for node_id in visible:
        attrs = kg.g.nodes[node_id]
        if attrs["label"] in (ARTICLE, "Place"):
            continue
        for prop in ("province", "place"):
            value = attrs.get(prop)
            if isinstance(value, str) and value:
                members.setdefault(_strip_prefix(norm_name(value)), set()).add(node_id)
    return Universe(window, include_articles, visible, edges, adjacency, incident, members)


def select(
    kg: KnowledgeGraph,
    kind: FocusKind,
    value: str | None = None,
    *,
    hops: int | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    max_nodes: int | None = None,
    include_articles: bool = False,
    universe: Universe | None = None,
) -> MapSelection:
    """The nodes and edges of one map, most relevant first (distance to the focus, then degree).

    ``universe`` (from :func:`prepare` with the same graph, dates and article choice) saves the
    preparation when drawing many maps."""
    hops = DEFAULT_HOPS[kind] if hops is None else hops
    if hops < 0:
        raise ValueError("--hops must be 0 or more")
    if max_nodes is not None and max_nodes < 1:
        raise ValueError("--max-nodes must be at least 1")
    if universe is None:
        universe = prepare(kg, since, until, include_articles)
    elif (universe.window, universe.include_articles) != (DateWindow(since, until), include_articles):
        raise ValueError("the prepared universe was made for other dates or article choice")
    window, visible, edges, adjacency = universe.window, universe.visible, universe.edges, universe.adjacency

    focus: list[str]
    merged_note = located_note = unlinked_note = ""
    if kind == "all":
        title = "Whole graph"
        focus = []
        if window.active:
            dated = {s for s, _, _ in edges} | {t for _, t, _ in edges}
            candidates = {n for n in visible if n in dated or _node_in_window(kg.g.nodes[n], window)}
        else:
            candidates = set(visible)
        # A network map is about relationships: nodes only named in articles (bylines, passing
        # mentions) were four fifths of the corpus's whole-graph map, as unconnected dots.
        keep = {n for n in candidates if adjacency.degree(n) > 0}
        if len(keep) < len(candidates):
            unlinked_note = (
                f"{len(candidates) - len(keep)} nodes with no relationship on the map are left out "
                "(only named in articles: bylines, passing mentions)."
            )
        distance = dict.fromkeys(keep, 0)
    else:
        if value is None:
            raise ValueError(f"a {kind} map needs a name")
        label = FOCUS_LABELS[kind]
        # A node id is accepted for every kind (events have no unique name; the index page links by id).
        focus = [value] if value in kg.g and kg.g.nodes[value]["label"] == label else find_nodes(kg, label, value)
        names = sorted({kg.g.nodes[f].get("name") or f for f in focus})
        title = f"{kind.capitalize()}: {', '.join(names)}"
        sources = _province_core(kg, focus, universe) if kind == "province" else set(focus)
        distance = _bfs(adjacency, sources, hops)
        for f in focus:
            distance[f] = 0
        if kind == "province":
            former = [kg.g.nodes[p].get("name") or p for p in _predecessors(kg, focus)]
            if former:
                merged_note = f"Also shows the former {', '.join(sorted(former))}, now part of {', '.join(names)}."
            # the units of the former provinces too: they are on the map through their province
            within = sorted({*focus, *_predecessors(kg, focus)})
            units = [kg.g.nodes[u].get("name") or u for u in _located_units(kg, within, universe)]
            if units:
                located_note = f"Also shows the lower units located in it: {', '.join(sorted(units))}."

    nodes = list(distance)
    kept_set = set(nodes)
    inner = {e for n in nodes for e in universe.incident.get(n, ()) if e[0] in kept_set and e[1] in kept_set}
    # Degree within the map, so a hub of the whole graph does not outrank the focus's own contacts.
    local = nx.Graph()
    local.add_nodes_from(nodes)
    local.add_edges_from((s, t) for s, t, _ in inner)
    sub_degree = dict(local.degree())
    focus_set = set(focus)
    nodes.sort(
        key=lambda n: (
            n not in focus_set,
            distance[n],
            -sub_degree.get(n, 0),
            _LABEL_ORDER.get(kg.g.nodes[n]["label"], 99),
            kg.g.nodes[n].get("name") or "",
            n,
        )
    )
    total = len(nodes)
    notes: list[str] = [note for note in (merged_note, located_note, unlinked_note) if note]
    if max_nodes is not None and total > max_nodes:
        nodes = nodes[:max_nodes] if focus else _grow_from_hubs(local, nodes, max_nodes)
        notes.append(
            f"Map cut to the {max_nodes} most relevant of {total} nodes "
            f"({'closest to the focus, then best connected first' if focus else 'grown from the best connected'})."
        )
    keep = set(nodes)
    kept_edges = sorted((e for e in inner if e[0] in keep and e[1] in keep), key=lambda e: e[2])
    if window.active:
        notes.append(
            f"Facts seen between {since.isoformat() if since else 'the beginning'} "
            f"and {until.isoformat() if until else 'now'} (undated facts kept)."
        )
    return MapSelection(
        title=title,
        nodes=nodes,
        edges=kept_edges,
        focus=[f for f in focus if f in keep],
        distance={n: distance[n] for n in nodes},
        total_nodes=total,
        max_nodes=max_nodes,
        notes=notes,
    )
