"""latsar's Excel template for writing items in a spreadsheet (`latsar import --template`), and
its reader. One row per item: id, stem, options A–E, key (a letter), a reason per option,
pembahasan, objective, level, difficulty, indicator, and the short forms for live quizzes
(`live_stem`, `live_text_a` … `live_text_e`). A column the sheet lacks is read as empty, so a
template made before a column was added still imports. Every cell that cannot be read is
reported with its cell name, all at once."""

from __future__ import annotations

import datetime
import io
from typing import Any

from latsar.errors import Location
from latsar.ingest.bank import Imported, ImportedItem, ImportedOption
from latsar.messages import N_, t

LETTERS = "ABCDE"
COLUMNS: tuple[str, ...] = ("id", "stem", *(f"option_{x}" for x in "abcde"), "key",
                            *(f"reason_{x}" for x in "abcde"), "pembahasan", "objective", "level", "difficulty",
                            "indicator", "live_stem", *(f"live_text_{x}" for x in "abcde"))
HELP = (
    N_("One row per item, from row 2. Required: stem, at least options A, B and C, and key (the letter of the "
       "correct option)."),
    N_("Optional: id (lower-case letters, digits, hyphens), reason_a … reason_e (why each option is right or wrong), "
       "pembahasan, objective (an objective id of the module), level (C1–C6), difficulty (mudah, sedang, sukar), "
       "indicator."),
    N_("Optional, for live quizzes (Kahoot takes a question of at most 120 characters and answers of at most 75): "
       "live_stem, the same question in fewer words, and live_text_a … live_text_e, the same option in fewer words. "
       "Printed quizzes keep stem and options."),
    N_("Then: latsar import items.xlsx --module MODULE --out curriculum/items/MODULE.yaml, and latsar check."),
    N_("Cells are latsar's Markdown: **bold**, *italic*; a blank line starts a new paragraph."),
)


def template(when: datetime.datetime) -> bytes:
    """The empty template: the header, lists for key and level, and a sheet of instructions."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from latsar.score.xlsx import workbook_bytes
    from latsar.text.formulas import append_text_safe

    book = Workbook()
    sheet = book.active
    sheet.title = "items"
    append_text_safe(sheet, COLUMNS)
    sheet.freeze_panes = "C2"
    for name, values in (("key", "A,B,C,D,E"), ("level", "C1,C2,C3,C4,C5,C6"), ("difficulty", "mudah,sedang,sukar")):
        letter = get_column_letter(COLUMNS.index(name) + 1)
        check = DataValidation(type="list", formula1=f'"{values}"', allow_blank=True)
        check.add(f"{letter}2:{letter}1000")
        sheet.add_data_validation(check)
    for column, name in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = 50 if name in ("stem", "pembahasan", "live_stem") else 22
    help_sheet = book.create_sheet("petunjuk")
    help_sheet.column_dimensions["A"].width = 120
    for line in HELP:
        append_text_safe(help_sheet, [t(line)])
    return workbook_bytes(book, when)


def read(display: str, data: bytes) -> Imported:
    from openpyxl import load_workbook

    found = Imported()
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        found.problem(Location(display), t("cannot open the workbook ({reason})", reason=type(exc).__name__),
                      t("save it again from Excel as .xlsx, made from `latsar import --template`"))
        return found
    rows = list(sheet.iter_rows(values_only=True))
    header = [_cell(v).lower() for v in (rows[0] if rows else ())]
    missing = [name for name in ("stem", "option_a", "option_b", "option_c", "key") if name not in header]
    if missing:
        found.problem(Location(display, 1, 1), t("header has no column {columns}", columns=", ".join(missing)),
                      t("start from `latsar import --template items.xlsx`"))
        return found
    for number, row in enumerate(rows[1:], start=2):
        values = {name: _cell(row[i]) if i < len(row) else "" for i, name in enumerate(header) if name}
        if any(values.values()):
            _row(found, display, number, values, header)
    return found


def _cell(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _at(display: str, row: int, header: list[str], name: str) -> Location:
    return Location(display, row, header.index(name) + 1 if name in header else 1)


def _row(found: Imported, display: str, row: int, values: dict[str, str], header: list[str]) -> None:
    texts = [values.get(f"option_{x}", "") for x in "abcde"]
    while texts and not texts[-1]:
        texts.pop()
    problems_before = len(found.problems)
    key = _check_row(found, display, row, values, header, texts)
    if len(found.problems) > problems_before:
        return
    options = [ImportedOption(text, LETTERS[n] == key, values.get(f"reason_{'abcde'[n]}") or None,
                              values.get(f"live_text_{'abcde'[n]}") or None) for n, text in enumerate(texts)]
    item = ImportedItem(Location(display, row, 1), values["stem"], options, name=values.get("id") or None,
                        explanation=values.get("pembahasan") or None,
                        objective=values.get("objective") or None, level=values.get("level") or None,
                        difficulty=values.get("difficulty") or None, indicator=values.get("indicator") or None,
                        live_stem=values.get("live_stem") or None)
    found.items.append(item)


def _check_row(found: Imported, display: str, row: int, values: dict[str, str], header: list[str],
               texts: list[str]) -> str:
    """Report what makes the row unreadable; the key's letter (upper case)."""
    if not values.get("stem"):
        found.problem(_at(display, row, header, "stem"), t("row {row}: the stem is empty", row=row),
                      t("write the question"))
    if len(texts) < 3 or "" in texts:
        found.problem(_at(display, row, header, "option_a"),
                      t("row {row}: options must fill A, B, C (up to E) without gaps", row=row),
                      t("write 3 to 5 options from option_a on"))
    key = values.get("key", "").upper()
    if key not in LETTERS[: len(texts)] or not key:
        found.problem(_at(display, row, header, "key"),
                      t("row {row}: key '{key}' is not the letter of a filled option", row=row,
                        key=values.get("key", "")),
                      t("write one of {letters}", letters=", ".join(LETTERS[:max(len(texts), 1)])))
    for letter in LETTERS[len(texts):]:
        column, option = "live_text_" + letter.lower(), "option_" + letter.lower()
        if values.get(column):
            found.problem(_at(display, row, header, column),
                          t("row {row}: {column} is the short form of option {letter}, which is empty", row=row,
                            column=column, letter=letter),
                          t("write {option}, or move the short form to its option's column", option=option))
    return key
