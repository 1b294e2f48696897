"""Documents: resolutions, directives, conclusions, schemes, plans and laws, and who issued them.

A document is a kind word with a number ("Đề án số 17", "Nghị quyết 25-NQ/TW", "Kế hoạch số 83-KH/TU")
or with a proper name ("Kế hoạch phát huy vai trò ...", "Luật thực hiện dân chủ ở cơ sở năm 2022").
Generic mentions ("các nghị quyết, chỉ thị") are not documents. The issuer is the body after "của",
the body that "ban hành" (issues) or carries it out in the same clause, or follows from the number's
suffix (NQ/TW -> Ban Chấp hành Trung ương Đảng); laws are issued by the Quốc hội.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from danvan.loaders.organizations import Org, find_orgs, parse_org, resolve
from danvan.loaders.persons import LOWER

if TYPE_CHECKING:
    from danvan.loaders.context import Context, Sentence

KINDS = {
    "nghị quyết": "nghị quyết",
    "chỉ thị": "chỉ thị",
    "kết luận": "kết luận",
    "quyết định": "quyết định",
    "đề án": "đề án",
    "kế hoạch": "kế hoạch",
    "chương trình hành động": "chương trình",
    "quy chế": "quy chế",
    "quy định": "quy định",
    "hướng dẫn": "hướng dẫn",
    "nghị định": "nghị định",
    "thông tư": "thông tư",
    "luật": "luật",
}
_KIND = (
    r"Nghị quyết|Chỉ thị|Kết luận|Quyết định|Đề án|Kế hoạch|Chương trình hành động|Quy chế|Quy định|Hướng dẫn|"
    r"Nghị định|Thông tư"
)
_NUMBERED = re.compile(
    rf"(?<![\w])(?P<kind>{_KIND.lower()}|{_KIND})\s+(?:số\s+)?"
    # "29- CT/TU", "40 – CT/TW", "67/2014 NĐ-CP": the issuer's code written apart from the number
    rf"(?P<number>\d+[a-z]?(?:/(?:19|20)\d\d)?(?:\s?[-–]\s|\s[-–]?\s?)[A-ZĐ]{{2,}}(?:[-/][\w.&Đđ]+)+"
    rf"|\d+[a-z]?(?:[-/][\w.&Đđ]+)+|(?<=số )\d+[a-z]?)(?![\w/])"
    rf"|(?<![\w])(?P<kind2>{_KIND})\s+số\s+(?P<number2>\d+)(?![\w/])",
)
_NAMED = re.compile(
    r"(?<![\w])(?P<kind>Nghị quyết|Chỉ thị|Kết luận|Quyết định|Đề án|Kế hoạch|Chương trình hành động)\s+"
    rf"(?P<name>[{LOWER}][^,;.:()]*)"
)
_LAW = re.compile(
    r"(?<![\w])Luật\s+(?P<name>[^,;.:()\d]{3,90}?)(?:\s+(?:năm\s+)?(?P<year>(?:19|20)\d\d))?"
    r"(?=\s+gắn|\s+và|[,;.:()]|\s+của|\s*$)"
)
_NOT_A_NAME = re.compile(r"^(?:của|này|đó|trên|số|và|với|về|được|đã|đề ra|trong|năm|tới|hành động của)\b")
_YEAR = re.compile(r"(?:năm\s+|/)((?:19|20)\d\d)(?!\d)")
_SUFFIX_ISSUERS = [
    (re.compile(r"-(?:CT|QĐ|KL|TB)/(?:TW|TƯ)$"), "Ban Bí thư Trung ương Đảng"),
    (re.compile(r"/(?:HN)?(?:TW|TƯ)$"), "Ban Chấp hành Trung ương Đảng"),
    (re.compile(r"/QH\d*$"), "Quốc hội"),
    (re.compile(r"(?:/|-)(?:NĐ-)?CP$"), "Chính phủ"),
    (re.compile(r"/(?:QĐ|CT)-TTg$"), "Thủ tướng Chính phủ"),
]
_ISSUE_VERB = re.compile(
    r"^\s*(?:đã\s+)?(?:chủ trì,?\s+)?(?:ban hành|triển khai(?:\s+có hiệu quả|\s+thực hiện)?|"
    r"xây dựng|thực hiện)\s*$"
)


_CHEAP = re.compile(
    r"Nghị|Chỉ thị|Kết luận|Quyết định|Đề án|Kế hoạch|Luật|Chương trình|Quy|Hướng dẫn|Thông tư|"
    r"nghị quyết|chỉ thị|kết luận|quyết định|đề án|kế hoạch"
)


def find_documents(ctx: Context) -> None:
    cheap = _CHEAP
    for sentence in ctx.sentences:
        if not cheap.search(ctx.text, sentence.start, sentence.end):
            continue
        text = sentence.text
        taken: list[tuple[int, int]] = []
        for match in _NUMBERED.finditer(text):
            kind = KINDS[(match.group("kind") or match.group("kind2")).lower()]
            number = _joined_number(match.group("number") or match.group("number2"))
            if re.fullmatch(r"(?:19|20)\d\d", number):
                continue
            year = _YEAR.search(text, match.end(), min(len(text), match.end() + 12)) or _YEAR.search(number)
            issuer = _issuer(ctx, sentence, match.start(), match.end(), number)
            _document(
                ctx,
                sentence,
                kind,
                f"{match.group(0)[0].upper()}{match.group(0)[1:]}",
                number,
                int(year.group(1)) if year else None,
                issuer,
            )
            taken.append((match.start(), match.end()))
        for match in _LAW.finditer(text):
            name = f"Luật {match.group('name').strip()}"
            law_year = match.group("year")
            if law_year:
                name = f"{name} năm {law_year}"
            _document(
                ctx,
                sentence,
                "luật",
                name,
                None,
                int(law_year) if law_year else None,
                Org("Quốc hội", "legislature", "central", ""),
            )
            taken.append((match.start(), match.end()))
        for match in _NAMED.finditer(text):
            if match.start() == 0 or any(s <= match.start() < e for s, e in taken):
                continue
            name = match.group("name").strip()
            if _NOT_A_NAME.match(name) or len(name) < 8:
                continue
            name = re.split(r"\s+(?:của|về việc|gắn với|trên địa bàn)\s+", name)[0]
            kind = KINDS[match.group("kind").lower()]
            issuer = _issuer(ctx, sentence, match.start(), match.end(), "")
            _document(ctx, sentence, kind, f"{match.group('kind')} {name}", None, None, issuer)


_APART = re.compile(r"\s*[-–]\s*|\s+")


def _joined_number(number: str) -> str:
    """A number as documents write it: "29- CT/TU" -> "29-CT/TU", "67/2014 NĐ-CP" -> "67/2014/NĐ-CP"."""
    number = number.rstrip(".")  # "20/QĐ-UBND." ends its sentence
    apart = _APART.search(number)
    if apart is None:
        return number
    joiner = "-" if apart.group(0).strip() else "/"
    return number[: apart.start()] + joiner + number[apart.end() :]


def _issuer(ctx: Context, sentence: Sentence, start: int, end: int, number: str) -> Org | None:
    text = sentence.text
    stops = frozenset(p.start - sentence.start for p in sentence.persons)
    of = re.match(r"\s+(?:[^,;.\"“]{0,80}?\s)??của\s+", text[end:]) if number else re.match(r"\s+của\s+", text[end:])
    if of:
        ref = parse_org(text, end + of.end(), len(text), stops)
        if ref is not None:
            org = resolve(ref, ctx.places)
            if org is not None:
                return org
    for pattern, name in _SUFFIX_ISSUERS:
        if pattern.search(number):
            return Org(name, "party_committee" if "Đảng" in name else "government", "central", "")
    if "/TU" in number and ctx.places.province_name:
        return Org(f"Tỉnh ủy {ctx.places.province_name}", "party_committee", "province", ctx.places.province_name)
    suffix = _BODY_SUFFIX.search(number)
    if suffix:
        named = _named_body(ctx, _BODY_OF_SUFFIX[suffix.group(1)])
        if named is not None:
            return named
    for ref in reversed(find_orgs(text, 0, start, stops)):
        gap = text[ref.end : start]
        if _ISSUE_VERB.match(gap):
            return resolve(ref, ctx.places)
        break
    return None


#: A number's suffix abbreviates the issuing body ("45-KH/BCĐ": a Ban Chỉ đạo, "12-KH/BDV": a Ban Dân vận). The
#: body itself is the one of that kind the article names, when it names exactly one.
_BODY_OF_SUFFIX = {
    "BCĐ": "Ban Chỉ đạo",
    "BDV": "Ban Dân vận",
    "BTGDV": "Ban Tuyên giáo và Dân vận",
    "MTTQ": "Ủy ban Mặt trận Tổ quốc",
}
_BODY_SUFFIX = re.compile(r"/(" + "|".join(_BODY_OF_SUFFIX) + r")$")


def _named_body(ctx: Context, prefix: str) -> Org | None:
    if prefix == "Ban Chỉ đạo":
        return ctx.places.steering
    found: dict[str, Org] = {}
    for sentence in ctx.sentences:
        if prefix not in sentence.text:
            continue
        stops = frozenset(p.start - sentence.start for p in sentence.persons)
        for ref in find_orgs(sentence.text, 0, len(sentence.text), stops):
            org = resolve(ref, ctx.places)
            if org is not None and org.name.startswith(prefix) and org.level != "central":
                found[org.name] = org
    return next(iter(found.values())) if len(found) == 1 else None


def _document(
    ctx: Context, sentence: Sentence, kind: str, name: str, number: str | None, year: int | None, issuer: Org | None
) -> None:
    issuer_name = issuer.name if issuer else ""
    key_tail = number if number else (name if kind == "luật" else "")
    key = f"{kind}|{key_tail}|{issuer_name}|{year or ''}"
    if not number and kind != "luật" and not issuer_name:
        key = f"{ctx.doc.id}|{kind}|{name}"
    seen = ctx.notes.setdefault("documents", set())
    dedupe = (kind, number or "", issuer_name) if (number or issuer_name) else (kind, " ".join(name.split()[:3]))
    if dedupe in seen:
        return
    seen.add(dedupe)
    doc_id = ctx.entity("Document", key, name, kind=kind, number=number, year=year)
    if issuer is not None:
        ctx.fact("ISSUED", ctx.org(issuer, sentence), doc_id, sentence)
    events = ctx.notes.get("events", [])
    if events and re.search(r"nhằm|triển khai|thực hiện|quán triệt", sentence.text):
        from danvan.loaders.events import KIND_RE

        mention = KIND_RE.search(sentence.text)
        if mention:
            for event in events:
                if event.kind == mention.group(0).lower():
                    ctx.fact("IMPLEMENTS", event.entity_id, doc_id, sentence)
