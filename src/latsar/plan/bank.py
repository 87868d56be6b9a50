"""Lookups over a curriculum's item bank that every cell of every quiz asks for: built once per
curriculum and shared by the quizzes planned or checked together, so checking a bank twice the
size costs about twice as much (not four times: every rule scanning every item, every quiz
re-deriving the enemies and what the handouts print)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from latsar.model.curriculum import Curriculum
from latsar.model.schema import Item, Rule
from latsar.plan.cells import enemies_of, handout_module

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, eq=False)
class Bank:
    curriculum: Curriculum

    @cached_property
    def enemies(self) -> dict[str, frozenset[str]]:
        return enemies_of(self.curriculum)

    @cached_property
    def order(self) -> dict[str, int]:
        return {item.id: position for position, item in enumerate(self.curriculum.items)}

    @cached_property
    def by_objective(self) -> dict[str, tuple[Item, ...]]:
        return _grouped(self.curriculum.items, lambda item: item.objective)

    @cached_property
    def by_module(self) -> dict[str | None, tuple[Item, ...]]:
        module_of = self.curriculum.module_of_objective
        return _grouped(self.curriculum.items, lambda item: getattr(module_of.get(item.objective), "id", None))

    def candidates(self, rule: Rule) -> tuple[Item, ...]:
        """The items that may fit the rule (its module's, or its objective's), in bank order;
        `cells.fits` still decides."""
        if rule.objective is not None:
            return self.by_objective.get(rule.objective, ())
        if rule.module is not None:
            return self.by_module.get(rule.module, ())
        return self.curriculum.items

    @cached_property
    def printed_with_key(self) -> frozenset[str]:
        """Items a handout prints with their key in its evaluasi (other quizzes may not draw them)."""
        # select needs the bank; the handouts' own quizzes draw freely, so this never recurses.
        from latsar.plan.select import select_cells

        return frozenset(item.id for blueprint in self.curriculum.blueprints
                         if handout_module(self.curriculum, blueprint) is not None
                         for cell in select_cells(self.curriculum, blueprint, self)[0] for item in cell)


def _grouped(items: tuple[Item, ...], key: Callable[[Item], K]) -> dict[K, tuple[Item, ...]]:
    groups: dict[K, list[Item]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return {name: tuple(members) for name, members in groups.items()}
