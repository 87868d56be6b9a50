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
from latsar.text.markdown import plain_text


def paket_items(curriculum: Curriculum, plan: QuizPlan) -> list[ExportItem]:
    """Paket A's items in printed order, each with its printed option order."""
    return version_items(curriculum, plan.versions[0])


def one_line(markdown: str) -> str:
    """Plain text with every run of whitespace (line breaks too) folded to one space."""
    return " ".join(plain_text(markdown).split())


def question_seconds(plan: QuizPlan, count: int, offered: Sequence[int]) -> int:
    """The blueprint's seconds per question, else its minutes shared over `count` questions,
    rounded to the nearest time the tool offers (the shorter one on a tie)."""
    wanted = plan.blueprint.question_seconds or plan.blueprint.minutes * 60 / max(count, 1)
    return min(offered, key=lambda seconds: (abs(seconds - wanted), seconds))


def workbook(title: str, rows: Iterable[Iterable[Any]], when: datetime.datetime,
             widths: Sequence[float] = ()) -> bytes:
    """A one-sheet workbook of `rows` with deterministic bytes, every text cell stored as text: a
    stem or option that starts with `=` must reach the spreadsheet as words, never a formula."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    from latsar.score.xlsx import workbook_bytes
    from latsar.text.formulas import append_text_safe

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        append_text_safe(sheet, row)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    return workbook_bytes(book, when)
