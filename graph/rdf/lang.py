"""Is this text Vietnamese? Decides the ``@vi`` tag of a literal by its content, not by its property.

A name, a headline or a sentence is tagged ``@vi`` when it holds a letter only Vietnamese writes
(ă, đ, ơ, ư, ĩ, ũ, ỹ or a precomposed letter of Unicode's Latin Extended Additional block: ạ, ả, ấ,
ồ, ự, ...), or when every word with an accent is spelled with Vietnamese letters only ("Bài 1": à,
and no f, j, w or z, which Vietnamese does not write). Text without any accent (an id, "New York
Daily News", a name written without tones) and foreign names ("José", "Café de Paris", "Müller") stay
untagged: a wrong language tag misleads more than none.
"""

from __future__ import annotations

import re

_SPECIFIC = re.compile("[ăĂđĐĩĨũŨơƠưƯỹỸ\u1ea0-\u1ef9]")
_LATIN1_VI = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ"
_ACCENTED_WORD = re.compile(f"\\w*[{_LATIN1_VI}]\\w*")
_VI_WORD = re.compile(f"^[a-eg-ik-vxyA-EG-IK-VXY{_LATIN1_VI}]+$")


def is_vietnamese(text: str) -> bool:
    if _SPECIFIC.search(text) is not None:
        return True
    words = _ACCENTED_WORD.findall(text)
    return bool(words) and all(_VI_WORD.match(w) for w in words)
