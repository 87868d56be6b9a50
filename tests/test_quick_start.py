"""docs/mulai-cepat.md (the Indonesian quick start) and the README's editing loop say only what latsar
does: every command they show exists with the options shown, and the sample `check` line is the
line latsar prints for the steps the guide gives."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from latsar.cli import main

PROJECT = Path(__file__).resolve().parents[1]
GUIDE = PROJECT / "docs" / "mulai-cepat.md"
README = PROJECT / "README.md"
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _commands(path: Path) -> list[list[str]]:
    """Each `latsar …` line of the shell blocks, its comment dropped."""
    lines = [line for kind, body in BLOCK.findall(path.read_text(encoding="utf-8")) if kind == "sh"
             for line in body.splitlines()]
    return [shlex.split(line, comments=True)[1:] for line in lines if line.startswith("latsar ")]


@pytest.mark.parametrize("args", _commands(GUIDE) + _commands(README),
                         ids=" ".join)
def test_every_command_shown_exists_with_its_options(args: list[str], capsys: pytest.CaptureFixture) -> None:
    assert main([*args, "--help"]) == 0, capsys.readouterr().err


def test_the_guide_shows_the_commands_it_teaches() -> None:
    shown = {" ".join(args[:2]) for args in _commands(GUIDE)}
    assert {"init pelatihan", "check", "build", "new module", "new items", "check --watch", "build --watch",
            "score post-test"} <= shown


def test_the_sample_check_line_is_what_latsar_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture) -> None:
    sample = next(body.strip() for kind, body in BLOCK.findall(GUIDE.read_text(encoding="utf-8"))
                  if not kind and "placeholder" in body)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LATSAR_LANG", "id")
    assert main(["init", "pelatihan"]) == 0
    monkeypatch.chdir(tmp_path / "pelatihan")
    assert main(["new", "module", "etika-publik"]) == 0
    assert main(["new", "items", "etika-publik"]) == 0
    capsys.readouterr()
    assert main(["check"]) == 2
    assert sample in capsys.readouterr().err.splitlines()
