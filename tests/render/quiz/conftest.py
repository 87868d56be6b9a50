"""Fixtures of the quiz-set tests: the synthetic bank, its plans and their rendered sets."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # for `quizbank` and `quiz_readback`

from quizbank import make_plan, quiz_curriculum  # noqa: E402


@pytest.fixture(scope="session")
def bank(tmp_path_factory):
    return quiz_curriculum(tmp_path_factory.mktemp("quizbank"))


@pytest.fixture(scope="session")
def plan(bank):
    return make_plan(bank)


@pytest.fixture(scope="session")
def theme(bank):
    from latsar.render.pdf.theme import make_theme

    return make_theme(bank.programme, "id")


@pytest.fixture(scope="session")
def files(bank, plan, theme) -> dict[str, bytes]:
    from latsar.render.pdf.quiz import quiz_set

    return quiz_set(bank, plan, theme)


@pytest.fixture(scope="session")
def readers(files):
    from pypdf import PdfReader

    return {name: PdfReader(io.BytesIO(data)) for name, data in files.items() if name.endswith(".pdf")}
