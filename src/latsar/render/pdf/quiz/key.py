"""The answer key of every version in one table (kunci-jawaban.pdf): a row per question number,
a column per version. Many versions continue in further tables of the same shape, each with
the question numbers again, so every column stays wide enough to read at a glance."""

from __future__ import annotations

from typing import Sequence
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from latsar.collector import collected_after
from latsar.plan.quizdocs import KeyDoc
from latsar.plan.types import LETTERS, Version
from latsar.render.pdf.grid import Grid, Shared, cell_pool, cells, pooled_rows
from latsar.render.pdf.quiz.common import RunningText, chunks, metadata, quiz_styles, render_pdf, ruled, ruled_look, title_block
from latsar.render.pdf.theme import Theme

NUMBER_WIDTH = 14 * mm
MIN_COLUMN = 11 * mm
MAX_COLUMN = 22 * mm


@collected_after
def key_pdf(doc: KeyDoc, theme: Theme) -> bytes:
    labels, info = theme.labels, doc.info
    story: list[Flowable] = [title_block(theme, labels["answer_key"], info.title, doc.details),
                             Spacer(1, theme.leading)]
    per_table = max(1, int((theme.frame_width - NUMBER_WIDTH) // MIN_COLUMN))
    tables = KeyTables(theme)
    for group in chunks(doc.versions, per_table):
        story += [tables.table(group), Spacer(1, theme.leading)]
    running = RunningText(f"{info.title} · {labels['answer_key']}", info.cohort_year, confidential=True)
    return render_pdf(theme, running, story, **metadata(info, labels, labels["answer_key"]))


def key_table(versions: Sequence[Version], theme: Theme) -> Grid:
    return KeyTables(theme).table(versions)


class KeyTables:
    """The tables of one key, sharing their cells (every table prints the same question numbers
    and letters) and what their grids measure and write."""

    def __init__(self, theme: Theme):
        self.theme, self.styles, self.shared = theme, quiz_styles(theme), Shared()
        cell = self.styles["q-cell-c"]
        self.number, self.letter = cell_pool(cell), cell_pool(cell, font=theme.heading_font.bold)
        # The cell of each key index (what PlannedItem.key_letter prints): a key has thousands
        # of items, and the property works the letter out item by item.
        self.by_index = [self.letter(letter) for letter in LETTERS]
        # and heads every table's numbers with one cell, measured and written once
        self.no_head = cells([theme.labels["question_number"]], self.styles["q-head"], middle=True)[0]
        self.look = ruled_look(theme, body_padding=(1.5, 2.5), zebra=theme.colour("tint"))  # one for every table

    def table(self, versions: Sequence[Version]) -> Grid:
        theme, labels, letter, by_index = self.theme, self.theme.labels, self.letter, self.by_index
        count = max(len(v.items) for v in versions)
        header = [self.no_head, *cells([f"{labels['quiz_version']}\n{v.code}" for v in versions], self.styles["q-head"],
                                       middle=True)]
        columns = [[by_index[item.key_index] for item in v.items] + [letter("–")] * (count - len(v.items))
                   for v in versions]
        body = pooled_rows([[self.number(str(number)), *letters] for number, letters in enumerate(zip(*columns), start=1)],
                           self.number, letter)
        width = min(MAX_COLUMN, (theme.frame_width - NUMBER_WIDTH) / len(versions))
        table = ruled(theme, [NUMBER_WIDTH] + [width] * len(versions), [header], body,
                      look=self.look, shared=self.shared)
        table.hAlign = "CENTER"  # a few narrow columns: centred rather than hanging from the left margin
        return table
