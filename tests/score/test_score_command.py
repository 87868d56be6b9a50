"""`score_command` end to end on a copy of the bundled curriculum: the files it writes, their
determinism, the gain from a pre-test, the statistics written back, and its user errors."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import openpyxl
import pytest

from latsar.errors import LatsarError
from latsar.model.load import load_curriculum
from latsar.score.command import output_files, score, score_command
from latsar.score.feedback import read_stats, slug
from latsar.score.results import normalised_gain

from score_sheets import Sheet, perfect, random_sheets, template_rows, write_csv

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def curriculum(project):
    return load_curriculum(project / "curriculum")[0]


def answers(project: Path, key, sheets, name="jawaban.csv") -> Path:
    return write_csv(project / name, template_rows(key, sheets))


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_score_writes_the_results_and_the_item_statistics(project, curriculum, post_key):
    sheets = random_sheets(post_key, 36, seed=4)
    run = score_command(curriculum, "post-test", [answers(project, post_key, sheets)], None, "Angkatan XII",
                        Path("build"), None, update_bank=True)
    notes = run.notes
    folder = project / "build" / "scores" / "post-test-angkatan-xii"
    assert sorted(p.name for p in folder.iterdir()) == [
        "hasil.xlsx", "items.csv", "rejected.csv", "report.pdf", "scores.csv", "summary.txt"]
    assert notes[0] == "read 36 rows from 1 file(s) (template): 36 scored, 0 rejected"
    assert run.rejected == 0
    assert notes[-2:] == ["wrote 6 files to build/scores/post-test-angkatan-xii/",
                          f"wrote item statistics to {curriculum.root / 'stats' / 'post-test-angkatan-xii.yaml'}"]
    scores = read_csv((folder / "scores.csv").read_bytes())
    assert [row["participant"] for row in scores] == [s.participant for s in sheets]
    assert list(scores[0])[:8] == ["participant", "name", "version", "source", "raw", "max", "percent", "pass"]
    items = read_csv((folder / "items.csv").read_bytes())
    assert [row["item"] for row in items] == list(post_key.master)
    book = openpyxl.load_workbook(folder / "hasil.xlsx")
    assert book.sheetnames == ["summary", "scores", "items", "objectives", "levels", "rejected"]
    assert (project / "curriculum" / "stats" / "post-test-angkatan-xii.yaml").is_file()
    dropped, flagged = read_stats(project / "curriculum")
    actions = {row["item"]: row["action"] for row in items}
    assert dropped == {i for i, a in actions.items() if a == "drop"}
    assert set(flagged) == {i for i, a in actions.items() if a != "keep"}


def test_the_files_are_the_same_bytes_every_time(curriculum, project, post_key):
    path = answers(project, post_key, random_sheets(post_key, 12, seed=9))
    first = output_files(curriculum, score(curriculum, "post-test", [path], None, None, None), with_report=False)
    second = output_files(curriculum, score(curriculum, "post-test", [path], None, None, None), with_report=False)
    assert first == second


def test_rejected_rows_are_listed_in_every_output(curriculum, project, post_key):
    sheets = random_sheets(post_key, 5, seed=1)
    rows = template_rows(post_key, sheets) + [["P-009", "Siapa", "Z", *["A"] * 30]]
    path = write_csv(project / "jawaban.csv", rows)
    outcome = score(curriculum, "post-test", [path], None, None, None)
    files = output_files(curriculum, outcome, with_report=False)
    assert read_csv(files["rejected.csv"]) == [{
        "file": "jawaban.csv", "row": "7", "participant": "P-009",
        "reason": "unknown version 'Z': quiz 'post-test' has paket A, B, C, D"}]
    assert b"5 scored, 1 rejected" in files["summary.txt"]
    assert b"rejected jawaban.csv:7 (P-009): unknown version 'Z'" in files["summary.txt"]


def test_gain_from_a_pre_test_scores_file(curriculum, project, post_key):
    # Post: participant 1 perfect, participant 2 perfect but for 6 items (80 %).
    first = perfect(post_key, "A", "P-001")
    second = perfect(post_key, "B", "P-002")
    wrong = {item: next(o for o in post_key.printed_options(item) if o != post_key.correct_option(item))
             for item in post_key.forms["B"][:6]}
    second = Sheet(second.participant, second.name, "B", {**second.choices, **wrong})
    pre = project / "pre.csv"
    pre.write_text("participant,percent\r\nP-001,40\r\nP-002,60\r\nP-003,50\r\n", encoding="utf-8")
    outcome = score(curriculum, "post-test", [answers(project, post_key, [first, second])], None, None, pre)
    assert [(r.pre, r.percent, round(r.gain, 3), r.gain_band) for r in outcome.results] == [
        (40.0, 100.0, 1.0, "tinggi"), (60.0, 80.0, 0.5, "sedang")]
    gain = outcome.gain
    assert (gain.matched, gain.pre_mean, gain.post_mean, gain.band) == (2, 50.0, 90.0, "tinggi")
    assert gain.g == pytest.approx(0.8) and gain.mean_of_g == pytest.approx(0.75)
    assert gain.pre_only == ("P-003",) and gain.post_only == ()


def test_gain_from_raw_answers_to_the_same_quiz(curriculum, project, post_key):
    sheets = random_sheets(post_key, 6, seed=3)
    pre_sheets = random_sheets(post_key, 6, seed=8)
    pre = answers(project, post_key, pre_sheets, "pre.csv")
    outcome = score(curriculum, "post-test", [answers(project, post_key, sheets)], None, None, pre)
    pre_results = score(curriculum, "post-test", [pre], None, None, None).results
    for post, before in zip(outcome.results, pre_results):
        assert post.pre == before.percent
        assert post.gain == pytest.approx(normalised_gain(before.percent, post.percent), nan_ok=True)


def test_normalised_gain_is_undefined_from_a_perfect_pre_test():
    assert math.isnan(normalised_gain(100, 100))
    assert normalised_gain(50, 75) == 0.5


def test_user_errors(curriculum, project, post_key):
    with pytest.raises(LatsarError) as caught:
        score(curriculum, "post-tset", [], None, None, None)
    assert caught.value.message == "unknown blueprint 'post-tset'; did you mean 'post-test'?"
    rows = [["no_peserta", "nama", "paket", *map(str, range(1, 31))], ["P-1", "A", "X", *["A"] * 30]]
    with pytest.raises(LatsarError) as caught:
        score(curriculum, "post-test", [write_csv(project / "bad.csv", rows)], None, None, None)
    assert caught.value.message.splitlines() == [
        "no row could be scored (1 read, all rejected); fix the rows listed below and run again",
        "bad.csv:2:1: unknown version 'X': quiz 'post-test' has paket A, B, C, D",
    ]


def test_errors_of_several_files_are_reported_together(curriculum, project):
    (project / "a.csv").write_text("foo\r\n1\r\n", encoding="utf-8")
    (project / "b.csv").write_text("", encoding="utf-8")
    with pytest.raises(LatsarError) as caught:
        score(curriculum, "post-test", [Path("a.csv"), Path("b.csv")], None, None, None)
    assert [d.location.path for d in caught.value.diagnostics] == ["a.csv", "b.csv"]


def test_a_trial_run_leaves_the_bank_alone(project, curriculum, post_key):
    path = answers(project, post_key, random_sheets(post_key, 8, seed=2))
    run = score_command(curriculum, "post-test", [path], None, None, Path("build"), None)
    assert not (project / "curriculum" / "stats").exists()
    assert run.notes[-1] == "item statistics not written to the bank (pass --update-bank to write them)"


def test_the_bank_is_updated_only_when_the_question_is_answered_yes(project, curriculum, post_key):
    path = answers(project, post_key, random_sheets(post_key, 8, seed=2))
    score_command(curriculum, "post-test", [path], None, None, Path("build"), None, update_bank=lambda: False)
    assert not (project / "curriculum" / "stats").exists()
    score_command(curriculum, "post-test", [path], None, None, Path("build"), None, update_bank=lambda: True)
    assert (project / "curriculum" / "stats" / f"post-test-{slug(curriculum.programme.cohort)}.yaml").is_file()
