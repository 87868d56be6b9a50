"""The test blueprint (kisi-kisi.pdf), on landscape paper: header fields, then one row per
master item with the usual columns (no, kompetensi, materi, indikator soal, level, bentuk soal,
nomor soal in each version), every word of them from the plan's KisiDoc.

Consecutive rows of one objective share a merged kompetensi cell (and materi, and indikator
soal, where those are the same too), as hand-made kisi-kisi do; a group of merged rows moves to
the next page whole unless it is taller than a page. With more versions than fit beside the
columns, the numbers move to a table of their own (rows = master items, columns = versions).
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Callable, Sequence

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from latsar.collector import collected_after
from latsar.plan.quizdocs import KisiDoc, KisiRow
from latsar.render.pdf.grid import Cell, Content, Grid, Look, Shared, Text, cell_pool, cells, markup_text, pooled_rows, runs_text
from latsar.render.pdf.markup import bind_ellipsis, plain
from latsar.render.pdf.oneline import one_line
from latsar.render.pdf.quiz.common import (
    RunningText, chunks, metadata, para, quiz_styles, render_pdf, ruled, ruled_look, title_block,
)
from latsar.render.pdf.theme import Theme

INLINE_VERSIONS = 6  # version columns that fit beside the text columns
VERSION_WIDTH = 10 * mm
FIXED = {"no": 9 * mm, "level": 13 * mm, "form": 16 * mm}
SHARES = (0.36, 0.26, 0.38)  # kompetensi, materi, indikator: the rest of the width
FIELD_GAP = 6  # right of each header field's label and value
FIELD_PADDING = (1.5, 1.5)  # above and below a row of header fields


@collected_after
def kisi_pdf(doc: KisiDoc, theme: Theme) -> bytes:
    labels, info = theme.labels, doc.info
    width = _landscape_width(theme)
    inline = len(doc.versions) <= INLINE_VERSIONS
    shared, look = Shared(), ruled_look(theme)  # the tables' colours: one object each (see ruled_look)
    story: list[Flowable] = [title_block(theme, labels["kisi_title"], info.title, doc.details),
                             Spacer(1, 8), _fields(doc, theme, width, shared), Spacer(1, 12),
                             Blueprint(doc, theme, width).table(inline, shared, look)]
    if not inline:
        story += [Spacer(1, theme.leading), one_line(para(quiz_styles(theme), labels["kisi_numbers_title"], "q-heading"))]
        story += _numbers_tables(doc, theme, width, shared, look)
    running = RunningText(f"{info.title} · {labels['kisi_title']}", info.cohort_year)
    return render_pdf(theme, running, story, landscape=True, **metadata(info, labels, labels["kisi_title"]))


def _landscape_width(theme: Theme) -> float:
    side = min(theme.margins[2], theme.margins[3])
    return max(theme.page_size) - 2 * side


def _fields(doc: KisiDoc, theme: Theme, width: float, shared: Shared) -> Grid:
    """The header fields of a kisi-kisi, two pairs per row: labels in muted type, each value
    beside its label (6 pt clear of the next column); no rules."""
    styles, terms = quiz_styles(theme), theme.foreign_terms
    label, value = 30 * mm, width / 2 - 30 * mm

    def field(text: str, role: str, foreign_terms: Sequence[str] = ()) -> Cell:
        return Cell((runs_text(text, styles[role], foreign_terms),))

    rows = [[field(a, "q-label"), field(b, "q-cell", terms), field(c, "q-label"), field(d, "q-cell", terms)]
            for (a, b), (c, d) in zip(doc.fields[0::2], doc.fields[1::2])]
    look = Look(theme.colour("accent"), theme.colour("rule"), body_padding=FIELD_PADDING, side_padding=0,
                gap=FIELD_GAP, ruled=False)
    return Grid([label, value, label, value], (), rows, look, theme.page_size[0], shared)


class Blueprint:
    """The main table: one row per master item."""

    def __init__(self, doc: KisiDoc, theme: Theme, width: float):
        self.doc, self.theme, self.width = doc, theme, width
        self.styles, self.labels = quiz_styles(theme), theme.labels
        self.marked: dict[str, tuple[str, str, bool]] = {}
        self.muted = theme.colour("muted")  # one colour object for every chapter's line
        # A cell per distinct level and form ("C2", "PG"): measured once, and written the
        # short way after the first (a grid knows a cell it has seen by its identity).
        self.centred = cell_pool(self.styles["q-cell-c"], middle=True)

    def table(self, inline: bool, shared: Shared | None = None, look: Look | None = None) -> Grid:
        """`inline`: with a column of question numbers per version; `look`: ruled's own (ruled_look)."""
        versions = self.doc.versions if inline else ()
        return ruled(self.theme, self._widths(len(versions)), self._header(versions), self._body(inline),
                     landscape=True, shared=shared, look=look)

    def _widths(self, versions: int) -> list[float]:
        rest = self.width - sum(FIXED.values()) - versions * VERSION_WIDTH
        text = [rest * share for share in SHARES]
        return [FIXED["no"], *text, FIXED["level"], FIXED["form"]] + [VERSION_WIDTH] * versions

    def _header(self, versions: Sequence[str]) -> list[list[Cell | None]]:
        head, labels = self.styles["q-head"], self.labels
        names = ["question_number", "kisi_competency", "kisi_material", "kisi_indicator", "kisi_level", "kisi_form"]
        top: list[Cell | None] = [Cell((Text(labels[name], head),), rows=2, middle=True) for name in names]
        bottom: list[Cell | None] = [None] * len(names)
        if versions:
            top += [Cell((Text(labels["kisi_numbers"], head),), cols=len(versions), middle=True)]
            top += [None] * (len(versions) - 1)
            bottom += cells(versions, head, middle=True)
        return [top, bottom]

    def _body(self, inline: bool) -> list[list[Cell | None]]:
        """Rows of one objective share a merged kompetensi cell and, within those, rows of one
        chapter share the materi cell and rows of one indikator soal its cell."""
        rows, centred = self.doc.rows, self.styles["q-cell-c"]
        merged = zip(_merged(rows, lambda r: r.objective_id, lambda r: self._words(r.competency)),
                     _merged(rows, lambda r: (r.objective_id, r.chapter_id), self._materi),
                     _merged(rows, lambda r: (r.objective_id, r.indicator), lambda r: self._words(r.indicator)))
        return [[Cell((Text(str(row.number), centred),), middle=True), *opened, self.centred(row.level),
                 self.centred(row.form), *(cells(row.numbers, centred, middle=True) if inline else ())]
                for row, opened in zip(rows, merged)]

    def _materi(self, row: KisiRow) -> Content:
        """The module, and under it in muted type the chapter that teaches the item; both broken
        as a Paragraph breaks them where either sets a foreign term in italics."""
        module = self._marked(row.module)
        if not row.chapter:
            return (self._text(module, module[2]),)
        chapter = self._marked(row.chapter)
        italic = module[2] or chapter[2]
        return self._text(module, italic), self._text(chapter, italic, self.muted)

    def _words(self, text: str) -> Content:
        """Plain words in the cell style, some set in italics (foreign terms) as a Paragraph sets them."""
        marked = self._marked(text)
        return (self._text(marked, marked[2]),)

    def _text(self, marked: tuple[str, str, bool], italic: bool, colour: Color | None = None) -> Text:
        """A text block in the cell style (`marked`: see `_marked`): plain words, or runs of words
        some of which are set in italics, broken as a Paragraph of their markup breaks them."""
        if italic:
            return markup_text(marked[1], self.styles["q-cell"], colour)
        return Text(marked[0], self.styles["q-cell"], colour=colour)

    def _marked(self, text: str) -> tuple[str, str, bool]:
        """The text with a closing ellipsis bound, its markup (foreign terms in italics) and
        whether that sets any in italics; worked out once a text (a module's name stands in
        many rows)."""
        marked = self.marked.get(text)
        if marked is None:
            markup = plain(text, self.theme.foreign_terms)
            # The markup is the escaped words (no "<" left in them) with tags around the terms it
            # sets in italics: a tag in it is a term in italics.
            marked = self.marked[text] = (bind_ellipsis(text), markup, "<" in markup)
        return marked


def _merged(rows: Sequence[KisiRow], key: Callable[[KisiRow], object],
            content: Callable[[KisiRow], Content]) -> list[Cell | None]:
    """A column of cells merged down each run of rows with equal keys: the cell, with the
    content of the run's first row, in that row; None in the rows it covers."""
    column: list[Cell | None] = []
    for _, run in itertools.groupby(rows, key):
        first, *covered = run
        column.append(Cell(content(first), rows=len(covered) + 1))
        column += [None] * len(covered)
    return column


def _numbers_tables(doc: KisiDoc, theme: Theme, width: float, shared: Shared, base: Look | None = None) -> list[Flowable]:
    """Rows = master items, columns = versions: where each item sits in each, in tables of as
    many versions as fit across the page. The tables share their number cells (every table
    prints the same numbers), the head of their column of numbers (measured and written once),
    their look (the `base` of the document's tables, where given, with their own padding and
    zebra: one object per colour), and each row's cells, made once for every version and sliced
    for each table."""
    styles = quiz_styles(theme)
    per_table = int((width - FIXED["no"]) // VERSION_WIDTH)
    number = cell_pool(styles["q-cell-c"])
    no_head = cells([theme.labels["question_number"]], styles["q-head"], middle=True)[0]
    rows = [[number(str(row.number)), *map(number, row.numbers)] for row in doc.rows]
    look = dataclasses.replace(base or ruled_look(theme), body_padding=(1, 2), zebra=theme.colour("tint"))
    story: list[Flowable] = []
    for group in chunks(range(len(doc.versions)), per_table):
        header = [no_head, *cells(doc.versions[group.start:group.stop], styles["q-head"], middle=True)]
        body = pooled_rows([row[:1] + row[group.start + 1:group.stop + 1] for row in rows], number)
        story += [ruled(theme, [FIXED["no"]] + [VERSION_WIDTH] * len(group), [header], body, landscape=True,
                        look=look, shared=shared), Spacer(1, theme.leading * 0.8)]
    return story
