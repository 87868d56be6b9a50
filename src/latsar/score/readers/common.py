"""What every answers reader produces, and the column and row checks they share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping, Sequence

from latsar.messages import t
from latsar.score.table import Row, Table, fail
from latsar.score.text import Phrase, english, phrase

if TYPE_CHECKING:
    from latsar.score.key import AnswerKey

# Header names (compared after `header_key`) of the identity columns, most specific first.
ID_COLUMNS: tuple[str, ...] = (
    "no peserta", "nomor peserta", "id peserta", "nip", "participant", "participant id", "id",
    "id number", "username", "email address", "alamat email", "email", "e-mail",
)
NAME_COLUMNS: tuple[str, ...] = ("nama", "nama lengkap", "nama peserta", "name", "full name")
VERSION_COLUMNS: tuple[str, ...] = ("paket", "kode paket", "versi", "version")
NO_ANSWER: frozenset[str] = frozenset({"", "-", "–", "—"})


def header_key(name: str) -> str:
    """A header compared loosely: case, underscores, dots and spacing do not matter."""
    return " ".join(name.casefold().replace("_", " ").replace(".", " ").split())


@dataclass(frozen=True)
class Answered:
    """One participant's answers, mapped onto the quiz's master items."""

    source: str  # the file, as messages show it
    row: int
    participant: str
    name: str
    version: str  # "" when the input does not say
    correct: Mapping[str, bool]  # every item shown to the participant -> answered correctly
    # Authored option index chosen per item shown (stats.OMIT for none); None when the input
    # holds right/wrong only (a scored matrix).
    choices: Mapping[str, int] | None


@dataclass(frozen=True)
class Rejected:
    source: str
    row: int
    participant: str
    reason: Phrase  # a `reject_<kind>` label and its values

    def format(self) -> str:
        """The row as the CLI reports it, in English."""
        who = f" ({self.participant})" if self.participant else ""
        return f"{self.source}:{self.row}{who}: {self.reason.text(english())}"


@dataclass
class Parsed:
    kind: str
    answered: list[Answered] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    blank_rows: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def read(self) -> int:
        return len(self.answered) + len(self.rejected)


class RowProblem(Exception):
    """A reason to reject one row, as a `reject_<kind>` label and the values it quotes; readers
    raise it and `each_row` records it."""

    def __init__(self, key: str, **values: object):
        super().__init__(key)
        self.reason = phrase(key, **values)


def unknown_version(key: AnswerKey, version: str) -> RowProblem:
    codes = ", ".join(key.codes)
    if not version:
        return RowProblem("reject_no_version", quiz=key.blueprint.id, codes=codes)
    return RowProblem("reject_unknown_version", version=version, quiz=key.blueprint.id, codes=codes)


def find_column(table: Table, names: Sequence[str]) -> int | None:
    """0-based index of the first header matching one of `names` (in the order of `names`)."""
    keys = [header_key(h) for h in table.header]
    for name in names:
        if name in keys:
            return keys.index(name)
    return None


def require_column(table: Table, names: Sequence[str], what: str, example: str) -> int:
    column = find_column(table, names)
    if column is None:
        raise fail(table.at(1, 1), t("missing column for the {what}", what=t(what)),
                   t("add a column named '{example}' (also accepted: {others})", example=example,
                     others=", ".join(n for n in names if n != example)))
    return column


def cell(row: Row, column: int | None) -> str:
    if column is None or column >= len(row.cells):
        return ""
    return row.cells[column]


def check_width(table: Table, row: Row) -> None:
    """A CSV row with fewer or more cells than the header has lost or gained a column."""
    width = len(table.header)
    if table.width_checked or len(row.cells) == width:
        return
    if len(row.cells) < width:
        # Each missing column by its header, or by its number when the header cell is empty.
        missing = ", ".join(f"'{h}'" if h else str(n) for n, h in enumerate(table.header, start=1)
                            if n > len(row.cells))
        raise RowProblem("reject_missing_cells", missing=missing, cells=len(row.cells), width=width)
    if any(row.cells[width:]):
        raise RowProblem("reject_extra_cells", cells=len(row.cells), width=width)


def each_row(table: Table, parsed: Parsed, id_column: int, read_row) -> None:
    """Run `read_row(row, participant)` on every non-blank row; a RowProblem rejects the row."""
    for row in table.rows:
        if row.blank:
            parsed.blank_rows += 1
            continue
        participant = cell(row, id_column)
        try:
            check_width(table, row)
            if not participant:
                raise RowProblem("reject_no_participant", column=table.header[id_column])
            parsed.answered.append(read_row(row, participant))
        except RowProblem as problem:
            parsed.rejected.append(Rejected(table.display, row.number, participant, problem.reason))
