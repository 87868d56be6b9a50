"""Bad answers files: one fixture per kind of problem, each with its exact `file:row:column:
message; hint`; and the rejected table, tested so that no row can vanish."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from latsar.errors import LatsarError
from latsar.score.readers import read_answers
from latsar.score.scoring import combine

SCORING = Path(__file__).resolve().parents[1] / "fixtures" / "scoring"

FILE_ERRORS = {
    "answers.ods": "answers.ods: unsupported file type '.ods'; save the answers as .csv (UTF-8) or .xlsx",
    "bad.xlsx": "bad.xlsx: not a readable .xlsx workbook (BadZipFile); open it in a spreadsheet program and save it "
                "again as .xlsx",
    "empty.csv": "empty.csv: file is empty; export the answers again, with the header row",
    "not-utf8.csv": "not-utf8.csv:3:8: file is not valid UTF-8 (byte 0xE9); save it as 'CSV UTF-8' (Excel) or "
                    "download it again as CSV",
    "unclosed-quote.csv": "unclosed-quote.csv:2:1: unreadable CSV: unexpected end of data; close the quotation mark "
                          "that opens in this row",
    "duplicate-column.csv": "duplicate-column.csv:1:6: duplicate column '1' (also column 4); give every column its "
                            "own name",
    "unknown-kind.csv": "unknown-kind.csv:1:1: cannot tell what kind of answers file this is from its header "
                        "(moodle: Moodle quiz Responses report (Response 1, Response 2, …); scans: latsar scan's scans.csv "
                        "(file, page, participant, …, review); template: latsar answer "
                        "sheet (no_peserta, nama, paket, 1, 2, …); matrix: 0/1 matrix (participant id, then one "
                        "column per item id); forms: Google Forms responses (Timestamp, …, one column per question "
                        "stem)); fix the header, or name the kind with --format moodle|scans|template|matrix|forms",
    "no-question-2.csv": "no-question-2.csv:1:1: no column for question 2 of quiz 'kuis' (2 questions); add one "
                         "column per question number, named 1, 2, 3, …",
    "beyond.csv": "beyond.csv:1:6: column '3' is beyond the 2 questions of quiz 'kuis'; check that these are answers "
                  "to this quiz, or delete the column",
    "no-version.csv": "no-version.csv:1:1: missing column 'paket': quiz 'kuis' has 2 versions; add a column 'paket' "
                      "holding each participant's version (A, B)",
    "no-id.csv": "no-id.csv:1:1: missing column for the participant id; add a column named 'no_peserta' (also "
                 "accepted: no peserta, nomor peserta, id peserta, nip, participant, participant id, id, id number, "
                 "username, email address, alamat email, email, e-mail)",
    "unknown-item.matrix.csv": "unknown-item.matrix.csv:1:3: unknown item 'mini-3' in quiz 'kuis'; did you mean "
                               "'mini-03'?",
    "moodle-count.csv": "moodle-count.csv:1:1: the report has 1 'Response N' columns, quiz 'kuis' has 2 questions; "
                        "download the Responses report of this quiz, with all its questions",
    "forms-missing.csv": "forms-missing.csv:1:1: no column for 1 question(s) of quiz 'kuis': mini-01 'siapa yang "
                         "menurut berita itu harus melayani masy…'; make each form question's title the item's stem, "
                         "as exported",
}

REJECTED = {
    "rows.csv": [
        "rows.csv:4 (P03): unknown version 'E': quiz 'kuis' has paket A, B",
        "rows.csv:5 (P04): answer 'X' to question 1 is not an option: write one of A–D, or leave the cell empty",
        "rows.csv:6 (P01): duplicate participant 'P01': already scored from rows.csv:2; delete one of the two rows",
        "rows.csv:7 (P05): missing column '2': the row has 4 cells, the header 5",
        "rows.csv:8: missing participant id (column 'no_peserta')",
        "rows.csv:10 (P07): the row has 6 cells, the header 5: a separator inside a name? put that cell in quotes",
        "rows.csv:13 (P09): answer 'AB' to question 1 is not an option: write one of A–D, or leave the cell empty",
    ],
    "rows.moodle.csv": [
        "rows.moodle.csv:3 (budi@example.org): attempt not finished (State: 'In progress')",
        "rows.moodle.csv:4 (citra@example.org): Response 2 'Menambah jumlah rapat' is not an option of item mini-01",
    ],
    "rows.forms.csv": [
        "rows.forms.csv:3 (P02): answer 'Aparatur sipil' to item mini-01 is not one of its options",
        "rows.forms.csv:4 (P01): duplicate participant 'P01': already scored from rows.forms.csv:2; delete one of "
        "the two rows",
    ],
    "rows.matrix.csv": ["rows.matrix.csv:3 (P02): value '2' for item mini-03 (column 4) is not 0 or 1"],
}
SCORED = {
    "rows.csv": ["P01", "P02", "P06", "P08"],
    "rows.moodle.csv": ["ani@example.org", "dedi@example.org"],
    "rows.forms.csv": ["P01"],
    "rows.matrix.csv": ["P01", "P03"],
}


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixtures in the working directory, so messages show bare file names."""
    for file in SCORING.iterdir():
        shutil.copy(file, tmp_path / file.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("name", FILE_ERRORS)
def test_a_bad_file_says_where_and_how_to_fix_it(here, mini_key, name):
    with pytest.raises(LatsarError) as caught:
        read_answers(Path(name), mini_key)
    assert caught.value.message == FILE_ERRORS[name]
    assert caught.value.exit_code == 2


def test_every_fixture_is_tested():
    assert set(FILE_ERRORS) | set(REJECTED) | {"README.md"} == {f.name for f in SCORING.iterdir()}


def data_rows(path: Path) -> list[int]:
    """Row numbers of the non-blank data rows, found with the csv module alone."""
    rows, start = [], 1
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        for record in reader:
            if start > 1 and any(cell.strip() for cell in record):
                rows.append(start)
            start = reader.line_num + 1
    return rows


@pytest.mark.parametrize("name", REJECTED)
def test_every_row_is_scored_or_rejected_with_its_reason(here, mini_key, name):
    scored = combine(mini_key, [read_answers(Path(name), mini_key)])
    assert [r.format() for r in scored.rejected] == REJECTED[name]
    assert [a.participant for a in scored.participants] == SCORED[name]
    # Nothing vanishes: each non-blank row is scored or rejected, exactly once.
    accounted = sorted([a.row for a in scored.participants] + [r.row for r in scored.rejected])
    assert accounted == data_rows(here / name)
    assert scored.read == len(data_rows(here / name))


def test_blank_rows_are_counted_not_read(here, mini_key):
    scored = combine(mini_key, [read_answers(Path("rows.csv"), mini_key)])
    assert scored.blank_rows == 1 and scored.read == 11


def test_ignored_columns_are_noted(here, mini_key):
    scored = combine(mini_key, [read_answers(Path("rows.forms.csv"), mini_key)])
    assert scored.notes == ("rows.forms.csv: column 7 'Instansi' is not a quiz question; ignored",)


def test_duplicates_across_files_are_rejected(here, mini_key):
    parsed = [read_answers(Path("rows.csv"), mini_key), read_answers(Path("rows.matrix.csv"), mini_key)]
    scored = combine(mini_key, parsed)
    assert [r.format() for r in scored.rejected if r.source == "rows.matrix.csv"] == [
        "rows.matrix.csv:2 (P01): duplicate participant 'P01': already scored from rows.csv:2; delete one of the two "
        "rows",
        "rows.matrix.csv:3 (P02): value '2' for item mini-03 (column 4) is not 0 or 1",
    ]


def test_format_names_the_kind_when_the_header_cannot(here, mini_key):
    with pytest.raises(LatsarError) as caught:
        read_answers(Path("rows.csv"), mini_key, fmt="moodel")
    assert caught.value.message == "--format: unknown kind 'moodel'; did you mean 'moodle'?"


def test_a_short_row_in_a_pre_test_scores_file_is_an_error_not_a_crash(tmp_path, monkeypatch, mini_key):
    from latsar.score.command import pre_percentages

    monkeypatch.chdir(tmp_path)
    Path("pre.csv").write_text("percent,participant\n50\n", encoding="utf-8")
    with pytest.raises(LatsarError) as caught:
        pre_percentages(Path("pre.csv"), mini_key, fmt=None)
    assert caught.value.message == ("pre.csv:2:2: missing participant id; use the scores.csv that `latsar score` "
                                    "wrote for the pre-test")
