"""Which characters the bundled fonts can draw, from `latsar/fonts/coverage.txt` (no font is
opened: `latsar check` stays free of the PDF stack), and which ones print as nothing at all."""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

COVERAGE = Path(__file__).parents[1] / "fonts" / "coverage.txt"
# Characters that print nothing and can reorder or hide text: zero-width and bidirectional controls.
INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069"
                      "\ufeff")


@lru_cache(maxsize=1)
def _ranges() -> tuple[tuple[int, ...], tuple[int, ...]]:
    text = COVERAGE.read_text(encoding="utf-8")
    pairs = [line.split("-") for line in text.splitlines() if line and not line.startswith("#")]
    return tuple(int(low, 16) for low, _ in pairs), tuple(int(high, 16) for _, high in pairs)


@lru_cache(maxsize=4096)
def drawable(char: str) -> bool:
    """Whether every bundled face has a glyph for `char` (line breaks and tabs count as drawable)."""
    if char in "\n\r\t":
        return True
    lows, highs = _ranges()
    index = bisect.bisect_right(lows, ord(char)) - 1
    return index >= 0 and ord(char) <= highs[index]


# Latin letters with their accents, and the general punctuation (dashes, quotes, ellipsis): the
# characters of nearly every text, looked up once so a text's are checked by one set difference.
_COMMON_RANGES = (range(0x250), range(0x2000, 0x2070))


@lru_cache(maxsize=1)
def _common_drawable() -> frozenset[str]:
    return frozenset(char for chars in _COMMON_RANGES for char in map(chr, chars) if drawable(char))


@lru_cache(maxsize=1)
def _uncommon() -> re.Pattern[str]:
    """Any character but the common drawable ones that print (what `common_only` looks for)."""
    codes = sorted(map(ord, _common_drawable() - INVISIBLE))
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return re.compile("[^" + "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in ranges) + "]")


def common_only(text: str) -> bool:
    """Whether every character of `text` is a common one every face draws, none invisible: such a
    text (nearly every one) needs no closer look, and one search in C tells it."""
    return _uncommon().search(text) is None


def undrawable(characters: set[str] | frozenset[str]) -> list[str]:
    """The characters some bundled face has no glyph for, sorted."""
    return sorted(char for char in characters - _common_drawable() if not drawable(char))


def describe(char: str) -> str:
    """U+0645 ARABIC LETTER MEEM"""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"
