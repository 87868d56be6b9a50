"""The bank's lookups (plan/bank.py) are built once per curriculum and change no selection: the
shared lookups select exactly what a fresh scan of the whole bank selects, and checking a bank
twice the size does about twice the planning work, not four times."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from latsar.model.curriculum import Curriculum
from latsar.model.load import load_curriculum
from latsar.model.schema import Rule
from latsar.plan import bank as bank_module
from latsar.plan import select
from latsar.plan.bank import Bank
from latsar.plan.cells import fits, handout_module

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundled() -> Curriculum:
    return load_curriculum(PROJECT / "curriculum")[0]


def _rules(curriculum: Curriculum) -> list[Rule]:
    """Every rule of the bundled quizzes, and rules of every shape: no filter, a module, an
    objective, an objective of another module, an unknown module."""
    first, last = curriculum.modules[0], curriculum.modules[-1]
    return [rule for b in curriculum.blueprints for rule in b.rules] + [
        Rule(count=1), Rule(module=first.id, count=1), Rule(objective=last.objectives[0].id, count=1),
        Rule(module=first.id, objective=last.objectives[0].id, count=1), Rule(module="nowhere", count=1),
        Rule(module=first.id, levels=["C2", "C3"], count=1)]


def test_candidates_hold_every_item_a_rule_fits_in_bank_order(bundled: Curriculum) -> None:
    bank = Bank(bundled)
    for rule in _rules(bundled):
        scanned = [item for item in bundled.items if fits(bundled, rule, item)]
        assert [item for item in bank.candidates(rule) if fits(bundled, rule, item)] == scanned
    assert len(bank.candidates(Rule(module=bundled.modules[0].id, count=1))) < len(bundled.items)


def test_a_shared_bank_selects_what_a_fresh_scan_selects(bundled: Curriculum) -> None:
    bank = Bank(bundled)
    printed = set()
    for blueprint in bundled.blueprints:
        if handout_module(bundled, blueprint):  # the exposure as computed before the bank existed
            printed |= {item.id for cell in select.select_cells(bundled, blueprint)[0] for item in cell}
    assert bank.printed_with_key == printed and printed
    for blueprint in bundled.blueprints:
        assert select.select_cells(bundled, blueprint, bank) == select.select_cells(bundled, blueprint)
        strict = blueprint.model_copy(update={"exclude_flagged": True, "options": 5})
        assert select.shortfalls(bundled, strict, bank) == select.shortfalls(bundled, strict)


def _counting(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[int]:
    calls = [0]
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_checking_builds_the_lookups_once_for_every_quiz(bundled: Curriculum, monkeypatch: pytest.MonkeyPatch) -> None:
    enemies = _counting(monkeypatch, bank_module, "enemies_of")
    selections = _counting(monkeypatch, select, "select_cells")
    load_curriculum(PROJECT / "curriculum")
    handouts = sum(handout_module(bundled, b) is not None for b in bundled.blueprints)
    assert enemies[0] == 1
    # each quiz once (without item statistics, the plans with and without them are one), each
    # handout's quiz once more for exposure
    assert not bundled.dropped_items
    assert selections[0] == len(bundled.blueprints) + handouts


def test_planning_work_grows_linearly_with_the_bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(PROJECT / "bench"))
    scaled_curriculum = importlib.import_module("bench_check").scaled_curriculum  # the benchmark's own copy

    for copies in (1, 2):
        (tmp_path / f"x{copies}").mkdir()
        scaled_curriculum(tmp_path / f"x{copies}", copies)
    fitted = _counting(monkeypatch, select, "fits")
    work = []
    for copies in (1, 2):
        before = fitted[0]
        load_curriculum(tmp_path / f"x{copies}" / "curriculum")
        work.append(fitted[0] - before)
    # Rules and items both double: scanning the whole bank for every rule did 4x the work.
    assert 1 < work[1] / work[0] < 2.5, work
