"""Item statistics written back beside the curriculum, and read again by the loader.

`curriculum/stats/<blueprint>-<cohort>.yaml` holds one record per item for that cohort. The
latest record of an item (by date, across all files) decides: action `drop` puts the item in
`Curriculum.dropped_items` (blueprints with `exclude_flagged` leave it out); `revise` or `drop`
makes `latsar check` warn with the record's flags.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import yaml
from pydantic import Field

from latsar.errors import Diagnostic, LatsarError, Location
from latsar.messages import t
from latsar.model.schema import Id, Strict
from latsar.model.validation import validate
from latsar.score.text import english
from latsar.source.yamlfile import read_yaml

if TYPE_CHECKING:  # the loader imports read_stats: keep numpy out of `latsar check`
    from latsar.score.analysis import Analysis

FOLDER = "stats"
HEADER = (
    "# Item statistics written by `latsar score`; one record per item of this quiz and cohort.\n"
    "# `latsar check` warns about items whose latest action is revise or drop, and blueprints with\n"
    "# exclude_flagged leave out items whose latest action is drop. Edit `action` to overrule it.\n"
)


class StatsRecord(Strict):
    item: Id = Field(description="Item id.")
    date: datetime.date = Field(description="Date of the analysis.")
    n: int = Field(ge=0, description="Participants given the item.")
    p: float | None = Field(None, description="Difficulty: proportion correct.")
    D: float | None = Field(None, description="Upper-lower discrimination index.")
    r_pbis: float | None = Field(None, description="Corrected point-biserial correlation.")
    flags: list[str] = Field(default_factory=list, description="Why the item was flagged.")
    action: Literal["keep", "revise", "drop"] = Field(description="Recommended action.")


class StatsFile(Strict):
    blueprint: Id = Field(description="Quiz the statistics come from.")
    cohort: str = Field(description="Cohort (angkatan) that sat the quiz.")
    items: list[StatsRecord] = Field(default_factory=list, description="One record per item.")


def slug(text: str) -> str:
    """A file-name-safe form of a cohort name: "Angkatan XII" → "angkatan-xii". A name whose
    letters are not Latin keeps a short hash of itself, so two such cohorts never share a file."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    readable = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(readable) < len(re.sub(r"\W+", "", text)) // 2 or not readable:
        return f"{readable or 'cohort'}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8]}"
    return readable


def check_cohort_file(stats_file: Path, cohort: str) -> None:
    """Refuse to write one cohort's statistics over another's whose name gives the same file."""
    if not stats_file.is_file():
        return
    document = read_yaml(stats_file)
    recorded = document.data.get("cohort") if isinstance(document.data, dict) else None
    if isinstance(recorded, str) and recorded != cohort:
        raise LatsarError(t("{path}: holds the statistics of cohort '{recorded}', whose name gives the same file as "
                            "'{cohort}'; spell the same cohort the same way (--cohort), or give another cohort a "
                            "name that differs in more than case and punctuation",
                            path=document.display, recorded=recorded, cohort=cohort))


def stats_path(curriculum_root: Path, blueprint_id: str, cohort: str) -> Path:
    return curriculum_root / FOLDER / f"{blueprint_id}-{slug(cohort)}.yaml"


def stats_document(analysis: Analysis, blueprint_id: str, cohort: str, date: datetime.date) -> bytes:
    words = english()  # flags in English whatever the report's language: `latsar check` prints them
    records = [
        {"item": it.item_id, "date": date, "n": it.n, "p": _round(it.p), "D": _round(it.d), "r_pbis": _round(it.r),
         "flags": [f.text(words) for f in it.flags], "action": it.action}
        for it in analysis.items
    ]
    body = {"blueprint": blueprint_id, "cohort": cohort, "items": records}
    text = yaml.dump(body, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=100)
    return (HEADER + text).encode("utf-8")


class _PlainDumper(yaml.SafeDumper):
    """Writes every value out: the curriculum reader refuses YAML anchors and aliases, and
    PyYAML would otherwise alias the one date object every record shares."""

    def ignore_aliases(self, data) -> bool:
        return True


def _round(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 3)


def _inside_project(curriculum_root: Path, file: Path, problems: list[Diagnostic]) -> bool:
    """A statistics file linked from outside the project is refused, like every file latsar reads."""
    from latsar.source.files import Refused, inside
    from latsar.source.yamlfile import display_path

    try:
        inside(curriculum_root.resolve().parent, file.parent, file.name)
    except Refused as exc:
        problems.append(Diagnostic(Location(display_path(file)), t("symlink {problem}", problem=exc),
                                   t("replace the link with the file itself")))
        return False
    return True


def read_stats(curriculum_root: Path) -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """(items to drop, items flagged for revision or dropping → reasons), from every stats file.

    Only each item's latest record counts (by date; on the same date, the file later in name
    order), so a revised item that analyses well in a later cohort is no longer flagged.
    """
    latest: dict[str, tuple[datetime.date, str, StatsRecord, str]] = {}
    problems: list[Diagnostic] = []
    for file in sorted((curriculum_root / FOLDER).glob("*.yaml")):
        if not _inside_project(curriculum_root, file, problems):
            continue
        doc = read_yaml(file)
        value, found = validate(doc, StatsFile)
        problems.extend(found)
        for record in value.items if value is not None else ():
            entry = (record.date, file.name, record, f"{value.blueprint}, {value.cohort}")
            if record.item not in latest or entry[:2] >= latest[record.item][:2]:
                latest[record.item] = entry
    if problems:
        raise LatsarError(problems)
    dropped = frozenset(item for item, (_, _, record, _) in latest.items() if record.action == "drop")
    flagged = {
        item: (f"{source}, {date.isoformat()}: " + "; ".join(record.flags or [record.action]),)
        for item, (date, _, record, source) in sorted(latest.items()) if record.action != "keep"
    }
    return dropped, flagged
