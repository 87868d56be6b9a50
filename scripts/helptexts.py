"""Render every help text of the command line, as typer prints it, into src/latsar/help/ (a developer's tool).

    python scripts/helptexts.py

`latsar --help` and `latsar COMMAND --help` are then answered from these files without loading
typer (src/latsar/quickhelp.py). Run it after changing a command, an option or a help message;
tests/test_quickhelp.py renders the texts again and fails while a file differs.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from latsar.quickhelp import HELP, HELP_OPTIONS, LANGUAGES, RENDERED_WIDTH  # noqa: E402


def help_requests() -> Iterator[list[str]]:
    """Every command path with help: [] (latsar itself), ['check'], ['new'], ['new', 'module'], …"""
    import typer.main

    from latsar.cli import app

    def walk(command, path: list[str]) -> Iterator[list[str]]:
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, [*path, name])

    yield from walk(typer.main.get_command(app), [])


def rendered(path: list[str], language: str) -> str:
    """What `latsar PATH --help` prints in `language` on a terminal of RENDERED_WIDTH columns."""
    from latsar.cli import _main
    from latsar.messages import speaking

    out, columns = io.StringIO(), os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(RENDERED_WIDTH)
    try:
        with speaking(language), contextlib.redirect_stdout(out):
            code = _main([*path, HELP_OPTIONS[0]])
    finally:
        os.environ.pop("COLUMNS") if columns is None else os.environ.update(COLUMNS=columns)
    assert code == 0, f"latsar {' '.join(path)} --help exited {code}"
    return out.getvalue()


def file_name(path: list[str]) -> str:
    return "-".join(["latsar", *path]) + ".txt"


def texts() -> dict[str, str]:
    """Every help text, by its path under src/latsar/help/ ('id/latsar-check.txt')."""
    return {f"{language}/{file_name(path)}": rendered(path, language)
            for language in LANGUAGES for path in help_requests()}


def main() -> None:
    folder = Path(HELP)
    for old in folder.glob("*/*.txt"):
        old.unlink()
    for name, text in texts().items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    print(f"{folder.relative_to(ROOT)}: {len(list(folder.glob('*/*.txt')))} help texts")


if __name__ == "__main__":
    main()
