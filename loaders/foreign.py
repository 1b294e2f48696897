"""Foreign states and foreign names: what keeps foreign leaders out of Vietnamese posts.

World news names heads of state and government with the same titles as Vietnam's own ("Thủ tướng",
"Chủ tịch Quốc hội", "Bộ trưởng Ngoại giao"), followed by the state ("Thủ tướng Anh", "Chủ tịch Quốc hội
Lào") or by a name that is plainly not Vietnamese ("Thủ tướng Shinzo Abe"). The states are data
(``data/countries.txt``); a Vietnamese name is told by its syllables.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from danvan.loaders.province_names import province_pattern

DATA = Path(__file__).with_name("data")


@cache
def countries() -> frozenset[str]:
    lines = (DATA / "countries.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def _country_pattern() -> re.Pattern[str]:
    names = sorted(countries(), key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def country_at(text: str, pos: int, end: int) -> str:
    """The foreign state named at ``pos`` ("Anh", "Hàn Quốc"), or "" (also for a province that starts like
    one, "Lào Cai")."""
    match = _country_pattern().match(text, pos, end)
    if match is None:
        return ""
    # A province or Vietnamese unit named with the state's word first: "Lào Cai" is not Laos.
    province = province_pattern()[0].match(text, pos, end)
    if province is not None and province.end() > match.end():
        return ""
    return match.group(0)


_VOWELS = "aăâeêioôơuưy"
_TONED = "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
#: One Vietnamese syllable: an initial consonant, one to three vowels, a final consonant.
_SYLLABLE = re.compile(
    rf"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx])?[{_VOWELS}{_TONED}]{{1,3}}(?:ch|ng|nh|[cmnpt])?"
)


#: Doubled vowels other than "oo" (xoong) do not occur: "Lee", "Kaa".
_DOUBLED = re.compile(r"([aeiuyăâêôơư])\1")


def is_vietnamese_syllable(word: str) -> bool:
    lower = word.lower()
    return _SYLLABLE.fullmatch(lower) is not None and _DOUBLED.search(lower) is None


def looks_vietnamese(name: str, family_names: frozenset[str]) -> bool:
    """True for "Nguyễn Xuân Phúc", "Ksor Phước" (a listed family name first), False for "Theresa May",
    "Shinzo Abe", "Moon Jae-in": a name of Vietnamese syllables, or one that starts with a family name."""
    words = name.split()
    if not words:
        return False
    if words[0] in family_names:
        return True
    return all(is_vietnamese_syllable(part) for word in words for part in word.split("-"))
