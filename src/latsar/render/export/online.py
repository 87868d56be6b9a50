"""Shared parts of the exports to online quiz tools (Google Forms, Kahoot, Quizizz).

These tools hold one form of the quiz, not a question bank: they carry paket A (the first
version) as printed, with its option order, so the keys stay balanced over the letters as in
the booklet. Text is plain (no markup), on one line where the tool shows one line.
"""

from __future__ import annotations

import datetime
from typing import Any, Iterable, Sequence

from latsar.model.curriculum import Curriculum
from latsar.plan.types import QuizPlan
from latsar.render.export.common import ExportItem, version_items


def paket_items(curriculum: Curriculum, plan: QuizPlan) -> list[ExportItem]:
    """Paket A's items in printed order, each with its printed option order."""
    return version_items(curriculum, plan.versions[0])


def question_seconds(plan: QuizPlan, count: int, offered: Sequence[int]) -> int:
    """The blueprint's seconds per question, else its minutes shared over `count` questions,
    rounded to the nearest time the tool offers (the shorter one on a tie)."""
    wanted = plan.blueprint.question_seconds or plan.blueprint.minutes * 60 / max(count, 1)
    return min(offered, key=lambda seconds: (abs(seconds - wanted), seconds))


def workbook(title: str, rows: Iterable[Iterable[Any]], when: datetime.datetime,
             widths: Sequence[float] = ()) -> bytes:
    """A one-sheet workbook of `rows` with deterministic bytes, every text cell stored as text: a
    stem or option that starts with `=` must reach the spreadsheet as words, never a formula.
    Written with XlsxWriter, as the answer template is: openpyxl imports numpy wherever it is
    installed (0.2 s of a build's CPU), and nothing else in `latsar build` needs it."""
    from latsar.render.export.common import XlsxBook
    from latsar.text.formulas import xml_safe

    xlsx = XlsxBook(when)
    sheet = xlsx.book.add_worksheet(title)
    for index, row in enumerate(rows):
        for column, value in enumerate(row):
            if isinstance(value, str) and value:  # an empty text is no cell, as openpyxl wrote it
                sheet.write_string(index, column, xml_safe(value))
            elif isinstance(value, (int, float)):
                sheet.write_number(index, column, value)
    for column, width in enumerate(widths):
        # The width recorded as given (set_column would add Excel's padding of 5 pixels to it).
        sheet.set_column_pixels(column, column, width * DIGIT_PIXELS)
    return xlsx.bytes()


DIGIT_PIXELS = 7  # a column width counts digits of the default font (Calibri 11: 7 pixels each)
