"""Titles of officials: chains, shared titles over lists, title before or after the name, status.

The shapes handled (all seen in provincial news):

- after the name, in a chain: "đồng chí A, Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Tỉnh ủy" (two posts;
  the trailing organisation completes the truncated first one), also after a dash or in brackets;
- before the name: "Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố Nguyễn Hoàng Long";
- shared over a list: "các đồng chí Ủy viên Ban TVTU: A, Phó Chủ tịch ...; B, ..." (each gets the shared
  title and their own);
- status: "nguyên"/"cựu" = former (for the rest of the chain), appointment verbs (được bầu, bổ nhiệm,
  hiệp thương cử, giữ chức, chỉ định, điều động ... giữ chức) and "tân" = new, "thôi giữ chức" = former.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from danvan.graph.schema import SCHEMA
from danvan.loaders.foreign import country_at, looks_vietnamese
from danvan.loaders.organizations import (
    Org,
    OrgRef,
    PlaceContext,
    Unit,
    parse_named_body,
    parse_org,
    resolve,
    unit_pattern,
    units,
)
from danvan.loaders.persons import PersonMention, surnames

DATA = Path(__file__).with_name("data")

#: HOLDS statuses, in the order the schema declares them.
CURRENT, FORMER, NEW = SCHEMA.rel("HOLDS").prop("status").values
_PARTY_HEADS = ("pc", "central")


@dataclass(frozen=True)
class Role:
    canonical: str
    mode: str  # after | shared | party | alone | member
    #: alone: the organisation of the post; member: the level word of the unit whose party executive it is
    alone_org: str = ""


@dataclass
class Title:
    """A title as written: role, organisation name (unresolved), status word, span in the text."""

    role: Role
    start: int
    end: int
    org: OrgRef | None
    status: str = CURRENT
    #: The title ends at a boundary (punctuation, end, or a name): not the subject of a following verb.
    closed: bool = True
    #: Titles after "nay là" (now) start a new segment: the old place does not carry over.
    segment: int = 0
    #: The separator to the next title of the chain ("," "-" "kiêm").
    sep_after: str = ""
    #: The foreign state written after the title ("Thủ tướng Anh"): a post of that state.
    country: str = ""
    #: No organisation written, or only a short form ("Thủ tướng", "Bộ trưởng Ngoại giao"): the post is
    #: Vietnamese only if the name is ("Thủ tướng Shinzo Abe" is not the head of Vietnam's government).
    implied: bool = False


@dataclass(frozen=True)
class Post:
    """A resolved title: the post label and the organisation it is in."""

    label: str
    role: str
    org: Org
    status: str
    #: The organisation was implied by the title (see Title.implied).
    implied: bool = False
    #: Offsets of the title it was read from (tenure words are read around it).
    span: tuple[int, int] = (-1, -1)


@cache
def roles() -> dict[str, Role]:
    table: dict[str, Role] = {}
    for line in (DATA / "roles.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split("|")]
        spelling, mode = parts[0], parts[1]
        canonical = parts[2] if len(parts) > 2 else spelling
        alone = ""
        if mode.startswith(("alone=", "member=")):
            mode, alone = mode.split("=", 1)
        table[spelling.lower()] = Role(canonical, mode, alone)
        if "Ủy" in canonical:
            table[canonical.replace("Ủy", "Uỷ").lower()] = Role(canonical, mode, alone)
    return table


@cache
def _written_spellings() -> frozenset[str]:
    lines = (DATA / "roles.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.split("|", 1)[0].strip() for line in lines if line.strip() and not line.startswith("#"))


def _any_case(spelling: str) -> str:
    """A pattern matching ``spelling`` with any case of each word's first letter ("[Pp]hó [Bb]í [Tt]hư").

    Case-sensitive character classes are much faster than re.IGNORECASE over a long alternation.
    """
    words = []
    for word in spelling.split(" "):
        first, rest = word[0], re.escape(word[1:])
        head = f"[{first.upper()}{first.lower()}]" if first.upper() != first.lower() else re.escape(first)
        words.append(head + rest)
    return r"\s+".join(words)


@cache
def role_pattern() -> re.Pattern[str]:
    spellings = sorted({canonical for canonical in roles()}, key=len, reverse=True)
    table = roles()
    variants: set[str] = set()
    for key in spellings:
        variants.add(key)
        variants.add(table[key].canonical if table[key].canonical.lower() == key else key.upper())
    variants.update(_written_spellings())  # mixed case as in the file: "Phó TGĐ"
    alternatives = "|".join(_any_case(v) for v in sorted(variants, key=len, reverse=True))
    # Checking the first letter before anything else lets the engine skip most positions cheaply: the
    # lookbehinds and the long alternation are then tried only where a title can start.
    firsts = {v[0].upper() for v in variants} | {v[0].lower() for v in variants} | set("NnCcTtQq")
    first = "[" + "".join(sorted(re.escape(c) for c in firsts)) + "]"
    return re.compile(
        rf"(?={first})(?<![\w])(?<!Đoàn )(?<!đoàn )(?<!Ban )(?<!ban )(?P<status>(?:[Nn]guyên|[Cc]ựu|[Tt]ân)\s+)?"
        rf"(?P<acting>[Qq]uyền\s+)?(?P<role>{alternatives})(?![\w])"
    )


_CHAIN_SEP = re.compile(r"\s*(?:,|\bkiêm\b|,\s*kiêm\b|\s[-–]\s)\s*")
#: "nguyên Trưởng Ban ..., nay là Phó Trưởng Ban ...": the chain goes on, the status is current again.
_NOW = re.compile(r"\s*,?\s*(?:nay là|hiện là|nay giữ chức)\s+", re.IGNORECASE)
_QUALIFIER = re.compile(r"\s+(?:khóa|khoá|lần thứ|nhiệm kỳ)\s+(?:[IVXLC]+|\d{4}\s*[-–]\s*\d{4}|\d+)(?![\w])")
#: Between a title and the name it precedes: nothing, or a person cue ("Chủ tịch UBND tỉnh ông Nguyễn Văn A").
_BEFORE_NAME_GAP = re.compile(r"\s*(?:(?:ông|bà|đồng chí|đ/c)\s+)?(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá)\s+)?")
#: "Chủ tịch UBND tỉnh Nghệ An - ông Nguyễn Xuân Đường - đã chủ trì": the title, a dash, then a cued name.
_DASHED_BEFORE_NAME_GAP = re.compile(r"\s*[-–—]\s*(?:ông|bà|đồng chí|đ/c)\s+")
_COMMA_BEFORE_NAME_GAP = re.compile(r"\s*,\s*(?:ông|bà|đồng chí|đ/c)\s+")
#: "Bí thư Đảng ủy xã X (huyện Y, tỉnh Z) Nguyễn Văn A": a bracketed place between the title and the name.
_ASIDE_BEFORE_NAME_GAP = re.compile(
    r"\s*\((?:huyện|quận|thị xã|thành phố|TP\.?|tỉnh|xã|phường)?\s*[A-ZĐÀ-Ỹ][^()\d]{0,50}\)\s*"
    r"(?:(?:ông|bà|đồng chí|đ/c)\s+)?"
)
#: A birth year or date may sit between a name and its title: "Lê Văn A (SN 1965), Phó Chủ tịch UBND xã",
#: "ông B, sinh ngày 2/4/1975, Bí thư Huyện ủy".
_AFTER_NAME_GAP = re.compile(
    r"\s*(?:\((?:SN|sinh năm|sinh)?\s*\d{4}\)\s*|,\s*sinh (?:ngày|năm)\s*[\d/.-]+\s*)?(?:,|-|–|—|\(|:)\s*"
)
_APPOINT = re.compile(
    r"(?:bầu|bổ nhiệm|hiệp thương cử|chỉ định|điều động|luân chuyển|phê chuẩn|giữ chức|trúng cử|đắc cử|tái cử|được cử|"
    r"công nhận|phân công nhiệm vụ|phân công|nhận nhiệm vụ(?:\s+mới)?)"
    r"(?:\s+(?:vụ|danh))?(?:\s+(?:lại|giữ chức(?:\s+vụ)?|làm|vào|tham gia|là))*"
    r"\s*(?:chức(?:\s+vụ)?\s*)?$",
    re.IGNORECASE,
)
_APPOINT_TAIL = re.compile(
    r"(?:làm|giữ|giữ chức(?:\s+vụ)?|vào chức|đảm nhiệm(?:\s+chức(?:\s+vụ)?)?)\s*$", re.IGNORECASE
)
_APPOINT_VERB = re.compile(
    r"bầu|bổ nhiệm|hiệp thương cử|chỉ định|điều động|phân công|luân chuyển|phê chuẩn|giới thiệu", re.IGNORECASE
)
#: Posts a person held before: "ông A từng đảm nhiệm các chức vụ ...", "trong thời gian giữ các cương vị ...".
_PAST = re.compile(
    # "ông A, khi đó là Chi cục trưởng ...": the post held at the time told of, not now
    r"(?:từng|đã từng|trước đây|trước đó|trong thời gian|(?:khi|lúc|thời điểm) (?:đó|ấy))\s+"
    r"(?:là|giữ|đảm nhiệm|làm|kinh qua)(?:\s+(?:các|nhiều))?"
    r"(?:\s+(?:chức vụ|chức danh|cương vị|vị trí|chức))?\s*:?\s*$",
    re.IGNORECASE,
)
#: "Trước đó, ông A là Trưởng đoàn ...": "là" after a name in a sentence that opens in the past.
_IS = re.compile(
    # "ông A làm Trưởng công an xã", "bà B (...) từ cán bộ xã thăng tiến lên làm Phó Chủ tịch": the post held now
    r"\s*(?:hiện là|hiện đang là|đang là|là|(?:hiện |đang )?làm"
    r"|(?:từ\s+[^,;()]{1,40}?\s+)?(?:được\s+)?(?:thăng tiến|đề bạt|thăng chức)?\s*lên\s+(?:làm|giữ chức))\s*"
)
#: "Đến thời điểm hiện tại, ... bà A giữ chức X": "giữ chức" in a sentence set in the present is the post
#: held now, not an appointment.
_PRESENT = re.compile(r"(?:hiện tại|hiện nay|hiện giờ|đến nay)", re.IGNORECASE)
_HOLDS_VERB = re.compile(r"\s*giữ\s+chức(?:\s+vụ)?\s*")
#: "hiện đang giữ chức X" describes the post held now, unlike "giữ chức X" that reports the appointment.
_REMOVED_BEFORE = re.compile(
    r"(?:cách chức|miễn nhiệm|bãi nhiệm|cho thôi giữ chức)(?:\s+vụ)?\s+(?:đối với\s+)?(?:ông|bà|đồng chí|đ/c)\s+$"
)
_ASIDE = re.compile(r"^\s*\([^()]{1,80}\)")
_HOLDING_NOW = re.compile(r"(?:hiện|đang)\s+(?:đang\s+)?giữ\s+(?:chức\s+vụ|chức)\s*$")
_PAST_OPENING = re.compile(r"\W*(?:Trước đó|Trước đây|Trước khi)\b")
#: A post taken away from, or given to, a person named after it: "miễn nhiệm chức danh Phó Chủ tịch UBND
#: thành phố đối với ông A", "cách chức Trưởng phòng X đối với ông B".
_FOR_PERSON_GAP = re.compile(r"\s*,?\s*(?:đối với|của)\s+(?:ông|bà|đồng chí|đ/c)\s+")
_RESIGN = re.compile(
    r"(?:thôi giữ chức|thôi làm|thôi tham gia|miễn nhiệm|cách chức|nghỉ hưu)(?:\s+(?:vụ|chức vụ|chức danh))?\s*$",
    re.IGNORECASE,
)
#: A capitalised name right after a title chain ("... Trung Quốc Tập Cận Bình,"), not a new clause.
_UNREAD_NAME = re.compile(
    r" (?!Ủy|Phó|Chủ|Trưởng|Bí|Giám|Tổng|Thứ|Bộ|Ban|Đảng)[A-ZĐ][^\W\d_]*(?: [A-ZĐ][^\W\d_]*|\s*[,;])"
)
_LIST_CUE = re.compile(r"(?:các|hai|ba|bốn)\s+(?:đồng chí\s+)?$", re.IGNORECASE)
#: Ranks and honorifics written before a name in lists ("Thượng tướng Tô Lâm").
RANKS = r"(?:Đại|Thượng|Trung|Thiếu)\s+tướng|(?:Đại|Thượng|Trung|Thiếu)\s+tá|GS\.?|PGS\.?|TS\.?|ThS\.?"
_ITEM_LEAD = re.compile(rf"\s*(?:các\s+)?(?:đồng chí|đ/c|ông|bà)?\s*(?:(?:{RANKS})\s+)?", re.IGNORECASE)


def parse_title(text: str, pos: int, end: int, stops: frozenset[int]) -> Title | None:
    match = role_pattern().match(text, pos, end)
    if not match:
        return None
    role = roles()[re.sub(r"\s+", " ", match.group("role")).lower()]
    if match.group("acting"):
        role = Role(f"Quyền {role.canonical}", role.mode, role.alone_org)  # acting head: its own post
    status = CURRENT
    word = (match.group("status") or "").strip().lower()
    if word in ("nguyên", "cựu"):
        status = FORMER
    elif word == "tân":
        status = NEW
    org_start = match.end()
    if role.mode == "shared":
        org_start = match.start("role") + _shared_split(match.group("role"))
    else:
        while org_start < end and text[org_start] == " ":
            org_start += 1
        if role.canonical == "Người phát ngôn" and text.startswith("của ", org_start):
            org_start += 4  # "người phát ngôn của UBND tỉnh X": the body whose spokesperson it is
    org = parse_org(text, org_start, end, stops) if role.mode != "member" else None
    implied = False
    if org is None and role.canonical.endswith(("Bộ trưởng", "Thứ trưởng")):
        org = _ministry_short(text, org_start, end)
        implied = org is not None
    if org is None and role.canonical in _STATE_HEADS:
        org = _colloquial_committee(text, org_start, end, stops)
    if role.mode != "member" and (org is None or (org.head is None and not org.level)):
        # "Cục trưởng Cục Chống tham nhũng, Thanh tra Chính phủ", "Giám đốc Công ty ...": a body
        # named in full, not in the unit table
        org = parse_named_body(text, org_start, end, stops) or org
    implied = implied or org is None
    title_end = org.end if org else match.end()
    if role.mode == "shared" and org is None:
        return None
    country = ""
    if org is None or (org.head is not None and org.head.category == "central" and not org.subs):
        # "Thủ tướng Anh", "Chủ tịch Quốc hội Lào", "Bộ trưởng Ngoại giao Mỹ": a foreign state's post
        at = title_end
        while at < end and text[at] == " ":
            at += 1
        country = country_at(text, at, end) if at > title_end else ""
        if country:
            title_end = at + len(country)
    qualifier = _QUALIFIER.match(text, title_end, end)
    if qualifier:
        title_end = qualifier.end()
    follow = title_end
    while follow < end and text[follow] == " ":
        follow += 1
    closed = follow >= end or text[follow] in ",;.:)–-(" or follow in stops
    return Title(role, match.start(), title_end, org, status, closed, country=country, implied=implied)


#: Role words after which a shared title's organisation begins ("Phó Trưởng | Ban Dân vận",
#: "Chánh | Văn phòng UBND tỉnh", "Trưởng | phòng Tài nguyên nước").
_SHARED_HEAD = re.compile(r"(?:trưởng|chánh)\s+", re.IGNORECASE)


def _shared_split(role_text: str) -> int:
    """Where the organisation starts inside a shared title as written (after its "Trưởng"/"Chánh")."""
    match = _SHARED_HEAD.search(role_text)
    return match.end() if match else role_text.rstrip().rfind(" ") + 1


#: Heads of a people's committee, also written without it: "Chủ tịch tỉnh Bắc Ninh" is the chairman of the
#: Ủy ban nhân dân tỉnh Bắc Ninh (colloquial, common in the press).
_STATE_HEADS = frozenset({"Chủ tịch", "Phó Chủ tịch", "Phó Chủ tịch Thường trực"})
_COLLOQUIAL_LEVEL = re.compile(r"(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường|thị trấn)(?=\s)")


def _colloquial_committee(text: str, pos: int, end: int, stops: frozenset[int]) -> OrgRef | None:
    """ "tỉnh Bắc Ninh" right after "Chủ tịch": the people's committee of that unit."""
    if not _COLLOQUIAL_LEVEL.match(text, pos, end):
        return None
    ref = parse_org("Ủy ban nhân dân " + text[pos:end], 0, end - pos + 16, frozenset(s - pos + 16 for s in stops))
    if ref is None or ref.head is None or not ref.level:
        return None
    # back into the coordinates of ``text``: the organisation is written from ``pos`` on
    return replace(ref, start=pos, end=ref.end - 16 + pos)


@cache
def _ministries() -> tuple[re.Pattern[str], dict[str, Unit]]:
    """Ministries by their short names ("Bộ trưởng Ngoại giao" = of the Bộ Ngoại giao)."""
    short = {u.canonical.removeprefix("Bộ "): u for u in units().values() if u.kind == "ministry"}
    alternatives = "|".join(re.escape(s) for s in sorted(short, key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})(?![\w])"), short


def _ministry_short(text: str, pos: int, end: int) -> OrgRef | None:
    pattern, short = _ministries()
    match = pattern.match(text, pos, end)
    if not match:
        return None
    return OrgRef(pos, match.end(), [], short[match.group(0)])


def parse_chain(text: str, pos: int, end: int, stops: frozenset[int]) -> list[Title]:
    """Titles separated by commas (or "kiêm", or a dash) starting at ``pos``."""
    chain: list[Title] = []
    cursor = pos
    segment = 0
    while True:
        title = parse_title(text, cursor, end, stops)
        if title is None:
            break
        title.segment = segment
        if (
            chain
            and chain[-1].status == FORMER
            and title.status == CURRENT
            and chain[-1].segment == segment
            and not _complete(chain[-1])
        ):
            # "nguyên Bí thư, Chủ tịch UBND huyện X": "nguyên" covers a title that shares the next one's body;
            # after a complete one ("nguyên Bí thư Huyện ủy X, Phó Trưởng Ban Dân vận Tỉnh ủy") it stops
            title.status = FORMER
        chain.append(title)
        if title.start in stops:
            break
        now = _NOW.match(text, title.end, end)
        if now and role_pattern().match(text, now.end(), end):
            segment += 1  # "..., nay là Phó Trưởng Ban ...": current again, and its own place
            cursor = now.end()
            continue
        sep = _CHAIN_SEP.match(text, title.end, end)
        if not sep or sep.end() in stops or not role_pattern().match(text, sep.end(), end):
            break
        title.sep_after = sep.group(0).strip()
        cursor = sep.end()
    return chain


def _below_province(ref: OrgRef | None) -> bool:
    """An organisation of a district or commune ("Huyện ủy X", "UBND xã Y")."""
    if ref is None:
        return False
    if ref.level and ref.level not in ("tỉnh", "thành phố"):
        return True
    return ref.head is not None and ref.head.canonical in ("Huyện ủy", "Quận ủy", "Thị ủy", "Đảng ủy")


def _complete(title: Title) -> bool:
    """A title written with its own body and place ("Bí thư Huyện ủy Quỳnh Lưu"), not one completed by the next."""
    if title.role.mode == "alone" and title.org is None:
        return True  # "Phó Chủ tịch nước", "Thủ tướng": the post names its body
    org = title.org
    return org is not None and org.head is not None and bool(org.place or org.level)


def find_chains(text: str, start: int, end: int, stops: frozenset[int]) -> list[list[Title]]:
    chains: list[list[Title]] = []
    cursor = start
    pattern = role_pattern()
    while True:
        match = pattern.search(text, cursor, end)
        if not match:
            return chains
        if text.startswith("vụ Trưởng", match.start("role")):
            # "giữ chức vụ Trưởng Ban ...": the post is "Trưởng Ban", not a "Vụ trưởng"
            cursor = match.start("role") + 3
            continue
        chain = parse_chain(text, match.start(), end, stops)
        if chain:
            chains.append(chain)
            cursor = chain[-1].end
        else:
            cursor = match.end()


def resolve_chain(chain: list[Title], ctx: PlaceContext, apposition: bool = False) -> list[Post]:
    """Bind every title of a chain to its full organisation, completing truncated ones from neighbours.

    ``apposition``: the chain follows its person after a comma or dash, so a title without organisation
    that runs into a verb ("Bà A, Phó Chủ tịch nước đánh giá ...") is still the person's post.
    """
    posts: list[Post] = []
    #: index of the title each post was read from, for the post's span
    owners: list[int] = []
    for i, title in enumerate(chain):
        owners += [i - 1] * (len(posts) - len(owners))
        role = title.role
        if title.country:
            posts.append(_foreign_post(title))
            continue
        named = _chain_province([t for t in chain if t.segment == title.segment])
        if title.org is None and title.sep_after in ("-", "–") and i + 1 < len(chain) and role.mode != "alone":
            # (a post with a body of its own keeps it: "Phó Thủ tướng – Bộ trưởng Ngoại giao")
            # "Phó Chủ tịch - Tổng Thư ký Ủy ban Trung ương MTTQ": both posts are in the same body
            title = replace(title, org=chain[i + 1].org)
        if role.mode == "member":
            member = _executive_member(role, named, ctx)
            if member is not None:
                posts.append(replace(member, status=title.status))
            continue
        if title.org is None or (title.org.head is None and not title.org.subs):
            if role.mode == "alone":
                if not title.closed and not apposition:
                    continue  # "..., Thủ tướng trân trọng mời": the title is a clause subject
                org = Org(role.alone_org, "agency", "central", "")
                # "Chủ tịch nước" and "Thường trực Ban Bí thư" already name their body; "Thủ tướng" does not.
                label = (
                    role.canonical
                    if role.alone_org in ("Nhà nước", "Quốc hội", "Ban Chấp hành Trung ương Đảng")
                    or role.alone_org.startswith(role.canonical.split(" ", 2)[-1])
                    else f"{role.canonical} {role.alone_org}"
                )
                posts.append(Post(label, role.canonical, org, title.status, implied=True))
            elif role.mode == "party":
                neighbour = _neighbour_head(chain, i, party_only=True) or _committee_of_unit(chain, i)
                if neighbour is not None:
                    org_or_none = resolve(OrgRef(0, 0, [], neighbour.head, neighbour.level, neighbour.place), ctx)
                    if org_or_none is not None:
                        posts.append(_post(role, org_or_none, title.status, None))
            continue
        ref = title.org
        if (
            named
            and not ref.place
            and ref.head is not None
            and (
                ref.head.canonical in ("Tỉnh ủy", "Tỉnh đoàn") or (ref.head.category == "local" and ref.level == "tỉnh")
            )
        ):
            # "nguyên Phó Bí thư Tỉnh ủy, nguyên Chủ tịch UBND tỉnh Khánh Hòa": the chain names its province
            ref = replace(ref, place=named)
        if ref.head is not None and _bare_party_committee(ref):
            body = _body_of_chain(chain, i, ctx)
            if body is not None:
                org = Org(f"Đảng ủy {body.name}", ref.head.kind, body.level, body.place, body, body.based_in)
                posts.append(_post(role, org, title.status, ref))
                continue
            # "Bí thư Đảng ủy, Chủ tịch UBND xã Y": the committee of the commune whose state body the chain
            # names (a district's or province's would be written Huyện ủy / Tỉnh ủy)
            unit = _committee_of_unit(chain, i)
            if unit is not None and unit.level in ("xã", "phường", "thị trấn"):
                committee = resolve(unit, ctx)
                if committee is not None:
                    posts.append(_post(role, committee, title.status, unit))
            continue
        inherit = None
        if ref.head is None and not ref.level:
            if not ref.open:
                continue  # "Trưởng Ban Tổ chức hội thi": a sub-unit of something unnamed, not truncated
            inherit = _neighbour_head(chain, i, party_only=False)
            if inherit is not None and inherit.head is not None and ref.subs:
                # "Phó Thủ trưởng Cơ quan Cảnh sát điều tra, Trưởng phòng Cảnh sát hình sự Công an tỉnh X": the
                # unit is in the body the department belongs to, not in the department
                parent = _parent_body(inherit.head)
                if parent is not None:
                    inherit = replace(inherit, head=parent)
        elif ref.head is not None and ref.head.category == "local" and not ref.level and not ref.place and i > 0:
            inherit = chain[i - 1].org
            if ref.head.canonical.startswith("Sở ") and _below_province(inherit):
                inherit = None  # "Bí thư Huyện ủy huyện X, Giám đốc Sở Tư pháp": a department is a province's
        resolved = resolve(ref, ctx, inherit)
        if resolved is None:
            continue
        post = _post(role, resolved, title.status, ref)
        posts.append(replace(post, implied=True) if title.implied else post)
    owners += [len(chain) - 1] * (len(posts) - len(owners))
    return [replace(post, span=(chain[o].start, chain[o].end)) for post, o in zip(posts, owners, strict=True)]


def _foreign_post(title: Title) -> Post:
    """The post of a foreign state, as the text titles it: "Thủ tướng Anh" (of the Chính phủ Anh),
    "Chủ tịch Quốc hội Lào". Its organisation has the state as its place and no Vietnamese level."""
    role, country = title.role, title.country
    head = title.org.head if title.org is not None else None
    body = head.canonical if head is not None else role.alone_org or "Chính phủ"
    org = Org(f"{body} {country}", head.kind if head is not None else "agency", "foreign", country)
    label = f"{role.canonical} {country}" if head is None else f"{role.canonical} {org.name}"
    return Post(label, role.canonical, org, title.status)


def _executive_member(role: Role, named: str, ctx: PlaceContext) -> Post | None:
    """ "Tỉnh ủy viên" in a Đồng Nai article: Ủy viên Ban Chấp hành Đảng bộ tỉnh Đồng Nai."""
    level_word = role.alone_org
    province = named or ctx.province_name
    if level_word == "tỉnh" and province and not ctx.is_city_province:
        place = province
    elif level_word == "thành phố" and ctx.is_city_province:
        place = province.removeprefix("Thành phố ")
    else:
        place = ctx.locality(level_word)  # a district's executive: only when the article names the district
    if not place:
        return None
    level = "province" if level_word == "tỉnh" or ctx.is_city_province else "district"
    org = Org(f"Ban Chấp hành Đảng bộ {level_word} {place}", "executive_committee", level, place)
    return Post(f"{role.canonical} {org.name}", role.canonical, org, CURRENT)


def _chain_province(chain: list[Title]) -> str:
    """The one province a chain names explicitly (by a province-level title), if any."""
    names = {
        t.org.place
        for t in chain
        if t.org is not None
        and t.org.place
        and t.org.head is not None
        and (t.org.head.canonical in ("Tỉnh ủy", "Tỉnh đoàn") or t.org.level == "tỉnh")
    }
    return names.pop() if len(names) == 1 else ""


#: The party committee of a local unit, by its level word.
_COMMITTEE_OF_LEVEL = {
    "tỉnh": ("Tỉnh ủy", ""),
    "thành phố": ("Thành ủy", ""),
    "huyện": ("Huyện ủy", ""),
    "quận": ("Quận ủy", ""),
    "thị xã": ("Thị ủy", ""),
    "xã": ("Đảng ủy", "xã"),
    "phường": ("Đảng ủy", "phường"),
    "thị trấn": ("Đảng ủy", "thị trấn"),
}


def _committee_of_unit(chain: list[Title], i: int) -> OrgRef | None:
    """The party committee of the unit a state body of the chain serves: "Phó Bí thư, Chủ tịch UBND huyện X"
    is the Phó Bí thư of Huyện ủy X (the leaders of a unit's people's committee sit in its party committee)."""
    ref = _neighbour_head(chain, i, party_only=False)
    if ref is None or ref.head is None or ref.head.category != "local" or not ref.place:
        return None
    committee = _COMMITTEE_OF_LEVEL.get(ref.level or "")
    if committee is None:
        return None
    head, level = committee
    return OrgRef(0, 0, [], units()[head], level, ref.place)


def _bare_party_committee(ref: OrgRef) -> bool:
    """ "Bí thư Đảng ủy" with no unit written: whose committee it is must come from the chain."""
    return ref.head is not None and ref.head.canonical == "Đảng ủy" and not ref.level and not ref.place and not ref.subs


def _body_of_chain(chain: list[Title], i: int, ctx: PlaceContext) -> Org | None:
    """The one body named in full that the chain's other posts head: "Bí thư Đảng ủy, Giám đốc Bệnh viện X"
    is the secretary of the party committee of that hospital (a unit's head usually leads its party cell).
    None when the chain heads no such body or several (then the committee is not determined)."""
    bodies = []
    for j, other in enumerate(chain):
        ref = other.org
        if j == i or ref is None or ref.head is None or ref.subs or other.role.mode == "member":
            continue
        if ref.head.kind in ("agency", "ministry"):
            # a department, hospital, school, company or ministry: its own party committee
            bodies.append((j, ref))
    if len(bodies) > 1:
        # "Bí thư Đảng ủy, Giám đốc Công ty A, Chủ tịch Công ty B": the body named right after the title
        bodies = [(j, ref) for j, ref in bodies if j > i][:1]
    if len(bodies) != 1:
        return None
    return resolve(bodies[0][1], ctx)


_DEPARTMENT = re.compile(r"(?:[Pp]hòng|[Kk]hoa|[Đđ]ội) ")


def _parent_body(head: Unit) -> Unit | None:
    """The body a department's name ends with ("phòng Cảnh sát hình sự Công an" is in "Công an"), if any."""
    if not _DEPARTMENT.match(head.canonical):
        return None
    pattern, table = unit_pattern(), units()
    for word in re.finditer(r"(?<= )\S", head.canonical):
        match = pattern.match(head.canonical, word.start())
        if match is not None and match.end() == len(head.canonical):
            return table[match.group(0)]
    return None


def _neighbour_head(chain: list[Title], i: int, party_only: bool) -> OrgRef | None:
    order = list(range(i + 1, len(chain))) + list(range(i - 1, -1, -1))
    for j in order:
        ref = chain[j].org
        if ref is not None and ref.head is not None and (not party_only or ref.head.category in _PARTY_HEADS):
            return ref
    return None


def _post(role: Role, org: Org, status: str, ref: OrgRef | None) -> Post:
    if role.mode == "shared":
        prefix = role.canonical[: _shared_split(role.canonical)].rstrip()
        label = f"{prefix} {org.name}"
    elif role.canonical == "Bí thư" and org.name == "Ban Chấp hành Trung ương Đảng":
        label = "Bí thư Trung ương Đảng"
    else:
        label = f"{role.canonical} {org.name}"
    return Post(label, role.canonical, org, status)


@dataclass
class Holding:
    person: PersonMention
    post: Post
    #: End of the text that names the person with this title (the title chain after the name, if any).
    mention_end: int = 0
    #: The person whose post this new holder takes ("giữ chức X thay ông B"): B held it before.
    succeeds: PersonMention | None = None


def assign(text: str, start: int, end: int, persons: list[PersonMention], ctx: PlaceContext) -> list[Holding]:
    """Every (person, post) stated in the sentence ``text[start:end]``."""
    stops = frozenset(p.start for p in persons)
    holdings: list[Holding] = []
    chains = find_chains(text, start, end, stops)
    # Persons already titled before their name ("Chủ tịch nước A, Thủ tướng trân trọng mời"): a bare title
    # after them and a comma opens the next clause rather than adding a post.
    titled = {
        p.start
        for chain in chains
        for p in persons
        if p.start >= chain[-1].end and _BEFORE_NAME_GAP.fullmatch(text, chain[-1].end, p.start)
    }
    untitled: set[int] = set()

    def titled_before(p: PersonMention) -> bool:
        """Titled before the name by a chain, or by a title in its list item the chains did not read ("nguyên
        Chủ tịch QH A, Phó Thủ tướng – Bộ trưởng Ngoại giao B": A's titles are before A's name, the chain after
        A is B's). Asked only where it matters: the search is costly."""
        if p.start in titled:
            return True
        if p.start in untitled:
            return False
        item = max(text.rfind(",", start, p.start), text.rfind(";", start, p.start), text.rfind(":", start, p.start))
        if item >= 0 and role_pattern().search(text, item + 1, p.start):
            titled.add(p.start)
            return True
        untitled.add(p.start)
        return False

    for chain in chains:
        cs, ce = chain[0].start, chain[-1].end
        # a person named inside a closed aside ("ông A (em rể ông B) là ...") is not the subject of the chain
        aside = "(" in text[start:cs]
        before = [p for p in persons if p.end <= cs and not (aside and _in_aside(text, start, p, cs))]
        after = [p for p in persons if p.start >= ce]
        prev = before[-1] if before and _AFTER_NAME_GAP.fullmatch(text, before[-1].end, cs) else None
        nxt = after[0] if after and _BEFORE_NAME_GAP.fullmatch(text, ce, after[0].start) else None
        if nxt is None and prev is None and after and _DASHED_BEFORE_NAME_GAP.fullmatch(text, ce, after[0].start):
            nxt = after[0]
        if nxt is None and prev is None and after and _ASIDE_BEFORE_NAME_GAP.fullmatch(text, ce, after[0].start):
            nxt = after[0]
        if nxt is None and prev is None and after and _COMMA_BEFORE_NAME_GAP.fullmatch(text, ce, after[0].start):
            # "Phó Chủ tịch UBND tỉnh, ông A cho biết"; "Trong thời gian giữ các cương vị X, Y, bà B ...": past
            nxt = after[0]
            if _PAST.search(text, start, cs):
                for title in chain:
                    title.status = FORMER
        targets: list[tuple[PersonMention, list[Title]]] = []
        colon = re.match(r"\s*:", text[ce : min(end, ce + 3)])
        if colon:
            for person in _list_members(text, ce + colon.end(), end, after):
                targets.append((person, chain))
        elif nxt is not None:
            # "A, T1, T2 B": the chain between two names is split between them, unless A's titles were
            # written before A's name ("Ủy viên Bộ Chính trị, Chủ tịch X A, Ủy viên Trung ương Đảng, Chủ
            # tịch Y B"): then A is complete and the whole chain is B's
            if prev is not None and len(chain) > 1 and text[prev.end : cs].strip() == "," and not titled_before(prev):
                targets.append((prev, chain[:-1]))
                targets.append((nxt, chain[-1:]))
            elif _LIST_CUE.search(text, max(start, cs - 20), cs):
                targets.extend((p, chain) for p in _name_list(text, nxt, after, end))
            else:
                targets.append((nxt, chain))
        elif prev is not None:
            if _UNREAD_NAME.match(text, ce, end) and titled_before(prev):
                # "Thủ tướng Đức A, Chủ tịch Trung Quốc Tập Cận Bình": A's titles came before A's name; this
                # one is followed by a name the person finder did not read, whose title it is
                continue
            if _REMOVED_BEFORE.search(text, max(start, prev.start - 50), prev.start) or _removed_after(
                text, ce, end, persons, chains
            ):
                # "ký quyết định cách chức đối với ông A, Trưởng công an xã": the post is taken from A here
                for title in chain:
                    if title.status == CURRENT:
                        title.status = FORMER
            targets.append((prev, chain))
        else:
            lead = text[max(start, (before[-1].end if before else start)) : cs]
            owner = after[0] if after and _FOR_PERSON_GAP.fullmatch(text, ce, after[0].start) else None
            head = text[start:cs]
            if owner is not None and (_RESIGN.search(head) or _APPOINT.search(head)):
                # the verb comes first, the post, then whose it is
                status = FORMER if _RESIGN.search(head) else NEW
                for title in chain:
                    title.status = status
                targets.append((owner, chain))
            elif before and ";" not in lead:
                # an aside in brackets does not come between a subject and its copula: "ông A (cháu ông B) là ..."
                copula = _IS.fullmatch(_ASIDE.sub(" ", lead))
                if _PAST.search(lead) or (copula and _PAST_OPENING.match(text, start, cs)) or _RESIGN.search(lead):
                    for title in chain:
                        title.status = FORMER
                    targets.append((before[-1], chain))
                elif (
                    copula
                    or _HOLDING_NOW.search(lead)
                    or (_HOLDS_VERB.fullmatch(lead) and _PRESENT.search(text, start, before[-1].start))
                ):
                    targets.append((before[-1], chain))  # "ông A là Chủ tịch UBND tỉnh": a post held now
                elif _APPOINT.search(lead) or (_APPOINT_TAIL.search(lead) and _APPOINT_VERB.search(text, start, cs)):
                    for title in chain:
                        if title.status == CURRENT:
                            title.status = NEW
                    targets.extend((p, chain) for p in _listed_before(text, start, before))
        if not targets:
            continue
        for person, titles in targets:
            mention_end = max(person.end, titles[-1].end)
            apposition = person is prev and not titled_before(person)
            # "A giữ chức X thay ông B": B held X before A
            replaced = _replaced(text, titles[-1].end, end, after) if titles[-1].status == NEW else None
            for post in resolve_chain(titles, ctx, apposition=apposition):
                if post.implied and post.org.level == "central" and not looks_vietnamese(person.name, surnames()):
                    continue  # "Thủ tướng Shinzo Abe", "Bộ trưởng Quốc phòng James Mattis": not Vietnam's
                succeeds = replaced if replaced is not None and post.status == NEW else None
                holdings.append(Holding(person, post, mention_end, succeeds))
                if succeeds is not None:
                    holdings.append(Holding(succeeds, replace(post, status=FORMER), succeeds.end))
    if holdings and "hấp hành" in text[start:end]:
        holdings += _joined_committees(text, end, persons, holdings)
    return holdings


#: "chỉ định đồng chí A tham gia Ban Chấp hành, Ban Thường vụ ... và giữ chức Bí thư Quận ủy X": A becomes a
#: member of the executive and standing committees of the party committee he is appointed to lead.
_JOINS = re.compile(
    r"\s*,?\s*(?:tham gia|vào)\s+[Bb]an [Cc]hấp hành(?:\s+Đảng bộ(?:\s+\w+)?)?\s*(?:,|và)\s*[Bb]an [Tt]hường vụ"
)
#: Party committees by the level word of their Đảng bộ.
_PARTY_LEVEL = {"Tỉnh ủy": "tỉnh", "Thành ủy": "thành phố", "Quận ủy": "quận", "Huyện ủy": "huyện", "Thị ủy": "thị xã"}


def _joined_committees(text: str, end: int, persons: list[PersonMention], found: list[Holding]) -> list[Holding]:
    out: list[Holding] = []
    for person in persons:
        own = [h for h in found if h.person is person]
        # right after the name, or after the titles that follow it
        joined = next(
            (m for pos in sorted({person.end, *(h.mention_end for h in own)}) if (m := _JOINS.match(text, pos, end))),
            None,
        )
        if joined is None:
            continue
        led = next(
            (
                h.post.org
                for h in own
                if h.post.status == NEW and h.post.org.name.startswith(tuple(_PARTY_LEVEL)) and h.post.org.place
            ),
            None,
        )
        if led is None:
            continue
        level_word = _PARTY_LEVEL[led.name.split(" ", 2)[0] + " " + led.name.split(" ", 2)[1]]
        executive = Org(
            f"Ban Chấp hành Đảng bộ {level_word} {led.place}", "executive_committee", led.level, led.place, parent=led
        )
        standing = Org(f"Ban Thường vụ {led.name}", "standing_committee", led.level, led.place, parent=led)
        for org in (executive, standing):
            out.append(Holding(person, Post(f"Ủy viên {org.name}", "Ủy viên", org, NEW), joined.end()))
    return out


#: "..., ông A, Bí thư Đảng ủy xã; B, Phó Chủ tịch HĐND xã cũng bị cách chức": the list's posts are taken away.
_REMOVED_AFTER = re.compile(
    r"\s*(?:(?:cũng|đều|đã|cùng)\s+)*bị\s+(?:kỷ luật\s+(?:bằng hình thức\s+)?)?(?:cách chức|miễn nhiệm|bãi nhiệm)"
)
_LIST_GLUE = re.compile(r"[\s,;]*(?:(?:và|ông|bà|đồng chí)\b[\s,;]*)*")


def _removed_after(text: str, pos: int, end: int, persons: list[PersonMention], chains: list[list[Title]]) -> bool:
    """Is the item ending at ``pos`` part of a list of persons with their posts that a removal verb closes?"""
    spans = sorted(
        [(p.start, p.end) for p in persons if p.start >= pos]
        + [(c[0].start, c[-1].end) for c in chains if c[0].start >= pos]
    )
    cursor = pos
    while True:
        if _REMOVED_AFTER.match(text, cursor, end):
            return True
        glue = _LIST_GLUE.match(text, cursor, end)
        cursor = glue.end() if glue else cursor
        if _REMOVED_AFTER.match(text, cursor, end):
            return True
        nxt = next((span for span in spans if span[0] == cursor), None)
        if nxt is None:
            return False
        cursor = nxt[1]


#: "thay (thế/cho) ông B", "kế nhiệm ông B", also after the date of the appointment ("ngày 20/10, thay ông B").
_REPLACES = re.compile(
    r"\s*(?:,?\s*(?:(?:kể\s+)?từ\s+)?ngày\s+\d{1,2}\s*[-/.]\s*\d{1,2}(?:\s*[-/.]\s*\d{4})?)?"
    r"\s*,?\s*(?:để\s+)?(?:thay|kế nhiệm)\s+(?:thế\s+)?(?:cho\s+)?(?:ông|bà|đồng chí|đ/c)?\s*"
)


def _replaced(text: str, pos: int, end: int, after: list[PersonMention]) -> PersonMention | None:
    """The person named right after "thay (ông)" at ``pos``: the one whose post the new holder takes."""
    gap = _REPLACES.match(text, pos, end)
    if not gap or not re.search(r"thay|kế nhiệm", gap.group(0)):
        return None
    return next((p for p in after if p.start == gap.end()), None)


#: "Các ông A, ông B, ông C giữ chức ...": a list of names that is the subject of the verb.
_LIST_OPENING = re.compile(r"(?:[Cc]ác|[Hh]ai|[Bb]a|[Bb]ốn|[Nn]ăm)\s+(?:ông|bà|đồng chí|đ/c)\s*$")
_LIST_JOIN = re.compile(r"\s*(?:,|và|,\s*và)\s*(?:ông|bà|đồng chí|đ/c)?\s*")


def _listed_before(text: str, start: int, before: list[PersonMention]) -> list[PersonMention]:
    """The person right before a verb, with those listed with them after a list opening ("Các ông A, ông B
    và ông C giữ chức ..."); only the last one without such an opening."""
    listed = [before[-1]]
    for person in reversed(before[:-1]):
        if not _LIST_JOIN.fullmatch(text, person.end, listed[0].start):
            break
        listed.insert(0, person)
    if len(listed) > 1 and _LIST_OPENING.search(text, max(start, listed[0].start - 20), listed[0].start):
        return listed
    return [before[-1]]


def _in_aside(text: str, start: int, person: PersonMention, until: int) -> bool:
    opened = text.rfind("(", max(start, person.start - 60), person.start)
    return opened >= 0 and ")" not in text[opened : person.start] and ")" in text[person.end : until]


def _list_members(text: str, pos: int, end: int, after: list[PersonMention]) -> list[PersonMention]:
    """Persons heading the items of a list "A, ...; B, ...; C, ..." that starts at ``pos``."""
    members: list[PersonMention] = []
    cursor = pos
    by_start = {p.start: p for p in after}
    while cursor < end:
        lead = _ITEM_LEAD.match(text, cursor, end)
        at = lead.end() if lead else cursor
        first = by_start.get(at)
        bare = first is not None
        if first is None:
            # "Ủy viên Bộ Chính trị: Phó Thủ tướng Trương Hòa Bình; ...": a title before the item's name
            stops = frozenset(by_start)
            chain = parse_chain(text, at, end, stops)
            if chain:
                name_at = _ITEM_LEAD.match(text, chain[-1].end, end)
                first = by_start.get(name_at.end() if name_at else chain[-1].end)
        if first is None:
            break
        names = _name_list(text, first, after, end)
        first_item = not members
        members.extend(names)
        semicolon = text.find(";", first.end, end)
        if semicolon < 0:
            break
        if first_item and bare and not text[names[-1].end : semicolon].strip(" .…"):
            # "nguyên Chủ tịch nước: A, B; Thủ tướng C; ...": a list of bare names ends the shared title's
            # reach at its semicolon; the items after it are other people with their own titles
            break
        cursor = semicolon + 1
    return members


def _name_list(text: str, first: PersonMention, after: list[PersonMention], end: int) -> list[PersonMention]:
    """``first`` and the names joined to it by commas or "và" ("A, B và C")."""
    names = [first]
    for person in after:
        if person.start <= names[-1].start:
            continue
        gap = text[names[-1].end : person.start]
        if re.fullmatch(r"\s*(?:,|và|,\s*và)\s*(?:đồng chí\s+|ông\s+|bà\s+)?", gap):
            names.append(person)
        else:
            break
    return names
