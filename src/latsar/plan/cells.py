"""Blueprint rules as cells of the kisi-kisi: what a cell asks for and which items may fill it."""

from __future__ import annotations

from dataclasses import dataclass

from latsar.messages import N_, t
from latsar.model.curriculum import Curriculum
from latsar.model.schema import Blueprint, Item, Rule


@dataclass(frozen=True)
class Shortfall:
    """A cell the bank cannot fill; `latsar check` points at the blueprint's `rules[rule_index]`."""

    rule_index: int  # 0-based index into `blueprint.rules`
    cell: str  # e.g. "module=wog, levels=C3"
    asked: int
    available: int
    matching: int  # items that match the cell's filters, usable or not
    reasons: tuple[str, ...] = ()  # why matching items are not available, e.g. "2 flagged …"

    def message(self) -> str:
        text = t("rule {n} ({cell}) asks for {asked} items, {available} available", n=self.rule_index + 1,
                 cell=self.cell, asked=self.asked, available=self.available)
        if self.reasons:
            text += t(" (of {matching} matching: {reasons})", matching=self.matching, reasons=", ".join(self.reasons))
        return text


def describe_cell(rule: Rule) -> str:
    """A readable name for the cell, e.g. "module=wog, levels=C2,C3"."""
    parts = []
    if rule.module:
        parts.append(f"module={rule.module}")
    if rule.objective:
        parts.append(f"objective={rule.objective}")
    if rule.levels:
        parts.append(f"levels={','.join(rule.levels)}")
    return ", ".join(parts) or t("any item")


def fits(curriculum: Curriculum, rule: Rule, item: Item) -> bool:
    """Whether the item passes the rule's module, objective and level filters."""
    module = curriculum.module_of_objective.get(item.objective)
    if rule.module is not None and (module is None or module.id != rule.module):
        return False
    if rule.objective is not None and item.objective != rule.objective:
        return False
    return not rule.levels or item.level in rule.levels


def key_of(item: Item) -> int | None:
    """Authored index of the correct option, or None unless exactly one option is correct."""
    keys = [index for index, option in enumerate(item.options) if option.correct]
    return keys[0] if len(keys) == 1 else None


def handout_module(curriculum: Curriculum, blueprint: Blueprint) -> str | None:
    """The module whose handout prints this quiz with its key (`evaluasi-<module>`), or None."""
    module = blueprint.id.removeprefix("evaluasi-")
    return module if module != blueprint.id and module in curriculum.module_by_id else None


def enemies_of(curriculum: Curriculum) -> dict[str, frozenset[str]]:
    """Each item's declared enemies, both ways: an item names its enemy, or is named by it."""
    found: dict[str, set[str]] = {item.id: set() for item in curriculum.items}
    for item in curriculum.items:
        for enemy in item.enemies:
            if enemy in found and enemy != item.id:
                found[item.id].add(enemy)
                found[enemy].add(item.id)
    return {item_id: frozenset(enemies) for item_id, enemies in found.items()}


EXPOSED = N_("printed with key in a handout's evaluasi")


def disqualification(
    curriculum: Curriculum, blueprint: Blueprint, item: Item, exposed: frozenset[str] = frozenset()
) -> str | None:
    """Why the item may not appear in this quiz at all (a phrase to count), or None if it may."""
    if key_of(item) is None:
        return t("without exactly one correct option")
    if len(item.options) < blueprint.options:
        return t("with fewer than {count} options", count=blueprint.options)
    if item.id in blueprint.exclude:
        return t("excluded by the blueprint")
    if blueprint.exclude_flagged and item.id in curriculum.dropped_items:
        return t("flagged for dropping by item analysis")
    if item.id in exposed:
        return t(EXPOSED)
    return None
