"""Page layout: which lines are the headline, datelines, bylines, source lines, chrome, and which are the article.

Choices, documented because pages disagree:

- Headline: the first line that is neither chrome nor a dateline, if it looks like a headline (10-250
  characters, not ending in '.'); a later line repeating it is dropped. An article whose first line is
  already a paragraph (seed 003 starts with its first sentence) has no headline: the title stays empty
  rather than being invented.
- Publication date: pages often show two dates, the page's own "today" (weekday dateline, often above
  the headline) and the article's timestamp ("07:45, 20/02/2019" under the headline). An article cannot be
  published after the day its page was rendered, so among the datelines of the page header the EARLIEST
  is the publication date; datelines further down are used only if the header has none.
- Bylines and sources are looked for at the end of the article, walking back from the footer over
  short lines: "Tin, ảnh: Văn Huỳnh (Nguồn: Báo Nam Định)", a bare name line ("Việt Hùng"), a source
  line ("(bacninhtv.vn)", "Theo Báo X", "Trung tâm VHTT và Truyền thông thành phố"); and, for text run
  together in one line (the corpus), in the fragment after the last sentence ("... làm rõ. Quế Hà").
- Place: the province or city named by the headline and the source (domain or newspaper name) weigh
  most, then mentions in the body ("tỉnh X", "thành phố X" weigh double). The locality is the
  sub-provincial city, town or district when the article speaks of its committees ("Thành ủy" more
  often than "Tỉnh ủy", and "thành phố Bắc Ninh" named; "Quận ủy" more often than the Thành ủy of a
  centrally governed city, and "quận Long Biên" named).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from danvan.graph import places
from danvan.loaders.chrome import is_chrome, is_footer_marker, is_menu
from danvan.loaders.document import Span

_WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s*nhật|cn)"
_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_YMD = re.compile(r"(?<!\d)(\d{4})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})(?!\d)")
_WORDY = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_DATELINE_NOISE = re.compile(
    rf"{_WEEKDAY}|ngày đăng|đăng ngày|ngày cập nhật|cập nhật lúc|cập nhật|thời gian đăng|thời gian|xuất bản|"
    r"đăng lúc|lúc|ngày|đăng|gmt\s*[+-]\s*\d{1,2}(?::?\d\d)?|utc|\d{1,2}\s*(?::|h)\s*\d{1,2}(?::\d{1,2})?|"
    r"\d{1,2}\s*giờ(?:\s*\d{1,2}\s*phút)?|sa|ch|am|pm|[\s|,;:()\[\]\-–—/.+]",
    re.IGNORECASE,
)

_BYLINE_PREFIX = re.compile(
    r"^(?:(?:tin|bài|ảnh|clip|video|thực hiện|tác giả|nhóm phóng viên|phóng viên|pv)"
    r"(?:\s*(?:,|và|\+|-|/|&)\s*(?:tin|bài|ảnh|clip|video))*)\s*:\s*",
    re.IGNORECASE,
)
_SOURCE_PAREN = re.compile(r"\(\s*(?:(?:nguồn|theo)\s*:?\s*)?([^()]*)\)\s*$", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^\s*\(?\s*(?:nguồn|theo)\s*:?\s+(.{2,100}?)\s*\)?\s*\.?\s*$", re.IGNORECASE)
_DOMAIN = re.compile(
    r"^\(?\s*((?:https?://)?(?:[\w-]+\.)+(?:vn|com|net|org|info)(?:/\S*)?)\s*\)?\s*\.?$", re.IGNORECASE
)
_ORG_SOURCE = re.compile(
    r"^(?:Báo|Đài|Trung tâm|Cổng thông tin|Cổng TTĐT|Cổng TTĐT|Tạp chí|Truyền hình|Thông tấn|TTXVN|Văn phòng|"
    r"Phòng Văn hóa|Ban Tuyên giáo|Ban Dân vận|Ban biên tập|BBT|VOV|VTV|Trang thông tin)\b"
)
_TRANSIENT = re.compile(r"\((?:t/h|th|tổng hợp|tổng hợp\s*/?\s*)\)", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\s-\s|\s–\s|\s—\s|/|\svà\s|&)\s*")
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*$")
_GENERIC_BYLINES = {"pv", "ctv", "nhóm pv", "phóng viên", "btv", "bbt", "nhóm phóng viên", "tổng hợp"}
_TERMINAL = (".", "!", "?", "…", ":", ";", ",")


@dataclass
class Layout:
    title: str = ""
    title_span: Span | None = None
    published: dt.date | None = None
    source: str = ""
    authors: list[str] = field(default_factory=list)
    body: list[Span] = field(default_factory=list)
    regions: list[tuple[str, Span]] = field(default_factory=list)


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1945 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(line: str) -> list[dt.date]:
    """Every valid calendar date written in full in ``line`` (d/m/yyyy, yyyy-mm-dd, 'ngày d tháng m năm y')."""
    found: list[tuple[int, dt.date]] = []
    for m in _DMY.finditer(line):
        date = _valid_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if date:
            found.append((m.start(), date))
    for m in _YMD.finditer(line):
        date = _valid_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if date:
            found.append((m.start(), date))
    for m in _WORDY.finditer(line):
        date = _valid_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if date:
            found.append((m.start(), date))
    return [d for _, d in sorted(found)]


def parse_dateline(line: str) -> dt.date | None:
    """The date of a line that is only a dateline ("Thứ Tư, 19/6/2024", "07:45, 20/02/2019",
    "Thứ 6, Ngày 06 / 01 / 2023", "2024-07-24 16:42:07"); None for any other line."""
    stripped = line.strip()
    if not stripped or len(stripped) > 80:
        return None
    dates = find_dates(stripped)
    if len(dates) != 1:
        return None
    rest = _WORDY.sub(" ", _YMD.sub(" ", _DMY.sub(" ", stripped)))
    if _DATELINE_NOISE.sub("", rest):
        return None
    return dates[0]


def _is_name(words: list[str]) -> bool:
    return all(_NAME_WORD.match(w) and w[0].isupper() for w in words)


def parse_authors(text: str, *, prefixed: bool = False) -> list[str] | None:
    """Names in a byline ("Việt Hùng", "Thu Hà - Minh Anh"); None if the text is not only names."""
    names = []
    for part in _AUTHOR_SPLIT.split(text.strip().strip(".")):
        part = part.strip()
        if not part:
            continue
        if part.casefold() in _GENERIC_BYLINES:
            continue
        words = part.split()
        if not (1 if prefixed else 2) <= len(words) <= 5 or len(part) > 40 or not _is_name(words):
            return None
        if places.lookup(part) is not None:
            return None
        names.append(" ".join(w if not w.isupper() or len(w) == 1 else w.capitalize() for w in words))
    return names


def parse_source_line(line: str) -> str | None:
    """'(bacninhtv.vn)' -> 'bacninhtv.vn'; '(Nguồn: Báo Nam Định)', 'Theo Báo X' -> the name; else None."""
    stripped = line.strip()
    if not stripped or len(stripped) > 120:
        return None
    m = _DOMAIN.match(stripped)
    if m:
        return m.group(1)
    m = _SOURCE_LINE.match(stripped)
    if m:
        return m.group(1).strip().rstrip(".")
    return None


def parse_byline(line: str) -> tuple[list[str], str] | None:
    """(authors, source) of a byline such as "Tin, ảnh: Văn Huỳnh (Nguồn: Báo Nam Định)",
    "Minh Phương/ Theo Thể thao xã hội", "An Bình(Theo CNN, Reuters)"; None if the line is not one."""
    stripped = _TRANSIENT.sub(" ", line).strip()
    if not stripped or len(stripped) > 160 or stripped.endswith(("!", "?", ";", ":")):
        return None
    source = ""
    m = _SOURCE_PAREN.search(stripped)
    if m and m.group(1).strip():
        source = m.group(1).strip()
        stripped = stripped[: m.start()].strip()
    m = re.search(r"(?:^|[\s/|,-])(?:theo|nguồn\s*:?)\s+(.+)$", stripped, re.IGNORECASE)
    if m:
        source = source or m.group(1).strip().rstrip(".")
        stripped = stripped[: m.start()].strip(" /|,-")
    prefix = _BYLINE_PREFIX.match(stripped)
    if prefix:
        stripped = stripped[prefix.end() :]
    if not stripped:
        return ([], source) if (source or prefix) else None
    authors = parse_authors(stripped, prefixed=bool(prefix))
    if authors is None:
        return None
    if not authors and not source and not prefix:
        return None
    return authors, source


def _is_headline(line: str) -> bool:
    stripped = line.strip()
    return (
        10 <= len(stripped) <= 250
        and not stripped.endswith((".", ";", ",", ":"))
        and any(c.isalpha() for c in stripped)
    )


def _looks_like_body(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= 60 or stripped.endswith(_TERMINAL)


def _line_spans(text: str) -> list[Span]:
    spans = []
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            spans.append(Span(start, len(text)))
            return spans
        spans.append(Span(start, end))
        start = end + 1


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


_LAST_TERMINATOR = re.compile(r".*(?:\./\.|[.!?…])[\"”»’')\]]*\s+", re.DOTALL)


def _trailing_byline(text: str, span: Span) -> tuple[Span, list[str], str] | None:
    """A byline run into the last line after its last sentence ("... làm rõ. Quế Hà")."""
    segment = text[span.start : span.end]
    m = _LAST_TERMINATOR.match(segment)
    if not m or len(segment) - m.end() > 80:
        return None
    parsed = parse_byline(segment[m.end() :])
    if parsed is None:
        return None
    return Span(span.start + m.end(), span.end), parsed[0], parsed[1]


def analyse(text: str, title: str = "", published: dt.date | None = None) -> Layout:
    """Split ``text`` (normalised) into headline, metadata lines, chrome and body.

    ``title`` / ``published`` come from structured input (.jsonl); given, they are not searched for.
    """
    layout = Layout(title=title, published=published)
    lines = [_trim(text, s) for s in _line_spans(text)]
    lines = [s for s in lines if s.end > s.start]
    kinds: list[str] = [""] * len(lines)
    dates: list[tuple[int, dt.date]] = []

    seen_body = False
    footer = len(lines)
    for i, span in enumerate(lines):
        line = text[span.start : span.end]
        if seen_body and is_footer_marker(line):
            footer = i
            break
        if not seen_body and _looks_like_body(line) and not parse_dateline(line) and not is_chrome(line):
            seen_body = True
    for i in range(footer, len(lines)):
        kinds[i] = "chrome"

    first_body = footer
    for i in range(footer):
        line = text[lines[i].start : lines[i].end]
        date = parse_dateline(line)
        if date is not None:
            kinds[i] = "dateline"
            dates.append((i, date))
        elif is_chrome(line) or is_menu(line):
            kinds[i] = "chrome"
        elif (source := parse_source_line(line)) is not None:
            kinds[i] = "source"
            layout.source = layout.source or source
        elif _BYLINE_PREFIX.match(line) and (parsed := parse_byline(line)) is not None:
            kinds[i] = "byline"
            layout.authors.extend(a for a in parsed[0] if a not in layout.authors)
            layout.source = layout.source or parsed[1]
        elif first_body == footer:
            first_body = i

    # Headline: the first content line, if it looks like one.
    if not title and first_body < footer:
        line = text[lines[first_body].start : lines[first_body].end]
        if _is_headline(line):
            kinds[first_body] = "title"
            layout.title = line
            layout.title_span = lines[first_body]
    if layout.title:
        folded = " ".join(layout.title.split()).casefold()
        for i in range(footer):
            span = lines[i]
            if kinds[i] or abs((span.end - span.start) - len(folded)) > 10:
                continue
            if " ".join(text[span.start : span.end].split()).casefold() == folded:
                kinds[i] = "title"

    # Bylines and source lines at the end, walking back from the footer.
    for i in range(footer - 1, -1, -1):
        if kinds[i] in ("chrome", "dateline", "source", "byline"):
            continue
        if kinds[i]:
            break
        line = text[lines[i].start : lines[i].end]
        source = parse_source_line(line)
        if source is not None:
            kinds[i] = "source"
            layout.source = layout.source or source
            continue
        parsed = parse_byline(line)
        if parsed is not None and not line.endswith((".", "!", "?")):
            kinds[i] = "byline"
            layout.authors[:0] = [a for a in parsed[0] if a not in layout.authors]
            layout.source = layout.source or parsed[1]
            continue
        if _ORG_SOURCE.match(line) and len(line) <= 100 and not line.endswith(_TERMINAL):
            kinds[i] = "source"
            layout.source = layout.source or line
            continue
        break

    if published is None and dates:
        content = next((i for i in range(footer) if not kinds[i]), footer)
        header = [d for i, d in dates if i < content]
        layout.published = min(header or [d for _, d in dates])

    body_indexes = [i for i, kind in enumerate(kinds) if not kind]
    if body_indexes and not layout.authors:
        last = lines[body_indexes[-1]]
        trailing = _trailing_byline(text, last)
        if trailing is not None:
            byline_span, authors, source = trailing
            lines[body_indexes[-1]] = _trim(text, Span(last.start, byline_span.start))
            layout.regions.append(("byline", byline_span))
            layout.authors = authors
            layout.source = layout.source or source

    for i, span in enumerate(lines):
        if kinds[i]:
            layout.regions.append((kinds[i], span))
        elif span.end > span.start:
            layout.body.append(span)
    layout.regions.sort(key=lambda r: r[1].start)
    return layout


# (never across a line break: "... các cơ quan huyện\nThay mặt ..." names no district)
_CITY = re.compile(r"\b(thành phố|thị xã|huyện|quận) +((?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][^\s,.;:()]* ?){1,3})")
_LOCAL_COMMITTEE = {"thành phố": "Thành ủy", "thị xã": "Thị ủy", "huyện": "Huyện ủy", "quận": "Quận ủy"}


_PLACE_GENERICS = ("tỉnh ", "tỉnh ủy ", "thành phố ", "tp ", "tp. ", "thành ủy ")


def infer_place(text: str, title: str, source: str, url: str = "") -> tuple[str, str]:
    """(province or city, locality) the article is about; empty strings when nothing points anywhere."""
    scores: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for start, _, unit in places.find_mentions(title):
        scores[unit.name] += 5
        first_seen.setdefault(unit.name, -1000 + start)
    for hint in (source, url):
        hinted = places.by_source(hint) if hint else None
        if hinted is not None:
            scores[hinted.name] += 5
            first_seen.setdefault(hinted.name, -2000)
    for start, _, unit in places.find_mentions(text):
        before = text[max(0, start - 12) : start].casefold()
        scores[unit.name] += 2 if before.endswith(_PLACE_GENERICS) else 1
        first_seen.setdefault(unit.name, start)
    if not scores:
        return "", ""
    best = max(scores, key=lambda name: (scores[name], -first_seen[name]))
    if scores[best] < 2:
        return "", ""
    return best, _locality(text, places.get(best))


def _locality(text: str, unit: places.Province) -> str:
    """'thành phố Bắc Ninh' when the article reports on the committees of a city inside its province,
    'quận Long Biên' for a district of a centrally governed city (whose own committee is the Thành ủy)."""
    provincial = text.count("Thành ủy" if unit.kind == "city" else "Tỉnh ủy")
    candidates: Counter[str] = Counter()
    for m in _CITY.finditer(text):
        generic, name = m.group(1), m.group(2).strip()
        if unit.kind == "city" and generic == "thành phố":
            continue  # "Thành ủy" there is the city's own committee
        committee = _LOCAL_COMMITTEE[generic]
        if text.count(committee) <= provincial or places.lookup(name) not in (None, unit):
            continue
        # Most city and district names have one or two words; three capitalised words after
        # "thành phố" are usually a person ("Chủ tịch HĐND thành phố Nguyễn Hoàng Long"), unless the
        # gazetteer knows them as a district ("huyện Bắc Trà My").
        if len(name.split()) <= 2 or name == unit.name or places.is_district(name):
            candidates[f"{generic} {name}"] += 1
    return candidates.most_common(1)[0][0] if candidates else ""
