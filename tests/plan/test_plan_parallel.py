"""Parallel mode: each version its own items, the same mix, notes wherever items are reused."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from latsar.model.curriculum import EXPECTED_P
from latsar.plan.parallel import parallel_forms
from latsar.plan.quiz import EQUIVALENCE_TOLERANCE, plan_quiz, verify_plan


def ids(version) -> set[str]:
    return {p.item_id for p in version.items}


def mean_p(curriculum, version) -> Fraction:
    return sum(
        Fraction(str(EXPECTED_P[curriculum.item_by_id[p.item_id].difficulty]))
        for p in version.items
    ) / len(version.items)


def test_versions_get_distinct_items_when_the_bank_allows(kit):
    curriculum = kit.curriculum(kit.simple_bank(15) + kit.simple_bank(9, module="humas"))
    blueprint = kit.blueprint(
        [{"module": "wog", "count": 5}, {"module": "humas", "count": 3}],
        versions=3,
        mode="parallel",
    )
    plan = plan_quiz(curriculum, blueprint)
    a, b, c = (ids(v) for v in plan.versions)
    assert len(a) == len(b) == len(c) == 8
    assert not (a & b or a & c or b & c)
    assert plan.notes == ()
    assert set(plan.master) == a | b | c


def test_version_a_takes_a_mix_every_version_can_have(kit):
    # Six items for each of three objectives, six per version, three versions: only a 2-2-2
    # mix in version A leaves every version distinct items; a pure hash pick would rarely be one.
    curriculum = kit.curriculum(kit.simple_bank(18, objectives=3))
    for seed in range(5):
        blueprint = kit.blueprint(
            [{"module": "wog", "count": 6}], versions=3, mode="parallel", seed=seed
        )
        plan = plan_quiz(curriculum, blueprint)
        a, b, c = (ids(v) for v in plan.versions)
        assert Counter(curriculum.item_by_id[i].objective for i in a) == {
            "wog-1": 2,
            "wog-2": 2,
            "wog-3": 2,
        }
        assert not (a & b or a & c or b & c) and plan.notes == ()


def test_reuse_is_noted_per_version_and_rule(kit):
    curriculum = kit.curriculum(kit.simple_bank(6))
    blueprint = kit.blueprint([{"module": "wog", "count": 4}], versions=2, mode="parallel")
    plan = plan_quiz(curriculum, blueprint)
    a, b = (ids(v) for v in plan.versions)
    reused = sorted(a & b)
    assert len(b) == 4 and len(reused) == 2  # two fresh items left, two must repeat
    assert plan.notes == (
        f"paket B reuses 2 item(s) of earlier versions, for want of distinct items with the same "
        f"objective and level: rule 1 (module=wog): {', '.join(reused)}",
    )


def test_the_objective_and_level_mix_is_kept_even_at_the_cost_of_reuse(kit):
    # Plenty of C1 items, a single C3 one: every version needs that C3 item.
    items = [kit.item(f"w{n}", "wog-1", level="C1") for n in range(9)] + [
        kit.item("w-c3", "wog-1", level="C3")
    ]
    blueprint = kit.blueprint([{"count": 3}], versions=3, mode="parallel", seed=3)
    curriculum = kit.curriculum(items)
    plan = plan_quiz(curriculum, blueprint)
    mixes = [
        Counter(curriculum.item_by_id[p.item_id].level for p in v.items) for v in plan.versions
    ]
    assert all(mix == mixes[0] for mix in mixes)
    if "w-c3" in plan.master:
        assert all("w-c3" in ids(v) for v in plan.versions)
        assert [n.split(" ")[1] for n in plan.notes] == ["B", "C"]


def test_another_difficulty_is_used_only_within_the_tolerance(kit):
    # Version A is all "sedang"; the only fresh items are "sukar" (0.30 vs 0.55): taking them
    # would drift by 0.25, so B must reuse A's items, with the same mean.
    items = [kit.item(f"s{n}", "wog-1", difficulty="sedang") for n in range(4)] + [
        kit.item(f"k{n}", "wog-1", difficulty="sukar") for n in range(4)
    ]
    curriculum = kit.curriculum(items)
    plan = plan_quiz(
        curriculum, kit.blueprint([{"objective": "wog-1", "count": 4}], versions=2, mode="parallel")
    )
    a, b = plan.versions
    if ids(a) == {"s0", "s1", "s2", "s3"}:
        assert ids(b) == ids(a)
    assert abs(mean_p(curriculum, b) - mean_p(curriculum, a)) <= EQUIVALENCE_TOLERANCE


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_parallel_versions_are_equivalent_and_reuse_exactly_what_the_notes_say(kit, data):
    items = data.draw(kit.banks(max_items=40, pinned_share=0.2), label="bank")
    curriculum = kit.curriculum(items)
    usable = [i for i in items if len(i.options) >= 3]
    count = data.draw(st.integers(1, len(usable)), label="count")
    blueprint = kit.blueprint(
        [{"count": count}],
        options=3,
        mode="parallel",
        versions=data.draw(st.integers(2, 5), label="versions"),
        seed=data.draw(st.integers(0, 10**6)),
    )
    plan = plan_quiz(curriculum, blueprint)
    assert verify_plan(curriculum, plan) == []
    first = plan.versions[0]
    mix = Counter(
        (curriculum.item_by_id[i].objective, curriculum.item_by_id[i].level) for i in ids(first)
    )
    seen: set[str] = set()
    for version in plan.versions:
        assert len(ids(version)) == count
        assert (
            Counter(
                (curriculum.item_by_id[i].objective, curriculum.item_by_id[i].level)
                for i in ids(version)
            )
            == mix
        )
        assert abs(mean_p(curriculum, version) - mean_p(curriculum, first)) <= EQUIVALENCE_TOLERANCE
        notes = [n for n in plan.notes if n.startswith(f"paket {version.code} ")]
        reused = ids(version) & seen
        if reused:
            (note,) = notes
            assert sorted(note.split(": ", 1)[1].split(": ", 1)[1].split(", ")) == sorted(reused)
        else:
            assert notes == []
        seen |= ids(version)
    assert set(plan.master) == seen


def test_fresh_items_of_another_difficulty_fill_up_to_the_tolerance(kit):
    # Version A (given) is ten "sedang" items; the bank's other items are "mudah" (+0.25 each).
    # The tolerance (0.05 on the mean, 0.5 over ten items) admits exactly two of them.
    sedang = [kit.item(f"s{n}", "wog-1", difficulty="sedang") for n in range(10)]
    mudah = [kit.item(f"m{n}", "wog-1", difficulty="mudah") for n in range(10)]
    curriculum = kit.curriculum(sedang + mudah)
    blueprint = kit.blueprint([{"count": 10}], versions=2, mode="parallel")
    forms, notes = parallel_forms(curriculum, blueprint, [sedang])
    b = [item_id for _, item_id in forms[1]]
    assert len(set(b)) == 10
    assert sum(item_id.startswith("m") for item_id in b) == 2
    assert len(notes) == 1 and "reuses 8 item(s)" in notes[0]
