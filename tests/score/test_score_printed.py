"""Scoring uses the key that was printed (issue 12, item 1): statistics written by a first scoring
change future quizzes, never the printed one, its reprint or its re-scoring."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from latsar.cli import main
from latsar.model.load import load_curriculum
from latsar.plan.record import plan_of, _load
from latsar.score.feedback import read_stats
from latsar.score.key import answer_key

from score_sheets import Sheet, expected_raw, random_sheets, template_rows, write_csv

PROJECT = Path(__file__).resolve().parents[2]


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != "manifest.json"}


def upside_down(key, count: int, items: tuple[str, ...]) -> list[Sheet]:
    """Participants whose strongest get `items` wrong and weakest get them right: items a first
    scoring flags "drop" (negative discrimination)."""
    sheets = random_sheets(key, count, seed=5)
    ranked = sorted(sheets, key=lambda s: expected_raw(key, s))
    weak = {s.participant for s in ranked[: count // 2]}
    flipped = []
    for sheet in sheets:
        choices = dict(sheet.choices)
        for item in items:
            right = key.correct_option(item)
            wrong = next(o for o in key.printed_options(item) if o != right)
            choices[item] = right if sheet.participant in weak else wrong
        flipped.append(Sheet(sheet.participant, sheet.name, sheet.version, choices))
    return flipped


def printed_key(project: Path):
    curriculum = load_curriculum(project / "curriculum")[0]
    record = project / "build" / "quizzes" / "post-test" / "versions.json"
    return answer_key(curriculum, plan_of(_load(record), curriculum.blueprint_by_id["post-test"], record))


def test_rescoring_and_reprinting_use_the_printed_quiz(project: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["quiz", "post-test", "curriculum"]) == 0
    quiz = project / "build" / "quizzes" / "post-test"
    printed = files(quiz)
    key = printed_key(project)
    answers = write_csv(project / "jawaban.csv", template_rows(key, upside_down(key, 40, key.master[:3])))
    assert main(["score", "post-test", "jawaban.csv", "--update-bank"]) == 0
    results = project / "build" / "scores" / "post-test"
    first = files(results)
    dropped, _ = read_stats(project / "curriculum")
    assert set(key.master[:3]) <= dropped  # the statistics now leave them out of new quizzes
    capsys.readouterr()

    assert main(["score", "post-test", str(answers)]) == 0  # the same answers again
    assert files(results) == first
    assert f"{', '.join(sorted(key.master[:3]))} now flagged drop stay in it" in capsys.readouterr().out

    assert main(["quiz", "post-test", "curriculum"]) == 0  # a reprint
    assert files(quiz) == printed
    assert main(["score", "post-test", str(answers)]) == 0  # after the rebuild
    assert files(results) == first


def test_without_the_record_a_changed_plan_is_refused(project: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["quiz", "post-test", "curriculum"]) == 0
    key = printed_key(project)
    write_csv(project / "jawaban.csv", template_rows(key, upside_down(key, 40, key.master[:2])))
    assert main(["score", "post-test", "jawaban.csv", "--update-bank"]) == 0
    shutil.rmtree(project / "build" / "quizzes")
    before = files(project / "build" / "scores" / "post-test")
    capsys.readouterr()
    assert main(["score", "post-test", "jawaban.csv"]) == 2
    assert capsys.readouterr().err.strip() == (
        "build/quizzes/post-test/versions.json: no record of the printed quiz 'post-test', and the curriculum "
        f"would now plan it differently from when it was printed ({', '.join(sorted(key.master[:2]))} flagged "
        "drop since); put the printed set's versions.json there (from the build folder it was printed from)")
    assert files(project / "build" / "scores" / "post-test") == before


def test_a_record_the_curriculum_no_longer_fits_is_refused(project: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["quiz", "post-test", "curriculum"]) == 0
    key = printed_key(project)
    write_csv(project / "jawaban.csv", template_rows(key, random_sheets(key, 8, seed=2)))
    blueprint = project / "curriculum" / "blueprints" / "post-test.yaml"
    blueprint.write_text(blueprint.read_text().replace("seed: ", "seed: 1"))
    capsys.readouterr()
    assert main(["score", "post-test", "jawaban.csv"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("build/quizzes/post-test/versions.json: quiz 'post-test' was printed as recorded here, "
                          "but the curriculum no longer fits that record: the blueprint's seed is now 1")
    assert err.rstrip().endswith("undo that change to reprint or score the printed quiz; or make a new quiz "
                                 "with --replan (answers to the old one then no longer score)")
    assert not (project / "build" / "scores").exists()


def test_replan_makes_a_new_quiz_without_the_dropped_items(project: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["quiz", "post-test", "curriculum"]) == 0
    key = printed_key(project)
    write_csv(project / "jawaban.csv", template_rows(key, upside_down(key, 40, key.master[:1])))
    assert main(["score", "post-test", "jawaban.csv", "--update-bank"]) == 0
    assert main(["quiz", "post-test", "curriculum", "--replan"]) == 0
    replanned = printed_key(project)
    assert key.master[0] not in replanned.master and len(replanned.master) == len(key.master)


def test_an_english_reprint_is_the_quiz_that_was_printed(project: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["quiz", "post-test", "curriculum"]) == 0
    key = printed_key(project)
    write_csv(project / "jawaban.csv", template_rows(key, upside_down(key, 40, key.master[:2])))
    assert main(["score", "post-test", "jawaban.csv", "--update-bank"]) == 0
    assert main(["quiz", "post-test", "curriculum", "--lang", "en"]) == 0  # into build-en/, no record there yet
    printed = (project / "build" / "quizzes" / "post-test" / "versions.json").read_bytes()
    assert (project / "build-en" / "quizzes" / "post-test" / "versions.json").read_bytes() == printed
