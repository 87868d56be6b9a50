"""A synthetic item bank for the quiz-set tests, on the synthetic curriculum of tests/render.

Every option carries a unique token (`L3-2`: module letter, item number, authored index), so
a test can find an option in a PDF's text whatever its layout, and so recover the printed
option order and the letter printed before the key. The bank mixes short options (one row),
medium ones (two columns) and long ones (one per line, wrapping), 5 options per item, seed and
section backing, a stem with a list and a quotation, programme templates and markup characters.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from latsar.model.curriculum import Curriculum
from latsar.model.schema import Backing, Blueprint, Item, Option, Rule
from latsar.plan.quiz import plan_quiz
from latsar.plan.types import QuizPlan

from synthetic import make_curriculum as base_curriculum

MODULES = {"layanan": "L", "koordinasi": "K"}
ITEMS_PER_MODULE = 9
OPTIONS = 5
TOKEN = re.compile(r"\b([LK])(\d+)-(\d)\b")
MARKUP_OPTION = "<b> & </b>"


def token(module: str, number: int, index: int) -> str:
    return f"{MODULES[module]}{number}-{index}"


def option_text(module: str, number: int, index: int) -> str:
    word = token(module, number, index)
    kind = number % 3
    if kind == 0:  # item 3's key also carries characters that are markup elsewhere
        return word if not (number == 3 and index == number % OPTIONS) else f"{word} {MARKUP_OPTION}"
    if kind == 1:
        return f"jawaban sedang {word}"
    return (f"pernyataan panjang {word} yang menjelaskan prinsip pelayanan publik secara rinci, "
            f"lengkap, dan runtut bagi pegawai di {{{{ institution }}}}")


def stem_text(module: str, number: int) -> str:
    code = f"{MODULES[module]}{number}"
    if number == 4:  # a stimulus: a quotation and a list before the question
        return (f"Soal {code}: bacalah kutipan berikut.\n\n> Pelayanan yang baik lahir dari hati yang tulus.\n\n"
                f"- pertama, *keterbukaan*;\n- kedua, ketepatan waktu.\n\nManakah pernyataan yang paling tepat?")
    return f"Soal {code}: manakah pernyataan yang paling tepat tentang pelayanan di {{{{ institution }}}}?"


def make_item(module: str, number: int) -> Item:
    key = number % OPTIONS
    objective = f"{module}-{number % 3 + 1}"
    level = {1: "C2", 2: "C3", 3: "C4"}[number % 3 + 1]
    backing = (Backing(seed="seed-a", quote="nilai dan jiwa melayani masyarakat") if number % 2
               else Backing(section=f"{module}-koordinasi"))
    return Item(
        id=f"{module}-q{number:02d}", objective=objective, level=level, difficulty="sedang",
        stem=stem_text(module, number),
        options=[Option(text=option_text(module, number, k), correct=k == key,
                        reason=f"Alasan {token(module, number, k)}.") for k in range(OPTIONS)],
        explanation=f"Pembahasan {MODULES[module]}{number}: kunci sesuai materi.",
        backing=backing,
    )


def quiz_curriculum(root: Path) -> Curriculum:
    curriculum = base_curriculum(root)
    items = tuple(make_item(m, n) for m in MODULES for n in range(1, ITEMS_PER_MODULE + 1))
    return dataclasses.replace(curriculum, items=items)


def blueprint(**fields) -> Blueprint:
    values = {"id": "kuis-uji", "title": "Kuis Uji Pelayanan", "minutes": 25, "seed": 11, "versions": 3,
              "options": 4, "rules": [Rule(module="layanan", count=6), Rule(module="koordinasi", count=6)]}
    values.update(fields)
    return Blueprint(**values)


def make_plan(curriculum: Curriculum, **fields) -> QuizPlan:
    return plan_quiz(curriculum, blueprint(**fields))
