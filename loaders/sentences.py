"""Rule-based sentence splitting for Vietnamese news, in offsets (fast: one regex scan per block).

Rules, in the order they matter:

- A line break always ends a sentence, so a line without final punctuation (a photo caption, a list
  item) is a sentence of its own; the exception is a hard-wrapped paragraph: a line that does not end
  in punctuation and is followed by a line starting with a lower-case letter continues on it.
- A sentence ends at '.', '!', '?', '...', '…' or the official-style './.' (with closing quotes or
  brackets kept inside) when whitespace and a sentence start (upper-case letter, digit, opening quote,
  bracket or dash) follow. Numbers ("4.235", "19/6/2024", "75.000 m2") never break: no space follows.
- A single '.' after an abbreviation (TP., Tp., ThS., TS., PGS., GS., TX., BS., ...), a single
  capital (initials, Q. 1, P. 5) or a list number opening the sentence ("2. Tiếp tục") does not end
  a sentence. "v.v." ends one only when a capitalised word
  follows.
- Semicolons and colons never end a sentence: "A; B; C" lists stay whole.
- Scraped text that lost a space ("tỉnh.Đồng chí") is split when a lower-case word ends at the dot and
  a capitalised word starts right after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from danvan.graph import places
from danvan.loaders.document import Span

ABBREVIATIONS = frozenset(
    {
        "TP", "Tp", "tp", "ThS", "Ths", "TS", "Ts", "PGS", "GS", "BS", "Bs", "KS", "TX", "Tx", "NSƯT", "NSND",
        "NGƯT", "NGND", "Đ/c", "đ/c", "ĐC", "St", "Mr", "Mrs", "Ms", "Dr", "Prof", "tr", "Tr", "vd", "VD", "Sđd",
        "sđd", "No", "Ths.BS", "BSCKII", "BSCKI", "BSCK", "CKII", "CKI", "TTƯT", "Thạc sĩ",
    }
)  # fmt: skip

# Only terminators followed by whitespace, the end, or a letter (the glued case) are candidates:
# the dots inside numbers ("4.235", "19.6") are never looked at.
_TERMINATOR = re.compile(r"(?:\./\.|\.{2,}|…+|[.!?]+)[\"”»’')\]]*(?=\s|$|[^\W\d_])")
_ALNUM = re.compile(r"[^\W_]")
_CLOSERS = "\"”»’')]"
_OPENERS = '"“‘«([-–—•*+'
_END_PUNCT = tuple(".!?…:;\"”»’')]")


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in _OPENERS


def _is_abbreviation(text: str, sentence_start: int, dot: int, nxt: int) -> bool:
    """Is the word before the single '.' at ``dot`` an abbreviation or an initial?

    A lone capital is an initial when a digit follows ("Q. 1", "P. 5") or a capitalised name word
    precedes it without punctuation ("Nguyễn V. Anh"); "A; B; C. Sau đó" ends a sentence.
    """
    i = dot
    while i > sentence_start and not text[i - 1].isspace():
        i -= 1
    token = text[i:dot].lstrip('"“‘«([')
    if not token:
        return False
    last = token.rsplit(".", 1)[-1] if "." in token else token
    if token in ABBREVIATIONS or last in ABBREVIATIONS:
        return True
    j = i
    while j > sentence_start and text[j - 1].isspace():
        j -= 1
    opens_sentence = j == sentence_start
    opens_item = opens_sentence or text[j - 1] in ":;"
    if (opens_item and token.isdigit() and len(token) <= 2) or (opens_sentence and len(token) == 1):
        return True  # a list number or an initial opening a sentence or item: "gồm: 1. ...", "2. Tiếp tục"
    if len(last) != 1 or not last.isupper():
        return False
    if text[nxt].isdigit():
        return True
    j = i
    while j > sentence_start and text[j - 1].isspace():
        j -= 1
    return j > sentence_start and text[j - 1].isalpha() and _word_before(text, sentence_start, j)[:1].isupper()


_CITY_ABBREVIATIONS = frozenset({"TP", "Tp", "tp"})
_NEXT_WORDS = re.compile(r"(\w+)(?: (\w+))?(?: (\w+))?")
_PERSON_CUES = frozenset({"Ông", "Bà", "Anh", "Chị", "Đồng"})


def _no_city_after(text: str, sentence_start: int, dot: int, nxt: int, end: int) -> bool:
    """ "... Trường Chính trị TP. Ông Quang cho biết": "TP." closes the sentence when no city name follows.

    A city name is all capitalised words; a known place (city or district of the gazetteer, or a
    province) after "TP." keeps it an abbreviation ("TP. Vinh ra quân", "TP. HCM để"). Otherwise a
    person cue with a name ("Ông Quang") or a capitalised word followed by a lower-case one ("Tuy nhiên",
    "Chủ tịch") starts a new sentence.
    """
    if _word_before(text, sentence_start, dot).lstrip('"“‘«([') not in _CITY_ABBREVIATIONS:
        return False
    words = _NEXT_WORDS.match(text, nxt, end)
    if not words or words.group(2) is None:
        return False
    taken = [w for w in words.groups() if w]
    if any(places.lookup(" ".join(taken[:n])) or places.is_district(" ".join(taken[:n])) for n in (1, 2, 3)):
        return False
    return taken[1][0].islower() or (taken[0] in _PERSON_CUES and taken[1][0].isupper())


def _word_before(text: str, sentence_start: int, end: int) -> str:
    i = end
    while i > sentence_start and not text[i - 1].isspace():
        i -= 1
    return text[i:end]


def _glued(text: str, dot: int, end: int) -> bool:
    """'tỉnh.Đồng chí': a lower-case word of 2+ letters, '.', then a capitalised word."""
    return (
        dot >= 2
        and dot + 2 < end
        and text[dot - 1].islower()
        and text[dot - 2].isalpha()
        and text[dot + 1].isupper()
        and text[dot + 2].islower()
    )


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end or not _ALNUM.search(text, start, end):
        return None
    return Span(start, end)


def split_block(text: str, start: int, end: int) -> list[Span]:
    """Sentences of ``text[start:end]`` (one paragraph or line), as trimmed spans."""
    spans: list[Span] = []
    sentence_start = start
    for match in _TERMINATOR.finditer(text, start, end):
        after = match.end()
        nxt = after
        while nxt < end and text[nxt] in " \t\n":
            nxt += 1
        if nxt >= end:
            break
        term = match.group(0)
        bare = term.rstrip(_CLOSERS)
        if nxt == after:
            if not (bare == "." and _glued(text, match.start(), end)):
                continue
        elif not _starts_sentence(text[nxt]):
            continue
        if bare == ".":
            if _is_abbreviation(text, sentence_start, match.start(), nxt) and not _no_city_after(
                text, sentence_start, match.start(), nxt, end
            ):
                continue
            if text[max(start, match.start() - 3) : match.start()] == "v.v" and not text[nxt].isupper():
                continue
        span = _trimmed(text, sentence_start, after)
        if span is not None:
            spans.append(span)
        sentence_start = nxt
    span = _trimmed(text, sentence_start, end)
    if span is not None:
        spans.append(span)
    return spans


def blocks(text: str, lines: Iterable[Span]) -> list[Span]:
    """Join hard-wrapped lines: a line without final punctuation followed by a lower-case line continues."""
    out: list[Span] = []
    for line in lines:
        if out:
            prev = out[-1]
            prev_text = text[prev.start : prev.end].rstrip()
            first = text[line.start : line.end].lstrip()[:1]
            if prev_text and not prev_text.endswith(_END_PUNCT) and first.islower() and line.start - prev.end <= 2:
                out[-1] = Span(prev.start, line.end)
                continue
        out.append(line)
    return out


def split_sentences(text: str, lines: Iterable[Span]) -> list[Span]:
    """Sentences of the body ``lines`` of ``text``, in order."""
    sentences: list[Span] = []
    for block in blocks(text, lines):
        sentences.extend(split_block(text, block.start, block.end))
    return sentences
