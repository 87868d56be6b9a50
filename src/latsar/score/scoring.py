"""Answers of every file → one set of participants and the matrices the statistics read.

Rows are never dropped: a duplicate participant becomes a rejected row that names the row kept,
and `Scored.read == len(participants) + len(rejected)` always holds (tests check it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from latsar.score.key import AnswerKey
from latsar.score.readers.common import Answered, Parsed, Rejected
from latsar.score.stats import UNKNOWN
from latsar.score.text import phrase


@dataclass(frozen=True)
class Scored:
    items: tuple[str, ...]  # master order: the columns of every matrix
    participants: tuple[Answered, ...]  # the rows, in input order
    x: np.ndarray  # participants × items, 1.0 = correct
    shown: np.ndarray  # participants × items, bool: the item was on the participant's version
    choices: np.ndarray  # participants × items, authored option index, OMIT or UNKNOWN
    rejected: tuple[Rejected, ...]
    blank_rows: int
    notes: tuple[str, ...]
    kinds: tuple[str, ...]  # input kind of each file read

    @property
    def read(self) -> int:
        return len(self.participants) + len(self.rejected)

    @property
    def has_choices(self) -> bool:
        return bool(len(self.participants)) and bool((self.choices != UNKNOWN).any())


def identity(participant: str) -> str:
    """Participant ids compared loosely: "P-01 " and "p-01" are the same person."""
    return " ".join(participant.split()).casefold()


def combine(key: AnswerKey, parsed: list[Parsed]) -> Scored:
    answered = [a for p in parsed for a in p.answered]
    kept, duplicates = _deduplicate(answered)
    x, shown, choices = _matrices(key.master, kept)
    files: dict[str, int] = {}
    for row in (row for p in parsed for row in (*p.answered, *p.rejected)):
        files.setdefault(row.source, len(files))
    rejected = [r for p in parsed for r in p.rejected] + duplicates
    return Scored(
        items=key.master, participants=tuple(kept), x=x, shown=shown, choices=choices,
        # In file order, then row order, whichever check rejected the row.
        rejected=tuple(sorted(rejected, key=lambda r: (files[r.source], r.row))),
        blank_rows=sum(p.blank_rows for p in parsed), notes=tuple(n for p in parsed for n in p.notes),
        kinds=tuple(p.kind for p in parsed),
    )


def _deduplicate(answered: list[Answered]) -> tuple[list[Answered], list[Rejected]]:
    first: dict[str, Answered] = {}
    rejected = []
    for a in answered:
        seen = first.setdefault(identity(a.participant), a)
        if seen is not a:
            rejected.append(Rejected(a.source, a.row, a.participant, phrase(
                "reject_duplicate", participant=a.participant, place=f"{seen.source}:{seen.row}")))
    return list(first.values()), rejected


def _matrices(items: tuple[str, ...], kept: list[Answered]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    column = {item: n for n, item in enumerate(items)}
    x = np.zeros((len(kept), len(items)))
    shown = np.zeros((len(kept), len(items)), dtype=bool)
    choices = np.full((len(kept), len(items)), UNKNOWN, dtype=np.int8)
    for row, a in enumerate(kept):
        columns = [column[item] for item in a.correct]
        x[row, columns] = list(a.correct.values())
        shown[row, columns] = True
        if a.choices is not None:
            choices[row, [column[item] for item in a.choices]] = list(a.choices.values())
    return x, shown, choices
