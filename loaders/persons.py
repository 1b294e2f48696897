"""Vietnamese person names in running text.

A name is a run of capitalised syllables (2 to 5) that starts with a family name from
``data/surnames.txt`` ("Nguyễn Thị Kim Dung", "Giàng Thị Dung"), or any capitalised run right after a
person cue ("đồng chí", "ông", "bà", military ranks), which lets in names of every shape ("đồng chí
Y Thanh Hà Niê Kđăm"). Places and bodies that start like names are kept out three ways: a list of
such phrases (``data/not_names.txt``, plus every province name), the word before the run ("tỉnh",
"huyện", "phường", "đường" ... introduce places and streets named after people), and stop words that
end a name where a title or a body begins ("Phó", "Chủ", "Ban", ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from danvan.graph import places
from danvan.loaders.foreign import country_at

DATA = Path(__file__).with_name("data")

UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
#: One capitalised syllable ("Nguyễn", "Kđăm", "H'Hen"), ending at a word edge.
SYLLABLE = rf"[{UPPER}](?:['’][{UPPER}])?[{LOWER}]*(?![\w'’])"
_RUN = re.compile(rf"(?<![\w'’.]){SYLLABLE}(?: {SYLLABLE})+")
_WORD_BEFORE = re.compile(r"([\w/'.]+) +$")

#: Words that introduce a person (checked on the word(s) just before the run).
CUES = frozenset(
    {
        "chí",
        "ông",
        "bà",
        "anh",
        "chị",
        "đ/c",
        "tướng",
        "tá",
        "úy",
        "uý",
        "sĩ",
        "sư",
        "báo",
        "tọa",
        "toạ",
        "thượng",
        "mục",
        "GS",
        "PGS",
        "TS",
        "ThS",
        "NSND",
        "NSƯT",
        "BS",
        "Ông",
        "Bà",
        "Anh",
        "Chị",
        "làng",
    }
)
#: Capitalised cue words that can sit inside the run itself ("Ông Ksor Phước" at a sentence start).
_RUN_CUES = frozenset({"Ông", "Bà", "Anh", "Chị", "Cô", "Thầy"})
#: Words before a capitalised run that make it a place, street, school, prize ... named after a person.
PLACE_WORDS = frozenset(
    {
        "huyện",
        "xã",
        "phường",
        "quận",
        "phố",
        "trấn",
        "đường",
        "thôn",
        "bản",
        "ấp",
        "xóm",
        "làng",
        "khu",
        "cầu",
        "sông",
        "núi",
        "chùa",
        "đền",
        "đình",
        "giải",
        "trường",
        "tp",
        "tp.",
        "đảo",
        "hồ",
        "đèo",
        "Huyện",
        "Xã",
        "Phường",
        "Quận",
        "Đường",
        "Phố",
        "Trường",
        "Thôn",
        "Bản",
        "Khu",
        "Cầu",
        "THPT",
        "THCS",
        "PTCS",
        "PTTH",
        "TH",
        "TP",
        "TP.",
        "Tp",
        "Tp.",
        "Giải",
        "Chùa",
        "Đền",
        "Làng",
        "Sông",
        "Núi",
        "Lăng",
        "lăng",
        "tượng",
        "Tượng",
        "quỹ",
        "Quỹ",
        "tàu",
        "Tàu",
        "Ấp",
        "Xóm",
        "Hồ",
        "mang",
        "tên",
        "Cụm",
        "non",  # "trường Mầm non Đồng Thắng"
        "xứ",  # "giáo xứ Thái Hà", "giáo phận Xuân Lộc": parishes and dioceses bear place names
        "phận",
    }
)
#: Capitalised words that cannot continue a name: a title, a body or a time word starts there.
STOP_WORDS = frozenset(
    {
        "Phó",
        "Bí",
        "Chủ",
        "Trưởng",
        "Ủy",
        "Uỷ",
        "Giám",
        "Tổng",
        "Chánh",
        "Ban",
        "Sở",
        "Bộ",
        "Tỉnh",
        "Huyện",
        "Quận",
        "Xã",
        "Phường",
        "Đảng",
        "Nhà",
        "Báo",
        "Đài",
        "Tại",
        "Theo",
        "Trong",
        "Về",
        "Với",
        "Cùng",
        "Dự",
        "Sáng",
        "Chiều",
        "Ngày",
        "Hội",
        "Mặt",
        "Viện",
        "Tòa",
        "Cục",
        "Phòng",
        "Thủ",
        "Thứ",
        "Thượng",
        "Thiếu",
        "Ông",
        "Bà",
        "Các",
        "Những",
        "Là",
        "Và",
        "Của",
        "Thường",
        "Hiệu",
        # a caption or the next sentence glued to a name ("... Lý Khắc Cường Ảnh: Reuters", "A Ngoài ra, ...")
        "Ảnh",
        "Ngoài",
        "Sau",
        "Bên",
        "Nhưng",
        "Đây",
        "Khi",
        "Nếu",
        "Trước",
    }
)
#: Stop words that are also given names ("Trần Công Chánh", "Trần Đức Quận", "Đỗ Kim Hội"): at the end of a
#: run, followed by a lower-case word that does not make them a title or a body, they end the name.
_GIVEN_STOPS = frozenset({"Chánh", "Quận", "Hội", "Thường", "Hiệu"})
_STOP_COMPOUNDS = frozenset(
    {"Chánh án", "Chánh văn", "Quận ủy", "Quận uỷ", "Hội đồng", "Hội viên", "Hội nghị", "Thường trực", "Thường vụ"}
    | {"Hiệu trưởng", "Hiệu phó", "Hội thảo", "Hội thi", "Hội chợ", "Hội diễn", "Hội khỏe"}
)
_AFTER_GIVEN = re.compile(rf"(?: ([{LOWER}]+)|[,.;:)]|$)")
#: A name never ends with these (they are Vietnamese middle names or grammar words).
_BAD_LAST = frozenset({"Thị", "Văn"})
#: A capitalised word followed by one of these lower-case words is a common noun, not a name part
#: ("Đoàn Thanh niên", "Hội Nông dân", "Mặt trận Tổ quốc").
_COMPOUNDS = frozenset(
    {
        "Thanh niên",
        "Nông dân",
        "Nhân dân",
        "Dân vận",
        "Quốc hội",
        "Phụ nữ",
        "Chính trị",
        "Kinh tế",
        "Văn hóa",
        "Xã hội",
        "Tổ quốc",
        "Cộng sản",
        "Dân chủ",
        "Chiến binh",
        "Lao động",
        "Thương binh",
        "Giáo dục",
        "Tuyên giáo",
        # a name run into the next sentence's connective ("Nguyễn Duy Thăng Tuy nhiên, ...")
        "Tuy nhiên",
        "Ngoài ra",
        "Sau đó",
        "Nội vụ",
        "Tài chính",
        "Quân sự",
        "Biên phòng",
        "Công an",
        "Đảng ủy",
        # "Liên" is a given name ("Đặng Thị Bích Liên") as often as it opens a body ("Liên hiệp", "Liên đoàn")
        "Liên hiệp",
        "Liên đoàn",
        "Liên minh",
        "Liên bang",
        "Liên doanh",
        "Liên ngành",
        # "Đồng" is a family and a given name ("Võ Ngọc Đồng", "Đồng Văn Bích"), but "Đồng chí" opens the next
        # person; "Đại biểu" ends "Trưởng Đoàn Đại biểu Quốc hội", not a name "Đoàn Đại"
        "Đồng chí",
        "Đồng thời",
        "Đồng bào",
        "Đại biểu",
        # a caption's verb after the name ("Thứ trưởng Trần Văn A Kết luận hội nghị", "... B Phát biểu")
        "Kết luận",
        "Phát biểu",
        "Chủ trì",
        "Trao đổi",
        "Trao tặng",
        "Trao quà",
        "Thăm hỏi",
        "Tặng quà",
        "Chúc mừng",
        "Khai mạc",
        "Bế mạc",
        "Báo cáo",
    }
)
_NEXT_WORD = re.compile(r" ([\w]+)")


_LEVELS = frozenset({"huyện", "quận", "xã", "phường"})
_AFTER_BODY = re.compile(
    # the mass organisations too: "Chủ tịch Hội Nông dân huyện Phan Văn A"
    r"(?:UBND|HĐND|nhân dân|[Ủủ]y ban|MTTQ|Mặt trận Tổ quốc|Hội Nông dân|Hội Cựu chiến binh|Hội Liên hiệp Phụ nữ|"
    r"Hội LHPN|Hội Phụ nữ|Liên đoàn Lao động|Hội Chữ thập đỏ|Hội Người cao tuổi|Hội Khuyến học)\s+"
    r"(?:huyện|quận|xã|phường)\s+$"
)
#: Words after which a capitalised run opens with the name of a unit ("Huyện ủy Quỳnh Lưu ...").
_UNIT_WORDS = frozenset({"ủy", "uỷ", "huyện", "quận", "tỉnh", "phố", "xã", "phường", "trấn", "Huyện", "Quận", "Xã"})


_CENTRAL_BEFORE = re.compile(r"(?:T\.Ư|TƯ|TW|[Tt]rung ương) $")


#: "Thủ tướng" ends with "tướng", the cue of military ranks (see CUES).
_HEAD_OF_GOVERNMENT = re.compile(r"[Tt]hủ tướng $")


@dataclass(frozen=True)
class PersonMention:
    start: int  # offsets into the text the search ran on
    end: int
    name: str


@cache
def surnames() -> frozenset[str]:
    return frozenset(_read_list("surnames.txt"))


@cache
def not_names() -> frozenset[tuple[str, ...]]:
    phrases = set(_read_list("not_names.txt"))
    for unit in places.ALL:
        phrases.add(unit.name.removeprefix("Thành phố "))
        phrases.update(a for a in unit.aliases if " " in a)
    return frozenset(tuple(p.split()) for p in phrases)


def _read_list(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _blocked_prefix(words: list[str], i: int) -> int:
    """Length of a not-a-name phrase starting at ``words[i]`` (0 if none)."""
    blocked = not_names()
    for length in (4, 3, 2):
        if i + length <= len(words) and tuple(words[i : i + length]) in blocked:
            return length
    return 0


#: A photo credit ("Ảnh: Nguyễn Văn A/TTXVN", "(Ảnh: Trần B)"): the photographer is not a person of the story.
_CREDIT_BEFORE = re.compile(r"Ảnh\s*:\s*$")
_CREDIT_AFTER = re.compile(r"\s*(?:/|\)|$)")


def is_photo_credit(text: str, start: int, end: int) -> bool:
    return bool(_CREDIT_BEFORE.search(text, max(0, start - 8), start)) and bool(_CREDIT_AFTER.match(text, end))


#: "môi trường", "thị trường", "hiện trường", "chiến trường": "trường" here is no school before a name.
_NOT_A_SCHOOL = re.compile(r"(?<![\w])(?:[Mm]ôi|[Tt]hị|[Hh]iện|[Cc]hiến) trường $")
#: "Bệnh viện Bạch Mai", "bệnh viện Chợ Rẫy": a hospital's name, even one that starts like a person's.
_HOSPITAL_BEFORE = re.compile(r"(?<![\w])(?:[Bb]ệnh viện|BV) $")


def find_persons(text: str, start: int = 0, end: int | None = None) -> list[PersonMention]:
    """Every person name in ``text[start:end]``, with offsets into ``text``."""
    end = len(text) if end is None else end
    found: list[PersonMention] = []
    family = surnames()
    for run in _RUN.finditer(text, start, end):
        words = run.group(0).split(" ")
        offsets = []
        pos = run.start()
        for word in words:
            offsets.append(pos)
            pos += len(word) + 1
        before = _WORD_BEFORE.search(text, max(0, run.start() - 24), run.start())
        word_before = before.group(1) if before else ""
        i = 0
        #: index of the word a cue before the run applies to
        cue_at = 0
        if word_before == "tướng" and _HEAD_OF_GOVERNMENT.search(text, max(0, run.start() - 12), run.start()):
            # "Thủ tướng Australia Malcolm Turnbull": the state is not part of the name; the cue skips it
            country = country_at(text, run.start(), run.end())
            if country:
                i = cue_at = len(country.split(" "))
        if (
            word_before in _UNIT_WORDS
            and len(words) >= 4
            and words[2] in family
            and words[0] not in family
            and words[1] in family
        ):
            i = 2  # "Huyện ủy Quỳnh Lưu Phan Đức Tài": a two-syllable place, then the name
        if (
            words[0] == "Đoàn"
            and len(words) >= 3
            and _CENTRAL_BEFORE.search(text, max(0, run.start() - 12), run.start())
        ):
            i = 1  # "Bí thư T.Ư Đoàn Bùi Quang Huy": "Trung ương Đoàn" is the Youth Union, "Đoàn" no surname here
        if word_before in PLACE_WORDS or word_before in _UNIT_WORDS:
            # "huyện Bắc Trà My", "thành phố Sầm Sơn": a district the gazetteer knows is the place, even
            # when a later syllable is also a family name ("Trà My" is no person here)
            i = cue_at = max(i, _district_words(words))
        while i < len(words):
            skip = _blocked_prefix(words, i)
            if skip:
                i += skip
                continue
            prev = words[i - 1] if i else word_before
            if prev == "phố" and i == 0 and text[max(0, run.start() - 10) : run.start()].rstrip().endswith("thành phố"):
                prev = ""  # "HĐND thành phố Nguyễn Hoàng Long": a city is not named after the person
            if prev.lower() in ("tp", "tp.") and i == 0 and len(words) >= 3:
                prev = ""  # "Chủ tịch UBND TP Nguyễn Đức An": the same with the abbreviation ("TP Hà Tiên" stays)
            if prev == "tích" and i == 0 and text[max(0, run.start() - 8) : run.start()].lower().endswith("di tích "):
                prev = "khu"  # "Khu di tích Kim Liên": a historic site, named after a place or a person
            if prev == "trường" and i == 0 and _NOT_A_SCHOOL.search(text, max(0, run.start() - 12), run.start()):
                prev = ""  # "Sở Tài nguyên và Môi trường Lê Văn A", "Cục Quản lý thị trường": no school named after A
            if (
                prev in ("viện", "BV")
                and i == 0
                and _HOSPITAL_BEFORE.search(text, max(0, run.start() - 12), run.start())
            ):
                prev = "trường"  # a hospital, like a school, may be named after a place or a person
            if prev == "thôn" and i == 0 and text[max(0, run.start() - 10) : run.start()].endswith("nông thôn "):
                prev = ""  # "Bộ Nông nghiệp và Phát triển nông thôn Lê Văn A": the ministry, not a hamlet
            if (
                prev in _LEVELS
                and i == 0
                and len(words) >= 3
                and _AFTER_BODY.search(text, max(0, run.start() - 30), run.start())
            ):
                prev = ""  # "Chủ tịch UBND huyện Nguyễn Thành Chung": the unit is implied, a name follows
            cued = (i == cue_at and word_before in CUES) or (i > 0 and words[i - 1] in _RUN_CUES)
            word = words[i]
            if (word in family or cued) and word not in STOP_WORDS and prev not in PLACE_WORDS:
                j = i + 1
                while j < len(words) and j - i < 5 and words[j] not in STOP_WORDS:
                    j += 1
                if j == len(words) - 1 and j - i >= 2 and words[j] in _GIVEN_STOPS:
                    follows = _AFTER_GIVEN.match(text, run.end(), end)
                    if follows and f"{words[j]} {follows.group(1)}" not in _STOP_COMPOUNDS:
                        j += 1
                while j - i >= 2 and words[j - 1] in _BAD_LAST:
                    j -= 1
                if j == len(words) and j - i >= 2:
                    following = _NEXT_WORD.match(text, run.end())
                    if following and f"{words[j - 1]} {following.group(1)}" in _COMPOUNDS:
                        j -= 1
                if j == len(words) and text.startswith(" tộc", run.end()):
                    i = j  # "Hội đồng trị sự Nguyễn Phước tộc": the royal clan, not a person
                    continue
                if i == 0 and words[0] == "Y" and word_before == "học":
                    i = j  # "Đại học Y Hà Nội", "Trường Đại học Y Dược": a medical school
                    continue
                if j - i >= 2 and words[j - 1] == "Tộc":
                    i = j  # "Nguyễn Phước Tộc": a family clan (họ tộc), not a person
                    continue
                if j - i >= 2:
                    s = offsets[i]
                    e = offsets[j - 1] + len(words[j - 1])
                    found.append(PersonMention(s, e, " ".join(words[i:j])))
                    i = j
                    continue
            i += 1
    return found


#: A person named by a cue and one syllable ("ông Dũng", "đồng chí Chỉnh"): Vietnamese refers back to an
#: official by the given name, the last syllable of the full name.
_SHORT_CUE = re.compile(r"(?<![\w])(?:[Ôô]ng|[Bb]à|[Đđ]ồng chí|đ/c) $")
_NAME_GOES_ON = re.compile(rf"[\w']| [{UPPER}]")


def _district_words(words: list[str]) -> int:
    """How many leading ``words`` (2 or 3) name a district-level unit of the gazetteer (0 if none)."""
    for n in (3, 2):
        if len(words) >= n and places.is_district(" ".join(words[:n])):
            return n
    return 0


def find_short_forms(text: str, full: list[PersonMention]) -> list[PersonMention]:
    """Mentions by given name alone, each bound to the one full name named earlier that ends with it.

    A given name shared by two people named before it is ambiguous and left alone.
    """
    found: list[PersonMention] = []
    taken = [(p.start, p.end) for p in full]
    # A handful of given names per article: finding each with str.find and checking the cue before it is
    # much cheaper than a regular expression over every "ông"/"bà" of the text.
    for given in {p.name.rsplit(" ", 1)[-1] for p in full}:
        start = text.find(given)
        while start >= 0:
            end = start + len(given)
            if (
                not _NAME_GOES_ON.match(text, end)
                and _SHORT_CUE.search(text, max(0, start - 9), start)
                and not any(s <= start < e for s, e in taken)
            ):
                earlier = {p.name for p in full if p.end <= start and p.name.rsplit(" ", 1)[-1] == given}
                if len(earlier) == 1:
                    found.append(PersonMention(start, end, earlier.pop()))
            start = text.find(given, end)
    found.sort(key=lambda p: p.start)
    return found
