"""A Markdown table in a stem. The booklet keeps a question on one page where it can and
otherwise breaks it between its paragraphs and tables, never inside one; a pembahasan entry
whose head (tag, stem, key, explanation) no page holds breaks inside its stem too, a table
between its rows with its header row repeated. So every table the booklet prints prints in the
pembahasan, every row of it; one taller than a page is a located error naming the item, with
heights that say why (never a traceback, never a page cut, nothing written)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from latsar.cli import main

STEM = "    stem: Siapa yang menurut berita itu harus melayani masyarakat?\n"


def _with_table(mini: Path, rows: int) -> None:
    """mini-01 (in kuis) asks about a table of `rows` rows."""
    table = "".join(f"      | Dinas {n} | {n * 7} warga terlayani |\n" for n in range(1, rows + 1))
    items = mini / "items" / "mini.yaml"
    items.write_text(items.read_text().replace(STEM, "    stem: |\n      Perhatikan data berikut.\n\n"
                                               "      | Dinas | Layanan |\n      |---|---|\n" + table +
                                               "\n      Siapa yang harus melayani masyarakat?\n"))


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def _pages(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


# Rows of the table; pages of the pembahasan (pakets A and B, the table item second in both);
# whether the table breaks there.
@pytest.mark.parametrize("rows, pages, broken", [
    (24, 6, False),  # the entry's head stands on a page of its own, its last rows on the next
    (28, 4, True),  # its head does not (713 pt): the table breaks between rows, its header repeated
    (31, 4, True),  # the most a booklet holds (the table alone is 694 pt on its own page there)
])
def test_a_table_a_page_holds_prints_every_row_in_booklet_and_pembahasan(mini: Path, rows: int, pages: int,
                                                                         broken: bool) -> None:
    _with_table(mini, rows)
    assert main(["quiz", "kuis", "curriculum", "--out", "out", "--quiet"]) == 0
    folder = mini.parent / "out" / "quizzes" / "kuis"
    for name in ("soal-paket-A.pdf", "soal-paket-B.pdf", "pembahasan.pdf"):
        text = _text(folder / name)
        assert [n for n in range(1, rows + 1) if not re.search(rf"Dinas {n} {n * 7} warga", text)] == [], name
        assert text.count("Siapa yang harus melayani masyarakat?") == (2 if name == "pembahasan.pdf" else 1)
    explained = _pages(folder / "pembahasan.pdf")
    assert len(explained) == pages
    # Every page holding rows of the table opens them with its header row.
    for page in explained:
        if "warga terlayani" in page:
            assert re.search(r"Dinas Layanan Dinas \d+ \d+ warga", page), page
    assert sum("Soal 2 (lanjutan) · Modul Modul Uji Dinas Layanan" in page for page in explained) == 2 * broken


@pytest.mark.parametrize("rows, needed", [
    (32, 769),  # a booklet question of 769 pt cannot break above its table, of 715 pt
    (40, 941),
])
def test_a_table_no_page_holds_is_a_located_error(mini: Path, capsys: pytest.CaptureFixture, rows: int,
                                                   needed: int) -> None:
    _with_table(mini, rows)
    assert main(["quiz", "kuis", "curriculum", "--out", "out"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[-1] == (
        f"curriculum/items/mini.yaml:2:5: item 'mini-01' is too long to fit on one page ({needed} pt high where a "
        "page holds 694); shorten its stem, options or pembahasan")
    assert not (mini.parent / "out" / "quizzes").exists()


def _tall_entry():
    """A tag, a stem of a line and a 40-row table (no page holds it), and a key: its head."""
    from reportlab.lib.colors import black
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table

    from latsar.render.pdf.quiz.entry import EntryBlock, Row, Rule, Slot, Stack

    style, across = ParagraphStyle("p", fontSize=10, leading=12), Slot(0, 400)
    table = Table([["Dinas", "Layanan"]] + [[f"Dinas {n}", str(n)] for n in range(1, 41)], repeatRows=1,
                  rowHeights=20)
    rows = [Row(((across, Stack([Paragraph("Soal 2", style)])),), (0, 1)),
            Row(((across, Stack([Paragraph("Perhatikan data berikut.", style), table])),), (0, 1)),
            Row(((across, Stack([Paragraph("Kunci B", style)])),), (3, 1), ruled=True)]
    continued = Row(((across, Stack([Paragraph("Soal 2 (lanjutan)", style)])),), (0, 1))
    block = EntryBlock(rows, lambda: continued, Rule(black, 0.4), 400, head=3, tail_least=72, name="mini-01",
                       page_height=700)
    block.spaceBefore = 0  # as a pembahasan sets it
    return block


def test_an_entry_whose_head_no_page_holds_breaks_inside_its_table_under_a_repeated_header() -> None:
    block = _tall_entry()
    first, later = block.split(400, 300)
    assert first.wrap(400, 300)[1] <= 300
    assert [row.cells[0][1].flowables[-1]._cellvalues[0] for row in first.rows[1:]] == [["Dinas", "Layanan"]]
    assert later.rows[0] is block.continued()
    kept, rest = first.rows[1].cells[0][1].flowables[1], later.rows[1].cells[0][1].flowables[0]
    assert rest._cellvalues[0] == ["Dinas", "Layanan"]  # the header again, then the rows not yet printed
    assert [r[0] for r in kept._cellvalues[1:] + rest._cellvalues[1:]] == [f"Dinas {n}" for n in range(1, 41)]
    assert later.head == 3  # what is left of the head (the table's rest and the key) under its own tag


def test_an_entry_whose_head_no_page_holds_leaves_no_stray_line_at_a_page_foot() -> None:
    # 60 pt holds the tag and the line above the table (its header alone is not split off): less
    # than six lines (72 pt); 100 pt holds them and the header with two rows.
    assert _tall_entry().split(400, 60) == []
    assert len(_tall_entry().split(400, 100)) == 2
