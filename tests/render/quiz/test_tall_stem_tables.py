"""A Markdown table in a stem cannot split across pages (a question stays on one page in the
booklet; a pembahasan entry breaks only between its rows). A table a page holds prints whole,
every row of it, in both; one no page holds is a located error naming the item, with heights
that say why (never a traceback, never a page cut, nothing written)."""

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


def test_a_table_a_page_holds_prints_every_row_in_booklet_and_pembahasan(mini: Path) -> None:
    _with_table(mini, 24)
    assert main(["quiz", "kuis", "curriculum", "--out", "out", "--quiet"]) == 0
    folder = mini.parent / "out" / "quizzes" / "kuis"
    for name in ("soal-paket-A.pdf", "soal-paket-B.pdf", "pembahasan.pdf"):
        text = _text(folder / name)
        assert [n for n in range(1, 25) if not re.search(rf"Dinas {n} {n * 7} warga", text)] == [], name
        assert "Siapa yang harus melayani masyarakat?" in text


@pytest.mark.parametrize("rows, needed", [
    (29, 735),  # the booklet holds it; a pembahasan page cannot hold its stem with its tag, key and explanation
    (40, 971),  # no page holds even its stem (the booklet's question alone is 941 pt)
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
