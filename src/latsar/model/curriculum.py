"""The whole curriculum after loading: typed models plus the lookups every later stage needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Mapping

from latsar.errors import LatsarError, Location, did_you_mean
from latsar.messages import t
from latsar.model.schema import Blueprint, Item, Module, Objective, Programme, Section, SeedSource

# Expected proportion correct for each authored difficulty; used to compare parallel forms.
EXPECTED_P: dict[str, float] = {"mudah": 0.80, "sedang": 0.55, "sukar": 0.30}


@dataclass(frozen=True)
class Seed:
    source: SeedSource
    path: Path
    text: str


@dataclass(frozen=True)
class Curriculum:
    root: Path
    programme: Programme
    modules: tuple[Module, ...]
    items: tuple[Item, ...]
    blueprints: tuple[Blueprint, ...]
    seeds: tuple[Seed, ...]
    # sha256 of every input file, keyed by its path relative to the project (for the manifest).
    input_hashes: tuple[tuple[str, str], ...] = field(default=())
    # Item ids whose latest statistics recommend dropping them (from curriculum/stats/).
    dropped_items: frozenset[str] = field(default=frozenset())
    # Where each item is written, so later stages (exports, scoring) can point at the YAML.
    item_locations: Mapping[str, Location] = field(default_factory=dict)

    @cached_property
    def module_by_id(self) -> dict[str, Module]:
        return {m.id: m for m in self.modules}

    @cached_property
    def objective_by_id(self) -> dict[str, Objective]:
        return {o.id: o for m in self.modules for o in m.objectives}

    @cached_property
    def module_of_objective(self) -> dict[str, Module]:
        return {o.id: m for m in self.modules for o in m.objectives}

    @cached_property
    def section_by_id(self) -> dict[str, Section]:
        return {s.id: s for m in self.modules for c in m.chapters for s in c.sections}

    @cached_property
    def module_of_section(self) -> dict[str, Module]:
        return {s.id: m for m in self.modules for c in m.chapters for s in c.sections}

    @cached_property
    def item_by_id(self) -> dict[str, Item]:
        return {i.id: i for i in self.items}

    @cached_property
    def seed_by_id(self) -> dict[str, Seed]:
        return {s.source.id: s for s in self.seeds}

    @cached_property
    def blueprint_by_id(self) -> dict[str, Blueprint]:
        return {b.id: b for b in self.blueprints}

    def module_of_item(self, item: Item) -> Module:
        return self.module_of_objective[item.objective]

    def items_of_module(self, module_id: str) -> tuple[Item, ...]:
        return tuple(i for i in self.items if self.module_of_objective[i.objective].id == module_id)


def find_blueprint(curriculum: Curriculum, blueprint_id: str) -> Blueprint:
    """The blueprint of that id, or an error naming the closest ids."""
    if blueprint_id not in curriculum.blueprint_by_id:
        known = curriculum.blueprint_by_id
        hint = did_you_mean(blueprint_id, known) or t("blueprints: {names}", names=", ".join(sorted(known)))
        raise LatsarError(t("unknown blueprint '{id}'; {hint}", id=blueprint_id, hint=hint))
    return curriculum.blueprint_by_id[blueprint_id]
