"""Bytes -> text: BOMs, UTF-8, UTF-16, Windows-1258, then charset-normalizer as the last resort.

Vietnamese files in the wild are UTF-8 (with or without BOM), sometimes UTF-16 (Windows "Unicode"
with a BOM) and, from older systems, Windows-1258. cp1258 writes tones as *combining* marks, so its
text must be NFC-composed after decoding (the reader does that for every input). Binary files are
recognised early (NUL bytes, known magic numbers) and refused with a message saying what they are.
"""

from __future__ import annotations

import codecs


class DecodeError(ValueError):
    """The bytes are not text we can read; the message says why, in one line."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.odt)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"SQLite format 3", "an SQLite database"),
)

# Bytes cp1258 uses for Vietnamese-only letters and for the five combining tone marks.
_CP1258_VIETNAMESE = frozenset(b"\xc3\xe3\xc2\xe2\xca\xea\xd4\xf4\xd5\xf5\xdd\xfd\xd0\xf0\xcc\xec\xd2\xde\xf2")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM: ASCII characters leave a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / len(sample[0::2])
    odd_nul = sample[1::2].count(0) / len(sample[1::2])
    if odd_nul > 0.3 and even_nul < 0.05:
        encoding = "utf-16-le"
    elif even_nul > 0.3 and odd_nul < 0.05:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if _mostly_text(text) else None


def _mostly_text(text: str) -> bool:
    """Few control characters and some letters: what decoded binary data is not."""
    sample = text[:20000]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    letters = sum(1 for c in sample if c.isalpha())
    return controls <= len(sample) * 0.01 and letters >= len(sample) * 0.3


def _looks_cp1258(data: bytes) -> bool:
    """Most high bytes are the ones cp1258 uses for Vietnamese letters and tone marks."""
    high = [b for b in data[:200_000] if b >= 0x80]
    if not high:
        return False
    return sum(b in _CP1258_VIETNAMESE for b in high) / len(high) > 0.6


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name). Raises :class:`DecodeError` for binary data or undecodable bytes.

    The text is as decoded (BOM removed), not yet NFC-composed.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding} text at byte {exc.start + len(bom)}") from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"binary file ({what}), not text")
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is not None:
            return text, "utf-16"
        raise DecodeError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_cp1258(data):
        try:
            return data.decode("cp1258"), "cp1258"
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes  # imported lazily: rarely needed and slow to import

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise DecodeError("unknown text encoding (not UTF-8, UTF-16 or Windows-1258)")
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        raise DecodeError(f"undecodable text (best guess {best.encoding} fails)") from None


def check_not_binary(data: bytes) -> None:
    """Raise :class:`DecodeError` if ``data`` (e.g. the first block of a file) is plainly binary."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"binary file ({what}), not text")
