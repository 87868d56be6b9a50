"""Which outputs a change touches: the rule `build --watch` rebuilds by.

A module or its item bank → its handout, the book, and every quiz drawing items from it (the
kisi-kisi prints objectives); a blueprint → its quiz and exports, and its module's handout and the
book when it is an `evaluasi-<module>`; anything else (programme, seeds, labels, a file added or
removed) → everything."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PER_FILE = ("modules", "items", "blueprints")


@dataclass(frozen=True)
class Touched:
    modules: frozenset[str] = frozenset()  # module ids whose text or items changed
    blueprints: frozenset[str] = frozenset()  # blueprint ids that changed
    everything: bool = False


def touched_by(root: Path, changed: frozenset[Path], known: frozenset[Path]) -> Touched:
    """`known` is every curriculum file of the last build: a file new or gone changes everything."""
    modules: set[str] = set()
    blueprints: set[str] = set()
    for path in changed:
        folder = _folder(root, path)
        if folder not in PER_FILE or not path.is_file() or path.resolve() not in known:
            return Touched(everything=True)
        (blueprints if folder == "blueprints" else modules).add(path.stem)
    return Touched(frozenset(modules), frozenset(blueprints))


def _folder(root: Path, path: Path) -> str:
    try:
        parts = path.resolve().relative_to(root.resolve()).parts
    except ValueError:
        return ""  # outside the curriculum: the seeds
    return parts[0] if len(parts) == 2 else ""
