"""Campaigns and programmes ("Dân vận khéo", "Năm dân vận chính quyền 2019", quoted movement names),
who runs them and the figures reported for them.

Figures: "Bắc Giang đã có 4.235 mô hình "Dân vận khéo", trong đó 1.372 mô hình trong lĩnh vực kinh tế,
..." gives RUNS(Bắc Giang -> Dân vận khéo) with value 4235, unit "mô hình" and the breakdown
"kinh tế: 1372; ...". Numbers are in Vietnamese format: "." groups thousands, "," marks decimals.
The runner is a place named before the figure in the sentence, else the article's place.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from danvan.loaders.organizations import find_orgs, locality_kind, resolve

if TYPE_CHECKING:
    from danvan.loaders.context import Context, Sentence

#: Named campaigns: (pattern, canonical name, kind). Matched case-sensitively on the first letter
#: (lower-case "dân vận khéo" is the common noun "skilful mobilisation", not the movement).
KNOWN: list[tuple[str, str, str]] = [
    (r"Dân vận khéo", "Dân vận khéo", "movement"),
    (r"Năm dân vận chính quyền", "Năm dân vận chính quyền", "year"),
    (
        r"Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "campaign",
    ),
    (
        r"Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
        "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
        "campaign",
    ),
    (r"Toàn dân đoàn kết xây dựng đời sống văn hó?oá?", "Toàn dân đoàn kết xây dựng đời sống văn hóa", "movement"),
    (r"Người Việt Nam ưu tiên dùng hàng Việt Nam", "Người Việt Nam ưu tiên dùng hàng Việt Nam", "campaign"),
    (r"Ngày vì người nghèo", "Ngày vì người nghèo", "campaign"),
    (r"Cả nước chung tay vì người nghèo[^\"”]*", "Cả nước chung tay vì người nghèo", "movement"),
    (r"Vì người nghèo", "Vì người nghèo", "campaign"),
]
_KNOWN_RE = re.compile("|".join(f"(?P<k{i}>{p})" for i, (p, _, _) in enumerate(KNOWN)))
#: A quoted name is a campaign only after a cue. A bare "chương trình" names TV shows, concerts and charity
#: nights far more often ("chương trình "Ai là triệu phú?""): it counts only when qualified as a mobilisation
#: programme ("chương trình hành động", "chương trình phối hợp") or when the name itself speaks of one.
_QUOTED = re.compile(
    r"(?=[PpCcMm])(?P<cue>[Pp]hong trào(?: thi đua)?|[Cc]uộc vận động|[Mm]ô hình|"
    r"[Cc]hương trình(?P<qualified> (?:hành động|phối hợp|mục tiêu(?: quốc gia)?|thi đua|vận động|"
    r"an sinh(?: xã hội)?))?)"
    r"\s*[\"“](?P<name>[^\"”]{3,120})[\"”]"
)
_MOBILISATION = re.compile(
    r"(?i:chung tay|nông thôn mới|dân vận|người nghèo|giảm nghèo|đền ơn đáp nghĩa|an sinh|toàn dân|đoàn kết|"
    r"thi đua|vận động|văn minh|làm theo)"
)
_YEAR_AFTER = re.compile(r"^[\"”]?\s*(?:năm\s+)?((?:19|20)\d\d)(?!\d)")
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
#: Activities counted in "cuộc": "2.146 cuộc đối thoại", "312 cuộc tiếp xúc, đối thoại".
_MEETINGS = r"tiếp xúc|đối thoại|họp|gặp mặt|tuyên truyền|vận động|hội nghị|hội thảo|tọa đàm|kiểm tra|giám sát"
#: A unit is the counted noun as written, with a paired noun kept ("1.150 công trình, phần việc": one count of
#: works and tasks together) and land given as land ("12.500 m2 đất").
UNITS = (
    rf"cuộc (?:{_MEETINGS})(?:,? (?:và )?(?:{_MEETINGS}))?|công trình, phần việc|"
    r"mô hình|điển hình|tập thể|cá nhân|công trình|phần việc|sáng kiến|đơn vị|hộ|người|lượt người|"
    r"tỷ đồng|triệu đồng|km|ngày công|m2 đất|m2"
)
#: A figure just before the name, or before the movement it was done in: "1.150 công trình, phần việc thanh
#: niên trong phong trào "Tuổi trẻ ..."" (up to three words may qualify the unit).
_FIGURE_BEFORE = re.compile(
    rf"(?P<num>{NUMBER})\s+(?P<unit>{UNITS})(?![\w])"
    r"(?:(?: [^\W\d]+){0,3} (?:trong|của|thuộc) (?:phong trào(?: thi đua)?|cuộc vận động|chương trình))?"
    r"\s*[\"“]?\s*$"
)
#: A figure later in the same clause: "... "Dân vận khéo" ở vùng cao đã có 1.862 mô hình" (not "có thêm":
#: an increment is not the total).
_FIGURE_AFTER = re.compile(
    rf"^[\"”]?(?:[^;.!?]|\.(?=\d)){{0,90}}?(?:với|có|gồm|đạt|là|xây dựng được|công nhận|tổ chức|thực hiện|hiến)\s+"
    rf"(?:trên\s+|hơn\s+|gần\s+|tổng số\s+)?(?P<num>{NUMBER})\s+(?P<unit>{UNITS})(?![\w])"
)
#: "... nâng tổng số mô hình toàn tỉnh lên 9.318".
_TOTAL_AFTER = re.compile(
    rf"^[\"”]?(?:[^;.!?]|\.(?=\d)){{0,120}}?tổng số (?P<unit>{UNITS})[^;.!?\d]{{0,40}}?"
    rf"(?:lên|là|đạt)\s+(?P<num>{NUMBER})(?![\d])"
)
_BREAKDOWN = re.compile(r"^[\"”]?\s*,?\s*trong đó\s*:?\s*(?P<items>(?:[^.;]|\.(?=\d))+)")
_ITEM = re.compile(
    rf"^\s*(?P<num>{NUMBER})\s+(?P<unit>{UNITS})\s+(?:(?:trong|thuộc|ở)\s+)?(?:các\s+)?"
    rf"(?:lĩnh vực\s+)?(?P<label>.+?)\s*$"
)


def parse_number(text: str) -> float:
    """Vietnamese number format: '4.235' -> 4235, '1,5' -> 1.5."""
    return float(text.replace(".", "").replace(",", "."))


def _value(text: str) -> float | int:
    number = parse_number(text)
    return int(number) if number.is_integer() else number


#: A cheap test of whether an article names a known campaign (a quoted name needs a quotation mark).
_CHEAP_KNOWN = re.compile(
    r"Dân vận khéo|Năm dân vận|Học tập và làm theo|Toàn dân đoàn kết|ưu tiên dùng hàng|người nghèo"
)


def find_campaigns(ctx: Context) -> None:
    text = ctx.text
    named = _CHEAP_KNOWN.search(text) is not None
    cued = "“" in text or '"' in text
    if not named and not cued:
        return
    known = ctx.by_sentence(_KNOWN_RE) if named else {}
    quoted = ctx.by_sentence(_QUOTED) if cued else {}
    headline: tuple[str, str] | None = None
    for index in sorted(set(known) | set(quoted)):
        sentence = ctx.sentences[index]
        base = sentence.start
        found: list[tuple[int, int, str, str]] = []
        for match in known.get(index, []):
            which = int(next(k for k, v in match.groupdict().items() if v is not None)[1:])
            _, name, kind = KNOWN[which]
            end = match.end() - base
            if kind == "year":
                year = _YEAR_AFTER.match(sentence.text[end:])
                if year:
                    name = f"{name} {year.group(1)}"
            found.append((match.start() - base, end, name, kind))
        for match in quoted.get(index, []):
            if any(s <= match.start("name") - base < e for s, e, _, _ in found):
                continue
            name = match.group("name").strip()
            if not name[:1].isupper() or _KNOWN_RE.match(name):
                continue
            cue = match.group("cue").lower()
            if cue.startswith("chương") and not match.group("qualified") and not _MOBILISATION.search(name):
                continue
            kind = {"chương": "programme", "cuộc": "campaign", "mô": "model"}.get(cue.split(" ")[0], "movement")
            found.append((match.start("name") - base, match.end() - base, name, kind))
        for start, end, name, kind in found:
            _campaign(ctx, sentence, start, end, name, kind)
        if sentence.is_title and found and headline is None:
            headline = (found[0][2], found[0][3])
    if headline is not None:
        # An article headlined with a campaign ("Sơ kết 5 năm thực hiện chủ đề "Năm dân vận chính quyền"")
        # reports its results in sentences that no longer repeat the name: "Theo báo cáo, sau 5 năm, ... đã
        # tổ chức 2.146 cuộc đối thoại". Only such report sentences, naming no campaign themselves, count.
        for index, sentence in enumerate(ctx.sentences):
            if sentence.is_title or index in known or index in quoted or not _REPORT.match(sentence.text):
                continue
            if _FIGURE_AFTER.match(sentence.text) or _TOTAL_AFTER.match(sentence.text):
                _campaign(ctx, sentence, 0, 0, *headline)


def _campaign(ctx: Context, sentence: Sentence, start: int, end: int, name: str, kind: str) -> None:
    campaign_id = ctx.entity("Campaign", name, name, kind=kind)
    text = sentence.text
    figure = _FIGURE_BEFORE.search(text[max(0, start - 100) : start])
    tail_from = end
    if figure is None:
        figure = _TOTAL_AFTER.match(text[end:]) or _FIGURE_AFTER.match(text[end:])
        if figure is not None:
            tail_from = end + figure.end()
    props: dict[str, object] = {}
    if figure is not None:
        props = {"value": _value(figure.group("num")), "unit": figure.group("unit"), "as_of": ctx.doc.published}
        breakdown = _BREAKDOWN.match(text[tail_from:])
        if breakdown:
            parts = []
            for item in breakdown.group("items").split(","):
                part = _ITEM.match(item)
                if part:
                    parts.append(f"{part.group('label')}: {_value(part.group('num'))}")
            if parts:
                props["breakdown"] = "; ".join(parts)
    existing = [f for f in ctx.facts if f.type == "RUNS" and f.object == campaign_id]
    if figure is None and existing:
        return  # (before the runner: finding it may add its organisation to the graph)
    runner = _runner(ctx, sentence, start if figure is None else min(start, max(0, start - 40)))
    if runner is None:
        return
    for fact in existing:
        if figure is not None and fact.subject == runner:
            if _better(props, fact.properties):
                fact.properties.clear()
                fact.properties.update({k: v for k, v in props.items() if v is not None})
            return
    ctx.fact("RUNS", runner, campaign_id, sentence, **props)


def _better(new: dict[str, object], old: dict[str, object]) -> bool:
    """Whether a newly found figure should replace the one kept: the total count of models wins."""
    if "value" not in old:
        return True
    if new.get("unit") == old.get("unit"):
        return float(new["value"]) > float(old["value"])  # type: ignore[arg-type]
    return new.get("unit") == "mô hình"


_REPORT = re.compile(r"(?:Theo báo cáo|(?:Sau|Qua) (?:\d+|một|hai|ba|bốn|năm|mười) năm)(?![\w])")
_BARE_DISTRICT = re.compile(r"(?:trong|toàn|của|cả|khắp) (?P<level>huyện|quận|thị xã)(?! [A-ZĐ])(?![\w])")


#: "diễn ra tại Nhà hát Lớn Hà Nội": where an event took place, not who runs the campaign.
_VENUE = re.compile(r"\btại [^,;]{0,25}$")
_CENTRAL_ACTOR = re.compile(
    r"Ban Bí thư|Bộ Chính trị|Chính phủ|Thủ tướng|Quốc hội|Quân ủy|Bộ Quốc phòng|Bộ Công an|Bộ Y tế|"
    r"Bảo hiểm xã hội Việt Nam|BHXH Việt Nam|Ủy ban Trung ương|UBTƯ|UBTW|Trung ương Đảng|Ban Chấp hành Trung ương"
)


def _runner(ctx: Context, sentence: Sentence, before: int) -> str | None:
    """A province named before the figure, else the article's city or province."""
    mentions = [
        m
        for m in ctx.place_mentions
        if sentence.start <= m[0] <= m[1] <= sentence.start + before
        and not _VENUE.search(ctx.text, max(0, m[0] - 30), m[0])
    ]
    if len({m[2].name for m in mentions}) > 1:
        return None  # "mô hình ... (Nam Định, Thanh Hóa, ...), mô hình "..." của Đà Lạt": whose is a guess
    if mentions:
        unit = mentions[0][2]
        return ctx.place(unit.name, unit.kind, unit.name, sentence)
    runner = _mass_organisation(ctx, sentence, before)
    if runner is not None:
        return runner
    if _CENTRAL_ACTOR.search(sentence.text):
        # "Ban Bí thư ban hành Chỉ thị ... với cuộc vận động ...", "BHXH Việt Nam và Bộ Y tế phối hợp tổ chức
        # Chương trình ...": a central body acts here, not the province the article is about
        return None
    province = ctx.places.province_name
    # "người dân trong huyện đã hiến ...": a bare level word is the article's own district, which runs it.
    for bare in _BARE_DISTRICT.finditer(sentence.text):
        district = ctx.places.locality(bare.group("level"))
        if district:
            level = bare.group("level")
            return ctx.place(f"{level} {district}", "town" if level == "thị xã" else "district", province, sentence)
    if ctx.doc.locality:
        return ctx.place(ctx.doc.locality, locality_kind(ctx.doc.locality), province, sentence)
    if province:
        return ctx.place(province, ctx.places.province.kind if ctx.places.province else "province", province, sentence)
    return None


def _mass_organisation(ctx: Context, sentence: Sentence, before: int) -> str | None:
    """The front or mass organisation the sentence names before the campaign, if it names only one:
    "Chủ tịch Hội Nông dân huyện A cho hay: Hội Nông dân ... triển khai cuộc vận động "..."" is run by the
    district's farmers' union, not by the district. Two different ones leave it to the place."""
    stops = frozenset(p.start - sentence.start for p in sentence.persons)
    refs = [
        ref
        for ref in find_orgs(sentence.text, 0, before, stops)
        if ref.head is not None and ref.head.kind in ("association", "front") and not ref.subs
    ]
    if not refs or len({ref.head.canonical for ref in refs if ref.head is not None}) != 1:
        return None
    # the mention that names its unit ("Hội Nông dân huyện") binds it best
    ref = next((r for r in refs if r.level or r.place), refs[0])
    org = resolve(ref, ctx.places)
    return ctx.org(org, sentence) if org is not None else None
