"""What the quiz documents say, decided without reportlab (latsar.plan.quizdocs)."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

sys.path[:0] = [str(Path(__file__).parents[1] / "render" / "quiz"), str(Path(__file__).parents[1] / "render")]

from quizbank import make_plan, quiz_curriculum  # noqa: E402

from latsar.labels import labels_for  # noqa: E402
from latsar.plan.quizdocs import PER_PAKET_MOST, item_chapter, quiz_docs  # noqa: E402

LABELS = labels_for("id")


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    return quiz_curriculum(tmp_path_factory.mktemp("quizdocs"))


def _with_programme(bank, **changes):
    return dataclasses.replace(bank, programme=bank.programme.model_copy(update=changes))


def test_the_backing_section_names_the_chapter_before_the_objective(bank):
    # layanan-q06 measures layanan-1 (taught in bab-2) but its key is backed by a section of bab-3.
    assert item_chapter(bank, bank.item_by_id["layanan-q06"]).id == "layanan-bab-3"
    # A seed-backed item: the first chapter that lists its objective.
    assert item_chapter(bank, bank.item_by_id["layanan-q03"]).id == "layanan-bab-2"


def test_kisi_fields_list_the_modules_and_fill_agenda_and_authors(bank):
    plan = make_plan(bank)
    fields = dict(quiz_docs(bank, plan, LABELS).kisi.fields)
    assert LABELS["kisi_course"] == "Modul"  # module titles hold colons and commas: "; " between them
    assert fields[LABELS["kisi_course"]] == "; ".join(dict.fromkeys(
        bank.module_of_item(bank.item_by_id[i]).title for i in plan.master))
    assert fields[LABELS["agenda"]] == "Agenda III: Kedudukan dan Peran PNS"
    assert fields[LABELS["kisi_authors"]] == "BPSDM Provinsi Contoh"  # no authors: the institution
    assert fields[LABELS["kisi_form"]] == "Pilihan ganda (4 pilihan)"
    bare = _with_programme(bank, agenda=None, authors=["Tim A", "Tim B"])
    fields = dict(quiz_docs(bare, plan, LABELS).kisi.fields)
    assert fields[LABELS["agenda"]] == bank.programme.title
    assert fields[LABELS["kisi_authors"]] == "Tim A, Tim B"


def test_kisi_rows_follow_the_master_with_each_version_s_numbers(bank):
    plan = make_plan(bank, versions=3)
    kisi = quiz_docs(bank, plan, LABELS).kisi
    assert kisi.versions == ("A", "B", "C")
    for row, item_id in zip(kisi.rows, plan.master, strict=True):
        item = bank.item_by_id[item_id]
        assert (row.objective_id, row.level, row.form) == (item.objective, item.level, "PG")
        assert row.chapter_id == item_chapter(bank, item).id
        assert row.numbers == tuple(str([p.item_id for p in v.items].index(item_id) + 1) for v in plan.versions)


def test_booklets_print_the_built_in_petunjuk_unless_the_blueprint_has_its_own(bank):
    plan = make_plan(bank, versions=2)
    built_in = quiz_docs(bank, plan, LABELS).booklets
    assert [b.version.code for b in built_in] == ["A", "B"]
    assert "Naskah ini berisi 12 soal pilihan ganda" in built_in[0].instructions
    assert built_in[1].facts == (("Waktu", "25 menit"), ("Jumlah soal", "12"), ("Paket", "B"))
    own = make_plan(bank, versions=2, instructions="Paket {{ version }}: {{ count }} soal.")
    assert [b.instructions for b in quiz_docs(bank, own, LABELS).booklets] == ["Paket A: 12 soal.",
                                                                               "Paket B: 12 soal."]


@pytest.mark.parametrize("options", [3, 5])
def test_pembahasan_names_the_key_and_only_the_printed_distractors(bank, options):
    plan = make_plan(bank, versions=2, options=options)
    docs = quiz_docs(bank, plan, LABELS)
    for paper, version in zip(docs.pembahasan.papers, plan.versions, strict=True):
        for entry, planned in zip(paper.entries, version.items, strict=True):
            item, texts = bank.item_by_id[planned.item_id], docs.texts[planned.item_id]
            assert entry.key == texts.options[planned.choice_order[planned.key_index]]
            assert entry.letter == planned.key_letter
            assert [(d.letter, d.option) for d in entry.distractors] == [
                ("ABCDE"[k], texts.options[i]) for k, i in enumerate(planned.choice_order) if not item.options[i].correct]
            assert len(entry.distractors) == options - 1
            assert (entry.support.quote is None) == (item.backing.seed is None)
            assert entry.support.path.startswith(f"{LABELS['quiz_module']} {bank.module_of_item(item).title}")
            assert item.id not in entry.support.path


def test_pembahasan_of_many_versions_explains_each_item_once_with_its_place_in_every_paket(bank):
    plan = make_plan(bank, versions=PER_PAKET_MOST + 1)
    docs = quiz_docs(bank, plan, LABELS)
    (paper,) = docs.pembahasan.papers
    first = [p.item_id for p in plan.versions[0].items]
    assert [e.item_id for e in paper.entries][:len(first)] == first
    printed = {p.item_id for v in plan.versions for p in v.items}
    assert sorted(e.item_id for e in paper.entries) == sorted(printed)
    assert [e.number for e in paper.entries] == list(range(1, len(printed) + 1))
    for entry in paper.entries:
        expected = [(v.code, n, p.key_letter) for v in plan.versions
                    for n, p in enumerate(v.items, start=1) if p.item_id == entry.item_id]
        assert list(entry.places) == expected
        item = bank.item_by_id[entry.item_id]
        assert entry.letter == "" and all(d.letter == "" for d in entry.distractors)
        assert entry.key == docs.texts[entry.item_id].options[next(i for i, o in enumerate(item.options) if o.correct)]
    assert paper.heading == f"Paket A–{plan.versions[-1].code}"


def test_pembahasan_is_per_paket_in_printed_order_and_names_no_internal_id(bank):
    plan = make_plan(bank, versions=3)
    docs = quiz_docs(bank, plan, LABELS)
    pembahasan = docs.pembahasan
    assert [paper.heading for paper in pembahasan.papers] == ["Paket A", "Paket B", "Paket C"]
    for paper, version in zip(pembahasan.papers, plan.versions, strict=True):
        assert [e.number for e in paper.entries] == list(range(1, len(version.items) + 1))
        assert [e.stem for e in paper.entries] == [docs.texts[p.item_id].stem for p in version.items]
    ids = {item.id for item in bank.items} | set(bank.objective_by_id)
    for entry in pembahasan.entries:
        assert not any(i in entry.tag for i in ids)


def test_the_key_header_shortens_a_long_list_of_versions(bank):
    assert quiz_docs(bank, make_plan(bank, versions=2), LABELS).key.details[-1] == "Jumlah soal: 12 · Paket: A, B"
    assert quiz_docs(bank, make_plan(bank, versions=5), LABELS).key.details[-1] == "Jumlah soal: 12 · Paket: A–E"
