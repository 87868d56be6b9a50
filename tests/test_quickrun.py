"""`latsar check` run before the command line loads (quickrun.py): what it takes it runs exactly
as the command line would (same output, same exit code), and everything else it leaves alone."""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest
import typer.main

from latsar import quickrun
from latsar.cli import app, main

ENTRY = Path(sys.executable).with_name("latsar")


def _vague_stem(mini: Path) -> None:
    """One lint warning (K1) in the mini curriculum, so --strict has something to refuse."""
    items = mini / "items" / "mini.yaml"
    items.write_text(items.read_text().replace("Siapa yang menurut berita itu", "Siapa yang biasanya"))


def _both(args: list[str], capsys: pytest.CaptureFixture) -> tuple[tuple, tuple]:
    quick = quickrun.run(args)
    quick_output = capsys.readouterr()
    typer_code = main(args)
    typer_output = capsys.readouterr()
    return (quick, quick_output.out, quick_output.err), (typer_code, typer_output.out, typer_output.err)


TAKEN = [
    ["check"], ["check", "curriculum"], ["check", "."], ["check", "curriculum/"], ["check", "--strict"],
    ["check", "curriculum", "--strict"], ["check", "--strict", "curriculum"], ["check", "nowhere"],
    ["check", "curriculum/modules"], ["check", "check"], ["check", "curriculum/programme.yaml"],
]


@pytest.mark.parametrize("warned", [False, True], ids=["clean", "warned"])
@pytest.mark.parametrize("args", TAKEN, ids=" ".join)
def test_taken_commands_print_and_exit_as_the_command_line(args: list[str], warned: bool, mini: Path,
                                                           capsys: pytest.CaptureFixture) -> None:
    if warned:
        _vague_stem(mini)
    quick, through_typer = _both(args, capsys)
    assert quick == through_typer
    assert quick[0] in (0, 1, 2) and (quick[1] or quick[2])


@pytest.mark.parametrize("language", ["id", "en"])
def test_warnings_and_errors_alike_in_the_programme_language(language: str, mini: Path, capsys: pytest.CaptureFixture,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LATSAR_LANG")
    programme = mini / "programme.yaml"
    programme.write_text(re.sub(r"(?m)^language:.*$", "", programme.read_text()) + f"\nlanguage: {language}\n")
    _vague_stem(mini)
    quick, through_typer = _both(["check", "--strict"], capsys)
    assert quick == through_typer and quick[0] == 1
    assert ("peringatan" if language == "id" else "warning") in quick[2]
    (mini / "modules" / "mini.yaml").write_text("title: [unclosed\n")
    quick, through_typer = _both(["check"], capsys)
    assert quick == through_typer and quick[0] == 2 and "curriculum/modules/mini.yaml:" in quick[2]


def test_outside_a_project_alike(tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    quick, through_typer = _both(["check"], capsys)
    assert quick == through_typer and quick[0] == 2 and "no curriculum found" in quick[2]


LEFT_TO_TYPER = [
    [], ["--help"], ["check", "--help"], ["check", "-h"], ["check", "--strickt"], ["check", "--watch"], ["check", "-w"],
    ["check", "--strict", "--strict"], ["check", "--strict=1"], ["check", "a", "b"], ["check", ""], ["check", "--"],
    ["check", "-"], ["chek"], ["build"], ["quiz", "post-test"], ["--version", "check"], ["check", "-q"],
]


@pytest.mark.parametrize("args", LEFT_TO_TYPER, ids=lambda args: " ".join(args) or "nothing")
def test_anything_else_is_left_to_the_command_line(args: list[str], mini: Path, capsys: pytest.CaptureFixture) -> None:
    assert quickrun.run(args) is None
    assert capsys.readouterr() == ("", "")


def test_shell_completion_and_other_encodings_are_left_to_typer(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(quickrun.COMPLETION, "bash_complete")
    assert quickrun.run(["check"]) is None
    monkeypatch.delenv(quickrun.COMPLETION)
    monkeypatch.setattr(sys, "stdout", open(os.devnull, "w", encoding="ascii"))
    assert quickrun.run(["check"]) is None


@pytest.mark.parametrize("name", sorted(quickrun.QUICK))
def test_quick_commands_take_what_the_command_line_takes(name: str) -> None:
    command = typer.main.get_command(app).commands[name]
    quick = quickrun.QUICK[name]
    options = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)
               if param.param_type_name == "option"}
    arguments = [param.name for param in command.params if param.param_type_name == "argument"]
    assert set(quick.flags) <= options and quick.arguments == len(arguments)
    flag_names = [p.name for p in command.params if set(p.opts) & set(quick.flags)]
    module, function = quick.work.split(":")
    accepted = list(inspect.signature(getattr(import_module(module), function)).parameters)
    assert accepted == arguments + flag_names + ["echo"]


def test_plain_check_loads_no_command_line_library(mini: Path) -> None:
    code = ("import sys\nsys.argv = ['latsar', 'check']\nfrom latsar.entry import run\n"
            "try: run()\nexcept SystemExit as exit: code = exit.code\n"
            "loaded = sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'click', 'rich', 'reportlab'}"
            " | {m for m in sys.modules if m == 'importlib.metadata'})\n"
            "print(code, loaded, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], cwd=mini.parent, capture_output=True, text=True)
    assert done.stderr.strip().splitlines()[-1] == "0 []"
    through_typer = subprocess.run([str(ENTRY), "check", "--strict", "--help"], cwd=mini.parent,
                                   capture_output=True, text=True)
    assert through_typer.returncode == 0 and "--strict" in through_typer.stdout
    code = code.replace("['latsar', 'check']", "['latsar', 'check', '--', 'curriculum']")  # typer's own way
    done = subprocess.run([sys.executable, "-c", code], cwd=mini.parent, capture_output=True, text=True)
    assert done.stderr.strip().splitlines()[-1] == "0 ['typer']"  # and pydantic finds no plugins there either


def test_a_closed_pipe_ends_quietly(mini: Path) -> None:
    reader = subprocess.Popen([str(ENTRY), "check"], cwd=mini.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.close()  # the reader is gone before latsar prints its summary
    assert reader.wait(timeout=60) == 1 and reader.stderr.read() == b""


def test_start_up_loads_only_what_the_work_needs() -> None:
    """Jinja2 loads at the first template, markdown-it at the first text with markup, and
    pydantic never scans installed packages for plugins (importlib.metadata)."""
    code = ("import sys\nfrom latsar.model.load import load_curriculum\nfrom latsar.text.markdown import parse\n"
            "from latsar.model.schema import Programme\nparse('Teks biasa tanpa markup.')\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'jinja2', 'markdown_it'}"
            " | {m for m in sys.modules if m == 'importlib.metadata'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


def test_a_plain_check_leaves_what_it_made_to_the_exit(mini: Path) -> None:
    """The collector is paused for the whole check and what it made frozen (gc.freeze), so no
    collection walks the curriculum; it is running again when the command returns."""
    code = ("import gc, sys\nsys.argv = ['latsar', 'check']\nfrom latsar.entry import run\n"
            "try: run()\nexcept SystemExit as exit: print(exit.code, gc.isenabled(), gc.get_freeze_count() > 10000)")
    done = subprocess.run([sys.executable, "-c", code], cwd=mini.parent, capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "0 True True", done.stderr
