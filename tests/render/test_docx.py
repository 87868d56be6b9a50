"""Word documents read back with python-docx: real styles and headings in the outline's order, the
objectives' text, tables, the contents and page-number fields, the theme's paper, margins and
fonts, English labels, quiz booklets in each version's order, and byte-identical builds."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.shared import Pt

from latsar.plan import handout as plan
from latsar.plan.types import LETTERS
from latsar.text.markdown import plain_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def module_bytes(curriculum, evaluasi, theme_id) -> bytes:
    from latsar.render.docx import module_docx

    return module_docx(curriculum, "layanan", evaluasi, theme_id)


@pytest.fixture(scope="module")
def document(module_bytes):
    return docx.Document(io.BytesIO(module_bytes))


@pytest.fixture(scope="module")
def outline(curriculum, evaluasi, theme_id):
    return plan.module_outline(curriculum, "layanan", evaluasi, theme_id.labels)


def styled(document, *styles: str) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name in styles]


def test_headings_are_word_headings_in_the_outlines_order(document, outline):
    expected = []
    for division in outline.divisions:
        if division.heading and not any(isinstance(b, plan.Contents) for b in division.blocks):
            expected.append((f"Heading {division.heading.level + 1}", division.heading.text))
        expected += [(f"Heading {s.heading.level + 1}", s.heading.text) for s in division.sections]
    assert styled(document, "Heading 1", "Heading 2", "Heading 3") == expected
    assert ("Heading 1", "Bab I Pendahuluan") in expected and ("Heading 1", "Daftar Pustaka") in expected
    assert styled(document, "TOC Heading") == [("TOC Heading", "Daftar Isi")]


def test_the_cover_title_and_the_objectives_are_there_in_word_styles(document, curriculum):
    module = curriculum.module_by_id["layanan"]
    assert ("Title", module.title) in styled(document, "Title")
    numbered = [text for style, text in styled(document, "List Number")]
    for objective in module.objectives:
        assert any(text.startswith(objective.text) and f"({objective.level}" in text for text in numbered), objective.id
    # Each numbered list restarts: the objectives' list has its own numbering instance.
    ids = {p._p.pPr.numPr.numId.val for p in document.paragraphs
           if p.style.name == "List Number" and p._p.pPr is not None and p._p.pPr.numPr is not None}
    assert len(ids) >= 3


def test_quotations_cases_and_captions_use_word_styles(document):
    quotes = [text for _, text in styled(document, "Quote")]
    assert "“Pelayanan yang baik lahir dari hati yang tulus dan kompetensi yang terus diasah”" in quotes
    assert any(text.startswith("— Kepala Badan, ") and text.endswith("]") for text in quotes)
    case_cells = [t.cell(0, 0) for t in document.tables if len(t.rows) == 1 and len(t.columns) == 1]
    assert case_cells, "the case study is a one-cell box"
    texts = [p.text for p in case_cells[0].paragraphs]
    assert texts[0] == "STUDI KASUS" and case_cells[0].paragraphs[0].style.name == "Caption"
    assert texts[1] == "Antrean Panjang di Kantor Kecamatan"
    assert "Analisislah penyebab utama antrean tersebut." in texts


def test_glossary_and_key_are_word_tables(document, outline, evaluasi):
    block = next(b for d in outline.divisions for b in d.blocks if isinstance(b, plan.Glossary))
    terms = [term for term, _ in block.entries]
    glossary = next(t for t in document.tables if t.cell(0, 0).text == terms[0])
    assert [row.cells[0].text for row in glossary.rows] == terms
    assert [row.cells[1].text for row in glossary.rows] == [plain_text(d) for _, d in block.entries]
    key = next(t for t in document.tables if t.cell(0, 0).text == "No.")
    pairs = {}
    for row in key.rows[1:]:
        cells = [c.text for c in row.cells]
        pairs.update({int(n): k for n, k in zip(cells[::2], cells[1::2]) if n})
    version = evaluasi.versions[0]
    assert pairs == {n: p.key_letter for n, p in enumerate(version.items, start=1)}


def test_evaluasi_questions_carry_paket_a_in_order(document, curriculum, evaluasi):
    texts = [p.text for p in document.paragraphs]
    for number, planned in enumerate(evaluasi.versions[0].items, start=1):
        item = curriculum.item_by_id[planned.item_id]
        start = texts.index(f"{number}.\t{plain_text(item.stem)}")
        options = [f"{LETTERS[i]}.\t{plain_text(item.options[o].text)}" for i, o in enumerate(planned.choice_order)]
        assert texts[start + 1:start + 1 + len(options)] == options


def test_contents_and_page_numbers_are_word_fields(document, module_bytes, curriculum):
    body = zipfile.ZipFile(io.BytesIO(module_bytes)).read("word/document.xml").decode("utf-8")
    assert 'TOC \\o "1-2" \\h \\z \\u' in body
    sections = document.sections
    formats = [(s._sectPr.find(f"{W}pgNumType").get(f"{W}fmt"), s._sectPr.find(f"{W}pgNumType").get(f"{W}start"))
               for s in sections]
    assert formats == [(None, "1"), ("lowerRoman", "1"), ("decimal", "1")]  # cover, front matter, body
    footer = sections[2].footer._element.xml
    assert " PAGE " in footer
    assert sections[2].header.paragraphs[0].text == curriculum.module_by_id["layanan"].title


def test_the_theme_sets_paper_margins_and_fonts(document, theme_id):
    section = document.sections[0]
    assert abs(section.page_width - Pt(theme_id.page_size[0])) < 700 and abs(section.page_height - Pt(theme_id.page_size[1])) < 700
    assert abs(section.left_margin - Pt(theme_id.margins[2])) < 700  # Word keeps twips
    normal = document.styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Noto Serif", Pt(theme_id.body_size))
    assert document.styles["Heading 1"].font.name == "Noto Sans"
    assert str(document.styles["Heading 1"].font.color.rgb) == theme_id.colours.accent.lstrip("#")


def test_english_labels(curriculum, evaluasi):
    from latsar.render.docx import module_docx
    from latsar.render.pdf.theme import make_theme

    english = docx.Document(io.BytesIO(module_docx(curriculum, "layanan", evaluasi, make_theme(curriculum.programme, "en"))))
    headings = [text for _, text in styled(english, "Heading 1")]
    assert "Glossary" in headings and "Glosarium" not in headings


def test_the_same_inputs_give_the_same_bytes_and_the_programmes_date(module_bytes, curriculum, evaluasi, theme_id):
    from latsar.render.docx import module_docx

    assert module_docx(curriculum, "layanan", evaluasi, theme_id) == module_bytes
    with zipfile.ZipFile(io.BytesIO(module_bytes)) as archive:
        names = archive.namelist()
        assert names[0] == "[Content_Types].xml" and names == sorted(names)
        assert {i.date_time for i in archive.infolist()} == {theme_id.timestamp.timetuple()[:6]}
    properties = docx.Document(io.BytesIO(module_bytes)).core_properties
    assert properties.created.date() == theme_id.timestamp.date() and properties.revision == 1


def test_the_book_has_a_heading_per_module_and_their_chapters(curriculum, evaluasi, theme_id):
    from latsar.render.docx import book_docx

    book = docx.Document(io.BytesIO(book_docx(curriculum, {"layanan": evaluasi}, theme_id)))
    modules = [text for _, text in styled(book, "Heading 1") if text.startswith("Modul ")]
    assert modules == [f"Modul {n} {m.title}" for n, m in enumerate(curriculum.modules, start=1)]
    assert ("Heading 2", "Bab I Pendahuluan") in styled(book, "Heading 2")


def test_quiz_booklets_hold_each_versions_questions_in_order(curriculum, evaluasi, theme_id):
    from latsar.render.docx import booklets_docx

    files = booklets_docx(curriculum, evaluasi, theme_id)
    assert sorted(files) == [f"soal-paket-{v.code}.docx" for v in evaluasi.versions]
    for version in evaluasi.versions:
        booklet = docx.Document(io.BytesIO(files[f"soal-paket-{version.code}.docx"]))
        assert ("Heading 2", f"Paket {version.code}") in styled(booklet, "Heading 2")
        stems = [p.text.split("\t", 1)[1] for p in booklet.paragraphs if p.text[:1].isdigit() and "\t" in p.text]
        assert stems == [plain_text(curriculum.item_by_id[p.item_id].stem) for p in version.items]


def test_quiz_booklets_made_from_shared_pieces_number_their_own_lists(curriculum, evaluasi, theme_id):
    """Pieces made once per quiz (stems, options, petunjuk) give each booklet what a document
    built whole gives: a numbered list in a stem or in the petunjuk restarts in every booklet,
    and a booklet's bytes do not depend on the booklets made before it."""
    import dataclasses

    from latsar.plan.quizdocs import quiz_docs
    from latsar.render.docx.quiz import WordBooklets

    docs = quiz_docs(curriculum, evaluasi, theme_id.labels)
    first = evaluasi.versions[0].items[0].item_id
    texts = {**docs.texts, first: dataclasses.replace(docs.texts[first], stem="Urutkan:\n\n1. satu\n2. dua")}
    (one,) = docs.booklets
    other = dataclasses.replace(one.version, code="B", items=one.version.items[::-1])
    booklets = [dataclasses.replace(b, instructions="Petunjuk:\n\n1. baca\n2. jawab")
                for b in (one, dataclasses.replace(one, version=other))]

    def made(order):
        maker = WordBooklets(docs.info.title, docs.info.institution, theme_id)
        return {b.version.code: maker.docx(b, texts) for b in order}

    forward, backward = made(booklets), made(booklets[::-1])
    assert forward == backward and sorted(forward) == ["A", "B"]
    for code, data in forward.items():
        booklet = docx.Document(io.BytesIO(data))
        numbered = [p for p in booklet.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
        assert [p.text for p in numbered] == ["baca", "jawab", "satu", "dua"], code
        defined = {n.numId for n in booklet.part.numbering_part.element.num_lst}
        ids = [p._p.pPr.numPr.numId.val for p in numbered]
        assert ids[0] == ids[1] != ids[2] == ids[3] and set(ids) <= defined, code
        assert booklet.core_properties.title.endswith(f"Paket {code}")
        assert booklet.sections[0].header.paragraphs[0].text.endswith(f"Paket {code}")


def test_every_bundled_module_reopens_with_its_chapters_as_headings():
    from pathlib import Path

    from latsar.model.load import load_curriculum
    from latsar.plan.quiz import plan_quiz
    from latsar.render.docx import module_docx
    from latsar.render.pdf.theme import make_theme

    bundled = load_curriculum(Path(__file__).resolve().parents[2] / "curriculum")[0]
    theme = make_theme(bundled.programme, "id")
    for module in bundled.modules:
        blueprint = bundled.blueprint_by_id.get(f"evaluasi-{module.id}")
        data = module_docx(bundled, module.id, plan_quiz(bundled, blueprint) if blueprint else None, theme)
        headings = [text for _, text in styled(docx.Document(io.BytesIO(data)), "Heading 1")]
        chapters = [f"Bab {plan.roman(n)} {chapter.title}" for n, chapter in enumerate(module.chapters, start=2)]
        assert headings[headings.index("Bab I Pendahuluan") + 1:][:len(chapters)] == chapters, module.id


@pytest.mark.parametrize("tag", ["w:p", "w:pPr", "w:pStyle", "w:r", "w:rPr", "w:t", "w:tab", "w:br"])
def test_elements_are_made_as_python_docx_makes_them(tag):
    """The Writer makes its paragraphs and runs without python-docx's OxmlElement (which works
    out the tag's namespace at every call): the same class, tag and namespace declaration."""
    from docx.oxml import OxmlElement
    from lxml import etree

    from latsar.render.docx.text import new_element

    made, theirs = new_element(tag), OxmlElement(tag)
    assert type(made) is type(theirs) and made.nsmap == theirs.nsmap
    assert etree.tostring(made) == etree.tostring(theirs)
    assert new_element(tag) is not made  # a new element at every call


def _repeated_rows(table) -> list[int]:
    """The rows Word repeats at the top of each page the table runs onto (w:tblHeader)."""
    return [index for index, row in enumerate(table._tbl.tr_lst)
            if row.trPr is not None and row.trPr.find(f"{W}tblHeader") is not None]


def test_a_table_with_a_header_row_repeats_it_on_every_page_in_word(document):
    """A Markdown table with a head row and the evaluasi's key repeat their first row on each
    page Word breaks them across, as the PDF's do; a table without a head row repeats none."""
    key = next(t for t in document.tables if t.cell(0, 0).text == "No.")
    assert _repeated_rows(key) == [0]
    glossary = [t for t in document.tables if t.cell(0, 0).text != "No."]
    assert glossary and all(_repeated_rows(t) == [] for t in glossary)
    from latsar.render.docx.text import Writer

    word = docx.Document()
    writer = Writer(word)
    writer.markdown(word, "| Dinas | Layanan |\n|---|---|\n" + "".join(f"| D{n} | {n} |\n" for n in range(40)))
    writer.markdown(word, "Tanpa kepala:\n\n- satu\n- dua")
    (table,) = word.tables
    assert _repeated_rows(table) == [0] and len(table.rows) == 41
    reread = docx.Document(io.BytesIO(_saved(word)))
    assert _repeated_rows(reread.tables[0]) == [0]


def _saved(word) -> bytes:
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
