"""Organisation names: recognise them in text and spell them out in full, bound to their place.

An organisation name is read as ``sub* head [level] [place]``:

- ``sub``: parts of a body ("Ban Dân vận", "Ban Thường vụ", "Thường trực");
- ``head``: a party committee named with its place ("Tỉnh ủy", "Thành ủy Bắc Ninh", "Huyện ủy Lục Nam"),
  a local state or front body that takes a level word ("HĐND tỉnh", "UBND thành phố Bắc Ninh") or a central
  body ("Quốc hội", "Trung ương");
- ``level`` and ``place``: "tỉnh", "thành phố", "huyện" ... and the name of the unit.

What the text leaves out comes from the article: "Tỉnh ủy" in a Nam Định article is "Tỉnh ủy Nam Định",
"Thành ủy" in a Bắc Ninh city article is "Thành ủy Bắc Ninh". A district or commune body whose place the
text does not give is left unresolved rather than guessed. The units are data (``data/org_units.txt``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from danvan.graph import places
from danvan.loaders.abbreviations import expand
from danvan.loaders.persons import STOP_WORDS, SYLLABLE, surnames

DATA = Path(__file__).with_name("data")

#: Level words before a place name, as written -> canonical.
LEVEL_WORDS = {
    "tỉnh": "tỉnh",
    "Tỉnh": "tỉnh",
    "thành phố": "thành phố",
    "Thành phố": "thành phố",
    "TP.": "thành phố",
    "TP": "thành phố",
    "Tp.": "thành phố",
    "Tp": "thành phố",
    "huyện": "huyện",
    "Huyện": "huyện",
    "quận": "quận",
    "Quận": "quận",
    "Q.": "quận",  # "UBND Q.Tân Phú": papers' short form, always touching a capitalised name
    "H.": "huyện",  # "UBND H.Nghĩa Hành", "TX.Ba Đồn", "TT.Chợ Chùa": the same for districts, towns
    "TX.": "thị xã",
    "TX": "thị xã",  # "UBND TX Hoàng Mai"
    "TT.": "thị trấn",
    "X.": "xã",  # "Chủ tịch UBND X.Điền Hải", "P.Bến Nghé"
    "P.": "phường",
    "thị xã": "thị xã",
    "Thị xã": "thị xã",
    "xã": "xã",
    "Xã": "xã",
    "phường": "phường",
    "Phường": "phường",
    "thị trấn": "thị trấn",
    "Thị trấn": "thị trấn",
    # special zones (since 1 July 2025: Phú Quốc, Vân Đồn, Côn Đảo, ...) are units of the commune level
    "đặc khu": "đặc khu",
    "Đặc khu": "đặc khu",
}
#: Administrative level of an organisation by its level word.
LEVEL_OF_WORD = {
    "tỉnh": "province",
    "thành phố": "district",
    "huyện": "district",
    "quận": "district",
    "thị xã": "district",
    "xã": "commune",
    "phường": "commune",
    "thị trấn": "commune",
    "đặc khu": "commune",
}
#: Party (and youth) committees named after their unit: the level word they imply.
PC_LEVEL = {
    "Tỉnh ủy": "tỉnh",
    "Tỉnh đoàn": "tỉnh",
    "Thành ủy": "thành phố",
    "Thành đoàn": "thành phố",
    "Huyện ủy": "huyện",
    "Huyện đoàn": "huyện",
    "Quận ủy": "quận",
    "Thị ủy": "thị xã",
    "Đảng ủy": "",
}


CENTRAL_COMMITTEE = "Ban Chấp hành Trung ương Đảng"
FRONT_CENTRAL = "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"


@dataclass(frozen=True)
class Unit:
    category: str  # sub | pc | local | central
    kind: str
    canonical: str


@dataclass
class OrgRef:
    """An organisation name as written: its parts, not yet bound to the article's place."""

    start: int
    end: int
    subs: list[Unit] = field(default_factory=list)
    head: Unit | None = None
    level: str = ""  # canonical level word, when written
    place: str = ""  # place name, when written
    #: True when the name ends at a boundary (comma, semicolon, end): a truncated name may be completed
    #: from its chain ("Ủy viên Ban Thường vụ, Trưởng Ban ... Tỉnh ủy").
    open: bool = True


@dataclass(frozen=True)
class Org:
    """A resolved organisation: full canonical name, kind, level, place and parent."""

    name: str
    kind: str
    level: str
    place: str  # province (or city/district/commune name) it belongs to
    parent: Org | None = None
    #: The place unit it is based in: (display name, kind, province) or None for central bodies.
    based_in: tuple[str, str, str] | None = None


@dataclass(frozen=True)
class PlaceContext:
    """What the article says about where it is: the province and, for city news, the city."""

    province: places.Province | None = None
    #: Name of the city whose committees the article reports ("Bắc Ninh" for "thành phố Bắc Ninh").
    city: str = ""
    #: The one district-level unit of each kind the article names ("quận" -> "Long Biên"), used for bare
    #: "Quận ủy", "UBND huyện" ...; a kind named with two different units is left out (ambiguous).
    localities: tuple[tuple[str, str], ...] = ()
    #: The one steering committee (Ban Chỉ đạo) the article names in full, which a bare "BCĐ" stands for.
    steering: Org | None = None

    def locality(self, level_word: str) -> str:
        if level_word == "thành phố" and self.city:
            return self.city
        return dict(self.localities).get(level_word, "")

    @property
    def province_name(self) -> str:
        return self.province.name if self.province else ""

    @property
    def is_city_province(self) -> bool:
        return self.province is not None and self.province.kind == "city"


# ------------------------------------------------------------------ patterns


def _case_variants(spelling: str) -> set[str]:
    first = spelling[0]
    return {spelling, first.upper() + spelling[1:], first.lower() + spelling[1:]} if first.isalpha() else {spelling}


#: Interchangeable spellings inside organisation names ("Trung ương" is also written TƯ, T.Ư, TW).
_INTERCHANGEABLE = (
    ("Trung ương", ("TƯ", "T.Ư", "TW")),
    ("MTTQ Việt Nam", ("MTTQVN", "MTTQ VN")),
    ("Ủy ban", ("Uỷ ban",)),
)


def _spelling_variants(spellings: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for spelling in spellings:
        forms = {spelling}
        for canonical, others in _INTERCHANGEABLE:
            for form in list(forms):
                if canonical in form:
                    forms.update(form.replace(canonical, other) for other in others)
        for form in list(forms):
            forms.update(_dashed_variants(form))
        out.update(forms)
    return out


#: Between two capitalised parts of a body's name, a comma or "và" is also written as a dash:
#: "Sở Văn hóa - Thể thao và Du lịch", "Sở Tài nguyên - Môi trường" (the dash is part of the name).
_JOINER = re.compile(r"(?:,| và) (?=[A-ZĐ])")


def _dashed_variants(spelling: str) -> set[str]:
    variants = {spelling}
    # right to left, so that the offsets of the joiners still to come are unchanged
    for joiner in reversed(list(_JOINER.finditer(spelling))):
        a, b = joiner.span()
        variants.update([v[:a] + " - " + v[b:] for v in variants])
    return variants


@cache
def units() -> dict[str, Unit]:
    """Every spelling -> its unit."""
    table: dict[str, Unit] = {}
    for line in (DATA / "org_units.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        category, kind, canonical, spellings = (part.strip() for part in line.split("|"))
        unit = Unit(category, kind, canonical)
        for spelling in _spelling_variants(s.strip() for s in spellings.split(";")):
            if spelling.startswith("!"):
                table.setdefault(spelling[1:], unit)
                continue
            for variant in _case_variants(spelling):
                # Lower-case acronyms do not exist; keep "BTV", drop "bTV".
                if variant[:2].isupper() or variant[0].isupper() or " " in variant:
                    table.setdefault(variant, unit)
    return table


@cache
def unit_pattern() -> re.Pattern[str]:
    spellings = sorted(units(), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(s) for s in spellings) + r")(?![\w])")


_LEVEL_RE = re.compile(
    # "TP." and "Q." may touch their name: "TP.HCM", "TP.Vinh", "Q.Tân Phú"; "X.Điền Hải", "P.Bến Nghé"
    # (a place never runs on over a line break: "các cơ quan huyện\nThay mặt ...")
    # "H.Nghĩa Hành" (a district has two syllables; "H.Nguyên" signs a report), "TX.Ba Đồn", "TT.Chợ Chùa"
    r"(?:TP\.|Tp\.|Q\.(?=[A-ZĐ])|X\. ?(?=[A-ZĐ])|P\. ?(?=[A-ZĐ])|H\.(?=[A-ZĐ]\w* [A-ZĐ])|TX\.? ?(?=[A-ZĐ])|"
    r"TT\.(?=[A-ZĐ])|"
    r"(?:thành phố|Thành phố|thị xã|Thị xã|thị trấn|Thị trấn|tỉnh|Tỉnh|huyện|Huyện|"
    r"quận|Quận|xã(?! hội(?![\w]))|Xã|phường|Phường|đặc khu|Đặc khu|TP|Tp)(?![\w])) ?"
)
#: Words that end a place name: titles and bodies begin there (compass words like "Nam" may be names).
#: "quận Hai Bà Trưng", "xã Bà Điểm", "quận Thủ Đức": title words that also name places.
_PLACE_STOPS = STOP_WORDS - {"Thượng", "Hiệu", "Bà", "Ông", "Thủ"}
_GENERIC_PLACE = re.compile(rf"(?:{SYLLABLE}|\d+)(?: (?:{SYLLABLE}|\d+)){{0,3}}")


@cache
def province_pattern() -> tuple[re.Pattern[str], dict[str, places.Province]]:
    forms: dict[str, places.Province] = {}
    for unit in places.ALL:
        for name in (unit.name, unit.name.removeprefix("Thành phố "), *unit.aliases):
            if len(name) > 3:
                forms.setdefault(name, unit)
    hcm = places.lookup("TP.HCM")
    if hcm is not None:
        forms.setdefault("HCM", hcm)
    hanoi = places.lookup("HN")
    if hanoi is not None:
        forms.setdefault("HN", hanoi)  # "Bí thư Thành ủy HN": after a unit's name the letters are the city
    alternatives = sorted(forms, key=len, reverse=True)
    pattern = re.compile(r"(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?![\w])")
    return pattern, forms


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] == " ":
        pos += 1
    return pos


def _place_at(
    text: str, pos: int, end: int, stops: frozenset[int], generic: bool, district: bool = False
) -> tuple[str, int] | None:
    """A place name starting at ``pos``: a province (canonical name) or, if ``generic``, a capitalised run.

    ``district``: the unit is a district-level one (thành phố, quận, huyện, thị xã). Those are not named
    after people, so a run of three or more words led by a family name is the person who follows an
    implied unit ("Chủ tịch UBND TP Nguyễn Văn A"), not a place; wards and streets often are
    ("phường Lê Hồng Phong") and keep theirs."""
    if pos >= end:
        return None
    pattern, forms = province_pattern()
    match = pattern.match(text, pos, end)
    if match:
        return forms[match.group(0)].name, match.end()
    match = _GENERIC_PLACE.match(text, pos, end)
    if not generic:
        # a spelling the gazetteer knows only folded ("tỉnh Đăk Lăk", "tỉnh Đắc Nông")
        words = match.group(0).split(" ")[:3] if match else []
        for n in range(len(words), 1, -1):
            unit = places.lookup(" ".join(words[:n]))
            if unit is not None:
                return unit.name, pos + len(" ".join(words[:n]))
        return None
    if not match:
        return None
    words = match.group(0).split(" ")
    taken: list[str] = []
    cursor = pos
    for word in words:
        # "Bí" stops a place only as "Bí thư"; alone it is a syllable of one ("thành phố Uông Bí")
        title_starts = word in _PLACE_STOPS and (word != "Bí" or text.startswith("Bí thư", cursor))
        if cursor in stops or title_starts:
            break
        taken.append(word)
        cursor += len(word) + 1
    if not taken or (district and len(taken) >= 3 and taken[0] in surnames()):
        return None
    name = " ".join(taken)
    return name, pos + len(name)


def _place_after_level(
    text: str, level_end: int, end: int, stops: frozenset[int], level: str
) -> tuple[str, int] | None:
    """The place a level word ("tỉnh", "huyện", "xã", ...) introduces: after "tỉnh" only a province."""
    return _place_at(
        text,
        _skip_space(text, level_end, end),
        end,
        stops,
        generic=level != "tỉnh",
        district=LEVEL_OF_WORD[level] == "district",
    )


def parse_org(text: str, pos: int, end: int, stops: frozenset[int] = frozenset()) -> OrgRef | None:
    """The organisation name starting at ``pos`` (None if none does). ``stops``: person-name starts."""
    ref = _parse_org(text, pos, end, stops)
    if ref is not None:
        follow = _skip_space(text, ref.end, end)
        ref.open = follow >= end or text[follow] in ",;.:)–-" or follow in stops or text.startswith("kiêm ", follow)
    return ref


_OWN_CENTRAL = re.compile(r"(?:Hội|Đoàn|Công đoàn|Liên hiệp|Liên đoàn|Mặt trận|MTTQ)(?![\w])")
#: An abbreviation glossed in brackets inside a name: " (MTTQ)", " (UBTƯ)".
_GLOSS = re.compile(r" \([A-ZĐƯ][A-ZĐƯ&.-]{1,9}\)(?= )")


def _parse_org(text: str, pos: int, end: int, stops: frozenset[int]) -> OrgRef | None:
    table = units()
    pattern = unit_pattern()
    ref = OrgRef(pos, pos)
    cursor = pos
    while True:
        match = pattern.match(text, cursor, end)
        unit_end = match.end() if match else 0
        unit = table[match.group(0)] if match else None
        gloss = _GLOSS.search(text, cursor, min(end, cursor + 60)) if "(" in text[cursor : cursor + 60] else None
        if gloss:
            # "Ủy ban Trung ương Mặt trận Tổ quốc (MTTQ) Việt Nam": the name goes on after its abbreviation
            before = gloss.start() - cursor
            longer = pattern.match(text[cursor : gloss.start()] + text[gloss.end() : end])
            if longer and longer.end() > before and gloss.end() + longer.end() - before > unit_end:
                unit = table[longer.group(0)]
                unit_end = gloss.end() + longer.end() - before
        if unit is None:
            break
        ref.end = unit_end
        if unit.category == "sub":
            if unit.canonical == "Ban Thường vụ Tỉnh ủy":
                ref.subs.append(Unit("sub", unit.kind, "Ban Thường vụ"))
                ref.head = table["Tỉnh ủy"]
                break
            ref.subs.append(unit)
            cursor = _skip_space(text, ref.end, end)
            continue
        ref.head = unit
        break
    if ref.head is None and not ref.subs:
        return None
    head = ref.head
    after = _skip_space(text, ref.end, end)
    if (
        head is not None
        and head.canonical in ("Trung ương", CENTRAL_COMMITTEE)
        and "Đảng" not in text[pos : ref.end]
        and _OWN_CENTRAL.match(text, after, end)
    ):
        # "Chủ tịch T.Ư Hội Sinh viên", "Ban Chấp hành Trung ương Hội NDVN": a mass organisation's central
        # committee, not the Party's (the organisation is often one the unit table does not know)
        return None
    if head is not None and head.category == "central":
        return ref
    if head is not None and head.category == "local" and head.kind == "agency":
        ministry = pattern.match(text, after, end)
        if ministry and table[ministry.group(0)].kind == "ministry":
            # "Thanh tra Bộ Nội vụ": the ministry's own inspectorate, not a province's
            ref.subs.append(Unit("sub", head.kind, head.canonical))
            ref.head = table[ministry.group(0)]
            ref.end = ministry.end()
            return ref
    level = _LEVEL_RE.match(text, after, end) if (head is None or head.canonical != "Tỉnh ủy") else None
    if level:
        word = level.group(0).strip()
        if word in ("Tỉnh", "Huyện", "Quận", "Xã", "Phường") and head is not None and head.category != "local":
            level = None  # "Tỉnh ủy ... Huyện ủy" lists, not a level word
    if level:
        ref.level = LEVEL_WORDS[level.group(0).strip()]
        ref.end = level.end()
        place = _place_after_level(text, level.end(), end, stops, ref.level)
        if place:
            ref.place, ref.end = place
        elif level.group(0).endswith(" "):
            ref.end = level.end() - 1
        return ref
    if head is not None and head.category in ("pc", "local"):
        generic = head.category == "pc" and head.canonical not in ("Tỉnh ủy", "Tỉnh đoàn")
        place = _place_at(text, after, end, stops, generic=generic, district=generic)
        if place:
            ref.place, ref.end = place
    return ref


#: Bodies that are named in full rather than listed as units: departments, hospitals, schools, companies
#: ("Cục Chống tham nhũng", "Phòng Cảnh sát truy nã tội phạm", "Công ty Đạm Ninh Bình").
_BODY_WORD = re.compile(
    r"(?:Ban [Qq]uản lý dự án|Ban QLDA|[Cc]hi cục|[Tt]ổng cục|[Cc]ục|Vụ|Quân khu|Quân đoàn|"
    r"[Pp]hòng|[Kk]hoa|[Bb]ệnh viện|BV|[Tt]rường|[Tt]ổng [Cc]ông ty|[Cc]ông ty|Cty|[Tt]ập đoàn|[Nn]gân hàng|"
    r"[Hh]ọc viện|[Vv]iện|[Tt]rung tâm|[Vv]ăn phòng|[Đđ]ại học|[Tt]iểu ban|[Gg]iáo phận|[Gg]iáo xứ|[Bb]an Trị sự|"
    r"Bộ Tư lệnh)(?= )"
)
#: Departments, named with the body they belong to after a comma, a dash or in brackets.
_DEPARTMENT_WORD = re.compile(r"[Kk]hoa|[Pp]hòng|[Cc]hi cục|Vụ|[Tt]rung tâm")
_PARENT_LINK = re.compile(r"\s*(?:,|\(|[-–])\s*(?=(?:Bệnh viện|BV|Sở|Cục|Bộ|Công an|Tổng cục|Viện|Trường|Học viện) )")
#: Bodies with wards or offices of their own: "Khoa Nội, Bệnh viện X", "Phòng Đào tạo, Trường Đại học Y".
_HOST_WORD = re.compile(r"Bệnh viện|BV|Trường|Học viện|Viện|Đại học|Trung tâm")
#: A company's boards, written before its name: "Chủ tịch HĐTV Công ty X" is the chair of the board of X.
_BOARD = re.compile(r"(Hội đồng thành viên|HĐTV|Hội đồng quản trị|HĐQT)(?=[ ,])")
_BOARD_BEFORE_TITLE = re.compile(r"(?:,| kiêm) (?:Phó )?(?:Tổng [Gg]iám đốc|Giám đốc|TGĐ|GĐ) ")
_BOARDS = {"HĐTV": "Hội đồng thành viên", "HĐQT": "Hội đồng quản trị"}
_BODY_TOKEN = re.compile(r" (\w[\w&'.-]*)")
#: Lower-case words that end a body's name: verbs and function words of the clause that goes on.
_BODY_END_TEXT = """
    đã đang sẽ cho và với cùng đối về tại của là làm được bị có dự ký nói khẳng nhấn yêu trao thăm khi trong này
    đó nêu chia mong gửi cũng vừa từ đến biểu trì thay nhận rằng theo để vì nhưng thì mà ra vào trên dưới sau
    trước hiện kiêm ông bà anh chị người nhằm thuộc
"""
_QUALIFIER_WORDS = frozenset({"nhiệm", "khóa", "khoá", "lần"})
#: Compounds whose second word also ends clauses ("phát biểu", "ký"): inside a name they go on.
_NAME_COMPOUNDS = frozenset({"Đại biểu", "đại biểu", "Đăng ký", "đăng ký"})
_BODY_END_WORDS = frozenset(_BODY_END_TEXT.split())
_MAX_BODY_WORDS = 10
#: "Phòng Tài chính - Kế hoạch" (also "- kế hoạch"): a dash between two parts of a name, the second a
#: common word followed by a lower-case one ("Kế hoạch", "Thương binh"); a person ("- Nguyễn Văn A"), a
#: title ("- Trưởng phòng", "- nguyên Giám đốc"), a cue ("- Đồng chí", "- ông") or a clause word after the
#: dash means it separates instead.
_NAME_DASH = re.compile(r" [-–] (\w+) ([a-zđà-ỹ]\w*)")
_LOWER_RUN = re.compile(r"[a-zđà-ỹ]\w*(?: [a-zđà-ỹ]\w*)*")
_NOT_NAME_PARTS = frozenset({"Đồng chí", "đồng chí", "Ông", "Bà", "Anh", "Chị", "nguyên", "cựu", "tân", "quyền"})


def _dash_in_name(text: str, pos: int, end: int) -> int:
    """After a dash that is part of a body's name, the position to go on from (0 if none)."""
    match = _NAME_DASH.match(text, pos, end)
    if not match:
        return 0
    first = match.group(1)
    if f"{first} {match.group(2)}" in _NOT_NAME_PARTS or first in _NOT_NAME_PARTS or first in _BODY_END_WORDS:
        return 0
    from danvan.loaders.titles import role_pattern  # titles builds on this module

    after = match.start(1)
    if role_pattern().match(text, after, end) or match.group(1) in surnames():
        return 0
    if first[0].islower():
        # "- kế hoạch Q.Tân Phú" completes the name; "- sân bay Tân Sơn Nhất" says where the department
        # is: a lower-case part must run in lower case to the unit's level word or a boundary
        run = _LOWER_RUN.match(text, after, end)
        tail = run.end() if run else after
        if not (tail >= end or text[tail] in ",;.:)" or _LEVEL_RE.match(text, tail + 1, end)):
            return 0
    return after - 1


def _province_alone(text: str, pos: int, end: int, stops: frozenset[int]) -> tuple[str, int, str] | None:
    """A province (or centrally governed city) named at ``pos`` that ends a name (punctuation, a person's
    name or the end follows): its name, where it ends and its level word."""
    pattern, forms = province_pattern()
    match = pattern.match(text, pos, end)
    if not match:
        return None
    after = _skip_space(text, match.end(), end)
    if not (after >= end or text[after] in ",;.:)–-(" or after in stops):
        return None
    unit = forms[match.group(0)]
    return unit.name, match.end(), "tỉnh" if unit.kind == "province" else "thành phố"


def parse_named_body(text: str, pos: int, end: int, stops: frozenset[int] = frozenset()) -> OrgRef | None:
    """A body named in full at ``pos`` ("Cục Chống tham nhũng, Thanh tra Chính phủ"), or None.

    Its name runs to a clear boundary (punctuation, a person's name, a level word and place); a name that
    runs into a verb is not taken, since where it ends is then a guess. A body of a larger one written
    after a comma ("Phòng ..., Công an tỉnh Y") becomes part of it.
    """
    board = _BOARD.match(text, pos, end)
    if board:
        body = parse_named_body(text, board.end() + 1, end, stops) if text.startswith(" ", board.end()) else None
        name = _BOARDS.get(board.group(1), board.group(1))
        if body is None:
            if not _BOARD_BEFORE_TITLE.match(text, board.end(), end):
                return None
            # "Chủ tịch HĐQT, Tổng giám đốc Công ty X": the board of the company the next title names
            return OrgRef(pos, board.end(), [Unit("sub", "executive_committee", name)], None, open=True)
        body.subs.insert(0, Unit("sub", "executive_committee", name))
        body.start = pos
        return body
    word = _BODY_WORD.match(text, pos, end)
    if not word:
        return None
    cursor = word.end()
    taken = 0
    last = cursor  # start of the last word taken
    while taken < _MAX_BODY_WORDS and cursor not in stops:
        dash = _dash_in_name(text, cursor, end) if taken else 0
        if dash:
            cursor = dash
        token = _BODY_TOKEN.match(text, cursor, end)
        if not token or cursor + 1 in stops or _LEVEL_RE.match(text, cursor + 1, end):
            break
        if taken and word.group(0).lower() == "chi cục":
            # "Chi cục Kiểm lâm Nghệ An": a province's branch office, its province named without "tỉnh"
            province = _province_alone(text, cursor + 1, end, stops)
            if province is not None:
                ref = OrgRef(pos, province[1], [], Unit("local", "agency", expand(text[pos:cursor])), province[2])
                ref.place = province[0]
                return ref
        value = token.group(1).rstrip(".")
        if taken and f"{text[last:cursor]} {value}" in _NAME_COMPOUNDS:
            # "Văn phòng Đoàn Đại biểu Quốc hội", "Văn phòng Đăng ký đất đai": a clause word inside a name
            last = cursor + 1
            cursor += 1 + len(value)
            taken += 1
            continue
        if taken and value in _QUALIFIER_WORDS and not text.startswith("nhiệm hữu hạn", cursor + 1):
            # "Trường Đại học X nhiệm kỳ 2024-2029": the term qualifies the post, the name ends here
            return OrgRef(pos, cursor, [], Unit("central", "agency", expand(text[pos:cursor])))
        if value == "thuộc" and taken:
            # "Cục Chăn nuôi thuộc Bộ NN&PTNT": the body is part of the one named after "thuộc"
            parent = _parse_org(text, cursor + len(" thuộc "), end, stops)
            if parent is not None and parent.head is not None and parent.head.category in ("central", "local"):
                parent.subs.insert(0, Unit("sub", "agency", expand(text[pos:cursor])))
                parent.start = pos
                return parent
        if not value or value in _BODY_END_WORDS:
            # the clause goes on; a name ending on a proper noun ("Công ty Chè Mỹ Lâm cho biết") ends here,
            # one ending on a common word ("Phòng Quản lý đất đai đối với") may not
            if not taken or not text[last].isupper():
                return None
            return OrgRef(pos, cursor, [], Unit("central", "agency", expand(text[pos:cursor])))
        last = cursor + 1
        cursor += 1 + len(value)
        taken += 1
    if not taken:
        return None
    name = expand(text[pos:cursor])  # "Cục Đăng kiểm VN" -> "Cục Đăng kiểm Việt Nam"
    kind = "agency"
    after = _skip_space(text, cursor, end)
    level = _LEVEL_RE.match(text, after, end)
    if level:
        ref = OrgRef(pos, level.end(), [], Unit("local", kind, name), LEVEL_WORDS[level.group(0).strip()])
        place = _place_after_level(text, level.end(), end, stops, ref.level)
        if place is None:
            return None
        ref.place, ref.end = place
        return ref
    if not (after >= end or text[after] in ",;.:)–-(" or after in stops):
        return None
    comma = re.match(r",\s*", text[cursor:end])
    if comma:
        parent = _parse_org(text, cursor + comma.end(), end, stops)
        if parent is not None and parent.head is not None:
            follow = _skip_space(text, parent.end, end)
            if parent.head.category == "central" or follow >= end or text[follow] in ",;.:)":
                # "Phòng ..., Công an tỉnh Y": the named body is part of the one after the comma
                parent.subs.insert(0, Unit("sub", kind, name))
                parent.start = pos
                return parent
        if parent is None and word.group(0).lower() in ("khoa", "phòng"):
            # "Khoa Nội, Bệnh viện Đa khoa tỉnh Y": a ward or office of the hospital or school after the comma
            host = parse_named_body(text, cursor + comma.end(), end, stops)
            if host is not None and host.head is not None and _HOST_WORD.match(host.head.canonical):
                host.subs.insert(0, Unit("sub", kind, name))
                host.start = pos
                return host
    bracket = re.match(r"\s*\(", text[cursor:end])
    if bracket:
        # "Vụ Giáo dục thể chất (Bộ Giáo dục và Đào tạo)": the ministry it belongs to, in brackets
        parent = _parse_org(text, cursor + bracket.end(), end, stops)
        if (
            parent is not None
            and parent.head is not None
            and parent.head.kind == "ministry"
            and not parent.subs
            and text.startswith(")", parent.end)
        ):
            parent.subs.insert(0, Unit("sub", kind, name))
            parent.start = pos
            parent.end += 1
            return parent
    if _DEPARTMENT_WORD.match(word.group(0)):
        # "Phó trưởng khoa X (Bệnh viện Nhi TƯ)", "Trưởng phòng X (Sở GD-ĐT Hà Nội)", "Trưởng phòng X - Sở Công
        # Thương TP.HCM", "Phó trưởng khoa X, BV Nhi TƯ": a department is named with the body it belongs to
        link = _PARENT_LINK.match(text, cursor, end)
        if link:
            at = link.end()
            parent = _parse_org(text, at, end, stops) or parse_named_body(text, at, end, stops)
            if parent is not None and parent.head is not None:
                parent.subs.insert(0, Unit("sub", kind, name))
                parent.start = pos
                if link.group(0).strip().startswith("(") and text.startswith(")", parent.end):
                    parent.end += 1
                return parent
    return OrgRef(pos, cursor, [], Unit("central", kind, name))


def find_orgs(text: str, start: int, end: int, stops: frozenset[int] = frozenset()) -> list[OrgRef]:
    """Every organisation name in ``text[start:end]``, left to right, not overlapping."""
    found: list[OrgRef] = []
    cursor = start
    pattern = unit_pattern()
    while True:
        match = pattern.search(text, cursor, end)
        if not match:
            return found
        ref = parse_org(text, match.start(), end, stops)
        if ref is None or ref.end <= match.start():
            cursor = match.end()
            continue
        found.append(ref)
        cursor = ref.end


# ------------------------------------------------------------------ resolution


def _short(province_name: str) -> str:
    return province_name.removeprefix("Thành phố ")


def _canonical_place(name: str) -> tuple[str, places.Province | None]:
    unit = places.lookup(name) if name else None
    return (unit.name, unit) if unit else (name, None)


def _head_org(ref: OrgRef, ctx: PlaceContext, inherit: OrgRef | None) -> Org | None:
    head = ref.head
    if head is None:
        return None
    if head.category == "central":
        name = CENTRAL_COMMITTEE if head.canonical == "Trung ương" else head.canonical
        return Org(name, head.kind, "central", "")
    province = ctx.province_name
    if head.category == "pc":
        implied = PC_LEVEL[head.canonical]
        if head.canonical == "Đảng ủy":
            # "Đảng ủy xã" with no name is the commune the article is about, when it names just one
            place = ref.place or (ctx.locality(ref.level) if ref.level in ("xã", "phường", "thị trấn") else "")
            if not (ref.level and place):
                return None
            level_word = ref.level
            name = f"Đảng ủy {level_word} {place}"
            return Org(
                name,
                head.kind,
                LEVEL_OF_WORD[level_word],
                place,
                based_in=(f"{level_word} {place}", _place_kind(level_word), _lower_province(place, level_word, ctx)),
            )
        place = ref.place
        if implied == "tỉnh":
            if place:
                place, unit = _canonical_place(place)
            else:
                place = province
            return Org(
                f"{head.canonical} {place}".strip(),
                head.kind,
                "province",
                place,
                based_in=(place, "province", place) if place else None,
            )
        if implied == "thành phố":
            if place:
                canonical, unit = _canonical_place(place)
                if unit is not None and unit.kind == "city":
                    return Org(
                        f"{head.canonical} {canonical}",
                        head.kind,
                        "province",
                        canonical,
                        based_in=(canonical, "city", canonical),
                    )
            elif ctx.is_city_province:
                return Org(
                    f"{head.canonical} {province}",
                    head.kind,
                    "province",
                    province,
                    based_in=(province, "city", province),
                )
            else:
                place = ctx.city
            if not place:
                return None
            return Org(
                f"{head.canonical} {place}",
                head.kind,
                "district",
                place,
                based_in=(f"thành phố {place}", "city", _lower_province(place, "thành phố", ctx)),
            )
        if not place:
            place = ctx.locality(implied)
        if not place:
            return None
        return Org(
            f"{head.canonical} {place}",
            head.kind,
            "district",
            place,
            based_in=(f"{implied} {place}", _place_kind(implied), _lower_province(place, implied, ctx)),
        )
    # local: level word + place, written or taken from the chain or the article
    level_word, place = ref.level, ref.place
    if not level_word and not place and inherit is not None:
        level_word, place = inherit.level, inherit.place
        if not level_word and inherit.head is not None and inherit.head.category == "pc":
            level_word = PC_LEVEL.get(inherit.head.canonical, "")
    if not level_word and place:
        canonical, unit = _canonical_place(place)
        if unit is not None:
            level_word, place = ("thành phố" if unit.kind == "city" else "tỉnh"), canonical
    if not level_word and not place and head.kind == "front" and not province and head.canonical.endswith("Việt Nam"):
        # "Bí thư Đảng đoàn MTTQ Việt Nam" in national news: the Front's central committee, no province's
        return Org(FRONT_CENTRAL, head.kind, "central", "")
    if not level_word:
        level_word = "thành phố" if ctx.is_city_province else "tỉnh"
    if not place:
        if level_word == "tỉnh":
            place = province
        elif level_word == "thành phố":
            place = province if ctx.is_city_province else ctx.city
        else:
            place = ctx.locality(level_word)
        if not place:
            if level_word == "tỉnh" and not province:
                return Org(f"{head.canonical} tỉnh", head.kind, "province", "")
            return None
    if level_word in ("tỉnh", "thành phố"):
        canonical, unit = _canonical_place(place)
        if unit is not None:
            kind = "city" if unit.kind == "city" else "province"
            word = "thành phố" if unit.kind == "city" else "tỉnh"
            if level_word == "thành phố" and unit.kind != "city":
                # a provincial city sharing its province's name ("thành phố Bắc Ninh")
                return Org(
                    f"{head.canonical} thành phố {_short(place)}",
                    head.kind,
                    "district",
                    _short(place),
                    based_in=(f"thành phố {_short(place)}", "city", canonical),
                )
            return Org(
                f"{head.canonical} {word} {_short(canonical)}",
                head.kind,
                "province",
                canonical,
                based_in=(canonical, kind, canonical),
            )
    return Org(
        f"{head.canonical} {level_word} {place}",
        head.kind,
        LEVEL_OF_WORD.get(level_word, "district"),
        place,
        based_in=(f"{level_word} {place}", _place_kind(level_word), _lower_province(place, level_word, ctx)),
    )


def _lower_province(place: str, level_word: str, ctx: PlaceContext) -> str:
    """The province of a lower unit: the article's when it has a unit of that name (or the gazetteer does
    not know the name: a commune, a new unit), else the one province that has it ("thành phố Hạ Long" in a
    Hà Nội article is in Quảng Ninh); "" when several provinces have it and the article's does not."""
    if LEVEL_OF_WORD.get(level_word) != "district" or not places.is_district(place):
        return ctx.province_name
    unit = places.province_of_district(place, level_word, ctx.province)
    return unit.name if unit is not None else ""


def _place_kind(level_word: str) -> str:
    return {"thành phố": "city", "thị xã": "town", "thị trấn": "township"}.get(
        level_word, level_word and LEVEL_OF_WORD[level_word]
    )


def locality_kind(locality: str) -> str:
    """The kind of the article's locality from its level word: "quận Hoàn Kiếm" is a district, not a city."""
    if locality.startswith(("thành phố", "TP", "Tp")):
        return "city"
    level_word = next((w for w in LEVEL_OF_WORD if locality.startswith(w + " ")), "")
    return _place_kind(level_word) if level_word else "city"


def resolve(ref: OrgRef, ctx: PlaceContext, inherit: OrgRef | None = None) -> Org | None:
    """The full organisation an :class:`OrgRef` names, with its parents; None when its place is unknown.

    ``inherit`` is a neighbouring name in the same title chain: it completes a truncated name
    ("Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Tỉnh ủy": the first takes "Tỉnh ủy" from the second).
    """
    if [u.canonical for u in ref.subs] == ["Ban Chỉ đạo"] and ref.head is None:
        # A bare "BCĐ" ("Phó Trưởng ban Thường trực BCĐ", "của BCĐ thành phố") is the steering committee the
        # article names in full, when the level word, if any, points at the same place.
        if not ref.level:
            return ctx.steering
        plain = resolve(replace(ref, subs=[], head=Unit("local", "commission", "Ban Chỉ đạo")), ctx, inherit)
        if ctx.steering is not None and plain is not None and plain.place == ctx.steering.place:
            return ctx.steering
        return plain
    if ref.head is None and ref.level and ref.subs:
        last = ref.subs[-1]
        ref = replace(ref, subs=ref.subs[:-1], head=Unit("local", last.kind, last.canonical))
    if ref.head is None:
        if inherit is None or inherit.head is None:
            return None
        ref = replace(ref, head=inherit.head, level=inherit.level, place=inherit.place)
    org = _head_org(ref, ctx, inherit)
    if org is None:
        return None
    written = org.name
    if ref.subs and org.name == CENTRAL_COMMITTEE:
        # "Ban Tổ chức Trung ương", "Ban Tổ chức Ban Chấp hành Trung ương Đảng", "Ban Tổ chức TW Đảng":
        # one commission of the Central Committee, named the usual short way
        written = "Trung ương"
    for sub in reversed(ref.subs):
        org = Org(f"{sub.canonical} {written}", sub.kind, org.level, org.place, parent=org, based_in=org.based_in)
        written = org.name
    return org
