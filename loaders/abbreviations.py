"""Abbreviations of Vietnamese party, state and front bodies, and their expansion.

Post labels and organisation names are stored with every abbreviation spelled out ("HĐND tỉnh" ->
"Hội đồng nhân dân tỉnh") so that the same post written two ways merges into one node. The table is
ordered so that longer forms win ("Ban TVTU" before "TVTU", "UBMTTQ" before "MTTQ").
"""

from __future__ import annotations

import re
from functools import cache

#: abbreviation -> expansion. Matching is case-sensitive: these are written in capitals.
ABBREVIATIONS: dict[str, str] = {
    "Ban TVTU": "Ban Thường vụ Tỉnh ủy",
    "BTVTU": "Ban Thường vụ Tỉnh ủy",
    "BTVTƯ": "Ban Thường vụ Tỉnh ủy",
    "TVTU": "Thường vụ Tỉnh ủy",
    "UVBTV": "Ủy viên Ban Thường vụ",
    "BTV": "Ban Thường vụ",
    "BCHTW": "Ban Chấp hành Trung ương",
    "BCH": "Ban Chấp hành",
    "BCĐ": "Ban Chỉ đạo",
    "HĐND": "Hội đồng nhân dân",
    "UBND": "Ủy ban nhân dân",
    "UBMTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "MTTQ": "Mặt trận Tổ quốc",
    "UBKT": "Ủy ban Kiểm tra",
    "QCDC": "Quy chế dân chủ",
    "LHTN": "Liên hiệp Thanh niên",
    "LHPN": "Liên hiệp Phụ nữ",
    "CCB": "Cựu chiến binh",
    "TNCS": "Thanh niên Cộng sản",
    "ĐTN": "Đoàn Thanh niên",
    "Đoàn ĐBQH": "Đoàn đại biểu Quốc hội",
    "ĐBQH": "Đại biểu Quốc hội",
    "ĐBND": "Đại biểu nhân dân",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "UBTƯ": "Ủy ban Trung ương",
    "UBTW": "Ủy ban Trung ương",
    "T.Ư": "Trung ương",
    "T.W": "Trung ương",
    "TƯ": "Trung ương",
    "TW": "Trung ương",
    "TP.HCM": "thành phố Hồ Chí Minh",
    "TPHCM": "thành phố Hồ Chí Minh",
    "TP.": "thành phố",
    "Tp.": "thành phố",
    "TP": "thành phố",
    "GPMB": "giải phóng mặt bằng",
    "KT-XH": "kinh tế - xã hội",
    "VHTT": "Văn hóa - Thông tin",
    "LĐLĐ": "Liên đoàn Lao động",
    "BCĐ QCDC": "Ban Chỉ đạo thực hiện Quy chế dân chủ",
    "TTXVN": "Thông tấn xã Việt Nam",
    "VN": "Việt Nam",
    "Cty": "Công ty",
    "TCCT": "Tổng cục Chính trị",
    "QLDA": "Quản lý dự án",
    "ATVSTP": "An toàn vệ sinh thực phẩm",
    "HĐTV": "Hội đồng thành viên",
    "HĐQT": "Hội đồng quản trị",
    "GHPGVN": "Giáo hội Phật giáo Việt Nam",
    "BV": "Bệnh viện",
}

_LETTER = r"[\wĐđ]"


@cache
def _pattern() -> re.Pattern[str]:
    forms = sorted(ABBREVIATIONS, key=len, reverse=True)
    alternatives = []
    for form in forms:
        body = re.escape(form)
        # A trailing dot ("TP.") ends the form itself; otherwise the form must end at a word edge.
        tail = "" if form.endswith(".") else rf"(?!{_LETTER})"
        alternatives.append(body + tail)
    return re.compile(rf"(?<!{_LETTER})(?:" + "|".join(alternatives) + ")")


def expand(text: str) -> str:
    """Spell out every abbreviation in ``text`` ('Chủ tịch HĐND tỉnh' -> 'Chủ tịch Hội đồng nhân dân tỉnh')."""
    expanded = _pattern().sub(lambda m: ABBREVIATIONS[m.group(0)], text)
    # "TP." glued to a name ("TP.Vinh") leaves no space after the expansion.
    expanded = re.sub(r"thành phố(?=[A-ZĐ])", "thành phố ", expanded)
    return re.sub(r"\s+", " ", expanded).strip()
