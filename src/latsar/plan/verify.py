"""An independent check of a finished plan against its blueprint: a guard against planner bugs.

Written apart from the selector and the shuffler, re-deriving every rule from the blueprint and
the bank, so a bug in one of them shows up here instead of in a printed booklet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from fractions import Fraction

from latsar.messages import t
from latsar.model.curriculum import EXPECTED_P, Curriculum
from latsar.model.schema import Blueprint, Item, Rule
from latsar.plan.matching import extend
from latsar.plan.select import exposed_items
from latsar.plan.stable import version_code
from latsar.plan.types import LETTERS, PlannedItem, QuizPlan, Version

# Parallel versions may differ this much in mean expected proportion correct (EXPECTED_P).
EQUIVALENCE_TOLERANCE = Fraction(1, 20)
MAX_RUN = 3


def expected_p(item: Item) -> Fraction:
    # Exact fractions, so the planner and this check agree at the tolerance's very edge.
    return Fraction(str(EXPECTED_P[item.difficulty]))


def verify_plan(curriculum: Curriculum, plan: QuizPlan) -> list[str]:
    """Every way the plan breaks its blueprint or the shuffle rules; empty when it is sound."""
    blueprint = plan.blueprint
    problems = _check_codes(plan) + _check_master(plan)
    exposed = exposed_items(curriculum, blueprint)
    for version in plan.versions:
        problems += [
            t("paket {code}: {problem}", code=version.code, problem=p)
            for p in _check_version(curriculum, blueprint, version)
            + _check_enemies(curriculum, version)
            + _check_exposure(version, exposed)
        ]
    if blueprint.mode == "parallel" and not problems:
        problems += _check_equivalence(curriculum, plan)
    return problems


def _check_exposure(version: Version, exposed: frozenset[str]) -> list[str]:
    shown = sorted({p.item_id for p in version.items} & exposed)
    return [t("items {items} are printed with their key in a handout's evaluasi", items=shown)] if shown else []


def _check_enemies(curriculum: Curriculum, version: Version) -> list[str]:
    ids = {p.item_id for p in version.items}
    items = [curriculum.item_by_id[i] for i in sorted(ids) if i in curriculum.item_by_id]
    clashes = [(item.id, enemy) for item in items for enemy in item.enemies if enemy in ids]
    return [t("enemies {first} and {second} share the version", first=a, second=b) for a, b in clashes]


def _check_codes(plan: QuizPlan) -> list[str]:
    codes = [version.code for version in plan.versions]
    expected = [version_code(index) for index in range(plan.blueprint.versions)]
    return [] if codes == expected else [t("version codes {codes} should be {expected}", codes=codes,
                                           expected=expected)]


def _check_master(plan: QuizPlan) -> list[str]:
    problems = []
    if len(set(plan.master)) != len(plan.master):
        problems.append(t("the master form lists an item twice"))
    used = {p.item_id for version in plan.versions for p in version.items}
    if used != set(plan.master):
        problems.append(
            t("the master form and the versions differ: {items}", items=sorted(used ^ set(plan.master)))
        )
    if plan.blueprint.mode == "shuffle":
        for version in plan.versions:
            if sorted(p.item_id for p in version.items) != sorted(plan.master):
                problems.append(t("paket {code} does not hold exactly the master items", code=version.code))
    return problems


def _check_version(curriculum: Curriculum, blueprint: Blueprint, version: Version) -> list[str]:
    ids = [p.item_id for p in version.items]
    unknown = sorted(set(ids) - set(curriculum.item_by_id))
    if unknown:
        return [t("unknown items {items}", items=unknown)]
    items = [curriculum.item_by_id[i] for i in ids]
    problems = []
    if len(set(ids)) != len(ids):
        problems.append(t("an item appears twice"))
    total = sum(rule.count for rule in blueprint.rules)
    if len(ids) != total:
        problems.append(t("{count} items, the blueprint asks for {total}", count=len(ids), total=total))
    problems += [p for item in items for p in _check_eligible(curriculum, blueprint, item)]
    problems += _check_cells(curriculum, blueprint, items)
    for position, (planned, item) in enumerate(zip(version.items, items), start=1):
        problems += [
            t("question {number} ({id}): {problem}", number=position, id=item.id, problem=p)
            for p in _check_choices(blueprint, item, planned)
        ]
    if not problems:
        problems += _check_keys(
            version.items, [item.pin_options for item in items], blueprint.options
        )
    return problems


def _check_eligible(curriculum: Curriculum, blueprint: Blueprint, item: Item) -> list[str]:
    problems = []
    if len(item.options) < blueprint.options:
        problems.append(
            t("{id} has {count} options, the quiz prints {printed}", id=item.id, count=len(item.options),
              printed=blueprint.options)
        )
    if sum(option.correct for option in item.options) != 1:
        problems.append(t("{id} does not have exactly one correct option", id=item.id))
    if blueprint.exclude_flagged and item.id in curriculum.dropped_items:
        problems.append(t("{id} is flagged for dropping", id=item.id))
    if item.id in blueprint.exclude:
        problems.append(t("{id} is excluded by the blueprint", id=item.id))
    return problems


def _in_cell(module_of: dict[str, str], rule: Rule, item: Item) -> bool:
    return (
        (rule.module is None or module_of.get(item.objective) == rule.module)
        and (rule.objective is None or rule.objective == item.objective)
        and (not rule.levels or item.level in rule.levels)
    )


def _check_cells(curriculum: Curriculum, blueprint: Blueprint, items: list[Item]) -> list[str]:
    """The items can be dealt to the cells, each cell getting exactly its count of fitting items."""
    module_of = {o.id: m.id for m in curriculum.modules for o in m.objectives}
    slots = [index for index, rule in enumerate(blueprint.rules) for _ in range(rule.count)]
    fitting = [
        [item.id for item in items if _in_cell(module_of, blueprint.rules[index], item)]
        for index in slots
    ]
    match = extend(range(len(slots)), lambda s: fitting[s], {})
    short = sorted({slots[s] + 1 for s in range(len(slots)) if s not in match})
    return [t("the items cannot fill rules {rules} of the blueprint", rules=short)] if short else []


def _check_choices(blueprint: Blueprint, item: Item, planned: PlannedItem) -> list[str]:
    order = planned.choice_order
    if len(order) != blueprint.options or len(set(order)) != len(order):
        return [t("choice order {order} is not {count} distinct options", order=order, count=blueprint.options)]
    if not all(0 <= index < len(item.options) for index in order):
        return [t("choice order {order} points outside the item's {count} options", order=order,
                  count=len(item.options))]
    if (
        not 0 <= planned.key_index < len(order)
        or not item.options[order[planned.key_index]].correct
    ):
        return [t("key index {index} does not point at the correct option", index=planned.key_index)]
    key = order[planned.key_index]
    distractors = [index for index, option in enumerate(item.options) if not option.correct]
    if set(order) != {key, *distractors[: blueprint.options - 1]}:
        return [
            t("choice order {order} is not the key and the first {count} distractors", order=order,
              count=blueprint.options - 1)
        ]
    if item.pin_options and list(order) != sorted(order):
        return [t("pinned options printed as {order}, not in authored order", order=order)]
    return []


def _check_keys(planned: Sequence[PlannedItem], pinned: list[bool], options: int) -> list[str]:
    letters = [p.key_index for p in planned]
    counts = Counter(letters)
    problems = []
    for high in range(options):
        only_pinned = all(pin for letter, pin in zip(letters, pinned) if letter == high)
        low = min(range(options), key=lambda x: counts[x])
        if counts[high] - counts[low] > 1 and not only_pinned:
            problems.append(
                t("key {letter} is used {count} times, {other} only {other_count}", letter=LETTERS[high],
                  count=counts[high], other=LETTERS[low], other_count=counts[low])
            )
    for start in range(len(letters) - MAX_RUN):
        window = range(start, start + MAX_RUN + 1)
        if len({letters[j] for j in window}) == 1 and not all(pinned[j] for j in window):
            problems.append(
                t("questions {first}–{last} all have key {letter}", first=start + 1, last=start + MAX_RUN + 1,
                  letter=LETTERS[letters[start]])
            )
    return problems


def _check_equivalence(curriculum: Curriculum, plan: QuizPlan) -> list[str]:
    """Parallel versions: paket A's (objective, level) mix and, within tolerance, its mean
    expected difficulty."""

    def items_of(version: Version) -> list[Item]:
        return [curriculum.item_by_id[p.item_id] for p in version.items]

    def mean_p(items: list[Item]) -> Fraction:
        return sum((expected_p(i) for i in items), Fraction(0)) / len(items)

    first = items_of(plan.versions[0])
    mix = Counter((item.objective, item.level) for item in first)
    problems = []
    for version in plan.versions[1:]:
        items = items_of(version)
        if Counter((item.objective, item.level) for item in items) != mix:
            problems.append(t("paket {code}: objective and level mix differs from paket A", code=version.code))
        drift = mean_p(items) - mean_p(first)
        if abs(drift) > EQUIVALENCE_TOLERANCE:
            problems.append(
                t("paket {code}: mean expected difficulty differs from paket A by {drift:+.3f} (tolerance "
                  "{tolerance:.2f})", code=version.code, drift=float(drift), tolerance=float(EQUIVALENCE_TOLERANCE))
            )
    return problems
