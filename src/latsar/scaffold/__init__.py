"""`latsar new`: write commented YAML skeletons with placeholders, wired into the curriculum.

Each function returns the files it wrote (or changed). Nothing is ever overwritten: a file that
exists already is an error saying so.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from latsar.errors import Diagnostic, LatsarError, Location
from latsar.messages import t
from latsar.scaffold import skeletons
from latsar.scaffold.wiring import list_module
from latsar.source.placeholders import is_placeholder
from latsar.source.yamlfile import display_path, read_yaml

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def new_module(root: Path, module_id: str, objectives: int = 3) -> list[Path]:
    """modules/ID.yaml, ID listed in programme.yaml, and blueprints/evaluasi-ID.yaml."""
    _check_id(module_id, "module")
    written = [_write(root / "modules" / f"{module_id}.yaml",
                      skeletons.module(module_id, objectives, _seed_ids(root)))]
    written.append(list_module(root / "programme.yaml", module_id))
    evaluasi = root / "blueprints" / f"evaluasi-{module_id}.yaml"
    if not evaluasi.exists():
        written.append(_write(evaluasi, skeletons.blueprint(evaluasi.stem, module_id, _year(root))))
    return written


def new_items(root: Path, module_id: str, count: int = 6) -> list[Path]:
    """items/MODULE.yaml with `count` items, spread over the module's objectives."""
    _check_id(module_id, "module")
    module_file = root / "modules" / f"{module_id}.yaml"
    if not module_file.is_file():
        raise LatsarError([Diagnostic(Location(display_path(module_file)), t("no module '{id}' here", id=module_id),
                                      t("create it first with `latsar new module {id}`", id=module_id))])
    facts = _module_facts(module_id, read_yaml(module_file).data)
    return [_write(root / "items" / f"{module_id}.yaml", skeletons.items(facts, count))]


def new_blueprint(root: Path, blueprint_id: str) -> list[Path]:
    """blueprints/ID.yaml; `evaluasi-<module>` becomes that module's end-of-module test."""
    _check_id(blueprint_id, "blueprint")
    module_id = blueprint_id.removeprefix("evaluasi-") if blueprint_id.startswith("evaluasi-") else ""
    return [_write(root / "blueprints" / f"{blueprint_id}.yaml",
                   skeletons.blueprint(blueprint_id, module_id, _year(root)))]


def new_programme(project: Path) -> list[Path]:
    """PROJECT/curriculum/programme.yaml and PROJECT/seeds/sources.yaml, for a curriculum of one's own."""
    year = datetime.date.today().year
    return [_write(project / "curriculum" / "programme.yaml", skeletons.programme(year)),
            _write(project / "seeds" / "sources.yaml", skeletons.sources())]


def _check_id(ident: str, kind: str) -> None:
    if not ID_PATTERN.match(ident) or len(ident) > 64:
        raise LatsarError(t("'{id}' is not a valid id; use lower-case letters, digits and hyphens, "
                            "e.g. 'etika-publik'", id=ident))


def _write(path: Path, text: str) -> Path:
    if path.exists():
        raise LatsarError([Diagnostic(Location(display_path(path)), t("file exists already"),
                                      t("edit it, or choose another id"))])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as stream:
        stream.write(text)
    return path


def _programme_data(root: Path) -> dict[str, Any]:
    data = read_yaml(root / "programme.yaml").data
    return data if isinstance(data, dict) else {}


def _year(root: Path) -> int:
    year = _programme_data(root).get("year")
    return year if isinstance(year, int) else datetime.date.today().year


def _seed_ids(root: Path) -> list[str]:
    """The seed ids a new module may cite, for a comment; none when sources.yaml cannot be read."""
    seeds = _programme_data(root).get("seeds", "../seeds")
    sources = root / str(seeds) / "sources.yaml"
    try:
        entries = read_yaml(sources).data if sources.is_file() else []
    except LatsarError:
        return []
    return [e["id"] for e in entries or [] if isinstance(e, dict) and isinstance(e.get("id"), str)
            and not is_placeholder(e["id"])]


def _module_facts(module_id: str, data: Any) -> skeletons.ModuleFacts:
    data = data if isinstance(data, dict) else {}
    objectives = tuple((str(o["id"]), _filled(o.get("level"))) for o in data.get("objectives") or []
                       if isinstance(o, dict) and isinstance(o.get("id"), str) and not is_placeholder(o["id"]))
    sections = [s.get("id") for c in data.get("chapters") or [] if isinstance(c, dict)
                for s in c.get("sections") or [] if isinstance(s, dict)]
    section = next((s for s in sections if isinstance(s, str) and not is_placeholder(s)), "")
    return skeletons.ModuleFacts(module_id, objectives, section)


def _filled(value: Any) -> str:
    return value if isinstance(value, str) and not is_placeholder(value) else ""
