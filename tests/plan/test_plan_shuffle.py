"""Shuffle mode: same items in every version, options reordered, keys balanced, sheets scored."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from latsar.plan.quiz import plan_quiz, score_version, versions_document

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def draw_quiz(kit, data, *, mode="shuffle", pinned_share=0.3, max_versions=4):
    """A random bank and a feasible blueprint over it: one cell, or one cell per module."""
    items = data.draw(kit.banks(max_items=40, pinned_share=pinned_share), label="bank")
    options = data.draw(st.sampled_from(sorted({len(i.options) for i in items})), label="options")
    usable = [i for i in items if len(i.options) >= options]
    if data.draw(st.booleans(), label="per module"):
        per_module = Counter(i.objective.split("-")[0] for i in usable)
        rules = [
            {"module": m, "count": data.draw(st.integers(1, n))}
            for m, n in sorted(per_module.items())
        ]
    else:
        rules = [{"count": data.draw(st.integers(1, len(usable)), label="count")}]
    blueprint = kit.blueprint(
        rules,
        options=options,
        mode=mode,
        seed=data.draw(st.integers(0, 2**32), label="seed"),
        versions=data.draw(st.integers(1, max_versions), label="versions"),
    )
    curriculum = kit.curriculum(items)
    return curriculum, blueprint, plan_quiz(curriculum, blueprint)


@PROPERTY
@given(data=st.data())
def test_every_version_holds_exactly_the_master_set(kit, data):
    curriculum, blueprint, plan = draw_quiz(kit, data)
    assert len(plan.master) == sum(rule.count for rule in blueprint.rules)
    for version in plan.versions:
        assert sorted(p.item_id for p in version.items) == sorted(plan.master)


@PROPERTY
@given(data=st.data())
def test_keys_are_balanced_and_never_run_longer_than_three(kit, data):
    curriculum, blueprint, plan = draw_quiz(kit, data)
    for version in plan.versions:
        letters = [p.key_index for p in version.items]
        pinned = [curriculum.item_by_id[p.item_id].pin_options for p in version.items]
        counts = [letters.count(x) for x in range(blueprint.options)]
        pinned_counts = [
            sum(pin for y, pin in zip(letters, pinned) if y == x) for x in range(blueprint.options)
        ]
        if max(pinned_counts) <= len(letters) // blueprint.options:
            # Pins that do not already exceed a fair share: perfect balance, no exception.
            assert max(counts) - min(counts) <= 1, (version.code, counts)
        else:
            # Only a letter whose keys are all pinned may rise above the others by two or more.
            for x in range(blueprint.options):
                if counts[x] - min(counts) > 1:
                    assert counts[x] == pinned_counts[x], (version.code, counts, pinned_counts)
        for start in range(len(letters) - 3):
            window = range(start, start + 4)
            if len({letters[j] for j in window}) == 1:
                # A run of four is only ever four pinned items the author fixed.
                assert all(pinned[j] for j in window), (version.code, letters)


@PROPERTY
@given(data=st.data())
def test_without_pins_counts_differ_by_at_most_one_and_runs_stay_short(kit, data):
    curriculum, blueprint, plan = draw_quiz(kit, data, pinned_share=0)
    for version in plan.versions:
        letters = "".join(p.key_letter for p in version.items)
        counts = [letters.count(letter) for letter in "ABCDE"[: blueprint.options]]
        assert max(counts) - min(counts) <= 1
        assert not any(letter * 4 in letters for letter in "ABCDE")


@PROPERTY
@given(data=st.data())
def test_options_are_permutations_with_the_key_on_the_correct_option(kit, data):
    curriculum, blueprint, plan = draw_quiz(kit, data)
    for version in plan.versions:
        for planned in version.items:
            item = curriculum.item_by_id[planned.item_id]
            order = planned.choice_order
            assert len(order) == blueprint.options == len(set(order))
            printed = [item.options[i] for i in order]
            assert [o.correct for o in printed].count(True) == 1
            assert printed[planned.key_index].correct
            if item.pin_options:
                assert list(order) == sorted(order)


@PROPERTY
@given(data=st.data(), mode=st.sampled_from(["shuffle", "parallel"]))
def test_a_perfect_sheet_scores_full_marks_in_every_version(kit, data, mode):
    curriculum, blueprint, plan = draw_quiz(kit, data, mode=mode)
    document = versions_document(plan)
    for version in plan.versions:
        sheet = [p.key_letter for p in version.items]
        scores = score_version(document, version.code, sheet)
        assert scores == [True] * len(version.items)
        # A sheet with every answer moved to the next letter scores nothing.
        wrong = ["ABCDE"[(p.key_index + 1) % blueprint.options] for p in version.items]
        assert score_version(document, version.code, wrong) == [False] * len(version.items)


def test_scores_come_back_in_master_order_whatever_the_printed_order(kit):
    curriculum = kit.curriculum(kit.simple_bank(12, objectives=3))
    plan = plan_quiz(curriculum, kit.blueprint([{"count": 12}], versions=3))
    for version in plan.versions:
        for position, planned in enumerate(version.items):
            sheet = [None] * len(version.items)
            sheet[position] = planned.key_letter.lower()
            scores = score_version(plan, version.code, sheet)
            assert scores == [item_id == planned.item_id for item_id in plan.master]


def test_versions_differ_in_item_order_and_options_get_shuffled(kit):
    curriculum = kit.curriculum(kit.simple_bank(20, objectives=2))
    plan = plan_quiz(curriculum, kit.blueprint([{"count": 20}], versions=2))
    a, b = plan.versions
    assert [p.item_id for p in a.items] != [p.item_id for p in b.items]
    assert [p.item_id for p in a.items] != list(plan.master)
    # Every item is authored with its key first, yet keys print under every letter.
    assert {p.key_letter for p in a.items} == set("ABCD")
    assert any(list(p.choice_order) != sorted(p.choice_order) for p in a.items)


def test_pinned_items_keep_authored_option_order_in_every_version(kit):
    items = kit.simple_bank(10) + [kit.item("pinned", "wog-1", options=5, key=3, pinned=True)]
    plan = plan_quiz(kit.curriculum(items), kit.blueprint([{"count": 11}], versions=4, options=4))
    for version in plan.versions:
        (planned,) = [p for p in version.items if p.item_id == "pinned"]
        assert planned.choice_order == (0, 1, 2, 3)
        assert planned.key_letter == "D"
