"""The handout outline: which parts, in which order, under which headings, with which words."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))

from synthetic import make_curriculum, make_plan  # noqa: E402

from latsar.errors import LatsarError  # noqa: E402
from latsar.labels import labels_for  # noqa: E402
from latsar.plan import handout as plan  # noqa: E402

ID, EN = labels_for("id"), labels_for("en")


@pytest.fixture(scope="module")
def curriculum(tmp_path_factory):
    return make_curriculum(tmp_path_factory.mktemp("curriculum"))


@pytest.fixture(scope="module")
def quiz(curriculum):
    return make_plan("layanan", [i for i in curriculum.items if i.id.startswith("layanan-")])


@pytest.fixture(scope="module")
def outline(curriculum, quiz):
    return plan.module_outline(curriculum, "layanan", quiz, ID)


def _division(outline, title):
    return next(d for d in outline.divisions if d.heading and d.heading.title == title)


def _blocks(division, kind):
    return [b for s in division.sections for b in s.blocks if isinstance(b, kind)] + \
           [b for b in division.blocks if isinstance(b, kind)]


def test_parts_in_the_order_of_a_lan_module(outline):
    assert [d.matter for d in outline.divisions[:5]] == ["cover", "cover", "cover", "front", "front"]
    assert [type(d.blocks[0]) for d in outline.divisions[:3]] == [plan.Cover, plan.TitlePage, plan.Colophon]
    assert [d.heading.text if d.heading else None for d in outline.divisions] == [
        None, None, None, "Kata Pengantar", "Daftar Isi", "Bab I Pendahuluan", "Bab II Konsep Pelayanan Terintegrasi",
        "Bab III Koordinasi Antarinstansi", "Evaluasi", "Bab IV Penutup", "Kunci Jawaban dan Pembahasan",
        "Glosarium", "Daftar Pustaka",
    ]
    assert all(d.matter == "body" for d in outline.divisions[5:])


def test_introduction_sections_a_to_f(outline):
    intro = _division(outline, "Pendahuluan")
    assert [s.heading.text for s in intro.sections] == [
        "A. Latar Belakang", "B. Deskripsi Singkat", "C. Manfaat Modul", "D. Tujuan Pembelajaran",
        "E. Materi Pokok", "F. Petunjuk Belajar"]
    objectives = intro.sections[3].blocks
    outcomes = [b for b in objectives if isinstance(b, plan.EntryList)][0]
    assert outcomes.entries[0] == plan.Entry("Menjelaskan konsep pelayanan publik yang terintegrasi", "C2 · Memahami")
    assert outcomes.entries[2].tag == "C4 · Menganalisis"
    topics = [b for b in intro.sections[4].blocks if isinstance(b, plan.EntryList)][0]
    assert topics.entries[0].children == ("Pengertian dan Ruang Lingkup", "Prinsip Penyelenggaraan Layanan")
    assert intro.sections[5].blocks[0].text == ID["study_guide_text"]  # the module has no study_guide


def test_content_chapters_end_with_latihan_and_rangkuman(outline, curriculum):
    chapter = _division(outline, "Konsep Pelayanan Terintegrasi")
    assert [s.heading.text for s in chapter.sections] == [
        "A. Pengertian dan Ruang Lingkup", "B. Prinsip Penyelenggaraan Layanan", "C. Latihan", "D. Rangkuman"]
    exercises = chapter.sections[2].blocks[-1]
    assert [e.text for e in exercises.entries] == curriculum.module_by_id["layanan"].chapters[0].exercises


def test_template_values_are_filled(outline):
    prose = _blocks(_division(outline, "Pendahuluan"), plan.Prose)
    assert "{{" not in prose[0].text and "Dalam konteks BPSDM Provinsi Contoh," in prose[0].text


def test_references_regulations_then_cited_seeds_then_others(outline):
    references = _blocks(_division(outline, "Daftar Pustaka"), plan.ReferenceList)[0].entries
    assert [n for n, _ in references] == [1, 2, 3, 4]
    assert references[0][1].startswith("Undang-Undang Nomor 20 Tahun 2023")
    assert references[1][1] == "*Berita Daerah*, 9 Agustus 2017. “Koordinasi Kunci Program”. Jakarta."
    assert references[2][1] == "*Warta Contoh*, Senin (7/10). “ASN Harus Miliki Jiwa Melayani”. Pontianak."
    assert references[3][1].startswith("Lembaga Administrasi Negara")


def test_quotations_point_at_their_seed_in_the_references(outline):
    quotes = _blocks(_division(outline, "Konsep Pelayanan Terintegrasi"), plan.Quotation)
    assert {(q.source, q.ref) for q in quotes} == {("Warta Contoh", 3)}
    quotes = _blocks(_division(outline, "Koordinasi Antarinstansi"), plan.Quotation)
    assert {(q.source, q.ref) for q in quotes} == {("Warta Contoh", 3), ("Berita Daerah", 2)}
    assert quotes[0].speaker == "Kepala Badan"


def test_case_study_keeps_its_questions(outline):
    case = _blocks(_division(outline, "Konsep Pelayanan Terintegrasi"), plan.Case)[0]
    assert case.caption == "Studi Kasus" and case.title == "Antrean Panjang di Kantor Kecamatan"
    assert len(case.questions) == 3


def test_glossary_is_alphabetical_ignoring_case(outline):
    glossary = _blocks(_division(outline, "Glosarium"), plan.Glossary)[0]
    assert [t for t, _ in glossary.entries] == ["akuntabilitas", "Birokrasi", "Whole of Government"]


def test_evaluasi_is_version_a_in_printed_order_and_the_key_matches(outline, quiz, curriculum):
    items = _blocks(_division(outline, "Evaluasi"), plan.Quiz)[0].items
    version = quiz.versions[0]
    assert [i.number for i in items] == [1, 2, 3, 4]
    for item, planned in zip(items, version.items):
        source = curriculum.item_by_id[planned.item_id]
        assert item.stem == source.stem
        assert item.options == tuple((f"{'ABCD'[k]}.", source.options[o].text)
                                     for k, o in enumerate(planned.choice_order))
    key = _division(outline, "Kunci Jawaban dan Pembahasan")
    table = _blocks(key, plan.KeyTable)[0]
    assert table.keys == tuple((n, p.key_letter) for n, p in enumerate(version.items, start=1))
    explanations = _blocks(key, plan.Explanations)[0].entries
    for entry, planned in zip(explanations, version.items):
        source = curriculum.item_by_id[planned.item_id]
        assert entry.key_text == next(o.text for o in source.options if o.correct)
        assert entry.text == source.explanation


def test_without_a_quiz_there_is_no_evaluasi_or_key(curriculum):
    titles = [d.heading.title for d in plan.module_outline(curriculum, "layanan", None, ID).divisions if d.heading]
    assert "Evaluasi" not in titles and "Kunci Jawaban dan Pembahasan" not in titles
    assert "Penutup" in titles


def test_english_changes_labels_not_content(curriculum, quiz, outline):
    english = plan.module_outline(curriculum, "layanan", quiz, EN)
    texts = [h.text for h in english.headings()]
    assert "Chapter II Konsep Pelayanan Terintegrasi" in texts and "A. Background" in texts
    assert "Answer Key and Explanations" in texts and "References" in texts
    module = curriculum.module_by_id["layanan"]
    content_ids = {c.id for c in module.chapters} | {s.id for c in module.chapters for s in c.sections}
    content = lambda o: {h.key: h.title for h in o.headings() if h.key.split(".")[-1] in content_ids}  # noqa: E731
    assert content(english) == content(outline) and len(content(outline)) == len(content_ids)
    assert english.divisions[5].sections[0].blocks == outline.divisions[5].sections[0].blocks


def test_programme_foreword_overrides_the_built_in_one(tmp_path):
    curriculum = make_curriculum(tmp_path, foreword="Modul *{{ module_title }}* untuk {{ cohort }}, {{ date }}.")
    foreword = plan.module_outline(curriculum, "layanan", None, ID).divisions[3]
    assert foreword.blocks[0].text == "Modul *Pelayanan Publik Terintegrasi* untuk Angkatan I, 23 November 2026."
    assert foreword.blocks[1] == plan.Signature("Pontianak, 23 November 2026", "Kepala BPSDM Provinsi Contoh",
                                                "Dr. Contoh, M.Si.")


def test_a_bad_foreword_template_is_a_user_error(tmp_path):
    curriculum = make_curriculum(tmp_path, foreword="Untuk {{ angkatan }}.")
    with pytest.raises(LatsarError, match="template variable 'angkatan' is not defined"):
        plan.module_outline(curriculum, "layanan", None, ID)


def test_unknown_module_is_a_user_error(curriculum):
    with pytest.raises(LatsarError, match="unknown module 'nope'"):
        plan.module_outline(curriculum, "nope", None, ID)


def test_book_nests_modules_above_their_chapters(curriculum, quiz):
    book = plan.book_outline(curriculum, {"evaluasi-layanan": quiz}, ID)
    headings = book.headings()
    keys = [h.key for h in headings]
    assert len(keys) == len(set(keys))  # anchors stay unique across modules
    tops = [h.text for h in headings if h.level == 0]
    assert tops == ["Kata Pengantar", "Daftar Isi", "Modul 1 Pelayanan Publik Terintegrasi", "Modul 2 Koordinasi Kerja"]
    assert {h.level for h in headings if h.text.startswith("Bab ")} == {1}
    assert sum(1 for d in book.divisions if d.heading and d.heading.title == "Evaluasi") == 1
    assert book.divisions[0].blocks[0].kicker == "Bahan Ajar"
    assert "{% if" not in book.divisions[3].blocks[0].text and "bahan ajar untuk" in book.divisions[3].blocks[0].text


def test_roman_numerals():
    assert [plan.roman(n) for n in (1, 4, 9, 14, 40, 90, 400, 1994)] == [
        "I", "IV", "IX", "XIV", "XL", "XC", "CD", "MCMXCIV"]


def test_module_cover_prints_where_the_module_sits_else_the_programme_agenda(curriculum, quiz):
    cover = plan.module_outline(curriculum, "layanan", quiz, ID).divisions[0].blocks[0]
    assert cover.details == ("Agenda III: Kedudukan dan Peran PNS", "Alokasi waktu: 12 JP")
    module = curriculum.modules[0].model_copy(update={"supports": "Pengayaan Agenda II · nilai Kolaboratif"})
    changed = dataclasses.replace(curriculum, modules=(module, *curriculum.modules[1:]))
    cover = plan.module_outline(changed, "layanan", quiz, ID).divisions[0].blocks[0]
    assert cover.details == ("Pengayaan Agenda II · nilai Kolaboratif", "Alokasi waktu: 12 JP")
