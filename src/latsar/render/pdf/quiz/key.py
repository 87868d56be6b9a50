"""The answer key of every version in one table (kunci-jawaban.pdf): a row per question number,
a column per version. Many versions continue in further tables of the same shape, each with
the question numbers again, so every column stays wide enough to read at a glance."""

from __future__ import annotations

from typing import Sequence
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from latsar.plan.quizdocs import KeyDoc
from latsar.plan.types import Version
from latsar.render.pdf.grid import Grid, Shared, cell_pool, cells
from latsar.render.pdf.quiz.common import RunningText, chunks, metadata, quiz_styles, render_pdf, ruled, title_block
from latsar.render.pdf.theme import Theme

NUMBER_WIDTH = 14 * mm
MIN_COLUMN = 11 * mm
MAX_COLUMN = 22 * mm


def key_pdf(doc: KeyDoc, theme: Theme) -> bytes:
    labels, info = theme.labels, doc.info
    story: list[Flowable] = [title_block(theme, labels["answer_key"], info.title, doc.details),
                             Spacer(1, theme.leading)]
    per_table = max(1, int((theme.frame_width - NUMBER_WIDTH) // MIN_COLUMN))
    shared = Shared()
    for group in chunks(doc.versions, per_table):
        story += [key_table(group, theme, shared), Spacer(1, theme.leading)]
    running = RunningText(f"{info.title} · {labels['answer_key']}", info.cohort_year, confidential=True)
    return render_pdf(theme, running, story, **metadata(info, labels, labels["answer_key"]))


def key_table(versions: Sequence[Version], theme: Theme, shared: Shared | None = None) -> Grid:
    styles, labels = quiz_styles(theme), theme.labels
    head, cell = styles["q-head"], styles["q-cell-c"]
    bold = theme.heading_font.bold
    count = max(len(v.items) for v in versions)
    header = cells([labels["question_number"]] + [f"{labels['quiz_version']}\n{v.code}" for v in versions],
                   head, middle=True)
    letter = cell_pool(cell, font=bold)
    body = [cells([str(number)], cell) + [letter(v.items[number - 1].key_letter if number <= len(v.items) else "–")
                                          for v in versions]
            for number in range(1, count + 1)]
    width = min(MAX_COLUMN, (theme.frame_width - NUMBER_WIDTH) / len(versions))
    table = ruled(theme, [NUMBER_WIDTH] + [width] * len(versions), [header], body,
                  body_padding=(1.5, 2.5), zebra=theme.colour("tint"), shared=shared)
    table.hAlign = "CENTER"  # a few narrow columns: centred rather than hanging from the left margin
    return table
