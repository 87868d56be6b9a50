"""Plain help and version requests answered before the command line loads.

Loading typer costs several times Python's own start-up, so `latsar`, `latsar --help`,
`latsar COMMAND --help` and `latsar --version` are answered from texts typer itself rendered
(`python scripts/helptexts.py` writes them into `help/<lang>/`; a test renders them again and
compares, so they cannot drift from the command line). Anything else, and any case the texts do
not cover, returns None and the command line proper handles it:

- a terminal narrower than 80 columns (typer wraps help to the terminal up to 80 columns, so one
  text serves every width from 80 up; narrower ones get typer's own wrapping);
- a language that cannot be told cheaply (see `finder.declared_language`).
"""

from __future__ import annotations

import os
import re
import sys

from latsar import __version__
from latsar.finder import curriculum_above, programme_language

HELP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "help")
HELP_OPTIONS = ("--help", "-h")
VERSION_OPTIONS = ("--version", "-V")
RENDERED_WIDTH = 80  # typer wraps help at min(terminal columns, 80) - 2
LANGUAGES = ("id", "en")
_COMMAND_NAME = re.compile(r"[a-z]+")


def help_name(args: list[str]) -> str | None:
    """The help text's file name for a plain help request (`latsar new module --help` →
    'latsar-new-module'), None for anything else."""
    if not args:
        return "latsar"
    *names, option = args
    if option not in HELP_OPTIONS or not all(_COMMAND_NAME.fullmatch(name) for name in names):
        return None
    return "-".join(["latsar", *names])


def terminal_columns() -> int:
    """The columns typer wraps to: `shutil.get_terminal_size`'s answer, without importing shutil."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


def spoken_language(cwd: str) -> str | None:
    """`LATSAR_LANG`, else the language of the programme found from `cwd` upward, else Indonesian;
    None when the programme's language needs the YAML reader."""
    chosen = os.environ.get("LATSAR_LANG", "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    curriculum = curriculum_above(cwd)
    if curriculum is None:
        return "id"
    language = programme_language(curriculum)
    return language if language in LANGUAGES or language is None else "id"


def answer(args: list[str]) -> str | None:
    """What `latsar *args` prints, when it is a plain help or version request we can answer."""
    if args in (["--version"], ["-V"]):
        return f"latsar {__version__}\n"
    if args == ["version"]:
        return f"{__version__}\n"
    name = help_name(args)
    if name is None or terminal_columns() < RENDERED_WIDTH:
        return None
    try:
        language = spoken_language(os.getcwd())
        if language is None:
            return None
        with open(os.path.join(HELP, language, name + ".txt"), encoding="utf-8") as stream:
            return stream.read()
    except OSError:  # not a command we have help for, or no current folder: the command line says so
        return None
