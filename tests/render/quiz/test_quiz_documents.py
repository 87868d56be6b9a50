"""kunci-jawaban.pdf, pembahasan.pdf and kisi-kisi.pdf read back against the plan."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from latsar.text.markdown import plain_text
from pdftext import lines
from quizbank import make_plan


def flat(reader: PdfReader) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def key_rows(reader: PdfReader) -> list[tuple[int, list[str]]]:
    rows = []
    for page in reader.pages:
        for line in lines(page):
            match = re.fullmatch(r"(\d+)((?: [A-E–])+)", line)
            if match:
                rows.append((int(match[1]), match[2].split()))
    return rows


def test_answer_key_table_has_a_row_per_number_and_a_column_per_version(readers, plan):
    rows = key_rows(readers["kunci-jawaban.pdf"])
    assert [number for number, _ in rows] == list(range(1, len(plan.versions[0].items) + 1))
    for number, letters in rows:
        assert letters == [v.items[number - 1].key_letter for v in plan.versions]


def test_answer_key_continues_in_further_tables_with_many_versions(bank, theme):
    from latsar.plan.quizdocs import quiz_docs
    from latsar.render.pdf.quiz.key import key_pdf

    many = make_plan(bank, versions=30)
    reader = PdfReader(io.BytesIO(key_pdf(quiz_docs(bank, many, theme.labels).key, theme)))
    rows = key_rows(reader)
    per_table = len(rows[0][1])
    assert 1 < per_table < 30
    letters = {}
    for index, (number, keys) in enumerate(rows):
        table = index // len(many.versions[0].items)
        for offset, key in enumerate(keys):
            letters[(many.versions[table * per_table + offset].code, number)] = key
    assert letters == {(v.code, n): p.key_letter for v in many.versions for n, p in enumerate(v.items, start=1)}


def test_pembahasan_explains_every_question_of_every_paket_in_printed_order(readers, plan, bank):
    text = flat(readers["pembahasan.pdf"])
    for version in plan.versions:
        start = text.index(f"PAKET {version.code}")
        following = [text.find(f"PAKET {v.code}") for v in plan.versions if v.code > version.code]
        paper = text[start:min([f for f in following if f > 0], default=len(text))]
        positions = []
        for number, planned in enumerate(version.items, start=1):
            item = bank.item_by_id[planned.item_id]
            explanation = f"Pembahasan {planned.item_id[0].upper()}{int(planned.item_id[-2:])}: kunci sesuai materi."
            positions.append(paper.index(explanation))
            entry = paper[max(0, positions[-1] - 1500):positions[-1] + 1500]
            assert f"{planned.key_letter}. " in entry
            objective = bank.objective_by_id[item.objective]
            assert objective.text in paper and f"{item.level} (" in paper
        assert positions == sorted(positions), version.code
    for item in bank.items:  # no internal id in print
        assert f" {item.id} " not in text and f"({item.objective})" not in text


def test_pembahasan_of_many_versions_prints_each_item_once_and_where_each_paket_prints_it(bank, theme):
    from latsar.plan.quizdocs import PER_PAKET_MOST, quiz_docs
    from latsar.render.pdf.quiz.pembahasan import pembahasan_pdf

    many = make_plan(bank, versions=PER_PAKET_MOST + 4)
    reader = PdfReader(io.BytesIO(pembahasan_pdf(quiz_docs(bank, many, theme.labels).pembahasan, theme)))
    text = flat(reader)
    assert f"PAKET A–{many.versions[-1].code}" in text and "PAKET B " not in text
    printed = list(dict.fromkeys(p.item_id for v in many.versions for p in v.items))
    starts = []
    for item_id in printed:
        explanation = f"Pembahasan {item_id[0].upper()}{int(item_id[-2:])}: kunci sesuai materi."
        assert text.count(explanation) == 1
        starts.append(text.index(explanation))
    assert starts == sorted(starts)
    # The index: a row per paket, under each question number the entry that discusses it.
    assert "Nomor pembahasan setiap soal per paket" in text
    rows = {}
    for page in reader.pages:
        for line in lines(page):
            match = re.fullmatch(r"([A-Z]{1,2})((?: \d+)+)", line)
            if match:
                rows[match[1]] = [int(n) for n in match[2].split()]
    assert rows == {v.code: [printed.index(p.item_id) + 1 for p in v.items] for v in many.versions}


def test_key_and_pembahasan_are_marked_rahasia_on_every_page(readers):
    for name in ("kunci-jawaban.pdf", "pembahasan.pdf"):
        assert all("RAHASIA" in page.extract_text() for page in readers[name].pages), name
    assert not any("RAHASIA" in page.extract_text() for page in readers["soal-paket-A.pdf"].pages)


def test_pembahasan_names_the_key_by_its_words(readers, plan, bank):
    text = flat(readers["pembahasan.pdf"])
    for planned in plan.versions[0].items:
        item = bank.item_by_id[planned.item_id]
        key = next(o for o in item.options if o.correct)
        words = plain_text(key.text).replace("{{ institution }}", "BPSDM Provinsi Contoh")
        explanation = f"Pembahasan {planned.item_id[0].upper()}{int(planned.item_id[-2:])}: kunci sesuai materi."
        start = text.index(explanation)
        assert words in text[max(0, start - 2000):start], planned.item_id


def test_kisi_kisi_is_landscape_with_header_fields_and_a_row_per_master_item(readers, plan, bank):
    reader = readers["kisi-kisi.pdf"]
    assert all(page.mediabox.width > page.mediabox.height for page in reader.pages)
    text = flat(reader)
    for words in ("KISI-KISI SOAL", "Penyelenggara BPSDM Provinsi Contoh", "Waktu 25 menit",
                  "Pilihan ganda (4 pilihan)", "Jumlah soal 12 soal", "Kompetensi (Hasil Belajar)", "Materi",
                  "Indikator Soal", "Level", "Nomor Soal"):
        assert words in text, words
    rows = {}
    for page in reader.pages:
        for line in lines(page):
            match = re.fullmatch(r"(\d+) (C[1-6]) PG((?: (?:\d+|–))+)", line)
            if match:
                rows[int(match[1])] = (match[2], match[3].split())
    assert sorted(rows) == list(range(1, len(plan.master) + 1))
    for number, item_id in enumerate(plan.master, start=1):
        level, numbers = rows[number]
        assert level == bank.item_by_id[item_id].level
        assert numbers == [str([p.item_id for p in v.items].index(item_id) + 1) for v in plan.versions]
        objective = bank.objective_by_id[bank.item_by_id[item_id].objective]
        assert objective.indicator.split()[0] in text


@pytest.mark.parametrize("versions", [40, 24])  # tables of 23 and 17 columns; of 23 and one
def test_kisi_kisi_moves_many_versions_to_a_numbers_table(bank, theme, versions):
    from latsar.plan.quizdocs import quiz_docs
    from latsar.render.pdf.quiz.kisi import kisi_pdf

    many = make_plan(bank, versions=versions)
    reader = PdfReader(io.BytesIO(kisi_pdf(quiz_docs(bank, many, theme.labels).kisi, theme)))
    assert "Nomor Soal per Paket" in flat(reader)
    found: dict[tuple[int, int], str] = {}
    tables = 0
    for page in reader.pages:
        for line in lines(page):
            if line.startswith("No. A ") or re.fullmatch(r"No\.(?: [A-Z]{1,2})+", line):
                tables += 1
                columns = line.split()[1:]
            match = re.fullmatch(r"(\d+)((?: (?:\d+|–))+)", line)
            if match and tables:
                for code, value in zip(columns, match[2].split()):
                    found[(int(match[1]), code)] = value
    where = {(n, v.code): str([p.item_id for p in v.items].index(item_id) + 1)
             for n, item_id in enumerate(many.master, start=1) for v in many.versions}
    assert found == where and tables >= 2


def test_pembahasan_continuation_names_the_question_it_continues(readers):
    pages = [page.extract_text().splitlines() for page in readers["pembahasan.pdf"].pages]
    continued = 0
    for previous, page in zip(pages, pages[1:]):
        tags = [re.search(r"Soal (\d+) \(lanjutan\)", line) for line in page]
        found = [(index, int(match[1])) for index, match in enumerate(tags) if match]
        if not found:
            continue
        continued += 1
        (index, number), = found
        stems = [i for i, line in enumerate(page) if re.match(r"\d+\. ", line)]
        assert all(i > index for i in stems), page[:index + 1]  # the continuation comes first
        assert any(line.startswith(f"{number}. ") or f"Soal {number} (lanjutan)" in line for line in previous)
    assert continued


def test_answer_key_table_is_centred_on_the_page(readers, plan, theme):
    from latsar.render.pdf.quiz.key import key_table

    origins: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        origins.setdefault(text.strip(), cm[4])  # the title block's left edge; the table's origin

    readers["kunci-jawaban.pdf"].pages[0].extract_text(visitor_text=visit)
    left, width = origins["KUNCI JAWABAN"], key_table(plan.versions, theme).width
    assert width < theme.frame_width - 40 * 2.83  # narrow enough that alignment shows
    assert abs(origins["1"] - (left + (theme.frame_width - width) / 2)) < 1


def test_pembahasan_bases_each_key_on_the_module_path_and_quotes_a_seed_only_as_support(readers, plan, bank):
    text = flat(readers["pembahasan.pdf"])
    bases = [text[m.end():m.end() + 6] for m in re.finditer(r"\bDasar (?!CPNS)", text)]  # not "Pelatihan Dasar CPNS"
    assert len(bases) == sum(len(v.items) for v in plan.versions)
    assert set(bases) == {"Modul "}
    backed = sum(bank.item_by_id[p.item_id].backing.seed is not None for v in plan.versions for p in v.items)
    assert backed and text.count("Kutipan pendukung") == backed
    assert "item-" not in text and "seed-a" not in text


def test_pembahasan_never_starts_a_line_with_a_dash_except_a_quotation_s_source(readers, bank):
    outlets = tuple(f"— {seed.source.outlet}" for seed in bank.seeds)
    # Text in stream order (a line's bold run and its roman run can come back out of x order).
    starts = [line for page in readers["pembahasan.pdf"].pages for line in page.extract_text().splitlines()
              if line.startswith("—")]
    assert starts and all(line.startswith(outlets) for line in starts), starts[:3]


def test_pembahasan_copies_what_it_draws_again_byte_for_byte(bank, plan, theme, files, monkeypatch):
    """A stack drawn again (a label beside every entry, an explanation in every paket) copies the
    operators of its first drawing: the PDF is the same as when every stack is drawn anew."""
    from latsar.plan.quizdocs import quiz_docs
    from latsar.render.pdf.quiz import entry
    from latsar.render.pdf.quiz.pembahasan import pembahasan_pdf

    draw, copied = entry.Stack.draw, []

    def drawn_anew(stack, canv, x, top):
        copied.append(bool(stack._drawn))
        stack._drawn.clear()
        draw(stack, canv, x, top)

    monkeypatch.setattr(entry.Stack, "draw", drawn_anew)
    assert pembahasan_pdf(quiz_docs(bank, plan, theme.labels).pembahasan, theme) == files["pembahasan.pdf"]
    assert copied.count(True) > len(copied) / 2  # most stacks were drawn before: copying is tested


def test_page_furniture_copied_from_the_first_page_drawn_is_what_each_page_would_draw(bank, theme, monkeypatch):
    """The running head and RAHASIA stamp are drawn once per document and copied onto its other
    pages (QuizDoc._furniture): the file is the one drawing them afresh on every page makes."""
    from latsar.plan.quizdocs import quiz_docs
    from latsar.render.pdf.quiz import common
    from latsar.render.pdf.quiz.key import key_pdf

    key = quiz_docs(bank, make_plan(bank, versions=200), theme.labels).key
    copied = key_pdf(key, theme)
    assert len(PdfReader(io.BytesIO(copied)).pages) > 2
    monkeypatch.setattr(common.QuizDoc, "_furniture", common.QuizDoc._draw_furniture)
    assert key_pdf(key, theme) == copied


def test_each_document_is_laid_out_without_the_cycle_collector_walking_it(bank, plan, theme):
    """A layout keeps what it makes until it is written: collecting meanwhile frees nothing
    (latsar.collector). Without that, each of these starts a collection every 700 objects made;
    with it, at most one starts, when the document is done."""
    import gc

    from latsar.plan.quizdocs import quiz_docs
    from latsar.render.pdf.quiz.booklet import booklet_jobs, booklet_pdf
    from latsar.render.pdf.quiz.key import key_pdf
    from latsar.render.pdf.quiz.kisi import kisi_pdf
    from latsar.render.pdf.quiz.pembahasan import pembahasan_pdf

    docs = quiz_docs(bank, plan, theme.labels)
    renders = {"key": lambda: key_pdf(docs.key, theme), "kisi": lambda: kisi_pdf(docs.kisi, theme),
               "pembahasan": lambda: pembahasan_pdf(docs.pembahasan, theme),
               "booklet": lambda: booklet_pdf(booklet_jobs(docs)[0], theme)}
    started: list[str] = []
    for name, render in renders.items():
        gc.callbacks.append(note := lambda phase, info, name=name: started.append(name) if phase == "start" else None)
        try:
            render()
        finally:
            gc.callbacks.remove(note)
    assert {name: started.count(name) for name in renders} == {name: min(1, started.count(name)) for name in renders}


def test_a_documents_tables_of_numbers_share_one_look(bank, theme):
    """The kisi-kisi's tables of numbers and the key's tables share one Look (and so one object
    per colour, copied by identity after the first table), and the number tables their rows' cells."""
    from latsar.plan.quizdocs import quiz_docs
    from latsar.render.pdf.grid import Grid, Shared
    from latsar.render.pdf.quiz.common import ruled_look
    from latsar.render.pdf.quiz.key import KeyTables
    from latsar.render.pdf.quiz.kisi import _landscape_width, _numbers_tables

    docs = quiz_docs(bank, make_plan(bank, versions=40), theme.labels)
    grids = [f for f in _numbers_tables(docs.kisi, theme, _landscape_width(theme), Shared()) if isinstance(f, Grid)]
    assert len(grids) == 2 and grids[0].sheet.look is grids[1].sheet.look
    assert grids[0].sheet.body[0][0] is grids[1].sheet.body[0][0]  # the number of row 1: one cell
    base = ruled_look(theme)  # the blueprint's: its colour objects in the tables of numbers too
    look = _numbers_tables(docs.kisi, theme, _landscape_width(theme), Shared(), base)[0].sheet.look
    assert look.header_background is base.header_background and look.rule is base.rule
    assert look.body_padding == (1, 2) and look.zebra is not None
    tables = KeyTables(theme)
    assert tables.table(docs.key.versions[:20]).sheet.look is tables.table(docs.key.versions[20:]).sheet.look


def test_a_materi_cell_sets_module_and_chapter_both_as_runs_where_either_holds_a_term(bank, theme):
    """Blueprint._materi: the module and its chapter (muted) are broken alike, as runs where
    either sets a foreign term in italics, else as plain words; the same for a lone text."""
    import dataclasses

    from latsar.plan.quizdocs import quiz_docs
    from latsar.render.pdf.quiz.kisi import Blueprint, _landscape_width

    theme = dataclasses.replace(theme, foreign_terms=("Whole of Government",))
    doc = quiz_docs(bank, make_plan(bank), theme.labels).kisi
    blueprint = Blueprint(doc, theme, _landscape_width(theme))
    row = doc.rows[0]
    for module, chapter, italic in (("Modul Whole of Government", "Bab satu", True),
                                    ("Modul biasa", "Bab Whole of Government", True), ("Modul biasa", "Bab satu", False)):
        texts = blueprint._materi(dataclasses.replace(row, module=module, chapter=chapter))
        assert [bool(t.runs) for t in texts] == [italic, italic]
        assert texts[0].colour is None and texts[1].colour is blueprint.muted
        assert ("<i>" in texts[0].text + texts[1].text) if italic else [t.text for t in texts] == [module, chapter]
    alone, = blueprint._materi(dataclasses.replace(row, module="Modul Whole of Government", chapter=""))
    assert "<i>" in alone.text and alone.runs and blueprint._words("kata biasa")[0].runs == ()


def test_a_merged_column_holds_a_cell_per_run_of_equal_keys_and_none_under_it():
    """kisi._merged: the run's first row gets a cell as tall as the run, with its content; the
    rows it covers None."""
    from latsar.render.pdf.quiz.kisi import _merged

    rows = ["a", "a", "b", "a", "a", "a"]
    column = _merged(rows, lambda row: row, lambda row: (row,))  # type: ignore[arg-type]
    assert [(c.content, c.rows) if c else None for c in column] == [
        (("a",), 2), None, (("b",), 1), (("a",), 3), None, None]
