"""Add a module to programme.yaml's `modules:` list by editing the text, so the trainer's
comments, order and layout stay exactly as written."""

from __future__ import annotations

from pathlib import Path

from latsar.errors import Diagnostic, LatsarError
from latsar.messages import t
from latsar.source.yamlfile import SourceDoc, read_yaml


def list_module(programme: Path, module_id: str) -> Path:
    doc = read_yaml(programme)
    listed = doc.data.get("modules") if isinstance(doc.data, dict) else None
    if isinstance(listed, list) and module_id in listed:
        return programme
    if "modules" in (doc.data or {}) and not isinstance(listed, list):
        raise LatsarError([Diagnostic(doc.locate(("modules",)), t("`modules:` is not a list"),
                                      t("write it as a list of module ids and add '{id}'", id=module_id))])
    text = _with_module(doc, listed, module_id)
    programme.write_text(text, encoding="utf-8")
    if module_id not in (read_yaml(programme).data or {}).get("modules", []):  # never leave it half-done
        programme.write_text(doc.text, encoding="utf-8")
        raise LatsarError([Diagnostic(doc.locate(("modules",)), t("could not add '{id}' to `modules:`", id=module_id),
                                      t("add it to the list by hand"))])
    return programme


def _with_module(doc: SourceDoc, listed: list | None, module_id: str) -> str:
    lines = doc.text.splitlines(keepends=True)
    if listed is None:
        ending = "" if not lines or lines[-1].endswith("\n") else "\n"
        return doc.text + f"{ending}modules:\n  - {module_id}\n"
    line, column = doc.value_marks[("modules",)]
    if lines[line - 1][column - 1:].startswith("["):
        return _into_flow(doc.text, _offset(lines, line, column), listed, module_id)
    last_line, last_column = doc.value_marks[("modules", len(listed) - 1)]
    prefix = lines[last_line - 1][:last_column - 1]  # e.g. "  - ", the way the list is indented
    lines.insert(last_line, f"{prefix}{module_id}\n")
    return "".join(lines)


def _into_flow(text: str, start: int, listed: list, module_id: str) -> str:
    close = text.index("]", start)
    addition = f", {module_id}" if listed else module_id
    return text[:close].rstrip() + addition + text[close:]


def _offset(lines: list[str], line: int, column: int) -> int:
    return sum(len(text) for text in lines[:line - 1]) + column - 1
