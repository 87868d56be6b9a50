"""Import foreign question banks as latsar items YAML: the mirror of the exporter table.

`IMPORTERS` is the one table of source formats (Moodle XML, GIFT, Aiken, latsar's own Excel
template); a file's format comes from its suffix, else from its first bytes. Importers produce
plain data (`bank`); `yamlout` writes it as YAML text, which then goes through the normal loader
and checks. Every unreadable line, element or row of every file is reported at once, and nothing
is written when there is any.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from latsar.errors import Diagnostic, LatsarError, Location, did_you_mean
from latsar.ingest import aiken, gift, moodle, sheet
from latsar.ingest.bank import Imported
from latsar.ingest.yamlout import items_yaml
from latsar.messages import N_, t

MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Importer:
    describe: str
    suffixes: tuple[str, ...]
    read: Callable[[str, bytes], Imported]


IMPORTERS: dict[str, Importer] = {
    "moodle": Importer(N_("Moodle XML (multichoice, categories, feedback, tags)"), (".xml",), moodle.read),
    "gift": Importer(N_("GIFT (Moodle's text format)"), (".gift",), gift.read),
    "aiken": Importer(N_("Aiken (question, A. … options, ANSWER: X)"), (), aiken.read),
    "xlsx": Importer(N_("latsar's Excel template (latsar import --template)"), (".xlsx",), sheet.read),
}


def detect(path: Path, data: bytes) -> str:
    """The format of a file: by suffix, else by its content (GIFT braces, else Aiken lines)."""
    for name, importer in IMPORTERS.items():
        if path.suffix.lower() in importer.suffixes:
            return name
    head = data[:4096].lstrip()
    if head.startswith(b"<?xml") or head.startswith(b"<quiz"):
        return "moodle"
    if head.startswith(b"PK"):
        return "xlsx"
    return "gift" if b"{" in data and b"}" in data else "aiken"


def import_files(paths: list[Path], module: str | None, fmt: str | None = None) -> tuple[str, int, list[str]]:
    """Every file read; the items YAML text, its item count and notes. Raises LatsarError with
    every problem of every file when any file holds one."""
    if fmt is not None and fmt not in IMPORTERS:
        hint = did_you_mean(fmt, IMPORTERS) or t("use one of {choices}", choices=", ".join(IMPORTERS))
        raise LatsarError(t("--format: unknown format '{format}'; {hint}", format=fmt, hint=hint))
    items, problems, notes = [], [], []
    for path in paths:
        found = _read(path, fmt)
        items += found.items
        problems += found.problems
        notes += found.notes
    if problems:
        raise LatsarError(problems)
    if not items:
        raise LatsarError([Diagnostic(Location(str(paths[0])), t("no question to import"),
                                      t("is this the right file? latsar imports multiple-choice questions"))])
    return items_yaml(items, module, [p.name for p in paths]), len(items), notes


def _read(path: Path, fmt: str | None) -> Imported:
    display = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            return _refused(display, t("file is larger than {size} MB", size=MAX_BYTES // (1024 * 1024)),
                            t("split the bank"))
        data = path.read_bytes()
    except OSError as exc:
        return _refused(display, t("cannot read the file ({reason})", reason=exc.strerror or exc), t("check the path"))
    return IMPORTERS[fmt or detect(path, data)].read(display, data)


def _refused(display: str, message: str, hint: str) -> Imported:
    found = Imported()
    found.problem(Location(display), message, hint)
    return found




def write_template(target: Path) -> str:
    """latsar's Excel template for items, written to `target`; the line to show the user."""
    import datetime

    from latsar.publish import write_atomic

    _refuse_existing(target)
    write_atomic(target, sheet.template(datetime.datetime(2026, 1, 1)))
    command = f"`latsar import {target.name} --module MODULE --out FILE.yaml`"  # apart: babel reads t()'s text
    return t("wrote {file}: fill one row per item, then {command}", file=target, command=command)


def import_to(paths: list[Path], module: str | None, out: Path | None, fmt: str | None = None) -> tuple[str, str]:
    """Import `paths`; write the YAML to `out` (refusing to replace a file) or return it.
    Returns (YAML text or "", the line to show the user)."""
    import re

    from latsar.publish import write_atomic

    if module is not None and not re.match(r"^[a-z0-9][a-z0-9-]*$", module):
        raise LatsarError(t("--module: '{module}' is not a module id; use lower-case letters, digits and hyphens",
                            module=module))
    if out is not None:
        _refuse_existing(out)
    text, count, _ = import_files(paths, module, fmt)
    if out is None:
        return text, t("imported {count} item(s); complete the TODO values, then run latsar check", count=count)
    write_atomic(out, text.encode("utf-8"))
    return "", t("wrote {count} item(s) to {path}; complete the TODO values, then run latsar check",
                  count=count, path=out)


def _refuse_existing(target: Path) -> None:
    if target.exists():
        raise LatsarError(t("{path}: already exists; choose another file name, or delete it first", path=target))


__all__ = ["IMPORTERS", "Importer", "detect", "import_files", "import_to", "write_template"]
