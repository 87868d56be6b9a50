"""Justified lines without wide word gaps.

reportlab breaks lines greedily: when the next word does not fit and cannot be hyphenated, the
line is stretched, however loose. Here the broken lines are measured, and a paragraph whose
justified line stretches its word spaces by more than STRETCH_CAP is broken again with an
earlier line made a little narrower, so one of its words moves down and fills the loose line
(or is hyphenated where it now falls). The narrowed lines are then set at full width again, so
every line still reaches both margins. A paragraph keeps its number of lines.
"""

from __future__ import annotations

from typing import Callable, NamedTuple, Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth

# The most extra space a justified line may add to each word space, in ems of its type size.
# A space of Noto Serif or Liberation Sans is about 0.25 em, so gaps stay below about 0.55 em.
STRETCH_CAP = 0.3
TRIES = 3  # rounds of re-breaking one paragraph, at most
SHORT_WORD = 5  # a paragraph still loose after re-breaking may hyphenate words this short
LOOK_BACK = 2  # how many lines above a loose line may give it a word

Breaker = Callable[[list[float]], object]


def line_stretches(result, font_size: float, justify_last: bool = False) -> list[float]:
    """Extra space per word gap of each justified line, in ems (0 for lines set ragged). The
    last line is justified only in the first part of a paragraph split over two pages."""
    lines = result.lines
    last = len(lines) - (0 if justify_last else 1)
    return [_stretch(line, font_size) if index < last else 0.0 for index, line in enumerate(lines)]


def _stretch(line, font_size: float) -> float:
    extra, gaps, size, ragged = _measure(line, font_size)
    return extra / gaps / size if gaps > 0 and not ragged else 0.0


def _measure(line, font_size: float) -> tuple[float, int, float, bool]:
    """(extra space, word gaps, type size, set ragged) of one broken line of either kind."""
    if isinstance(line, tuple):
        extra, words = line
        return extra, len(words) - 1 + sum(str(w).count("\xa0") for w in words), font_size, False
    nbsp = sum(getattr(w, "text", "").count("\xa0") for w in line.words if not hasattr(w, "cbDefn"))
    return line.extraSpace, line.wordCount - 1 + nbsp, line.fontSize or font_size, bool(line.lineBreak)


class Setting(NamedTuple):
    """What relieving a paragraph needs to know of it."""
    font_name: str
    font_size: float
    shrinkage: float  # how far a line may squeeze its word spaces (reportlab's spaceShrinkage)
    justify_last: bool  # the first part of a split paragraph justifies its last line too


def cost(result, setting: Setting) -> tuple[int, float]:
    """Fewer lines first, then less stretch beyond the cap (squared: one very loose line is
    worse than two slightly loose ones)."""
    stretches = line_stretches(result, setting.font_size, setting.justify_last)
    return len(result.lines), round(sum(max(s - STRETCH_CAP, 0.0) ** 2 for s in stretches), 6)


def loose(result, setting: Setting) -> bool:
    return cost(result, setting)[1] > 0


def relieve(break_lines: Breaker, widths: list[float], setting: Setting):
    """The lines of `break_lines(widths)` with loose lines relieved where a re-break helps."""
    nominal = list(widths)
    best = break_lines(nominal)  # reportlab narrows the first width for a wide bullet, in place
    best_cost, narrowed = cost(best, setting), {}
    space = stringWidth(" ", setting.font_name, setting.font_size) * setting.shrinkage
    for _ in range(TRIES if best_cost[1] else 0):
        stretches = line_stretches(best, setting.font_size, setting.justify_last)
        above = sorted({j for i, s in enumerate(stretches) if s > STRETCH_CAP
                        for j in range(max(i - LOOK_BACK, 0), i)})
        trials = []
        for line in above:
            cut = _used(best.lines[line], nominal, line) - _words(best.lines[line]) * space - 0.5
            trial = {**narrowed, line: cut}
            result = _rebreak(break_lines, widths, nominal, trial)
            trials.append((cost(result, setting), line, trial, result))
        if not trials:
            break
        found, _, trial, result = min(trials, key=lambda t: t[:2])
        if found >= best_cost:
            break
        best, best_cost, narrowed = result, found, trial
    return best


def _width(widths: Sequence[float], index: int) -> float:
    return widths[min(index, len(widths) - 1)]


def _used(line, nominal: Sequence[float], index: int) -> float:
    extra = line[0] if isinstance(line, tuple) else line.extraSpace
    return _width(nominal, index) - extra


def _words(line) -> int:
    return len(line[1]) if isinstance(line, tuple) else line.wordCount


def _rebreak(break_lines: Breaker, widths: Sequence[float], nominal: Sequence[float], narrowed: dict[int, float]):
    """Break with some lines narrowed, then give those lines their full width back."""
    cut = {i: _width(nominal, i) - w for i, w in narrowed.items()}
    per_line = [_width(widths, i) - cut.get(i, 0.0) for i in range(max(narrowed) + 2)]
    result = break_lines(per_line)
    for index, amount in cut.items():
        if index < len(result.lines):
            _widen(result.lines, index, amount, _width(nominal, index))
    return result


def _widen(lines: list, index: int, amount: float, full: float) -> None:
    line = lines[index]
    if isinstance(line, tuple):
        lines[index] = (line[0] + amount, line[1])
    else:
        line.extraSpace += amount
        line.maxWidth = full
