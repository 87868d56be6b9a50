"""The test blueprint (kisi-kisi.pdf), on landscape paper: header fields, then one row per
master item with the usual columns (no, kompetensi, materi, indikator soal, level, bentuk soal,
nomor soal in each version).

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

from latsar.model.curriculum import Curriculum
from latsar.plan.types import QuizPlan, Version
from latsar.render.pdf.quiz.common import (
    QuizInfo, RunningText, chunks, grid_table, item_chapter, metadata, para, quiz_styles, render_pdf, title_block,
)
from latsar.render.pdf.theme import Theme, table_commands

INLINE_VERSIONS = 6  # version columns that fit beside the text columns
VERSION_WIDTH = 10 * mm
FIXED = {"no": 9 * mm, "level": 13 * mm, "form": 16 * mm}
SHARES = (0.36, 0.26, 0.38)  # kompetensi, materi, indikator: the rest of the width


def kisi_pdf(curriculum: Curriculum, plan: QuizPlan, info: QuizInfo, theme: Theme) -> bytes:
    labels = theme.labels
    width = _landscape_width(theme)
    inline = plan.versions if len(plan.versions) <= INLINE_VERSIONS else ()
    story: list[Flowable] = [title_block(theme, labels["kisi_title"], info.title, [info.programme]),
                             Spacer(1, 8), _fields(curriculum, plan, info, theme, width), Spacer(1, 12),
                             Blueprint(curriculum, plan, theme, width).table(inline)]
    if not inline:
        story += [Spacer(1, theme.leading), para(quiz_styles(theme), labels["kisi_numbers_title"], "q-heading")]
        per_table = int((width - FIXED["no"]) // VERSION_WIDTH)
        for group in chunks(plan.versions, per_table):
            story += [numbers_table(plan, group, theme), Spacer(1, theme.leading * 0.8)]
    running = RunningText(f"{info.title} · {labels['kisi_title']}", info.cohort_year)
    return render_pdf(theme, running, story, landscape=True, **metadata(info, labels, labels["kisi_title"]))


def _landscape_width(theme: Theme) -> float:
    side = min(theme.margins[2], theme.margins[3])
    return max(theme.page_size) - 2 * side


def _fields(curriculum: Curriculum, plan: QuizPlan, info: QuizInfo, theme: Theme, width: float) -> Table:
    """The header fields of a kisi-kisi, two pairs per row."""
    styles, labels, programme = quiz_styles(theme), theme.labels, curriculum.programme
    modules = list(dict.fromkeys(curriculum.module_of_item(curriculum.item_by_id[i]).title for i in plan.master))
    pairs = [(labels["kisi_organiser"], programme.institution), (labels["kisi_course"], ", ".join(modules)),
             (labels["kisi_cohort"], info.cohort_year), (labels["agenda"], programme.agenda or programme.title),
             (labels["quiz_time"], f"{info.minutes} {labels['quiz_minutes']}"),
             (labels["kisi_form"], f"{labels['kisi_form_mc_long']} ({plan.blueprint.options} {labels['kisi_options']})"),
             (labels["quiz_item_count"], f"{len(plan.master)} {labels['quiz_items_unit']}"),
             (labels["kisi_authors"], ", ".join(programme.authors) or programme.institution)]
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

    def __init__(self, curriculum: Curriculum, plan: QuizPlan, theme: Theme, width: float):
        self.curriculum, self.plan, self.theme, self.width = curriculum, plan, theme, width
        self.styles, self.labels = quiz_styles(theme), theme.labels

    def table(self, versions: Sequence[Version]) -> Table:
        header = self._header(versions)
        rows = [self._row(n, item_id, versions) for n, item_id in enumerate(self.plan.master, start=1)]
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

    def _header(self, versions: Sequence[Version]) -> list[list]:
        s, labels = self.styles, self.labels
        names = ["question_number", "kisi_competency", "kisi_material", "kisi_indicator", "kisi_level", "kisi_form"]
        top = [para(s, labels[name], "q-head") for name in names]
        if not versions:
            return [top, [""] * len(top)]
        top += [para(s, labels["kisi_numbers"], "q-head")] + [""] * (len(versions) - 1)
        bottom = [""] * len(names) + [para(s, v.code, "q-head") for v in versions]
        return [top, bottom]

    def _row(self, number: int, item_id: str, versions: Sequence[Version]) -> list:
        s, curriculum = self.styles, self.curriculum
        item = curriculum.item_by_id[item_id]
        objective = curriculum.objective_by_id[item.objective]
        row = [para(s, str(number), "q-cell-c"), para(s, objective.text, "q-cell"), self._materi(item_id),
               para(s, objective.indicator, "q-cell"), para(s, item.level, "q-cell-c"),
               para(s, self.labels["kisi_form_mc"], "q-cell-c")]
        return row + [para(s, _number_in(v, item_id), "q-cell-c") for v in versions]

    def _materi(self, item_id: str) -> Paragraph:
        item = self.curriculum.item_by_id[item_id]
        module = self.curriculum.module_of_item(item)
        chapter = item_chapter(self.curriculum, item)
        text = escape(module.title) + (f"<br/><font color='{self.theme.colours.muted}'>{escape(chapter.title)}</font>"
                                       if chapter else "")
        return Paragraph(text, self.styles["q-cell"])

    def _spans(self, first_row: int) -> list[tuple]:
        """SPAN commands merging runs of rows with the same objective (columns 1 and 3) and,
        within those, the same materi (column 2)."""
        master, curriculum = self.plan.master, self.curriculum

        def objective(i: int) -> str:
            return curriculum.item_by_id[master[i]].objective

        def materi(i: int) -> tuple:
            chapter = item_chapter(curriculum, curriculum.item_by_id[master[i]])
            return objective(i), chapter.id if chapter else ""

        out = []
        for column, key in ((1, objective), (3, objective), (2, materi)):
            for start, end in _runs(len(master), key):
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


def _number_in(version: Version, item_id: str) -> str:
    for number, planned in enumerate(version.items, start=1):
        if planned.item_id == item_id:
            return str(number)
    return "–"  # parallel forms: this version prints another item in that place


def numbers_table(plan: QuizPlan, versions: Sequence[Version], theme: Theme) -> Table:
    """Rows = master items, columns = versions: where each item sits in each version."""
    styles, labels = quiz_styles(theme), theme.labels
    head = [para(styles, labels["question_number"], "q-head")] + [para(styles, v.code, "q-head") for v in versions]
    where = [{p.item_id: n for n, p in enumerate(v.items, start=1)} for v in versions]
    rows = [[para(styles, str(n), "q-cell-c")] + [para(styles, str(w.get(item_id, "–")), "q-cell-c") for w in where]
            for n, item_id in enumerate(plan.master, start=1)]
    return grid_table(theme, [head] + rows, [FIXED["no"]] + [VERSION_WIDTH] * len(versions), 1,
                      ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, theme.colour("tint")]),
                      ("TOPPADDING", (0, 1), (-1, -1), 1), ("BOTTOMPADDING", (0, 1), (-1, -1), 2))
