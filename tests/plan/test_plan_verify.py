"""verify_plan catches each way a plan can break its blueprint; plan_quiz refuses such a plan."""

from __future__ import annotations

from dataclasses import replace

import pytest

import latsar.plan.quiz as quiz
from latsar.plan.quiz import plan_quiz, verify_plan
from latsar.plan.types import PlannedItem, QuizPlan, Version


@pytest.fixture(scope="module")
def shuffled(kit):
    items = (
        kit.simple_bank(12, objectives=2)
        + kit.simple_bank(6, module="humas")
        + [kit.item("pinned", "wog-1", key=2, pinned=True)]
    )
    curriculum = kit.curriculum(items + [kit.item("spare", "humas-1")])
    plan = plan_quiz(
        curriculum,
        kit.blueprint([{"module": "wog", "count": 8}, {"module": "humas", "count": 4}], versions=2),
    )
    assert verify_plan(curriculum, plan) == []
    return curriculum, plan


def with_items(plan: QuizPlan, code: str, items) -> QuizPlan:
    versions = tuple(replace(v, items=tuple(items)) if v.code == code else v for v in plan.versions)
    return replace(plan, versions=versions)


def test_a_sound_plan_has_no_problems(shuffled):
    curriculum, plan = shuffled
    assert verify_plan(curriculum, plan) == []


def test_a_key_pointing_at_a_distractor_is_caught(shuffled):
    curriculum, plan = shuffled
    items = list(plan.versions[1].items)
    first = items[0]
    items[0] = replace(first, key_index=(first.key_index + 1) % 4)
    (problem, *_) = verify_plan(curriculum, with_items(plan, "B", items))
    assert problem == (
        f"paket B: question 1 ({first.item_id}): "
        f"key index {items[0].key_index} does not point at the correct option"
    )


def test_a_repeated_option_is_caught(shuffled):
    curriculum, plan = shuffled
    items = list(plan.versions[0].items)
    order = items[3].choice_order
    items[3] = replace(items[3], choice_order=(order[0], order[0], order[2], order[3]))
    problems = verify_plan(curriculum, with_items(plan, "A", items))
    assert any("is not 4 distinct options" in p for p in problems)


def test_a_pinned_item_out_of_authored_order_is_caught(shuffled):
    curriculum, plan = shuffled
    items = [
        replace(p, choice_order=(3, 1, 2, 0), key_index=2) if p.item_id == "pinned" else p
        for p in plan.versions[0].items
    ]
    problems = verify_plan(curriculum, with_items(plan, "A", items))
    assert any("pinned options printed as (3, 1, 2, 0)" in p for p in problems)


def test_unbalanced_keys_and_long_runs_are_caught(shuffled):
    curriculum, plan = shuffled

    def key_first(planned: PlannedItem) -> PlannedItem:
        if planned.item_id == "pinned":
            return planned
        key = planned.choice_order[planned.key_index]
        rest = [i for i in planned.choice_order if i != key]
        return replace(planned, choice_order=(key, *rest), key_index=0)

    problems = verify_plan(
        curriculum, with_items(plan, "A", map(key_first, plan.versions[0].items))
    )
    assert any(p.startswith("paket A: key A is used 11 times") for p in problems)
    assert any("all have key A" in p for p in problems)


def test_an_item_outside_the_master_is_caught(shuffled):
    curriculum, plan = shuffled
    items = list(plan.versions[1].items)
    humas = next(i for i, p in enumerate(items) if p.item_id.startswith("humas"))
    items[humas] = PlannedItem("spare", (0, 1, 2, 3), 0)
    problems = verify_plan(curriculum, with_items(plan, "B", items))
    assert "paket B does not hold exactly the master items" in problems


def test_an_item_in_the_wrong_cell_is_caught(shuffled):
    # A humas item replaced everywhere by an unused wog item: totals still add up, cell 2 not.
    curriculum, plan = shuffled
    humas_item = next(i for i in plan.master if i.startswith("humas"))
    unused = next(
        i.id
        for i in curriculum.items
        if i.id.startswith("wog") and i.id not in plan.master and not i.pin_options
    )
    master = tuple(unused if i == humas_item else i for i in plan.master)
    versions = tuple(
        replace(
            v,
            items=tuple(
                replace(p, item_id=unused) if p.item_id == humas_item else p for p in v.items
            ),
        )
        for v in plan.versions
    )
    problems = verify_plan(curriculum, replace(plan, master=master, versions=versions))
    assert "paket A: the items cannot fill rules [2] of the blueprint" in problems


def test_a_missing_item_and_wrong_codes_are_caught(shuffled):
    curriculum, plan = shuffled
    short = with_items(plan, "A", plan.versions[0].items[:-1])
    assert any(
        p == "paket A: 11 items, the blueprint asks for 12" for p in verify_plan(curriculum, short)
    )
    renamed = replace(plan, versions=(plan.versions[0], replace(plan.versions[1], code="C")))
    assert "version codes ['A', 'C'] should be ['A', 'B']" in verify_plan(curriculum, renamed)


def test_a_flagged_item_is_caught(kit, shuffled):
    curriculum, plan = shuffled
    flagged = kit.curriculum(curriculum.items, dropped={plan.master[0]})
    assert f"paket A: {plan.master[0]} is flagged for dropping" in verify_plan(flagged, plan)


def test_parallel_versions_must_match_mix_and_difficulty(kit):
    items = (
        [kit.item(f"a{n}", "wog-1", level="C2", difficulty="mudah") for n in range(4)]
        + [kit.item(f"b{n}", "wog-1", level="C2", difficulty="sukar") for n in range(4)]
        + [kit.item(f"c{n}", "wog-2", level="C2", difficulty="mudah") for n in range(4)]
    )
    curriculum = kit.curriculum(items)
    blueprint = kit.blueprint([{"count": 4}], versions=2, mode="parallel", options=4)

    def version(code, ids):
        keys = [0, 1, 2, 3]  # balanced, no runs
        return Version(code, tuple(PlannedItem(i, _with_key(k), k) for i, k in zip(ids, keys)))

    a = ["a0", "a1", "a2", "a3"]
    for b, expected in [
        (
            ["b0", "b1", "b2", "b3"],
            "paket B: mean expected difficulty differs from paket A by -0.500 (tolerance 0.05)",
        ),
        (["c0", "c1", "c2", "c3"], "paket B: objective and level mix differs from paket A"),
    ]:
        plan = QuizPlan(blueprint, tuple(a + b), (version("A", a), version("B", b)))
        assert verify_plan(curriculum, plan) == [expected]


def _with_key(position: int) -> tuple[int, ...]:
    # Authored key is option 0; print it at `position`.
    distractors = [1, 2, 3]
    return tuple(distractors[:position] + [0] + distractors[position:])


def test_plan_quiz_refuses_a_plan_its_verifier_rejects(kit, monkeypatch):
    monkeypatch.setattr(quiz, "verify_plan", lambda curriculum, plan: ["paket A: something is off"])
    with pytest.raises(RuntimeError, match="breaks its own rules:\npaket A: something is off"):
        plan_quiz(kit.curriculum(kit.simple_bank(4)), kit.blueprint([{"count": 4}]))
