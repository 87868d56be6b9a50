"""Plain, well-formed commands run before the command line loads.

Loading typer costs about a tenth of `latsar check`, so `latsar check [PATH] [--strict]` runs
straight from `QUICK`, a table of the commands that may, with the words each accepts. Anything
else returns None and the command line proper (cli.py) handles it, with its own messages, "did
you mean" and exit codes: an option the table does not name (a typo, `--help`, `--watch`), an
option given twice, a value that looks like an option or is empty, `--`, more arguments than
the command takes, shell completion, or an output stream typer would re-encode (not UTF-8).

The work itself is one function per command (`check.check`), called by the command line too,
so the two paths differ only in how they read the arguments; a test runs both on a table of
argument lists and compares what they print and their exit codes, and another checks `QUICK`
against the command line's own options.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
from importlib import import_module
from typing import Any, Callable, NamedTuple

COMPLETION = "_LATSAR_COMPLETE"  # set by the shell's completion script: typer answers it


class Quick(NamedTuple):
    """A command that may run quickly: its flags (options without a value), how many positional
    arguments it takes, and the function doing its work, as 'module:function', called with the
    arguments (None for each one not given), each flag as a bool, and `echo`; it returns the
    exit code."""

    flags: tuple[str, ...]
    arguments: int
    work: str


QUICK: dict[str, Quick] = {
    "check": Quick(("--strict",), 1, "latsar.check:check"),
}


def parse(args: list[str]) -> tuple[Quick, list[str | None], dict[str, bool]] | None:
    """The command, its positional values and flags, when `args` is a plain use of a QUICK
    command; None for anything else."""
    if not args or args[0] not in QUICK:
        return None
    quick = QUICK[args[0]]
    values = [word for word in args[1:] if not word.startswith("-")]
    options = [word for word in args[1:] if word.startswith("-")]
    if (len(values) > quick.arguments or "" in values or len(set(options)) < len(options)
            or not set(options) <= set(quick.flags)):
        return None
    flags = {flag.lstrip("-").replace("-", "_"): flag in options for flag in quick.flags}
    return quick, values + [None] * (quick.arguments - len(values)), flags


def plain_streams() -> bool:
    """Whether typer would print to stdout and stderr as they are (UTF-8, not on Windows)."""
    return sys.platform != "win32" and all(
        stream is not None and _codec(getattr(stream, "encoding", None)) == "utf-8"
        and getattr(stream, "errors", None) is not None for stream in (sys.stdout, sys.stderr))


def _codec(encoding: str | None) -> str:
    try:
        return codecs.lookup(encoding or "ascii").name
    except LookupError:
        return ""


def run(args: list[str]) -> int | None:
    """Run `latsar *args` when it is a plain use of a QUICK command: its exit code; else None."""
    parsed = parse(args)
    if parsed is None or COMPLETION in os.environ or not plain_streams():
        return None
    quick, values, flags = parsed
    module, function = quick.work.split(":")
    return _reported(args, lambda: getattr(import_module(module), function)(*_paths(values), **flags, echo=echo))


def _paths(values: list[str | None]) -> list[Any]:
    from pathlib import Path

    return [None if value is None else Path(value) for value in values]


def _reported(args: list[str], work: Callable[[], int]) -> int:
    """`work()`'s exit code, spoken in the programme's language, with the endings the command
    line gives: a user error printed (exit 2), Ctrl-C as one line (exit 130), a closed pipe
    silently (exit 1)."""
    from latsar.entry import INTERRUPTED
    from latsar.messages import environment_language, speaking, t
    from latsar.project import language_of_command

    language = None
    try:
        language = environment_language() or language_of_command(args)
        with speaking(language):
            return _shown(work)
    except KeyboardInterrupt:
        with speaking(language):
            print(t("latsar: interrupted (Ctrl-C)"), file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:  # `latsar check | head -1`: nothing more reaches the reader
        for stream in (sys.stdout, sys.stderr):
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        return 1


def _shown(work: Callable[[], int]) -> int:
    from latsar.errors import LatsarError

    try:
        return work()
    except LatsarError as exc:
        exc.show()
        return exc.exit_code


# What typer.echo strips from text that goes elsewhere than a terminal (click's own pattern).
_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")


def echo(message: str = "", err: bool = False) -> None:
    """Print one line as typer.echo does: flushed, escape sequences dropped when not on a terminal."""
    stream = sys.stderr if err else sys.stdout
    text = message + "\n"
    if "\033" in text and not stream.isatty():
        text = _ANSI.sub("", text)
    stream.write(text)
    stream.flush()
