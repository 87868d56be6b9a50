"""Data flows one way: the stages (loading, planning, rendering, scoring, scanning, importing) never
reach up into the commands that drive them (`cli`, `build`, `watch`, the entry points), not even
inside a function, where an import cycle would hide until run time."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "latsar"
STAGES = ("model", "source", "text", "plan", "render", "score", "scan", "ingest", "labels")
DRIVERS = ("latsar.cli", "latsar.build", "latsar.watch", "latsar.entry", "latsar.quickrun", "latsar.quickhelp",
           "latsar.check")


def imported(path: Path) -> set[str]:
    """Every latsar module `path` imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return {name for name in names if name.startswith("latsar")}


def reaches_up(name: str) -> bool:
    return any(name == driver or name.startswith(driver + ".") for driver in DRIVERS)


@pytest.mark.parametrize("stage", STAGES)
def test_stages_never_import_the_commands_that_drive_them(stage: str) -> None:
    found = {f"{path.relative_to(SOURCE)}: {name}"
             for path in sorted((SOURCE / stage).rglob("*.py")) for name in imported(path) if reaches_up(name)}
    assert not found


def test_the_test_sees_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from latsar.build import find_blueprint\n", encoding="utf-8")
    assert any(map(reaches_up, imported(module)))
