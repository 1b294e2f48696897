"""Official administrative codes (GSO) of the places in the graph, for links out of the RDF export.

A Place links to ``<base>admin-unit/<list>/<code>`` (``dv:adminUnit``) and carries the code as a
``dcterms:identifier``. ``<list>`` names the code list, because the lists reuse numbers: ``legacy``
is the 63-province list in force until 30 June 2025 (with its districts and communes), ``2025`` the
34-unit list from 1 July 2025 (Bắc Ninh is 27 in the first, 24 in the second; 24 was Bắc Giang).

- A province keeps the legacy code the gazetteer gave it (``Place.code``); one that still exists
  after the reorganisation also gets its 2025 code.
- A district-level unit (district, town, provincial city) is looked up in the legacy list by its
  name and its province (``LOCATED_IN``); a commune or ward in the 2025 list (communes named in
  today's news are the new ones). A lookup counts only when the unit found has the node's name: the
  parser matches loosely and "Quỳnh Lưu" is a district and, since 2025, a commune too.

The offline ``vietnamadminunits`` data is imported only when the graph has a place to look up.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Any

Code = tuple[str, str]  # (code list, code)

_GENERIC = (
    "thành phố",
    "thị xã",
    "thị trấn",
    "huyện",
    "quận",
    "xã",
    "phường",
    "tỉnh",
    "tp.",
    "tp",
)
_DISTRICT_KINDS = {"district", "town", "city_province", "provincial_city", "city"}
_COMMUNE_KINDS = {"commune", "ward", "township"}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.casefold())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").replace("đ", "d")
    return " ".join(text.split())


def _bare(name: str) -> str:
    folded = _fold(name)
    for word in _GENERIC:
        word = _fold(word)
        if folded.startswith(word + " "):
            return folded[len(word) + 1 :]
    return folded


def _parse(address: str, mode: str, level: int) -> Any:
    from vietnamadminunits import ParseMode, parse_address

    try:
        return parse_address(address, mode=ParseMode[mode], level=level)
    except Exception:  # the parser raises on anything it cannot read: no code, then
        return None


def codes_of(place: dict[str, Any], province: str | None) -> list[Code]:
    """The official codes of one Place node (its attributes), its province's name given for lower units."""
    key = tuple(str(place.get(k) or "") for k in ("name", "kind", "code", "status"))
    return list(_codes(*key, province or ""))


@cache  # the same places come back in every export of a session (and the lookups parse addresses)
def _codes(name: str, kind: str, code: str, status: str, province: str) -> tuple[Code, ...]:
    out: list[Code] = []
    if code:
        out.append(("legacy", code))
    if kind in ("province", "city") and not province:
        if status == "current":
            unit = _parse(name, "FROM_2025", 1)
            if unit is not None and unit.province_code and _fold(unit.short_province or "") == _bare(name):
                out.append(("2025", str(unit.province_code)))
        return tuple(out)
    if not province or not name:
        return tuple(out)
    if kind in _DISTRICT_KINDS:
        unit = _parse(f"{name}, {province}", "LEGACY", 2)
        if unit is not None and unit.district_code and _fold(unit.short_district or "") == _bare(name):
            out.append(("legacy", str(unit.district_code)))
    elif kind in _COMMUNE_KINDS:
        unit = _parse(f"{name}, {province}", "FROM_2025", 2)
        if unit is not None and unit.ward_code and _fold(unit.short_ward or "") == _bare(name):
            out.append(("2025", str(unit.ward_code)))
    return tuple(out)


def needs_lookup(places: Iterable[dict[str, Any]]) -> bool:
    return any(not p.get("code") or p.get("status") == "current" for p in places)
