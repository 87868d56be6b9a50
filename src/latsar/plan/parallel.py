"""Parallel forms: every version gets its own items, cell by cell, with version A's mix.

Version A is the master selection. Each later version fills one slot per item of A, and a slot
takes only an item of the same cell, objective and level as A's item, so the objective and
level mix is always identical. Within that, a version is a bipartite matching built in phases:

1. items no earlier version used, of the same difficulty;
2. unused items of another difficulty, while the mean expected difficulty stays within
   EQUIVALENCE_TOLERANCE of A's;
3. items earlier versions used, least-used first (each such reuse goes into the notes).

Augmenting paths never drop a matched item, so phase 1 keeps the largest possible number of
unused same-difficulty items. If the re-routing of phase 3 pushes the mean difficulty out of
tolerance, the version is rebuilt from phase 1 and 3 only (all same difficulty, equal mean).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from fractions import Fraction

from latsar.messages import t
from latsar.model.curriculum import Curriculum
from latsar.model.schema import Blueprint, Item
from latsar.plan.bank import Bank
from latsar.plan.cells import describe_cell, disqualification, fits
from latsar.plan.matching import extend
from latsar.plan.select import exposed_items, selection_rank
from latsar.plan.stable import version_code
from latsar.plan.verify import EQUIVALENCE_TOLERANCE, expected_p

Form = list[tuple[int, str]]  # (cell index, item id) per item of one version


@dataclass(frozen=True)
class _Slot:
    cell: int
    model: Item  # version A's item this slot mirrors
    exact: tuple[Item, ...]  # same objective, level and difficulty, in selection rank order
    near: tuple[Item, ...]  # same objective and level, another difficulty


def parallel_forms(
    curriculum: Curriculum, blueprint: Blueprint, cells: list[list[Item]]
) -> tuple[list[Form], tuple[str, ...]]:
    """Each version's (cell, item) pairs, version A first, and notes on reused items."""
    slots = _slots(curriculum, blueprint, cells)
    forms: list[Form] = [[(slot.cell, slot.model.id) for slot in slots]]
    usage = Counter(slot.model.id for slot in slots)
    notes: list[str] = []
    for index in range(1, blueprint.versions):
        form = _match_version(slots, usage)
        reused = [(cell, item_id) for cell, item_id in form if usage[item_id]]
        if reused:
            notes.append(_reuse_note(blueprint, version_code(index), reused))
        usage.update(item_id for _, item_id in form)
        forms.append(form)
    return forms, tuple(notes)


def _pool(curriculum: Curriculum, blueprint: Blueprint, cells: list[list[Item]]) -> frozenset[str]:
    """The items any version may use: none an enemy of another. Version A's items come first,
    then the others by selection rank, each kept only if no kept item is its enemy."""
    bank = Bank(curriculum)
    exposed, enemies = exposed_items(curriculum, blueprint, bank), bank.enemies
    kept = {item.id for cell in cells for item in cell}
    others = sorted(
        (i for i in curriculum.items if disqualification(curriculum, blueprint, i, exposed) is None),
        key=lambda item: selection_rank(blueprint, item),
    )
    for item in others:
        if item.id not in kept and not enemies[item.id] & kept:
            kept.add(item.id)
    return frozenset(kept)


def _slots(curriculum: Curriculum, blueprint: Blueprint, cells: list[list[Item]]) -> list[_Slot]:
    slots = []
    pool = _pool(curriculum, blueprint, cells)
    for index, (rule, picks) in enumerate(zip(blueprint.rules, cells)):
        eligible = sorted(
            (item for item in curriculum.items if item.id in pool and fits(curriculum, rule, item)),
            key=lambda item: selection_rank(blueprint, item),
        )
        for model in picks:
            alike = [
                i for i in eligible if (i.objective, i.level) == (model.objective, model.level)
            ]
            exact = tuple(i for i in alike if i.difficulty == model.difficulty)
            near = tuple(i for i in alike if i.difficulty != model.difficulty)
            slots.append(_Slot(index, model, exact, near))
    return slots


def _match_version(slots: list[_Slot], usage: Counter[str]) -> Form:
    every = range(len(slots))
    fresh_exact = [[i.id for i in s.exact if not usage[i.id]] for s in slots]
    fresh_near = [[i.id for i in s.near if not usage[i.id]] for s in slots]
    # Least-used first spreads reuse over the bank; sorted() is stable, so rank order breaks ties.
    reused = [sorted((i.id for i in s.exact if usage[i.id]), key=lambda i: usage[i]) for s in slots]
    first = extend(every, lambda s: fresh_exact[s], {})
    within = _difficulty_budget(slots)
    second = extend(every, lambda s: fresh_exact[s] + fresh_near[s], first, accept=within)
    # Near items are offered in phase 2 only: here they would bypass its difficulty budget.
    match = extend(every, lambda s: fresh_exact[s] + reused[s], second)
    if not within(match):
        match = extend(every, lambda s: fresh_exact[s] + reused[s], first)
    # Version A's own items always complete the matching, so every slot is filled.
    assert len(match) == len(slots), "parallel form left a slot empty"
    return [(slots[s].cell, str(match[s])) for s in every]


def _difficulty_budget(slots: list[_Slot]) -> Callable[[dict[int, Hashable]], bool]:
    """Whether a (partial) matching keeps the summed expected difficulty within tolerance."""
    p = {i.id: expected_p(i) for s in slots for i in (*s.exact, *s.near)}
    allowed = EQUIVALENCE_TOLERANCE * len(slots)

    def within(match: dict[int, Hashable]) -> bool:
        drift = sum(
            (p[item] - expected_p(slots[s].model) for s, item in match.items()), Fraction(0)
        )
        return abs(drift) <= allowed

    return within


def _reuse_note(blueprint: Blueprint, code: str, reused: list[tuple[int, str]]) -> str:
    by_cell = [
        t("rule {n} ({cell}): {items}", n=cell + 1, cell=describe_cell(blueprint.rules[cell]),
          items=", ".join(sorted(item_id for c, item_id in reused if c == cell)))
        for cell in sorted({cell for cell, _ in reused})
    ]
    return t("paket {code} reuses {count} item(s) of earlier versions, for want of distinct items with the "
             "same objective and level: {cells}", code=code, count=len(reused), cells="; ".join(by_cell))


def master_of(curriculum: Curriculum, forms: list[Form]) -> tuple[str, ...]:
    """Every item any version uses, cell by cell, each cell in bank order (the kisi-kisi list)."""
    bank_order = {item.id: position for position, item in enumerate(curriculum.items)}
    cells = sorted({cell for form in forms for cell, _ in form})
    master: dict[str, None] = {}  # insertion-ordered set: an item keeps its first cell
    for cell in cells:
        ids = {item_id for form in forms for c, item_id in form if c == cell}
        master.update(dict.fromkeys(sorted(ids, key=bank_order.__getitem__)))
    return tuple(master)
