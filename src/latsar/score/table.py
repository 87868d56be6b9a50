"""Read an answers file (CSV or XLSX) into a header and located rows of text cells.

CSV goes through the `csv` module (quoted commas and line breaks inside names survive) with the
delimiter sniffed from the header: spreadsheet programs in an Indonesian locale write `;`,
because `,` is their decimal separator. XLSX goes through openpyxl, first sheet, values only.
Row numbers are the spreadsheet's (1 = header); column numbers are 1-based cell positions.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from latsar.errors import Diagnostic, LatsarError, Location
from latsar.messages import t
from latsar.source.yamlfile import display_path

MAX_FILE_BYTES = 64 * 1024 * 1024
DELIMITERS = ",;\t"


@dataclass(frozen=True)
class Row:
    number: int  # spreadsheet row, 1-based; the header is row 1
    cells: tuple[str, ...]  # stripped text; a CSV row may be shorter or longer than the header

    @property
    def blank(self) -> bool:
        return not any(self.cells)


@dataclass(frozen=True)
class Table:
    display: str  # the path as messages show it
    header: tuple[str, ...]
    rows: tuple[Row, ...]  # data rows, blank ones included (readers count them)
    width_checked: bool  # False for CSV: a short or long row means a missing or extra cell

    def at(self, row: int = 1, column: int = 1) -> Location:
        return Location(self.display, row, column)


def fail(location: Location | None, message: str, hint: str = "") -> LatsarError:
    return LatsarError([Diagnostic(location, message, hint)])


def read_table(path: Path) -> Table:
    display = display_path(path)
    if not path.is_file():
        raise fail(Location(display), t("answers file not found"), t("check the path and the file name"))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise fail(Location(display), t("file is larger than {size} MiB", size=MAX_FILE_BYTES // 2**20),
                   t("split it into several files and pass them all"))
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        header, rows = _xlsx_rows(path.read_bytes(), display)
        checked = True
    elif suffix in (".csv", ".txt", ".tsv"):
        header, rows = _csv_rows(path.read_bytes(), display)
        checked = False
    else:
        raise fail(Location(display), t("unsupported file type '{kind}'", kind=suffix or path.name),
                   t("save the answers as .csv (UTF-8) or .xlsx"))
    _refuse_control_characters(display, header, rows)
    return Table(display, _checked_header(header, display), tuple(rows), checked)


def _refuse_control_characters(display: str, header: tuple[str, ...], rows: list[Row]) -> None:
    """A NUL or other control character in a name would break every file written from it."""
    from latsar.source.yamlfile import CONTROL, MAX_REPORTED, control_message

    found = []
    for row in [Row(1, header), *rows]:
        for column, text in enumerate(row.cells, start=1):
            match = CONTROL.search(text)
            if match:
                found.append(Diagnostic(Location(display, row.number, column), control_message(match.group()),
                                        t("retype the cell (such characters come with text pasted from other "
                                          "programs)")))
    if found:
        raise LatsarError(found[:MAX_REPORTED])


def _checked_header(header: tuple[str, ...], display: str) -> tuple[str, ...]:
    if not any(header):
        raise fail(Location(display, 1, 1), t("the first row is empty; it must hold the column names"),
                   t("put the header (e.g. no_peserta, nama, paket, 1, 2, …) in row 1"))
    seen: dict[str, int] = {}
    for column, name in enumerate(header, start=1):
        key = name.casefold()
        if name and key in seen:
            raise fail(Location(display, 1, column), t("duplicate column '{name}' (also column {first})", name=name,
                                                       first=seen[key]),
                       t("give every column its own name"))
        seen.setdefault(key, column)
    return header


def _decode(data: bytes, display: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(Location(display, line, column), t("file is not valid UTF-8 (byte 0x{byte:02X})",
                                                      byte=data[exc.start]),
                   t("save it as 'CSV UTF-8' (Excel) or download it again as CSV")) from None


def _csv_rows(data: bytes, display: str) -> tuple[tuple[str, ...], list[Row]]:
    text = _decode(data, display)
    if not text.strip():
        raise fail(Location(display), t("file is empty"), t("export the answers again, with the header row"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    rows: list[Row] = []
    start = 1
    try:
        for record in reader:
            rows.append(Row(start, tuple(cell.strip() for cell in record)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise fail(Location(display, start, 1), t("unreadable CSV: {problem}", problem=exc),
                   t("close the quotation mark that opens in this row")) from None
    return rows[0].cells, rows[1:]


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first, delimiters=DELIMITERS).delimiter
    except csv.Error:
        # One column only, or no separator the sniffer trusts: count them instead.
        return max(DELIMITERS, key=first.count) if any(d in first for d in DELIMITERS) else ","


def _xlsx_rows(data: bytes, display: str) -> tuple[tuple[str, ...], list[Row]]:
    found = _sheet_values(data, display, cached=True)
    _refuse_uncached_formulas(found, _sheet_values(data, display, cached=False), display)
    found = [tuple(_cell_text(v) for v in values) for values in found]
    if not found:
        raise fail(Location(display), t("the first sheet is empty"), t("put the answers in the first sheet"))
    header = _trim(found[0])
    width = len(header)
    rows = [Row(n, _fit(cells, width)) for n, cells in enumerate(found[1:], start=2)]
    return header, rows


def _sheet_values(data: bytes, display: str, cached: bool) -> list[tuple]:
    """The first sheet's values: as last computed (cached) or as typed (formulas as `=…`)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=cached)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise fail(Location(display), t("not a readable .xlsx workbook ({kind})", kind=type(exc).__name__),
                   t("open it in a spreadsheet program and save it again as .xlsx")) from None
    try:
        return [tuple(values) for values in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def _refuse_uncached_formulas(cached: list[tuple], typed: list[tuple], display: str) -> None:
    """A formula whose result was never saved (a file written by a script) reads as blank: say so
    rather than score an answer as missing."""
    found = []
    for number, (values, formulas) in enumerate(zip(cached, typed), start=1):
        for column, (value, formula) in enumerate(zip(values, formulas), start=1):
            if value is None and isinstance(formula, str) and formula.startswith("="):
                found.append(Diagnostic(Location(display, number, column),
                                        t("the cell holds a formula ({formula}) whose result was never saved",
                                          formula=formula[:40]),
                                        t("open the file in Excel or LibreOffice and save it, or paste values only")))
    if found:
        raise LatsarError(found[:20])


def _trim(cells: tuple[str, ...]) -> tuple[str, ...]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _fit(cells: tuple[str, ...], width: int) -> tuple[str, ...]:
    # Sheets have no ragged rows: empty cells past the header are formatting, not data.
    cells = cells if len(cells) <= width else cells[:width] + _trim(cells[width:])
    return cells + ("",) * (width - len(cells))


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value).strip()
