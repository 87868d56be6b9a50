"""Located errors instead of tracebacks (issue 12, item 7): what a trainer's editor or spreadsheet
can put into a file, each answered at its place, exit 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from latsar.cli import main


def located(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("curriculum/")]


def replace_line(path: Path, start: str, line: bytes) -> None:
    lines = path.read_bytes().split(b"\n")
    index = next(n for n, text in enumerate(lines) if text.startswith(start.encode()))
    lines[index] = line
    path.write_bytes(b"\n".join(lines))


@pytest.mark.parametrize("line, expected", [
    (b"title: Pelatihan\x01 Uji\x02", [
        "curriculum/programme.yaml:1:17: control character U+0001 in the text; delete it (such characters come "
        "with text pasted from PDFs or word processors)",
        "curriculum/programme.yaml:1:22: control character U+0002 in the text; delete it (such characters come "
        "with text pasted from PDFs or word processors)"]),
    (b'title: "Pelatihan \\x00Uji"', [
        "curriculum/programme.yaml:1:8: control character U+0000 in the text; remove the escape sequence "
        "(\\x.., \\0, \\u..) from the text"]),
    (b"title: Pelatihan \x93Uji\x94", [
        "curriculum/programme.yaml:1:18: file is not valid UTF-8 (byte 0x93, a Windows-1252 \u201c pasted from Word "
        "or Excel); save the file with UTF-8 encoding (in VS Code: 'Save with Encoding' \u2192 UTF-8)"]),
])
def test_control_characters_and_cp1252_in_yaml(line: bytes, expected: list[str], mini: Path,
                                               capsys: pytest.CaptureFixture) -> None:
    replace_line(mini / "programme.yaml", "title:", line)
    assert main(["build", "curriculum", "--out", "build"]) == 2
    assert located(capsys.readouterr().err) == expected
    assert not (mini.parent / "build").exists()


@pytest.mark.parametrize("date, expected", [
    ("2026-02-30", "curriculum/programme.yaml:6:7: impossible date '2026-02-30': day is out of range for month; "
                   "write a real date as YYYY-MM-DD"),
    ("2150-01-01", "curriculum/programme.yaml:6:7: 'date': expected a date at most 2107-12-31, got 2150-01-01; "
                   "use a date from 1980 to 2107 (.xlsx and .zip files cannot carry others)"),
])
def test_impossible_and_unstampable_dates(date: str, expected: str, mini: Path, capsys: pytest.CaptureFixture) -> None:
    replace_line(mini / "programme.yaml", "date:", f"date: {date}".encode())
    assert main(["build", "curriculum", "--out", "build"]) == 2
    assert capsys.readouterr().err.splitlines() == [expected]


def test_source_date_epoch_past_2107(mini: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "9999999999")
    assert main(["quiz", "kuis", "curriculum", "--out", "build"]) == 2
    assert capsys.readouterr().err.startswith("SOURCE_DATE_EPOCH: expected whole seconds since 1970-01-01, got "
                                              "'9999999999'")
    assert not (mini.parent / "build").exists()


def test_an_escaped_control_character_in_item_text(mini: Path, capsys: pytest.CaptureFixture) -> None:
    items = mini / "items" / "mini.yaml"
    text = items.read_text()
    first = next(line for line in text.splitlines() if "stem:" in line)
    column = first.index("stem:") + len("stem: ") + 1
    items.write_text(text.replace(first, first.split("stem:")[0] + 'stem: "Apa \\f arti pelayanan?"', 1))
    line = text.splitlines().index(first) + 1
    assert main(["export", "kuis", "curriculum", "--out", "build"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"curriculum/items/mini.yaml:{line}:{column}: control character U+000C in the text; remove the escape "
        "sequence (\\x.., \\0, \\u..) from the text"]


def test_blueprint_instructions_that_fail_with_the_quiz_values_fail_at_check(mini: Path,
                                                                             capsys: pytest.CaptureFixture) -> None:
    blueprint = mini / "blueprints" / "kuis.yaml"
    blueprint.write_text(blueprint.read_text() + 'instructions: "Waktu per soal {{ minutes / (count - 2) }} menit."\n')
    assert main(["check", "curriculum"]) == 2  # sample values (30 questions) pass; this quiz has 2
    assert located(capsys.readouterr().err) == [
        "curriculum/blueprints/kuis.yaml:8:15: template error: division by zero; available: agenda, cohort, count, "
        "date, institution, language, minutes, options, pass_mark, place, title, version, year"]


def _png_header(width: int, height: int) -> bytes:
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr
            + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr)))


@pytest.mark.parametrize("name, make, message", [
    ("bomb.png", lambda path: path.write_bytes(_png_header(50_000, 50_000)),
     "logo file 'bomb.png' is 50,000 × 50,000 pixels (at most 25 megapixels); resize it: 1,000 pixels across is "
     "plenty for print"),
    ("banner.jpg", lambda path: __import__("PIL.Image").Image.new("RGB", (1000, 100)).save(path, "JPEG"),
     "logo file 'banner.jpg' is 1000 × 100 pixels, 10.0 times as wide as high; a cover holds at most 4:1; crop it "
     "to the emblem, or use a squarer version of the logo"),
    ("tall.png", lambda path: __import__("PIL.Image").Image.new("RGB", (60, 600)).save(path, "PNG"),
     "logo file 'tall.png' is 60 × 600 pixels, 10.0 times as high as wide; a cover holds at most 4:1; crop it to "
     "the emblem, or use a squarer version of the logo"),
])
def test_logos_no_page_can_hold_are_located(name: str, make, message: str, mini: Path,
                                            capsys: pytest.CaptureFixture) -> None:
    make(mini / name)
    programme = mini / "programme.yaml"
    programme.write_text(programme.read_text() + f"theme: {{logo: {name}}}\n")
    assert main(["build", "curriculum", "--out", "build"]) == 2
    assert located(capsys.readouterr().err) == [f"curriculum/programme.yaml:8:15: {message}"]
    assert not (mini.parent / "build").exists()


def test_an_item_too_long_for_a_page_is_located(mini: Path, capsys: pytest.CaptureFixture) -> None:
    items = mini / "items" / "mini.yaml"
    text = items.read_text()
    first = next(line for line in text.splitlines() if "stem:" in line)
    items.write_text(text.replace(first, first.split("stem:")[0] + 'stem: "' + "x" * 3000 + ' adalah …"', 1))
    assert main(["build", "curriculum", "--out", "build"]) == 2
    err = located(capsys.readouterr().err)
    assert "Traceback" not in "\n".join(err)
    assert err[-1].startswith("curriculum/items/mini.yaml:2:5: item 'mini-01' is too long to fit on one page (")
    assert err[-1].endswith(" pt high where a page holds 694); shorten its stem, options or pembahasan")
    assert not (mini.parent / "build").exists()
