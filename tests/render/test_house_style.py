"""House style as data (programme.yaml `theme:`): paper, margins, fonts, size, spacing, duplex.
Whatever the choice, the daftar isi promises the pages the folios print."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.lib.units import cm, mm

from pagefill import text_rows
from pdftext import contents_entries, fonts, squash
from test_handout_pdf import contents_pages, heading_page

PAPERS = {"A4": (210 * mm, 297 * mm), "F4": (215 * mm, 330 * mm), "lan-2017": (165 * mm, 215.9 * mm),
          "letter": (8.5 * 72, 11 * 72)}
PEDOMAN = {"page_size": "F4", "fonts": {"body": "liberation-sans", "heading": "liberation-sans"},
           "margins": {"top": 4, "bottom": 3, "inner": 4, "outer": 3}, "font_size": 12, "line_spacing": 1.5,
           "duplex": True}


def _render(tmp_path, evaluasi, theme: dict):
    from latsar.plan.handout import module_outline
    from latsar.render.pdf.handout import module_pdf
    from latsar.render.pdf.theme import make_theme
    from synthetic import make_curriculum

    curriculum = make_curriculum(tmp_path, theme=theme)
    made = make_theme(curriculum.programme, "id")
    reader = PdfReader(io.BytesIO(module_pdf(curriculum, "layanan", evaluasi, made)))
    return reader, module_outline(curriculum, "layanan", evaluasi, made.labels), made


def _contents_are_the_folios(reader, outline):
    headings = [h for h in outline.headings() if h.level <= 1]
    first, last = contents_pages(reader)
    entries = contents_entries(reader, first, last)
    assert [squash(title) for title, _ in entries] == [squash(h.text) for h in headings]
    page = last + 1
    for heading, (_, printed) in zip(headings, entries):
        if heading.key.endswith((".foreword", ".contents")):
            continue
        page = heading_page(reader, heading, page)
        assert printed == reader.page_labels[page], heading.text
        folio = text_rows(reader.pages[page])[-1][1]
        assert folio == printed


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_every_paper_keeps_the_contents_true_to_the_folios(tmp_path, evaluasi, paper):
    reader, outline, _ = _render(tmp_path, evaluasi, {"page_size": paper})
    width, height = PAPERS[paper]
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (round(width), round(height))
    _contents_are_the_folios(reader, outline)


@pytest.fixture(scope="module")
def pedoman(tmp_path_factory, evaluasi):
    return _render(tmp_path_factory.mktemp("pedoman"), evaluasi, PEDOMAN)


def test_a_pedoman_style_f4_arial_12_spacing_1_5_duplex(pedoman):
    reader, outline, theme = pedoman
    _contents_are_the_folios(reader, outline)
    assert {name.split("+")[-1] for name in fonts(reader)} <= {"LatsarSans-Regular", "LatsarSans-Bold",
                                                             "LatsarSans-Italic", "LatsarSans-BoldItalic"}
    assert theme.leading == pytest.approx(12 * 1.15 * 1.5)
    # body lines of a full page stand 20.7 pt apart
    bab = next(i for i, label in enumerate(reader.page_labels) if label == "2")
    ys = sorted({round(y, 1) for y, _ in text_rows(reader.pages[bab])}, reverse=True)
    gaps = [round(a - b, 1) for a, b in zip(ys, ys[1:])]
    assert gaps.count(round(theme.leading, 1)) >= 5


def _left_edge(page) -> float:
    xs = []

    def visit(text, cm_, tm, font, size):
        if text.strip():
            xs.append(tm[4] * cm_[0] + cm_[4])

    page.extract_text(visitor_text=visit)
    return min(xs)


def test_duplex_opens_every_part_on_an_odd_page_and_mirrors_the_margins(pedoman):
    reader, outline, theme = pedoman
    texts = [page.extract_text() for page in reader.pages]
    for index, text in enumerate(texts):
        if not text.strip():  # a blank left-hand page: no running head, no folio
            assert index % 2 == 1, index
            assert texts[index + 1].strip()
    for heading in outline.headings():
        if heading.level == 0 and heading.key.split(".")[-1] not in ("foreword", "contents"):
            index = heading_page(reader, heading, 0)
            assert index % 2 == 0, heading.text  # page index 0 is page 1, an odd page
    odd, even = reader.page_labels.index("1"), reader.page_labels.index("2")
    assert _left_edge(reader.pages[odd]) == pytest.approx(4 * cm, abs=3)
    assert _left_edge(reader.pages[even]) == pytest.approx(3 * cm, abs=3)
