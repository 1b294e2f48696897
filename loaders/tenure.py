"""Tenure as the text states it: when a holding started and ended, and in which term.

Read for each holding the title rules find (:mod:`loaders.titles`), from the words around its title in
the sentence:

- the term written after the title or the election: "nhiệm kỳ 2020–2025" -> ``term = "2020-2025"``;
  "khóa XIII" -> ``term = "khóa XIII"`` (a body's term number says nothing about years, and the numbers
  differ from body to body, so it is kept as written); "được bầu tại kỳ họp thứ 4 HĐND tỉnh khóa XVIII"
  gives the council's term to the council and committee posts elected there;
- the start of an appointment: "giữ chức ... kể từ ngày 15/10/2023", "từ ngày 1/7", "được bầu ... ngày
  20/10", the date the sentence opens with when the sentence reports the appointment ("Chiều 1/10, Ban
  Chấp hành bầu ông A làm Bí thư"), "các quyết định có hiệu lực từ ngày 01/4/2022" in the next sentence;
- the end: "nghỉ hưu (theo chế độ) từ ngày ..." and "thôi giữ chức ... từ ngày ..." (``end``); a dated
  "thôi giữ chức" without its own date bounds the end (``end_bound``: the holding ended no later).

Dates are ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` as precise as the words are. Relative dates ("sáng 28/6",
"hôm qua", "tháng trước") resolve against the article's publication date; without one they stay
unresolved: nothing is guessed. Every value keeps the span of the words it came from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from danvan.loaders import dates

#: A day and month, with the year when written: "15/10/2023", "1.9.2021", "28-6", "15 tháng 10 năm 2023".
_DAY = (
    r"(?P<d>\d{1,2})\s*[-/.]\s*(?P<m>\d{1,2})(?:\s*[-/.]\s*(?P<y>\d{4}))?(?![\d/])"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s+năm\s+(?P<y2>\d{4}))?"
)
#: A month ("tháng 7/2020", "tháng 7 năm 2020", "tháng 7") or a year ("năm 2015", "đầu năm 2018").
_MONTH = r"tháng\s+(?P<mm>\d{1,2})(?:\s*(?:[-/.]|năm)\s*(?P<my>\d{4}))?(?![\d/])"
_YEAR = r"(?:đầu\s+|cuối\s+|giữa\s+)?năm\s+(?P<yy>(?:19|20)\d\d)(?!\d)"
_RELATIVE = (
    r"(?P<rel>hôm\s+qua|hôm\s+nay|(?:sáng|chiều|trưa|tối)\s+(?:nay|qua)|tháng\s+trước|tháng\s+này"
    r"|năm\s+ngoái|năm\s+trước|năm\s+nay|(?:đầu|cuối)\s+năm\s+nay)"
)
#: A date written after a time cue: "ngày 15/10/2023", "15/10/2023", "hôm qua", "tháng 7/2020".
DATE_WORDS = re.compile(
    rf"(?:(?:sáng|chiều|trưa|tối)\s+)?(?:ngày\s+)?(?:{_DAY})|{_RELATIVE}|{_MONTH}|{_YEAR}", re.IGNORECASE
)
#: "kể từ ngày", "từ ngày", "có hiệu lực (thi hành) từ": the start (or, after a leaving word, the end).
_FROM = re.compile(r"(?:có hiệu lực\s+(?:thi hành\s+)?)?(?:kể\s+)?từ\s+(?=\S)", re.IGNORECASE)
#: The next sentence dating the decisions just reported: "Các quyết định có hiệu lực từ ngày 01/4/2022".
_EFFECTIVE = re.compile(
    r"\W*(?:(?:Các|Những|Hai|Ba)\s+)?[Qq]uyết định(?:\s+(?:này|trên|nói trên))?\s+(?:đều\s+)?có hiệu lực"
    r"(?:\s+thi hành)?\s+(?:kể\s+)?từ\s+"
)
#: Words of leaving right before a "từ ngày": the date is when the holding ended.
_LEAVING = re.compile(
    r"(?:nghỉ hưu|về hưu|nghỉ công tác|thôi giữ chức(?:\s+vụ)?|thôi (?:làm|tham gia|đảm nhiệm)|miễn nhiệm|"
    r"cho thôi|nghỉ chế độ)(?:\s+(?:theo chế độ|theo quy định|trước tuổi|theo nguyện vọng|để nghỉ hưu)){0,2}\s*$",
    re.IGNORECASE,
)
_RETIRE = re.compile(
    r"(?:nghỉ hưu|về hưu|nghỉ chế độ)(?:\s+(?:theo chế độ|theo quy định|trước tuổi|theo nguyện vọng|sớm)){0,2}"
    r"\s+(?:kể\s+)?từ\s+",
    re.IGNORECASE,
)
#: "thôi giữ chức" right after a holding's title: the post is left (now).
#: "thôi giữ chức X" names another post: only a bare "thôi giữ chức (tại Cao Bằng)" leaves this one.
_QUIT_AFTER = re.compile(
    r"\s*[,\-–]?\s*(?:[,\-–]\s*)?(?:được\s+)?(?:cho\s+)?thôi\s+giữ\s+chức(?:\s+vụ)?(?=\s*(?:tại|ở|để|và|[,.;]|$))",
    re.IGNORECASE,
)
#: A term: "nhiệm kỳ 2020–2025", "nhiệm kỳ mới 2024- 2029", "khóa XIII", "khoá 16".
TERM = re.compile(
    r"(?<!\w)(?:nhiệm kỳ(?:\s+mới)?\s*(?P<y1>(?:19|20)\d\d)\s*[-–—]\s*(?P<y2>(?:19|20)\d\d)"
    r"|[Kk]h[óo]a\s+(?P<k>[IVXLC]+|\d{1,2})(?!\w))"
)
#: What may stand between a title and its term: a place aside (", tỉnh Thanh Hóa") and a comma.
_TERM_GAP = re.compile(
    r"^(?:\s*,?\s*(?:(?:tỉnh|thành phố|TP\.?)\s+[A-ZĐÀ-Ỹ]\w*(?:\s+[A-ZĐÀ-Ỹ]\w*){0,3}|[Kk]h[óo]a\s+(?:[IVXLC]+|\d+)))*"
    r"\s*[,–-]?\s*$"
)
#: "được bầu (...) tại kỳ họp thứ 4 HĐND tỉnh khóa XVIII": the council's term.
_SESSION = re.compile(
    r"kỳ họp(?:\s+(?:thứ\s+)?\w+)?(?:\s+\(\w+\))?\s+(?:của\s+)?(?:HĐND|Hội đồng nhân dân)\b[^,;.]{0,40}?"
    r"[Kk]h[óo]a\s+(?P<k>[IVXLC]+|\d{1,2})(?:\s*,?\s*nhiệm kỳ\s*(?P<y1>(?:19|20)\d\d)\s*[-–—]\s*(?P<y2>(?:19|20)\d\d))?"
)
#: Words of an election or appointment in the part of the sentence before a holding.
_APPOINTED = re.compile(
    r"bầu|bổ nhiệm|hiệp thương cử|chỉ định|điều động|luân chuyển|phê chuẩn|giữ chức|trúng cử|đắc cử|tái cử"
    r"|được cử|kiện toàn|giao nhiệm vụ|nhận nhiệm vụ|đảm nhiệm",
    re.IGNORECASE,
)
#: A sentence going on with the occasion the one before dated ("Chiều 11/10, ... tổ chức hội nghị"): "Tại
#: hội nghị", "Cũng tại buổi lễ", "Cùng ngày".
SAME_OCCASION = re.compile(
    r"\W*(?:(?:Cũng|Ngay)\s+)?(?:[Tt]ại\s+(?:hội nghị|buổi lễ|lễ công bố|kỳ họp|phiên họp|đại hội|buổi làm việc)"
    r"(?:\s+(?:này|nói trên|trên))?|[Cc]ùng ngày|[Tt]rong ngày)\s*,"
)
#: What ends the stretch of a sentence that speaks of one holder.
_CLAUSE_END = re.compile(r"[;]|\.\s")

_ROMAN = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(number: int) -> str:
    """20 -> "XX" (terms of bodies run to a few dozen)."""
    out = ""
    for value, letters in ((50, "L"), (40, "XL"), *_ROMAN):
        while number >= value:
            out += letters
            number -= value
    return out


@dataclass(frozen=True)
class Stated:
    """A value read from the text, with the span (offsets in the article text) of the words it came from."""

    value: str
    start: int
    end: int


@dataclass
class Tenure:
    start: Stated | None = None
    end: Stated | None = None
    #: The holding ended no later than this (a dated "thôi giữ chức" without its own date of leaving).
    end_bound: Stated | None = None
    term: Stated | None = None
    #: The post was left in this sentence ("ông A, Bí thư Tỉnh ủy X, thôi giữ chức ..."): now former.
    left: bool = False

    def properties(self) -> dict[str, Any]:
        """The HOLDS fact properties: ``start``, ``end``, ``end_bound``, ``term`` and ``<name>_span``."""
        out: dict[str, Any] = {}
        for name in ("start", "end", "end_bound", "term"):
            stated: Stated | None = getattr(self, name)
            if stated is not None:
                out[name] = stated.value
                out[f"{name}_span"] = [stated.start, stated.end]
        return out


@dataclass
class Subject:
    """One holding of the sentence as tenure reading needs it."""

    person_start: int
    person_end: int
    title_start: int
    title_end: int
    status: str
    #: Organisation kind of the post (terms of a council session go to council and committee posts).
    org_kind: str = ""
    tenure: Tenure = field(default_factory=Tenure)


# ---------------------------------------------------------------------------------------------- dates


def _months_back(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 - months
    return index // 12, index % 12 + 1


def date_value(match: re.Match[str], reference: dt.date | None) -> str | None:
    """The date a :data:`DATE_WORDS` match names, as precise as written; None when it cannot be resolved."""
    g = match.groupdict()
    if g.get("d") or g.get("d2"):
        day, month = int(g.get("d") or g["d2"]), int(g.get("m") or g["m2"])
        year = g.get("y") or g.get("y2")
        found = dates.resolve(day, month, int(year) if year else None, reference)
        return found.isoformat() if found else None
    if g.get("rel"):
        if reference is None:
            return None  # "hôm qua" of an undated article: left unresolved, never guessed
        rel = re.sub(r"\s+", " ", g["rel"].lower())
        if rel in ("hôm qua", "sáng qua", "chiều qua", "trưa qua", "tối qua"):
            return (reference - dt.timedelta(days=1)).isoformat()
        if rel.endswith("nay") and not rel.endswith("năm nay"):
            return reference.isoformat()
        if rel == "tháng trước":
            year, month = _months_back(reference, 1)
            return f"{year:04d}-{month:02d}"
        if rel == "tháng này":
            return f"{reference.year:04d}-{reference.month:02d}"
        if rel in ("năm ngoái", "năm trước"):
            return f"{reference.year - 1:04d}"
        return f"{reference.year:04d}"  # năm nay, đầu/cuối năm nay
    if g.get("mm"):
        month = int(g["mm"])
        if not 1 <= month <= 12:
            return None
        if g.get("my"):
            return f"{int(g['my']):04d}-{month:02d}"
        if reference is None:
            return None
        # "từ tháng 7" in an article of March is July of the year before
        year = reference.year if month <= reference.month else reference.year - 1
        return f"{year:04d}-{month:02d}"
    if g.get("yy"):
        return g["yy"]
    return None


def _date_at(text: str, pos: int, end: int, reference: dt.date | None) -> Stated | None:
    match = DATE_WORDS.match(text, pos, end)
    if match is None:
        return None
    value = date_value(match, reference)
    return Stated(value, match.start(), match.end()) if value else None


def sentence_date(text: str, start: int, end: int, reference: dt.date | None) -> Stated | None:
    """The date a sentence opens with ("Ngày 28/11, ...", "Sáng 3/10, ...", "Hôm qua, ..."), resolved."""
    lead = re.match(r"[\s(\"“]*(?:\(?[A-ZĐ]{2,}\)?\s*[-–]\s*)?", text[start:end])
    at = start + (lead.end() if lead else 0)
    match = re.compile(
        rf"(?:(?:[Ss]áng|[Cc]hiều|[Tt]rưa|[Tt]ối|[Đđ]êm)(?:\s+(?:nay|qua))?\s*(?:ngày\s+)?|[Nn]gày\s+|[Hh]ôm\s+(?:qua|nay)\s*)"
        rf"\(?\s*(?:{_DAY})?"
    ).match(text, at, end)
    if match is None:
        return None
    words = text[match.start() : match.end()]
    if match.group("d") or match.group("d2"):
        value = date_value(match, reference)
    elif reference is not None and re.match(r"(?i)(?:hôm|sáng|chiều|trưa|tối|đêm)\s+(qua|nay)", words):
        back = 1 if re.match(r"(?i)\w+\s+qua", words) else 0
        value = (reference - dt.timedelta(days=back)).isoformat()
    else:
        return None
    if value is None:
        return None
    return Stated(value, match.start(), match.end())


# ---------------------------------------------------------------------------------------------- terms


def term_value(match: re.Match[str]) -> str:
    if match.group("y1"):
        return f"{match.group('y1')}-{match.group('y2')}"
    number = match.group("k")
    return f"khóa {roman(int(number)) if number.isdigit() else number.upper()}"


def _term_after(text: str, title_start: int, title_end: int, limit: int) -> Stated | None:
    """The term written with a title: inside its span ("Bí thư Tỉnh ủy khóa XV") or right after it
    (", nhiệm kỳ 2020-2025"). Years win over a khóa number when both are written."""
    found: list[re.Match[str]] = []
    cursor = title_start
    while True:
        match = TERM.search(text, cursor, limit)
        if match is None:
            break
        if match.start() >= title_end and not _TERM_GAP.match(text[title_end : match.start()]):
            break
        found.append(match)
        cursor = match.end()
        title_end = max(title_end, match.end())
    if not found:
        return None
    best = next((m for m in found if m.group("y1")), found[0])
    return Stated(term_value(best), best.start(), best.end())


# ---------------------------------------------------------------------------------------------- reading


def read(
    text: str,
    start: int,
    end: int,
    subjects: list[Subject],
    reference: dt.date | None,
    next_sentence: tuple[int, int] | None = None,
    new: str = "new",
    former: str = "former",
    earlier: Stated | None = None,
) -> None:
    """Fill ``subject.tenure`` for every holding of the sentence ``text[start:end]``.

    ``subjects`` are the sentence's holdings; ``new`` / ``former`` the HOLDS status values of an
    appointment and a past holding (passed in so that this module needs no schema); ``earlier`` the date
    the last dated sentence before opened with, which a sentence opening "Tại hội nghị", "Cùng ngày" takes.
    """
    ordered = sorted(subjects, key=lambda s: (s.title_start, s.title_end))
    persons = sorted({(s.person_start, s.person_end) for s in subjects})
    opening = sentence_date(text, start, end, reference)
    if opening is None and earlier is not None and SAME_OCCASION.match(text, start, end):
        opening = earlier
    session = _SESSION.search(text, start, end)
    effective = None
    if next_sentence is not None:
        follow = _EFFECTIVE.match(text, next_sentence[0], next_sentence[1])
        if follow is not None:
            effective = _date_at(text, follow.end(), next_sentence[1], reference)
    for i, subject in enumerate(ordered):
        # the stretch that speaks of this holding: up to the next title of another person or status,
        # the next person named after it, or the end of the clause
        group_end = subject.title_end
        limit = end
        for other in ordered[i + 1 :]:
            if other.title_start < subject.title_end:
                continue
            same = (other.person_start, other.status) == (subject.person_start, subject.status)
            if not same:
                limit = min(limit, other.title_start)
                break
            group_end = max(group_end, other.title_end)
        for p_start, _p_end in persons:
            if p_start >= group_end and p_start != subject.person_start:
                limit = min(limit, p_start)
                break
        clause = _CLAUSE_END.search(text, subject.title_end, limit)
        if clause is not None:
            limit = clause.start()
        tenure = subject.tenure
        tenure.term = _term_after(text, subject.title_start, subject.title_end, limit)
        council = subject.org_kind in ("peoples_council", "peoples_committee")
        if tenure.term is None and session is not None and subject.status == new and council:
            value = term_value(session) if not session.group("y1") else f"{session['y1']}-{session['y2']}"
            tenure.term = Stated(value, session.start(), session.end())
        # dates after the holding's titles
        for cue in _FROM.finditer(text, group_end, limit):
            date = _date_at(text, cue.end(), limit, reference)
            if date is None:
                continue
            span = Stated(date.value, cue.start(), date.end)
            if _LEAVING.search(text, max(start, cue.start() - 60), cue.start()):
                tenure.end = tenure.end or span
            elif subject.status != former:
                tenure.start = tenure.start or span
            break
        if tenure.start is None and subject.status == new:
            # "được bầu làm Chủ tịch UBND tỉnh Lạng Sơn ngày 20/10": the date right after the title
            after = re.match(r"\s*,?\s*(?:vào\s+)?(?=ngày\s)", text[group_end:limit])
            if after is not None:
                tenure.start = _date_at(text, group_end + after.end(), limit, reference)
        if tenure.start is None and subject.status == new and effective is not None:
            tenure.start = effective
        if (
            tenure.start is None
            and subject.status == new
            and opening is not None
            and _APPOINTED.search(text, opening.end, subject.title_start)
        ):
            # "Chiều 1/10, Ban Chấp hành ... bầu ông A làm Bí thư": the appointment's day
            tenure.start = opening
        # leaving: "ông A, Bí thư Tỉnh ủy X, thôi giữ chức ..."; "cho ông nghỉ hưu trước tuổi từ ngày 1.1.2018"
        if subject.status != new and _QUIT_AFTER.match(text, group_end, end):
            tenure.left = True
        if subject.status != new and tenure.end is None:
            retire = _retirement_of(text, subject, persons, start, end, reference)
            if retire is not None:
                tenure.end = retire
        leaving = _LEAVING.search(text, start, limit) or re.search(
            r"(?i)thôi\s+(?:giữ chức|tham gia)", text[start:limit]
        )
        if (tenure.left or subject.status == former) and tenure.end is None and opening is not None and leaving:
            tenure.end_bound = opening


def _retirement_of(
    text: str, subject: Subject, persons: list[tuple[int, int]], start: int, end: int, reference: dt.date | None
) -> Stated | None:
    """ "nghỉ hưu (trước tuổi) từ ngày D" after the person, with no other person named in between."""
    for match in _RETIRE.finditer(text, subject.person_end, end):
        between = [p for p, _ in persons if subject.person_end <= p < match.start()]
        if between:
            return None
        date = _date_at(text, match.end(), end, reference)
        if date is not None:
            return Stated(date.value, match.start(), date.end)
    return None
