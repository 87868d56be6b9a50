"""Fixtures of the PDF tests: the synthetic curriculum, its evaluasi plan and rendered PDFs."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # for `synthetic`, shared with tests/plan

from synthetic import make_curriculum, make_plan  # noqa: E402


@pytest.fixture(scope="session")
def curriculum(tmp_path_factory):
    return make_curriculum(tmp_path_factory.mktemp("curriculum"))


@pytest.fixture(scope="session")
def evaluasi(curriculum):
    return make_plan("layanan", [i for i in curriculum.items if i.id.startswith("layanan-")])


@pytest.fixture(scope="session")
def theme_id(curriculum):
    from latsar.render.pdf.theme import make_theme

    return make_theme(curriculum.programme, "id")


@pytest.fixture(scope="session")
def module_bytes(curriculum, evaluasi, theme_id) -> bytes:
    from latsar.render.pdf.handout import module_pdf

    return module_pdf(curriculum, "layanan", evaluasi, theme_id)


@pytest.fixture(scope="session")
def module_reader(module_bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(module_bytes))
