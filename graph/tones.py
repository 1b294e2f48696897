"""Vietnamese tone placement: the one rule both the normaliser and entity resolution use.

The "new" placement on the open clusters oa, oe, uy (hoà, thuý, uỷ, khoẻ) becomes the placement the
gazetteers and most newspapers use (hòa, thúy, ủy, khỏe). The text keeps its length, so offsets stay valid.
"""

from __future__ import annotations

import re
import unicodedata

_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền, sắc, hỏi, ngã, nặng


def _tone_moves() -> dict[str, str]:
    """'oà' -> 'òa', 'uỷ' -> 'ủy', ... for every tone and letter case (all NFC, two characters each)."""
    moves: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in _TONES:
            for f in (first, first.upper()):
                for s in (second, second.upper()):
                    new_style = unicodedata.normalize("NFC", f + s + tone)
                    old_style = unicodedata.normalize("NFC", f + tone + s)
                    moves[new_style] = old_style
    return moves


_MOVES = _tone_moves()
# Candidates: o/u followed by a toned a/e/y that ends the syllable (no letter after it). A character-class
# scan is much faster than an alternation of the 60 pairs; the callback checks the exact pair and q-.
_TONE_PATTERN = re.compile("[oOuU][" + "".join(sorted({k[1] for k in _MOVES})) + r"](?!\w)")


def _move_tone(match: re.Match[str]) -> str:
    pair = match.group(0)
    moved = _MOVES.get(pair)
    if moved is None:
        return pair
    start = match.start()
    # 'uy' after 'q' is the qu- onset plus y: "quý" keeps its tone on y.
    if pair[0] in "uU" and start > 0 and match.string[start - 1] in "qQ":
        return pair
    return moved


def fix_tone_placement(text: str) -> str:
    """hoà -> hòa, thuý -> thúy, uỷ -> ủy, khoẻ -> khỏe; same length."""
    return _TONE_PATTERN.sub(_move_tone, text)
