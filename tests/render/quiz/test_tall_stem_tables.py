"""A Markdown table in a stem. The booklet keeps a question on one page where it can and
otherwise breaks it between its paragraphs and tables, and a table taller than a page between
its rows, its header row repeated; a pembahasan entry whose head (tag, stem, key, explanation)
no page holds breaks inside its stem the same way; a handout's evaluasi lets platypus split the
table (its header repeats). So every document prints every row of a stem table however long,
and a question's last line stands over its options. Only a table row taller than a page is a located error naming the item,
with heights that say why (never a traceback, never a page cut, nothing written)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from latsar.cli import main

STEM = "    stem: Siapa yang menurut berita itu harus melayani masyarakat?\n"


def _with_table(mini: Path, rows: int, cell: str = "{n7} warga terlayani", stem: str = STEM,
                question: str = "Siapa yang harus melayani masyarakat?") -> None:
    """The item of `stem` (mini-01, in kuis) asks `question` about a table of `rows` rows."""
    table = "".join(f"      | Dinas {n} | {cell.format(n7=n * 7)} |\n" for n in range(1, rows + 1))
    items = mini / "items" / "mini.yaml"
    items.write_text(items.read_text().replace(stem, "    stem: |\n      Perhatikan data berikut.\n\n"
                                               "      | Dinas | Layanan |\n      |---|---|\n" + table +
                                               f"\n      {question}\n"))


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def _pages(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


# Rows of the table; pages of each booklet and of the pembahasan (pakets A and B, the table item
# second in both); pages a booklet holds rows on, and those the pembahasan continues them on.
@pytest.mark.parametrize("rows, booklet, pembahasan, holding, continued", [
    (24, 2, 6, 1, 0),  # the entry's head stands on a page of its own, its last rows on the next
    (28, 2, 4, 1, 2),  # its head does not (713 pt): the table breaks between rows, its header repeated
    (31, 3, 4, 1, 2),  # the booklet breaks the question above and below the table (694 pt)
    (60, 4, 6, 2, 4),  # the table alone is more than a page: in parts, each under its header
])
def test_every_row_of_a_stem_table_prints_in_booklets_and_pembahasan(mini: Path, rows: int, booklet: int,
                                                                     pembahasan: int, holding: int,
                                                                     continued: int) -> None:
    _with_table(mini, rows)
    assert main(["quiz", "kuis", "curriculum", "--out", "out", "--quiet"]) == 0
    folder = mini.parent / "out" / "quizzes" / "kuis"
    for name, pages, tables in (("soal-paket-A.pdf", booklet, holding), ("soal-paket-B.pdf", booklet, holding),
                                ("pembahasan.pdf", pembahasan, 2 + continued)):
        text = _text(folder / name)
        assert [n for n in range(1, rows + 1) if not re.search(rf"Dinas {n} {n * 7} warga", text)] == [], name
        assert text.count("Siapa yang harus melayani masyarakat?") == (2 if name == "pembahasan.pdf" else 1)
        read = _pages(folder / name)
        assert len(read) == pages, name
        # Every page holding rows of the table opens them with its header row.
        rows_on = [page for page in read if "warga terlayani" in page]
        assert len(rows_on) == tables, name
        assert all(re.search(r"Dinas Layanan Dinas \d+ \d+ warga", page) for page in rows_on), name
        if name != "pembahasan.pdf":  # the question's last line stands over its options, on their page
            asked = [page for page in read if "Siapa yang harus" in page]
            assert len(asked) == 1 and "Aparatur sipil negara" in asked[0] and "Tokoh adat setempat" in asked[0], name
            # ... and its opening over the table's first rows where they fit a page together (24
            # rows), or the table is in parts (60): a question too tall for a page whose table is
            # whole breaks above the table, at the first page's foot (28, 31).
            opening = [page for page in read if "Perhatikan data berikut." in page][0]
            assert ("Dinas 1 7 warga" in opening) == (rows not in (28, 31)), name
    explained = _pages(folder / "pembahasan.pdf")
    assert sum("Soal 2 (lanjutan) · Modul Modul Uji Dinas Layanan" in page for page in explained) == continued


def test_a_table_row_no_page_holds_is_a_located_error(mini: Path, capsys: pytest.CaptureFixture) -> None:
    _with_table(mini, 2, " ".join(f"kata{n}" for n in range(200)))  # two rows of some 700 pt each
    assert main(["quiz", "kuis", "curriculum", "--out", "out"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[-1] == (
        "curriculum/items/mini.yaml:2:5: item 'mini-01' is too long to fit on one page (1518 pt high where a "
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


def test_a_booklet_table_taller_than_a_page_is_drawn_in_parts_a_page_holds() -> None:
    """The first part fills what a page leaves under the line above the table (the question
    opening a page), the others a page each; every part under the header, every row once."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table

    from latsar.render.pdf.quiz.booklet import page_parts

    line = Paragraph("Perhatikan data berikut.", ParagraphStyle("p", fontSize=10, leading=12, spaceAfter=3))
    table = Table([["Dinas", "Layanan"]] + [[f"Dinas {n}", str(n)] for n in range(1, 81)], repeatRows=1,
                  rowHeights=20)
    first, *parts = page_parts([line, table], 400, 700)
    assert first is line
    # 700 - 12 - 3 pt holds the header and 33 rows of 20 pt; a page, 34; 13 are left.
    assert [part.wrap(400, 700)[1] for part in parts] == [680, 700, 280]
    assert all(part._cellvalues[0] == ["Dinas", "Layanan"] for part in parts)
    assert [row[0] for part in parts for row in part._cellvalues[1:]] == [f"Dinas {n}" for n in range(1, 81)]
    assert page_parts([line, table], 400, 2000) == [line, table]  # a page holds it: drawn whole


def test_a_handout_prints_every_row_of_an_evaluasi_stem_table_and_keeps_the_question_over_its_options(
        mini: Path) -> None:
    """mini-02 is one of the evaluasi items the mini module prints."""
    question = "Apa tujuan memperkuat kerja sama antarinstansi?"
    _with_table(mini, 60, stem=f"    stem: {question}\n", question=question)
    assert main(["build", "curriculum", "--out", "out", "--quiet"]) == 0
    read = _pages(mini.parent / "out" / "modules" / "mini.pdf")
    text = " ".join(read)
    assert [n for n in range(1, 61) if not re.search(rf"Dinas {n} {n * 7} warga", text)] == []
    rows_on = [page for page in read if "warga terlayani" in page]
    assert len(rows_on) == 2 and all(re.search(r"Dinas Layanan Dinas \d+ \d+ warga", page) for page in rows_on)
    asked = [page for page in read if "Apa tujuan memperkuat kerja sama antarinstansi?" in page]
    assert len(asked) == 1 and "A. " in asked[0].split("antarinstansi?")[1]
