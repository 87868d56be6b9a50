"""What the planner decides about a quiz, and all that its writers read.

Every writer (booklet, answer sheet, key, pembahasan, kisi-kisi, LMS exports, scoring) takes a
`QuizPlan` plus the `Curriculum` for the items' words, and makes no decision of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from latsar.model.schema import Blueprint

# Printed option letters, A first; a blueprint prints at most five options.
LETTERS = "ABCDEFGHIJ"


@dataclass(frozen=True)
class PlannedItem:
    item_id: str
    # Indices into the item's authored `options`, in printed order (A, B, …); its length is the
    # blueprint's options per item, so distractors beyond that are left out.
    choice_order: tuple[int, ...]
    # 0-based printed position of the correct option within `choice_order`.
    key_index: int

    @property
    def key_letter(self) -> str:
        return LETTERS[self.key_index]


@dataclass(frozen=True)
class Version:
    code: str  # "A", "B", …, "Z", "AA", …
    items: tuple[PlannedItem, ...]  # in printed order: items[0] is question 1


@dataclass(frozen=True)
class QuizPlan:
    blueprint: Blueprint
    # The master form: selected item ids in blueprint-rule order (what the kisi-kisi lists).
    master: tuple[str, ...]
    versions: tuple[Version, ...]
    # Human-readable notes the build prints, e.g. where parallel forms had to reuse items.
    notes: tuple[str, ...] = ()

    def printed_options(self, item_id: str) -> tuple[int, ...]:
        """Authored indices of the options an item prints, in authored order: the same subset in
        every version (only the order differs), so the first version holding the item tells."""
        for version in self.versions:
            for planned in version.items:
                if planned.item_id == item_id:
                    return tuple(sorted(planned.choice_order))
        raise ValueError(f"quiz '{self.blueprint.id}': item '{item_id}' is in the master but in no version")
