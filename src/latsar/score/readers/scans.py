"""`scans.csv` from `latsar scan`: one row per scanned page. Rows still flagged for review are
refused until a person has settled them (fixed the cell and deleted the token); pages the
scanner refused are skipped; the pages of one participant's multi-page sheet are joined."""

from __future__ import annotations

from latsar.errors import Diagnostic, LatsarError
from latsar.messages import t
from latsar.plan.types import LETTERS
from latsar.score.key import AnswerKey
from latsar.score.readers.common import NO_ANSWER, Parsed, Rejected, RowProblem, cell, find_column, header_key
from latsar.score.readers.template import _answered, _version, question_columns
from latsar.score.table import Row, Table

REQUIRED = ("file", "page", "participant", "version", "review")
UNREADABLE = "unreadable:"
DOUBT = "?"


def looks_like(table: Table) -> bool:
    keys = {header_key(h) for h in table.header}
    return set(REQUIRED) <= keys


def read(table: Table, key: AnswerKey) -> Parsed:
    review, participant, version = (find_column(table, (name,)) for name in ("review", "participant", "version"))
    columns = {n: c for n, c in question_columns(table).items() if n <= key.length}
    parsed = Parsed("scans")
    flagged = [Diagnostic(table.at(row.number, review + 1), t("still flagged for review: {tokens}", tokens=cell(row, review)),
                          t("write the right values in the cells, then delete the tokens from 'review' "
                            "(see review.html)"))
               for row in table.rows if cell(row, review) and not cell(row, review).startswith(UNREADABLE)]
    if flagged:
        raise LatsarError(flagged)
    sheets: dict[tuple[str, str], list[Row]] = {}
    for row in table.rows:
        if row.blank or cell(row, review).startswith(UNREADABLE):
            parsed.blank_rows += 1
            continue
        sheets.setdefault((cell(row, participant), cell(row, version)), []).append(row)
    for (number, code), rows in sheets.items():
        try:
            if not number:
                raise RowProblem("reject_no_participant", column="participant")
            letters = _letters(key, _version(key, code), rows, columns)
            parsed.answered.append(_answered(key, table.display, rows[0], number, "", _version(key, code), letters))
        except RowProblem as problem:
            parsed.rejected.append(Rejected(table.display, rows[0].number, number, problem.reason))
    return parsed


def _letters(key: AnswerKey, code: str, rows: list[Row], columns: dict[int, int]) -> list[str | None]:
    """The letters of every question, from whichever page of the sheet holds it. A double mark
    ("AC") is kept: it equals no key, so it scores wrong."""
    letters: list[str | None] = []
    for question in key.questions[code]:
        raw = next((cell(r, columns[question.number]) for r in rows if cell(r, columns.get(question.number))), "")
        value = raw.upper()
        allowed = LETTERS[: len(question.order)]
        if value in NO_ANSWER:
            letters.append(None)
        elif value and set(value) <= set(allowed) and DOUBT not in value:
            letters.append(value)
        else:
            raise RowProblem("reject_not_a_letter", answer=raw, question=question.number, first=allowed[0],
                             last=allowed[-1])
    return letters
