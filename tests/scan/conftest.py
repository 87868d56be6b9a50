"""Fixtures of the scanning tests: the bundled curriculum's quiz sets built once, as a trainer
would with `latsar quiz`, and their sheets."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # for `sheetgen`

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory) -> Path:
    from latsar.cli import main

    out = tmp_path_factory.mktemp("scanbuild") / "build"
    for blueprint in ("post-test", "pre-test"):
        # --replan: a fresh quiz from the checkout's curriculum, whatever a developer's own build/
        # beside it has recorded from an older curriculum.
        assert main(["quiz", blueprint, str(ROOT / "curriculum"), "--out", str(out), "--replan"]) == 0
    return out


class QuizSheet:
    def __init__(self, folder: Path):
        from latsar import sheet_geometry as geo

        self.folder = folder
        self.layout = geo.layout_from_dict(json.loads((folder / "lembar-jawaban.json").read_text()))
        self.pdf = (folder / "lembar-jawaban.pdf").read_bytes()


@pytest.fixture(scope="session")
def post(build_dir) -> QuizSheet:
    return QuizSheet(build_dir / "quizzes" / "post-test")


@pytest.fixture(scope="session")
def pre(build_dir) -> QuizSheet:
    return QuizSheet(build_dir / "quizzes" / "pre-test")


@pytest.fixture()
def workdir(tmp_path, build_dir, monkeypatch) -> Path:
    """A trainer's project folder (`latsar init`): curriculum/, build/ with the quiz sets, and
    scans/ for the images."""
    from latsar.cli import main

    project = tmp_path / "project"
    assert main(["init", str(project)]) == 0
    shutil.copytree(build_dir, project / "build")
    (project / "scans").mkdir()
    monkeypatch.chdir(project)
    return project


class CustomSheet:
    """A sheet rendered straight from a layout (any size of quiz the bundled bank cannot fill)."""

    def __init__(self, layout):
        from latsar.model.load import load_curriculum
        from latsar.plan.quizdocs import QuizInfo
        from latsar.render.pdf.quiz.sheet import sheet_pdf
        from latsar.render.pdf.theme import make_theme

        curriculum, _ = load_curriculum(ROOT / "curriculum")
        info = QuizInfo("Ujian panjang", "Pelatihan", "BPSDM", "Angkatan XII · 2026", 120, layout.questions,
                        layout.version_codes)
        self.layout = layout
        self.pdf = sheet_pdf(layout, info, make_theme(curriculum.programme, "id"))


@pytest.fixture(scope="session")
def nip_sheet() -> CustomSheet:
    """130 questions with five options over two pages, an 18-digit NIP, 30 versions."""
    from latsar import sheet_geometry as geo
    from latsar.plan.stable import version_code

    return CustomSheet(geo.sheet_layout(130, 5, [version_code(i) for i in range(30)], 18, "ujian-nip"))
