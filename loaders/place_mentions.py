"""Places named in the article, as Place entities with their status across the 1 July 2025 reorganisation.

Every province or centrally governed city named in a sentence (graph.places gazetteer: the 63 units
before 2025 and the 34 after) becomes a Place; a unit merged on 1 July 2025 also gets its successor and a
MERGED_INTO fact, so a query for "Ninh Bình" can reach articles that still say "Nam Định".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from danvan.loaders.context import Context


def find_places(ctx: Context) -> None:
    seen: set[str] = set()
    for start, _end, unit in ctx.place_mentions:
        if unit.name in seen:
            continue
        sentence = ctx.sentence_at(start)
        if sentence is None:
            continue
        seen.add(unit.name)
        ctx.place(unit.name, unit.kind, unit.name, sentence)
