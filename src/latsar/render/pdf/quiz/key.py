"""The answer key of every version in one table (kunci-jawaban.pdf): a row per question number,
a column per version. Many versions continue in further tables of the same shape, each with
the question numbers again, so every column stays wide enough to read at a glance."""

from __future__ import annotations

from typing import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from latsar.plan.types import QuizPlan, Version
from latsar.render.pdf.quiz.common import (
    QuizInfo, RunningText, chunks, grid_table, metadata, para, quiz_styles, render_pdf, title_block,
)
from latsar.render.pdf.theme import Theme

NUMBER_WIDTH = 14 * mm
MIN_COLUMN = 11 * mm
MAX_COLUMN = 22 * mm


def key_pdf(plan: QuizPlan, info: QuizInfo, theme: Theme) -> bytes:
    labels = theme.labels
    story: list[Flowable] = [title_block(theme, labels["answer_key"], info.title, _details(info, theme)),
                             Spacer(1, theme.leading)]
    per_table = max(1, int((theme.frame_width - NUMBER_WIDTH) // MIN_COLUMN))
    for group in chunks(plan.versions, per_table):
        story += [key_table(group, theme), Spacer(1, theme.leading)]
    running = RunningText(f"{info.title} · {labels['answer_key']}", info.cohort_year)
    return render_pdf(theme, running, story, **metadata(info, labels, labels["answer_key"]))


def _details(info: QuizInfo, theme: Theme) -> list[str]:
    labels = theme.labels
    return [info.programme, f"{info.institution} · {info.cohort_year}",
            f"{labels['quiz_item_count']}: {info.count} · {labels['quiz_version']}: {', '.join(_ranges(info.versions))}"]


def _ranges(codes: tuple[str, ...]) -> list[str]:
    """"A–D" rather than "A, B, C, D"; a long list of versions stays one short line."""
    return [f"{codes[0]}–{codes[-1]}"] if len(codes) > 2 else list(codes)


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
