"""Moodle's quiz "Responses" report, downloaded as CSV or XLSX.

Moodle writes (mod/quiz/report/attemptsreport.php, responses/last_responses_table.php): Surname
(newer versions: Last name), First name, any identity fields the site shows (ID number,
Username, …), Institution, Department, Email address, State, Started on, Completed, Time taken
(newer: Duration), Grade/<max>, then per question slot N, as the report options chose,
"Question N" (question summary), "Response N" (the chosen option's text, "-" for none) and
"Right answer N". Moodle may shuffle what each student sees, but slot N is the same question
for everyone, so each slot is matched to a master item once, from the texts answered in it.
"""

from __future__ import annotations

import re
from collections import Counter

from latsar.messages import t
from latsar.score.key import AnswerKey, fold
from latsar.score.readers.common import (
    NO_ANSWER, Answered, Parsed, RowProblem, cell, each_row, find_column, header_key,
)
from latsar.score.stats import OMIT
from latsar.score.table import Row, Table, fail

RESPONSE = re.compile(r"^response (\d+)$")
QUESTION = re.compile(r"^question (\d+)$")
# Identity columns in the order they identify a person best.
ID_COLUMNS: tuple[str, ...] = ("id number", "email address", "username", "email")
FINISHED: frozenset[str] = frozenset({"finished", "selesai"})


def numbered(table: Table, pattern: re.Pattern) -> dict[int, int]:
    """Slot number -> 0-based column, for headers such as "Response 3"."""
    found = {}
    for column, name in enumerate(table.header):
        match = pattern.match(header_key(name))
        if match:
            found[int(match.group(1))] = column
    return found


def read(table: Table, key: AnswerKey) -> Parsed:
    responses = numbered(table, RESPONSE)
    slots = _slot_items(table, key, responses)
    id_column = find_column(table, ID_COLUMNS)
    surname = find_column(table, ("surname", "last name"))
    first = find_column(table, ("first name",))
    if id_column is None and surname is None:
        raise fail(table.at(1, 1), t("missing identity columns: no 'Email address', 'ID number', 'Username' or "
                                     "'Surname'"),
                   t("download the report again with the user's name and email address"))
    state = find_column(table, ("state", "status"))
    parsed = Parsed("moodle")

    def read_row(row: Row, participant: str) -> Answered:
        status = cell(row, state)
        if state is not None and header_key(status) not in FINISHED:
            raise RowProblem("reject_unfinished", state=status)
        name = " ".join(part for part in (cell(row, first), cell(row, surname)) if part)
        # Without an email or id column, the full name is the best identity there is.
        who = participant if id_column is not None else name
        return _answered(key, table.display, row, who, name, slots, responses)

    each_row(table, parsed, id_column if id_column is not None else surname, read_row)
    return parsed


def _answered(key: AnswerKey, source: str, row: Row, participant: str, name: str,
              slots: dict[int, str], responses: dict[int, int]) -> Answered:
    correct, choices = {}, {}
    for slot, item_id in slots.items():
        text = cell(row, responses[slot])
        if text in NO_ANSWER:
            choices[item_id] = OMIT
        else:
            places = [index for item, index in key.option_texts.get(fold(text), ()) if item == item_id]
            if not places:
                raise RowProblem("reject_not_a_response", slot=slot, answer=_short(text), item=item_id)
            choices[item_id] = places[0]
        correct[item_id] = choices[item_id] == key.correct_option(item_id)
    return Answered(source, row.number, participant, name, "", correct, choices)


def _slot_items(table: Table, key: AnswerKey, responses: dict[int, int]) -> dict[int, str]:
    """The master item of each slot: the item whose options the slot's answers are."""
    lengths = sorted({len(form) for form in key.forms.values()})
    if len(responses) not in lengths:
        raise fail(table.at(1, 1), t("the report has {count} 'Response N' columns, quiz '{quiz}' has {length} "
                                     "questions", count=len(responses), quiz=key.blueprint.id, length=lengths[-1]),
                   t("download the Responses report of this quiz, with all its questions"))
    votes = {slot: _votes(table, key, column) for slot, column in responses.items()}
    stems = _stem_hints(table, key)
    taken: dict[str, int] = {}
    chosen: dict[int, str] = {}
    for slot in sorted(responses, key=lambda s: -max(votes[s].values(), default=0)):
        ranked = [item for item, _ in votes[slot].most_common() if item not in taken]
        pick = stems.get(slot) if stems.get(slot) not in (None, *taken) else (ranked[0] if ranked else None)
        if pick is not None:
            chosen[slot], taken[pick] = pick, slot
    return _fill_unanswered(table, key, chosen, taken, responses)


def _votes(table: Table, key: AnswerKey, column: int) -> Counter:
    votes: Counter = Counter()
    for row in table.rows:
        text = cell(row, column)
        if text not in NO_ANSWER:
            votes.update({item for item, _ in key.option_texts.get(fold(text), ())})
    return votes


def _stem_hints(table: Table, key: AnswerKey) -> dict[int, str]:
    """Slot -> item from the optional "Question N" columns (Moodle's question summary)."""
    hints = {}
    for slot, column in numbered(table, QUESTION).items():
        texts = {fold(cell(row, column)) for row in table.rows if cell(row, column)}
        for text in texts:
            item = next((i for stem, i in key.stems.items() if text.startswith(stem) or stem.startswith(text)), None)
            if item:
                hints[slot] = item
                break
    return hints


def _fill_unanswered(table: Table, key: AnswerKey, chosen: dict[int, str], taken: dict[str, int],
                     responses: dict[int, int]) -> dict[int, str]:
    # A slot nobody answered cannot be matched by its texts; it can still be placed when exactly
    # one item is left, or by master order among what is left.
    left = [item for item in key.master if item not in taken]
    empty = sorted(slot for slot in responses if slot not in chosen)
    if len(empty) > 1 and len(left) != len(empty):
        raise fail(table.at(1, responses[empty[0]] + 1), t("cannot tell which item the unanswered slots {slots} "
                                                           "are", slots=", ".join(map(str, empty))),
                   t("include the 'Question N' columns in the download"))
    for slot, item in zip(empty, left):
        chosen[slot] = item
    return dict(sorted(chosen.items()))


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
