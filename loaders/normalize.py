"""Vietnamese text normalisation that keeps every offset: the output has exactly the input's length.

Order: the reader first composes the decoded text to NFC (that may shorten NFD input; the NFC form
then *is* the article's original text, see :mod:`loaders.document`). :func:`normalize` then applies
fixes that replace one character by one character, so an offset into the normalised text is the
same offset into the original:

- odd spaces (NBSP, thin, figure, ideographic, zero-width) and tabs -> ' '; a lone CR -> '\\n', the CR of
  CRLF -> ' ', so lines end at '\\n' only;
- look-alikes of Đ/đ (Icelandic Ð/ð U+00D0/U+00F0, African Ɖ/ɖ) -> Đ/đ;
- the "new" tone placement on the open clusters oa, oe, uy (hoà, thuý, uỷ, khoẻ) -> the placement the
  gazetteers and the official names use (hòa, thúy, ủy, khỏe); syllables with a final consonant
  (hoàng, thuyết) and qu- syllables (quý) are the same in both styles and are left alone;
- a few same-length typos seen in real articles ("Dận vận" -> "Dân vận").

Typographic quotes and dashes are kept: they carry meaning and extractors handle them.
"""

from __future__ import annotations

import re
import unicodedata

from danvan.graph.tones import fix_tone_placement

_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\v\f"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_TABLE = str.maketrans(
    {
        **{c: " " for c in _SPACES + _ZERO_WIDTH},
        "\u00d0": "\u0110",  # Ð (eth) -> Đ
        "\u0189": "\u0110",  # Ɖ -> Đ
        "\u00f0": "\u0111",  # ð -> đ
        "\u0256": "\u0111",  # ɖ -> đ
        "\u2028": "\n",
        "\u2029": "\n",
    }
)

_ODD_CHARS = re.compile("[" + re.escape(_SPACES + _ZERO_WIDTH) + "\u00d0\u0189\u00f0\u0256\u2028\u2029]")

#: Same-length corrections of typos seen in real articles.
_TYPOS = {"Dận vận": "Dân vận", "dận vận": "dân vận"}
_TYPO_PATTERN = re.compile("|".join(re.escape(k) for k in _TYPOS))
_CRLF = re.compile(r"\r(?=\n)")


def to_nfc(text: str) -> str:
    """NFC composition; cheap when the text is already composed (the usual case)."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def normalize(raw: str) -> str:
    """The normalised form of (NFC) ``raw``: same length, same line structure, fixes listed above."""
    # str.translate walks every character in Python-level mapping lookups; most texts need none of it.
    text = raw.translate(_TABLE) if _ODD_CHARS.search(raw) else raw
    if "\r" in text:
        text = _CRLF.sub(" ", text).replace("\r", "\n")
    text = fix_tone_placement(text)
    if "ận vận" in text:
        text = _TYPO_PATTERN.sub(lambda m: _TYPOS[m.group(0)], text)
    if len(text) != len(raw):  # a bug here would corrupt every evidence offset downstream
        raise AssertionError("normalisation changed the text length")
    return text
