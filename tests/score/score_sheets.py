"""Answer files of every input kind, written from a plan's answer key and chosen options.

A `Sheet` participant chooses authored option indices (None = no answer) for the items of one
version; each writer prints what that input kind would hold: letters for latsar's template,
option texts for Moodle and Google Forms, 0/1 for a scored matrix.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from latsar.plan.types import LETTERS
from latsar.score.key import AnswerKey
from latsar.text.markdown import plain_text


@dataclass(frozen=True)
class Sheet:
    participant: str
    name: str
    version: str
    choices: dict[str, int | None]  # master item -> authored option, None for no answer


def expected_raw(key: AnswerKey, sheet: Sheet) -> int:
    return sum(choice == key.correct_option(item) for item, choice in sheet.choices.items())


def perfect(key: AnswerKey, code: str, participant: str = "P-001") -> Sheet:
    return Sheet(participant, f"Peserta {participant}", code, {i: key.correct_option(i) for i in key.forms[code]})


def random_sheets(key: AnswerKey, count: int, seed: int) -> list[Sheet]:
    """Participants spread over the versions, each answering right with a personal ability."""
    rng = random.Random(seed)
    sheets = []
    for n in range(count):
        code = key.codes[n % len(key.codes)]
        ability = rng.random()
        choices = {}
        for item in key.forms[code]:
            options = key.printed_options(item)
            roll = rng.random()
            choices[item] = (None if roll < 0.05 else key.correct_option(item) if roll < 0.05 + 0.9 * ability
                             else rng.choice(options))
        sheets.append(Sheet(f"P-{n + 1:03d}", f"Peserta {n + 1}", code, choices))
    return sheets


def option_text(key: AnswerKey, item: str, choice: int | None, none: str) -> str:
    return none if choice is None else plain_text(key.items[item].options[choice].text)


def template_rows(key: AnswerKey, sheets: list[Sheet]) -> list[list[str]]:
    rows = [["no_peserta", "nama", "paket", *(str(n) for n in range(1, key.length + 1))]]
    for s in sheets:
        letters = ["" if s.choices[q.item_id] is None else LETTERS[q.order.index(s.choices[q.item_id])]
                   for q in key.questions[s.version]]
        rows.append([s.participant, s.name, s.version, *letters])
    return rows


def moodle_rows(key: AnswerKey, sheets: list[Sheet], slots: list[str]) -> list[list[str]]:
    """Moodle's Responses download; `slots` is the quiz's item order in Moodle."""
    head = ["Surname", "First name", "Institution", "Department", "Email address", "State", "Started on",
            "Completed", "Time taken", "Grade/10.00"]
    rows = [head + [f"Response {n}" for n in range(1, len(slots) + 1)]]
    for s in sheets:
        raw = sum(s.choices[i] == key.correct_option(i) for i in slots)
        first, _, last = s.name.partition(" ")
        rows.append([last, first, "", "", f"{s.participant.lower()}@example.org", "Finished",
                     "23 November 2026  8:00 AM", "23 November 2026  8:30 AM", "30 mins", f"{10 * raw / len(slots):.2f}",
                     *(option_text(key, i, s.choices[i], "-") for i in slots)])
    return rows


def forms_rows(key: AnswerKey, sheets: list[Sheet], order: list[str]) -> list[list[str]]:
    rows = [["Timestamp", "Email Address", "NIP", "Nama", *(plain_text(key.items[i].stem) for i in order)]]
    for n, s in enumerate(sheets):
        rows.append([f"2026/11/23 8:{n % 60:02d}:00 AM GMT+7", f"{s.participant}@example.org", s.participant, s.name,
                     *(option_text(key, i, s.choices[i], "") for i in order)])
    return rows


def matrix_rows(key: AnswerKey, sheets: list[Sheet]) -> list[list[str]]:
    rows = [["no_peserta", "nama", *key.master]]
    for s in sheets:
        rows.append([s.participant, s.name, *("1" if s.choices.get(i) == key.correct_option(i) else "0"
                                              for i in key.master)])
    return rows


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    text = io.StringIO(newline="")
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_text(text.getvalue(), encoding="utf-8")
    return path


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path
