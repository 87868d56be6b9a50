"""Phrases found as whole words in item text (K1, K4, K11), and the emphasis on negators: K4 wants a
negative stem to set its negator in bold or capitals, and Kahoot's one line of plain text keeps
only capitals, so G1 (a stem) and G2 (a short form) name the bold or italics it loses.
"""

from __future__ import annotations

import re
from functools import lru_cache

from latsar.text.markdown import Span, parse, plain_text

NEGATORS = ("tidak", "bukan", "kecuali", "salah", "kurang tepat")


def has_phrase(text: str, phrase: str) -> bool:
    """Whether `phrase` (lower-case ASCII) is in `text` as whole words, in any case."""
    if text.isascii() and phrase not in text.lower():
        return False  # in ASCII text the regular expression's case folding is str.lower: no need to run it
    return whole_words(phrase).search(text) is not None


@lru_cache(maxsize=None)
def whole_words(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE)


def _in_capitals(text: str, negator: str) -> bool:
    return re.search(rf"\b{negator.upper()}\b", text) is not None


def emphasised_negators(spans: tuple[Span, ...], inside: bool = False) -> list[str]:
    """The negators these spans emphasise, in bold or italics or in capitals."""
    found: list[str] = []
    for span in spans:
        if span.kind in ("strong", "em"):
            found += emphasised_negators(span.children, True)
        elif span.kind == "text":
            found += [n for n in NEGATORS if (inside and has_phrase(span.text, n)) or _in_capitals(span.text, n)]
    return found


def emphasised_in(markdown: str) -> list[str]:
    """The negators a text's paragraphs emphasise, in the order met."""
    return [n for block in parse(markdown).blocks for n in emphasised_negators(getattr(block, "spans", ()))]


def emphasis_lost_in_plain_text(markdown: str) -> list[str]:
    """The negators a text emphasises in bold or italics only: plain text shows them unemphasised."""
    plain = plain_text(markdown)
    return sorted(n for n in set(emphasised_in(markdown)) if not _in_capitals(plain, n))
