"""Quizizz (now Wayground): `quizizz.xlsx` in its spreadsheet import layout (Create › Quiz ›
Import from spreadsheet).

One row per question under the head row: Question Text, Question Type (`Multiple Choice`),
Option 1–5, Correct Answer (the option's number), Time in seconds, Image Link (empty) and Answer
explanation (the pembahasan). Paket A's items and option order are carried (see `online`); the
time is the blueprint's `question_seconds`, else its minutes shared over the questions, rounded
to a time Quizizz offers.
"""

from __future__ import annotations

from typing import Mapping

from latsar.messages import t
from latsar.model.curriculum import Curriculum
from latsar.plan.types import QuizPlan
from latsar.render.export.common import ExportItem, ExportResult
from latsar.render.export.online import paket_items, question_seconds, workbook
from latsar.reproducible import document_time
from latsar.text.markdown import plain_text

FILE = "quizizz.xlsx"
OPTIONS = 5
SECONDS: tuple[int, ...] = (5, 10, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900)
HEADER = ("Question Text", "Question Type", *(f"Option {n}" for n in range(1, OPTIONS + 1)), "Correct Answer",
          "Time in seconds", "Image Link", "Answer explanation")
TYPE = "Multiple Choice"


def export(curriculum: Curriculum, plan: QuizPlan, labels: Mapping[str, str] | None = None) -> ExportResult:
    items = paket_items(curriculum, plan)
    seconds = question_seconds(plan, len(items), SECONDS)
    rows = [list(HEADER)] + [_row(entry, seconds) for entry in items]
    data = workbook("Quizizz", rows, document_time(curriculum.programme), (60, 16, 30, 30, 30, 30, 30, 10, 10, 12, 60))
    return ExportResult({FILE: data}, [t("{file}: Quizizz shows plain text: bold, italic, lists and tables of "
                                         "the items lose their markup (the words stay)", file=FILE)])


def _row(entry: ExportItem, seconds: int) -> list[object]:
    options = [plain_text(choice.text) for choice in entry.choices]
    options += [""] * (OPTIONS - len(options))
    return [plain_text(entry.item.stem), TYPE, *options, entry.key + 1, seconds, "", plain_text(entry.item.explanation)]
