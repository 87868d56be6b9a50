"""A Google Forms responses export (CSV): Timestamp, identity questions, then one column per quiz
question headed by its stem, holding the chosen option's text."""

from __future__ import annotations

import difflib

from latsar.messages import N_, t
from latsar.score.key import AnswerKey, fold
from latsar.score.readers.common import (
    ID_COLUMNS, NAME_COLUMNS, NO_ANSWER, VERSION_COLUMNS, Answered, Parsed, RowProblem, cell, each_row,
    find_column, header_key, require_column,
)
from latsar.score.stats import OMIT
from latsar.score.table import Row, Table, fail

TIMESTAMP: tuple[str, ...] = ("timestamp", "stempel waktu", "cap waktu")
SCORE: tuple[str, ...] = ("score", "skor", "total score", "nilai")
# A header shorter than this is never matched to a stem by prefix: "Nama" is not a question.
MIN_PREFIX = 20


def stem_item(key: AnswerKey, header: str) -> str | None:
    """The master item whose stem the header is: equal, a long prefix, or nearly equal."""
    text = fold(header)
    if text in key.stems:
        return key.stems[text]
    if len(text) >= MIN_PREFIX:
        prefixed = {item for stem, item in key.stems.items() if stem.startswith(text) or text.startswith(stem)}
        if len(prefixed) == 1:
            return prefixed.pop()
    close = difflib.get_close_matches(text, list(key.stems), n=1, cutoff=0.9)
    return key.stems[close[0]] if close else None


def read(table: Table, key: AnswerKey) -> Parsed:
    id_column = require_column(table, ID_COLUMNS, N_("participant id"), "NIP")
    name_column = find_column(table, NAME_COLUMNS)
    version_column = find_column(table, VERSION_COLUMNS)
    aliases = {*ID_COLUMNS, *NAME_COLUMNS, *VERSION_COLUMNS, *TIMESTAMP, *SCORE}
    known: set[int | None] = {n for n, name in enumerate(table.header) if header_key(name) in aliases}
    columns = _question_columns(table, key, known)
    parsed = Parsed("forms")
    parsed.notes.extend(
        t("{file}: column {number} '{name}' is not a quiz question; ignored", file=table.display, number=n + 1,
          name=table.header[n])
        for n in range(len(table.header)) if n not in known and n not in columns.values() and table.header[n]
    )

    def read_row(row: Row, participant: str) -> Answered:
        choices = {item: _choice(key, item, cell(row, column)) for item, column in columns.items()}
        correct = {item: choice == key.correct_option(item) for item, choice in choices.items()}
        return Answered(table.display, row.number, participant, cell(row, name_column),
                        cell(row, version_column).upper(), correct, choices)

    each_row(table, parsed, id_column, read_row)
    return parsed


def _question_columns(table: Table, key: AnswerKey, known: set[int | None]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for column, name in enumerate(table.header):
        item = None if column in known or not name else stem_item(key, name)
        if item is None:
            continue
        if item in columns:
            raise fail(table.at(1, column + 1), t("column '{name}' repeats the question of column {first} (item {id})",
                                                  name=_short(name), first=columns[item] + 1, id=item),
                       t("delete one of the two columns"))
        columns[item] = column
    _check_complete(table, key, set(columns))
    return columns


def _check_complete(table: Table, key: AnswerKey, found: set[str]) -> None:
    if any(found == set(form) for form in key.forms.values()):
        return
    missing = [item for item in key.master if item not in found]
    if not found or missing:
        listed = "; ".join(f"{item} '{_short(fold(key.items[item].stem))}'" for item in missing[:3])
        more = t(" and {count} more", count=len(missing) - 3) if len(missing) > 3 else ""
        raise fail(table.at(1, 1), t("no column for {count} question(s) of quiz '{quiz}': {listed}",
                                     count=len(missing), quiz=key.blueprint.id, listed=listed) + more,
                   t("make each form question's title the item's stem, as exported"))


def _choice(key: AnswerKey, item: str, text: str) -> int:
    if text in NO_ANSWER:
        return OMIT
    places = [index for owner, index in key.option_texts.get(fold(text), ()) if owner == item]
    if not places:
        raise RowProblem("reject_not_an_option", answer=_short(text), item=item)
    return places[0]


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
