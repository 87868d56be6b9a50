"""Imported items as the text of an items YAML file in latsar's format.

Everything the source carried is written; what it could not give (objective, level, difficulty,
reasons, pembahasan, backing) is a `TODO: …` placeholder, which `latsar check` reports at its
place until the trainer fills it. Ids come from the source's names where they are valid latsar
ids, else `<module>-NN`; they are made unique. The text goes through the normal loader like a
hand-written file, so nothing here decides what is valid.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from latsar.ingest.bank import ImportedItem, ImportedOption
from latsar.messages import t
from latsar.source.placeholders import placeholder

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class _Dumper(yaml.SafeDumper):
    """Block scalars (`|-`) for text of several lines, so Markdown reads as written."""


def _text(dumper: yaml.SafeDumper, value: str) -> Any:
    style = "|" if "\n" in value and not any(line != line.rstrip() for line in value.split("\n")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def items_yaml(items: list[ImportedItem], module: str | None, sources: list[str]) -> str:
    prefix = module or "impor"
    ids = _ids(items, prefix)
    entries = [_entry(item, item_id, module) for item, item_id in zip(items, ids)]
    header = "".join(f"# {line}\n" for line in (
        t("Items imported by `latsar import` from {files}.", files=", ".join(sources)),
        t("Replace every \"TODO: …\" value (latsar check lists them), then build.")))
    body = yaml.dump({"items": entries}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)
    return header + body


def _ids(items: list[ImportedItem], prefix: str) -> list[str]:
    taken: set[str] = set()
    out = []
    for number, item in enumerate(items, start=1):
        name = (item.name or "").strip()
        candidate = name if _ID.match(name) and len(name) <= 64 else f"{prefix}-{number:02d}"
        unique, count = candidate, 2
        while unique in taken:
            unique, count = f"{candidate}-{count}", count + 1
        taken.add(unique)
        out.append(unique)
    return out


def _entry(item: ImportedItem, item_id: str, module: str | None) -> dict[str, Any]:
    objective = (t("the objective id of module {module} this item measures", module=module) if module
                 else t("the objective id this item measures"))
    entry: dict[str, Any] = {
        "id": item_id,
        "objective": item.objective or placeholder(objective),
        "level": item.level or placeholder(t("Bloom level, C1–C6")),
        "difficulty": item.difficulty or placeholder(t("mudah, sedang or sukar")),
    }
    if item.indicator:
        entry["indicator"] = item.indicator
    entry["stem"] = item.stem
    if item.live_stem:
        entry["live_stem"] = item.live_stem
    entry["options"] = [_option(option) for option in item.options]
    entry["explanation"] = item.explanation or placeholder(t("pembahasan: why the key is right"))
    entry["backing"] = {"section": placeholder(t("the module section (or a seed passage) that backs the key"))}
    if item.tags:
        entry["tags"] = item.tags
    if item.pin_options:
        entry["pin_options"] = True
    return entry


def _option(imported: ImportedOption) -> dict[str, Any]:
    option: dict[str, Any] = {"text": imported.text}
    if imported.live_text:
        option["live_text"] = imported.live_text
    if imported.correct:
        option["correct"] = True
    option["reason"] = imported.reason or placeholder(t("why this option is right") if imported.correct
                                                      else t("why this option is wrong"))
    return option
