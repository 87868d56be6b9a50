"""Spreadsheet cells that never run as formulas (CSV and formula injection).

Participant names come from Google Forms and Moodle profiles, so participants control them; a name
such as `=HYPERLINK(…)` or `=cmd|' /C calc'!A0` must reach a spreadsheet as text. In XLSX every
text cell is stored as a string (never a formula); in CSV a text cell that a spreadsheet would read
as a formula gets a leading apostrophe (OWASP's advice), which latsar strips again when it reads
its own files back. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import re
from typing import Any, Iterable, TextIO

# What spreadsheets read as the start of a formula (fullwidth forms too: some convert them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
PREFIX = "'"


def defused(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return PREFIX + value
    return value


def restored(text: str) -> str:
    """The text of a cell `defused` wrote."""
    return text[1:] if text.startswith(PREFIX) and text[1:].startswith(FORMULA_STARTS) else text


class SafeWriter:
    """csv.writer whose text cells cannot run as formulas."""

    def __init__(self, stream: TextIO, **options: Any) -> None:
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([defused(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


# Characters XML 1.0 cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE, without importing openpyxl).
_NOT_XML = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def xml_safe(text: str) -> str:
    """`text` with the characters XML cannot hold as U+FFFD, instead of failing the whole workbook."""
    return _NOT_XML.sub("\ufffd", text)


def append_text_safe(sheet: Any, row: Iterable[Any]) -> None:
    """Append a row to an openpyxl sheet with every text cell stored as text, never a formula;
    characters XML cannot hold become U+FFFD instead of failing the whole workbook."""
    values = [xml_safe(v) if isinstance(v, str) else v for v in row]
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
