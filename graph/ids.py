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


def article_url(url: str) -> str:
    """The address that identifies an article: an absolute http(s) URL without its #fragment, else ""."""
    url = url.strip()
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in ("http", "https") or not rest.split("/", 1)[0]:
        return ""  # a relative canonical link ("/tin/123") names no page on its own
    return url.split("#", 1)[0]


def article_id(*, record_id: str = "", url: str = "", location: str = "", text: str = "") -> str:
    """An article's id, independent of its text where anything else identifies it.

    In order: the record's own id (a .jsonl ``id`` field), its address (:func:`article_url`), where it
    was read from (``location``: the file's path relative to the folder given, see
    :func:`loaders.read.location`, plus ``:line`` for a .jsonl record), and only then the SHA-256 of the
    text (``text``, the hex digest). The first three survive an edit, so an edited article replaces its
    old version; the kind is part of the digest, so an address and a path never give the same id.
    """
    if record_id:
        return f"article:{slugify(record_id)}"
    address = article_url(url)
    if address:
        return "article:" + digest("url", address, length=16)
    if location:
        return "article:" + digest("path", location, length=16)
    return "article:" + text[:16]
