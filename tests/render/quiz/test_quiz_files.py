"""kunci.csv and versions.json, scoring through the mapping file, byte-identical rebuilds and
the parallel path giving the serial path's bytes."""

from __future__ import annotations

import json

import pytest

from latsar.plan.quiz import score_version, versions_document
from latsar.render.quizfiles import key_csv, quiz_files, versions_json
from quizbank import make_plan
from quiz_readback import booklet_items, csv_rows


def test_kunci_csv_lists_every_question_of_every_version(files, plan):
    rows = csv_rows(files["kunci.csv"])
    expected = [{"version": v.code, "number": str(n), "key": p.key_letter, "item": p.item_id}
                for v in plan.versions for n, p in enumerate(v.items, start=1)]
    assert rows == expected
    assert files["kunci.csv"].count(b"\r\n") == len(rows) + 1


def test_versions_json_is_the_planners_document(files, plan):
    assert json.loads(files["versions.json"]) == versions_document(plan)
    assert files["versions.json"].endswith(b"}\n")


def test_a_perfect_sheet_scores_100_percent_in_every_version(files, readers, plan, bank):
    """The keys read off the printed booklets, scored through versions.json alone."""
    document = json.loads(files["versions.json"])
    for version in plan.versions:
        printed = booklet_items(readers[f"soal-paket-{version.code}.pdf"])
        answers = []
        for item in printed:
            correct = next(i for i, o in enumerate(bank.item_by_id[item.item_id].options) if o.correct)
            answers.append(next(letter for letter, index in item.options if index == correct))
        marks = score_version(document, version.code, answers)
        assert len(marks) == len(version.items) and all(marks), version.code


def test_one_wrong_answer_costs_exactly_its_master_item(files, plan):
    document = json.loads(files["versions.json"])
    version = plan.versions[1]
    answers = [p.key_letter for p in version.items]
    answers[4] = "A" if answers[4] != "A" else "B"
    marks = score_version(document, version.code, answers)
    assert marks.count(False) == 1
    assert document["versions"][1]["form"][marks.index(False)] == version.items[4].item_id


def test_two_builds_are_byte_identical(files, bank, plan, theme):
    from latsar.render.pdf.quiz import quiz_set

    again = quiz_set(bank, plan, theme)
    assert list(again) == list(files)
    assert [name for name in files if again[name] != files[name]] == []


def test_source_date_epoch_moves_the_pdf_dates_only(bank, plan, monkeypatch):
    from latsar.plan.quizdocs import quiz_docs
    from latsar.render.pdf.quiz.key import key_pdf
    from latsar.render.pdf.theme import make_theme

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    theme = make_theme(bank.programme, "id")
    data = key_pdf(quiz_docs(bank, plan, theme.labels).key, theme)
    assert b"D:20231114221320+00'00'" in data


def test_parallel_booklets_are_the_serial_bytes(bank, theme):
    from latsar.plan.quizdocs import quiz_docs
    from latsar.render.pdf.quiz.booklet import booklet_jobs
    from latsar.render.pdf.quiz.parallel import PARALLEL_MIN, Booklets, render_serially

    many = make_plan(bank, versions=PARALLEL_MIN + 2)
    jobs = booklet_jobs(quiz_docs(bank, many, theme.labels))
    with Booklets(jobs, theme, workers=2) as booklets:
        assert booklets._pool is not None  # the parallel path really ran
        parallel = list(booklets.results())
    assert parallel == render_serially(jobs, theme)


def test_a_booklet_does_not_depend_on_the_booklets_made_before_it(bank, plan, theme):
    from latsar.plan.quizdocs import quiz_docs
    from latsar.render.pdf.quiz.booklet import Items, booklet_jobs, booklet_pdf

    jobs = booklet_jobs(quiz_docs(bank, plan, theme.labels))
    shared = Items(theme)
    after_others = [booklet_pdf(job, theme, shared) for job in jobs][-1]
    assert after_others == booklet_pdf(jobs[-1], theme, Items(theme))


def test_small_sets_never_start_worker_processes(bank, plan, theme):
    from latsar.render.pdf.quiz.parallel import Booklets

    with Booklets([object()] * 3, theme, workers=2) as booklets:  # type: ignore[list-item]
        assert booklets._pool is None


@pytest.mark.parametrize("versions", [1, 27])
def test_data_files_for_any_number_of_versions(bank, versions):
    plan = make_plan(bank, versions=versions)
    data = quiz_files(plan)
    assert data["kunci.csv"] == key_csv(plan) and data["versions.json"] == versions_json(plan)
    codes = [row["version"] for row in csv_rows(data["kunci.csv"])]
    assert codes[0] == "A" and codes[-1] == ("A" if versions == 1 else "AA")
    sheet = json.loads(data["lembar-jawaban.json"])
    assert sheet["version_codes"] == [v.code for v in plan.versions] and sheet["unit"] == "mm"


def test_parallel_forms_map_back_through_versions_json(bank, theme):
    """Mode `parallel`: each version its own items; the kisi-kisi marks where an item is absent."""
    import io

    from pypdf import PdfReader

    from latsar.render.pdf.quiz import quiz_set

    plan = make_plan(bank, versions=2, mode="parallel", rules=[{"module": "layanan", "count": 3},
                                                              {"module": "koordinasi", "count": 3}])
    files = quiz_set(bank, plan, theme)
    document = json.loads(files["versions.json"])
    for version in plan.versions:
        printed = booklet_items(PdfReader(io.BytesIO(files[f"soal-paket-{version.code}.pdf"])))
        assert [p.item_id for p in printed] == [p.item_id for p in version.items]
        answers = [item.options[planned.key_index][0] for item, planned in zip(printed, version.items)]
        assert all(score_version(document, version.code, answers))
    only_one = [i for i in plan.master if sum(i in {p.item_id for p in v.items} for v in plan.versions) == 1]
    kisi = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(files["kisi-kisi.pdf"])).pages)
    assert len(only_one) == len(plan.master) == 12  # no item in both versions
    assert kisi.count("–") >= len(only_one)  # each row: a number in one version, a dash in the other


def test_data_files_do_not_load_reportlab():
    import subprocess
    import sys

    code = ("import sys, latsar.sheet_geometry, latsar.render.quizfiles\n"
            "print('reportlab' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
