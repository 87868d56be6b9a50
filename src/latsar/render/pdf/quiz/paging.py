"""Where a booklet's pages break, decided from its questions' heights before it is laid out.

Questions never split, so a page ends before the first question that does not fit. Filling each
page in turn gives the fewest pages but may leave a last page holding a single question under a
wide blank; instead the breaks are chosen among all those giving the fewest pages by the least
cost: a page's blank squared (the first page's weighing more: it opens the booklet), and on the
last page, which must hold two questions where it can, only the part of its blank beyond
1 - LAST_PAGE_FILL of the page (squared, weighed more). So the room a fuller last page takes is
spread over the pages before it.

Heights are measured once (a question block keeps its measurement), so the document is then
built once with a page break before each page's first question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from reportlab.platypus import Flowable, PageBreak

LAST_PAGE_FILL = 0.5  # the last page's text block should be at least this full
LAST_PAGE_WEIGHT = 4.0  # its missing fill weighs this much more than another page's blank
FIRST_PAGE_WEIGHT = 3.0  # a blank under the cover shows more than one on a later page
FUZZ = 1e-6  # reportlab's frames accept this much overflow


@dataclass(frozen=True)
class Block:
    """A question's height and the gap after it when another follows on the same page."""

    height: float
    gap: float


def paged(story: Sequence[Flowable], is_question: type, width: float, height: float) -> list[Flowable]:
    """`story` with a PageBreak before each page's first question (after the first page): the
    flowables of exactly the type `is_question` (not of a subclass). Flowables before the first
    question (the cover) share the first page with questions; a story whose cover or some
    question is taller than a page is returned as it is."""
    questions = [i for i, f in enumerate(story) if type(f) is is_question]
    if len(questions) < 2:
        return list(story)
    cover = _stacked(story[:questions[0]], width, height)
    blocks = [Block(story[i].wrap(width, height)[1], story[i].getSpaceAfter()) for i in questions]
    if cover + blocks[0].height > height or any(b.height > height for b in blocks):
        return list(story)
    starts = set(page_starts(blocks, height - cover, height)[1:])
    out: list[Flowable] = list(story[:questions[0]])
    for number, index in enumerate(questions):
        out += [PageBreak()] if number in starts else []
        out += story[index:questions[number + 1] if number + 1 < len(questions) else len(story)]
    return out


def _stacked(flowables: Sequence[Flowable], width: float, height: float) -> float:
    """The height a frame uses for `flowables` stacked from its top, the space after the last included."""
    used = 0.0
    for flowable in flowables:
        used += flowable.wrap(width, height)[1] + flowable.getSpaceAfter()
    return used


def page_starts(blocks: Sequence[Block], first: float, height: float) -> list[int]:
    """The index of each page's first block: the fewest pages, then the least cost (module
    docstring). `first` is the room on the first page, `height` on every other."""
    heights = Heights(blocks)
    greedy = heights.greedy(first, height)
    pages, n = len(greedy), len(blocks)
    if pages < 2:
        return greedy
    # best[k][j]: (cost, start of page k) of the first j blocks set on k pages.
    best: list[dict[int, tuple[float, int]]] = [{0: (0.0, -1)}]
    for k in range(1, pages + 1):
        room, row, last_page = first if k == 1 else height, {}, k == pages
        for i, (cost, _) in best[k - 1].items():
            for j in range(i + 1, n + 1):
                used = heights.used(i, j)
                if used > room + FUZZ:
                    break
                if last_page and j != n:
                    continue
                total = cost + _cost(room - used, room, last_page, j - i) * (FIRST_PAGE_WEIGHT if k == 1 else 1)
                if j not in row or total < row[j][0]:
                    row[j] = (total, i)
        best.append(row)
    if n not in best[pages]:
        return greedy
    starts, j = [], n
    for k in range(pages, 0, -1):
        j = best[k][j][1]
        starts.append(j)
    return starts[::-1]


class Heights:
    """Page heights of runs of blocks, from running sums."""

    def __init__(self, blocks: Sequence[Block]):
        self.blocks, self.tops = blocks, [0.0]
        for block in blocks:
            self.tops.append(self.tops[-1] + block.height + block.gap)

    def used(self, start: int, end: int) -> float:
        """Height of blocks[start:end] on one page: the gaps between them, not after the last."""
        return self.tops[end] - self.tops[start] - self.blocks[end - 1].gap

    def greedy(self, first: float, height: float) -> list[int]:
        """The first block of each page when every page takes all the blocks that fit."""
        starts, room = [0], first
        for end in range(1, len(self.blocks) + 1):
            if end - 1 > starts[-1] and self.used(starts[-1], end) > room + FUZZ:
                starts.append(end - 1)
                room = height
        return starts


def _cost(blank: float, room: float, last_page: bool, count: int) -> float:
    if not last_page:
        return blank ** 2
    if count < 2:
        return 1e12  # never a lone question on the last page when another can join it
    missing = max(0.0, blank - room * (1 - LAST_PAGE_FILL))
    return LAST_PAGE_WEIGHT * missing ** 2
