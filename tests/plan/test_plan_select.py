"""Selection by the blueprint's cells: filters, order of cells, qualification, shortfalls."""

from __future__ import annotations

import pytest

from latsar.errors import LatsarError
from latsar.plan.cells import describe_cell
from latsar.plan.quiz import Shortfall, plan_quiz, shortfalls


def test_cells_filter_by_module_objective_and_level(kit):
    items = [
        kit.item("w1", "wog-1", level="C1"),
        kit.item("w2", "wog-1", level="C3"),
        kit.item("w3", "wog-2", level="C3"),
        kit.item("h1", "humas-1", level="C3"),
    ]
    curriculum = kit.curriculum(items)
    cases = [
        ({"module": "wog", "count": 3}, {"w1", "w2", "w3"}),
        ({"objective": "wog-1", "count": 2}, {"w1", "w2"}),
        ({"levels": ["C3"], "count": 3}, {"w2", "w3", "h1"}),
        ({"module": "wog", "levels": ["C3"], "count": 2}, {"w2", "w3"}),
    ]
    for rule, expected in cases:
        assert set(plan_quiz(curriculum, kit.blueprint([rule])).master) == expected, rule


def test_an_item_taken_by_one_cell_is_not_available_to_later_cells(kit):
    # Every wog-1 item also fits the first cell; whatever it takes, the second cell must do
    # without, so the two cells never share an item and both are filled.
    items = kit.simple_bank(6, objectives=2)  # wog-1: q0 q2 q4; wog-2: q1 q3 q5
    curriculum = kit.curriculum(items)
    blueprint = kit.blueprint([{"module": "wog", "count": 3}, {"objective": "wog-1", "count": 1}])
    plan = plan_quiz(curriculum, blueprint)
    assert len(plan.master) == len(set(plan.master)) == 4
    first, second = plan.master[:3], plan.master[3:]
    assert not set(first) & set(second)
    assert curriculum.item_by_id[second[0]].objective == "wog-1"


def test_master_lists_cells_in_rule_order_each_in_bank_order(kit):
    curriculum = kit.curriculum(kit.simple_bank(8, module="humas") + kit.simple_bank(8))
    plan = plan_quiz(
        curriculum, kit.blueprint([{"module": "wog", "count": 3}, {"module": "humas", "count": 2}])
    )
    wog, humas = plan.master[:3], plan.master[3:]
    assert all(i.startswith("wog-") for i in wog) and all(i.startswith("humas-") for i in humas)
    assert list(wog) == sorted(wog, key=lambda i: int(i.split("q")[1]))
    assert list(humas) == sorted(humas, key=lambda i: int(i.split("q")[1]))


def test_selection_does_not_depend_on_bank_order(kit):
    items = kit.simple_bank(30, objectives=3)
    blueprint = kit.blueprint([{"module": "wog", "count": 10}])
    forward = plan_quiz(kit.curriculum(items), blueprint)
    backward = plan_quiz(kit.curriculum(items[::-1]), blueprint)
    assert set(forward.master) == set(backward.master)
    assert [v.items for v in forward.versions] == [v.items for v in backward.versions]


def test_only_items_with_enough_options_qualify(kit):
    items = kit.simple_bank(5, options=3) + [
        kit.item(f"five-{n}", "wog-1", options=5) for n in range(3)
    ]
    plan = plan_quiz(kit.curriculum(items), kit.blueprint([{"count": 3}], options=4))
    assert set(plan.master) == {"five-0", "five-1", "five-2"}


def test_printed_options_are_the_key_and_the_first_distractors_in_authored_order(kit):
    # Key authored last: the options that print are 0, 1, 2 (first three distractors) and 4.
    item = kit.item("w1", "wog-1", options=5, key=4)
    plan = plan_quiz(kit.curriculum([item]), kit.blueprint([{"count": 1}], options=4, versions=5))
    for version in plan.versions:
        (planned,) = version.items
        assert sorted(planned.choice_order) == [0, 1, 2, 4]
        assert planned.choice_order[planned.key_index] == 4


def test_flagged_items_are_left_out_unless_the_blueprint_keeps_them(kit):
    items = kit.simple_bank(4)
    curriculum = kit.curriculum(items, dropped={"wog-q0", "wog-q1"})
    kept = plan_quiz(curriculum, kit.blueprint([{"count": 2}]))
    assert set(kept.master) == {"wog-q2", "wog-q3"}
    with_flagged = plan_quiz(curriculum, kit.blueprint([{"count": 4}], exclude_flagged=False))
    assert set(with_flagged.master) == {i.id for i in items}


def test_an_infeasible_cell_raises_naming_cell_asked_and_available(kit):
    items = [kit.item(f"w{n}", "wog-1", level="C3") for n in range(3)] + [
        kit.item("w-short", "wog-1", level="C3", options=3),
        kit.item("w-flagged", "wog-1", level="C3"),
        kit.item("w-c1", "wog-1", level="C1"),
    ]
    curriculum = kit.curriculum(items, dropped={"w-flagged"})
    blueprint = kit.blueprint(
        [
            {"module": "wog", "levels": ["C1"], "count": 1},
            {"module": "wog", "levels": ["C3"], "count": 5},
        ]
    )
    with pytest.raises(LatsarError) as caught:
        plan_quiz(curriculum, blueprint)
    assert caught.value.message == (
        "quiz 'kuis': rule 2 (module=wog, levels=C3) asks for 5 items, 3 available "
        "(of 5 matching: 1 flagged for dropping by item analysis, 1 with fewer than 4 options); "
        "add items to the bank, lower the rule's count or widen the rule"
    )
    assert caught.value.exit_code == 2


def test_every_short_cell_is_reported_at_once(kit):
    curriculum = kit.curriculum(kit.simple_bank(4) + kit.simple_bank(1, module="humas"))
    blueprint = kit.blueprint(
        [{"module": "humas", "count": 2}, {"module": "wog", "count": 3}, {"count": 2}]
    )
    found = shortfalls(curriculum, blueprint)
    assert found == [
        Shortfall(0, "module=humas", asked=2, available=1, matching=1),
        Shortfall(
            2, "any item", asked=2, available=1, matching=5, reasons=("4 taken by earlier rules",)
        ),
    ]
    with pytest.raises(LatsarError) as caught:
        plan_quiz(curriculum, blueprint)
    assert [d.message for d in caught.value.diagnostics] == [
        "quiz 'kuis': rule 1 (module=humas) asks for 2 items, 1 available",
        "quiz 'kuis': rule 3 (any item) asks for 2 items, 1 available "
        "(of 5 matching: 4 taken by earlier rules)",
    ]


def test_no_shortfalls_when_the_bank_suffices(kit):
    curriculum = kit.curriculum(kit.simple_bank(4))
    assert shortfalls(curriculum, kit.blueprint([{"count": 4}])) == []


def test_an_unknown_module_is_a_shortfall_not_a_crash(kit):
    curriculum = kit.curriculum(kit.simple_bank(4))
    (found,) = shortfalls(curriculum, kit.blueprint([{"module": "wgo", "count": 1}]))
    assert (found.cell, found.available, found.matching) == ("module=wgo", 0, 0)


def test_cell_descriptions(kit):
    blueprint = kit.blueprint(
        [
            {"count": 1},
            {"module": "wog", "levels": ["C2", "C3"], "count": 1},
            {"objective": "wog-1", "count": 1},
        ]
    )
    assert [describe_cell(rule) for rule in blueprint.rules] == [
        "any item",
        "module=wog, levels=C2,C3",
        "objective=wog-1",
    ]
