"""The question booklet of one version (soal-paket-<X>.pdf).

The first page opens with a cover block (title, version badge, identity fields, instructions,
time allowed); the questions follow in the version's order with its option order. An item never
splits across pages unless a page cannot hold it: then it breaks between its paragraphs and
tables, and a table taller than a page between its rows, its header row repeated. Options sit in one row when all of them are short, in two columns when
they fit half the width, else one per line: a choice of looks only, made the same way for an
item in every version.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import Callable, Mapping, Sequence

from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.platypus import Flowable, Paragraph, Table

from latsar.collector import collected_after
from latsar.plan.quizdocs import Booklet, ItemText, QuizDocs
from latsar.plan.types import LETTERS, PlannedItem
from latsar.render.pdf.quiz.common import QuizDoc, RunningText, metadata, writer
from latsar.render.pdf.quiz.cover import CoverLayouts
from latsar.render.pdf.quiz.paging import paged
from latsar.render.pdf.quiz.replay import Drawn, Placed, Recorder, Replayed, bullet_overrun
from latsar.render.pdf.theme import Theme


@dataclass(frozen=True)
class BookletJob:
    """Everything one booklet needs, small enough to send to a worker process."""

    booklet: Booklet
    texts: Mapping[str, ItemText]
    printed: Mapping[str, tuple[int, ...]]  # by item, the options it prints in any version (the same in all)


def booklet_jobs(docs: QuizDocs) -> list[BookletJob]:
    """One job per version, in the plan's order."""
    printed: dict[str, set[int]] = {}
    for booklet in docs.booklets:
        for planned in booklet.version.items:
            printed.setdefault(planned.item_id, set()).update(planned.choice_order)
    shared = {item_id: tuple(sorted(options)) for item_id, options in sorted(printed.items())}
    return [BookletJob(booklet, docs.texts, shared) for booklet in docs.booklets]


@collected_after
def booklet_pdf(job: BookletJob, theme: Theme, items: Items | None = None) -> bytes:
    """The booklet; `items` may carry what earlier booklets of the same quiz already worked out.

    Its page breaks are chosen before it is laid out (latsar.render.pdf.quiz.paging): the last
    page holds two questions or more and is not left nearly empty."""
    recorded = (items or Items(theme)).recorded(job)
    labels, info, version = theme.labels, job.booklet.info, job.booklet.version
    name = f"{labels['quiz_version']} {version.code}"
    running = RunningText(f"{info.title} · {info.institution}", name.upper(), name)
    meta = metadata(info, labels, f"{labels['quiz_booklet']} {name}")
    questions = [recorded.block(number, job.texts[planned.item_id], planned)
                 for number, planned in enumerate(version.items, start=1)]
    cover = recorded.cover.cover(job.booklet)
    story = paged([cover, *questions], Replayed, theme.frame_width, recorded.page_height)
    fonts = frozenset().union(*(block.fonts() for block in (cover, *questions)))
    return _render(theme, running, story, lambda doc: recorded.recorder.seed(doc, fonts), meta)


class BookletDoc(QuizDoc):
    """A QuizDoc seeded, before it draws anything, with the fonts of the drawings it replays."""

    def __init__(self, buffer: BytesIO, theme: Theme, running: RunningText, seed: Callable[[PDFDocument], None],
                 **metadata: str):
        super().__init__(buffer, theme, running, **metadata)
        self._seed = seed

    def beforeDocument(self):
        super().beforeDocument()
        self._seed(self.canv._doc)


def _render(theme: Theme, running: RunningText, story: list[Flowable], seed: Callable[[PDFDocument], None],
            meta: Mapping[str, str]) -> bytes:
    buffer = BytesIO()
    BookletDoc(buffer, theme, running, seed, **meta).render(story)
    return buffer.getvalue()


# --------------------------------------------------------------------------- the items


class Items:
    """What the booklets of one quiz share, worked out once (per process): see Recorded. A
    booklet is the same whichever booklets were made before it with the same Items."""

    def __init__(self, theme: Theme):
        self.theme = theme
        self.page_height = theme.frame_height
        self._recorded: tuple[tuple, Recorded] | None = None

    def recorded(self, job: BookletJob) -> Recorded:
        """What the booklets of `job`'s quiz share (its texts, printed options and cover lines)."""
        quiz = (job.texts, job.printed, job.booklet.info, job.booklet.details)
        if self._recorded is None or self._recorded[0] != quiz:
            self._recorded = (quiz, Recorded(self.theme, job, self.page_height))
        return self._recorded[1]


class Recorded:
    """Every stem and option of a quiz broken into lines and drawn once, for all its versions
    (see latsar.render.pdf.quiz.replay), with each item's option layout and the numbers and
    letters that mark them, and the cover (CoverLayouts): a version's question only places
    these. Recorded in the order of the item ids, whichever versions a process makes."""

    def __init__(self, theme: Theme, job: BookletJob, page_height: float):
        self.theme, self.w, self.page_height = theme, writer(theme, stems=True), page_height
        self.styles = self.w.styles
        families = (theme.body_font, theme.heading_font)
        self.recorder = Recorder(theme.page_size, list(dict.fromkeys(n for f in families for n in f.names)),
                                 theme.body_font.regular, theme.body_size, theme.leading)
        self._texts: dict[tuple[str, str, float, float], tuple[Drawn, ...]] = {}
        self._bullets: dict[tuple[str, str], tuple[Drawn, float]] = {}
        self._columns: dict[str, int] = {}
        for item_id in sorted(job.printed):
            self._record_item(item_id, job.texts[item_id], job.printed[item_id], len(job.printed))
        self.cover = CoverLayouts(theme, job.booklet, self.recorder, page_height)
        self.recorder.seal()

    def _record_item(self, item_id: str, text: ItemText, printed: Sequence[int], most: int) -> None:
        for number in range(1, most + 1):
            self.text(text.stem, "q-stem", self.theme.frame_width, f"{number}.")
        options = [text.options[index] for index in printed]
        letters = [f"{LETTERS[k]}." for k in range(len(options))]
        count = self._columns[item_id] = self.option_columns(options, letters)
        role, width = self.option_role(count)
        for option in options:
            for letter in letters:
                self.text(option, role, width, letter)

    def option_role(self, count: int) -> tuple[str, float]:
        """The role and width of options `count` in a row (0: one per line)."""
        if not count:
            return "q-option-list", self.theme.frame_width
        return "q-option", (self.theme.frame_width - self.styles["q-stem"].leftIndent) / count

    def text(self, text: str, role: str, width: float, bullet: str) -> tuple[Drawn, ...]:
        """`text` drawn in `role` at `width`, its first paragraph making room for `bullet`."""
        key = (text, role, width, self.bullet(bullet, role)[1])
        if key not in self._texts:
            flowables, carries = self._flowables(text, role, bullet)
            flowables = page_parts(flowables, width, self.page_height)
            self._texts[key] = tuple(self.recorder.record(f, width, self.page_height, bullet_apart=carries and not n)
                                     for n, f in enumerate(flowables))
        return self._texts[key]

    def _flowables(self, text: str, role: str, bullet: str) -> tuple[list[Flowable], bool]:
        """`text`'s flowables, and whether the first carries `bullet`: not when a stem opens
        with a list, whose items keep their own bullets (the number stands in the margin beside
        the first). An option's letter would fall on its list's first bullet: it takes its place."""
        plain = self.w.flowables(text, role)
        if plain and isinstance(plain[0], Paragraph):
            if plain[0].bulletText is not None and role == "q-stem":
                return plain, False
            return [self.w.bulleted(plain[0], bullet), *plain[1:]], True
        return [Paragraph("", self.styles[role], bulletText=bullet), *plain], True

    def bullet(self, bullet: str, role: str) -> tuple[Drawn, float]:
        """The bullet drawn, and how far it pushes its paragraph's first line right."""
        if (bullet, role) not in self._bullets:
            style = self.styles[role]
            self._bullets[bullet, role] = (self.recorder.record_bullet(bullet, style), bullet_overrun(bullet, style))
        return self._bullets[bullet, role]

    def option_columns(self, options: Sequence[str], letters: Sequence[str]) -> int:
        """Options per row: all in one row, else two columns, when each fits its cell on one
        line; 0 (one per line) when some option is long or more than one paragraph."""
        cells = [self.w.flowables(option, "q-option", letter) for option, letter in zip(options, letters)]
        if any(len(c) != 1 or not isinstance(c[0], Paragraph) for c in cells):
            return 0
        width = self.theme.frame_width - self.styles["q-stem"].leftIndent
        for count in dict.fromkeys((len(options), 2)):
            if all(_one_line(c[0], width / count) for c in cells):
                return count
        return 0

    def block(self, number: int, text: ItemText, planned: PlannedItem) -> Replayed:
        """One numbered question with its options in the version's order, kept on one page (where
        a page holds it; else broken anywhere but between the stem and its first option)."""
        stack = Stack()
        stack.add(self.text(text.stem, "q-stem", self.theme.frame_width, f"{number}."), self.bullet(f"{number}.", "q-stem")[0])
        stem_drawings = len(stack.placed)
        count = self._columns[planned.item_id]
        role, width = self.option_role(count)
        options = [(f"{LETTERS[k]}.", text.options[index]) for k, index in enumerate(planned.choice_order)]
        drawn = [(self.text(option, role, width, letter), self.bullet(letter, role)[0]) for letter, option in options]
        if count:
            stack.grid(drawn, count, width, self.styles["q-stem"].leftIndent)
        else:
            for parts, bullet in drawn:
                stack.add(parts, bullet)
        first_option = min((p.top for p in stack.placed[stem_drawings:] if p.drawn.height > 0), default=None)
        return Replayed(stack.placed, stack.bottom, self.theme.leading * 0.55, planned.item_id, self.page_height,
                        joined=first_option)


class Stack:
    """Drawings stacked top down as platypus stacks flowables in a frame: between two, the larger
    of the space after the one and before the other."""

    def __init__(self) -> None:
        self.placed: list[Placed] = []
        self.bottom = 0.0
        self._after: float | None = None  # space after the last drawing; None: nothing yet

    def add(self, parts: Sequence[Drawn], bullet: Drawn) -> None:
        """A text's drawings, `bullet` marking the first."""
        for index, drawn in enumerate(parts):
            top = self.bottom + (0.0 if self._after is None else max(drawn.space_before, self._after))
            if index == 0 and drawn.baseline is not None:  # the bullet first: text is read in drawing order
                self.placed.append(Placed(0.0, top + drawn.height - drawn.baseline, bullet))
            self.placed.append(Placed(0.0, top, drawn))
            self.bottom, self._after = top + drawn.height, drawn.space_after

    def grid(self, cells: Sequence[tuple[Sequence[Drawn], Drawn]], columns: int, width: float, indent: float) -> None:
        """One-paragraph texts in `columns` cells of `width` a row, filled row by row (A B / C D):
        reading order and text extraction both give A, B, C, D."""
        top = self.bottom + (self._after or 0.0)
        for start in range(0, len(cells), columns):
            row = cells[start:start + columns]
            for column, ((drawn,), bullet) in enumerate(row):
                x = indent + column * width
                self.placed.append(Placed(x, top + drawn.height - drawn.baseline, bullet))
                self.placed.append(Placed(x, top, drawn))
            top += max(drawn.height + drawn.space_after for (drawn,), _ in row)
        self.bottom, self._after = top, 0.0


def page_parts(flowables: Sequence[Flowable], width: float, page: float) -> list[Flowable]:
    """`flowables` with each table taller than a page split into parts a page holds (reportlab's
    Table.split, which repeats the header row): a question breaks only between its drawings
    (Replayed). The first part is as tall as a page leaves under what stands above it in the
    text, so that in a question that opens a page the table fills it."""
    if not any(isinstance(f, Table) and f.wrap(width, page)[1] > page for f in flowables):
        return list(flowables)
    out: list[Flowable] = []
    used = 0.0
    for flowable in flowables:
        used += max(flowable.getSpaceBefore(), out[-1].getSpaceAfter()) if out else 0.0
        height = flowable.wrap(width, page)[1]
        out += _table_parts(flowable, width, page - used, page) if isinstance(flowable, Table) and height > page \
            else [flowable]
        used += height
    return out


def _table_parts(table: Table, width: float, first: float, page: float) -> list[Flowable]:
    """`table` in parts, the first at most `first` high (or a page, when `first` holds no row
    under the header), the others at most a page; one taller than a page where a row is."""
    parts: list[Flowable] = []
    rest, room = table, first
    while rest.wrap(width, page)[1] > room:
        split = rest.split(width, room)
        if len(split) != 2:
            if room == page:
                break
            room = page
            continue
        parts.append(split[0])
        rest, room = split[1], page
    return parts + [rest]


def _one_line(paragraph: Paragraph, width: float) -> bool:
    paragraph.wrap(width - 6, 1e6)  # keep a small gap to the next column
    return len(paragraph.blPara.lines) <= 1
