"""The project depends only on what pyproject.toml declares: every third-party module imported in
src/ is provided by a declared runtime dependency, and every one imported by the tests by a
runtime or test dependency. A module that arrives only as another package's dependency, or that
happens to be on the developer's machine, fails here before it fails a fresh install."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]


def declared(*extras: str) -> set[str]:
    requirements = PYPROJECT["dependencies"] + [r for e in extras for r in PYPROJECT["optional-dependencies"][e]]
    return {_normalised(re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0]) for r in requirements}


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def imported(folder: Path) -> dict[str, str]:
    """Top-level module name -> the first file that imports it (absolute imports only)."""
    found: dict[str, str] = {}
    for file in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(), str(file))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else [])
            for name in names:
                found.setdefault(name.split(".")[0], str(file.relative_to(PROJECT)))
    return found


def third_party(modules: dict[str, str], local: set[str]) -> dict[str, str]:
    return {m: f for m, f in modules.items() if m not in sys.stdlib_module_names and m not in local}


def undeclared(modules: dict[str, str], allowed: set[str]) -> list[str]:
    providers = packages_distributions()
    return [f"{file}: imports '{module}', provided by {providers.get(module, ['nothing installed'])}, "
            f"which pyproject.toml does not declare" for module, file in sorted(modules.items())
            if not {_normalised(d) for d in providers.get(module, [])} & allowed]


def test_every_module_src_imports_is_declared() -> None:
    modules = third_party(imported(PROJECT / "src"), {"latsar"})
    assert {"yaml", "reportlab", "typer", "jinja2", "pydantic"} <= set(modules)
    assert undeclared(modules, declared()) == []


def test_every_module_the_tests_import_is_declared() -> None:
    local = {p.stem for p in (PROJECT / "tests").rglob("*.py")} | {"latsar"}
    assert undeclared(third_party(imported(PROJECT / "tests"), local), declared("test")) == []


def test_the_check_itself_catches_an_undeclared_import() -> None:
    """Removing a dependency from pyproject.toml makes the test above fail."""
    assert undeclared({"yaml": "src/latsar/example.py"}, declared() - {"pyyaml"}) == [
        "src/latsar/example.py: imports 'yaml', provided by ['PyYAML'], which pyproject.toml does not declare"]
    assert undeclared({"not_a_module": "src/x.py"}, declared()) != []
