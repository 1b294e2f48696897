"""The four single-holder national posts (Tổng Bí thư, Chủ tịch nước, Thủ tướng Chính phủ, Chủ tịch Quốc hội)
checked against the people who really held them (``data/national_posts.txt``, a dated list of holders).

Text gets these posts wrong in ways no local rule sees: a foreign head of government with a Vietnamese-looking
name ("Thủ tướng Lý Khắc Cường", "Thủ tướng Hun Sen"), a title that belongs to the neighbouring name in a long
list, a former leader named without "nguyên". One holder at a time is a constraint the data can carry: a
holding of one of these posts by a person who never held it is dropped, and one dated after the holder left
office is former. The list is the public record; an article cannot make someone Prime Minister.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")
#: Days around a change of holder in which an article may still (or already) name the other holder.
_GRACE = dt.timedelta(days=10)


@dataclass(frozen=True)
class Tenure:
    post: str
    holder: str
    start: dt.date
    end: dt.date | None


@cache
def tenures() -> dict[str, list[Tenure]]:
    """Post label -> its holders in order."""
    table: dict[str, list[Tenure]] = {}
    for line in (DATA / "national_posts.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        post, holder, start, end = (part.strip() for part in line.split("|"))
        table.setdefault(post, []).append(
            Tenure(post, holder, dt.date.fromisoformat(start), dt.date.fromisoformat(end) if end else None)
        )
    return table


#: Longer spellings of the same posts ("Tổng Bí thư Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam").
_SAME_POST = {
    "Tổng Bí thư Ban Chấp hành Trung ương Đảng": "Tổng Bí thư",
    "Tổng Bí thư Trung ương Đảng": "Tổng Bí thư",
    "Thủ tướng": "Thủ tướng Chính phủ",
}


def canonical_label(label: str) -> str:
    """The one label of a national post written in several ways."""
    return _SAME_POST.get(label, label)


def is_national(label: str) -> bool:
    return label in tenures()


def checked_status(
    label: str, person: str, status: str, when: dt.date | None, year: Callable[[], int | None] | None = None
) -> str | None:
    """The status of ``person`` holding the national post ``label`` in an article of date ``when``: None when
    the person never held it (the fact is dropped), "former" when the article is after the person left
    office, else ``status`` as the text gave it.

    An undated article gives only a guess of its year (``year``, asked only when needed: the latest year its
    full dates name); a holder counts as former there when that year is two or more after the holder left
    office ("Tổng Bí thư Nguyễn Văn Linh" in a 2017 article), since a deadline a year or two ahead is often
    the latest date an article names."""
    held = [t for t in tenures()[label] if t.holder == person]
    if not held:
        return None
    if status == "former":
        return status
    if when is not None:
        if any(t.start - _GRACE <= when and (t.end is None or when <= t.end + _GRACE) for t in held):
            return status
        if all(when < t.start - _GRACE for t in held):
            return None  # named before taking office: the title is someone else's
        return "former"
    if year is not None and all(t.end is not None for t in held):
        guess = year()
        if guess is not None and all(guess > t.end.year + 1 for t in held if t.end is not None):
            return "former"
    return status
