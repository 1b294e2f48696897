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
    rf"[Ll]iên hoan|[Kk]ỳ họp|[Pp]hiên họp|[Bb]uổi (?:làm việc|gặp mặt|họp mặt|lễ|đón tiếp|tiếp|họp báo)|"
    rf"[Cc]uộc (?:thi|họp báo|họp|làm việc|gặp)|[Hh]ọp báo|"
    rf"[Mm]ít tinh|[Ff]estival|{_LE}|[Cc]hương trình giao lưu|"
    # "tham dự chương trình có ...", "dự sự kiện": a programme or event someone attends is one
    rf"(?<=dự )(?:chương trình|sự kiện))(?![\w])"
)
KIND_RE = re.compile(r"(?<![\w])" + _KINDS)
_ORGANISE_BEFORE = re.compile(
    r"(?<!Ban )(?<!ban )(?:tổ chức|khai mạc|tiến hành|phối hợp tổ chức|long trọng tổ chức)"
    r"(?:\s+thành công)?(?:\s+(?:vòng|chung|kết|sơ|khảo|buổi|lễ|phiên|trọng thể)){0,3}\s*$",
    re.IGNORECASE,
)
_ORGANISE_AFTER = re.compile(r"^[^.;]{0,120}?\bdo\s+", re.IGNORECASE)
_HAPPENED_AFTER = re.compile(r"^[^.;,]{0,60}?\b(?:đã diễn ra|diễn ra|được tổ chức|khai mạc|bế mạc)\b")
#: "Tham dự buổi làm việc còn có lãnh đạo các sở": an event someone attends took place, named attendees or not.
_ATTENDED_BEFORE = re.compile(r"(?<![\w])(?:[Tt]ham|[Cc]ùng|[Vv]ề) dự\s+$")
_NUMBER_BEFORE = re.compile(r"\d(?:[\d.,]*\d)?\s+(?:\w+\s+)?$")  # "5 hội nghị", not "27/6, trong hội nghị"

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
    r"(?<![\w])(?:(?P<chair>(?:đồng\s+)?chủ trì)(?!,?\s+(?:phối hợp|thực hiện|triển khai|xây dựng|tham mưu))"
    r"|(?P<attend>(?:(?:tham|cùng|tới|về|đến)\s+)?dự(?!\s*(?:án|kiến|báo|thảo|toán|trữ|bị|định|phòng|đoán|luật|"
    r"thi|tính|khuyết|phần|kỳ(?!\s+họp)|tuyển|đám|giờ|lễ hội)(?![\w]))"
    # "Về phía tỉnh Sóc Trăng có đồng chí A": one side's members in an attendance list
    r"|(?<![\w])Về phía\s+(?:[^\s,;.]+\s+){1,5}?có)"
    r"|(?P<speak>phát biểu|đọc diễn văn|tuyên đọc|đọc (?:thông điệp|diễn văn|báo cáo|tham luận)|"
    r"trình bày(?:\s+tham luận)?|báo cáo(?=\s+(?:tham luận|tại))|"
    r"kết luận(?=\s+(?:hội|buổi|phiên|tại))))"
    r"(?![\w])",
    re.IGNORECASE,
)


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
    return "lễ" if kind in ("buổi lễ", "đại lễ") else kind


#: Where an event's name ends: punctuation (a dot only before a space: "T.Ư", "Co.op" go on), a clause
#: word, the list of who came ("Lễ công bố có các đồng chí ...", "Buổi họp báo có Thứ trưởng ..."), a person
#: ("Lễ khai mạc bà ..."), a verb ("... đã được tổ chức").
_NAME_STOP = re.compile(
    r"[;:!?]|\.(?=\s|$)|,(?!\s*triển khai)|\s(?:do|tại|với|nhằm|có|vào|đã|được|sẽ|đang|diễn ra)\s|\s-\s"
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


def _roles_in(sentence: Sentence) -> list[tuple[int, str]]:
    found = []
    for match in ROLE_RE.finditer(sentence.text):
        role = CHAIR if match.group("chair") else ATTEND if match.group("attend") else SPEAK
        found.append((match.start(), role))
    return found


def find_events(ctx: Context) -> None:
    """Create the article's events (kept in ``ctx.notes['events']``)."""
    published = ctx.doc.published
    candidates: dict[str, EventInfo] = {}
    mentioned_in: dict[str, list[Sentence]] = {}
    text = ctx.text
    mentions = ctx.by_sentence(KIND_RE)
    # an undated article (the corpus has no dates) is judged by the year its own dates point to; found
    # once, and only if a sentence has a full date to judge
    year_hint = cache(lambda: dates.reference_year(text)) if published is None else None
    # the lead (first sentence after the headline) names what the article is about
    lead_sentence = next((s for s in ctx.sentences if not s.is_title), None)
    for index in sorted(mentions):
        sentence = ctx.sentences[index]
        roles = _roles_in(sentence) if sentence.persons else []
        lead = dates.leading_date(sentence.text, published)
        for match in KIND_RE.finditer(sentence.text):
            before = sentence.text[: match.start()]
            if _NUMBER_BEFORE.search(before[-20:]):
                continue
            score = 0
            if sentence.is_title:
                score += 3
            elif sentence is lead_sentence:
                score += 1
            if match.group(0)[0].isupper() and (match.start() == 0 or before.rstrip().endswith((":", '"', "“"))):
                score += 2
            if _ORGANISE_BEFORE.search(before[-40:]):
                score += 3
            after = sentence.text[match.end() :]
            if _ORGANISE_AFTER.match(after) and "tổ chức" in after[:160]:
                score += 3
            if _HAPPENED_AFTER.match(after):
                score += 2
            if lead is not None:
                score += 1
            attended = "dự" in before[-5:] and _ATTENDED_BEFORE.search(before[-12:])
            if roles or (sentence.persons and _AT_EVENT.match(sentence.text)) or attended:
                score += 3  # someone chairs, attends, speaks at or is at it: it took place
            if score < 3:
                continue
            kind = _kind(match.group(0))
            mentioned_in.setdefault(kind, []).append(sentence)
            info = candidates.get(kind)
            own_date = dates.event_date(sentence.text, match.start(), published, year_hint)
            if info is not None and info.score >= score:
                if info.date == published and own_date is not None:
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
    r"^\W*(?:(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Nn]gày|[Hh]ôm (?:qua|nay))[^,;]{0,24},\s*(?:tại|trong|ở)|Tại|Trong|Ở)"
    r"\s+(?:\S+\s+){0,4}?(?=" + _KINDS + ")"
)
#: "Thay mặt lãnh đạo tỉnh, A gửi lời chúc mừng ...": greeting or thanking an event on behalf of a body.
_ON_BEHALF = re.compile(r"(?<![\w])Thay mặt\s+[^,;.]{2,80},\s*")  # capitalised: a sentence (or caption) start
_BEHALF_STATEMENT = re.compile(
    r"[\s,]*(?:đã\s+)?(?:chào mừng|gửi lời|chúc mừng|cảm ơn|phát biểu|đọc diễn văn|tuyên đọc|biểu dương|tri ân)"
)
#: "Đó là khẳng định của bà A, ... tại kỳ họp thứ 5": the words were said at the event the sentence names.
_QUOTED_AT = re.compile(r"^\W*(?:Đó|Đây) là (?:khẳng định|nhận định|chia sẻ|phát biểu|ý kiến|yêu cầu|chỉ đạo) của\s")
_STATEMENT = re.compile(
    # appositive titles (see _APPOSITIVE) may follow the name;
    # a bracketed place may close the speaker's title: "Bí thư Đoàn thanh niên thị trấn X (Hà Giang) cho rằng"
    _APPOSITIVE + r"(?:\s*\([^()]{1,40}\))?[\s,]*(?:đã\s+|cũng\s+)?(?:gửi lời (?:chúc mừng|chào mừng|cảm ơn)|tuyên đọc|"
    r"cho biết|cho rằng|nêu rõ|nhấn mạnh|khẳng định|đề nghị|yêu cầu|báo cáo|chào mừng|đọc diễn văn|"
    r"khái quát|trình bày|chia sẻ|thông tin|cảm ơn|đánh giá|ghi nhận|biểu dương|giới thiệu|nói|phát biểu|kết luận|"
    r"công bố|quán triệt|phổ biến|thông báo|đề xuất|kiến nghị|mong muốn|bày tỏ|trao)"
)


def _statement_at_event(ctx: Context, sentence: Sentence) -> str | None:
    """The person who speaks in a sentence set at an event, if the sentence is one."""
    if not sentence.persons:
        return None
    ends: dict[int, int] = ctx.notes.get("mention_end", {})
    first = sentence.persons[0]
    after = ends.get(first.start, first.end)
    if _AT_EVENT.match(sentence.text):
        return first.name if _STATEMENT.match(ctx.text, after, sentence.end) else None
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
        last_group: list[str] = []
        last_end = -1
        colon_list = False
        for pos, is_role, role, person in tokens:
            if is_role or person is None:
                verb = ROLE_RE.match(sentence.text, pos)
                joined = last_end >= 0 and re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", sentence.text[last_end:pos])
                near = pos - pending_end <= _TRAILING_GAP or _APPOSITIVE_GAP.fullmatch(sentence.text, pending_end, pos)
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
                last_end = verb.end() if verb else pos
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


def _list_gap(sentence: Sentence, a: int, b: int, chains: list[tuple[int, int]]) -> bool:
    """Whether sentence.text[a:b] only separates items of a list of persons (titles aside)."""
    gap = sentence.text[a:b]
    for cs, ce in sorted(chains, reverse=True):
        if a <= cs and ce <= b:
            gap = gap[: cs - a] + " " + gap[ce - a :]
    return _LIST_GAP.fullmatch(gap) is not None


#: "sự kiện của A", "lễ ra mắt sách của nhà thơ A": the person after "của" owns what is attended.
#: "dưới sự chủ trì của A": A chairs; "của" names the chair here, not an owner.
_CHAIR_OF = re.compile(r"chủ trì\s+của(?:\s+[^\s,;.:]+){0,2}\s+$")
_OWNER_BEFORE = re.compile(r"(?<![\w])của(?:\s+[^\s,;.:]+){0,2}\s+$")


def _role_fact(ctx: Context, name: str, role: str, event: EventInfo, sentence: Sentence) -> None:
    ctx.fact(role, ctx.person(name), event.entity_id, sentence)
