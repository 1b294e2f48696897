"""An article's publication date when no structured field gives it: the search index's date marker, a
timestamp in the URL, or a date line near the top of the page.

Order (first found wins): the record's own field (``published``/``date``, read by the caller); the
marker `` date YYYY-MM-DD`` the index puts at the start of an excerpt (a month-only marker gives no
date but is still metadata, not text); a ``yyyyMMdd`` timestamp in the URL (dantri, vtv, baotintuc:
``...-20250927144110329.htm``); a full dateline (handled by :mod:`loaders.metadata`); and last a line near
the top that carries a date together with a time of day ("Quốc Định 04/10/2022 19:03", "Hoài Dương -
11:09, 26/11/2019"): a date written beside its hour is the page's timestamp, not a date the story tells.
"""

from __future__ import annotations

import datetime as dt
import re

from danvan.loaders.document import Span

#: The index's marker: " date 2025-09-18 " or month-only " date 2025-05 ", at the very start of the text.
_MARKER = re.compile(r" ?date (\d{4})-(\d{2})(?:-(\d{2}))?(?= |\n|$)")
#: yyyyMMdd, alone or as the head of a longer timestamp (yyyyMMddHHmmss...), not inside a longer number.
_URL_STAMP = re.compile(r"(?<![0-9])(20[0-4]\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(\d{4,12})?(?![0-9])")
_TIME = r"\d{1,2}\s*[:h]\s*\d{2}(?:\s*(?:AM|PM|SA|CH))?"
_DATE = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_DATE_TIME = re.compile(
    rf"(?<![\d/.-]){_DATE}(?![\d/])[\s,|–-]*(?:\(?\s*)?{_TIME}|(?<![\d:]){_TIME}[\s,|–-]*{_DATE}(?![\d/])",
    re.IGNORECASE,
)
_HAS_TIME = re.compile(r"\d\s*[:hH]\s*\d\d")
#: How far down a timestamp line may be: past the first lines it is a date inside the story.
_HEAD_LINES = 8
#: In a longer line (a paragraph) a date beside an hour is an event's schedule, not a timestamp, unless it
#: opens the line ("05:37 PM 03/05/2023 | Lượt xem: ..." glued to the first paragraph).
_HEAD_LINE_CHARS = 200
_OPENING_CHARS = 40


def _date(year: int, month: int, day: int) -> dt.date | None:
    if not 1990 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def index_marker(text: str, at: int = 0) -> tuple[Span, dt.date | None] | None:
    """The span of the index's date marker starting at offset ``at`` of ``text`` and its date (None when
    the marker gives only a month)."""
    m = _MARKER.match(text, at)
    if m is None:
        return None
    date = _date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m.group(3) else None
    return Span(m.start(), m.end()), date


def url_date(url: str) -> dt.date | None:
    """The date of a yyyyMMdd timestamp in the URL's path (the last one if several)."""
    if not url:
        return None
    path = url.split("://", 1)[-1].split("/", 1)[-1].split("?", 1)[0]
    found = None
    for m in _URL_STAMP.finditer(path):
        found = _date(int(m.group(1)), int(m.group(2)), int(m.group(3))) or found
    return found


def timestamp_line_date(text: str) -> dt.date | None:
    """The date of the first line near the top that writes a full date beside a time of day."""
    seen = 0
    start = 0
    while seen < _HEAD_LINES and start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        long = end - start > _HEAD_LINE_CHARS
        # a long line is searched only at its opening, where a glued timestamp sits
        line = text[start : start + 2 * _OPENING_CHARS] if long else text[start:end].strip()
        start = end + 1
        if not line:
            continue
        seen += 1
        if _HAS_TIME.search(line) is None:  # cheap test first: most lines carry no hour
            continue
        m = _DATE_TIME.search(line)
        if m is None or (long and m.start() > _OPENING_CHARS):
            continue
        day, month, year = m.group(1, 2, 3) if m.group(1) else m.group(4, 5, 6)
        date = _date(int(year), int(month), int(day))
        if date is not None:
            return date
    return None
