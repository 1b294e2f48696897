"""The administrative gazetteer: Vietnam's provinces and centrally governed cities, before and after 1 July 2025.

Before the reorganisation there were 63 units (plus Thừa Thiên Huế's renaming to the city of Huế on
1 January 2025); from 1 July 2025 there are 34 (Resolution 202/2025/QH15). The table below is compact
and checked against the offline ``vietnamadminunits`` data in the tests; importing that package costs
megabytes of JSON, which every worker process would pay, so lookups use this table.

Canonical names use the gazetteer's tone placement (Hòa Bình, Khánh Hòa, Thanh Hóa) and the short form
("Bắc Ninh", "Hà Nội"); the one exception is "Thành phố Hồ Chí Minh", because "Hồ Chí Minh" alone names
the person far more often than the city.

Lookups: :func:`lookup` (a name or abbreviation: "TP.HCM", "Tp. Hồ Chí Minh", "tỉnh Thanh Hoá"),
:func:`by_domain` (a news site: "baolaocai.vn", "bacninhtv.vn"), :func:`by_source` (a source line:
"Báo Nam Định", "Đài PT-TH Bắc Giang" or a domain) and :func:`find_mentions` (every place named in a text).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

#: Date the 63 -> 34 reorganisation took effect.
REORGANISED_ON = "2025-07-01"
#: Thừa Thiên Huế became the centrally governed city of Huế six months earlier (Resolution
#: 1314/NQ-UBTVQH15, effective 1 January 2025); the 1 July reorganisation left Huế as it was.
HUE_CITY_ON = "2025-01-01"


@dataclass(frozen=True)
class Province:
    """A province-level unit. ``successor`` is the unit it belongs to after 1 July 2025 (itself if it survived)."""

    name: str
    kind: str  # "province" or "city" (centrally governed)
    code: str  # GSO code of the unit (the pre-2025 code; for Huế the 2025 one)
    successor: str
    aliases: tuple[str, ...] = ()
    #: Existed in the 63-unit map (before 2025); False only for Huế, created from Thừa Thiên Huế.
    before_2025: bool = True

    @property
    def current(self) -> bool:
        """True if the unit exists after 1 July 2025."""
        return self.successor == self.name

    @property
    def status(self) -> str:
        return "current" if self.current else "merged"

    @property
    def replaced_on(self) -> str | None:
        """ISO date from which ``successor`` replaces this unit (None for a unit that still exists):
        1 July 2025 for the merged provinces, 1 January 2025 for Thừa Thiên Huế, renamed the city of Huế."""
        if self.current:
            return None
        return HUE_CITY_ON if self.successor == "Huế" else REORGANISED_ON

    @property
    def full_name(self) -> str:
        """'tỉnh Bắc Ninh', 'thành phố Hà Nội' (lower-case generic word, as inside running text)."""
        if self.name.startswith("Thành phố "):
            return "thành phố " + self.name[len("Thành phố ") :]
        return ("thành phố " if self.kind == "city" else "tỉnh ") + self.name


# code | name | kind | successor after 1 July 2025 | aliases (any spelling; folded on lookup)
_TABLE = """
01|Hà Nội|city|Hà Nội|HN;TP Hà Nội;Thủ đô Hà Nội
02|Hà Giang|province|Tuyên Quang|
04|Cao Bằng|province|Cao Bằng|
06|Bắc Kạn|province|Thái Nguyên|Bắc Cạn
08|Tuyên Quang|province|Tuyên Quang|
10|Lào Cai|province|Lào Cai|
11|Điện Biên|province|Điện Biên|
12|Lai Châu|province|Lai Châu|
14|Sơn La|province|Sơn La|
15|Yên Bái|province|Lào Cai|
17|Hòa Bình|province|Phú Thọ|
19|Thái Nguyên|province|Thái Nguyên|
20|Lạng Sơn|province|Lạng Sơn|
22|Quảng Ninh|province|Quảng Ninh|
24|Bắc Giang|province|Bắc Ninh|
25|Phú Thọ|province|Phú Thọ|
26|Vĩnh Phúc|province|Phú Thọ|
27|Bắc Ninh|province|Bắc Ninh|
30|Hải Dương|province|Hải Phòng|
31|Hải Phòng|city|Hải Phòng|HP
33|Hưng Yên|province|Hưng Yên|
34|Thái Bình|province|Hưng Yên|
35|Hà Nam|province|Ninh Bình|
36|Nam Định|province|Ninh Bình|
37|Ninh Bình|province|Ninh Bình|
38|Thanh Hóa|province|Thanh Hóa|
40|Nghệ An|province|Nghệ An|
42|Hà Tĩnh|province|Hà Tĩnh|
44|Quảng Bình|province|Quảng Trị|
45|Quảng Trị|province|Quảng Trị|
46|Thừa Thiên Huế|province|Huế|Thừa Thiên - Huế;TT-Huế;TT Huế;TTH
48|Đà Nẵng|city|Đà Nẵng|ĐN
49|Quảng Nam|province|Đà Nẵng|
51|Quảng Ngãi|province|Quảng Ngãi|
52|Bình Định|province|Gia Lai|
54|Phú Yên|province|Đắk Lắk|
56|Khánh Hòa|province|Khánh Hòa|
58|Ninh Thuận|province|Khánh Hòa|
60|Bình Thuận|province|Lâm Đồng|
62|Kon Tum|province|Quảng Ngãi|Kontum
64|Gia Lai|province|Gia Lai|
66|Đắk Lắk|province|Đắk Lắk|Đắc Lắc;Đắk Lắc;Daklak;Dak Lak
67|Đắk Nông|province|Lâm Đồng|Đắc Nông;Daknong;Dak Nong
68|Lâm Đồng|province|Lâm Đồng|
70|Bình Phước|province|Đồng Nai|
72|Tây Ninh|province|Tây Ninh|
74|Bình Dương|province|Thành phố Hồ Chí Minh|
75|Đồng Nai|province|Đồng Nai|
77|Bà Rịa - Vũng Tàu|province|Thành phố Hồ Chí Minh|Bà Rịa-Vũng Tàu;Bà Rịa Vũng Tàu;BR-VT;BRVT;Vũng Tàu
79|Thành phố Hồ Chí Minh|city|Thành phố Hồ Chí Minh|TP.HCM;TPHCM;TP HCM;Tp.HCM;HCM;TP.Hồ Chí Minh;Sài Gòn;Hồ Chí Minh
80|Long An|province|Tây Ninh|
82|Tiền Giang|province|Đồng Tháp|
83|Bến Tre|province|Vĩnh Long|
84|Trà Vinh|province|Vĩnh Long|
86|Vĩnh Long|province|Vĩnh Long|
87|Đồng Tháp|province|Đồng Tháp|
89|An Giang|province|An Giang|
91|Kiên Giang|province|An Giang|
92|Cần Thơ|city|Cần Thơ|
93|Hậu Giang|province|Cần Thơ|
94|Sóc Trăng|province|Cần Thơ|
95|Bạc Liêu|province|Cà Mau|
96|Cà Mau|province|Cà Mau|
46|Huế|city|Huế|Thành phố Huế;TP Huế;Cố đô Huế
"""

#: News sites whose name does not spell their province (the generic rule handles "bao<province>.vn",
#: "<province>tv.vn", "<province>.gov.vn" and their subdomains).
_DOMAINS = {
    "hanoimoi": "Hà Nội",
    "kinhtedothi": "Hà Nội",
    "anninhthudo": "Hà Nội",
    "laodongthudo": "Hà Nội",
    "hanoionline": "Hà Nội",
    "sggp": "Thành phố Hồ Chí Minh",
    "saigongiaiphong": "Thành phố Hồ Chí Minh",
    "htv": "Thành phố Hồ Chí Minh",
    "hcmcpv": "Thành phố Hồ Chí Minh",
    "hochiminhcity": "Thành phố Hồ Chí Minh",
    "baoapbac": "Tiền Giang",
    "thtg": "Tiền Giang",
    "baodongkhoi": "Bến Tre",
    "baodienbienphu": "Điện Biên",
    "baothuathienhue": "Thừa Thiên Huế",
    "trt": "Thừa Thiên Huế",
    "hue": "Huế",
    "baohue": "Huế",
    "qtv": "Quảng Ninh",
    "thvl": "Vĩnh Long",
    "thhp": "Hải Phòng",
    "anninhhaiphong": "Hải Phòng",
    "btv": "Bình Dương",
    "ntv": "Nghệ An",
    "dnrtv": "Đà Nẵng",
    "drt": "Đà Nẵng",
    "thanhhoatv": "Thanh Hóa",
    "vovsaigon": "Thành phố Hồ Chí Minh",
}

#: Newspaper names that do not spell their province.
_PAPERS = {
    "Hà Nội Mới": "Hà Nội",
    "Hànộimới": "Hà Nội",  # the paper's masthead spelling, as its articles sign off
    "Kinh tế và Đô thị": "Hà Nội",
    "Sài Gòn Giải Phóng": "Thành phố Hồ Chí Minh",
    "Ấp Bắc": "Tiền Giang",
    "Đồng Khởi": "Bến Tre",
    "Điện Biên Phủ": "Điện Biên",
}


def _fold(text: str) -> str:
    """ASCII, lower case, letters and digits only: 'Tp. Hồ Chí Minh' -> 'tphochiminh'."""
    text = text.replace("đ", "d").replace("Đ", "D").replace("Ð", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


_PREFIXES = ("thanhpho", "tinh", "tp")


def _strip_prefix(key: str) -> str:
    for prefix in _PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            return key[len(prefix) :]
    return key


def _parse_table() -> tuple[Province, ...]:
    units = []
    for row in _TABLE.strip().splitlines():
        code, name, kind, successor, aliases = row.split("|")
        units.append(
            Province(
                name=name,
                kind=kind,
                code=code,
                successor=successor,
                aliases=tuple(a for a in aliases.split(";") if a),
                before_2025=name != "Huế",
            )
        )
    return tuple(units)


#: Every unit, the 63 of before 2025 followed by Huế.
ALL: tuple[Province, ...] = _parse_table()
BY_NAME: dict[str, Province] = {p.name: p for p in ALL}
#: The 63 units of the map before 2025 (Thừa Thiên Huế included).
PROVINCES_BEFORE_2025: tuple[Province, ...] = tuple(p for p in ALL if p.before_2025)
#: The 34 units from 1 July 2025.
PROVINCES_2025: tuple[Province, ...] = tuple(p for p in ALL if p.current)


@cache
def _keys() -> dict[str, Province]:
    keys: dict[str, Province] = {}
    for unit in ALL:
        for spelling in (unit.name, *unit.aliases):
            key = _fold(spelling)
            keys.setdefault(key, unit)
            keys.setdefault(_strip_prefix(key), unit)
    return keys


def lookup(name: str) -> Province | None:
    """The unit a name or abbreviation denotes: 'Bắc Ninh', 'tỉnh Thanh Hoá', 'TP.HCM', 'Tp. Hồ Chí Minh'."""
    key = _fold(name)
    if not key:
        return None
    keys = _keys()
    return keys.get(key) or keys.get(_strip_prefix(key))


def get(name: str) -> Province:
    """The unit with this canonical name (KeyError otherwise)."""
    return BY_NAME[name]


def successor(name: str) -> Province | None:
    """The unit after 1 July 2025 that a place (any spelling) belongs to."""
    unit = lookup(name)
    return BY_NAME[unit.successor] if unit else None


def predecessors(name: str) -> list[Province]:
    """The units merged into a post-2025 unit, itself included when it existed before."""
    unit = lookup(name)
    if unit is None:
        return []
    return [p for p in ALL if p.successor == unit.name and p.before_2025]


@cache
def _districts() -> dict[str, tuple[tuple[str, str], ...]]:
    """Folded district name -> its (province code, type) pairs, from ``data/districts.txt``.

    The district-level units (quận, huyện, thị xã, thành phố thuộc tỉnh) of the 63-province map, generated
    from the offline vietnamadminunits data; about 700 short lines, cheaper for every worker than the
    package's megabytes of JSON. Many names repeat across provinces (huyện Châu Thành in eleven).
    """
    table: dict[str, list[tuple[str, str]]] = {}
    path = Path(__file__).with_name("data") / "districts.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, kind, name = line.split("|")
        table.setdefault(_fold(name), []).append((code, kind))
    return {k: tuple(v) for k, v in table.items()}


_BY_CODE: dict[str, Province] = {}
for _unit in ALL:
    _BY_CODE.setdefault(_unit.code, _unit)  # code 46 is Thừa Thiên Huế in the 63-unit map


def province_of_district(name: str, level_word: str = "", near: Province | None = None) -> Province | None:
    """The province of a district-level unit ("Hạ Long" -> Quảng Ninh): ``near`` (the article's province)
    when it has a unit of that name, else the one province that has one; None when the gazetteer does not
    know the name or several provinces have it. ``level_word`` ("huyện", "thành phố") narrows the match."""
    entries = _districts().get(_fold(name))
    if not entries:
        return None
    if level_word:
        entries = tuple(e for e in entries if e[1] == level_word) or entries
    codes = {code for code, _kind in entries}
    if near is not None and near.code in codes:
        return near
    if len(codes) == 1:
        return _BY_CODE[codes.pop()]
    return None


def is_district(name: str) -> bool:
    """True if some province has a district-level unit of this name."""
    return _fold(name) in _districts()


_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\d?\.)?([^/:?#\s]+)", re.IGNORECASE)
_SUFFIXES = ("tv", "online", "news", "dientu")


def by_domain(domain_or_url: str) -> Province | None:
    """The province of a news site: 'baolaocai.vn' -> Lào Cai, 'bacninhtv.vn' -> Bắc Ninh."""
    match = _HOST.match(domain_or_url.strip().strip("()[]").lower())
    if not match:
        return None
    labels = [label for label in match.group(1).split(".") if label]
    # Drop the public suffix (vn, com.vn, gov.vn, org.vn, info.vn, ...): look at the leading labels only.
    generic = {"vn", "com", "net", "org", "gov", "edu", "info", "www", "dangbo", "dangcongsan", "tinhuy", "m", "en"}
    for label in labels:
        if label in generic:
            continue
        if label in _DOMAINS:
            return BY_NAME[_DOMAINS[label]]
        stem = label[3:] if label.startswith("bao") else label
        for suffix in _SUFFIXES:
            if stem.endswith(suffix) and len(stem) > len(suffix) + 2:
                stem = stem[: -len(suffix)]
                break
        unit = _keys().get(stem)
        if unit is not None and len(stem) > 3:
            return unit
    # A body's own site: the province closes the host name ("tinhuykontum", "hdndtuyenquang", "laodongnghean").
    for label in labels:
        for key in _long_keys():
            if label.endswith(key) and label != key:
                return _keys()[key]
    return None


@cache
def _long_keys() -> list[str]:
    """Folded province names of five letters or more, longest first (shorter ones end too many words)."""
    return sorted((key for key in _keys() if len(key) >= 5), key=len, reverse=True)


_DOMAIN_LIKE = re.compile(r"^\(?\s*(?:https?://)?[\w.-]+\.(?:vn|com|net|org|info)(?:/\S*)?\s*\)?$", re.IGNORECASE)


def by_source(source: str) -> Province | None:
    """The province of a source line: a domain, 'Báo Nam Định', 'Đài PT-TH Bắc Giang', 'Báo Ấp Bắc'."""
    source = source.strip()
    if not source:
        return None
    if _DOMAIN_LIKE.match(source):
        return by_domain(source)
    for paper, place in _PAPERS.items():
        if paper.casefold() in source.casefold():
            return BY_NAME[place]
    mentions = find_mentions(source)
    if mentions:
        return mentions[0][2]
    # A domain inside a longer line: "Theo baolaocai.vn".
    for word in source.split():
        if "." in word.strip(".,;()"):
            unit = by_domain(word)
            if unit is not None:
                return unit
    return None


@cache
def _mention_automaton() -> Any:
    """Case-sensitive: place names are capitalised in running text; 'hòa bình' (peace) is not a province.

    An Aho-Corasick automaton (pyahocorasick) finds every form in one pass; a regex alternation of a
    hundred names was the slowest step of reading the corpus.
    """
    import ahocorasick

    forms: dict[str, Province] = {}
    for unit in ALL:
        for name in (unit.name, *unit.aliases):
            if name in ("Hồ Chí Minh", "HN", "HP", "ĐN", "TTH", "HCM"):
                continue  # the person, or too ambiguous without context
            forms.setdefault(name, unit)
    hcm = BY_NAME["Thành phố Hồ Chí Minh"]
    for prefix in ("thành phố ", "TP.", "TP. ", "TP ", "Tp.", "Tp. ", "Tp "):
        forms.setdefault(prefix + "Hồ Chí Minh", hcm)
    for prefix in ("TP.", "TP", "TP. ", "TP ", "Tp.", "Tp"):
        forms.setdefault(prefix + "HCM", hcm)
    automaton = ahocorasick.Automaton()
    for form, unit in forms.items():
        automaton.add_word(form, (len(form), unit))
    automaton.make_automaton()
    return automaton


#: Family names. A province name right after one is the rest of a person's name ("Phó Thủ tướng
#: Trương Hòa Bình", "ông Phí Thái Bình") or of a place named after a person ("phường Nguyễn Thái
#: Bình", "Đền Trần Thái Bình"), not the province.
#: Not "Từ": at the start of a sentence it is "from" ("Từ Hà Nội, đoàn ...").
_SURNAME_LIST = """
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trương Đinh Lâm Mai Đoàn
Trịnh Cao Lương Tạ Quách Đào Vương Tô Kiều Thái Chu Lưu Lại Phí Hứa Khúc Thân Triệu Tăng Doãn Âu
Hầu Lục Mạc Nghiêm Ông Tống Đàm Diệp Bạch Cù Lã Hàn Tôn Thạch Ứng Đường Nhữ Biện Cấn Giáp
"""
_SURNAMES = frozenset(_SURNAME_LIST.split())
#: A province name followed by one of these words is part of another name: "Thái Bình Dương" is the
#: Pacific Ocean, in hundreds of world-news articles that have nothing to do with Thái Bình.
_NOT_BEFORE = {"Thái Bình": ("Dương",)}
#: The one or two words before a name: "Trương " or "Nguyễn Gia " (family name and middle name).
_WORDS_BEFORE = re.compile(r"(?:(\w+) )?(\w+) $")
_WORD_AFTER = re.compile(r" (\w+)")


def _part_of_other_name(text: str, start: int, end: int) -> bool:
    form = text[start:end]
    after = _NOT_BEFORE.get(form)
    if after:
        following = _WORD_AFTER.match(text, end)
        if following and following.group(1) in after:
            return True
    preceding = _WORDS_BEFORE.search(text, max(0, start - 40), start)
    if preceding is None:
        return False

    def whole(group: int) -> str | None:
        # A word cut by the search window is the tail of a longer one: not a name.
        begin = preceding.start(group)
        word = preceding.group(group)
        return word if word and (begin == 0 or not text[begin - 1].isalnum()) else None

    first, last = whole(1), whole(2)
    if last is None:
        return False
    if last in _SURNAMES:
        return True
    return bool(first) and first in _SURNAMES and last[:1].isupper()


def find_mentions(text: str) -> list[tuple[int, int, Province]]:
    """Every place-name occurrence in ``text`` as (start, end, unit), in order; the longest form wins
    where forms overlap ("Thừa Thiên Huế" over "Huế"), a form must not be part of a longer word, and
    not of a longer name either (a person's, or the Pacific Ocean's: see ``_SURNAMES``, ``_NOT_BEFORE``)."""
    found: list[tuple[int, int, Province]] = []
    n = len(text)
    for last, (length, unit) in _mention_automaton().iter(text):
        start, end = last - length + 1, last + 1
        if (start > 0 and text[start - 1].isalnum()) or (end < n and text[end].isalnum()):
            continue
        if _part_of_other_name(text, start, end):
            continue
        found.append((start, end, unit))
    if len(found) < 2:
        return found
    found.sort(key=lambda m: (m[0], -m[1]))
    kept: list[tuple[int, int, Province]] = []
    for match in found:
        if kept and match[0] < kept[-1][1]:
            continue
        kept.append(match)
    return kept
