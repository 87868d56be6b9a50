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
from latsar.text.formulas import SafeWriter, xml_safe

# The template's own column names; readers also accept the aliases in score/readers/common.py.
ID, NAME, VERSION = "no_peserta", "nama", "paket"
# Rows prepared for typing in the workbook (validation lists cover them).
PREPARED_ROWS = 200
EPOCH = datetime.datetime(2000, 1, 1)
LIST_MOST = 255  # characters of a validation list Excel accepts


def header(plan: QuizPlan) -> list[str]:
    questions = max(len(v.items) for v in plan.versions)
    return [ID, NAME, VERSION, *(str(n) for n in range(1, questions + 1))]


def answer_template(plan: QuizPlan, when: datetime.datetime = EPOCH) -> dict[str, bytes]:
    """File name -> bytes: `jawaban.csv` and `jawaban.xlsx` for this quiz."""
    text = io.StringIO(newline="")
    SafeWriter(text, lineterminator="\r\n").writerow(header(plan))
    return {"jawaban.csv": ("\ufeff" + text.getvalue()).encode("utf-8"), "jawaban.xlsx": _workbook(plan, when)}


def _workbook(plan: QuizPlan, when: datetime.datetime) -> bytes:
    """Written with XlsxWriter, not openpyxl: openpyxl imports numpy whenever it is installed,
    and `latsar quiz` has no other use for it."""
    from latsar.render.export.common import XlsxBook

    labels = labels_for("id")
    xlsx = XlsxBook(when)
    book = xlsx.book
    sheet, columns = book.add_worksheet("jawaban"), header(plan)
    sheet.write_row(0, 0, [xml_safe(c) for c in columns])
    sheet.freeze_panes(1, 3)
    last = PREPARED_ROWS + 1
    codes = [v.code for v in plan.versions]
    for source, first, end, message in (
        (codes, "C2", f"C{last}", labels["template_version_error"]),
        (list(LETTERS[: plan.blueprint.options]), "D2", f"{_column(len(columns))}{last}", labels["template_answer_error"]),
    ):
        if len(",".join(source)) <= LIST_MOST:  # Excel refuses a longer list (a paket column of many versions)
            sheet.data_validation(f"{first}:{end}", {"validate": "list", "source": source, "ignore_blank": True,
                                                     "show_error": True, "error_message": message})
    for column, width in ((0, 22), (1, 30), (2, 7)):
        sheet.set_column(column, column, width)
    # Text, not numbers: Excel keeps only 15 significant digits, an 18-digit NIP has 18, and a
    # nomor peserta may start with 0.
    text = book.add_format({"num_format": "@"})
    for row in range(1, last):
        sheet.write_blank(row, 0, None, text)
    _instructions(book.add_worksheet("petunjuk"), plan, labels)
    return xlsx.bytes()


def _column(number: int) -> str:
    """Excel's letters of a 1-based column number (1 → A, 27 → AA)."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _instructions(sheet, plan: QuizPlan, labels) -> None:
    sheet.set_column(0, 0, 100)
    lines = [f"{plan.blueprint.title} ({plan.blueprint.id})"]
    lines += [line.format(versions=", ".join(v.code for v in plan.versions),
                          letters=f"A–{LETTERS[plan.blueprint.options - 1]}")
              for line in labels["template_instructions"].strip().splitlines()]
    for row, line in enumerate(lines):
        sheet.write_string(row, 0, xml_safe(line))
