"""Finding a quotation in a seed article, verbatim up to whitespace and typographic quotes."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_QUOTE_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
                             "‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'"})
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class FoldedText:
    """A text with whitespace runs folded to one space and typographic quotes made straight;
    `origin(i)` is the offset in the original text of folded character i."""

    text: str
    starts: tuple[int, ...]  # folded offset where each word (or folded space) begins
    origins: tuple[int, ...]  # its offset in the original text

    def origin(self, index: int) -> int:
        piece = bisect.bisect_right(self.starts, index) - 1
        return self.origins[piece] + (index - self.starts[piece])


_WORD = re.compile(r"\S+")


def fold(text: str) -> FoldedText:
    """Word by word (not character by character): a 300 KB seed folds in milliseconds. A folded
    space stands for the last whitespace character before the next word."""
    straight = text.translate(_QUOTE_FOLD)  # one character for one: offsets are kept
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    size = 0
    for word in _WORD.finditer(straight):
        if pieces:
            pieces.append(" ")
            starts.append(size)
            origins.append(word.start() - 1)
            size += 1
        pieces.append(word.group())
        starts.append(size)
        origins.append(word.start())
        size += len(word.group())
    return FoldedText("".join(pieces), tuple(starts), tuple(origins))


def fold_plain(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_QUOTE_FOLD)).strip()


@dataclass(frozen=True)
class Match:
    found: bool
    line: int  # 1-based line in the seed where the match (or the closest passage) starts
    passage: str  # the closest passage, as written in the seed, when not found


def find_quote(quote: str, seed_text: str, folded: FoldedText | None = None) -> Match:
    folded = folded or fold(seed_text)
    needle = fold_plain(quote)
    at = folded.text.find(needle) if needle else -1
    if at >= 0:
        return Match(True, _line_of(seed_text, folded.origin(at)), "")
    if not folded.text:  # a seed of whitespace only has no passage to offer
        return Match(False, 1, "")
    start, end = _closest(needle, folded.text)
    begin, finish = folded.origin(start), folded.origin(max(start, end - 1)) + 1
    return Match(False, _line_of(seed_text, begin), fold_plain(seed_text[begin:finish]))


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _closest(needle: str, haystack: str) -> tuple[int, int]:
    """The span of `haystack` most like `needle`, widened to whole words: rapidfuzz's best
    partial alignment (bit-parallel, well under a second for a 300 KB seed, where sliding a
    difflib window over every word took minutes)."""
    from rapidfuzz import fuzz

    if len(needle) >= len(haystack):
        return 0, len(haystack)
    found = fuzz.partial_ratio_alignment(needle, haystack)
    passage = haystack[found.dest_start:found.dest_end]
    start = found.dest_start + (len(passage) - len(passage.lstrip(" ")))
    end = found.dest_start + len(passage.rstrip(" "))
    start = haystack.rfind(" ", 0, start) + 1  # back to the start of the first word
    space = haystack.find(" ", end)  # on to the end of the last word
    return start, len(haystack) if space < 0 else space
