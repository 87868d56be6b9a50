"""Synthetic curricula for the planner tests, built straight from the pydantic models.

Exposed as session-scoped fixtures (hypothesis rejects function-scoped ones): `kit` bundles the
builders and the hypothesis strategies, so a test draws banks with `data.draw(kit.banks())`.
"""

from __future__ import annotations

import datetime
import types
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from latsar.model.curriculum import Curriculum
from latsar.model.schema import (
    Backing,
    Blueprint,
    Chapter,
    Citation,
    Closing,
    Item,
    Module,
    Objective,
    Option,
    Programme,
    Rule,
    Section,
)

LEVELS = ("C1", "C2", "C3", "C4")
DIFFICULTIES = ("mudah", "sedang", "sukar")


def make_item(
    item_id: str,
    objective: str,
    *,
    level: str = "C2",
    difficulty: str = "sedang",
    options: int = 4,
    key: int = 0,
    pinned: bool = False,
) -> Item:
    """An item of the objective; option texts name their authored index, e.g. "q1/2"."""
    return Item(
        id=item_id,
        objective=objective,
        level=level,
        difficulty=difficulty,
        stem=f"Stem of {item_id}?",
        options=[
            Option(text=f"{item_id}/{i}", correct=i == key, reason="Why.") for i in range(options)
        ],
        explanation="Because.",
        backing=Backing(section=f"{module_of(objective)}-s"),
        pin_options=pinned,
    )


def module_of(objective: str) -> str:
    """Objectives are named `<module>-<n>`."""
    return objective.rsplit("-", 1)[0]


def make_module(module_id: str, objectives: Iterable[str]) -> Module:
    citation = Citation(seed="seed", quote="quote")
    return Module(
        id=module_id,
        title=f"Module {module_id}",
        hours=3,
        description="D.",
        background="B.",
        benefits="M.",
        objectives=[
            Objective(id=o, level="C6", text="T.", indicator="I.", citations=[citation])
            for o in objectives
        ],
        chapters=[
            Chapter(
                id=f"{module_id}-c",
                title="Bab",
                sections=[Section(id=f"{module_id}-s", title="S", content=[{"text": "P."}])],
                exercises=["Latihan."],
                summary="Rangkuman.",
            )
        ],
        closing=Closing(conclusion="C.", follow_up="F."),
    )


def make_curriculum(
    items: Iterable[Item], *, objectives: Iterable[str] = (), dropped: Iterable[str] = ()
) -> Curriculum:
    """A curriculum holding the items; modules and objectives come from the items' objectives
    (plus `objectives`, for objectives without items)."""
    items = tuple(items)
    all_objectives = sorted({i.objective for i in items} | set(objectives))
    module_ids = sorted({module_of(o) for o in all_objectives}) or ["kosong"]
    modules = tuple(
        make_module(m, [o for o in all_objectives if module_of(o) == m]) for m in module_ids
    )
    programme = Programme(
        title="Latsar",
        institution="BPSDM",
        cohort="Angkatan I",
        year=2026,
        place="Padang",
        date=datetime.date(2026, 1, 5),
        modules=list(module_ids),
    )
    return Curriculum(
        root=Path("."),
        programme=programme,
        modules=modules,
        items=items,
        blueprints=(),
        seeds=(),
        dropped_items=frozenset(dropped),
    )


def make_blueprint(rules: Iterable[dict[str, Any] | Rule], **fields: Any) -> Blueprint:
    """A blueprint with the given rules; `fields` override id, seed, versions, mode, options …"""
    values: dict[str, Any] = {"id": "kuis", "title": "Kuis", "minutes": 30, "seed": 7}
    values.update(fields)
    return Blueprint(rules=[r if isinstance(r, Rule) else Rule(**r) for r in rules], **values)


def simple_bank(
    count: int, *, module: str = "wog", objectives: int = 1, **item_fields: Any
) -> list[Item]:
    """`count` items of one module, spread round-robin over its objectives."""
    return [
        make_item(f"{module}-q{n}", f"{module}-{n % objectives + 1}", **item_fields)
        for n in range(count)
    ]


@st.composite
def items_strategy(
    draw: st.DrawFn, item_id: str, modules: tuple[str, ...], pinned_share: float
) -> Item:
    module = draw(st.sampled_from(modules))
    options = draw(st.integers(3, 5))
    return make_item(
        item_id,
        f"{module}-{draw(st.integers(1, 3))}",
        level=draw(st.sampled_from(LEVELS)),
        difficulty=draw(st.sampled_from(DIFFICULTIES)),
        options=options,
        key=draw(st.integers(0, options - 1)),
        pinned=draw(st.floats(0, 1)) < pinned_share if pinned_share else False,
    )


def banks(
    min_items: int = 1,
    max_items: int = 40,
    modules: tuple[str, ...] = ("wog", "humas"),
    pinned_share: float = 0.2,
) -> st.SearchStrategy[list[Item]]:
    """Item banks of any size over the modules, objectives `<module>-1..3`, 3–5 options."""
    return st.integers(min_items, max_items).flatmap(
        lambda n: st.tuples(
            *(items_strategy(f"q{k}", modules, pinned_share) for k in range(n))
        ).map(list)
    )


@pytest.fixture(scope="session")
def kit() -> types.SimpleNamespace:
    return types.SimpleNamespace(
        item=make_item,
        curriculum=make_curriculum,
        blueprint=make_blueprint,
        simple_bank=simple_bank,
        banks=banks,
    )
