"""`latsar check` imports what checking needs and nothing it would only need to print or score."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from latsar.model.load import STATS_FOLDER
from latsar.score.feedback import FOLDER

UNNEEDED = ("latsar.render", "latsar.plan.handout", "latsar.plan.quiz", "latsar.plan.balance", "latsar.score",
            "latsar.build", "latsar.scan")


def _imported_by_check(project: Path) -> list[str]:
    code = ("import sys\nsys.argv = ['latsar', 'check', 'curriculum']\nfrom latsar.entry import run\n"
            "try: run()\nexcept SystemExit as exit: code = exit.code\n"
            f"print(code, sorted({{m for m in sys.modules if m.startswith({UNNEEDED!r})}}))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=project)
    return result.stdout.strip().splitlines()[-1:]


def test_check_imports_no_planner_renderer_or_scorer(mini: Path) -> None:
    assert _imported_by_check(mini.parent) == ["0 []"]


def test_check_reads_statistics_where_score_writes_them(mini: Path) -> None:
    assert STATS_FOLDER == FOLDER
    (mini / STATS_FOLDER).mkdir()
    assert _imported_by_check(mini.parent)[0].startswith("0 ['latsar.score")
