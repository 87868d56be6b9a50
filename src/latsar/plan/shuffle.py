"""Item order and option order of one version, each from stable hashes.

Printed options: the key plus the first `options - 1` distractors *in authored order*. Authors
list their strongest distractors first, and the subset is then the same in every version and
does not change when the bank grows; which of them prints under which letter is the shuffle's job.
"""

from __future__ import annotations

from collections.abc import Sequence

from latsar.model.schema import Blueprint, Item
from latsar.plan.cells import key_of
from latsar.plan.stable import stable_rank


def printed_subset(item: Item, options: int) -> list[int]:
    """Authored indices of the options that print, in authored order."""
    key = key_of(item)
    distractors = [index for index in range(len(item.options)) if index != key]
    return sorted([key, *distractors[: options - 1]])


def item_order(
    blueprint: Blueprint, code: str, item_ids: Sequence[str], attempt: int = 0
) -> list[str]:
    """The printed order of a version's items: sorted by a hash of (seed, quiz, version, item).

    Sorting by a per-item hash keeps the relative order of any two items whatever else is in the
    quiz. `attempt` > 0 re-draws the order (only when pinned items block balanced keys).
    """
    salt = ("order",) if attempt == 0 else ("order", attempt)
    return sorted(
        item_ids,
        key=lambda item_id: (
            stable_rank(blueprint.seed, blueprint.id, *salt, code, item_id),
            item_id,
        ),
    )


def choice_order(blueprint: Blueprint, code: str, item: Item, key_position: int) -> tuple[int, ...]:
    """Printed options of the item (authored indices) with its key at `key_position`.

    Pinned items keep authored order, so `key_position` must be where that puts the key.
    Otherwise the distractors go in hashed order and the key is inserted at its balanced place.
    """
    subset = printed_subset(item, blueprint.options)
    key = key_of(item)
    if item.pin_options:
        if subset.index(key) != key_position:
            raise ValueError(f"pinned item {item.id} cannot print its key at {key_position}")
        return tuple(subset)
    distractors = sorted(
        (index for index in subset if index != key),
        key=lambda index: stable_rank(blueprint.seed, blueprint.id, "option", code, item.id, index),
    )
    return tuple(distractors[:key_position] + [key] + distractors[key_position:])


def pinned_key_position(item: Item, options: int) -> int | None:
    """Where a pinned item's key prints (its place in the authored subset); None if not pinned."""
    if not item.pin_options:
        return None
    return printed_subset(item, options).index(key_of(item))
