"""What the scorer knows about a planned quiz, all of it read from the planner's versions document.

The planner's `versions_document` says, per version, which master item sits at each printed
question and in which order its options print; its `score_version` marks a version's answers.
This module adds the lookups the answer readers need: printed letter → authored option, and
(for LMS exports that give the chosen option's *text*) text → master item and option.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Mapping

from latsar.model.curriculum import Curriculum
from latsar.model.schema import Blueprint, Item
from latsar.plan.cells import key_of
from latsar.plan.quiz import versions_document
from latsar.plan.types import QuizPlan
from latsar.text.markdown import plain_text

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "\u00a0": " "})


def fold(text: str) -> str:
    """Text compared loosely: Unicode-normalised, typographic quotes and case folded, emphasis
    marks dropped (LMS exports write **bold** or BOLD), whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    text = re.sub(r"[*_`]", "", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Question:
    """One printed question of a version."""

    number: int  # 1-based printed position
    item_id: str
    order: tuple[int, ...]  # authored option index under each printed letter
    key: str  # printed key letter


@dataclass(frozen=True)
class AnswerKey:
    blueprint: Blueprint
    document: Mapping[str, Any]  # the planner's versions document, for `score_version`
    master: tuple[str, ...]
    questions: Mapping[str, tuple[Question, ...]]  # version code -> printed questions
    forms: Mapping[str, tuple[str, ...]]  # version code -> its items in master order
    items: Mapping[str, Item]  # master item id -> the item

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.questions)

    @property
    def length(self) -> int:
        """Questions per version (the same for every version)."""
        return max(len(q) for q in self.questions.values())

    def correct_option(self, item_id: str) -> int:
        return key_of(self.items[item_id])

    @cached_property
    def option_texts(self) -> Mapping[str, tuple[tuple[str, int], ...]]:
        """Folded option text -> every (master item, authored option) printing that text."""
        found: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for item_id in self.master:
            for index in self.printed_options(item_id):
                found[fold(plain_text(self.items[item_id].options[index].text))].append((item_id, index))
        return {text: tuple(places) for text, places in found.items()}

    @cached_property
    def stems(self) -> Mapping[str, str]:
        """Folded stem text -> master item id."""
        return {fold(plain_text(self.items[item_id].stem)): item_id for item_id in self.master}

    def printed_options(self, item_id: str) -> tuple[int, ...]:
        """Authored indices of the options that print (the same subset in every version)."""
        for questions in self.questions.values():
            for question in questions:
                if question.item_id == item_id:
                    return tuple(sorted(question.order))
        raise KeyError(item_id)


def answer_key(curriculum: Curriculum, plan: QuizPlan) -> AnswerKey:
    document = versions_document(plan)
    questions = {
        entry["code"]: tuple(
            Question(q["position"], q["item"], tuple(q["order"]), q["key"]) for q in entry["items"]
        )
        for entry in document["versions"]
    }
    forms = {entry["code"]: tuple(entry["form"]) for entry in document["versions"]}
    items = {item_id: curriculum.item_by_id[item_id] for item_id in plan.master}
    return AnswerKey(plan.blueprint, document, tuple(plan.master), questions, forms, items)
