"""Item statistics written back by `latsar score` reach `latsar check` and the planner."""

from __future__ import annotations

from pathlib import Path

import pytest

from latsar.cli import main
from latsar.model.load import load_curriculum

STATS = """\
blueprint: kuis
cohort: Angkatan I
items:
  - {item: mini-01, date: 2026-02-01, n: 34, p: 0.97, D: 0.02, r_pbis: 0.01, flags: [too easy], action: drop}
  - {item: mini-02, date: 2026-02-01, n: 34, p: 0.55, D: 0.12, r_pbis: 0.10, flags: [low discrimination], action: revise}
  - {item: mini-03, date: 2026-02-01, n: 34, p: 0.60, D: 0.45, r_pbis: 0.40, flags: [], action: keep}
"""


@pytest.fixture
def with_stats(mini: Path) -> Path:
    (mini / "stats").mkdir()
    (mini / "stats" / "kuis-angkatan-i.yaml").write_text(STATS)
    return mini


def test_check_warns_at_flagged_items(with_stats: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["check", "curriculum", "--strict"]) == 1
    warnings = [line for line in capsys.readouterr().err.splitlines() if "[A1]" in line]
    assert warnings == [
        "curriculum/items/mini.yaml:2:5: warning: [A1] item 'mini-01' is flagged by item analysis: kuis, "
        "Angkatan I, 2026-02-01: too easy; revise the item (see build/scores/), or waive rule A1 with a reason",
        "curriculum/items/mini.yaml:15:5: warning: [A1] item 'mini-02' is flagged by item analysis: kuis, "
        "Angkatan I, 2026-02-01: low discrimination; revise the item (see build/scores/), or waive rule A1 "
        "with a reason",
    ]


def test_dropped_items_leave_the_quiz(with_stats: Path) -> None:
    from latsar.plan.quiz import plan_quiz

    curriculum, _ = load_curriculum(with_stats)
    assert curriculum.dropped_items == frozenset({"mini-01"})
    plan = plan_quiz(curriculum, curriculum.blueprint_by_id["kuis"])
    assert sorted(plan.master) == ["mini-03", "mini-06"]  # mini-02 is printed in the handout


def test_a_cell_only_statistics_empty_is_a_warning(with_stats: Path, capsys: pytest.CaptureFixture) -> None:
    kuis = with_stats / "blueprints" / "kuis.yaml"
    kuis.write_text(kuis.read_text().replace("count: 2", "count: 3"))  # 3 usable without the statistics
    assert main(["check", "curriculum"]) == 0
    assert [line for line in capsys.readouterr().err.splitlines() if "[P1]" in line] == [
        "curriculum/blueprints/kuis.yaml:7:5: warning: [P1] cell module=mini asks for 3 items but the bank holds 2 "
        "usable (of 5 matching: 1 flagged for dropping by item analysis, 2 printed with key in a handout's evaluasi); "
        "a printed quiz still reprints and scores as printed; before a new plan (--replan), write more items for this "
        "cell or lower `count`"]


def test_a_cell_short_without_statistics_too_is_an_error(with_stats: Path, capsys: pytest.CaptureFixture) -> None:
    kuis = with_stats / "blueprints" / "kuis.yaml"
    kuis.write_text(kuis.read_text().replace("count: 2", "count: 4"))
    assert main(["check", "curriculum"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "curriculum/blueprints/kuis.yaml:7:5: cell module=mini asks for 4 items but the bank holds 2 usable (of 5 "
        "matching: 1 flagged for dropping by item analysis, 2 printed with key in a handout's evaluasi); write more "
        "items for this cell, or lower `count`")
