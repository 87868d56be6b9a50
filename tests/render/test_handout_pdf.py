"""The module handout PDF read back: words, daftar isi, page labels, fonts, outline, metadata,
hyphenation, labels per language and byte-identical rebuilds."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from latsar.plan.handout import module_outline, roman
from pdftext import BASE14, contents_entries, fonts, lines, outline_titles, squash
from synthetic import PROSE


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def body_text(reader: PdfReader) -> str:
    """All text with line-end hyphens of wrapped words undone and whitespace folded."""
    text = "\n".join(page_texts(reader))
    return re.sub(r"\s+", " ", re.sub(r"(\w)-\n(\w)", r"\1\2", text))


def contents_pages(reader: PdfReader) -> tuple[int, int]:
    """First and last page index of the daftar isi: from its heading to the last roman page."""
    first = next(i for i, t in enumerate(page_texts(reader)) if t.lstrip().startswith("DAFTAR ISI"))
    last = first
    while reader.page_labels[last + 1] != "1" and not reader.page_labels[last + 1].isdigit():
        last += 1
    return first, last


def heading_page(reader: PdfReader, heading, start: int) -> int:
    """Index of the first page from `start` that prints the heading as a heading."""
    if heading.level == 0:  # chapter openers print number and title in capitals
        wanted = squash((heading.number + heading.title).upper())
    else:
        wanted = squash(heading.text)
    for index in range(start, len(reader.pages)):
        if wanted in squash(reader.pages[index].extract_text()):
            return index
    raise AssertionError(f"heading {heading.text!r} not found after page {start}")


def test_objectives_and_section_headings_are_in_the_text(curriculum, module_reader):
    text = body_text(module_reader)
    module = curriculum.module_by_id["layanan"]
    for objective in module.objectives:
        assert objective.text in text
        assert objective.indicator in text
        assert f"{objective.level} ·" in text  # its Bloom level
    for chapter in module.chapters:
        for section in chapter.sections:
            assert section.title in text


def test_case_study_quote_and_template_values(module_reader):
    text = body_text(module_reader)
    assert "STUDI KASUS" in text and "Antrean Panjang di Kantor Kecamatan" in text
    assert "Rancanglah langkah perbaikan" in text
    assert "— Kepala Badan, Warta Contoh [3]" in text  # attribution with its daftar pustaka number
    assert "[3] Warta Contoh, Senin (7/10). “ASN Harus Miliki Jiwa Melayani”. Pontianak." in text
    assert "{{" not in text and "BPSDM Provinsi Contoh, pengintegrasian" in text


def test_contents_lists_every_heading_with_its_real_page_label(curriculum, evaluasi, theme_id, module_reader):
    outline = module_outline(curriculum, "layanan", evaluasi, theme_id.labels)
    headings = [h for h in outline.headings() if h.level <= 1]
    first, last = contents_pages(module_reader)
    entries = contents_entries(module_reader, first, last)
    assert [squash(title) for title, _ in entries] == [squash(h.text) for h in headings]
    labels = module_reader.page_labels
    page = last + 1
    for heading, (_, printed) in zip(headings, entries):
        if heading.key.endswith((".foreword", ".contents")):
            assert printed == labels[heading_page(module_reader, heading, 1)]
            continue
        page = heading_page(module_reader, heading, page)
        assert printed == labels[page], heading.text


def test_page_numbers_roman_then_arabic_and_printed_as_labelled(module_reader):
    labels = module_reader.page_labels
    bab_one = next(i for i, t in enumerate(page_texts(module_reader)) if "BAB I\n" in t or t.startswith("BAB I"))
    assert labels[:bab_one] == [roman(n).lower() for n in range(1, bab_one + 1)]
    assert labels[bab_one:] == [str(n) for n in range(1, len(labels) - bab_one + 1)]
    for index in range(3, len(labels)):  # the cover, title page and colophon print no number
        assert lines(module_reader.pages[index])[-1] == labels[index]


def test_every_font_is_embedded_and_none_is_base14(module_bytes, module_reader):
    found = fonts(module_reader)
    assert found
    for name, font in found.items():
        assert name.lstrip("/").split("+")[-1] not in BASE14
        assert re.fullmatch(r"/[A-Z]{6}\+Noto(Serif|Sans)-\w+", name), name  # a subset
        descriptor = font["/FontDescriptor"] if "/FontDescriptor" in font else \
            font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object()
    for base in (b"/Helvetica", b"/Times-Roman", b"/Courier", b"/ZapfDingbats"):
        assert base not in module_bytes


def test_outline_mirrors_the_chapters_and_sections(curriculum, module_reader):
    titles = outline_titles(module_reader)
    module = curriculum.module_by_id["layanan"]
    for number, chapter in enumerate(module.chapters, start=2):
        assert f"Bab {'II III IV'.split()[number - 2]} {chapter.title}" in titles
        for section in chapter.sections:
            assert any(t.endswith(section.title) for t in titles)
    assert "Bab I Pendahuluan" in titles and "Glosarium" in titles and "Daftar Pustaka" in titles


def test_metadata(module_reader):
    meta = module_reader.metadata
    assert meta.title == "Pelayanan Publik Terintegrasi"
    assert meta.author == "BPSDM Provinsi Contoh"
    assert meta.subject == "Modul Pelatihan Dasar CPNS Golongan III"
    assert "Latsar" in meta["/Keywords"]
    assert meta["/CreationDate"].startswith("D:20261123")
    assert module_reader.trailer["/Root"]["/Lang"] == "id-ID"


def test_body_text_is_hyphenated_where_the_source_is_not(module_reader):
    source_words = set(re.findall(r"\w+", PROSE.lower()))
    breaks = []
    for page in module_reader.pages:
        page_lines = lines(page)
        for line, following in zip(page_lines, page_lines[1:]):
            match = re.search(r"(\w+)-$", line)
            if match and following.split():
                word = (match[1] + re.match(r"\w*", following.split()[0])[0]).lower()
                if word in source_words:
                    breaks.append(word)
    assert len(breaks) >= 5, breaks


def test_no_missing_glyphs_for_typographic_punctuation(module_reader):
    # “ ” – … from the source come through as themselves (the fonts have them: no .notdef boxes).
    assert "“melayani dengan hati” – bukan sekadar slogan – harus tampak dalam tindakan…" in body_text(module_reader)


def test_evaluasi_prints_version_a_in_the_plans_order(curriculum, evaluasi, module_reader):
    text = body_text(module_reader)
    version = evaluasi.versions[0]
    first = curriculum.item_by_id[version.items[0].item_id]
    second = curriculum.item_by_id[version.items[1].item_id]
    assert text.index(first.stem.rstrip(".")) < text.index(second.stem.rstrip("."))
    options = [first.options[i].text for i in version.items[0].choice_order]
    assert f"A. {options[0]} B. {options[1]} C. {options[2]} D. {options[3]}" in text
    keys = " ".join(f"{n} {p.key_letter}" for n, p in enumerate(version.items, start=1))
    assert "KUNCI JAWABAN DAN PEMBAHASAN" in text and first.explanation in text
    assert squash(keys[:3]) in squash(text)


def test_english_labels_change_and_content_does_not(curriculum, evaluasi, module_reader):
    from latsar.render.pdf.handout import module_pdf
    from latsar.render.pdf.theme import make_theme

    english = PdfReader(io.BytesIO(module_pdf(curriculum, "layanan", evaluasi, make_theme(curriculum.programme, "en"))))
    en_text, id_text = body_text(english), body_text(module_reader)
    for label in ("CONTENTS", "FOREWORD", "CHAPTER II", "Learning Objectives", "ANSWER KEY AND EXPLANATIONS",
                  "GLOSSARY", "REFERENCES", "Case Study".upper()):
        assert label in en_text and label not in id_text
    for label in ("DAFTAR ISI", "BAB II", "Tujuan Pembelajaran", "GLOSARIUM"):
        assert label not in en_text
    module = curriculum.module_by_id["layanan"]
    for words in [o.text for o in module.objectives] + [s.title for c in module.chapters for s in c.sections]:
        assert words in en_text
    assert "pengintegrasian layanan antarperangkat daerah" in en_text
    assert english.trailer["/Root"]["/Lang"] == "en"


def test_two_renders_are_byte_identical(curriculum, evaluasi, theme_id, module_bytes):
    from latsar.render.pdf.handout import module_pdf

    assert module_pdf(curriculum, "layanan", evaluasi, theme_id) == module_bytes


def test_source_date_epoch_sets_the_document_date(curriculum, monkeypatch):
    from latsar.render.pdf.handout import module_pdf
    from latsar.render.pdf.theme import make_theme

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pdf = module_pdf(curriculum, "koordinasi", None, make_theme(curriculum.programme, "id"))
    assert PdfReader(io.BytesIO(pdf)).metadata["/CreationDate"].startswith("D:20231114")


def test_without_evaluasi_there_is_no_quiz_or_key(curriculum, theme_id):
    from latsar.render.pdf.handout import module_pdf

    text = body_text(PdfReader(io.BytesIO(module_pdf(curriculum, "koordinasi", None, theme_id))))
    assert "EVALUASI" not in text and "KUNCI JAWABAN" not in text and "PENUTUP" in text


@pytest.mark.parametrize("page_size", ["F4", "lan-2017"])
def test_other_page_sizes(curriculum, evaluasi, page_size):
    from latsar.render.pdf.handout import module_pdf
    from latsar.render.pdf.theme import make_theme

    programme = curriculum.programme.model_copy(update={"theme": curriculum.programme.theme.model_copy(
        update={"page_size": page_size})})
    reader = PdfReader(io.BytesIO(module_pdf(curriculum, "layanan", evaluasi, make_theme(programme, "id"))))
    width = float(reader.pages[0].mediabox.width)
    assert round(width / 72 * 25.4) == {"F4": 215, "lan-2017": 165}[page_size]
    assert "Menjelaskan konsep pelayanan publik yang terintegrasi" in body_text(reader)


def test_logo_on_the_cover_and_title_page_only(tmp_path):
    from PIL import Image

    from latsar.render.pdf.handout import module_pdf
    from latsar.render.pdf.theme import make_theme
    from synthetic import make_curriculum

    Image.new("RGB", (120, 80), "#1F4E79").save(tmp_path / "logo.png")
    curriculum = make_curriculum(tmp_path, theme={"logo": "logo.png"})
    reader = PdfReader(io.BytesIO(module_pdf(curriculum, "koordinasi", None, make_theme(curriculum.programme, "id"))))
    images = reader.pages[0]["/Resources"]["/XObject"]
    assert any(x.get_object()["/Subtype"] == "/Image" for x in images.values())
    assert "/XObject" not in reader.pages[3]["/Resources"] or not reader.pages[3]["/Resources"]["/XObject"]


def test_a_missing_logo_is_a_user_error(tmp_path):
    from latsar.errors import LatsarError
    from latsar.render.pdf.handout import module_pdf
    from latsar.render.pdf.theme import make_theme
    from synthetic import make_curriculum

    curriculum = make_curriculum(tmp_path, theme={"logo": "nope.png"})
    with pytest.raises(LatsarError, match="cannot read the logo"):
        module_pdf(curriculum, "koordinasi", None, make_theme(curriculum.programme, "id"))
