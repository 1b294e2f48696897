"""Deterministic identifiers: the same input gives the same id, in every run and on every machine.

An id is ``<label-prefix>:<slug>-<hash8>``: readable, ASCII-only (so it is safe inside an IRI
path segment and a file name), and unique thanks to a SHA-1 of the full key. Never ``hash()``,
counters or clocks.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG_MAX = 48


def fold(text: str) -> str:
    """Lower-case ASCII folding of Vietnamese text ('Đồng chí' -> 'dong chi')."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slugify(text: str) -> str:
    slug = _NON_SLUG.sub("-", fold(text)).strip("-")
    return slug[:_SLUG_MAX].rstrip("-") or "x"


def digest(*parts: str, length: int = 8) -> str:
    """Short SHA-1 of the parts, separated so that ('ab','c') and ('a','bc') differ."""
    h = hashlib.sha1("\x1f".join(parts).encode("utf-8"))
    return h.hexdigest()[:length]


def make_id(label: str, key: str, display: str | None = None) -> str:
    """Id for a node of ``label`` identified by ``key``; ``display`` feeds the readable slug."""
    return f"{label.lower()}:{slugify(display if display is not None else key)}-{digest(label, key)}"


def edge_id(rel_type: str, source: str, target: str, *qualifiers: str) -> str:
    """Id of a relationship; ``qualifiers`` (the values of its key properties, e.g. a holding's term) tell
    apart several of one type between the same two nodes. Without them the id is as it always was."""
    return f"{rel_type.lower()}:{digest(rel_type, source, target, *qualifiers, length=16)}"


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
