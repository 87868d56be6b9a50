"""Text that would not print as written is reported at check with its place (issue 12, item 9):
Markdown outside the subset (T1), characters the fonts cannot draw (T2), invisible controls (T3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from latsar.cli import main


def warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if "warning: [T" in line]


@pytest.mark.parametrize("background, expected", [
    # Inside a block scalar, at the line that holds it (the `|` is on line 5).
    ("|\n  Paragraf.\n\n  # Judul\n", "curriculum/modules/mini.yaml:8:3: warning: [T1] heading (the module "
     "structure makes headings; use a new section instead) is outside the Markdown that latsar prints, so it would "
     "not appear in the documents; write it as paragraphs, **bold**, *italic*, lists, block quotes or tables"),
    ("|\n  Paragraf.\n\n  ```\n  kode\n  ```\n", "curriculum/modules/mini.yaml:8:3: warning: [T1] code fence is "
     "outside the Markdown that latsar prints, so it would not appear in the documents; write it as paragraphs, "
     "**bold**, *italic*, lists, block quotes or tables"),
    ('"Lihat ![bagan](bagan.png) berikut."', "curriculum/modules/mini.yaml:5:13: warning: [T1] image is outside the "
     "Markdown that latsar prints, so it would not appear in the documents; write it as paragraphs, **bold**, "
     "*italic*, lists, block quotes or tables"),
    ('"Salam: السلام عليكم 🙂"', "curriculum/modules/mini.yaml:5:13: warning: [T2] the document fonts cannot draw "
     "U+0627 ARABIC LETTER ALEF, U+0633 ARABIC LETTER SEEN, U+0639 ARABIC LETTER AIN and 5 more; it would print as "
     "a blank or a box; write it with Latin letters, or leave it out"),
    ('"Latar\u200b belakang \u202esingkat."', "curriculum/modules/mini.yaml:5:13: warning: [T3] invisible character "
     "U+200B ZERO WIDTH SPACE in the text; delete it (it comes with text pasted from web pages or PDFs)"),
    ("|\n  Paragraf.\n  Latar\u200b belakang.\n", "curriculum/modules/mini.yaml:7:3: warning: [T3] invisible "
     "character U+200B ZERO WIDTH SPACE in the text; delete it (it comes with text pasted from web pages or PDFs)"),
])
def test_text_that_would_not_print_is_located(background: str, expected: str, mini: Path,
                                              capsys: pytest.CaptureFixture) -> None:
    module = mini / "modules" / "mini.yaml"
    module.write_text(module.read_text().replace("background: Latar belakang singkat.", f"background: {background}"))
    assert main(["check", "curriculum", "--strict"]) == 1
    assert warnings(capsys.readouterr().err) == [expected]


def test_the_coverage_file_matches_the_bundled_fonts() -> None:
    from importlib import resources

    from latsar.render.pdf.fonts import coverage_text

    stored = resources.files("latsar").joinpath("fonts", "coverage.txt").read_text(encoding="utf-8")
    assert [line for line in stored.splitlines() if not line.startswith("#")] == coverage_text().splitlines()


@pytest.mark.parametrize("written, line, expected", [
    ("text: |\n  satu\n\n    dua\n", 3, (4, 5)),  # a literal block: that many lines below the `|`, at the text
    ("text: |-\n  satu\n  dua\n", 2, (3, 3)),
    ("text: >\n  satu\n  dua\n\n  tiga\n", 2, (1, 7)),  # folded: line 2 is "tiga", not below the `>` by two
    ('text: "satu\\ndua"\n', 2, (1, 7)),  # a quoted value: its lines are not the file's
])
def test_a_line_of_a_value_is_located_where_the_file_holds_it(tmp_path: Path, written: str, line: int,
                                                              expected: tuple[int, int]) -> None:
    from latsar.source.yamlfile import read_yaml

    path = tmp_path / "x.yaml"
    path.write_text(written)
    doc = read_yaml(path, "x.yaml")
    where = doc.locate_line(doc.locate(("text",)), doc.data["text"], line)
    assert (where.line, where.column) == expected
