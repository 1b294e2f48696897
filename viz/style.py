"""How nodes and edges look: colour, shape and legend come from the schema, size from degree.

Nothing here names a label or a relationship type: colours and shapes live in ``graph/schema.toml``
so that the map legend can never disagree with the schema.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from danvan.graph.schema import SCHEMA

#: Labels longer than this are shortened on the canvas (the tooltip keeps the full name).
DISPLAY_MAX = 42
#: Canvas labels at the default zoom: short enough that neighbours rarely collide; the full name is
#: drawn when zoomed in, and is always in the tooltip and the detail panel.
SHORT_MAX = 30

#: The abbreviations the articles themselves use, longest first, so a post keeps its place within
#: SHORT_MAX ("Chủ tịch UBMTTQ tỉnh Long An" rather than "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam…").
_ABBREVIATIONS = (
    ("Ủy ban Mặt trận Tổ quốc Việt Nam", "UBMTTQ"),
    ("Ủy ban MTTQ Việt Nam", "UBMTTQ"),
    ("Ủy ban MTTQ", "UBMTTQ"),
    ("Mặt trận Tổ quốc Việt Nam", "MTTQ"),
    ("Mặt trận Tổ quốc", "MTTQ"),
    ("Ban Chấp hành Trung ương", "BCH TƯ"),
    ("Ban Chấp hành", "BCH"),
    ("Ban Thường vụ", "BTV"),
    ("Hội đồng nhân dân", "HĐND"),
    ("Ủy ban nhân dân", "UBND"),
    ("Đoàn đại biểu Quốc hội", "Đoàn ĐBQH"),
    ("Đại biểu Quốc hội", "ĐBQH"),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Đoàn TNCS HCM"),
    ("Hội Liên hiệp Phụ nữ", "Hội LHPN"),
    ("Hội Cựu chiến binh", "Hội CCB"),
    ("Thành phố Hồ Chí Minh", "TP.HCM"),
    ("Thường trực", "TT"),
    ("Trung ương", "TƯ"),
    ("thành phố", "TP"),
)
_ABBREVIATION_RE = re.compile("|".join(re.escape(long) for long, _ in _ABBREVIATIONS), re.IGNORECASE)
_SHORT_FOR = {long.casefold(): short for long, short in _ABBREVIATIONS}

MIN_SIZE = 10.0
MAX_SIZE = 42.0


@dataclass(frozen=True)
class LegendEntry:
    key: str  # node label or relationship type
    text: str  # English and Vietnamese name, for display
    color: str
    shape: str  # vis-network shape name; "edge" for relationships (the legend draws a CSS swatch)
    count: int


def node_color(label: str) -> str:
    return SCHEMA.node(label).color


def node_shape(label: str) -> str:
    return SCHEMA.node(label).shape


def node_size(degree: int) -> float:
    """Square-root growth: hubs stand out without swallowing the map."""
    return round(min(MAX_SIZE, MIN_SIZE + 4.0 * math.sqrt(max(degree, 0))), 2)


def display_label(name: str) -> str:
    name = " ".join(name.split())
    return name if len(name) <= DISPLAY_MAX else name[: DISPLAY_MAX - 1] + "…"


def abbreviate(name: str) -> str:
    name = " ".join(name.split())
    return _ABBREVIATION_RE.sub(lambda m: _SHORT_FOR[m.group(0).casefold()], name)


def short_label(name: str, place: str = "") -> str:
    """The canvas label: abbreviated, and when still too long, its head and its place ("Phó Chủ
    tịch TT HĐND … Long An"), because the place is what tells namesake posts apart."""
    text = abbreviate(name)
    if len(text) <= SHORT_MAX:
        return text
    words = text.split(" ")
    tail_words = place.split() if place and text.casefold().endswith(place.casefold()) else words[-2:]
    if len(tail_words) >= len(words) - 1:
        return text[: SHORT_MAX - 1] + "…"
    tail = " ".join(tail_words)
    room = SHORT_MAX - len(tail) - 3  # " … "
    head: list[str] = []
    for word in words[: len(words) - len(tail_words)]:
        if len(" ".join([*head, word])) > room:
            break
        head.append(word)
    if not head:
        return text[: SHORT_MAX - 1] + "…"
    return f"{' '.join(head)} … {tail}"


#: How a holding is drawn by its status (issue: former holders looked like current ones).
STATUS_STYLE: dict[str, dict[str, object]] = {
    "current": {"text": "current (solid)", "color": "#6d6d6d", "dashes": False, "width": 1.5, "opacity": 1.0},
    "former": {"text": "former (dashed, faded)", "color": "#9e9e9e", "dashes": True, "width": 1.0, "opacity": 0.45},
    "new": {"text": "newly appointed (green)", "color": "#2e7d32", "dashes": False, "width": 3.0, "opacity": 1.0},
}


def edge_label(rel_type: str) -> str:
    return SCHEMA.rel(rel_type).label_en


def node_legend(counts: dict[str, int]) -> list[LegendEntry]:
    """One entry per schema label present in the map, in schema order."""
    out = []
    for node_type in SCHEMA.nodes:
        if counts.get(node_type.label):
            out.append(
                LegendEntry(
                    key=node_type.label,
                    text=f"{node_type.label_en} ({node_type.label_vi})",
                    color=node_type.color,
                    shape=node_type.shape,
                    count=counts[node_type.label],
                )
            )
    return out


def edge_legend(counts: dict[str, int]) -> list[LegendEntry]:
    """One entry per relationship type present in the map, in schema order."""
    return [
        LegendEntry(
            key=rel.type,
            text=f"{rel.label_en} ({rel.label_vi})",
            color="#848484",
            shape="edge",
            count=counts[rel.type],
        )
        for rel in SCHEMA.rels
        if counts.get(rel.type)
    ]
