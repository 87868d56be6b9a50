"""Bipartite matching of slots to items by augmenting paths (Kuhn's method, breadth first).

Used by the parallel-forms selector and, independently of it, by `verify_plan` to prove that a
version's items can fill the blueprint's cells. Augmenting never unmatches a slot or an item,
which the parallel selector relies on: items matched in an early, preferred phase stay in.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Sequence

Edges = Callable[[int], Sequence[Hashable]]


def augment(
    root: int, edges: Edges, match: dict[int, Hashable], owner: dict[Hashable, int]
) -> bool:
    """Match the unmatched slot `root`, re-routing other slots if needed; False if impossible.

    Breadth first and iterative (no recursion limit on large quizzes). The root's own edges are
    tried first and in order, so it gets its most preferred free item when it has one.
    """
    parent: dict[Hashable, int] = {}
    queued = {root}
    queue = deque([root])
    while queue:
        slot = queue.popleft()
        for item in edges(slot):
            if item in parent:
                continue
            parent[item] = slot
            holder = owner.get(item)
            if holder is None:
                _flip(item, parent, match, owner)
                return True
            if holder not in queued:
                queued.add(holder)
                queue.append(holder)
    return False


def _flip(item: Hashable | None, parent: dict, match: dict, owner: dict) -> None:
    # Walk the alternating path back to the root, moving each slot to the item found for it.
    while item is not None:
        slot = parent[item]
        previous = match.get(slot)
        match[slot] = item
        owner[item] = slot
        item = previous


def extend(
    slots: Iterable[int],
    edges: Edges,
    match: dict[int, Hashable],
    accept: Callable[[dict[int, Hashable]], bool] | None = None,
) -> dict[int, Hashable]:
    """A copy of `match` grown by one augmenting path per unmatched slot, in slot order.

    With `accept`, an augmentation whose result `accept` rejects is undone (a budget check).
    """
    match = dict(match)
    owner = {item: slot for slot, item in match.items()}
    for root in slots:
        if root in match:
            continue
        before = (dict(match), dict(owner)) if accept is not None else None
        if augment(root, edges, match, owner) and before is not None and not accept(match):
            match, owner = before
    return match
