"""Province names as written in text: every name, short form and alias of the gazetteer, as one pattern.

Its own module because both the organisation reader and the foreign-state check need it (a province
such as "Lào Cai" starts like a state), and the second is needed by the name reader the first builds on.
"""

from __future__ import annotations

import re
from functools import cache

from danvan.graph import places


@cache
def province_pattern() -> tuple[re.Pattern[str], dict[str, places.Province]]:
    forms: dict[str, places.Province] = {}
    for unit in places.ALL:
        for name in (unit.name, unit.name.removeprefix("Thành phố "), *unit.aliases):
            if len(name) > 3:
                forms.setdefault(name, unit)
    hcm = places.lookup("TP.HCM")
    if hcm is not None:
        forms.setdefault("HCM", hcm)
    hanoi = places.lookup("HN")
    if hanoi is not None:
        forms.setdefault("HN", hanoi)  # "Bí thư Thành ủy HN": after a unit's name the letters are the city
    alternatives = sorted(forms, key=len, reverse=True)
    pattern = re.compile(r"(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?![\w])")
    return pattern, forms
