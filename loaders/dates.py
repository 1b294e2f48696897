"""Dates written in articles, resolved against the article's own date.

News text gives day and month only ("Ngày 23-12", "Sáng 24/7"); the year is the article's, except
when the day-month falls after the article's date: then the event happened in the previous year
(23-12 in an article of 6 January 2023 is 23 December 2022).
"""

from __future__ import annotations

import datetime as dt
import re

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
