"""How nodes and edges look: colour, shape and legend come from the schema, size from degree.

Nothing here names a label or a relationship type: colours and shapes live in ``graph/schema.toml``
so that the map legend can never disagree with the schema.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from danvan.graph.schema import SCHEMA

#: Labels longer than this are shortened on the canvas (the tooltip keeps the full name).
DISPLAY_MAX = 42

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


#: vis-network draws the label inside these shapes, so the text colour must contrast with the fill.
_LABEL_INSIDE = frozenset({"box", "ellipse", "circle", "database"})


def font_color(label: str) -> str | None:
    """White text on a dark fill for shapes that hold their label; None keeps vis's default."""
    node_type = SCHEMA.node(label)
    if node_type.shape not in _LABEL_INSIDE:
        return None
    r, g, b = (int(node_type.color[i : i + 2], 16) for i in (1, 3, 5))
    # Relative luminance (sRGB weights) below one half reads as dark.
    return "#ffffff" if (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.5 else None


def node_size(degree: int) -> float:
    """Square-root growth: hubs stand out without swallowing the map."""
    return round(min(MAX_SIZE, MIN_SIZE + 4.0 * math.sqrt(max(degree, 0))), 2)


def display_label(name: str) -> str:
    name = " ".join(name.split())
    return name if len(name) <= DISPLAY_MAX else name[: DISPLAY_MAX - 1] + "…"


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
