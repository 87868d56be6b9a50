"""Aiken: a question line, option lines `A. …` or `A) …`, then `ANSWER: X`; a blank line may
separate questions. Plain text: the stem and options become Markdown that says the same words.
A question without options, without an answer line, or whose answer names no option is reported
at its line, and reading goes on with the next question."""

from __future__ import annotations

import re

from latsar.errors import Location
from latsar.ingest.bank import Imported, ImportedItem, ImportedOption, decoded
from latsar.ingest.markup import text_to_markdown
from latsar.messages import t

_OPTION = re.compile(r"^([A-Z])[.)][ \t]+(.*)$")
_ANSWER = re.compile(r"^ANSWER:\s*(\S*)\s*$")


def read(display: str, data: bytes) -> Imported:
    found = Imported()
    text = decoded(display, data, found)
    if text is None:
        return found
    stem: tuple[int, str] | None = None
    options: list[tuple[str, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        option, answer = _OPTION.match(line), _ANSWER.match(line)
        if answer and stem:
            _finish(found, display, stem, options, answer.group(1), number)
            stem, options = None, []
        elif answer:
            found.problem(Location(display, number, 1), t("an ANSWER line without a question above it"),
                          t("put the question and its options before it"))
        elif option and stem:
            options.append((option.group(1), option.group(2).strip()))
        elif stem and options:
            found.problem(Location(display, stem[0], 1), t("question has no ANSWER line after its options"),
                          t("add `ANSWER: X` after the last option"))
            stem, options = (number, line), []
        elif stem:
            found.problem(Location(display, number, 1), t("a second line of question; Aiken's question is one line"),
                          t("join the lines, or import GIFT or Moodle XML, which allow several"))
        else:
            stem = (number, line)
    if stem:
        found.problem(Location(display, stem[0], 1), t("question has no ANSWER line"),
                      t("add `ANSWER: X` after its options"))
    return found


def _finish(found: Imported, display: str, stem: tuple[int, str], options: list[tuple[str, str]], key: str,
            line: int) -> None:
    letters = [letter for letter, _ in options]
    if key not in letters:
        found.problem(Location(display, line, 1),
                      t("ANSWER '{key}' names no option of the question on line {line} (options {letters})", key=key,
                        line=stem[0], letters=", ".join(letters) or t("none")),
                      t("give the letter of the correct option"))
        return
    found.items.append(ImportedItem(Location(display, stem[0], 1), text_to_markdown(stem[1]),
                                    [ImportedOption(text_to_markdown(text), letter == key) for letter, text in options]))
