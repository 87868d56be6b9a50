"""The answer sheet template written with every quiz set, for typing in paper answer sheets.

`jawaban.csv` (UTF-8 with a byte-order mark, so Excel shows any accented name correctly) and
`jawaban.xlsx` (lists that accept only a paket code or A–D, a frozen header, and a second sheet
that says how to fill it in). Both have the columns `latsar score` reads back: no_peserta, nama,
paket, then one column per printed question number.
"""

from __future__ import annotations

import datetime
import io

from latsar.labels import labels_for
from latsar.plan.types import LETTERS, QuizPlan
from latsar.score.readers.template import ID, NAME, VERSION
from latsar.text.formulas import SafeWriter, append_text_safe

# Rows prepared for typing in the workbook (validation lists cover them).
PREPARED_ROWS = 200
EPOCH = datetime.datetime(2000, 1, 1)


def header(plan: QuizPlan) -> list[str]:
    questions = max(len(v.items) for v in plan.versions)
    return [ID, NAME, VERSION, *(str(n) for n in range(1, questions + 1))]


def answer_template(plan: QuizPlan, when: datetime.datetime = EPOCH) -> dict[str, bytes]:
    """File name -> bytes: `jawaban.csv` and `jawaban.xlsx` for this quiz."""
    text = io.StringIO(newline="")
    SafeWriter(text, lineterminator="\r\n").writerow(header(plan))
    return {"jawaban.csv": ("\ufeff" + text.getvalue()).encode("utf-8"), "jawaban.xlsx": _workbook(plan, when)}


def _workbook(plan: QuizPlan, when: datetime.datetime) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from latsar.score.xlsx import workbook_bytes

    labels = labels_for("id")
    book = Workbook()
    sheet = book.active
    sheet.title = "jawaban"
    columns = header(plan)
    append_text_safe(sheet, columns)
    sheet.freeze_panes = "D2"
    last = PREPARED_ROWS + 1
    codes = ",".join(v.code for v in plan.versions)
    letters = ",".join(LETTERS[: plan.blueprint.options])
    for formula, cells, message in (
        (codes, f"C2:C{last}", labels["template_version_error"]),
        (letters, f"D2:{get_column_letter(len(columns))}{last}", labels["template_answer_error"]),
    ):
        check = DataValidation(type="list", formula1=f'"{formula}"', allow_blank=True, showErrorMessage=True,
                               error=message)
        check.add(cells)
        sheet.add_data_validation(check)
    for column, width in ((1, 22), (2, 30), (3, 7)):
        sheet.column_dimensions[get_column_letter(column)].width = width
    # Text, not numbers: Excel keeps only 15 significant digits, an 18-digit NIP has 18, and a
    # nomor peserta may start with 0.
    for row in range(2, last + 1):
        sheet.cell(row=row, column=1).number_format = "@"
    _instructions(book.create_sheet("petunjuk"), plan, labels)
    return workbook_bytes(book, when)


def _instructions(sheet, plan: QuizPlan, labels) -> None:
    sheet.column_dimensions["A"].width = 100
    append_text_safe(sheet, [f"{plan.blueprint.title} ({plan.blueprint.id})"])
    for line in labels["template_instructions"].strip().splitlines():
        append_text_safe(sheet, [line.format(versions=", ".join(v.code for v in plan.versions),
                                  letters=f"A–{LETTERS[plan.blueprint.options - 1]}")])
