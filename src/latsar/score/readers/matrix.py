"""A 0/1 matrix scored elsewhere: one row per participant, one column per master item id.

It gives item analysis without option-level statistics. Blank cells count as wrong (no answer);
with a version column and parallel forms, the items outside a participant's version are not
counted at all.
"""

from __future__ import annotations

import re

from latsar.errors import did_you_mean
from latsar.messages import N_, t
from latsar.score.key import AnswerKey
from latsar.score.readers.common import (
    ID_COLUMNS, NAME_COLUMNS, VERSION_COLUMNS, Answered, Parsed, RowProblem, cell, each_row, find_column,
    require_column, unknown_version,
)
from latsar.score.table import Row, Table, fail

VALUES: dict[str, bool] = {"1": True, "0": False, "": False, "1.0": True, "0.0": False}
_ID_LIKE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")


def item_columns(table: Table, key: AnswerKey) -> dict[str, int]:
    """Master item id -> 0-based column (headers compared case-insensitively)."""
    wanted = {item.casefold(): item for item in key.master}
    return {wanted[name.strip().casefold()]: column for column, name in enumerate(table.header)
            if name.strip().casefold() in wanted}


def read(table: Table, key: AnswerKey) -> Parsed:
    id_column = require_column(table, ID_COLUMNS, N_("participant id"), "no_peserta")
    name_column = find_column(table, NAME_COLUMNS)
    version_column = find_column(table, VERSION_COLUMNS)
    columns = item_columns(table, key)
    _check_columns(table, key, columns, {id_column, name_column, version_column})
    parallel = key.blueprint.mode == "parallel" and version_column is not None
    parsed = Parsed("matrix")
    identity = {id_column, name_column, version_column}
    parsed.notes.extend(
        t("{file}: column {number} '{name}' is not an item of quiz '{quiz}'; ignored", file=table.display,
          number=n + 1, name=name, quiz=key.blueprint.id)
        for n, name in enumerate(table.header) if name and n not in identity and n not in columns.values()
    )

    def read_row(row: Row, participant: str) -> Answered:
        version = cell(row, version_column).upper()
        if parallel and version not in key.forms:
            raise unknown_version(key, version)
        shown = key.forms[version] if parallel else key.master
        correct = {item: _mark(row, item, columns[item]) for item in shown}
        return Answered(table.display, row.number, participant, cell(row, name_column), version, correct, None)

    each_row(table, parsed, id_column, read_row)
    return parsed


def _mark(row: Row, item: str, column: int) -> bool:
    value = cell(row, column)
    if value not in VALUES:
        raise RowProblem("reject_not_binary", value=value, item=item, column=column + 1)
    return VALUES[value]


def _check_columns(table: Table, key: AnswerKey, columns: dict[str, int], identity: set[int | None]) -> None:
    for column, name in enumerate(table.header):
        folded = name.strip().casefold()
        # A header shaped like an item id that is not one is a typo, not an extra column.
        if column not in identity and column not in columns.values() and _ID_LIKE.match(folded):
            raise fail(table.at(1, column + 1), t("unknown item '{name}' in quiz '{quiz}'", name=name,
                                                  quiz=key.blueprint.id),
                       did_you_mean(folded, key.master) or t("use the item ids of the quiz's kisi-kisi"))
    missing = [item for item in key.master if item not in columns]
    if missing:
        raise fail(table.at(1, 1), t("no column for item {items} of quiz '{quiz}'",
                                     items=", ".join(missing[:5]) + (" …" if len(missing) > 5 else ""),
                                     quiz=key.blueprint.id),
                   t("add one column per item id, 1 for right and 0 for wrong"))
