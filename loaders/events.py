"""Events (hội nghị, hội thảo, đại hội, lễ ...) and who chaired, attended and spoke at them.

An event mention becomes an Event when the text treats it as something that happened: it is in the
headline, someone organises it ("Ban Dân vận Tỉnh ủy tổ chức hội nghị", "... do Tỉnh ủy tổ chức"), the
sentence opens with its date, or a person chairs, attends or speaks at it. One event per kind per article;
roles in sentences that name no event go to the article's main event.

Roles: a verb at the head of a clause governs the persons after it ("Dự hội nghị có đồng chí A ...;
các đồng chí B, C"); a verb after a list of persons governs the list ("A, ...; B, ... chủ trì hội thảo").
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from danvan.loaders import dates
from danvan.loaders.organizations import find_orgs, locality_kind, resolve
from danvan.loaders.persons import UPPER, PersonMention
from danvan.loaders.titles import RANKS, find_chains

if TYPE_CHECKING:
    from danvan.loaders.context import Context, Sentence

_LE = (
    r"[Ll]ễ\s+(?:kỷ niệm|kỉ niệm|phát động|ra mắt|khai mạc|bế mạc|trao|tuyên dương|khánh thành|khởi công|công bố|"
    r"đón nhận|tổng kết|mít tinh|gặp mặt|tôn vinh|giao nhận|khai giảng|ký kết|biểu dương|ra quân|phát động|"
    r"dâng hương|tưởng niệm|truy điệu|bàn giao|tiếp nhận|động thổ|xuất quân|trao quyết định|trao tặng|trao|"
    r"hưởng ứng|khai trương|đón|chào mừng|báo công|gắn biển(?: tên đường)?)"
)
# Case-sensitive with both first-letter cases spelled out: much faster than re.IGNORECASE on long texts.
_KINDS = (
    rf"([Hh]ội (?:nghị|thảo|thi|diễn)|HỘI (?:NGHỊ|THẢO|THI)|[Đđ]ại (?:hội(?! đồng)|lễ)|ĐẠI HỘI|[Tt](?:ọa|oạ) đàm|"
    rf"[Dd]iễn đàn|"
    rf"[Ll]iên hoan|[Kk]ỳ họp|[Pp]hiên họp|"
    rf"[Bb]uổi (?:làm việc|gặp mặt|[Hh]ọp mặt|lễ|đón tiếp|tiếp xúc cử tri|tiếp|họp báo|gặp gỡ|đối thoại|chúc [Tt]ết)|"
    # "Ngày hội Đại đoàn kết toàn dân tộc", the Front's yearly festival in every residential area
    rf"[Nn]gày hội(?! [Tt]oàn dân bảo vệ)|"
    rf"[Cc]uộc (?:thi|họp báo|họp|làm việc|gặp)|[Hh]ọp báo|"
    rf"[Mm]ít tinh|[Ff]estival|{_LE}|[Cc]hương trình giao lưu|"
    # "tham dự chương trình có ...", "dự sự kiện": a programme or event someone attends is one
    rf"(?<=[Dd]ự )(?:chương trình|sự kiện|lễ|giao lưu)|"
    rf"(?:(?<=[Pp]hát biểu tại )|(?<=tổ chức )|(?<=[Tt]ại ))chương trình)(?![\w])"
)
KIND_RE = re.compile(r"(?<![\w])" + _KINDS)
_ORGANISE_BEFORE = re.compile(
    # "cách thức tổ chức đại hội", "việc tổ chức hội nghị": the organising talked about, not done
    r"(?<!Ban )(?<!ban )(?<!cách thức )(?<!việc )(?<!công tác )(?<!kế hoạch )"
    r"(?:tổ chức|khai mạc|tiến hành|phối hợp tổ chức|long trọng tổ chức)"
    r"(?:\s+thành công)?(?:\s+(?:vòng|chung|kết|sơ|khảo|buổi|lễ|phiên|trọng thể)){0,3}\s*$",
    re.IGNORECASE,
)
_ORGANISE_AFTER = re.compile(r"^[^.;]{0,120}?\bdo\s+", re.IGNORECASE)
_HAPPENED_AFTER = re.compile(r"^[^.;,]{0,60}?\b(?:đã diễn ra|diễn ra|được tổ chức|khai mạc|bế mạc)\b")
#: "Tham dự buổi làm việc còn có lãnh đạo các sở": an event someone attends took place, named attendees or not.
_ATTENDED_BEFORE = re.compile(r"(?<![\w])(?:[Tt]ham|[Cc]ùng|[Vv]ề) dự\s+$")
_NUMBER_BEFORE = re.compile(r"\d(?:[\d.,]*\d)?\s+(?:\w+\s+)?$")  # "5 hội nghị", not "27/6, trong hội nghị"

#: "tại Trung tâm Hội nghị Quốc gia", "Cung Hội nghị": a venue, not a meeting.
_VENUE_BEFORE = re.compile(r"(?<![\w])(?:[Tt]rung tâm|[Cc]ung|[Nn]hà|[Hh]ội trường|[Pp]hòng)\s+$")
#: A congress being prepared or looked forward to has not taken place: "Trung ương Đoàn duyệt Đại hội ...",
#: "chuẩn bị Đại hội", "tiến tới Đại hội"; "Đại hội ... sẽ diễn ra vào ngày 19/11".
_NOT_HELD_BEFORE = re.compile(
    r"(?<![\w])(?:duyệt|chuẩn bị|hướng tới|tiến tới|chào mừng|trước|trình|phục vụ|công tác chuẩn bị|"
    # "37 đại biểu sẽ tham dự Đại hội Đảng toàn quốc", "bầu đại biểu đi dự Đại hội cấp trên"
    r"(?:sẽ|dự kiến|đi)\s+(?:tham\s+)?dự)\s+$",
    re.IGNORECASE,
)
_NOT_HELD_AFTER = re.compile(
    r"[^.;]{0,120}?\s(?:sẽ|dự kiến|tiếp tục)\s+(?:được\s+)?(?:diễn ra|tổ chức|khai mạc)(?:\s+vào)?(?![\w])"
)

#: Most characters between a name (with its titles) and a verb after it for the verb to be the name's:
#: " đã chủ trì", " cùng dự", " phát biểu chỉ đạo tại".
_TRAILING_GAP = 30
#: Appositive titles after a name the title finder did not take in whole ("A, Trưởng Đoàn kiểm tra số 4 của
#: Bộ X, đã dự", "bà B, Phó trưởng đoàn kiểm tra số 4 đã công bố"): a capitalised title set off by a comma or a
#: dash, up to the verb.
_APPOSITIVE = rf"(?:\s*[,–-]\s*[{UPPER}](?:[^,;:.()“”\"]|\.(?=\w)){{0,90}}?)*"
#: Before a verb that follows a list of names the appositive is closed by a comma or "đã" ("A, Trưởng Đoàn X,
#: đã dự", "B, Trưởng ban Y đã tuyên đọc"):
#: "Thay mặt A, Thủ tướng mời ... tham dự" has a clause, not a title, after the name.
_APPOSITIVE_GAP = re.compile(_APPOSITIVE + r"(?:\s*,\s*(?:đã\s+|cũng\s+)?|\s+đã\s+)$")

CHAIR = "CHAIRED"
ATTEND = "ATTENDED"
SPEAK = "SPOKE_AT"
ROLE_RE = re.compile(
    r"(?<![\w])(?<!sẽ )(?:(?P<chair>(?:đồng\s+)?chủ trì)(?!,?\s+(?:phối hợp|thực hiện|triển khai|xây dựng|tham mưu))"
    r"|(?P<attend>(?<!vinh )(?<!can )(?:(?:tham|cùng|tới|về|đến)\s+)?"
    r"dự(?!\s*(?:án|kiến|báo|thảo|toán|trữ|bị|định|phòng|đoán|luật|"
    r"thi|giải|tính|khuyết|phần|kỳ(?!\s+họp)|tuyển|đám|giờ|lễ hội)(?![\w]))"
    # "Về phía tỉnh Sóc Trăng có đồng chí A": one side's members in an attendance list
    r"|(?<![\w])Về phía\s+(?:[^\s,;.]+\s+){1,5}?có)"
    r"|(?P<speak>phát biểu(?!\s+(?:với|trước)\s+(?:các\s+)?(?:báo giới|phóng viên|báo chí|truyền thông))|"
    r"đọc diễn văn|tuyên đọc|đọc (?:thông điệp|diễn văn|báo cáo|tham luận)|"
    r"trình bày(?:\s+tham luận)?|báo cáo(?=\s+(?:tham luận|tại|với\s+(?:đoàn|Đoàn|hội nghị)))|"
    r"kết luận(?=\s+(?:hội|buổi|phiên|tại)))"
    # "A báo cáo kết quả thẩm tra": reporting to the meeting, but only as the verb of names before it; at the
    # head of a clause "báo cáo" is mostly a noun ("Báo cáo của UBND tỉnh cho thấy ...")
    r"|(?<!nghe )(?<!của )(?<!các )(?<!bản )(?<!qua )(?<!theo )(?P<report>báo cáo)(?!\s+(?:của|viên|với\s+phóng))"
    r")(?![\w])",
    re.IGNORECASE,
)


#: Words one of which every event mention contains (lower case). Testing them with ``in`` is far cheaper than
#: running KIND_RE over the whole text, which tries its long alternation at every character.
_KIND_WORDS = (
    "hội nghị", "hội thảo", "hội thi", "hội diễn", "đại hội", "đại lễ", "tọa đàm", "toạ đàm", "diễn đàn",
    "liên hoan", "kỳ họp", "phiên họp", "buổi ", "cuộc ", "họp báo", "mít tinh", "festival", "lễ", "chương trình",
    "sự kiện", "giao lưu", "ngày hội",
)  # fmt: skip


def _mention_sentences(ctx: Context) -> list[int]:
    """The indices of the sentences that may name an event (a superset of those KIND_RE matches in)."""
    sentences = ctx.sentences
    low = ctx.text.lower()
    if len(low) != len(ctx.text):  # a character whose lower case is longer: offsets would shift
        return [i for i, s in enumerate(sentences) if any(w in s.text.lower() for w in _KIND_WORDS)]
    starts = [s.start for s in sentences]
    found: set[int] = set()
    for word in _KIND_WORDS:
        at = low.find(word)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            if i >= 0 and at < sentences[i].end:
                found.add(i)
            at = low.find(word, at + 1)
    return sorted(found)


@dataclass
class EventInfo:
    entity_id: str
    kind: str
    date: dt.date | None
    score: int
    sentence: Sentence


def _kind(mention: str) -> str:
    """The event kind: the mention in lower case ("lễ ra quân" stays specific; "buổi lễ" is any "lễ")."""
    kind = " ".join(mention.lower().replace("toạ", "tọa").split())
    if kind == "giao lưu":
        return "chương trình giao lưu"
    return "lễ" if kind in ("buổi lễ", "đại lễ") else kind


#: Where an event's name ends: punctuation (a dot only before a space: "T.Ư", "Co.op" go on), a clause
#: word, the list of who came ("Lễ công bố có các đồng chí ...", "Buổi họp báo có Thứ trưởng ..."), a person
#: ("Lễ khai mạc bà ..."), a verb ("... đã được tổ chức").
# "Đại hội có ông A", "Đại hội là sự kiện ...", "Đại hội tiếp tục diễn ra": the clause after the name.
_NAME_STOP = re.compile(
    r"[;:!?]|\.(?=\s|$)|,(?!\s*triển khai)"
    r"|\s(?:do|tại|với|nhằm|có sự|vào|có|còn|là|đã|đang|sẽ|tiếp tục|diễn ra|được)\s|\s-\s"
    r"|\s(?:ông|bà|anh|chị|đồng chí|Ông|Bà|Đồng chí)\s|\s(?:sáng|chiều|trưa|tối)\s(?:nay|qua|mai|ngày|\d)"
)


def _event_name(text: str, start: int, end: int) -> str:
    """The event's name: the mention and what follows up to a clause boundary ("Hội nghị tổng kết ...")."""
    stop = _NAME_STOP
    limit = min(end, start + 160)
    match = stop.search(text, start, limit)
    cut = match.start() if match else limit
    name = text[start:cut].strip(' ,"“”')
    quote = re.match(r"^[^\"“]{0,30}[\"“]([^\"”]{3,150})[\"”]", text[start:end])
    if quote:
        name = text[start : start + quote.end()]
    elif name.count("(") > name.count(")"):
        # an unclosed bracket opens a caption or an aside ("Kỳ họp thứ 7 (Ảnh: ..."), not part of the name
        name = name[: name.rfind("(")].rstrip(' ,-–"“”')
    return name[:1].upper() + name[1:]


#: A verb that only governs the names before it (see ``report`` in ROLE_RE).
_AFTER_ONLY = "SPOKE_AT/after"


def _roles_in(sentence: Sentence) -> list[tuple[int, str]]:
    found = []
    for match in ROLE_RE.finditer(sentence.text):
        if match.group("report"):
            found.append((match.start(), _AFTER_ONLY))
            continue
        role = CHAIR if match.group("chair") else ATTEND if match.group("attend") else SPEAK
        found.append((match.start(), role))
    return found


def find_events(ctx: Context) -> None:
    """Create the article's events (kept in ``ctx.notes['events']``)."""
    published = ctx.doc.published
    candidates: dict[str, EventInfo] = {}
    mentioned_in: dict[str, list[Sentence]] = {}
    text = ctx.text
    mentions = _mention_sentences(ctx)
    # an undated article (the corpus has no dates) is judged by the year its own dates point to; found
    # once, and only if a sentence has a full date to judge
    year_hint = cache(lambda: dates.reference_year(text)) if published is None else None
    # the date a day-month without year resolves against: the article's, else the month a page excerpt's
    # date marker gives (" date 2025-04 Sáng 22/4, ...")
    # (read from the raw text: the reader blanks the marker out of the normalised one, keeping a full date only)
    reference = published or _marker_date(ctx.doc.raw)
    # the lead (first sentence after the headline) names what the article is about
    lead_sentence = next((s for s in ctx.sentences if not s.is_title), None)
    # mentions too weak to make an event on their own, kept for an excerpt that starts after the sentence
    # that named its event ("Cùng dự có các đồng chí ...; ... Tham dự giao lưu còn có ...")
    weak: dict[str, tuple[Sentence, int]] = {}
    for index in mentions:
        sentence = ctx.sentences[index]
        kind_matches = list(KIND_RE.finditer(sentence.text))
        if not kind_matches:
            continue
        roles = [r for r in _roles_in(sentence) if r[1] != _AFTER_ONLY] if sentence.persons else []
        opening = _opening(sentence.text)
        lead = dates.leading_date(sentence.text[opening:], published)
        # an undated article's "Sáng nay (28/10), ..." resolves to no date, but still opens with one
        dated = lead is not None or dates.LEADING_DATE.match(sentence.text[opening:]) is not None
        for match in kind_matches:
            before = sentence.text[opening : match.start()]
            if _NUMBER_BEFORE.search(before[-20:]) or _VENUE_BEFORE.search(before[-12:]):
                continue
            if _NOT_HELD_BEFORE.search(before[-24:]) or _NOT_HELD_AFTER.match(sentence.text, match.end()):
                continue
            score = 0
            if sentence.is_title:
                score += 3
            elif sentence is lead_sentence:
                score += 1
            capital = match.group(0)[0].isupper()
            if capital and (match.start() == opening or before.rstrip().endswith((":", '"', "“"))):
                score += 2
            elif capital and dated and _AFTER_LEADING_DATE.fullmatch(before):
                score += 2  # "Sáng 2/10, tại Trung tâm X, Đại hội ... bước sang ngày thứ ba": its subject
            if _ORGANISE_BEFORE.search(before[-40:]):
                score += 3
            after = sentence.text[match.end() :]
            if _ORGANISE_AFTER.match(after) and "tổ chức" in after[:160]:
                score += 3
            if _HAPPENED_AFTER.match(after):
                score += 2
            if dated:
                score += 1
            attended = "dự" in before[-5:] and _ATTENDED_BEFORE.search(before[-12:])
            if roles or (sentence.persons and _AT_EVENT.match(sentence.text)) or attended:
                score += 3  # someone chairs, attends, speaks at or is at it: it took place
            if score < 3:
                if sentence.is_title or not _NAMED_ONLY.search(before[-30:]):
                    weak.setdefault(_kind(match.group(0)), (sentence, match.start()))
                continue
            kind = _kind(match.group(0))
            mentioned_in.setdefault(kind, []).append(sentence)
            info = candidates.get(kind)
            own_date = dates.event_date(sentence.text, match.start(), reference, year_hint)
            if own_date is not None and published is not None and own_date > published:
                own_date = None  # an event is reported on or after its day: a later date is what comes next
            if info is not None and info.score >= score:
                if (
                    info.date == published
                    and own_date is not None
                    and (published is None or own_date <= published)
                    and _date_near(sentence.text, match.start())
                ):
                    info.date = own_date  # the headline has no date; the body sentence does
                continue
            date = own_date or published
            if info is not None and info.date is not None and info.date != published and own_date is None:
                date = info.date
            name = _event_name(text, sentence.start + match.start(), sentence.end)
            candidates[kind] = EventInfo("", kind, date, score, sentence)
            candidates[kind].entity_id = name  # provisional: the name, replaced by the id below
    if not candidates:
        _working_session(ctx, candidates, lead_sentence, year_hint)
    if not candidates and weak and _has_governed_roles(ctx):
        # someone chairs or attends, and the text names an event only in passing: it is that event
        kind, (sentence, start) = next(iter(weak.items()))
        date = dates.event_date(sentence.text, start, reference, year_hint) or published
        info = EventInfo("", kind, date, 3, sentence)
        info.entity_id = _event_name(text, sentence.start + start, sentence.end)
        candidates[kind] = info
    if "lễ" in candidates and any(k.startswith("lễ ") for k in candidates):
        del candidates["lễ"]  # "buổi lễ" refers back to the named ceremony ("lễ ra quân")
    events: list[EventInfo] = []
    place_name, place_kind, province = _event_place(ctx)
    for kind, info in candidates.items():
        name = info.entity_id
        key = f"{ctx.doc.id}|{kind}|{info.date.isoformat() if info.date else ''}"
        info.entity_id = ctx.entity("Event", key, name, kind=kind, date=info.date, place=place_name)
        if place_name:
            place_id = ctx.place(place_name, place_kind, province, info.sentence)
            ctx.fact("HELD_IN", info.entity_id, place_id, info.sentence)
        for sentence in [info.sentence, *mentioned_in.get(kind, [])]:
            if _organiser(ctx, info, sentence):
                break
        events.append(info)
    events.sort(key=lambda e: (-e.score, e.sentence.start))
    ctx.notes["events"] = events
    # the headline or the lead names the event: the article is about it, and its officials' statements in the
    # body are made there
    body = [s for s in ctx.sentences[:4] if not s.is_title][:2]  # the lead: a sapo often takes two sentences
    lead_end = body[-1].end if body else 0
    ctx.notes["meeting"] = any(e.sentence.is_title or e.sentence.start < lead_end for e in events)


#: "Sáng 2/10, tại Trung tâm Văn hóa tỉnh, ": a date and a place open the sentence, the event is its subject.
_AFTER_LEADING_DATE = re.compile(r"[^,;:.]{0,40},\s*(?:(?:tại|ở)\s[^;:.]{1,90}?,\s*)?")


def _opening(text: str) -> int:
    """Where a sentence's own words start: after a page excerpt's date marker (" date 2025-09-30 Ngày 30/9")."""
    marker = _MARKER.match(text)
    return marker.end() if marker else 0


_MARKER = re.compile(r"^\s*date\s+((?:19|20)\d\d)-(\d\d)(?:-(\d\d))?(?!\d)\s*")


def _marker_date(text: str) -> dt.date | None:
    """What a day-month without its year is read against in an undated page excerpt: the date marker the
    excerpt opens with (its month's last day when it gives no day). The event then gets the year; an event
    with no day of its own still gets no date. The full dates of an undated text are no such reference: they
    are often the history it recalls ("kỷ niệm ... 25/5/2012")."""
    marker = _MARKER.match(text)
    if marker is None:
        return None
    year, month = int(marker.group(1)), int(marker.group(2))
    if not 1 <= month <= 12:
        return None
    if marker.group(3):
        try:
            return dt.date(year, month, int(marker.group(3)))
        except ValueError:
            pass
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


#: A date the event mention is next to: the one the sentence opens with, or one in the mention's clause.
_NEAR_DATE_BREAK = re.compile(r"[;:()\[\]]|\s[-–]\s|,\s*(?!(?:\d|ngày|sáng|chiều|tối))")


def _date_near(sentence: str, mention: int) -> bool:
    if dates.LEADING_DATE.match(sentence):
        return True
    for match in dates.CUED_DATE.finditer(sentence):
        lo, hi = sorted((mention, match.start()))
        if _NEAR_DATE_BREAK.search(sentence, lo, hi) is None and hi - lo <= 120:
            return True
    return False


#: "tại Hội trường ..., các hội nghị trước": a mention that names no event of this article.
_NAMED_ONLY = re.compile(
    r"(?<![\w])(?:các|những|mỗi|nhiều|sau|trước|kết quả|nghị quyết|tinh thần)\s+(?:\w+\s+)?$", re.IGNORECASE
)


#: An attendance list or a chair: "Cùng dự có các đồng chí: A, ...", "Tham dự giao lưu còn có B", "C chủ trì".
_LIST_OPENING = re.compile(r"(?<![\w])(?:[Dd]ự|chủ trì)(?:\s+\S+){0,4}?\s+(?:còn\s+)?có(?:\s+các)?(?![\w])")


def _has_governed_roles(ctx: Context) -> bool:
    """Whether a sentence lists who attends or chairs (a speech alone does not make an event of a mention)."""
    for sentence in ctx.sentences:
        if not sentence.persons:
            continue
        for match in _LIST_OPENING.finditer(sentence.text):
            if any(0 <= p.start - sentence.start - match.end() <= 160 for p in sentence.persons):
                return True
        for match in ROLE_RE.finditer(sentence.text):
            at = sentence.start + match.start()
            if match.group("chair") and any(0 <= at - p.end <= 60 for p in sentence.persons):
                return True
    return False


#: A headline or lead that tells of a working session or a meeting with voters without naming it with a noun
#: ("Phó Thủ tướng A làm việc với lãnh đạo tỉnh B", "Đại biểu Quốc hội tiếp xúc cử tri huyện C").
_WORKING = re.compile(r"(?<![\w])(?:(?P<work>làm việc (?:với|tại))|(?P<voters>tiếp xúc cử tri))(?![\w])")


def _working_session(
    ctx: Context,
    candidates: dict[str, EventInfo],
    lead: Sentence | None,
    year_hint: Callable[[], int | None] | None,
) -> None:
    """The article's event when its headline or lead says someone works with a body or meets voters."""
    for sentence in (s for s in ctx.sentences if s.is_title or s is lead):
        match = _WORKING.search(sentence.text)
        if match is None:
            continue
        subject = [p for p in sentence.persons if p.end <= sentence.start + match.start()]
        if not sentence.is_title and not subject:
            # in the lead, someone named works with the body: "A làm việc với B", not "chỉ đạo ... làm việc với"
            continue
        kind = "buổi làm việc" if match.group("work") else "buổi tiếp xúc cử tri"
        date = dates.event_date(sentence.text, match.start(), ctx.doc.published, year_hint) or ctx.doc.published
        name = _event_name(ctx.text, sentence.start + match.start(), sentence.end)
        info = EventInfo("", kind, date, 3, sentence)
        info.entity_id = "Buổi " + name[:1].lower() + name[1:]
        candidates[kind] = info
        return


def _event_place(ctx: Context) -> tuple[str, str, str]:
    province = ctx.places.province_name
    if ctx.doc.locality:
        return ctx.doc.locality, locality_kind(ctx.doc.locality), province
    return province, (ctx.places.province.kind if ctx.places.province else ""), province


def _organiser(ctx: Context, info: EventInfo, sentence: Sentence) -> bool:
    """ORGANIZED from "X tổ chức <event>" or "<event> do X tổ chức" in ``sentence``; True if found."""
    stops = frozenset(p.start - sentence.start for p in sentence.persons)
    orgs = find_orgs(sentence.text, 0, len(sentence.text), stops)
    for ref in orgs:
        gap = sentence.text[ref.end : ref.end + 60]
        before = sentence.text[max(0, ref.start - 4) : ref.start]
        by = before.rstrip().endswith("do")
        if re.match(r"\s*(?:đã\s+|phối hợp\s+|long trọng\s+)?tổ chức\b", gap) or (by and "tổ chức" in gap):
            org = resolve(ref, ctx.places)
            if org is not None:
                ctx.fact("ORGANIZED", ctx.org(org, sentence), info.entity_id, sentence)
                return True
            return False
    return False


#: A sentence set at an event ("Tại buổi làm việc, ông A cho biết ...") and the statement verbs that make
#: its first named person a speaker there.
_AT_EVENT = re.compile(
    # "Chiều 27/6, trong buổi họp báo ...": the time may come first
    # a page excerpt may open with its date marker; "trong khuôn khổ phiên làm việc chính thức Đại hội"
    r"^(?:\s*date\s+[\d-]{7,10}\s+)?\W*"
    # "Tham dự buổi lễ truy điệu, A cho biết": the words are said there too
    r"(?:(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Nn]gày|[Hh]ôm (?:qua|nay))[^,;]{0,24},\s*(?:tại|trong|ở)|Tại|Trong|Ở|"
    r"Tham dự|Dự)"
    r"\s+(?:(?:khuôn khổ|bên lề)\s+(?:\S+\s+){0,5}?|(?:\S+\s+){0,4}?)(?=" + _KINDS + ")"
)
#: "Thay mặt lãnh đạo tỉnh, A gửi lời chúc mừng ...": greeting or thanking an event on behalf of a body.
_ON_BEHALF = re.compile(r"(?<![\w])Thay mặt\s+[^,;.]{2,80},\s*")  # capitalised: a sentence (or caption) start
_BEHALF_STATEMENT = re.compile(
    r"[\s,]*(?:đã\s+)?(?:chào mừng|gửi lời|chúc mừng|cảm ơn|phát biểu|đọc diễn văn|tuyên đọc|biểu dương|tri ân)"
)
#: "Đó là khẳng định của bà A, ... tại kỳ họp thứ 5": the words were said at the event the sentence names.
_QUOTED_AT = re.compile(r"^\W*(?:Đó|Đây) là (?:khẳng định|nhận định|chia sẻ|phát biểu|ý kiến|yêu cầu|chỉ đạo) của\s")
_STATEMENT_VERBS = (
    r"(?:gửi lời (?:chúc mừng|chào mừng|cảm ơn)|tuyên đọc|"
    r"cho biết|cho rằng|nêu rõ|nhấn mạnh|khẳng định|đề nghị|yêu cầu|báo cáo|chào mừng|đọc diễn văn|"
    r"khái quát|trình bày|chia sẻ|thông tin|cảm ơn|đánh giá|ghi nhận|biểu dương|giới thiệu|nói|phát biểu|kết luận|"
    r"công bố|quán triệt|phổ biến|thông báo|đề xuất|kiến nghị|mong muốn|bày tỏ|trao)"
)
_STATEMENT = re.compile(
    # appositive titles (see _APPOSITIVE) may follow the name;
    # a bracketed place may close the speaker's title: "Bí thư Đoàn thanh niên thị trấn X (Hà Giang) cho rằng"
    _APPOSITIVE + r"(?:\s*\([^()]{1,40}\))?[\s,]*(?:đã\s+|cũng\s+)?" + _STATEMENT_VERBS
)


def _states(text: str, start: int, end: int) -> bool:
    """Whether a statement verb follows the name ending at ``start``, its titles aside (see _TITLES_TO_VERB:
    the title finder may have cut the title short, "Ủy ban kiểm tra T.Ư, Phó trưởng đoàn ... đã công bố")."""
    return bool(_STATEMENT.match(text, start, end) or _STATEMENT_AFTER_TITLES.match(text, start, end))


def _statement_at_event(ctx: Context, sentence: Sentence) -> str | None:
    """The person who speaks in a sentence set at an event, if the sentence is one."""
    if not sentence.persons:
        return None
    ends: dict[int, int] = ctx.notes.get("mention_end", {})
    first = sentence.persons[0]
    after = ends.get(first.start, first.end)
    if _AT_EVENT.match(sentence.text):
        # the name's mention may run on over the words said ("A đã công bố Quyết định ... chỉ định Bí thư X")
        said = _states(ctx.text, after, sentence.end) or _states(ctx.text, first.end, sentence.end)
        return first.name if said else None
    behalf = _ON_BEHALF.search(sentence.text)
    if behalf:
        speaker = next((p for p in sentence.persons if p.start - sentence.start >= behalf.end()), None)
        if speaker is None:
            return None
        after = ends.get(speaker.start, speaker.end)
        return speaker.name if _BEHALF_STATEMENT.match(ctx.text, after, sentence.end) else None
    if _QUOTED_AT.match(sentence.text):
        rest = ctx.text[after : sentence.end]
        at = re.search(r"\btại\s+(?:\S+\s+){0,2}?" + _KINDS, rest)
        return first.name if at and not _ROLE_VERB_BEFORE.search(rest, 0, at.start() + 1) else None
    opening = _OPENS_WITH_SUBJECT.fullmatch(sentence.text, 0, first.start - sentence.start)
    if ctx.notes.get("meeting") and opening and not _TO_THE_PRESS.search(opening.group(0)):
        # an article about a meeting: its officials' statements in the body are made there (a person the
        # article gives no post may be anyone asked)
        if _BODY_STATEMENT.match(ctx.text, after, sentence.end) and _holds_a_post(ctx, first.name):
            return first.name
        return None
    return None


#: The first person opens the sentence, or the clause after a short lead-in ("Báo cáo với đoàn, ông A ..."):
#: only titles and honorifics stand before the name.
_OPENS_WITH_SUBJECT = re.compile(
    rf"(?:[^,;:.]{{0,60}},\s*)?(?:(?:ông|bà|đồng chí)\s+)?"
    # a title, in which no honorific or clause word stands ("Các nhà bị ông A ...": A is no subject)
    rf"(?:[{UPPER}](?:(?!\s(?:ông|bà|bị|được)\s)[^,;:.()]){{0,100}})?"
)


def _holds_a_post(ctx: Context, name: str) -> bool:
    person = ctx.person(name)
    return any(f.type == "HOLDS" and f.subject == person for f in ctx.facts)


#: "Trao đổi với chúng tôi, ông A cho biết": words to the reporter, not at the meeting; "Trước đó, ...": before it.
_TO_THE_PRESS = re.compile(rf"(?<![\w])(?:chúng tôi|phóng viên|PV|báo chí|[Bb]áo [{UPPER}]|[Tt]rước đó)")
#: Statement verbs that, right after a named official, report what they said at the article's meeting.
_BODY_STATEMENT = re.compile(
    _APPOSITIVE + r"(?:\s*\([^()]{1,40}\))?[\s,]*(?:đã\s+|cũng\s+)?(?:cho biết|cho rằng|nêu rõ|nhấn mạnh|"
    r"khẳng định|đề nghị|yêu cầu|chia sẻ|phát biểu|trình bày|kết luận|đề xuất|kiến nghị|báo cáo|lưu ý|"
    r"quán triệt|chỉ đạo)(?![\w])"
)


#: "... khi tham dự lễ X": the event is the one the person attends, not where the words were said.
_ROLE_VERB_BEFORE = re.compile(r"\b(?:dự|chủ trì)\s*$")


def assign_roles(ctx: Context) -> None:
    """CHAIRED / ATTENDED / SPOKE_AT facts from the role verbs of every sentence with persons."""
    events: list[EventInfo] = ctx.notes.get("events", [])
    if not events:
        return
    ends: dict[int, int] = ctx.notes.get("mention_end", {})
    main = events[0]
    for sentence in ctx.sentences:
        if not sentence.persons:
            continue
        roles = _roles_in(sentence)
        speaker = _statement_at_event(ctx, sentence)
        if not roles and speaker is None:
            continue
        event = main
        mention = KIND_RE.search(sentence.text)
        if mention:
            kind = _kind(mention.group(0))
            matching = [e for e in events if e.kind == kind or (kind == "lễ" and e.kind.startswith("lễ"))]
            if matching:
                event = matching[0]
        if speaker is not None:
            _role_fact(ctx, speaker, SPEAK, event, sentence)
        # (position in the sentence, 0 for a person / 1 for a verb, the verb's role, the person)
        tokens: list[tuple[int, int, str, PersonMention | None]] = [(pos, 1, role, None) for pos, role in roles]
        tokens += [(p.start - sentence.start, 0, "", p) for p in sentence.persons]
        tokens.sort(key=lambda t: (t[0], t[1]))
        chains = [
            (c[0].start - sentence.start, c[-1].end - sentence.start)
            for c in find_chains(ctx.text, sentence.start, sentence.end, frozenset(p.start for p in sentence.persons))
        ]
        governed_end = -1
        pending: list[str] = []
        pending_end = 0
        lead: str | None = None
        lead_end = 0
        last_group: list[str] = []
        last_end = -1
        colon_list = False
        for pos, is_role, role, person in tokens:
            if is_role or person is None:
                verb = ROLE_RE.match(sentence.text, pos)
                joined = last_end >= 0 and _JOINED.fullmatch(sentence.text, last_end, pos)
                near = (
                    pos - pending_end <= _TRAILING_GAP
                    or _APPOSITIVE_GAP.fullmatch(sentence.text, pending_end, pos)
                    or _titles_only(sentence, pending_end, pos, chains)
                )
                after_only = role == _AFTER_ONLY
                role = SPEAK if after_only else role
                if after_only and near and pos - pending_end <= _TRAILING_GAP:
                    # only titles may stand between a name and "báo cáo" ("ông A cho rằng việc Bộ X báo cáo")
                    near = bool(
                        _NEXT_TO_VERB.fullmatch(sentence.text, pending_end, pos)
                        or _APPOSITIVE_GAP.fullmatch(sentence.text, pending_end, pos)
                        or _titles_only(sentence, pending_end, pos, chains)
                    )
                if after_only and not (pending and near) and not (joined and last_group):
                    pending = []
                    last_end = verb.end() if verb else pos
                    continue
                if pending and near:
                    for name in pending:
                        _role_fact(ctx, name, role, event, sentence)
                    last_group, pending = pending, []
                    lead = None
                elif pending:
                    # The verb is far from the names: another subject stands in between ("Thay mặt A,
                    # Thủ tướng mời B tham dự"). The names get no role from it.
                    pending = []
                    lead = role
                    last_group = []
                elif joined and last_group:
                    # "A tham dự và phát biểu", "Dự, chỉ đạo ...": the second verb has the same subject
                    for name in last_group:
                        _role_fact(ctx, name, role, event, sentence)
                else:
                    lead = role
                    last_group = []
                    governed_end = -1
                lead_end = verb.end() if verb else pos
                last_end = lead_end
            else:
                name = person.name
                last_end = -1
                start = person.start - sentence.start
                in_list = colon_list and _ITEM_START.search(sentence.text, max(0, start - 24), start) is not None
                if (
                    lead is not None
                    and governed_end >= 0
                    and not in_list
                    and not _list_gap(sentence, governed_end, start, chains)
                ):
                    lead = None  # "Phát biểu, A mong muốn ... các đồng chí B và C tiếp tục": B, C are not speakers
                if lead is not None and governed_end < 0 and _NOT_GOVERNED.search(sentence.text, lead_end, start):
                    lead = None  # "Ban Thẩm tra ... tham dự Đại hội gồm 5 người, do bà A làm Trưởng ban"
                if lead is not None and governed_end < 0:
                    # "Dự hội nghị có các đồng chí: A, ...; B, ...": each item of the list after the colon attends,
                    # whatever titles (read or not) stand between the names
                    colon_list = _ITEM_START.search(sentence.text, max(0, start - 24), start) is not None
                if (
                    lead is not None
                    and _OWNER_BEFORE.search(sentence.text, max(0, start - 24), start)
                    and not _CHAIR_OF.search(sentence.text, max(0, start - 40), start)
                ):
                    lead = None  # "tham dự sự kiện của A": A owns the event, the subject attends it
                if lead is not None:
                    _role_fact(ctx, name, lead, event, sentence)
                    last_group.append(name)
                    governed_end = ends.get(person.start, person.end) - sentence.start
                else:
                    if pending and _CLAUSE_IN_GAP.search(sentence.text, pending_end, start):
                        pending = []  # "A cho hay, họ đã mời B tham dự": A is no part of B's list
                    if _INVITED.search(sentence.text, max(0, start - 40), start):
                        continue  # "mời Thủ tướng A sang Quảng Tây dự Hội chợ": an invitation, not attendance
                    pending.append(name)
                    pending_end = ends.get(person.start, person.end) - sentence.start
    # Chairing implies presence: a chair is not also listed as attending.
    for fact in list(ctx.facts):
        if fact.type == CHAIR and ctx.has_fact(ATTEND, fact.subject, fact.object):
            ctx.drop_fact(ATTEND, fact.subject, fact.object)


#: The start of an item of a list: after its colon or a semicolon ("có các đồng chí: A, ...; B, ...").
_ITEM_START = re.compile(r"[:;]\s*(?:(?:đồng chí|ông|bà|đ/c)\s+)?$", re.IGNORECASE)
_LIST_GAP = re.compile(
    # an unnamed item of an attendance list between named ones: "...; đại diện lãnh đạo Vụ X; ông B"
    rf"(?:[\s,;]*(?:đại diện|lãnh đạo)[^.;]*;)?"
    rf"[\s,;:]*(?:và|cùng)?[\s,;:]*(?:các\s+)?(?:đồng chí|ông|bà|đ/c)?[\s,;:]*"
    rf"(?:(?:{RANKS}|Giáo sư|Phó Giáo sư|Tiến sĩ)\s*)?",
    re.IGNORECASE,
)


#: Items of an attendance list set off by semicolons, each with its titles before or after the name:
#: "Tham dự có bà A, Bí thư X, Chủ tịch Y; ông B, Phó Bí thư Z; nguyên Ủy viên W C". What stands after the
#: last semicolon is an honorific and a capitalised title (or "nguyên" and one) with no clause in it.
_LIST_ITEM_GAP = re.compile(
    # unnamed items may stand between ("...; đại diện lãnh đạo Vụ X, Bộ Y; Giáo sư C")
    # items are split by semicolons, or by "và" before an honorific, or by a comma before one when only
    # capitalised titles stand before it ("A - TUV, Chủ tịch Hội X, đ/c B - Phó Chủ tịch")
    rf"(?:[^.;:!?]{{0,160}}(?:;[^.;:!?]{{0,120}}?)*(?:;|\s+và(?=\s+(?:các\s+)?(?:đồng chí|ông|bà|anh|chị|[Đđ]/[Cc])\s))"
    rf"|(?:\s*[,–-]\s*[{UPPER}][^,;:.()]{{0,90}})*\s*,(?=\s+(?:đồng chí|ông|bà|anh|chị|[Đđ]/[Cc])\s))"
    rf"\s*(?:và\s+|cùng\s+)?"
    # "...; Đại diện các đơn vị tài trợ: Đ/c C – Giám đốc ..."
    rf"(?:[Đđ]ại diện\s[^.;:!?]{{1,80}}:\s*)?(?:(?:các\s+)?(?:đồng chí|ông|bà|anh|chị|[Đđ]/[Cc])\s+)?"
    rf"(?:(?:nguyên\s+)?[{UPPER}](?:(?!\s(?:đã|sẽ|được|cho|là|có|tại|với)\s)[^.;:!?]){{0,160}})?\s*"
)


def _blank_chains(sentence: Sentence, a: int, b: int, chains: list[tuple[int, int]]) -> str:
    gap = sentence.text[a:b]
    for cs, ce in sorted(chains, reverse=True):
        if a <= cs and ce <= b:
            gap = gap[: cs - a] + " " + gap[ce - a :]
    return gap


def _list_gap(sentence: Sentence, a: int, b: int, chains: list[tuple[int, int]]) -> bool:
    """Whether sentence.text[a:b] only separates items of a list of persons (titles aside)."""
    if _LIST_GAP.fullmatch(_blank_chains(sentence, a, b, chains)) is not None:
        return True
    return _LIST_ITEM_GAP.fullmatch(sentence.text, a, b) is not None


#: Between a name and its verb, once the titles the title finder knows are taken out, only punctuation:
#: "Ông A, Ủy viên Trung ương Đảng, Chủ tịch X, Phó Chủ tịch Y phát biểu tại lễ".
_TITLES_GAP = re.compile(r"[\s,–-]*(?:(?:đã|cũng)\s+)?")


#: A capitalised title chunk with no clause in it (no verb that would make it a subject of its own:
#: "Thay mặt A, Thủ tướng mời B tham dự").
_CLAUSE_WORDS = (
    r"mời|đề nghị|yêu cầu|giao|cử|cho|và|cùng|được|là|đã|sẽ|với|khi|để|nhằm|theo|tới|đến|gửi|thăm|tặng|trao|"
    r"có|tại|về|thay"
)
_CHUNK_BODY = rf"(?:(?!\s(?:{_CLAUSE_WORDS})\s)(?:[^,;:.()“”\"]|\.(?=\w)))"
_TITLE_CHUNK = rf"[{UPPER}]{_CHUNK_BODY}{{0,90}}"
#: The rest of a title the title finder cut short ("Bí thư trung ương đảng"), further appositive titles and
#: whom the person stands for, up to a verb with no comma before it: "Ông A, Ủy viên Trung ương Đảng, Chủ
#: tịch X, Phó Chủ tịch Hội đồng Y phát biểu tại lễ", "B, Chủ nhiệm Z thay mặt Bộ Chính trị dự và chỉ đạo".
_TITLES_TO_VERB = re.compile(
    # a lower-case tail of a title ("trung ương đảng") only where a comma closes it
    rf"(?:\s+{_TITLE_CHUNK}|\s+(?!(?:{_CLAUSE_WORDS})\s){_CHUNK_BODY}{{1,40}}?(?=\s*,))?"
    rf"(?:\s*[,–-]\s*{_TITLE_CHUNK})*"
    rf"(?:\s*,?\s*thay mặt\s+[^;.:()]{{1,80}}?)?"
    # "..., các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy, thành viên Ban Chỉ đạo cùng dự", "A cùng các đại biểu dự"
    rf"(?:(?:\.\.\.|…)?\s*,?\s*(?:cùng\s+)?(?:các đồng chí|các đại biểu|các lãnh đạo|lãnh đạo|đại diện|nhiều)\s"
    rf"[^;.:()]{{1,80}}?)?\s+"
)


def _titles_only(sentence: Sentence, a: int, b: int, chains: list[tuple[int, int]]) -> bool:
    if _TITLES_TO_VERB.fullmatch(sentence.text, a, b) is not None:
        return True
    if not any(a <= cs < b for cs, _ce in chains):
        return False
    return _TITLES_GAP.fullmatch(_blank_chains(sentence, a, b, chains)) is not None


#: Words that start a clause of their own between two names: the first name is no part of the second's list.
_CLAUSE_IN_GAP = re.compile(
    r"(?<![\w])(?:cho hay|cho biết|cho rằng|nói|khẳng định|mời|đề nghị|yêu cầu|là|được|đã|sẽ|khi|nhưng|rằng|họ)"
    r"(?![\w])|[.!?]"
)
_NEXT_TO_VERB = re.compile(r"[\s,]*(?:(?:đã|cũng)\s+)?")
#: The person is asked or invited to attend, not reported attending.
_INVITED = re.compile(r"(?<![\w])(?:mời|đề nghị)\s+(?:[^\s,;.]+\s+){0,4}$")

#: Two role verbs with one subject: "dự và phát biểu", "dự, chỉ đạo và", "đã dự và có bài phát biểu".
_JOINED = re.compile(r"\s*(?:,|và|,\s*và)\s*(?:có\s+(?:bài\s+)?)?")
#: Between a verb at the head of a clause and the first name: words that make the name something else than
#: the verb's subject ("... tham dự Đại hội gồm 5 người, do bà A làm Trưởng ban", "được bầu").
_NOT_GOVERNED = re.compile(
    r"(?<![\w])(?:gồm|do|bầu|được|cử|biểu quyết|bổ nhiệm|chỉ định|giới thiệu)(?![\w])", re.IGNORECASE
)


#: "sự kiện của A", "lễ ra mắt sách của nhà thơ A": the person after "của" owns what is attended.
#: "dưới sự chủ trì của A": A chairs; "của" names the chair here, not an owner.
#: "Phát biểu của Tổng Bí thư A tại Đại hội", "bài phát biểu của B": the person after "của" is the speaker.
_CHAIR_OF = re.compile(
    r"(?:chủ trì|^\W*(?:[Tt]oàn văn\s+)?(?:[Bb]ài\s+)?(?:[Pp]hát biểu|diễn văn))\s+của(?:\s+[^\s,;.:]+){0,3}\s+$"
)
_OWNER_BEFORE = re.compile(r"(?<![\w])của(?:\s+[^\s,;.:]+){0,2}\s+$")


def _role_fact(ctx: Context, name: str, role: str, event: EventInfo, sentence: Sentence) -> None:
    ctx.fact(role, ctx.person(name), event.entity_id, sentence)


_STATEMENT_AFTER_TITLES = re.compile(_TITLES_TO_VERB.pattern + r"(?:(?:đã|cũng)\s+)?" + _STATEMENT_VERBS + r"(?![\w])")
