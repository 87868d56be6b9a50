"""Question booklets read back: every item of the plan, in its order, with its option order; key
letters that agree with kunci.csv; no item split across pages; version and "x/y" on every page."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from pdftext import BASE14, fonts, lines
from quizbank import MARKUP_OPTION, make_plan
from quiz_readback import booklet_items, content_lines, csv_rows, folios


def booklet(readers, code: str) -> PdfReader:
    return readers[f"soal-paket-{code}.pdf"]


def test_the_set_holds_every_document(files, plan):
    booklets = {f"soal-paket-{v.code}.{kind}" for v in plan.versions for kind in ("pdf", "docx")}
    others = {"lembar-jawaban.pdf", "lembar-jawaban.json", "kunci-jawaban.pdf", "kunci.csv", "versions.json",
              "pembahasan.pdf", "kisi-kisi.pdf"}
    assert set(files) == booklets | others
    assert list(files) == sorted(files)  # a stable order for the build's manifest
    assert all(files[name] for name in files)


def test_booklets_print_the_plans_items_and_option_orders(readers, plan):
    for version in plan.versions:
        printed = booklet_items(booklet(readers, version.code))
        assert [p.number for p in printed] == list(range(1, len(version.items) + 1))
        assert [p.item_id for p in printed] == [p.item_id for p in version.items]
        for item, planned in zip(printed, version.items):
            assert [letter for letter, _ in item.options] == list("ABCD")
            assert tuple(index for _, index in item.options) == planned.choice_order, item.item_id


def test_key_letters_read_from_the_booklets_equal_kunci_csv(files, readers, plan, bank):
    rows = csv_rows(files["kunci.csv"])
    assert list(rows[0]) == ["version", "number", "key", "item"]
    from_csv = {(r["version"], int(r["number"])): (r["key"], r["item"]) for r in rows}
    assert len(rows) == sum(len(v.items) for v in plan.versions)
    for version in plan.versions:
        for item in booklet_items(booklet(readers, version.code)):
            correct = next(i for i, o in enumerate(bank.item_by_id[item.item_id].options) if o.correct)
            letter = next(letter for letter, index in item.options if index == correct)
            assert from_csv[(version.code, item.number)] == (letter, item.item_id)


def test_no_item_is_split_across_pages(readers, plan):
    for version in plan.versions:
        reader = booklet(readers, version.code)
        assert len(reader.pages) > 1  # the test means something only if there are page breaks
        assert all(len(item.pages) == 1 for item in booklet_items(reader))


def test_every_page_shows_the_version_and_page_x_of_y(readers, plan):
    for version in plan.versions:
        reader = booklet(readers, version.code)
        total = len(reader.pages)
        assert folios(reader) == [f"Paket {version.code} · halaman {n}/{total}" for n in range(1, total + 1)]
        for page in reader.pages[1:]:
            assert lines(page)[0].endswith(f"PAKET {version.code}")


def test_options_sit_in_a_row_in_two_columns_or_one_per_line(readers, plan):
    """Items 3, 6, 9 have short options, 1, 4, 7 medium ones, 2, 5, 8 long ones (quizbank)."""
    reader = booklet(readers, plan.versions[0].code)
    text = [line for _, line in content_lines(reader)]
    for line in text:
        letters = re.findall(r"(?:^| )([A-D])\. ", line)
        tokens = re.findall(r"\b[LK](\d+)-\d\b", line)
        if not tokens:
            continue
        kind = int(tokens[0]) % 3
        expected = {0: ["A", "B", "C", "D"], 1: None, 2: None}[kind]
        if kind == 0:
            assert letters == expected, line
        elif kind == 1:
            assert letters in (["A", "B"], ["C", "D"]), line
        else:
            assert len(letters) <= 1, line


def flat(page) -> str:
    """The page's words in content order, whitespace folded (bold runs stay in place, which
    the positional `lines` helper cannot promise)."""
    return re.sub(r"\s+", " ", page.extract_text())


def test_cover_block_identity_instructions_and_time(readers, plan):
    first = flat(booklet(readers, "A").pages[0])
    for words in ("NASKAH SOAL", "Kuis Uji Pelayanan", "PAKET", "Nama", "NIP/Nomor Peserta", "Instansi",
                  "Tanggal", "Petunjuk Pengerjaan", "Waktu: 25 menit", "Jumlah soal: 12", "Paket: A",
                  "Naskah ini berisi 12 soal pilihan ganda", "Hitamkan kode paket A"):
        assert words in first, words


def test_programme_values_are_filled_and_markup_prints_as_written(bank, theme):
    from latsar.render.pdf.quiz import quiz_set

    small = make_plan(bank, versions=1, rules=[{"module": "layanan", "count": 9}])
    text = " ".join(flat(p) for p in PdfReader(io.BytesIO(quiz_set(bank, small, theme)["soal-paket-A.pdf"])).pages)
    assert "di BPSDM Provinsi Contoh?" in text and "{{" not in text
    assert MARKUP_OPTION in text


def test_blueprint_instructions_replace_the_built_in_text(bank, theme):
    from latsar.plan.quizdocs import quiz_docs
    from latsar.render.pdf.quiz.booklet import booklet_jobs, booklet_pdf

    custom = make_plan(bank, versions=2, instructions="Kerjakan {{ count }} soal dalam {{ minutes }} menit "
                                                       "(paket {{ version }}, lulus {{ pass_mark }}%).")
    job = booklet_jobs(quiz_docs(bank, custom, theme.labels))[1]
    first = flat(PdfReader(io.BytesIO(booklet_pdf(job, theme))).pages[0])
    assert "Kerjakan 12 soal dalam 25 menit (paket B, lulus 70%)." in first
    assert "Naskah ini berisi" not in first


def test_every_pdf_embeds_its_fonts_and_uses_no_base14_font(readers):
    for name, reader in readers.items():
        found = fonts(reader)
        assert found, name
        assert not {n.split("+")[-1].lstrip("/") for n in found} & BASE14, name
        for font in found.values():
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), name


def test_pdfs_carry_title_author_language_and_the_programme_date(readers, bank):
    for name, reader in readers.items():
        info = reader.metadata
        assert info.title.startswith("Kuis Uji Pelayanan — ") and info.author == "BPSDM Provinsi Contoh", name
        assert info["/CreationDate"].startswith("D:20261123"), name
        assert reader.trailer["/Root"]["/Lang"] == "id-ID", name


@pytest.mark.parametrize("lang, words", [("en", ["Version A · page 1/", "Instructions", "Time allowed: 25 minutes"])])
def test_labels_follow_the_language(bank, plan, lang, words):
    from latsar.plan.quizdocs import quiz_docs
    from latsar.render.pdf.quiz.booklet import booklet_jobs, booklet_pdf
    from latsar.render.pdf.theme import make_theme

    theme = make_theme(bank.programme, lang)
    job = booklet_jobs(quiz_docs(bank, plan, theme.labels))[0]
    text = flat(PdfReader(io.BytesIO(booklet_pdf(job, theme))).pages[0])
    for word in words:
        assert word in text


@pytest.mark.parametrize("options", [3, 5])
def test_three_and_five_options_read_back_with_their_keys(bank, theme, options):
    from latsar.plan.quizdocs import quiz_docs
    from latsar.render.pdf.quiz.booklet import booklet_jobs, booklet_pdf

    plan = make_plan(bank, versions=2, options=options)
    for version, job in zip(plan.versions, booklet_jobs(quiz_docs(bank, plan, theme.labels))):
        printed = booklet_items(PdfReader(io.BytesIO(booklet_pdf(job, theme))))
        for item, planned in zip(printed, version.items):
            assert [letter for letter, _ in item.options] == list("ABCDE"[:options])
            assert tuple(index for _, index in item.options) == planned.choice_order
            assert item.options[planned.key_index][1] == next(
                i for i, o in enumerate(bank.item_by_id[item.item_id].options) if o.correct)


def test_titles_with_markup_characters_print_as_written(bank, theme):
    from latsar.render.pdf.quiz import quiz_set

    plan = make_plan(bank, versions=1, title="Kuis <Uji> & Pelayanan")
    files = quiz_set(bank, plan, theme)
    for name in ("soal-paket-A.pdf", "kunci-jawaban.pdf", "pembahasan.pdf", "kisi-kisi.pdf"):
        assert "Kuis <Uji> & Pelayanan" in flat(PdfReader(io.BytesIO(files[name])).pages[0]), name


STEM = "    stem: Apa tujuan memperkuat kerja sama antarinstansi?\n"
OPTION = "      - {text: Menambah jumlah rapat, reason: Bukan tujuannya.}\n"


def _booklets_with(mini, written: str, instead: str, kind: str) -> list:
    """The evaluasi-mini booklets (`kind`: pdf or docx) after `written` in its items replaces `instead`."""
    from latsar.cli import main

    items = mini / "items" / "mini.yaml"
    items.write_text(items.read_text().replace(written, instead))
    assert main(["quiz", "evaluasi-mini", "curriculum", "--out", "out", "--quiet"]) == 0
    found = sorted((mini.parent / "out" / "quizzes" / "evaluasi-mini").glob(f"soal-paket-*.{kind}"))
    assert found  # the loops below read every booklet there is
    return found


def _word(path) -> list[tuple[str, str]]:
    import docx

    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def test_a_stem_opening_with_a_list_keeps_its_number_and_every_bullet(mini):
    """The question number stands beside the list's first item, and each item keeps its bullet
    (a booklet once put the number in place of the first bullet, later dropped every bullet).
    In Word too ("2.⇥•⇥…", the bullets under the stem's text, as in the PDF; Word once printed
    the number alone on a line above the list, and earlier left of its number)."""
    import docx
    from docx.shared import Pt

    listed = "    stem: |\n      - Kerja sama diperkuat.\n      - Ego sektoral dikurangi.\n\n      Apa tujuannya?\n"
    for path in _booklets_with(mini, STEM, listed, "pdf"):
        text = flat(PdfReader(path).pages[0])
        number = re.search(r"(\d)\. • Kerja sama diperkuat\. • Ego sektoral dikurangi\. Apa tujuannya\?", text)
        assert number, text
        assert text.count("•") == 2
    for path in sorted(path.parent.glob("soal-paket-*.docx")):
        paragraphs = docx.Document(str(path)).paragraphs
        at = next(n for n, p in enumerate(paragraphs) if p.text.endswith("Kerja sama diperkuat."))
        first, second, after = paragraphs[at:at + 3]
        assert re.fullmatch(r"\d\.\t•\tKerja sama diperkuat\.", first.text), first.text  # not on a line of its own
        assert (second.text, after.text) == ("•\tEgo sektoral dikurangi.", "Apa tujuannya?")
        assert re.fullmatch(r"\d\.\t", paragraphs[at - 1].text) is None
        layout = [(p.paragraph_format.left_indent.pt, p.paragraph_format.first_line_indent.pt) for p in (first, second)]
        assert layout == [(40, -40), (40, -16)]  # the number at the margin, each item's text under the other's
        assert [t.position for t in first.paragraph_format.tab_stops] == [Pt(24), Pt(40)]  # its bullet as below
        assert after.paragraph_format.left_indent == Pt(20) and after.paragraph_format.keep_with_next


def test_a_stem_opening_with_a_numbered_list_keeps_its_numbers_in_word(mini):
    listed = "    stem: |\n      3. Rapat koordinasi.\n      4. Data bersama.\n\n      Mana yang tepat?\n"
    for path in _booklets_with(mini, STEM, listed, "docx"):
        texts = [text for _, text in _word(path)]
        at = next(n for n, text in enumerate(texts) if text.endswith("Rapat koordinasi."))
        assert re.fullmatch(r"\d\.\t3\.\tRapat koordinasi\.", texts[at]), texts[at]
        assert texts[at + 1:at + 3] == ["4.\tData bersama.", "Mana yang tepat?"]


def _runs(page) -> dict[str, tuple[float, float]]:
    """(x, baseline y) of each text run on the page, by its text (the first one of a text)."""
    found: dict[str, tuple[float, float]] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.setdefault(text.strip(), (tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return found


def test_a_stem_holding_a_table_and_a_quotation_prints_in_pdf_and_word(mini):
    """Word once stopped at a table inside a stem (it indented the table as if a paragraph).
    The table stands under the stem's text, right of its number, and ends at the right margin;
    the quotation after it keeps a gap from its last rule (both once spanned the frame from the
    left margin, the quotation touching the table), in the PDF and in Word."""
    import docx
    from docx.shared import Pt

    from latsar.model.load import load_curriculum
    from latsar.render.pdf.quiz.common import stem_styles
    from latsar.render.pdf.theme import make_theme

    table = ("    stem: |\n      Perhatikan data berikut.\n\n      | Dinas | Warga |\n      |---|---|\n"
             "      | Dukcapil | 120 |\n\n      > Data belum dipadankan.\n\n      Apa tujuan memperkuat kerja sama?\n")
    booklets = _booklets_with(mini, STEM, table, "pdf")
    theme = make_theme(load_curriculum(mini)[0].programme, "id")
    indent, line = stem_styles(theme).get("q-stem").leftIndent, theme.leading
    for path in booklets:
        page = PdfReader(path).pages[0]
        text = flat(page)
        assert re.search(r"\d\. Perhatikan data berikut\. Dinas Warga Dukcapil 120 Data belum dipadankan\. "
                         r"Apa tujuan memperkuat kerja sama\?", text), text
        runs = _runs(page)
        stem_x = runs["Perhatikan data berikut."][0]
        assert stem_x <= runs["Dinas"][0] <= stem_x + 8  # the first cell's text, after its padding
        assert runs["Warga"][0] - runs["Dinas"][0] == pytest.approx((theme.frame_width - indent) / 2, abs=0.5)
        assert runs["Dukcapil"][1] - runs["Data belum dipadankan."][1] >= 1.3 * line  # a gap under the last row
    for path in sorted(path.parent.glob("soal-paket-*.docx")):
        document = docx.Document(str(path))
        grid = document.tables[-1]
        assert [[c.text for c in row.cells] for row in grid.rows] == [["Dinas", "Warga"], ["Dukcapil", "120"]]
        assert grid._tbl.tblPr.find(docx.oxml.ns.qn("w:tblInd")).get(docx.oxml.ns.qn("w:w")) == "400"  # 20 pt
        section = document.sections[0]
        width = section.page_width - section.left_margin - section.right_margin
        assert sum(column.width for column in grid.columns) == pytest.approx(width - Pt(20), abs=Pt(0.5))
        paragraphs = {p.text: p.paragraph_format for p in document.paragraphs}
        number = next(f for t, f in paragraphs.items() if re.fullmatch(r"\d\.\tPerhatikan data berikut\.", t))
        quote, after = paragraphs["Data belum dipadankan."], paragraphs["Apa tujuan memperkuat kerja sama?"]
        assert (number.left_indent, number.first_line_indent) == (Pt(20), Pt(-20))
        assert (after.left_indent, after.first_line_indent) == (Pt(20), 0)  # under the text, not the number
        assert (quote.left_indent, quote.right_indent, quote.first_line_indent) == (Pt(32), Pt(12), 0)
        assert quote.space_before == Pt(6)


def test_an_option_opening_with_a_list_takes_its_letter_in_place_of_the_first_number(mini):
    """The letter and the list's first number would print on top of each other. Word the same
    ("B.⇥Menambah rapat", then "2.⇥Menambah laporan" under the letter; it once printed the
    letter alone on a line above the list)."""
    import docx
    from docx.shared import Pt

    listed = "      - text: |\n          1. Menambah rapat\n          2. Menambah laporan\n        reason: Bukan tujuannya.\n"
    for path in _booklets_with(mini, OPTION, listed, "pdf"):
        text = flat(PdfReader(path).pages[0])
        assert re.search(r"[A-D]\. Menambah rapat 2\. Menambah laporan", text), text
        assert "1. Menambah rapat" not in text
    for path in sorted(path.parent.glob("soal-paket-*.docx")):
        paragraphs = docx.Document(str(path)).paragraphs
        at = next(n for n, p in enumerate(paragraphs) if p.text.endswith("Menambah rapat"))
        first, second = paragraphs[at:at + 2]
        assert re.fullmatch(r"[A-D]\.\tMenambah rapat", first.text) and second.text == "2.\tMenambah laporan"
        assert not re.fullmatch(r"[A-D]\.\t", paragraphs[at - 1].text)
        for paragraph in (first, second):  # as every option: its letter (or number) at 20 pt, its text at 40
            assert (paragraph.paragraph_format.left_indent, paragraph.paragraph_format.first_line_indent) == (
                Pt(40), Pt(-20))
