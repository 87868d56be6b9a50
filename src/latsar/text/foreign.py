"""Where a foreign term is set in italics: wherever it stands in Indonesian text, but not inside
a quoted passage that is itself English.

PUEBI italicises a foreign word within Indonesian. An English article title in the daftar
pustaka ("Collaborative Governance in Theory and Practice.") is not Indonesian text holding a
foreign term: it is foreign throughout, quoted and set upright as its citation style wants, and
a term inside it set in italics reads as an emphasis its authors did not write.
"""

from __future__ import annotations

import re

_QUOTED = re.compile(r"“([^“”]+)”|\"([^\"]+)\"")
_WORD = re.compile(r"[^\W\d_]+")
# Short words that tell the two languages apart in a title (a foreign term's own words aside).
_ENGLISH = frozenset("a an and as at by for from in into is of on or the to with".split())
_INDONESIAN = frozenset("atau bagi dalam dan dari dengan di ke melalui oleh pada sebagai tentang untuk yang".split())


def english_quotes(text: str, terms: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of each quoted passage in `text` whose words, the `terms` aside, are more
    English than Indonesian; a passage of terms alone is not counted as English."""
    if "“" not in text and '"' not in text:
        return []
    spans = []
    for match in _QUOTED.finditer(text):
        words = _WORD.findall(terms.sub(" ", match[0]).lower())
        if sum(w in _ENGLISH for w in words) > sum(w in _INDONESIAN for w in words):
            spans.append(match.span())
    return spans


def outside(spans: list[tuple[int, int]], at: int) -> bool:
    return not any(start <= at < end for start, end in spans)
