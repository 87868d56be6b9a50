"""The answer key of every version in one table (kunci-jawaban.pdf): a row per question number,
a column per version. Many versions continue in further tables of the same shape, each with
the question numbers again, so every column stays wide enough to read at a glance."""

from __future__ import annotations

from typing import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from latsar.plan.quizdocs import KeyDoc
from latsar.plan.types import Version
from latsar.render.pdf.quiz.common import (
    RunningText, chunks, grid_table, metadata, para, quiz_styles, render_pdf, title_block,
)
from latsar.render.pdf.theme import Theme

NUMBER_WIDTH = 14 * mm
MIN_COLUMN = 11 * mm
MAX_COLUMN = 22 * mm


def key_pdf(doc: KeyDoc, theme: Theme) -> bytes:
    labels, info = theme.labels, doc.info
    story: list[Flowable] = [title_block(theme, labels["answer_key"], info.title, doc.details),
                             Spacer(1, theme.leading)]
    per_table = max(1, int((theme.frame_width - NUMBER_WIDTH) // MIN_COLUMN))
    for group in chunks(doc.versions, per_table):
        story += [key_table(group, theme), Spacer(1, theme.leading)]
    running = RunningText(f"{info.title} · {labels['answer_key']}", info.cohort_year)
    return render_pdf(theme, running, story, **metadata(info, labels, labels["answer_key"]))


def key_table(versions: Sequence[Version], theme: Theme):
    styles, labels = quiz_styles(theme), theme.labels
    count = max(len(v.items) for v in versions)
    head = [para(styles, labels["question_number"], "q-head")]
    head += [Paragraph(f"{escape(labels['quiz_version'])}<br/>{v.code}", styles["q-head"]) for v in versions]
    rows = [head]
    for number in range(1, count + 1):
        row = [para(styles, str(number), "q-cell-c")]
        row += [Paragraph(f"<b>{v.items[number - 1].key_letter}</b>" if number <= len(v.items) else "–",
                          styles["q-cell-c"]) for v in versions]
        rows.append(row)
    width = min(MAX_COLUMN, (theme.frame_width - NUMBER_WIDTH) / len(versions))
    return grid_table(theme, rows, [NUMBER_WIDTH] + [width] * len(versions), 1,
                      ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, theme.colour("tint")]),
                      ("TOPPADDING", (0, 1), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 1), (-1, -1), 2.5))
