"""The question booklet of one version (soal-paket-<X>.pdf).

The first page opens with a cover block (title, version badge, identity fields, instructions,
time allowed); the questions follow in the version's order with its option order. An item never
splits across pages. Options sit in one row when all of them are short, in two columns when
they fit half the width, else one per line: a choice of looks only, made the same way for an
item in every version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from latsar.plan.quizdocs import Booklet, ItemText, QuizDocs
from latsar.plan.types import LETTERS, PlannedItem
from latsar.render.pdf.quiz.common import ItemBlock, RunningText, metadata, para, quiz_styles, render_pdf, writer
from latsar.render.pdf.quiz.paging import paged
from latsar.render.pdf.theme import Theme, table_commands
from latsar.text.markdown import Paragraph as MdParagraph, parse


@dataclass(frozen=True)
class BookletJob:
    """Everything one booklet needs, small enough to send to a worker process."""

    booklet: Booklet
    texts: Mapping[str, ItemText]


def booklet_jobs(docs: QuizDocs) -> list[BookletJob]:
    """One job per version, in the plan's order."""
    return [BookletJob(booklet, docs.texts) for booklet in docs.booklets]


def booklet_pdf(job: BookletJob, theme: Theme, items: Items | None = None) -> bytes:
    """The booklet; `items` may carry what earlier booklets of the same quiz already worked out.

    Its page breaks are chosen before it is laid out (latsar.render.pdf.quiz.paging): the last
    page holds two questions or more and is not left nearly empty."""
    items = items or Items(theme)
    labels, info, version = theme.labels, job.booklet.info, job.booklet.version
    name = f"{labels['quiz_version']} {version.code}"
    running = RunningText(f"{info.title} · {info.institution}", name.upper(), name)
    meta = metadata(info, labels, f"{labels['quiz_booklet']} {name}")
    story = paged(_booklet_story(job, theme, items), ItemBlock, theme.frame_width, items.page_height)
    return render_pdf(theme, running, story, **meta)


def _booklet_story(job: BookletJob, theme: Theme, items: Items) -> list[Flowable]:
    # One block, so its tables are measured once (paging measures it, then the frame).
    story: list[Flowable] = [CoverBlock(cover_block(theme, job.booklet), 0.0, items.page_height)]
    for number, planned in enumerate(job.booklet.version.items, start=1):
        story.append(items.block(number, job.texts[planned.item_id], planned))
    return story


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
    """Question flowables for the booklets of one quiz (or one batch of its booklets).

    Versions print the same texts in other orders, so three things are worked out once per text
    and reused: each paragraph's parsed markup (reportlab's parser is a large share of a
    booklet's cost), its lines at a width (see SharedParagraph) and each item's option layout.
    All depend on the text alone, so a booklet is the same whichever booklets were made before
    it with the same Items.
    """

    def __init__(self, theme: Theme):
        self.theme, self.w = theme, writer(theme, stems=True)
        self.page_height = theme.page_size[1] - theme.margins[0] - theme.margins[1]
        self._markup: dict[str, str | None] = {}  # None: not a single paragraph
        self._frags: dict[tuple[str, str], list] = {}
        self._lines: dict[tuple[str, str], dict] = {}
        self._columns: dict[str, int] = {}

    def flowables(self, text: str, role: str, bullet: str) -> list[Flowable]:
        """Like Writer.flowables; a text of one paragraph is parsed once (and only once: the
        Writer parses a bulleted paragraph twice)."""
        if text not in self._markup:
            blocks = parse(text, typographic=True).blocks
            single = len(blocks) == 1 and isinstance(blocks[0], MdParagraph)
            self._markup[text] = self.w.markup(blocks[0].spans) if single else None
        markup = self._markup[text]
        if markup is None:
            return self.w.flowables(text, role, bullet)
        key = (markup, role)
        paragraph = SharedParagraph(markup, self.w.styles[role], bullet, self._frags.get(key),
                                    self._lines.setdefault(key, {}))
        self._frags.setdefault(key, paragraph.frags)
        return [paragraph]

    def block(self, number: int, text: ItemText, planned: PlannedItem) -> ItemBlock:
        """One numbered question with its options, kept on one page."""
        styles = self.w.styles
        stem = self.flowables(text.stem, "q-stem", f"{number}.")
        if not stem or not isinstance(stem[0], Paragraph):  # a stem opening with a list still shows its number
            stem.insert(0, Paragraph("", styles["q-stem"], bulletText=f"{number}."))
        options = [(f"{LETTERS[k]}.", text.options[index]) for k, index in enumerate(planned.choice_order)]
        indent = styles["q-stem"].leftIndent
        if planned.item_id not in self._columns:
            self._columns[planned.item_id] = self.option_columns(options, self.theme.frame_width - indent)
        count = self._columns[planned.item_id]
        if count:
            cells = [self.flowables(option, "q-option", letter)[0] for letter, option in options]
            laid_out: list[Flowable] = [OptionGrid(cells, count, indent)]
        else:
            laid_out = [f for letter, option in options for f in self.flowables(option, "q-option-list", letter)]
        return ItemBlock(stem + laid_out, self.theme.leading * 0.55, self.page_height)

    def option_columns(self, options: Sequence[tuple[str, str]], width: float) -> int:
        """Options per row: all in one row, else two columns, when each fits its cell on one
        line; 0 (one per line) when some option is long or more than one paragraph."""
        cells = [self.flowables(option, "q-option", letter) for letter, option in options]
        if any(len(c) != 1 or not isinstance(c[0], Paragraph) for c in cells):
            return 0
        for count in dict.fromkeys((len(options), 2)):
            if all(_one_line(c[0], width / count) for c in cells):
                return count
        return 0


# What Paragraph.wrap leaves on the paragraph for drawing it.
WRAP_STATE = ("width", "height", "blPara", "_wrapWidths", "_width_max", "_hyphenations", "_splitLongWordCount")


class SharedParagraph(Paragraph):
    """A Paragraph whose lines are broken once for all its copies with the same words, style and
    width (`known`, shared by them): versions print the same stems and options in other orders
    under other numbers and letters. A bullet counts only where it is wider than the indent, as
    reportlab then shortens the first line."""

    def __init__(self, markup: str, style: ParagraphStyle, bullet: str, frags: list | None, known: dict):
        super().__init__(markup, style, bulletText=bullet, frags=frags)
        self._known = known

    def wrap(self, availWidth, availHeight):
        key = (availWidth, _bullet_overrun(self.bulletText, self.style))
        state = self._known.get(key)
        if state is None:
            size = super().wrap(availWidth, availHeight)
            self._known[key] = {name: self.__dict__[name] for name in WRAP_STATE if name in self.__dict__}
            return size
        self.__dict__.update(state)
        return self.width, self.height


def _bullet_overrun(bullet: str, style: ParagraphStyle) -> float:
    """How far a bullet reaches past the first line's indent (reportlab's _handleBulletWidth)."""
    if not bullet:
        return 0.0
    reach = style.bulletIndent + stringWidth(bullet, style.bulletFontName, style.bulletFontSize) + 0.6 * style.bulletFontSize
    return max(0.0, reach - style.leftIndent - style.firstLineIndent)


def _one_line(paragraph: Paragraph, width: float) -> bool:
    paragraph.wrap(width - 6, 1e6)  # keep a small gap to the next column
    return len(paragraph.blPara.lines) <= 1


class OptionGrid(Flowable):
    """Short options in `columns` equal columns, filled row by row (A B / C D), so reading
    order and text extraction both give A, B, C, D."""

    def __init__(self, paragraphs: Sequence[Paragraph], columns: int, indent: float):
        super().__init__()
        self.paragraphs, self.columns, self.indent = list(paragraphs), columns, indent
        self._rows: list[float] = []

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        cell = (availWidth - self.indent) / self.columns
        self._rows = []
        for start in range(0, len(self.paragraphs), self.columns):
            row = self.paragraphs[start:start + self.columns]
            self._rows.append(max(p.wrap(cell, availHeight)[1] + p.getSpaceAfter() for p in row))
        self.height = sum(self._rows)
        return self.width, self.height

    def draw(self):
        cell = (self.width - self.indent) / self.columns
        top = self.height
        for index, paragraph in enumerate(self.paragraphs):
            row, column = divmod(index, self.columns)
            if column == 0 and row:
                top -= self._rows[row - 1]
            paragraph.drawOn(self.canv, self.indent + column * cell, top - paragraph.height)
