"""Case changes that keep acronyms and mixed-case terms as written.

Headings set in capitals must still print "WoG", "eKTP" or "SiLPA" as their owners write them:
a word with a capital letter after its first letter is a name, and a name keeps its case.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")


def is_mixed_case(word: str) -> bool:
    """"WoG", "eKTP", "iOS": a capital after the first letter and at least one small letter."""
    return any(c.isupper() for c in word[1:]) and any(c.islower() for c in word)


def upper(text: str) -> str:
    """`text` in capitals, except its mixed-case words."""
    return _WORD.sub(lambda m: m[0] if is_mixed_case(m[0]) else m[0].upper(), text)
