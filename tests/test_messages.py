"""The message catalogue: both languages hold every message of the code with the same placeholders,
the compiled catalogues match their sources, and the command line speaks the language chosen."""

from __future__ import annotations

import gettext
import importlib.util
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest

from latsar import messages
from latsar.cli import main

PROJECT = Path(__file__).resolve().parents[1]
BAD = PROJECT / "tests" / "fixtures" / "bad"


def _tool():
    spec = importlib.util.spec_from_file_location("messages_tool", PROJECT / "scripts" / "messages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _tool()
CODE = TOOL.extracted()


def _fields(text: str) -> set[str]:
    """The `{name}` fields of a message (one never formatted, like "expected ',' or '}'", has none)."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"(not a format string)"}


def test_the_code_has_messages() -> None:
    assert len(CODE) > 20


def test_no_message_is_built_before_translation() -> None:
    """`t(f"…{x}")` would look up the filled text, which no catalogue holds."""
    built = [f"{path.relative_to(PROJECT)}:{number}" for path in (PROJECT / "src").rglob("*.py")
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if re.search(r"\bt\(\s*f[\"']", line)]
    assert not built


@pytest.mark.parametrize("lang", messages.LANGUAGES)
def test_catalogue_holds_every_message_with_its_placeholders(lang: str) -> None:
    catalogue = {m.id: m.string for m in TOOL.read_catalogue(lang) if m.id}
    missing = sorted(set(CODE) - set(catalogue))
    assert not missing, f"not in {lang}: run `python scripts/messages.py` and translate: {missing[:5]}"
    untranslated = sorted(m for m in CODE if not catalogue[m])
    assert not untranslated, f"untranslated in {lang}: {untranslated[:5]}"
    wrong = [m for m in CODE if _fields(m) != _fields(catalogue[m])]
    assert not wrong, f"{lang}: placeholders differ from the English: {wrong[:5]}"
    assert not sorted(set(catalogue) - set(CODE)), "messages no longer in the code: run scripts/messages.py"


@pytest.mark.parametrize("lang", messages.LANGUAGES)
def test_compiled_catalogue_is_current(lang: str) -> None:
    with TOOL.po_path(lang).with_suffix(".mo").open("rb") as stream:
        compiled = gettext.GNUTranslations(stream)._catalog
    source = {m.id: m.string for m in TOOL.read_catalogue(lang) if m.id}
    assert {k: v for k, v in compiled.items() if k} == source, "run `python scripts/messages.py`"


def test_an_untranslated_message_falls_back_to_english() -> None:
    with messages.speaking("id"):
        assert messages.t("no such message {n}", n=3) == "no such message 3"
        assert messages.t("unknown key '{key}'", key="titel") == "kunci 'titel' tidak dikenal"
    assert messages.t("unknown key '{key}'", key="titel") == "unknown key 'titel'"


def _run(args: list[str], lang: str, capsys: pytest.CaptureFixture,
         monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setenv("LATSAR_LANG", lang)  # as a trainer would: LATSAR_LANG=id latsar check
    code = main(args)
    return code, capsys.readouterr().err


# Words of English grammar no Indonesian message needs: one left in an Indonesian line is a value
# filled in untranslated (e.g. "untuk 1 butir exercises"), or a message missing from the catalogue.
ENGLISH = {"the", "of", "is", "are", "was", "has", "have", "for", "and", "not", "with", "to", "from", "this",
           "that", "or", "expected", "got", "questions", "exercises", "items", "options", "found", "line"}
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`|“[^”]*”|\S*/\S*")  # and paths


def _english_words(line: str) -> set[str]:
    """English words of a message line, outside its location and what it quotes from the YAML."""
    text = QUOTED.sub(" ", LOCATION.sub("", line))
    return {word for word in re.findall(r"[A-Za-z]+", text)} & ENGLISH


TARGETS = {"module": "modules/mini.yaml", "items": "items/mini.yaml", "blueprint": "blueprints/kuis.yaml",
           "regulations": "regulations.yaml", "sources": "../seeds/sources.yaml"}
LOCATION = re.compile(r"^(\S+:\d+:\d+): ")


@pytest.mark.parametrize("fixture", sorted(p.name for p in BAD.glob("*.yaml")))
def test_check_speaks_indonesian_and_english(fixture: str, mini: Path, capsys: pytest.CaptureFixture,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copyfile(BAD / fixture, mini / TARGETS[fixture.rsplit(".", 2)[-2]])
    code_en, english = _run(["check", "curriculum"], "en", capsys, monkeypatch)
    code_id, indonesian = _run(["check", "curriculum"], "id", capsys, monkeypatch)
    assert code_en == code_id == 2
    en_lines, id_lines = english.splitlines(), indonesian.splitlines()
    assert len(en_lines) == len(id_lines)
    for en_line, id_line in zip(en_lines, id_lines):
        en_where, id_where = LOCATION.match(en_line), LOCATION.match(id_line)
        assert (en_where and en_where[1]) == (id_where and id_where[1])  # locations stay as written
        assert en_line != id_line, id_line  # every line is said in Indonesian
        assert not _english_words(id_line), id_line


def test_indonesian_messages_read_as_written(mini: Path, capsys: pytest.CaptureFixture,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copyfile(BAD / "unknown-key.module.yaml", mini / "modules" / "mini.yaml")
    shutil.copyfile(BAD / "flow-comma.items.yaml", mini / "items" / "mini.yaml")
    assert _run(["check", "curriculum"], "id", capsys, monkeypatch)[1].splitlines() == [
        "curriculum/items/mini.yaml:9:63: kunci 'tidak ada di berita.' tidak dikenal; koma di dalam { … } memulai "
        "kunci baru: apit teksnya dengan tanda kutip, mis. reason: \"Tidak disebut, tidak ada di berita.\"",
        "curriculum/modules/mini.yaml:2:1: kunci 'titel' tidak dikenal; maksud Anda 'title'?",
        "curriculum/modules/mini.yaml:4:1: kunci 'descripton' tidak dikenal; maksud Anda 'description'?",
        "3 galat",
    ]


def test_the_programme_language_is_the_default(mini: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture) -> None:
    monkeypatch.delenv("LATSAR_LANG")
    assert main(["check", "curriculum"]) == 0  # the mini programme does not set `language`: Indonesian
    assert capsys.readouterr().out.splitlines()[-1] == "0 peringatan, 0 galat"
    programme = mini / "programme.yaml"
    programme.write_text(programme.read_text() + "language: en\n")
    assert main(["check", "curriculum"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 warning(s), 0 errors"
    monkeypatch.setenv("LATSAR_LANG", "id")  # the environment wins over the programme
    assert main(["check", "curriculum"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 peringatan, 0 galat"


def test_messages_inside_fstrings_are_extracted() -> None:
    """babel's extractor skips `{t('…')}` inside an f-string; scripts/messages.py finds them too."""
    assert "objectives by level" in CODE and "whole sheet" in CODE


def test_the_check_summary_speaks_indonesian(mini: Path, capsys: pytest.CaptureFixture,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LATSAR_LANG", "id")
    assert main(["check", "curriculum"]) == 0
    out = capsys.readouterr().out
    assert "soal per level" in out and "dapat disusun" in out
    assert not set().union(*map(_english_words, out.splitlines()))


def test_every_build_step_is_named_in_both_languages() -> None:
    from latsar.build import STEPS
    from latsar.progress import STEP_LABELS, step_label

    assert set(STEP_LABELS) == {*STEPS, "write"}
    with messages.speaking("id"):
        assert step_label("handouts") == "bahan ajar"
    with messages.speaking("en"):
        assert step_label("handouts") == "handouts"


def test_help_in_both_languages() -> None:
    def helped(lang: str) -> str:
        env = {"LATSAR_LANG": lang, "PATH": ""}
        return subprocess.run([sys.executable, "-m", "latsar", "--help"], capture_output=True, text=True,
                              env=env, check=True).stdout

    assert "Periksa kurikulum" in helped("id")
    assert "Validate the curriculum" in helped("en")
