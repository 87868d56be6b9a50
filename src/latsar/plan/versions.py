"""One version (paket) of a quiz: its items' printed order, option orders and key letters."""

from __future__ import annotations

from collections.abc import Sequence

from latsar.errors import LatsarError
from latsar.messages import t
from latsar.model.curriculum import Curriculum
from latsar.model.schema import Blueprint
from latsar.plan.balance import assign_letters, key_quotas
from latsar.plan.shuffle import choice_order, item_order, pinned_key_position
from latsar.plan.stable import stable_rank
from latsar.plan.types import PlannedItem, Version

# Re-drawn item orders to try when pinned items leave the hashed order no balanced keys. Rare:
# in stress runs only versions with most items pinned (to few letters) needed a second order.
MAX_ATTEMPTS = 16


def build_version(
    curriculum: Curriculum, blueprint: Blueprint, code: str, item_ids: Sequence[str]
) -> tuple[Version, tuple[str, ...]]:
    """The version and notes for the build (a re-drawn item order is worth telling)."""
    for attempt in range(MAX_ATTEMPTS):
        order = item_order(blueprint, code, item_ids, attempt)
        letters = _key_letters(curriculum, blueprint, code, order)
        if letters is None:
            continue
        items = tuple(
            PlannedItem(
                item_id,
                choice_order(blueprint, code, curriculum.item_by_id[item_id], letter),
                letter,
            )
            for item_id, letter in zip(order, letters)
        )
        if attempt == 0:
            return Version(code, items), ()
        return Version(code, items), (
            t("paket {code}: item order re-drawn (attempt {attempt}) because its pinned items left the first "
              "order no balanced key letters without runs longer than 3", code=code, attempt=attempt + 1),
        )
    pinned = sorted(i for i in item_ids if curriculum.item_by_id[i].pin_options)
    raise LatsarError(
        t("quiz '{quiz}', paket {code}: the pinned items {items} leave no order with balanced key letters "
          "and no run of more than 3; unpin some of them", quiz=blueprint.id, code=code, items=", ".join(pinned))
    )


def _key_letters(
    curriculum: Curriculum, blueprint: Blueprint, code: str, order: list[str]
) -> list[int] | None:
    fixed = [pinned_key_position(curriculum.item_by_id[i], blueprint.options) for i in order]
    quotas = key_quotas(
        fixed,
        blueprint.options,
        lambda x: stable_rank(blueprint.seed, blueprint.id, "quota", code, x),
    )
    return assign_letters(
        fixed,
        quotas,
        lambda position, x: stable_rank(
            blueprint.seed, blueprint.id, "key", code, order[position], x
        ),
    )
