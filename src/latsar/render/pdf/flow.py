"""Page-break rules shared by the handout and the book: a part never ends with a stray page.

The last page of a part (a chapter, the evaluasi, the glossary …) holds at least a few lines: a
paragraph that would leave two lines alone gives the last page more of itself, and short last
units (a question, a reference, a pembahasan entry) travel together.
"""

from __future__ import annotations

import re

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

TAIL_LINES = 4  # the fewest lines a part's last page may hold
TAIL_FILL = 0.2  # a part's last page filled less than this is set again a little tighter


HYPHEN_RUN = 2  # the most lines in a row that may end in a hyphen
_WORD_END = re.compile(r"(\w+)-$")
_WORD_START = re.compile(r"^(\w+)")


def _line_text(line) -> str:
    """The text of one broken line, whichever of reportlab's two line kinds it is."""
    if isinstance(line, tuple):
        return " ".join(line[1])
    return "".join(getattr(word, "text", "") for word in line.words)


def _overlong_run(lines: list) -> str | None:
    """The word hyphenated at the end of the first line that makes a run longer than HYPHEN_RUN."""
    texts = [_line_text(line).rstrip() for line in lines]
    run = 0
    for index, text in enumerate(texts[:-1]):
        end, start = _WORD_END.search(text), _WORD_START.search(texts[index + 1].lstrip())
        run = run + 1 if end and start else 0
        if run > HYPHEN_RUN:
            return end[1] + start[1]
    return None


_UNBROKEN = re.compile(r"<nobr>(.*?)</nobr>", re.S)


class Para(Paragraph):
    """A paragraph that never hyphenates its <nobr> (italic) words, even where punctuation
    joins them to other text ("(cascading)"), and never ends more than HYPHEN_RUN lines in a
    row with a hyphen: the word that would make the run longer moves whole to the next line."""

    def breakLines(self, width):
        base = self.style
        refused = {w for span in _UNBROKEN.findall(self.text or "") for w in re.findall(r"\w+", span)}
        while True:
            if refused and base.hyphenationLang:
                self.style = ParagraphStyle(base.name, parent=base,
                                            hyphenationLang=_refusing(base.hyphenationLang, refused))
            result = super().breakLines(width)
            word = _overlong_run(result.lines)
            if not word or word in refused or len(refused) > 64:
                break
            refused.add(word)
        self.style = base
        return result


def _refusing(hyphenate, refused: set[str]):
    words = frozenset(refused)
    if isinstance(hyphenate, str):
        import pyphen

        hyphenate = pyphen.Pyphen(lang=hyphenate).iterate

    def pairs(word: str):
        return iter(()) if word in words else hyphenate(word)

    return pairs


class TailParagraph(Para):
    """A paragraph that, when split, leaves at least `TAIL_LINES` lines for the next page."""

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        first = len(parts[0].blPara.lines)
        self.wrap(availWidth, 1e6)
        total = len(self.blPara.lines)
        if total - first >= TAIL_LINES:
            return parts
        keep = total - TAIL_LINES
        if keep < 2:
            return []
        return super().split(availWidth, keep * self.style.leading + 0.5)


def _height(flowable: Flowable, width: float) -> float:
    if isinstance(flowable, KeepTogether):  # it measures on a canvas; its parts need none
        return sum(_height(part, width) for part in flowable._content)
    return flowable.wrap(width, 1e6)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def keep_tail(flows: list[Flowable], width: float, leading: float, page_height: float) -> list[Flowable]:
    """`flows` with its last unit made safe: a long last paragraph keeps `TAIL_LINES` lines
    together; otherwise the last short units (a question, a reference, a signature and the
    paragraph before it) travel together."""
    end = len(flows)
    while end and isinstance(flows[end - 1], Spacer):
        end -= 1
    if not end:
        return flows
    last = flows[end - 1]
    if type(last) in (Paragraph, Para) and _height(last, width) >= (TAIL_LINES + 2) * leading:
        tail = TailParagraph(last.text, last.style, bulletText=last.bulletText, frags=last.frags)
        return [*flows[:end - 1], tail, *flows[end:]]
    # A few short units are enough: the page-fill check in render_outline does the rest by
    # setting the part tighter, which never leaves a half-empty page before the tail.
    start, height, units = end, 0.0, 0
    wanted = min(TAIL_LINES * leading * 1.5, TAIL_FILL * page_height)
    while start > 0 and units < 3 and height < wanted:
        candidate = flows[start - 1]
        if not isinstance(candidate, (Paragraph, KeepTogether, Spacer)):
            break
        height += _height(candidate, width)
        units += not isinstance(candidate, Spacer)
        start -= 1
    if units < 2 or height > page_height * 0.4:
        return flows
    # Nested KeepTogethers mismeasure (reportlab 5.1), so the group holds their parts.
    parts = [part for f in flows[start:end] for part in (f._content if isinstance(f, KeepTogether) else [f])]
    return [*flows[:start], KeepTogether(parts), *flows[end:]]
