"""A pembahasan entry drawn straight onto the canvas: a tag and a stem across the width, then
rows of a label beside its content, a hairline above each labelled row and one under the last
(on every page an entry runs onto).

reportlab's Table measured every cell of an entry again whenever it wrapped, split or drew it
(a 30-item, 4-paket pembahasan broke each paragraph's lines five times over), and each paket
measured the same explanation once more. Here a cell's flowables are a `Stack`, measured once
per width; one Stack may stand in the entries of every paket. The look is the Table's: the same
paddings, gaps between stacked flowables, rules and round line caps.

An entry splits between its labelled rows only, never before its first one (tag, stem and key
stay together); the later part opens with a tag naming the question it continues and is never
a short tail: it takes more rows instead. Only an entry whose head no page holds (a stem with a
long table) breaks inside its head: where the page ends, between the stem's paragraphs and
tables, or inside a table between its rows with its header row repeated. So the pembahasan
prints every stem its booklet prints (the booklet breaks a question between its drawings).

The same stacks draw a document's title block (`Ruled`), which was a small platypus Table too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.paragraph import _drawBullet

from latsar.render.pdf.quiz.replay import _first_baseline, bullet_overrun

# Far more height than any page: a cell's content is measured unbounded, as Table measures it.
UNBOUNDED = 72000.0
# The canvas's graphics state that the operators of drawn text and lines depend on (its saved
# state less the position and the matrices: a stack is drawn at its own origin).
DRAWING_STATE = ("_fontname", "_fontsize", "_leading", "_textMode", "_fillMode", "_charSpace", "_wordSpace",
                 "_horizScale", "_textRenderMode", "_rise", "_lineCap", "_lineJoin", "_lineDash", "_lineWidth",
                 "_mitreLimit", "_fillColorObj", "_strokeColorObj")


class Stack:
    """Flowables one under another as a table cell stacks them (the gap between two is the
    first's space after plus the second's space before), measured once per width."""

    def __init__(self, flowables: Sequence[Flowable]):
        self.flowables = tuple(flowables)
        self._width: float | None = None
        self._heights: list[float] = []
        self.height = 0.0
        self._drawn: list[tuple[tuple, list[str]]] = []  # (the state drawn from, the operators written)

    def measure(self, width: float) -> float:
        if width != self._width:
            self._heights = [f.wrap(width, UNBOUNDED)[1] for f in self.flowables]
            gaps = [f.getSpaceBefore() + f.getSpaceAfter() for f in self.flowables]
            first, last = self.flowables[:1], self.flowables[-1:]
            ends = sum(f.getSpaceBefore() for f in first) + sum(f.getSpaceAfter() for f in last)
            self.height, self._width = sum(self._heights) + sum(gaps) - ends, width
        return self.height

    def split(self, width: float, room: float) -> tuple[Stack, Stack] | None:
        """The flowables that fit `room` at `width` and the rest: between two flowables, or
        inside a table, between its rows (reportlab's split repeats its header row); None where
        nothing fits. A paragraph is not split: the booklet does not split one either."""
        self.measure(width)
        used = 0.0
        for index, (flowable, height) in enumerate(zip(self.flowables, self._heights)):
            above = flowable.getSpaceBefore() if index else 0.0
            if used + above + height > room:
                parts = flowable.split(width, room - used - above) if isinstance(flowable, Table) else []
                kept, rest = self.flowables[:index], self.flowables[index:]
                if len(parts) == 2:
                    kept, rest = (*kept, parts[0]), (parts[1], *rest[1:])
                return (Stack(kept), Stack(rest)) if kept else None
            used += above + height + flowable.getSpaceAfter()
        return None

    def draw(self, canv, x: float, top: float) -> None:
        """The first flowable's top edge at `top` (its space before is not drawn).

        Drawn relative to its own origin, so the operators it writes do not depend on where it
        stands: drawn again in the same document from the same graphics state, they are copied
        from its first drawing instead (the labels of a pembahasan stand beside every entry)."""
        canv.saveState()
        canv.translate(x, top)
        state = (canv._doc, *(canv.__dict__[name] for name in DRAWING_STATE))
        known = next((code for before, code in self._drawn if before == state), None)
        if known is None:
            start = len(canv._code)
            self._draw(canv)
            self._drawn.append((state, canv._code[start:]))
        else:
            canv._code.extend(known)
        canv.restoreState()

    def _draw(self, canv) -> None:
        y = self.flowables[0].getSpaceBefore() if self.flowables else 0.0
        for flowable, height in zip(self.flowables, self._heights):
            y -= flowable.getSpaceBefore() + height
            flowable.drawOn(canv, 0, y)
            y -= flowable.getSpaceAfter()


class Joined:
    """Stacks one under another as if their flowables were one stack, each measured and drawn as
    itself: a distractor under the same letter in two pakets is one Stack in both."""

    def __init__(self, parts: Sequence[Stack]):
        self.parts = [part for part in parts if part.flowables]
        self.height = 0.0

    def measure(self, width: float) -> float:
        heights = [part.measure(width) for part in self.parts]
        self.height = sum(heights) + sum(_gap(a, b) for a, b in zip(self.parts, self.parts[1:]))
        return self.height

    def draw(self, canv, x: float, top: float) -> None:
        for index, part in enumerate(self.parts):
            top -= _gap(self.parts[index - 1], part) if index else 0.0
            part.draw(canv, x, top)
            top -= part.height


def _gap(above: Stack, below: Stack) -> float:
    return above.flowables[-1].getSpaceAfter() + below.flowables[0].getSpaceBefore()


class Numbered:
    """A stack whose first paragraph has a bullet (a question's number) drawn apart from it, where
    reportlab draws it: the stack without the bullet is shared by every paket numbering it.
    Only for a bullet that stays inside the paragraph's indent (`numbered`): then reportlab
    breaks and places the lines the same with the bullet as without."""

    def __init__(self, stack: Stack, bullet: str):
        self.stack, self.bullet = stack, bullet
        self.height = 0.0

    @staticmethod
    def fits(stack: Stack, bullet: str) -> bool:
        first = stack.flowables[0] if stack.flowables else None
        return isinstance(first, Paragraph) and not bullet_overrun(bullet, first.style)

    def measure(self, width: float) -> float:
        self.height = self.stack.measure(width)
        return self.height

    def split(self, width: float, room: float) -> tuple[Numbered, Stack] | None:
        """As Stack.split; the number stays with the first part."""
        parts = self.stack.split(width, room)
        return (Numbered(parts[0], self.bullet), parts[1]) if parts else None

    def draw(self, canv, x: float, top: float) -> None:
        """The bullet first, as reportlab draws it (text read back in drawing order says "7. …")."""
        first = self.stack.flowables[0]
        baseline = _first_baseline(first)
        if baseline is not None:  # no line: reportlab draws no bullet either
            canv.saveState()
            canv.translate(x, top - first.height)
            _drawBullet(canv, 0, baseline, self.bullet, first.style, rtl=False)
            canv.restoreState()
        self.stack.draw(canv, x, top)


Content = Stack | Joined | Numbered


@dataclass(frozen=True)
class Slot:
    """Where a cell's content stands in its row: its left edge and width inside the paddings."""

    x: float
    width: float


@dataclass(frozen=True)
class Row:
    cells: tuple[tuple[Slot, Content], ...]
    padding: tuple[float, float]  # above and below the tallest content
    ruled: bool = False  # a hairline above the row
    least: float = 0.0  # the least height of the content

    def height(self) -> float:
        tallest = max((stack.measure(slot.width) for slot, stack in self.cells), default=0.0)
        return max(tallest, self.least) + sum(self.padding)

    def split(self, room: float) -> tuple[Row, Row] | None:
        """A row of one stack (a stem) as the part whose content fits `room` and the rest; None
        for any other row (a label beside its content keeps together) or where nothing fits."""
        (slot, content), *others = self.cells
        if others or isinstance(content, Joined):
            return None
        parts = content.split(slot.width, room - sum(self.padding))
        if parts is None:
            return None
        kept, rest = parts
        return Row(((slot, kept),), self.padding, self.ruled, self.least), Row(((slot, rest),), self.padding)

    def draw(self, canv, top: float) -> None:
        for slot, stack in self.cells:
            stack.draw(canv, slot.x, top - self.padding[0])


@dataclass(frozen=True)
class Rule:
    colour: Color
    width: float


class EntryBlock(Flowable):
    """Rows of one entry; `head` is how many rows must stay together at its top (a later part's
    own tag is one) where a page of `page_height` holds them, `continued` makes the row that
    opens a later part (only an entry that splits needs one; it is made once)."""

    def __init__(self, rows: Sequence[Row], continued: Callable[[], Row], rule: Rule, width: float, head: int,
                 tail_least: float, name: str, page_height: float):
        super().__init__()
        self.rows, self.continued, self.rule, self.width = list(rows), continued, rule, width
        self.head, self.tail_least, self.name, self.page_height = head, tail_least, name, page_height
        self.heights = [row.height() for row in self.rows]
        self.height = sum(self.heights)

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def split(self, availWidth, availHeight):
        if sum(self.heights[:self.head]) > self.page_height:
            return self._split_head(availHeight)
        cut = self._cut(availHeight)
        while 0 < cut < len(self.rows) and (short := self.tail_least - self._tail(cut)) > 0:
            availHeight -= short
            cut = self._cut(availHeight)
        if cut == 0:
            return []
        if cut == len(self.rows):
            return [self]
        return [self._part(self.rows[:cut], self.head, space_before=self.spaceBefore),
                self._part([self.continued(), *self.rows[cut:]], 2, space_before=0)]

    def _cut(self, room: float) -> int:
        """How many rows from the top to keep on this page (0: none), as Table splits by row."""
        used, cut = 0.0, 0
        for count, height in enumerate(self.heights, start=1):
            if used + height > room:
                break
            used += height
            cut = count if count >= self.head else cut
        return cut

    def _split_head(self, room: float) -> list[Flowable]:
        """A head no page holds, broken where `room` ends: after the rows that fit and the part
        of the next (a stem) that does. Nothing here when less than `tail_least` would be: a tag
        and a line at a page's foot would read as a stray."""
        used, index = 0.0, 0
        while used + self.heights[index] <= room:  # ends inside the head: it is taller than a page
            used += self.heights[index]
            index += 1
        parts = self.rows[index].split(room - used)
        kept, rest = (self.rows[:index], self.rows[index:]) if parts is None else (
            [*self.rows[:index], parts[0]], [parts[1], *self.rows[index + 1:]])
        if len(kept) < 2 or sum(row.height() for row in kept) < self.tail_least:
            return []
        # The later part keeps together what is left of this head, under its own tag.
        return [self._part(kept, len(kept), space_before=self.spaceBefore),
                self._part([self.continued(), *rest], 1 + self.head - index, space_before=0)]

    def _tail(self, cut: int) -> float:
        return self.continued().height() + sum(self.heights[cut:])

    def _part(self, rows: list[Row], head: int, space_before: float) -> EntryBlock:
        part = EntryBlock(rows, self.continued, self.rule, self.width, head, self.tail_least, self.name,
                          self.page_height)
        part.spaceBefore = space_before
        return part

    def draw(self):
        top, rules = self.height, []
        for row, height in zip(self.rows, self.heights):
            row.draw(self.canv, top)
            if row.ruled:
                rules.append(top)
            top -= height
        rules.append(top)
        canv = self.canv
        canv.saveState()
        canv.setLineCap(1)  # round, as Table draws its lines
        canv.setStrokeColor(self.rule.colour)
        canv.setLineWidth(self.rule.width)
        canv.lines([(0, y, self.width, y) for y in rules])
        canv.restoreState()

    def identity(self, maxLen=None):
        """Names the item and the tallest part of it a page must hold (the build reports both)."""
        return f"item {self.name}: <EntryBlock {len(self.rows)} rows (tallest part {self.tallest_part():.1f})>"

    def tallest_part(self) -> float:
        """The most a page must hold of this entry: its first rows, kept together, or a later row
        under the tag naming the question it continues. Its tallest row alone would understate
        it: a stem a little lower than a page still cannot stand on one with its tag."""
        later = [self.continued().height() + height for height in self.heights[self.head:]]
        return max([sum(self.heights[:self.head]), *later])


class Ruled(Flowable):
    """Stacks one under another across the width it is given, each with its padding above and
    below, and a rule under the last (a document's title block); it is never split."""

    def __init__(self, stacks: Sequence[tuple[Stack, tuple[float, float]]], rule: Rule):
        super().__init__()
        self.stacks, self.rule = list(stacks), rule
        self._heights: list[float] = []

    def wrap(self, availWidth, availHeight):
        self._heights = [stack.measure(availWidth) + sum(padding) for stack, padding in self.stacks]
        self.width, self.height = availWidth, sum(self._heights)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        return []

    def draw(self):
        canv, top = self.canv, self.height
        for (stack, (above, _)), height in zip(self.stacks, self._heights):
            stack.draw(canv, 0, top - above)
            top -= height
        canv.saveState()
        canv.setLineCap(1)  # round, as Table draws its lines
        canv.setStrokeColor(self.rule.colour)
        canv.setLineWidth(self.rule.width)
        canv.line(0, 0, self.width, 0)
        canv.restoreState()
