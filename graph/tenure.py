"""Tenures across articles: which statements of a holding belong to one term, what the merged tenure
says, and who succeeded whom in a post.

Rules (README "Tenure"):

- A holding is keyed by person, post and term: statements naming a term ("nhiệm kỳ 2020-2025",
  "khóa XIII") form one tenure per term; a statement naming none joins the tenure whose years contain
  its article's year (the latest-starting one when two do), else the tenure without a term. A person
  re-elected to a post therefore keeps one HOLDS per term.
- ``start``: the earliest start the articles state; else the date of the earliest article reporting the
  appointment (status "new"). ``end``: the earliest end stated. ``end_bound`` (only when no end is
  known): the earliest of the dates the text gives for a "thôi giữ chức" and the dates of the articles
  calling the holding former ("nguyên"). Dates are strings of the precision written (YYYY-MM-DD, YYYY-MM,
  YYYY); first/last seen stay what they are, the dates of the articles.
- A single-holder post shown with a new holder after the articles last showed the old one: the old holding,
  if nothing ends or bounds it, ended no later than the new one began (its ``end_bound``).
- Succession: stated ("thay ông A", "kế nhiệm") by the extraction; read here for a single-holder post
  (a head, not a deputy or a member) whose holders include a former one and a later one: the earliest
  holder not former, by start, succeeded the former holder who held it last.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

_YEARS = re.compile(r"^(\d{4})-(\d{4})$")
#: Roles held by several people at once: deputies and members.
_MANY = re.compile(r"^(?:Phó |Ủy viên|Đại biểu|Thành viên|Hội viên|Quyền )")
#: Deputies of whom there is only one: the standing deputy.
_ONE_DEPUTY = re.compile(r"Thường trực$")


def single_holder(role: str | None, label: str | None = None) -> bool:
    """Is the post held by one person at a time (Bí thư, Chủ tịch, Trưởng Ban, Phó Bí thư Thường trực)?"""
    role = (role or "").strip()
    if not role or (label or "").startswith("Bí thư Trung ương"):
        return False  # the Secretariat has several secretaries
    return not _MANY.match(role) or bool(_ONE_DEPUTY.search(role))


def term_years(term: str | None) -> tuple[int, int] | None:
    match = _YEARS.match(term or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def valid_term(term: str | None) -> bool:
    """A term of years runs forward and at most ten years ("nhiệm kỳ 2025-2023" is a typo)."""
    years = term_years(term)
    return years is None or 0 < years[1] - years[0] <= 10


def lower(value: str | None) -> str:
    """The first day a date of any precision can mean, as YYYY-MM-DD (for ordering)."""
    if not value:
        return ""
    return value + ("-01-01" if len(value) == 4 else "-01" if len(value) == 7 else "")


@dataclass(frozen=True)
class Said:
    """What one statement says of a holding: its article's date, status and the tenure words."""

    date: dt.date | None
    status: str | None
    start: str | None
    end: str | None
    end_bound: str | None
    term: str | None


def group_terms(said: Sequence[Said]) -> list[tuple[str, list[int]]]:
    """Indices of the statements of each tenure, keyed by term ("" for the tenure without a term)."""
    groups: dict[str, list[int]] = {}
    for i, s in enumerate(said):
        if s.term and valid_term(s.term):
            groups.setdefault(s.term, []).append(i)
    termed = sorted(groups)
    for i, s in enumerate(said):
        if s.term and valid_term(s.term):
            continue
        home = ""
        if s.date is not None:
            containing = [t for t in termed if (y := term_years(t)) is not None and y[0] <= s.date.year <= y[1]]
            if containing:
                home = max(containing, key=lambda t: term_years(t) or (0, 0))
        groups.setdefault(home, []).append(i)
    return sorted(groups.items())


def merge(said: Sequence[Said], former: str, new: str) -> dict[str, Any]:
    """The tenure of one holding's statements: ``start``, ``end``, ``end_bound`` (see the module rules)."""
    starts = [s.start for s in said if s.start]
    start = min(starts, key=lambda v: (lower(v), -len(v))) if starts else None
    if start is None:
        appointed = [s.date for s in said if s.status == new and s.date is not None]
        start = min(appointed).isoformat() if appointed else None
    ends = [s.end for s in said if s.end]
    end = min(ends, key=lambda v: (lower(v), -len(v))) if ends else None
    bound = None
    if end is None:
        bounds = [s.end_bound for s in said if s.end_bound]
        bounds += [s.date.isoformat() for s in said if s.status == former and s.date is not None]
        bound = min(bounds, key=lower) if bounds else None
    return {"start": start, "end": end, "end_bound": bound}


@dataclass(frozen=True)
class Holder:
    """One tenure of a post, as succession reading needs it."""

    person: str
    status: str
    start: str | None
    first_seen: dt.date | None
    end: str | None
    end_bound: str | None
    key: Any  # the edge, to find its evidence


def succession(holders: Sequence[Holder], former: str) -> tuple[Holder, Holder] | None:
    """(predecessor, successor) read from a single-holder post's holders, or None when the articles do not
    show one: a former holder and a later one not former, of two different persons."""
    gone = [h for h in holders if h.status == former]
    now = [h for h in holders if h.status != former]
    if not gone or not now:
        return None

    def begun(h: Holder) -> str:
        return lower(h.start) or (h.first_seen.isoformat() if h.first_seen else "")

    successor = min(now, key=lambda h: (begun(h) or "9999", h.person))
    # the former holder who held it last: by the end, else the bound, else the start
    last = max(gone, key=lambda h: (lower(h.end) or lower(h.end_bound) or begun(h), h.person))
    if last.person == successor.person:
        return None
    if last.start and successor.start and lower(last.start) > lower(successor.start):
        return None  # the "former" one began later: the articles disagree, nothing is read
    return last, successor


def later_holder_bounds(holders: Sequence[Holder], edges: dict[Any, dict[str, Any]]) -> list[tuple[Holder, str]]:
    """For the holdings of a single-holder post with no end and no bound: the start (or first article) of the
    first other holder the articles show after their last article, as the bound of their end."""

    def begun(h: Holder) -> str:
        return lower(h.start) or (h.first_seen.isoformat() if h.first_seen else "")

    out: list[tuple[Holder, str]] = []
    for h in holders:
        last_seen = edges[h.key].get("last_seen")
        if h.end or h.end_bound or last_seen is None:
            continue
        later = [begun(o) for o in holders if o.person != h.person and begun(o) > last_seen.isoformat()]
        if later:
            first = min(later)
            # as written: the other holding's own start if it has one, else its first article's date
            other = next(o for o in holders if o.person != h.person and begun(o) == first)
            out.append((h, other.start or first))
    return out
