"""The programme book (bahan-ajar.pdf): every module after one cover, foreword and daftar isi."""

from __future__ import annotations

from latsar.plan.handout import roman

import io

import pytest
from pypdf import PdfReader

from pdftext import contents_entries, lines, outline_titles, squash


@pytest.fixture(scope="module")
def book(curriculum, evaluasi, theme_id):
    from latsar.render.pdf.handout import book_pdf

    return PdfReader(io.BytesIO(book_pdf(curriculum, {"evaluasi-layanan": evaluasi}, theme_id)))


def test_contents_list_modules_and_chapters_with_real_pages(curriculum, book):
    texts = [p.extract_text() for p in book.pages]
    first = next(i for i, t in enumerate(texts) if t.lstrip().startswith("DAFTAR ISI"))
    last = book.page_labels.index("1") - 1
    entries = contents_entries(book, first, last)
    titles = [squash(t) for t, _ in entries]
    assert titles[:2] == ["KataPengantar", "DaftarIsi"]
    assert squash("Modul 1 Pelayanan Publik Terintegrasi") in titles
    assert squash("Modul 2 Koordinasi Kerja") in titles
    assert titles.count(squash("Bab I Pendahuluan")) == 2  # once per module
    assert squash("A. Latar Belakang") not in titles  # sections are in the bookmarks only
    module_two = titles.index(squash("Modul 2 Koordinasi Kerja"))
    page = book.page_labels.index(entries[module_two][1])
    assert "MODUL 2" in texts[page] and "KOORDINASI KERJA" in texts[page]


def test_numbering_runs_on_across_modules(book):
    labels = book.page_labels
    start = labels.index("1")
    assert labels[:start] == [roman(n).lower() for n in range(1, start + 1)]
    assert labels[start:] == [str(n) for n in range(1, len(labels) - start + 1)]
    assert lines(book.pages[-1])[-1] == labels[-1]


def test_outline_nests_modules_chapters_and_sections(curriculum, book):
    titles = outline_titles(book)
    for number, module in enumerate(curriculum.modules, start=1):
        assert f"Modul {number} {module.title}" in titles
        for chapter in module.chapters:
            assert any(t.endswith(chapter.title) for t in titles)
    top_level = [item.title for item in book.outline if not isinstance(item, list)]
    assert top_level == ["Kata Pengantar", "Daftar Isi", "Modul 1 Pelayanan Publik Terintegrasi",
                         "Modul 2 Koordinasi Kerja"]


def test_running_heads_follow_the_module(book):
    texts = [p.extract_text() for p in book.pages]
    second = next(i for i, t in enumerate(texts) if "MODUL 2" in t and "KOORDINASI KERJA" in t)
    heads = [lines(page)[0] for page in book.pages]
    assert "Pelayanan Publik Terintegrasi" in heads[:second]
    assert "Koordinasi Kerja" in heads[second:] and "Pelayanan Publik Terintegrasi" not in heads[second:]


def test_evaluasi_only_where_a_plan_is_given(book):
    text = " ".join(p.extract_text() for p in book.pages)
    assert text.count("EVALUASI") == 1 and text.count("KUNCI JAWABAN DAN PEMBAHASAN") == 1
    assert book.metadata.title == "Bahan Ajar Pelatihan Dasar CPNS Golongan III"


def test_plans_keyed_by_module_id_work_too(curriculum, evaluasi, theme_id):
    from latsar.render.pdf.handout import book_pdf

    by_module = book_pdf(curriculum, {"layanan": evaluasi}, theme_id)
    by_blueprint = book_pdf(curriculum, {"evaluasi-layanan": evaluasi}, theme_id)
    assert by_module == by_blueprint
