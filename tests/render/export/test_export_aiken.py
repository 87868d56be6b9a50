"""Aiken read back and compared with the bank; what Aiken cannot carry is refused, item by item."""

from __future__ import annotations

import dataclasses
import re

import pytest

import exportbank
from latsar.model.schema import Option
from latsar.plan.types import PlannedItem, QuizPlan, Version
from latsar.render.export import ExportRefused, export_one
from latsar.text.markdown import plain_text

OPTION = re.compile(r"^([A-Z])\. (.*)$")


def parse_aiken(text: str) -> list[tuple[str, list[str], str]]:
    """(stem, options, key letter) per question, read the way Moodle's Aiken reader reads."""
    questions = []
    for block in text.strip("\n").split("\n\n"):
        stem, *lines, answer = block.split("\n")
        matches = [OPTION.match(line) for line in lines]
        assert all(matches), block
        assert [m.group(1) for m in matches] == [chr(ord("A") + n) for n in range(len(lines))]
        assert answer.startswith("ANSWER: ") and len(answer) == len("ANSWER: X")
        questions.append((stem, [m.group(2) for m in matches], answer[-1]))
    return questions


def test_stems_options_and_key_match_the_bank(main_export, bank, main_plan):
    questions = parse_aiken(main_export.files["aiken.txt"].decode("utf-8"))
    assert len(questions) == len(main_plan.master)
    for item_id, (stem, options, key) in zip(main_plan.master, questions):
        printed = exportbank.printed(bank, main_plan, item_id)
        assert stem == plain_text(bank.item_by_id[item_id].stem)
        assert options == [plain_text(o.text) for o in printed]
        assert printed["ABCDE".index(key)].correct


def test_special_item_keeps_every_character(main_export):
    stem, options, key = parse_aiken(main_export.files["aiken.txt"].decode("utf-8"))[0]
    assert stem == ('Manakah yang benar tentang tanda <b> & "kutip" \'tunggal\' ~ = # {} : '
                    'C:\\data\\ “dan” é — berikut ini?')
    assert options[0] == "Café — “kutip” ‘tunggal’ é <i>" and key == "A"


def test_warns_what_is_dropped(main_export):
    assert ("aiken.txt: Aiken carries one key and no feedback: the option reasons and the pembahasan "
            "of all 4 items are left out, and bold, italic and code become plain text") in main_export.warnings


def test_refuses_what_it_cannot_carry_naming_every_item(bank, rich_plan):
    with pytest.raises(ExportRefused) as caught:
        export_one(bank, rich_plan, "aiken")
    assert caught.value.exit_code == 2
    hint = "; reword the item for Aiken, or import moodle.xml or gift.txt, which carry it"
    assert caught.value.message.splitlines() == [
        "aiken.txt: item 'layanan-1b': its stem starts like an option line ('A. …'), which Aiken would "
        "read as an option" + hint,
        "aiken.txt: item 'layanan-1b': option B starts with 'ANSWER:', which Aiken reads as the key line" + hint,
        "aiken.txt: item 'layanan-1b': option C has more than one line; an Aiken option is one line" + hint,
        "aiken.txt: item 'rich-1': its stem has more than one line (paragraphs, a list or line breaks); "
        "Aiken's question is one line" + hint,
    ]


def test_refuses_more_options_than_aiken_has_letters(tmp_path):
    bank = exportbank.curriculum(tmp_path)
    # Past the model's 3–5 options on purpose: only the format's own limit is under test.
    options = [Option(text=f"o{n}", correct=n == 0, reason="r") for n in range(27)]
    item = bank.item_by_id["etika-1a"].model_copy(update={"id": "wide", "options": options})  # unvalidated
    bank = dataclasses.replace(bank, items=(item,))
    version = Version("A", (PlannedItem("wide", tuple(range(27)), 0),))
    plan = QuizPlan(exportbank.blueprint("lebar", "Lebar"), ("wide",), (version,))
    with pytest.raises(ExportRefused, match="item 'wide': it prints 27 options; Aiken has letters for 26"):
        export_one(bank, plan, "aiken")
