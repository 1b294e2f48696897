"""RDF terms as N-Triples text: the one representation every writer starts from.

An object is kept as its N-Triples form (``<iri>``, ``"text"@vi``, ``"2024-06-19"^^<...#date>``):
N-Triples lines are then plain string joins, Turtle and TriG use the same literal syntax (with the
datatype shortened), and JSON-LD decodes it back with :func:`split_literal`. Escaping is done by
the JSON string encoder (C-accelerated), whose escapes are all valid N-Triples escapes, plus the
few line separators Python's line splitting would otherwise break a line on.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = RDF + "type"
XSD_STRING = XSD + "string"
XSD_DATE = XSD + "date"
XSD_INTEGER = XSD + "integer"
XSD_DOUBLE = XSD + "double"
XSD_BOOLEAN = XSD + "boolean"

_encode = json.encoder.encode_basestring
# JSON leaves these raw, but readers that split lines with str.splitlines() break on them;
# lone surrogates cannot be written as UTF-8 at all.
_AWKWARD = re.compile("[\x7f\x85\u2028\u2029\ud800-\udfff]")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _escape_awkward(match: re.Match[str]) -> str:
    code = ord(match.group())
    return "\\uFFFD" if 0xD800 <= code <= 0xDFFF else f"\\u{code:04X}"


def quoted(text: str) -> str:
    """``text`` as a double-quoted N-Triples/Turtle string."""
    out: str = _encode(text)
    if _AWKWARD.search(out):
        out = _AWKWARD.sub(_escape_awkward, out)
    return out


def iri(value: str) -> str:
    return f"<{value}>"


def lang_literal(text: str, lang: str) -> str:
    return f"{quoted(text)}@{lang}"


def typed_literal(lexical: str, datatype: str) -> str:
    return f"{quoted(lexical)}^^<{datatype}>"


def plain_literal(text: str) -> str:
    return quoted(text)


_DATE_SUFFIX = f'"^^<{XSD_DATE}>'


def date_literal(value: Any) -> str:
    """``xsd:date`` for a date or an ISO date string; anything else stays a plain string.

    A malformed date is not silently dropped: it is exported as a plain literal, which the SHACL
    shapes report (``sh:datatype xsd:date``).
    """
    if type(value) is dt.date:  # the common case, first: ISO dates need no escaping
        return '"' + value.isoformat() + _DATE_SUFFIX
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return '"' + value.isoformat() + _DATE_SUFFIX
    text = str(value)
    if _ISO_DATE.match(text):
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return plain_literal(text)
        return typed_literal(text, XSD_DATE)
    return plain_literal(text)


def integer_literal(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(value)
        except (TypeError, ValueError):
            return plain_literal(str(value))
    return f'"{value}"^^<{XSD_INTEGER}>'


def double_literal(value: Any) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return plain_literal(str(value))
    if math.isnan(number):
        lexical = "NaN"
    elif math.isinf(number):
        lexical = "INF" if number > 0 else "-INF"
    else:
        lexical = repr(number)
    return f'"{lexical}"^^<{XSD_DOUBLE}>'


def boolean_literal(value: Any) -> str:
    return f'"{"true" if value else "false"}"^^<{XSD_BOOLEAN}>'


def split_literal(term: str) -> tuple[str, str | None, str | None]:
    """Decode an N-Triples literal into (value, language, datatype IRI)."""
    end = term.rfind('"')
    value: str = json.loads(term[: end + 1])
    rest = term[end + 1 :]
    if rest.startswith("@"):
        return value, rest[1:], None
    if rest.startswith("^^<"):
        return value, None, rest[3:-1]
    return value, None, None
