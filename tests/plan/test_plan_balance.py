"""Key-letter quotas and placement, at the level of letters (0 = A, 1 = B, …)."""

from __future__ import annotations

import pytest

from latsar.errors import LatsarError
from latsar.plan import versions
from latsar.plan.balance import assign_letters, breaks_run_rule, key_quotas
from latsar.plan.quiz import plan_quiz


def no_preference(position: int, letter: int) -> int:
    return letter


def test_quotas_fill_the_letters_with_fewest_pinned_keys_first():
    fixed = [0, 0, 0, None, None, None, None, None]  # three pinned A keys, five free items
    quotas = key_quotas(fixed, 3, tie=lambda x: x)
    assert quotas == [0, 3, 2]  # A 3, B 3, C 2: the most balanced the pins allow


def test_quotas_balance_perfectly_without_pins():
    quotas = key_quotas([None] * 10, 4, tie=lambda x: -x)
    assert sorted(quotas) == [2, 2, 3, 3]
    assert quotas[3] == quotas[2] == 3  # the tie-break decides which letters get the extra key


def test_a_pinned_run_is_left_alone_but_not_extended():
    assert assign_letters([0, 0, 0, 0, None], [0, 1, 0], no_preference) == [0, 0, 0, 0, 1]
    assert assign_letters([0, 0, 0, None], [1, 0, 0], no_preference) is None


def test_a_free_item_does_not_complete_a_run_with_pinned_items_after_it():
    assert breaks_run_rule([None, 1, 1, 1], 0, 1)
    assert not breaks_run_rule([None, 1, 1, 1], 0, 0)
    assert assign_letters([None, 1, 1, 1, None], [2, 0], no_preference) == [0, 1, 1, 1, 0]
    # One more B key would have to sit next to the pinned BBB on one side or the other.
    assert assign_letters([None, 1, 1, 1, None], [1, 1], no_preference) is None


def test_the_search_backtracks_to_the_only_placement():
    # Six A keys and one B in seven places: only AAABAAA has no run of four.
    assert assign_letters([None] * 7, [6, 1], no_preference) == [0, 0, 0, 1, 0, 0, 0]
    assert assign_letters([None] * 8, [7, 1], no_preference) is None


def test_the_preference_decides_among_valid_placements():
    def alternate(first: int):
        return lambda position, letter: (letter + position + first) % 2

    assert assign_letters([None] * 6, [3, 3], alternate(0)) == [0, 1, 0, 1, 0, 1]
    assert assign_letters([None] * 6, [3, 3], alternate(1)) == [1, 0, 1, 0, 1, 0]


def test_a_version_whose_order_admits_no_keys_is_re_drawn_and_noted(kit, monkeypatch):
    calls = []

    def fail_first(fixed, quotas, prefer):
        calls.append(1)
        return None if len(calls) == 1 else real_assign(fixed, quotas, prefer)

    real_assign = versions.assign_letters
    monkeypatch.setattr(versions, "assign_letters", fail_first)
    plan = plan_quiz(kit.curriculum(kit.simple_bank(8)), kit.blueprint([{"count": 8}]))
    assert plan.notes == (
        "paket A: item order re-drawn (attempt 2) because its pinned items left the first "
        "order no balanced key letters without runs longer than 3",
    )
    assert len(calls) == 2


def test_a_version_no_order_can_balance_is_a_user_error_naming_the_pinned_items(kit, monkeypatch):
    monkeypatch.setattr(versions, "assign_letters", lambda fixed, quotas, prefer: None)
    items = kit.simple_bank(4) + [kit.item("fixed-1", "wog-1", pinned=True)]
    with pytest.raises(LatsarError, match="paket A: the pinned items fixed-1 leave no order"):
        plan_quiz(kit.curriculum(items), kit.blueprint([{"count": 5}]))
