"""Curricula and answer keys for the scoring tests: the bundled curriculum (loaded once, read
only) and the mini fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from latsar.model.load import load_curriculum
from latsar.plan.quiz import plan_quiz
from latsar.score.key import answer_key

PROJECT = Path(__file__).resolve().parents[2]
SCORING = PROJECT / "tests" / "fixtures" / "scoring"


@pytest.fixture(scope="session")
def bundled():
    return load_curriculum(PROJECT / "curriculum")[0]


@pytest.fixture(scope="session")
def post_key(bundled):
    """post-test: 30 items, 4 shuffled versions."""
    return answer_key(bundled, plan_quiz(bundled, bundled.blueprint_by_id["post-test"]))


@pytest.fixture(scope="session")
def mini_curriculum():
    return load_curriculum(PROJECT / "tests" / "fixtures" / "mini" / "curriculum")[0]


@pytest.fixture(scope="session")
def mini_key(mini_curriculum):
    """kuis: 2 items, 2 versions."""
    return answer_key(mini_curriculum, plan_quiz(mini_curriculum, mini_curriculum.blueprint_by_id["kuis"]))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the bundled curriculum and seeds (no statistics); the working folder."""
    for part in ("curriculum", "seeds"):
        shutil.copytree(PROJECT / part, tmp_path / part, ignore=shutil.ignore_patterns("stats"))
    monkeypatch.chdir(tmp_path)
    return tmp_path
