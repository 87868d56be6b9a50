"""`latsar --help` answered without loading typer: the shipped texts are typer's own (rendered again
here), the fast path imports no command-line library, and help speaks the programme's language."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from latsar.finder import declared_language
from latsar.model.schema import Programme
from latsar.quickhelp import HELP, answer, help_name, terminal_columns

PROJECT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini" / "curriculum" / "programme.yaml"
ENTRY = Path(sys.executable).with_name("latsar")


def _helptexts_tool():
    spec = importlib.util.spec_from_file_location("helptexts_tool", PROJECT / "scripts" / "helptexts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def latsar(*args: str, cwd: Path, columns: int = 80, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "LATSAR_LANG"} | {"COLUMNS": str(columns)} | env
    return subprocess.run([str(ENTRY), *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=60)


def test_shipped_help_texts_are_what_typer_prints_today() -> None:
    rendered = _helptexts_tool().texts()
    shipped = {p.relative_to(HELP).as_posix(): p.read_text(encoding="utf-8") for p in Path(HELP).glob("*/*.txt")}
    assert sorted(shipped) == sorted(rendered), "run `python scripts/helptexts.py`"
    stale = [name for name in rendered if shipped[name] != rendered[name]]
    assert not stale, f"run `python scripts/helptexts.py`: {stale}"


@pytest.mark.parametrize(("args", "name"), [
    ([], "latsar"), (["--help"], "latsar"), (["-h"], "latsar"), (["check", "--help"], "latsar-check"),
    (["new", "module", "-h"], "latsar-new-module"), (["check"], None), (["check", "dir", "--help"], "latsar-check-dir"),
    (["check", "--strict", "--help"], None), (["../x", "--help"], None), (["--help", "check"], None),
])
def test_only_plain_help_requests_are_answered_from_the_texts(args: list[str], name: str | None) -> None:
    assert help_name(args) == name


def test_help_of_what_has_no_text_is_left_to_typer() -> None:
    assert answer(["check", "dir", "--help"]) is None and answer(["bogus", "--help"]) is None
    assert answer(["check", "--help"]) is not None


def test_fast_help_imports_no_command_line_library(tmp_path: Path) -> None:
    code = ("import sys\nsys.argv = ['latsar', 'check', '--help']\nfrom latsar.entry import run\n"
            "try: run()\nexcept SystemExit as e: code = e.code\n"
            "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'click', 'rich', 'reportlab', "
            "'pydantic', 'yaml', 'jinja2', 'pathlib'})\n"
            "print(code, heavy, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "80"})
    assert done.stderr.strip() == "0 []"
    assert done.stdout == (Path(HELP) / "en" / "latsar-check.txt").read_text(encoding="utf-8")


# The words typer prints itself, in both languages (exact), on the fast path (80 columns) and
# through typer (60 columns: narrower than the texts were rendered for).
WORDS = {
    "en": ["Usage: latsar [OPTIONS] COMMAND [ARGS]...", "Options:", "Commands:", "Show this message and exit.",
           "Install completion for the current shell."],
    "id": ["Pemakaian: latsar [OPSI] PERINTAH [ARGUMEN]...", "Opsi:", "Perintah:",
           "Tampilkan pesan ini lalu keluar.", "Pasang pelengkapan otomatis untuk shell yang sedang dipakai."],
}
COMMAND_WORDS = {
    "en": ["Usage: latsar new module [OPTIONS] {ID} [path]", "Arguments:", "[required]", "[default: 3; 1<=x<=20]",
           "ID <text>", "--objectives <number>"],
    "id": ["Pemakaian: latsar new module [OPSI] {ID} [path]", "Argumen:", "[wajib]", "[bawaan: 3; 1<=x<=20]",
           "ID <teks>", "--objectives <bilangan>"],
}


@pytest.mark.parametrize("columns", [80, 60])
@pytest.mark.parametrize("language", ["en", "id"])
def test_help_words_in_both_languages(tmp_path: Path, language: str, columns: int) -> None:
    top = latsar("--help", cwd=tmp_path, columns=columns, LATSAR_LANG=language)
    command = latsar("new", "module", "--help", cwd=tmp_path, columns=columns, LATSAR_LANG=language)
    assert top.returncode == command.returncode == 0
    for word in WORDS[language]:
        assert word in " ".join(top.stdout.split())
    for word in COMMAND_WORDS[language]:
        assert word in " ".join(command.stdout.split())
    assert max(map(len, top.stdout.splitlines())) <= columns - 2


@pytest.mark.parametrize("columns", [80, 60])
@pytest.mark.parametrize(("declared", "spoken"), [("language: en\n", "en"), ("language: id\n", "id"), ("", "id")])
def test_help_follows_the_programme_language(tmp_path: Path, declared: str, spoken: str, columns: int) -> None:
    curriculum = tmp_path / "curriculum"
    curriculum.mkdir()
    (curriculum / "programme.yaml").write_text(re.sub(r"(?m)^language:.*\n", "", MINI.read_text()) + declared)
    (curriculum / "modules").mkdir()
    for cwd in (tmp_path, curriculum / "modules"):
        done = latsar("check", "--help", cwd=cwd, columns=columns)
        assert done.stdout.startswith({"en": "Usage: latsar check", "id": "Pemakaian: latsar check"}[spoken])
    assert latsar("--help", cwd=tmp_path, columns=columns, LATSAR_LANG="id").stdout.startswith("Pemakaian:")


def test_latsar_alone_and_version_answer_fast(tmp_path: Path) -> None:
    from latsar import __version__

    assert latsar(cwd=tmp_path, LATSAR_LANG="en").stdout == latsar("-h", cwd=tmp_path, LATSAR_LANG="en").stdout
    assert latsar("--version", cwd=tmp_path).stdout == f"latsar {__version__}\n"
    assert latsar("version", cwd=tmp_path).stdout == f"{__version__}\n"


def test_a_group_alone_prints_its_help(tmp_path: Path) -> None:
    done = latsar("new", cwd=tmp_path, LATSAR_LANG="en")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (Path(HELP) / "en" / "latsar-new.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("line", [
    "language: en", "language: id", "language: 'en'", 'language: "en"', "language:   en   # English labels",
    "language : en", "# language: en", "",
])
def test_declared_language_agrees_with_the_loader(line: str) -> None:
    text = re.sub(r"(?m)^language:.*$", "", MINI.read_text()) + line + "\n"
    assert declared_language(text) == Programme.model_validate(yaml.safe_load(text)).language


def test_only_the_top_level_language_key_counts() -> None:
    assert declared_language("languages: en\ntitle: x\n  language: en\n") == "id"


@pytest.mark.parametrize("text", ["language: !!str en\n", "language: en\nlanguage: id\n", "language:\n  en\n",
                                  "language: [en]\n"])
def test_declared_language_leaves_what_it_cannot_read_to_the_yaml_reader(text: str) -> None:
    assert declared_language(text) is None


@pytest.mark.parametrize("columns", [None, "0", "abc", "120", "40"])
def test_terminal_columns_as_shutil_tells_them(monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns


def test_help_texts_are_message_ids_translated_when_printed() -> None:
    """`help=t(...)` would freeze a help in the language of the import: imported in Indonesian, every
    help the command line holds must still be an English message id of the catalogue."""
    code = ("import typer.main\nfrom latsar.cli import app\nfrom latsar.messages import _catalogue\n"
            "ids = set(_catalogue('en')._catalog)\n"
            "def walk(command):\n"
            "    yield command\n"
            "    for sub in getattr(command, 'commands', {}).values():\n"
            "        yield from walk(sub)\n"
            "helps = [thing.help for command in walk(typer.main.get_command(app))\n"
            "         for thing in (command, *command.params) if thing.help]\n"
            "print(len(helps), sorted(h for h in helps if h not in ids))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "LATSAR_LANG": "id"})
    count, frozen = done.stdout.split(" ", 1)
    assert int(count) > 40 and frozen.strip() == "[]", done.stdout + done.stderr
