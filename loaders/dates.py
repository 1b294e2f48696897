"""Dates written in articles, resolved against the article's own date.

News text gives day and month only ("Ngày 23-12", "Sáng 24/7"); the year is the article's, except
when the day-month falls after the article's date: then the event happened in the previous year
(23-12 in an article of 6 January 2023 is 23 December 2022).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

#: Days an article may be dated before the event it reports (pages dated a little early) before a
#: later day-month is taken to belong to the previous year.
_GRACE_DAYS = 2

_NUMERIC = r"(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{4}))?(?!\d|[.,]\d)"
_WORDS = r"(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?"
#: "14 và 15/12", "14-15/12": a span of days; the event starts on the first.
_RANGE = r"(\d{1,2})\s*(?:và|-|–|đến)\s*\d{1,2}\s*[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{4}))?(?!\d|[.,]\d)"
_CUE = (
    r"(?:[Tt]rong\s+(?:hai\s+|ba\s+|các\s+)?ngày\s+"
    r"|(?:[Ss]áng|[Cc]hiều|[Tt]rưa|[Tt]ối|[Đđ]êm)(?:\s+(?:nay|qua|mai))?\s*(?:ngày\s+)?"
    r"|[Nn]gày\s+|[Hh]ôm\s+(?:nay|qua)\s*)"
)

#: A date near the start of a sentence, introduced by a time word ("Ngày 23-12,", "Sáng 24/7,",
#: "Chiều nay (5/3)"): the date of what the sentence reports.
LEADING_DATE = re.compile(rf"^[\s(\"“]*(?:{_CUE})\(?\s*(?:{_RANGE}|{_NUMERIC}|{_WORDS})")
#: Any cued date inside a sentence ("ngày 23/12/2022", "(24/7)").
CUED_DATE = re.compile(rf"(?:{_CUE}|\()\s*(?:{_RANGE}|{_NUMERIC}|{_WORDS})")


def resolve(day: int, month: int, year: int | None, reference: dt.date | None) -> dt.date | None:
    """The date meant by day/month(/year), using ``reference`` (the article date) for a missing year."""
    if year is None:
        if reference is None:
            return None
        year = reference.year
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate > reference + dt.timedelta(days=_GRACE_DAYS):
            year -= 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _from_match(match: re.Match[str], reference: dt.date | None) -> dt.date | None:
    groups = [g for g in match.groups()]
    triples = [groups[i : i + 3] for i in range(len(groups) - len(groups) % 3 - 3, -1, -3)][::-1]
    day = month = year = None
    for triple in triples:
        if triple[0] is not None:
            day, month, year = triple
            break
    if day is None or month is None:
        return None
    return resolve(int(day), int(month), int(year) if year else None, reference)


def leading_date(sentence: str, reference: dt.date | None) -> dt.date | None:
    """The date a sentence opens with ('Ngày 23-12, ...' -> 2022-12-23 for an article of 2023-01-06)."""
    match = LEADING_DATE.match(sentence)
    return _from_match(match, reference) if match else None


def first_date(sentence: str, reference: dt.date | None) -> dt.date | None:
    """The first cued date anywhere in the sentence."""
    for match in CUED_DATE.finditer(sentence):
        date = _from_match(match, reference)
        if date is not None:
            return date
    return None


#: Events reported as news happen now: a date before this year is a commemorated or biographical one
#: ("kỷ niệm 127 năm ngày sinh ... (19/5/1890 - 19/5/2017)", a leader's birth date after his name).
EARLIEST_EVENT_YEAR = 1945
#: A date this far from the article's is history the article recalls, not the event it reports.
_FAR = dt.timedelta(days=366)
#: What ends a clause: a date across one of these is not the date of the event mention.
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]]|\s[-–]\s")
_FULL_DATE_YEAR = re.compile(r"\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*((?:19|20)\d\d)(?!\d)")


def reference_year(text: str) -> int | None:
    """For an article without a date: the latest year its full dates ("15/5/2017") give. News reports
    what is recent; older full dates are the history it recalls ("60 năm (3/7/1957 - 3/7/2017)")."""
    years = [int(m.group(1)) for m in _FULL_DATE_YEAR.finditer(text)]
    return max(years) if years else None


def _parts(match: re.Match[str]) -> tuple[int, int, int | None] | None:
    groups = list(match.groups())
    for i in range(0, len(groups) - 2, 3):
        day, month, year = groups[i : i + 3]
        if day is not None and month is not None:
            return int(day), int(month), int(year) if year else None
    return None


def event_date(
    sentence: str, mention: int, reference: dt.date | None, year_hint: Callable[[], int | None] | None = None
) -> dt.date | None:
    """The date of the event named at offset ``mention`` of ``sentence``: the leading date, else the first
    cued date. A date before 1945, or far from the article's date (``reference``; for an undated article
    the year ``year_hint`` gives, asked only when needed), counts only when written with its year in the
    same clause as the event mention: otherwise it is a date the article recalls (a birth, a founding),
    not when the event took place. The date a sentence opens with is in the clause of every event the
    sentence names."""
    leading = LEADING_DATE.match(sentence)
    for match in [leading, *CUED_DATE.finditer(sentence)]:
        if match is None:
            continue
        parts = _parts(match)
        if parts is None:
            continue
        date = resolve(*parts, reference)
        if date is None:
            continue
        if reference is not None:
            far = abs(date - reference) > _FAR
        else:
            hint = year_hint() if year_hint is not None and parts[2] is not None else None
            far = hint is not None and abs(date.year - hint) > 1
        if date.year < EARLIEST_EVENT_YEAR or far:
            # the date a sentence opens with ("Ngày 15/3/2017, ...") governs the whole sentence
            lo, hi = sorted((mention, match.start()))
            same_clause = match is leading or (
                _CLAUSE_BREAK.search(sentence, lo, hi) is None and not match.group(0).lstrip().startswith("(")
            )
            if parts[2] is None or not same_clause:
                continue
        return date
    return None
