"""What a sheet says, decided from sampled darkness only: no images here, so every rule is a
pure function a test can feed numbers.

Darkness is measured relative to the sheet itself: its `blank` level (what an unmarked bubble
with its printed letter reads) and its `full` level (what this participant's marks read, pencil
or pen). A bubble's *strength* is its darkness on that scale: 0 blank, 1 a typical mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MARKED = 0.5  # strength from which a bubble is marked
FAINT = 0.2  # strength below which a bubble is blank; between the two it needs a look
ERASED_SHARE = 0.4  # a faint bubble beside marks at most this share of their strength: an erasure
LONE_MARK = 0.3  # a single faint bubble this strong, in a row otherwise clean, is the intent
CLEAN = 0.12  # "otherwise clean": every other bubble of the row below this strength
TICK_COVER = 0.12  # share of a bubble covered by dark strokes that reads as a tick when alone
UNLIKE_COVER = 0.6  # marks of one row covering less than this share of the fullest one differ in kind
MIN_CONTRAST = 0.2  # darkness above the blank level from which a bubble may be a mark
ASSUMED_MARK = 0.5  # darkness above blank of a mark, for a sheet that shows none
DOUBT = "?"


@dataclass(frozen=True)
class Levels:
    blank: float
    full: float

    def strength(self, darkness: float) -> float:
        return (darkness - self.blank) / (self.full - self.blank)


@dataclass(frozen=True)
class Choice:
    """The reading of one group of bubbles (a question, a digit position)."""

    value: str  # the marked values joined ("A", "AC"), "" for none, DOUBT when undecided
    doubtful: bool


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def sheet_levels(darkness: Sequence[float], group_maxima: Sequence[float]) -> Levels:
    """The sheet's blank level (most bubbles are blank) and full level (the median of the
    groups' darkest bubbles that stand out: a typical mark of this participant). A sheet with
    no marks gets a full level of an assumed typical mark."""
    blank = percentile(darkness, 0.3)
    marks = [m for m in group_maxima if m > blank + MIN_CONTRAST]
    return Levels(blank, percentile(marks, 0.5) if marks else blank + ASSUMED_MARK)


def read_group(values: Sequence[str], strengths: Sequence[float], cover: Sequence[float]) -> Choice:
    """The values marked in one group, given each bubble's strength and the share of it covered
    by dark strokes (`cover`, what tells a tick from a smudge)."""
    marked = [i for i, s in enumerate(strengths) if s >= MARKED]
    faint = [i for i, s in enumerate(strengths) if FAINT <= s < MARKED or (s < FAINT and cover[i] >= TICK_COVER)]
    if marked:
        weakest = min(strengths[i] for i in marked)
        erased = all(strengths[i] <= ERASED_SHARE * weakest and cover[i] < TICK_COVER for i in faint)
        return Choice("".join(values[i] for i in marked), not erased or _unlike(marked, cover))
    if not faint:
        return Choice("", False)
    if len(faint) == 1 and _stands_alone(faint[0], strengths, cover):
        return Choice(values[faint[0]], False)
    return Choice(DOUBT, True)


def _unlike(marked: list[int], cover: Sequence[float]) -> bool:
    """Several marks of different kinds (a tick beside a fill): which one is meant is a guess."""
    covers = [cover[i] for i in marked]
    return len(covers) > 1 and min(covers) < UNLIKE_COVER * max(covers)


def _stands_alone(index: int, strengths: Sequence[float], cover: Sequence[float]) -> bool:
    """A lone light mark or tick: strong enough, and every other bubble of the row clean."""
    strong = strengths[index] >= LONE_MARK or cover[index] >= TICK_COVER
    return strong and all(s < CLEAN for i, s in enumerate(strengths) if i != index)


def read_code(choices: Sequence[Choice]) -> tuple[str, bool]:
    """A number or code written one position per group: (text, doubtful). A position with
    several marks or an undecided one reads as DOUBT; blank positions read as nothing."""
    text = "".join(c.value if len(c.value) <= 1 else DOUBT for c in choices)
    doubtful = any(c.doubtful or len(c.value) > 1 for c in choices)
    return text, doubtful


def read_number(choices: Sequence[Choice]) -> tuple[str, bool]:
    """A number with one digit per position: blank positions are doubtful too (a lost digit),
    unless every position is blank."""
    text, doubtful = read_code(choices)
    blanks = sum(c.value == "" for c in choices)
    return ("".join(c.value or DOUBT for c in choices) if 0 < blanks < len(choices) else text,
            doubtful or 0 < blanks < len(choices))
