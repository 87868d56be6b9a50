"""Items a handout prints with their key never enter another quiz; declared enemies never share
a version. The planner enforces both, the verifier catches a plan that breaks them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from latsar.errors import LatsarError
from latsar.plan.quiz import plan_quiz, verify_plan
from latsar.plan.select import exposed_items
from latsar.plan.types import PlannedItem


def _with_enemies(items, pairs):
    enemies = {}
    for a, b in pairs:
        enemies.setdefault(a, []).append(b)
    return [i.model_copy(update={"enemies": enemies.get(i.id, [])}) for i in items]


@pytest.fixture(scope="module")
def handout(kit):
    """A wog bank of 12 items whose handout prints 5 of them with the key."""
    curriculum = kit.curriculum(kit.simple_bank(12))
    evaluasi = kit.blueprint([{"module": "wog", "count": 5}], id="evaluasi-wog")
    return replace(curriculum, blueprints=(evaluasi,)), evaluasi


@pytest.mark.parametrize("mode, versions, distinct", [("shuffle", 3, 3), ("parallel", 2, 6)])
def test_a_quiz_never_draws_items_printed_in_a_handout(handout, kit, mode, versions, distinct):
    curriculum, evaluasi = handout
    printed = {p.item_id for p in plan_quiz(curriculum, evaluasi).versions[0].items}
    assert len(printed) == 5
    post = kit.blueprint([{"module": "wog", "count": 3}], id="post-test", mode=mode, versions=versions)
    assert exposed_items(curriculum, post) == printed
    plan = plan_quiz(curriculum, post)
    used = {p.item_id for v in plan.versions for p in v.items}
    assert len(used) == distinct and not used & printed


def test_exposure_is_reported_as_the_reason_of_a_shortfall(handout, kit):
    curriculum, _ = handout
    post = kit.blueprint([{"module": "wog", "count": 8}], id="post-test")
    with pytest.raises(LatsarError) as error:
        plan_quiz(curriculum, post)
    assert error.value.diagnostics[0].message == (
        "quiz 'post-test': rule 1 (module=wog) asks for 8 items, 7 available "
        "(of 12 matching: 5 printed with key in a handout's evaluasi)")


def test_verifier_catches_a_printed_item_in_another_quiz(handout, kit):
    curriculum, evaluasi = handout
    printed = plan_quiz(curriculum, evaluasi).versions[0].items[0]
    post = kit.blueprint([{"module": "wog", "count": 3}], id="post-test", versions=1)
    plan = plan_quiz(curriculum, post)
    version = plan.versions[0]
    items = (PlannedItem(printed.item_id, version.items[0].choice_order, version.items[0].key_index),
             *version.items[1:])
    doctored = replace(plan, master=tuple(p.item_id for p in items),
                       versions=(replace(version, items=items),))
    problems = verify_plan(curriculum, doctored)
    assert f"paket A: items ['{printed.item_id}'] are printed with their key in a handout's evaluasi" in problems


@pytest.mark.parametrize("mode, versions", [("shuffle", 2), ("parallel", 3)])
def test_enemies_never_share_a_version(kit, mode, versions):
    bank = kit.simple_bank(12)
    pairs = [("wog-q0", "wog-q1"), ("wog-q2", "wog-q3"), ("wog-q4", "wog-q5"), ("wog-q0", "wog-q6")]
    curriculum = kit.curriculum(_with_enemies(bank, pairs))
    blueprint = kit.blueprint([{"module": "wog", "count": 4}], mode=mode, versions=versions)
    for seed in range(12):
        plan = plan_quiz(curriculum, blueprint.model_copy(update={"seed": seed}))
        for version in plan.versions:
            ids = {p.item_id for p in version.items}
            assert not any({a, b} <= ids for a, b in pairs), (seed, version.code, ids)


def test_enemies_are_a_reason_of_a_shortfall(kit):
    curriculum = kit.curriculum(_with_enemies(kit.simple_bank(3), [("wog-q0", "wog-q1")]))
    with pytest.raises(LatsarError) as error:
        plan_quiz(curriculum, kit.blueprint([{"module": "wog", "count": 3}]))
    assert error.value.diagnostics[0].message == (
        "quiz 'kuis': rule 1 (module=wog) asks for 3 items, 2 available "
        "(of 3 matching: 1 enemies of items already drawn)")


def test_verifier_catches_enemies_in_one_version(kit):
    curriculum = kit.curriculum(kit.simple_bank(6))
    plan = plan_quiz(curriculum, kit.blueprint([{"module": "wog", "count": 4}], versions=1))
    first, second = (p.item_id for p in plan.versions[0].items[:2])
    hostile = kit.curriculum(_with_enemies(kit.simple_bank(6), [(first, second)]))
    assert verify_plan(hostile, plan) == [f"paket A: enemies {first} and {second} share the version"]
