"""CSV read back with the csv module and compared with the bank."""

from __future__ import annotations

import csv
import io

import exportbank
from latsar.text.formulas import restored
from latsar.text.markdown import plain_text


def _raw_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _rows(data: bytes) -> list[dict[str, str]]:
    """The cells as the bank has them (a spreadsheet shows the ' that defuses a formula as nothing)."""
    return [{k: restored(v) for k, v in row.items()} for row in _raw_rows(data)]


def test_bom_crlf_and_header(main_export):
    data = main_export.files["items.csv"]
    assert data.startswith("\ufeff".encode("utf-8")) and b"\r\n" in data
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header == ["id", "module", "objective", "level", "difficulty", "stem", "option_a", "option_b",
                      "option_c", "option_d", "key", "explanation", "reason_a", "reason_b", "reason_c", "reason_d"]


def test_rows_match_the_bank(main_export, bank, main_plan):
    rows = _rows(main_export.files["items.csv"])
    assert [row["id"] for row in rows] == list(main_plan.master)
    for row in rows:
        item = bank.item_by_id[row["id"]]
        printed = exportbank.printed(bank, main_plan, item.id)
        assert (row["module"], row["objective"], row["level"], row["difficulty"]) == (
            bank.module_of_item(item).id, item.objective, item.level, item.difficulty)
        assert row["stem"] == plain_text(item.stem)
        assert row["explanation"] == plain_text(item.explanation)
        assert [row[f"option_{x}"] for x in "abcd"] == [plain_text(o.text) for o in printed]
        assert [row[f"reason_{x}"] for x in "abcd"] == [plain_text(o.reason) for o in printed]
        assert printed["ABCD".index(row["key"])].correct


def test_special_item_round_trips(main_export):
    row = _rows(main_export.files["items.csv"])[0]
    assert row["stem"] == plain_text(exportbank.SPECIAL_STEM)
    assert row["explanation"] == 'Pembahasan miring & <tag> "x".\n\nParagraf kedua: # { } ~ = \\ é —.'
    assert row["option_b"] == "= 5 ~ {x} : #1 & <br>"
    assert _raw_rows(main_export.files["items.csv"])[0]["option_b"] == "'= 5 ~ {x} : #1 & <br>"


def test_items_with_fewer_options_leave_cells_empty(rich_export):
    row = next(r for r in _rows(rich_export.files["items.csv"]) if r["id"] == "layanan-1b")
    assert row["option_c"] == "- satu\n- dua" and row["option_d"] == "" and row["reason_d"] == ""


def test_warns_about_cells_a_spreadsheet_would_run(main_export):
    warning = next(w for w in main_export.warnings if w.startswith("items.csv:"))
    assert "khusus-1" in warning and "etika-1a" not in warning
