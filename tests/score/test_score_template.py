"""The answer sheet template, a hand-built parallel-forms plan, and the stage boundary."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import numpy as np
import openpyxl

from latsar.labels import labels_for
from latsar.plan.types import PlannedItem, QuizPlan, Version
from latsar.score.analysis import analyse
from latsar.score.key import answer_key
from latsar.score.readers import read_answers
from latsar.score.results import participant_results
from latsar.score.scoring import combine
from latsar.score.settings import Settings
from latsar.score.template import answer_template

from score_sheets import Sheet, expected_raw, template_rows, write_csv

SCORE_PACKAGE = Path(__file__).resolve().parents[2] / "src" / "latsar" / "score"


def test_the_template_has_the_columns_the_reader_reads(bundled, post_key, tmp_path):
    from latsar.plan.quiz import plan_quiz

    files = answer_template(plan_quiz(bundled, bundled.blueprint_by_id["post-test"]))
    assert sorted(files) == ["jawaban.csv", "jawaban.xlsx"]
    header = files["jawaban.csv"].decode("utf-8-sig").strip().split(",")
    assert header == ["no_peserta", "nama", "paket", *map(str, range(1, 31))]
    book = openpyxl.load_workbook(io.BytesIO(files["jawaban.xlsx"]))
    assert book.sheetnames == ["jawaban", "petunjuk"]
    sheet = book["jawaban"]
    assert [c.value for c in sheet[1]] == header
    lists = sorted(v.formula1 for v in sheet.data_validations.dataValidation)
    assert lists == ['"A,B,C,D"', '"A,B,C,D"']
    # Filled in, the workbook scores like any other answers file.
    for row in template_rows(post_key, [Sheet("P-1", "Ani", "C", {i: post_key.correct_option(i)
                                                                   for i in post_key.master})])[1:]:
        sheet.append(row)
    book.save(tmp_path / "jawaban.xlsx")
    parsed = read_answers(tmp_path / "jawaban.xlsx", post_key)
    assert parsed.kind == "template" and all(parsed.answered[0].correct.values())


def test_the_template_is_deterministic(bundled):
    from latsar.plan.quiz import plan_quiz

    plan = plan_quiz(bundled, bundled.blueprint_by_id["pre-test"])
    assert answer_template(plan) == answer_template(plan)


def parallel_plan(curriculum) -> QuizPlan:
    """Two parallel versions of the mini quiz, by hand: A has mini-01 and mini-02, B mini-03 and
    mini-02 (every option printed, in authored order, so the key letter is the authored key)."""
    blueprint = curriculum.blueprint_by_id["kuis"].model_copy(update={"mode": "parallel"})
    a = Version("A", (PlannedItem("mini-01", (0, 1, 2, 3), 0), PlannedItem("mini-02", (0, 1, 2, 3), 1)))
    b = Version("B", (PlannedItem("mini-02", (0, 1, 2, 3), 1), PlannedItem("mini-03", (0, 1, 2, 3), 0)))
    return QuizPlan(blueprint, ("mini-01", "mini-03", "mini-02"), (a, b))


def test_parallel_forms_count_only_the_items_each_version_had(mini_curriculum, tmp_path):
    key = answer_key(mini_curriculum, parallel_plan(mini_curriculum))
    sheets = [
        Sheet("P1", "Ani", "A", {"mini-01": 0, "mini-02": 1}),
        Sheet("P2", "Budi", "A", {"mini-01": 2, "mini-02": 1}),
        Sheet("P3", "Citra", "B", {"mini-03": 0, "mini-02": None}),
    ]
    scored = combine(key, [read_answers(write_csv(tmp_path / "p.csv", template_rows(key, sheets)), key)])
    results = participant_results(mini_curriculum, key, scored)
    assert [(r.raw, r.max) for r in results] == [(expected_raw(key, s), 2) for s in sheets] == [(2, 2), (1, 2), (1, 2)]
    assert scored.shown.tolist() == [[True, False, True], [True, False, True], [False, True, True]]
    analysis = analyse(mini_curriculum, key, scored, Settings())
    assert [(i.item_id, i.n, i.p) for i in analysis.items] == [("mini-01", 2, 0.5), ("mini-03", 1, 1.0),
                                                              ("mini-02", 3, 2 / 3)]
    assert [f.name(labels_for("en")) for f in analysis.forms] == ["paket A", "paket B"]
    assert np.isnan(analysis.items[1].r)  # one participant: no variance


def test_no_reportlab_in_the_score_package():
    for path in SCORE_PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.split(".")[0] == "reportlab" for n in names), path


def test_participant_numbers_are_text_wide_enough_for_an_18_digit_nip(bundled, post_key, tmp_path):
    """Excel keeps 15 significant digits of a number: an NIP typed into a number cell loses three."""
    from latsar.plan.quiz import plan_quiz

    files = answer_template(plan_quiz(bundled, bundled.blueprint_by_id["post-test"]))
    sheet = openpyxl.load_workbook(io.BytesIO(files["jawaban.xlsx"]))["jawaban"]
    assert {sheet.cell(row=r, column=1).number_format for r in range(2, 202)} == {"@"}
    assert sheet.column_dimensions["A"].width >= len("199001012020121001") + 2
