"""Waivers: a lint warning silenced where it is found, with the reason written beside it.

Items and blueprints carry the same `waive:` list (`schema.Waiver`: a rule and a reason, both
required) with one meaning: a warning of a waived rule about its owner is not reported, an error
always is, and a waiver naming a rule never checked on its owner is itself an error (checks.py),
so a mistyped rule cannot silently silence nothing. `OWNERS` lists who may carry one; a new
owner is one entry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Protocol

from latsar.errors import Diagnostic, did_you_mean
from latsar.messages import t
from latsar.model.schema import Waiver
from latsar.source.yamlfile import SourceDoc

if TYPE_CHECKING:
    from latsar.model.load import Loaded


class Waivable(Protocol):
    """An item or a blueprint: whatever carries a `waive:` list."""

    @property
    def waive(self) -> list[Waiver]: ...


# The rules whose warnings are about one item (A1: item analysis), and about one blueprint (G1:
# its `options:`). Rules that only ever make errors (K7, M2, …) are not here: an error stands.
ITEM_RULES = frozenset({"K1", "K2", "K3", "K4", "K6", "K8", "K9", "K11", "K12", "B4", "M4", "A1", "L2", "I1", "E1",
                        "E2", "G1"})
BLUEPRINT_RULES = frozenset({"G1"})

Owners = Callable[[Any], Iterable[tuple[tuple, Waivable]]]  # a file's model → (YAML path, owner) for each


def _each_item(bank: Any) -> Iterator[tuple[tuple, Waivable]]:
    return ((("items", n), item) for n, item in enumerate(bank.items))


def _whole_file(model: Any) -> Iterator[tuple[tuple, Waivable]]:
    yield (), model


# Per curriculum folder: where in each file's model the owners of a `waive:` list are, and the
# rules they may waive.
OWNERS: dict[str, tuple[Owners, frozenset[str]]] = {
    "items": (_each_item, ITEM_RULES),
    "blueprints": (_whole_file, BLUEPRINT_RULES),
}


def stands(owner: Waivable, rule: str, severity: str) -> bool:
    """Whether a finding about `owner` is reported: an error always, a warning unless its rule is waived."""
    return severity == "error" or all(waiver.rule != rule for waiver in owner.waive)


def owners(loaded: "Loaded") -> Iterator[tuple[SourceDoc, tuple, Waivable, frozenset[str]]]:
    """Every owner of a `waive:` list in the curriculum: its file, its YAML path, itself, its rules."""
    for folder, (each, rules) in OWNERS.items():
        for doc, model in loaded.files[folder]:
            for path, owner in each(model):
                yield doc, path, owner, rules


def unknown_rules(loaded: "Loaded") -> Iterator[Diagnostic]:
    """A waiver naming a rule its owner cannot waive (a typo, or a rule checked elsewhere), at its `rule:`."""
    for doc, path, owner, rules in owners(loaded):
        for n, waiver in enumerate(owner.waive):
            if waiver.rule not in rules:
                yield Diagnostic(doc.locate(path + ("waive", n, "rule")),
                                 t("unknown lint rule '{rule}'", rule=waiver.rule),
                                 did_you_mean(waiver.rule, rules)
                                 or t("rules that can be waived here: {rules}", rules=", ".join(_in_order(rules))))


def _in_order(rules: frozenset[str]) -> list[str]:
    """K2 before K11: by letter, then number."""
    return sorted(rules, key=lambda rule: (rule[0], int(rule[1:]) if rule[1:].isdigit() else 0))
