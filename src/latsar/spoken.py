"""typer's help and usage errors in the reader's language, through latsar's message catalogue.

The command line gives typer its help texts as message ids (`N_("…")`, English); they are translated
when the help is printed, so `--help` speaks the language chosen for this run (`LATSAR_LANG`, else
the programme's), not the one at import. typer's own words (Usage, Options, "Show this message and
exit.", [required], its usage errors) are English literals inside typer: `TYPER_WORDS` lists them
for the catalogue, and the formatter, the help records and `usage_problem` translate them.
"""

from __future__ import annotations

import copy
import re
from typing import Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from latsar.messages import N_, t

TYPER_WORDS = (
    N_("Usage: "), N_("Arguments"), N_("Options"), N_("Commands"), N_("[OPTIONS]"), N_("COMMAND [ARGS]..."),
    N_("Show this message and exit."), N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)
REQUIRED, DEFAULT = N_("required"), N_("default: {default}")
# typer shows a value's Python type after an option or argument; a trainer reads a word instead
# (a list is a repeatable option or an argument marked "...": its element's word says enough).
TYPE_WORDS = {"<str>": N_("<text>"), "<list[str]>": N_("<text>"), "<path>": N_("<path>"),
              "<list[Path]>": N_("<path>"), "<int range>": N_("<number>"), "<int>": N_("<number>")}
_TYPE = re.compile(r"<[^<>]+>")

# typer's usage errors (English inside typer), each as a catalogue message; a `problem` is worded
# again from PROBLEMS (typer checks values with pydantic, whose words these are).
USAGE_ERRORS = tuple((re.compile(pattern), message) for pattern, message in (
    (r"Option '(?P<option>[^']+)' requires an argument\.", N_("option '{option}' requires an argument")),
    (r"Option '(?P<option>[^']+)' requires (?P<count>\d+) arguments\.",
     N_("option '{option}' requires {count} arguments")),
    (r"Option '(?P<option>[^']+)' does not take a value\.", N_("option '{option}' does not take a value")),
    (r"Got unexpected extra arguments? \((?P<args>.*)\)", N_("got unexpected extra argument(s) ({args})")),
    (r"Missing option '(?P<option>[^']+)'\.", N_("missing option '{option}'")),
    (r"No such command '(?P<name>[^']+)'\.", N_("unknown command '{name}'")),
    (r"No such command '(?P<name>[^']+)'\. Did you mean '(?P<known>[^']+)'\?",
     N_("unknown command '{name}'; did you mean '{known}'?")),
    (r"Invalid value for '(?P<name>[^']+)': (?P<problem>.+?)\.?", N_("invalid value for '{name}': {problem}")),
))
PROBLEMS = tuple((re.compile(pattern), message) for pattern, message in (
    (r"Input should be greater than or equal to (?P<bound>\S+)", N_("should be at least {bound}")),
    (r"Input should be less than or equal to (?P<bound>\S+)", N_("should be at most {bound}")),
    (r"Input should be a valid integer\b.*", N_("should be a whole number")),
))


def usage_problem(message: str) -> str:
    """One of typer's usage error messages, in the reader's language (lower case, no full stop)."""
    text = " ".join(message.split())
    worded = _worded(text, USAGE_ERRORS)
    if worded is not None:
        return worded
    text = text.rstrip(".")
    return text[:1].lower() + text[1:]


def _worded(text: str, table: tuple[tuple[re.Pattern[str], str], ...]) -> str | None:
    for pattern, catalogued in table:
        match = pattern.fullmatch(text)
        if match:
            values = match.groupdict()
            if "problem" in values:
                values["problem"] = _worded(values["problem"], PROBLEMS) or values["problem"]
            return t(catalogued, **values)
    return None


Helped = TypeVar("Helped")


def _spoken(helped: Helped) -> Helped:
    """A copy of a command or parameter whose help is in the reader's language."""
    text = getattr(helped, "help", None)
    if not text:
        return helped
    spoken = copy.copy(helped)
    spoken.help = t(text)
    return spoken


def _extra(word: str) -> str:
    """One of typer's bracketed notes after an option's help: 'required', 'default: 3', '1<=x<=20'."""
    if word == REQUIRED:
        return t(REQUIRED)
    if word.startswith("default: "):
        return t(DEFAULT, default=word.removeprefix("default: "))
    return word


def help_record(param: Any, ctx: typer.Context) -> tuple[str, str] | None:
    """The parameter's line in the help: its names, then its help and typer's notes, translated."""
    spoken = _spoken(param)
    record = spoken.get_help_record(ctx)
    if record is None:
        return None
    names, text = record
    names = _TYPE.sub(lambda shown: t(TYPE_WORDS.get(shown[0], shown[0])), names)
    own = spoken.help or ""
    notes = text[len(own):].strip() if text.startswith(own) else ""
    if not (notes.startswith("[") and notes.endswith("]")):
        return names, text
    words = "; ".join(_extra(word) for word in notes[1:-1].split("; "))
    return names, f"{own}  [{words}]" if own else f"[{words}]"


class SpokenFormatter(typer.Context.formatter_class):  # type: ignore[misc,name-defined]
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, t("Usage: ") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(t(heading))


class SpokenContext(typer.Context):
    formatter_class = SpokenFormatter


class Spoken:
    """For typer's command and group classes: help texts translated as they are printed."""

    context_class = SpokenContext

    def format_help_text(self, ctx: typer.Context, formatter: Any) -> None:
        super(Spoken, _spoken(self)).format_help_text(ctx, formatter)  # type: ignore[misc]

    def get_short_help_str(self, limit: int = 45) -> str:
        return super(Spoken, _spoken(self)).get_short_help_str(limit)  # type: ignore[misc]

    def collect_usage_pieces(self, ctx: typer.Context) -> list[str]:
        return [t(piece) for piece in super().collect_usage_pieces(ctx)]  # type: ignore[misc]

    def format_options(self, ctx: typer.Context, formatter: Any) -> None:
        records: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            record = help_record(param, ctx)
            if record is not None and param.param_type_name in records:
                records[param.param_type_name].append(record)
        for heading, kind in (("Arguments", "argument"), ("Options", "option")):
            if records[kind]:
                with formatter.section(heading):
                    formatter.write_dl(records[kind])
        if hasattr(self, "format_commands"):
            self.format_commands(ctx, formatter)


class SpokenCommand(Spoken, TyperCommand):
    pass


class SpokenGroup(Spoken, TyperGroup):
    pass
