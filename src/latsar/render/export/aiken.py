"""Aiken: the simplest import format of Moodle (and a few other LMS). One line of question, one
line per option (`A. …`), then `ANSWER: X`; nothing else.

Options are the printed subset in authored order (see `common.bank_items`). Aiken carries one key
and no feedback, so option reasons and explanations are dropped (said in a warning) and markup
becomes plain text. What Aiken cannot carry at all (a stem or option of several lines, a stem
that reads as an option or answer line, more options than it has letters) is refused with
every offending item named, rather than imported wrongly.
"""

from __future__ import annotations

import re
from typing import Callable, Mapping

from latsar.errors import Diagnostic, Location
from latsar.messages import N_, t
from latsar.model.curriculum import Curriculum
from latsar.plan.types import QuizPlan
from latsar.render.export.common import ExportItem, ExportRefused, ExportResult, bank_items, pinned
from latsar.text.markdown import plain_text

FILE = "aiken.txt"
# Moodle's reader takes an option line to be `^[A-Z][.)][ \t]`, so 26 letters.
AIKEN_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_OPTION_LINE = re.compile(r"^[A-Z][.)][ \t]")
_HINT = N_("reword the item for Aiken, or import moodle.xml or gift.txt, which carry it")

# What each line may not be, and why: (test on the line's text, problem).
_STEM_RULES: tuple[tuple[Callable[[str], bool], str], ...] = (
    (lambda text: "\n" in text,
     N_("its stem has more than one line (paragraphs, a list or line breaks); Aiken's question is one line")),
    (lambda text: bool(_OPTION_LINE.match(text)),
     N_("its stem starts like an option line ('A. …'), which Aiken would read as an option")),
    (lambda text: text.startswith("ANSWER:"), N_("its stem starts with 'ANSWER:', which Aiken reads as the key line")),
    (lambda text: len(text) < 2, N_("its stem is shorter than 2 characters, which Aiken skips")),
)
_OPTION_RULES: tuple[tuple[Callable[[str], bool], str], ...] = (
    (lambda text: "\n" in text, N_("option {letter} has more than one line; an Aiken option is one line")),
    (lambda text: text.startswith("ANSWER:"),
     N_("option {letter} starts with 'ANSWER:', which Aiken reads as the key line")),
)


def export(curriculum: Curriculum, plan: QuizPlan, labels: Mapping[str, str] | None = None) -> ExportResult:
    items = bank_items(curriculum, plan)
    problems = [d for entry in items for d in _problems(entry, curriculum.item_locations.get(entry.item.id))]
    if problems:
        raise ExportRefused(problems)
    text = "\n\n".join(_question(entry) for entry in items) + "\n"
    return ExportResult({FILE: text.encode("utf-8")}, _warnings(items))


def _question(entry: ExportItem) -> str:
    lines = [plain_text(entry.item.stem)]
    lines += [f"{AIKEN_LETTERS[n]}. {plain_text(choice.text)}" for n, choice in enumerate(entry.choices)]
    lines.append(f"ANSWER: {AIKEN_LETTERS[entry.key]}")
    return "\n".join(lines)


def _problems(entry: ExportItem, where: Location | None) -> list[Diagnostic]:
    """Everything about one item that Aiken cannot carry, located at the item's YAML."""
    found = [t(message) for test, message in _STEM_RULES if test(plain_text(entry.item.stem))]
    if len(entry.choices) > len(AIKEN_LETTERS):
        found.append(t("it prints {count} options; Aiken has letters for {letters}", count=len(entry.choices),
                       letters=len(AIKEN_LETTERS)))
    for n, choice in enumerate(entry.choices[: len(AIKEN_LETTERS)]):
        text = plain_text(choice.text)
        found += [t(message, letter=AIKEN_LETTERS[n]) for test, message in _OPTION_RULES if test(text)]
    return [Diagnostic(where, t("{file}: item '{id}': {problem}", file=FILE, id=entry.item.id, problem=message),
                       hint=t(_HINT)) for message in found]


def _warnings(items: list[ExportItem]) -> list[str]:
    warnings = [t("{file}: Aiken carries one key and no feedback: the option reasons and the pembahasan of "
                  "all {count} items are left out, and bold, italic and code become plain text", file=FILE,
                  count=len(items))]
    held = pinned(items)
    if held:
        warnings.append(t("{file}: Aiken cannot keep options in order; the LMS may shuffle those of the pinned "
                          "items {items}", file=FILE, items=", ".join(held)))
    return warnings
