"""Role words: the titles of posts (``loaders/data/roles.txt``) and the pattern that finds them in text.

Kept apart from the title rules (``loaders/titles.py``) because the organisation reader needs the pattern too
("Ban Tuyên giáo - Trưởng Ban ...": a dash before a role word ends a body's name), and the title rules need
the organisation reader: both import this module, and it imports neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True)
class Role:
    canonical: str
    mode: str  # after | shared | party | alone | member
    #: alone: the organisation of the post; member: the level word of the unit whose party executive it is
    alone_org: str = ""


@cache
def roles() -> dict[str, Role]:
    table: dict[str, Role] = {}
    for line in (DATA / "roles.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split("|")]
        spelling, mode = parts[0], parts[1]
        canonical = parts[2] if len(parts) > 2 else spelling
        alone = ""
        if mode.startswith(("alone=", "member=")):
            mode, alone = mode.split("=", 1)
        table[spelling.lower()] = Role(canonical, mode, alone)
        if "Ủy" in canonical:
            table[canonical.replace("Ủy", "Uỷ").lower()] = Role(canonical, mode, alone)
    return table


@cache
def _written_spellings() -> frozenset[str]:
    lines = (DATA / "roles.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.split("|", 1)[0].strip() for line in lines if line.strip() and not line.startswith("#"))


def _any_case(spelling: str) -> str:
    """A pattern matching ``spelling`` with any case of each word's first letter ("[Pp]hó [Bb]í [Tt]hư").

    Case-sensitive character classes are much faster than re.IGNORECASE over a long alternation.
    """
    words = []
    for word in spelling.split(" "):
        first, rest = word[0], re.escape(word[1:])
        head = f"[{first.upper()}{first.lower()}]" if first.upper() != first.lower() else re.escape(first)
        words.append(head + rest)
    return r"\s+".join(words)


@cache
def role_pattern() -> re.Pattern[str]:
    spellings = sorted({canonical for canonical in roles()}, key=len, reverse=True)
    table = roles()
    variants: set[str] = set()
    for key in spellings:
        variants.add(key)
        variants.add(table[key].canonical if table[key].canonical.lower() == key else key.upper())
    variants.update(_written_spellings())  # mixed case as in the file: "Phó TGĐ"
    alternatives = "|".join(_any_case(v) for v in sorted(variants, key=len, reverse=True))
    # Checking the first letter before anything else lets the engine skip most positions cheaply: the
    # lookbehinds and the long alternation are then tried only where a title can start.
    firsts = {v[0].upper() for v in variants} | {v[0].lower() for v in variants} | set("NnCcTtQq")
    first = "[" + "".join(sorted(re.escape(c) for c in firsts)) + "]"
    return re.compile(
        rf"(?={first})(?<![\w])(?<!Đoàn )(?<!đoàn )(?<!Ban )(?<!ban )(?P<status>(?:[Nn]guyên|[Cc]ựu|[Tt]ân)\s+)?"
        rf"(?P<acting>[Qq]uyền\s+)?(?P<role>{alternatives})(?![\w])"
    )
