"""Commands do only what was asked: one quiz plans one blueprint, and `check` loads no PDF,
spreadsheet or statistics library (they cost a user seconds of start-up for nothing)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import latsar.plan.quiz
from latsar.cli import main

HEAVY = ("reportlab", "pyphen", "numpy", "openpyxl", "pypdf", "pypdfium2", "PIL", "lxml")


@pytest.fixture
def planned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Blueprint ids of every version planned, in order."""
    seen: list[str] = []
    original = latsar.plan.quiz.build_version

    def recording(curriculum, blueprint, *args, **kwargs):
        seen.append(blueprint.id)
        return original(curriculum, blueprint, *args, **kwargs)

    monkeypatch.setattr(latsar.plan.quiz, "build_version", recording)
    return seen


def unrelated_blueprint(curriculum: Path) -> None:
    """A second, bigger quiz beside `kuis` that nobody asked for."""
    text = (curriculum / "blueprints" / "kuis.yaml").read_text(encoding="utf-8")
    (curriculum / "blueprints" / "besar.yaml").write_text(
        text.replace("id: kuis", "id: besar").replace("versions: 2", "versions: 40"), encoding="utf-8")


@pytest.mark.parametrize("command", [["quiz", "kuis"], ["export", "kuis", "-f", "gift"]])
def test_one_quiz_plans_one_blueprint(command: list[str], mini: Path, planned: list[str]) -> None:
    unrelated_blueprint(mini)
    assert main([*command, "curriculum", "--out", "out"]) == 0
    assert planned == ["kuis", "kuis"]


def test_full_build_plans_every_blueprint(mini: Path, planned: list[str]) -> None:
    unrelated_blueprint(mini)
    assert main(["build", "curriculum", "--out", "out"]) == 0
    assert sorted(set(planned)) == sorted(p.stem for p in (mini / "blueprints").glob("*.yaml"))
    assert "besar" in planned


def heavy_modules_loaded(command: list[str], cwd: Path, heavy: tuple[str, ...]) -> str:
    """"exit code [heavy packages imported]" of one latsar command run in a fresh process."""
    code = ("import runpy, sys\n"
            f"sys.argv = ['latsar', *{command!r}]\n"
            "try:\n    runpy.run_module('latsar', run_name='__main__')\n"
            "except SystemExit as exit:\n    code = exit.code\n"
            f"print(code, sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r})))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd)
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr


def test_check_loads_no_pdf_stack(mini: Path) -> None:
    assert heavy_modules_loaded(["check", "curriculum"], mini.parent, HEAVY) == "0 []"


def test_quiz_loads_no_numpy_nor_openpyxl(mini: Path) -> None:
    """`latsar quiz` writes its answer template without openpyxl, which imports numpy."""
    command = ["quiz", "kuis", "curriculum", "--out", "out", "--quiet"]
    assert heavy_modules_loaded(command, mini.parent, ("numpy", "openpyxl", "reportlab")) == "0 ['reportlab']"
    assert (mini.parent / "out" / "quizzes" / "kuis" / "jawaban.xlsx").is_file()


def test_exports_load_no_numpy_nor_openpyxl(mini: Path) -> None:
    """The Kahoot and Quizizz workbooks are written with XlsxWriter too: a whole `latsar build`
    has no use for openpyxl (0.2 s of its start-up, numpy included)."""
    command = ["export", "kuis", "curriculum", "--out", "out", "-f", "kahoot", "-f", "quizizz"]
    assert heavy_modules_loaded(command, mini.parent, ("numpy", "openpyxl")) == "0 []"
    assert (mini.parent / "out" / "exports" / "kuis" / "quizizz.xlsx").is_file()


def test_booklets_go_to_disk_as_they_are_made(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big set never holds every booklet in memory: each is written before the next is made."""
    import latsar.publish
    import latsar.render.pdf.quiz.parallel as parallel

    events: list[str] = []
    render, open_file = parallel.booklet_pdf, latsar.publish.open_for_writing

    def rendering(job, *args):
        events.append(f"render {job.booklet.version.code}")
        return render(job, *args)

    def opening(path: Path):
        events.append(f"write {path.name}")
        return open_file(path)

    monkeypatch.setattr(parallel, "booklet_pdf", rendering)
    monkeypatch.setattr(latsar.publish, "open_for_writing", opening)
    assert main(["quiz", "kuis", "curriculum", "--out", "out"]) == 0
    booklets = [e for e in events if e.startswith("render") or ("soal-paket" in e and e.endswith(".pdf"))]
    assert booklets == ["render A", "write soal-paket-A.pdf", "render B", "write soal-paket-B.pdf"]
    assert (mini.parent / "out" / "quizzes" / "kuis" / "soal-paket-B.pdf").is_file()
