"""The test blueprint (kisi-kisi.pdf), on landscape paper: header fields, then one row per
master item with the usual columns (no, kompetensi, materi, indikator soal, level, bentuk soal,
nomor soal in each version), every word of them from the plan's KisiDoc.

Consecutive rows of one objective share merged kompetensi and indikator cells (and materi, when
it is the same too), as hand-made kisi-kisi do; reportlab never splits a table inside a merged
cell, so a group moves to the next page whole. With more versions than fit beside the columns,
the numbers move to a table of their own (rows = master items, columns = versions).
"""

from __future__ import annotations

from typing import Callable, Sequence
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from latsar.plan.quizdocs import KisiDoc, KisiRow
from latsar.render.pdf.markup import plain
from latsar.render.pdf.quiz.common import (
    RunningText, chunks, grid_table, metadata, para, quiz_styles, render_pdf, title_block,
)
from latsar.render.pdf.theme import Theme, table_commands

INLINE_VERSIONS = 6  # version columns that fit beside the text columns
VERSION_WIDTH = 10 * mm
FIXED = {"no": 9 * mm, "level": 13 * mm, "form": 16 * mm}
SHARES = (0.36, 0.26, 0.38)  # kompetensi, materi, indikator: the rest of the width


def kisi_pdf(doc: KisiDoc, theme: Theme) -> bytes:
    labels, info = theme.labels, doc.info
    width = _landscape_width(theme)
    inline = len(doc.versions) <= INLINE_VERSIONS
    story: list[Flowable] = [title_block(theme, labels["kisi_title"], info.title, doc.details),
                             Spacer(1, 8), _fields(doc, theme, width), Spacer(1, 12),
                             Blueprint(doc, theme, width).table(inline)]
    if not inline:
        story += [Spacer(1, theme.leading), para(quiz_styles(theme), labels["kisi_numbers_title"], "q-heading")]
        per_table = int((width - FIXED["no"]) // VERSION_WIDTH)
        for group in chunks(range(len(doc.versions)), per_table):
            story += [numbers_table(doc, group, theme), Spacer(1, theme.leading * 0.8)]
    running = RunningText(f"{info.title} · {labels['kisi_title']}", info.cohort_year)
    return render_pdf(theme, running, story, landscape=True, **metadata(info, labels, labels["kisi_title"]))


def _landscape_width(theme: Theme) -> float:
    side = min(theme.margins[2], theme.margins[3])
    return max(theme.page_size) - 2 * side


def _fields(doc: KisiDoc, theme: Theme, width: float) -> Table:
    """The header fields of a kisi-kisi, two pairs per row."""
    styles, pairs = quiz_styles(theme), doc.fields
    rows = [[para(styles, a, "q-label"), para(styles, b, "q-cell"), para(styles, c, "q-label"), para(styles, d, "q-cell")]
            for (a, b), (c, d) in zip(pairs[0::2], pairs[1::2])]
    label, value = 30 * mm, width / 2 - 30 * mm
    table = Table(rows, colWidths=[label, value, label, value], hAlign="LEFT")
    table.setStyle(TableStyle(table_commands(
        theme, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    )))
    return table


class Blueprint:
    """The main table: one row per master item."""

    def __init__(self, doc: KisiDoc, theme: Theme, width: float):
        self.doc, self.theme, self.width = doc, theme, width
        self.styles, self.labels = quiz_styles(theme), theme.labels

    def table(self, inline: bool) -> Table:
        """`inline`: with a column of question numbers per version."""
        versions = self.doc.versions if inline else ()
        header = self._header(versions)
        rows = [self._row(row, inline) for row in self.doc.rows]
        spans = self._spans(len(header))
        extra = [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (2, 1)),
                 ("SPAN", (3, 0), (3, 1)), ("SPAN", (4, 0), (4, 1)), ("SPAN", (5, 0), (5, 1))]
        if versions:
            extra.append(("SPAN", (6, 0), (5 + len(versions), 0)))
        extra += [("VALIGN", (4, 2), (-1, -1), "MIDDLE"), ("VALIGN", (0, 2), (0, -1), "MIDDLE")]
        return grid_table(self.theme, header + rows, self._widths(len(versions)), len(header), *extra, *spans)

    def _widths(self, versions: int) -> list[float]:
        rest = self.width - sum(FIXED.values()) - versions * VERSION_WIDTH
        text = [rest * share for share in SHARES]
        return [FIXED["no"], *text, FIXED["level"], FIXED["form"]] + [VERSION_WIDTH] * versions

    def _header(self, versions: Sequence[str]) -> list[list]:
        s, labels = self.styles, self.labels
        names = ["question_number", "kisi_competency", "kisi_material", "kisi_indicator", "kisi_level", "kisi_form"]
        top = [para(s, labels[name], "q-head") for name in names]
        if not versions:
            return [top, [""] * len(top)]
        top += [para(s, labels["kisi_numbers"], "q-head")] + [""] * (len(versions) - 1)
        bottom = [""] * len(names) + [para(s, code, "q-head") for code in versions]
        return [top, bottom]

    def _row(self, row: KisiRow, inline: bool) -> list:
        s = self.styles
        terms = self.theme.foreign_terms
        cells = [para(s, str(row.number), "q-cell-c"), para(s, row.competency, "q-cell", terms), self._materi(row),
                 para(s, row.indicator, "q-cell", terms), para(s, row.level, "q-cell-c"), para(s, row.form, "q-cell-c")]
        return cells + ([para(s, number, "q-cell-c") for number in row.numbers] if inline else [])

    def _materi(self, row: KisiRow) -> Paragraph:
        """The module, and under it in muted type the chapter that teaches the item."""
        terms = self.theme.foreign_terms
        text = plain(row.module, terms) + (f"<br/><font color='{self.theme.colours.muted}'>{plain(row.chapter, terms)}</font>"
                                     if row.chapter else "")
        return Paragraph(text, self.styles["q-cell"])

    def _spans(self, first_row: int) -> list[tuple]:
        """SPAN commands merging runs of rows with the same objective (column 1) and, within
        those, the same materi (column 2) or the same indikator soal (column 3)."""
        rows = self.doc.rows

        def objective(i: int) -> str:
            return rows[i].objective_id

        def materi(i: int) -> tuple:
            return rows[i].objective_id, rows[i].chapter_id

        def indicator(i: int) -> tuple:
            return rows[i].objective_id, rows[i].indicator

        out = []
        for column, key in ((1, objective), (3, indicator), (2, materi)):
            for start, end in _runs(len(rows), key):
                if end > start:
                    out.append(("SPAN", (column, first_row + start), (column, first_row + end)))
        return out


def _runs(count: int, key: Callable[[int], object]) -> list[tuple[int, int]]:
    """(first, last) indices of the runs of equal keys."""
    runs: list[tuple[int, int]] = []
    for index in range(count):
        if runs and key(runs[-1][0]) == key(index):
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


def numbers_table(doc: KisiDoc, columns: Sequence[int], theme: Theme) -> Table:
    """Rows = master items, columns = these versions (by index): where each item sits in each."""
    styles, labels = quiz_styles(theme), theme.labels
    head = [para(styles, labels["question_number"], "q-head")] + [para(styles, doc.versions[c], "q-head")
                                                                  for c in columns]
    rows = [[para(styles, str(row.number), "q-cell-c")] + [para(styles, row.numbers[c], "q-cell-c") for c in columns]
            for row in doc.rows]
    return grid_table(theme, [head] + rows, [FIXED["no"]] + [VERSION_WIDTH] * len(columns), 1,
                      ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, theme.colour("tint")]),
                      ("TOPPADDING", (0, 1), (-1, -1), 1), ("BOTTOMPADDING", (0, 1), (-1, -1), 2))
