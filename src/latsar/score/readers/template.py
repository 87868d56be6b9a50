"""latsar's own answer sheet template (`jawaban.csv` / `.xlsx`): one row per participant with
the version (paket) and the letter marked for each printed question number."""

from __future__ import annotations

import re

from latsar.messages import N_, t
from latsar.plan.quiz import score_version
from latsar.plan.types import LETTERS
from latsar.score.key import AnswerKey
from latsar.score.readers.common import (
    ID_COLUMNS, NAME_COLUMNS, NO_ANSWER, VERSION_COLUMNS, Answered, Parsed, RowProblem, cell, each_row,
    find_column, header_key, require_column, unknown_version,
)
from latsar.score.stats import OMIT
from latsar.score.table import Row, Table, fail
from latsar.score.template import ID, NAME, VERSION

_QUESTION = re.compile(r"^(?:soal|no|nomor|q|question)? ?(\d+)$")


def question_columns(table: Table) -> dict[int, int]:
    """Printed question number -> 0-based column, for headers such as `7` or `soal 7`."""
    found: dict[int, int] = {}
    for column, name in enumerate(table.header):
        match = _QUESTION.match(header_key(name))
        if match:
            found[int(match.group(1))] = column
    return found


def read(table: Table, key: AnswerKey) -> Parsed:
    id_column = require_column(table, ID_COLUMNS, N_("participant id"), ID)
    name_column = find_column(table, NAME_COLUMNS)
    version_column = find_column(table, VERSION_COLUMNS)
    if version_column is None and len(key.codes) > 1:
        raise fail(table.at(1, 1), t("missing column '{column}': quiz '{quiz}' has {count} versions", column=VERSION,
                                     quiz=key.blueprint.id, count=len(key.codes)),
                   t("add a column '{column}' holding each participant's version ({codes})", column=VERSION,
                     codes=", ".join(key.codes)))
    columns = _all_questions(table, key)
    parsed = Parsed("template")

    def read_row(row: Row, participant: str) -> Answered:
        code = _version(key, cell(row, version_column))
        letters = _letters(key, code, row, columns)
        return _answered(key, table.display, row, participant, cell(row, name_column), code, letters)

    each_row(table, parsed, id_column, read_row)
    return parsed


def _all_questions(table: Table, key: AnswerKey) -> dict[int, int]:
    columns = question_columns(table)
    missing = [n for n in range(1, key.length + 1) if n not in columns]
    if missing:
        raise fail(table.at(1, 1), t("no column for question {numbers} of quiz '{quiz}' ({count} questions)",
                                     numbers=_ranges(missing), quiz=key.blueprint.id, count=key.length),
                   t("add one column per question number, named 1, 2, 3, …"))
    extra = sorted(n for n in columns if n > key.length)
    if extra:
        raise fail(table.at(1, columns[extra[0]] + 1),
                   t("column '{name}' is beyond the {count} questions of quiz '{quiz}'",
                     name=table.header[columns[extra[0]]], count=key.length, quiz=key.blueprint.id),
                   t("check that these are answers to this quiz, or delete the column"))
    return columns


def _version(key: AnswerKey, text: str) -> str:
    code = text.strip().upper()
    if not code and len(key.codes) == 1:
        return key.codes[0]
    if code not in key.questions:
        raise unknown_version(key, text)
    return code


def _letters(key: AnswerKey, code: str, row: Row, columns: dict[int, int]) -> list[str | None]:
    letters: list[str | None] = []
    for question in key.questions[code]:
        raw = cell(row, columns[question.number])
        value = raw.upper()
        allowed = LETTERS[: len(question.order)]
        if value in NO_ANSWER:
            letters.append(None)
        elif len(value) == 1 and value in allowed:
            letters.append(value)
        else:
            raise RowProblem("reject_not_a_letter", answer=raw, question=question.number, first=allowed[0],
                             last=allowed[-1])
    return letters


def _answered(key: AnswerKey, source: str, row: Row, participant: str, name: str, code: str,
              letters: list[str | None]) -> Answered:
    # The planner's own scorer marks the sheet; the chosen options are only for distractors.
    marks = score_version(key.document, code, letters)
    correct = dict(zip(key.forms[code], marks))
    # A double mark from a scan ("AC") chose no single option: no distractor counts it.
    choices = {
        q.item_id: (OMIT if letter is None or len(letter) != 1 else q.order[LETTERS.index(letter)])
        for q, letter in zip(key.questions[code], letters)
    }
    return Answered(source, row.number, participant, name, code, correct, choices)


def _ranges(numbers: list[int]) -> str:
    """"1–3, 7" for [1, 2, 3, 7]."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
