"""Selection of the master form: blueprint cells taken in order, each by a stable ranking.

Within a cell, candidates are ranked by sha256(seed, quiz, item id) and the top `count` taken
(in parallel mode, passing over kinds of item the bank has too few of for every version).
A new item in the bank therefore enters a cell only by outranking its last pick, and each cell
changes by at most one swap (see `tests/plan/test_plan_stability.py` for the exact guarantee).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from latsar.messages import t
from latsar.model.curriculum import Curriculum
from latsar.model.schema import Blueprint, Item, Rule
from latsar.plan.bank import Bank
from latsar.plan.cells import Shortfall, describe_cell, disqualification, fits, handout_module
from latsar.plan.stable import stable_rank


def selection_rank(blueprint: Blueprint, item: Item) -> tuple[int, str]:
    # The id breaks the (astronomically unlikely) tie of two equal 64-bit ranks.
    return stable_rank(blueprint.seed, blueprint.id, "select", item.id), item.id


def exposed_items(curriculum: Curriculum, blueprint: Blueprint, bank: Bank | None = None) -> frozenset[str]:
    """Items this quiz may not draw: those a handout prints with their key in its evaluasi.

    A handout's own quiz is the one that prints them, so it draws freely.
    """
    if handout_module(curriculum, blueprint) is not None:
        return frozenset()
    return (Bank(curriculum) if bank is None else bank).printed_with_key


def select_cells(
    curriculum: Curriculum, blueprint: Blueprint, bank: Bank | None = None
) -> tuple[list[list[Item]], list[Shortfall]]:
    """The items of each cell (in bank order) and the cells that could not be filled.

    A short cell takes all it can and the later cells still run, so every shortfall is reported
    at once, each counted as the blueprint's order of cells sees it. Quizzes selected together
    share one `bank` of lookups (`Bank(curriculum)`).
    """
    # Parallel forms copy version A's objective and level mix, so A should not take more of a
    # kind than the bank can give every version; shuffle mode has one form (spread 1).
    spread = blueprint.versions if blueprint.mode == "parallel" else 1
    bank = Bank(curriculum) if bank is None else bank
    exposed = exposed_items(curriculum, blueprint, bank)
    enemies = bank.enemies
    taken: set[str] = set()
    cells: list[list[Item]] = []
    short: list[Shortfall] = []
    for index, rule in enumerate(blueprint.rules):
        matching = [item for item in bank.candidates(rule) if fits(curriculum, rule, item)]
        usable = [
            item
            for item in matching
            if item.id not in taken
            and not enemies[item.id] & taken
            and disqualification(curriculum, blueprint, item, exposed) is None
        ]
        picks = _pick(usable, rule.count, spread, lambda item: selection_rank(blueprint, item),
                      lambda item, chosen: bool(enemies[item.id] & chosen))
        if len(picks) < rule.count:
            why = _Why(exposed, enemies, frozenset(taken), frozenset(item.id for item in picks))
            short.append(_shortfall(curriculum, blueprint, index, rule, matching, why, len(picks)))
        taken.update(item.id for item in picks)
        cells.append(sorted(picks, key=lambda item: bank.order[item.id]))
    return cells, short


def _pick(usable: list[Item], count: int, spread: int, rank: Callable[[Item], tuple],
          clashes: Callable[[Item, set[str]], bool]) -> list[Item]:
    """The `count` best-ranked items, none an enemy of another, passing over an (objective,
    level) kind once `spread` versions could no longer each have one more of it, while other
    kinds remain."""
    ranked = sorted(usable, key=rank)
    if spread == 1:  # one form: no kind is ever passed over
        picks: list[Item] = []
        for item in ranked:
            if len(picks) < count and not clashes(item, {p.id for p in picks}):
                picks.append(item)
        return picks
    supply = Counter((item.objective, item.level) for item in ranked)
    chosen: Counter[tuple[str, str]] = Counter()

    def roomy(item: Item) -> bool:  # every version can still have one more of its kind
        return (
            spread * (chosen[item.objective, item.level] + 1) <= supply[item.objective, item.level]
        )

    picks = []
    while len(picks) < count:
        ranked = [item for item in ranked if not clashes(item, {p.id for p in picks})]
        if not ranked:
            break
        best = next((item for item in ranked if roomy(item)), ranked[0])
        ranked.remove(best)
        chosen[best.objective, best.level] += 1
        picks.append(best)
    return picks


@dataclass(frozen=True)
class _Why:
    """What keeps usable items out of a cell besides the item itself."""

    exposed: frozenset[str]
    enemies: dict[str, frozenset[str]]
    taken: frozenset[str]  # by earlier rules
    picked: frozenset[str]  # by this rule


def _shortfall(
    curriculum: Curriculum,
    blueprint: Blueprint,
    index: int,
    rule: Rule,
    matching: list[Item],
    why: _Why,
    available: int,
) -> Shortfall:
    reasons: Counter[str] = Counter()
    for item in matching:
        reason = disqualification(curriculum, blueprint, item, why.exposed)
        if reason is None and item.id in why.taken:
            reason = t("taken by earlier rules")
        if reason is None and item.id not in why.picked and why.enemies[item.id] & (why.taken | why.picked):
            reason = t("enemies of items already drawn")
        if reason is not None:
            reasons[reason] += 1
    return Shortfall(
        rule_index=index,
        cell=describe_cell(rule),
        asked=rule.count,
        available=available,
        matching=len(matching),
        reasons=tuple(f"{count} {reason}" for reason, count in sorted(reasons.items())),
    )


def shortfalls(curriculum: Curriculum, blueprint: Blueprint, bank: Bank | None = None) -> list[Shortfall]:
    """The blueprint's cells that the bank cannot fill, in rule order (empty when feasible)."""
    return select_cells(curriculum, blueprint, bank)[1]
