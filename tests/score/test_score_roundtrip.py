"""Round trip: answer files made from the plan score exactly as expected, for every version and
from every input kind: a perfect sheet per version scores 100 %, random sheets their known score,
and the options read back are the options chosen."""

from __future__ import annotations

import random

import pytest

from latsar.score.readers import read_answers
from latsar.score.results import participant_results
from latsar.score.scoring import combine
from latsar.score.stats import OMIT, UNKNOWN

from score_sheets import (
    expected_raw, forms_rows, matrix_rows, moodle_rows, perfect, random_sheets, template_rows, write_csv, write_xlsx,
)


def moodle_slots(key):
    # Moodle's own question order: not the master order, to prove slots are matched by content.
    slots = list(key.master)
    random.Random(3).shuffle(slots)
    return slots


def forms_order(key):
    order = list(key.master)
    random.Random(5).shuffle(order)
    return order


KINDS = {
    "template-csv": (lambda key, s: template_rows(key, s), "csv", ","),
    "template-semicolon": (lambda key, s: template_rows(key, s), "csv", ";"),
    "template-xlsx": (lambda key, s: template_rows(key, s), "xlsx", ""),
    "moodle-csv": (lambda key, s: moodle_rows(key, s, moodle_slots(key)), "csv", ","),
    "moodle-xlsx": (lambda key, s: moodle_rows(key, s, moodle_slots(key)), "xlsx", ""),
    "forms-csv": (lambda key, s: forms_rows(key, s, forms_order(key)), "csv", ","),
    "matrix-csv": (lambda key, s: matrix_rows(key, s), "csv", ","),
    "matrix-xlsx": (lambda key, s: matrix_rows(key, s), "xlsx", ""),
}


def write(tmp_path, kind, key, sheets):
    rows_of, suffix, delimiter = KINDS[kind]
    path = tmp_path / f"answers-{kind}.{suffix}"
    rows = rows_of(key, sheets)
    return write_xlsx(path, rows) if suffix == "xlsx" else write_csv(path, rows, delimiter)


def scored_from(tmp_path, kind, bundled, key, sheets):
    parsed = read_answers(write(tmp_path, kind, key, sheets), key)
    assert parsed.kind == kind.split("-")[0]
    scored = combine(key, [parsed])
    assert not scored.rejected
    return scored, participant_results(bundled, key, scored)


@pytest.mark.parametrize("kind", KINDS)
def test_a_perfect_sheet_per_version_scores_100(tmp_path, kind, bundled, post_key):
    sheets = [perfect(post_key, code, f"P-{code}") for code in post_key.codes]
    _, results = scored_from(tmp_path, kind, bundled, post_key, sheets)
    assert [(r.raw, r.max, r.percent, r.passed) for r in results] == [(30, 30, 100.0, True)] * len(sheets)
    # Moodle identifies people by their email address, the other kinds by the id column.
    assert [r.participant.split("@")[0].upper() for r in results] == [f"P-{code}" for code in post_key.codes]


@pytest.mark.parametrize("kind", KINDS)
def test_random_sheets_score_their_known_score(tmp_path, kind, bundled, post_key):
    sheets = random_sheets(post_key, 24, seed=11)
    scored, results = scored_from(tmp_path, kind, bundled, post_key, sheets)
    assert [r.raw for r in results] == [expected_raw(post_key, s) for s in sheets]
    if kind.startswith("template"):
        assert [r.version for r in results] == [s.version for s in sheets]
    if kind.startswith("matrix"):
        assert (scored.choices == UNKNOWN).all()
        return
    for row, sheet in enumerate(sheets):
        read_back = {item: int(scored.choices[row, col]) for col, item in enumerate(scored.items)}
        assert read_back == {i: (OMIT if c is None else c) for i, c in sheet.choices.items()}


def test_every_version_of_every_quiz_round_trips(tmp_path, bundled):
    from latsar.plan.quiz import plan_quiz
    from latsar.score.key import answer_key

    for blueprint in bundled.blueprints:
        key = answer_key(bundled, plan_quiz(bundled, blueprint))
        sheets = random_sheets(key, 3 * len(key.codes), seed=len(blueprint.id))
        _, results = scored_from(tmp_path, "template-csv", bundled, key, sheets)
        assert [r.raw for r in results] == [expected_raw(key, s) for s in sheets], blueprint.id


def test_sub_scores_add_up(tmp_path, bundled, post_key):
    sheets = random_sheets(post_key, 8, seed=2)
    scored, results = scored_from(tmp_path, "template-csv", bundled, post_key, sheets)
    modules = {m: sum(bundled.module_of_item(bundled.item_by_id[i]).id == m for i in post_key.master)
               for m, _ in results[0].modules}
    for r in results:
        assert round(sum(modules[m] * pct / 100 for m, pct in r.modules)) == r.raw
