"""The message catalogue: both languages hold every message of the code with the same placeholders,
the compiled catalogues match their sources, and the command line speaks the language chosen."""

from __future__ import annotations

import gettext
import importlib.util
import re
import string
from pathlib import Path

import pytest

from latsar import messages

PROJECT = Path(__file__).resolve().parents[1]



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
    messages.use_language("id")
    try:
        assert messages.t("no such message {n}", n=3) == "no such message 3"
    finally:
        messages.use_language("en")


def _run(args: list[str], lang: str, capsys: pytest.CaptureFixture) -> tuple[int, str]:
    messages.use_language(lang)
    try:
        code = main(args)
    finally:
        messages.use_language("en")
    captured = capsys.readouterr()
    return code, captured.err
