"""The question booklet of one version (soal-paket-<X>.pdf).

The first page opens with a cover block (title, version badge, identity fields, instructions,
time allowed); the questions follow in the version's order with its option order. An item never
splits across pages. Options sit in one row when all of them are short, in two columns when
they fit half the width, else one per line: a choice of looks only, made the same way for an
item in every version.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import Callable, Mapping, Sequence
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from latsar.plan.quizdocs import Booklet, ItemText, QuizDocs
from latsar.plan.types import LETTERS, PlannedItem
from latsar.render.pdf.quiz.common import ItemBlock, QuizDoc, RunningText, metadata, para, quiz_styles, writer
from latsar.render.pdf.quiz.paging import paged
from latsar.render.pdf.quiz.replay import Drawn, Placed, Recorder, Replayed, bullet_overrun
from latsar.render.pdf.theme import Theme, table_commands


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


def booklet_pdf(job: BookletJob, theme: Theme, items: Items | None = None) -> bytes:
    """The booklet; `items` may carry what earlier booklets of the same quiz already worked out.

    Its page breaks are chosen before it is laid out (latsar.render.pdf.quiz.paging): the last
    page holds two questions or more and is not left nearly empty."""
    recorded = (items or Items(theme)).recorded(job.texts, job.printed)
    labels, info, version = theme.labels, job.booklet.info, job.booklet.version
    name = f"{labels['quiz_version']} {version.code}"
    running = RunningText(f"{info.title} · {info.institution}", name.upper(), name)
    meta = metadata(info, labels, f"{labels['quiz_booklet']} {name}")
    questions = [recorded.block(number, job.texts[planned.item_id], planned)
                 for number, planned in enumerate(version.items, start=1)]
    cover = CoverBlock(cover_block(theme, job.booklet), 0.0, recorded.page_height)
    story = paged([cover, *questions], Replayed, theme.frame_width, recorded.page_height)
    fonts = frozenset().union(*(q.fonts() for q in questions))
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


# --------------------------------------------------------------------------- the cover block


class CoverBlock(ItemBlock):
    """The cover's flowables stacked as one block, measured once (not a question)."""


def cover_block(theme: Theme, booklet: Booklet) -> list[Flowable]:
    return [_masthead(theme, booklet), Spacer(1, 10), _identity(theme), Spacer(1, 10),
            _instructions(theme, booklet), Spacer(1, theme.leading)]


def _masthead(theme: Theme, booklet: Booklet) -> Table:
    """Title and programme on the left; the version code in an accent badge on the right."""
    styles, labels = quiz_styles(theme), theme.labels
    terms = theme.foreign_terms
    left = [para(styles, labels["quiz_booklet"].upper(), "q-kicker"), para(styles, booklet.info.title, "q-title", terms)]
    left += [para(styles, line, "q-detail", terms) for line in booklet.details]
    badge = [para(styles, labels["quiz_version"].upper(), "q-badge-label"),
             para(styles, booklet.version.code, "q-badge")]
    badge_width = 27 * mm
    table = Table([[left, badge]], colWidths=[theme.frame_width - badge_width, badge_width])
    table.setStyle(TableStyle(table_commands(
        theme, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (0, 0), 0), ("RIGHTPADDING", (0, 0), (0, 0), 10),
        ("BACKGROUND", (1, 0), (1, 0), theme.colour("accent")),
        ("TOPPADDING", (1, 0), (1, 0), 8), ("BOTTOMPADDING", (1, 0), (1, 0), 10),
        ("LINEBELOW", (0, 0), (0, 0), 1.5, theme.colour("accent")),
        ("BOTTOMPADDING", (0, 0), (0, 0), 8),
    )))
    return table


def _identity(theme: Theme) -> Table:
    """Name, ID, agency and date, each with a line to write on."""
    styles, labels = quiz_styles(theme), theme.labels
    rows = [[para(styles, labels["quiz_name"], "q-label"), "", para(styles, labels["quiz_id_number"], "q-label"), ""],
            [para(styles, labels["quiz_agency"], "q-label"), "", para(styles, labels["quiz_date"], "q-label"), ""]]
    width, style = theme.frame_width, styles["q-label"]

    def room(*keys: str) -> float:  # the longest label of a column, within reason
        longest = max(stringWidth(labels[k], style.fontName, style.fontSize) for k in keys)
        return min(longest + 10, width * 0.3)

    label_left, label_right = room("quiz_name", "quiz_agency"), room("quiz_id_number", "quiz_date")
    widths = [label_left, width * 0.5 - label_left - 8, label_right + 16, width * 0.5 - label_right - 8]
    table = Table(rows, colWidths=widths, rowHeights=[24, 24], hAlign="LEFT")
    table.setStyle(TableStyle(table_commands(
        theme, ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (2, 0), (2, -1), 16),
        ("LINEBELOW", (1, 0), (1, -1), 0.6, theme.colour("muted")),
        ("LINEBELOW", (3, 0), (3, -1), 0.6, theme.colour("muted")),
    )))
    return table


def _instructions(theme: Theme, booklet: Booklet) -> Table:
    """A tinted box: the petunjuk, then its facts (time allowed, number of questions, …) on one line."""
    styles, labels = quiz_styles(theme), theme.labels
    rows = [[para(styles, labels["quiz_instructions"], "q-heading")]]
    rows += [[f] for f in writer(theme).flowables(booklet.instructions, "q-small")]
    facts = "\u2002·\u2002".join(f"<b>{escape(label)}:</b> {escape(value)}" for label, value in booklet.facts)
    rows.append([Paragraph(facts, styles["q-small"])])
    table = Table(rows, colWidths=[theme.frame_width])
    table.setStyle(TableStyle(table_commands(
        theme, ("BACKGROUND", (0, 0), (-1, -1), theme.colour("tint")),
        ("LINEBEFORE", (0, 0), (0, -1), 3, theme.colour("accent")),
        ("LEFTPADDING", (0, 0), (-1, -1), 12), ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, 0), 8), ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
        ("TOPPADDING", (0, -1), (-1, -1), 4),
    )))
    return table


# --------------------------------------------------------------------------- the items


class Items:
    """What the booklets of one quiz share, worked out once (per process): see Recorded. A
    booklet is the same whichever booklets were made before it with the same Items."""

    def __init__(self, theme: Theme):
        self.theme = theme
        self.page_height = theme.page_size[1] - theme.margins[0] - theme.margins[1]
        self._recorded: tuple[tuple, Recorded] | None = None

    def recorded(self, texts: Mapping[str, ItemText], printed: Mapping[str, tuple[int, ...]]) -> Recorded:
        if self._recorded is None or self._recorded[0] != (texts, printed):
            self._recorded = ((texts, printed), Recorded(self.theme, texts, printed, self.page_height))
        return self._recorded[1]


class Recorded:
    """Every stem and option of a quiz broken into lines and drawn once, for all its versions
    (see latsar.render.pdf.quiz.replay), with each item's option layout and the numbers and
    letters that mark them: a version's question only places these. Recorded in the order of
    the item ids, whichever versions a process makes; `printed` holds each item's printed
    options (authored indices)."""

    def __init__(self, theme: Theme, texts: Mapping[str, ItemText], printed: Mapping[str, tuple[int, ...]],
                 page_height: float):
        self.theme, self.w, self.page_height = theme, writer(theme, stems=True), page_height
        self.styles = self.w.styles
        families = (theme.body_font, theme.heading_font)
        self.recorder = Recorder(theme.page_size, list(dict.fromkeys(n for f in families for n in f.names)),
                                 theme.body_font.regular, theme.body_size, theme.leading)
        self._texts: dict[tuple[str, str, float, float], tuple[Drawn, ...]] = {}
        self._bullets: dict[tuple[str, str], Drawn] = {}
        self._columns: dict[str, int] = {}
        for item_id in sorted(printed):
            self._record_item(item_id, texts[item_id], printed[item_id], len(printed))
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
        style = self.styles[role]
        key = (text, role, width, bullet_overrun(bullet, style))
        self.bullet(bullet, role)
        if key not in self._texts:
            flowables = self.w.flowables(text, role, bullet)
            if not flowables or not isinstance(flowables[0], Paragraph):  # a text opening with a list
                flowables.insert(0, Paragraph("", style, bulletText=bullet))
            self._texts[key] = tuple(self.recorder.record(f, width, self.page_height) for f in flowables)
        return self._texts[key]

    def bullet(self, bullet: str, role: str) -> Drawn:
        if (bullet, role) not in self._bullets:
            self._bullets[bullet, role] = self.recorder.record_bullet(bullet, self.styles[role])
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
        """One numbered question with its options in the version's order, kept on one page."""
        stack = Stack()
        stack.add(self.text(text.stem, "q-stem", self.theme.frame_width, f"{number}."), self.bullet(f"{number}.", "q-stem"))
        count = self._columns[planned.item_id]
        role, width = self.option_role(count)
        options = [(f"{LETTERS[k]}.", text.options[index]) for k, index in enumerate(planned.choice_order)]
        drawn = [(self.text(option, role, width, letter), self.bullet(letter, role)) for letter, option in options]
        if count:
            stack.grid(drawn, count, width, self.styles["q-stem"].leftIndent)
        else:
            for parts, bullet in drawn:
                stack.add(parts, bullet)
        return Replayed(stack.placed, stack.bottom, self.theme.leading * 0.55)


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


def _one_line(paragraph: Paragraph, width: float) -> bool:
    paragraph.wrap(width - 6, 1e6)  # keep a small gap to the next column
    return len(paragraph.blPara.lines) <= 1
