"""Stable, valid IRIs for the RDF export: ``<base><type segment>/<slug>-<short hash>``.

The node ids of :mod:`graph.ids` already have that shape (``person:nguyen-van-a-1a2b3c4d``), so a
clean id is reused as is and the IRI reads like the id. Anything else (an id from an older store,
a hostile string in a test) is slugged and hashed, so no input can put ``<``, ``>``, a quote, a
space or a newline into an IRI. The base given by the user is percent-encoded where needed.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from danvan.graph.ids import digest, slugify

# A local part we can keep verbatim: what graph.ids.make_id produces (and hex article ids).
_CLEAN_LOCAL = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Characters RFC 3987 allows in an IRI besides unreserved letters: kept as they are in a base.
_IRI_SAFE = ":/?#[]@!$&'()*+,;=%~.-_"


def percent_encode(text: str) -> str:
    """Percent-encode everything that may not appear in an IRI (spaces, quotes, <, >, controls, ...).

    Non-ASCII letters are kept (IRIs allow them) except the characters RDF syntaxes reject.
    Existing ``%XX`` escapes are kept so encoding an encoded IRI changes nothing.
    """
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if ch.isascii():
            out.append(ch if (ch.isalnum() or ch in _IRI_SAFE) else quote(ch, safe=""))
        elif unicodedata.category(ch)[0] in "CZ" or 0xD800 <= code <= 0xDFFF:
            # controls, separators (U+2028, NBSP...), private use, surrogates: never raw in an IRI
            out.append(quote(ch, safe="", errors="replace"))
        else:
            out.append(ch)
    return "".join(out)


def normalize_base(base: str) -> str:
    """Check and clean the user's base IRI: absolute, percent-encoded, ending in ``/`` or ``#``."""
    base = base.strip()
    if not SCHEME.match(base):
        raise ValueError(f"base IRI must be absolute (e.g. https://example.org/id/), got {base!r}")
    base = percent_encode(base)
    if not base.endswith(("/", "#")):
        base += "/"
    return base


def segment(label: str) -> str:
    """Type segment of a node label: ``Person`` -> ``person``."""
    return slugify(label)


def local_name(key: str) -> str:
    """``<slug>-<hash>`` for any key; a clean key (already such a name) is kept verbatim."""
    if _CLEAN_LOCAL.match(key):
        return key
    return f"{slugify(key)}-{digest(key)}"


def node_iri(base: str, label: str, node_id: str) -> str:
    """IRI of a graph node; the type segment comes from its label, not from the id's prefix."""
    prefix, sep, rest = node_id.partition(":")
    key = rest if sep and prefix == segment(label) else node_id
    return f"{base}{segment(label)}/{local_name(key)}"


def fact_iri(base: str, rel_type: str, edge_key: str) -> str:
    """IRI of the statement node of a relationship (edge keys are ``<type>:<hex>``)."""
    prefix, sep, rest = edge_key.partition(":")
    key = rest if sep and prefix == rel_type.lower() else edge_key
    return f"{base}fact/{slugify(rel_type)}-{local_name(key)}"


def concept_iri(base: str, scheme_segment: str, value: str) -> str:
    """IRI of a SKOS concept: readable slug plus a hash of the exact value (case and tones kept)."""
    value = unicodedata.normalize("NFC", value)
    return f"{base}{scheme_segment}/{slugify(value)}-{digest(scheme_segment, value)}"
