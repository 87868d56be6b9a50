"""A printed quiz is a record, not a recomputation.

A quiz set's `versions.json` records every decision that defines it (items per position, option
orders, keys). Reprints and scoring read that record; the planner runs again only when asked
(`--replan`) or when no record exists. Statistics may change future quizzes, never a printed one:
items flagged "drop" after the quiz stay in its record. A record the curriculum can no longer
honour (an item deleted, its options or key edited, the blueprint changed) is refused with the
reason, never silently re-planned.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, Mapping

from latsar.errors import Diagnostic, LatsarError
from latsar.model.curriculum import Curriculum
from latsar.model.schema import Blueprint
from latsar.plan.mapping import FORMAT
from latsar.plan.types import LETTERS, PlannedItem, QuizPlan, Version
from latsar.source.yamlfile import display_path

# The fields of the record that come straight from the blueprint.
RECORDED_FIELDS = ("mode", "options", "seed")
RECORD_LIMIT = 64 * 1024 * 1024  # bytes; a record of 2,000 versions × 100 items is ~25 MB


@dataclasses.dataclass(frozen=True)
class Planned:
    """A quiz's plan and where it came from."""

    plan: QuizPlan
    record: Path | None  # the record it was read from; None when planned now
    notes: tuple[str, ...] = ()


def record_path(out: Path, blueprint_id: str) -> Path:
    return out / "quizzes" / blueprint_id / "versions.json"


def planned(curriculum: Curriculum, blueprint: Blueprint, record: Path | None, replan: bool = False) -> Planned:
    """The printed plan when `record` exists (and `replan` is off), else a new plan."""
    from latsar.plan.quiz import plan_quiz

    if replan or record is None or not record.is_file():
        return Planned(plan_quiz(curriculum, blueprint), None)
    plan = read_record(curriculum, blueprint, record)
    return Planned(plan, record, _drift_notes(curriculum, plan, record))


def read_record(curriculum: Curriculum, blueprint: Blueprint, record: Path) -> QuizPlan:
    document = _load(record)
    plan = plan_of(document, blueprint, record)
    problems = record_problems(curriculum, plan, document)
    if problems:
        raise LatsarError([Diagnostic(None, f"{display_path(record)}: quiz '{blueprint.id}' was printed as recorded here, "
                                            f"but the curriculum no longer fits that record: {p}",
                                      "undo that change to reprint or score the printed quiz; or make a new "
                                      "quiz with --replan (answers to the old one then no longer score)")
                           for p in problems])
    return plan


def _load(record: Path) -> Mapping[str, Any]:
    try:
        if record.stat().st_size > RECORD_LIMIT:
            raise LatsarError(f"{display_path(record)}: larger than {RECORD_LIMIT // 2**20} MB; not a latsar versions.json")
        document = json.loads(record.read_bytes())
    except (OSError, ValueError) as exc:
        raise LatsarError(f"{display_path(record)}: cannot read the quiz's record ({exc}); rebuild the quiz with --replan "
                          "if it was never printed") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise LatsarError(f"{display_path(record)}: not a latsar versions.json (format {FORMAT}); restore the file the quiz "
                          "was built with")
    return document


def plan_of(document: Mapping[str, Any], blueprint: Blueprint, record: Path) -> QuizPlan:
    """The QuizPlan a versions document records."""
    try:
        versions = tuple(
            Version(entry["code"], tuple(_planned(q) for q in entry["items"])) for entry in document["versions"]
        )
        master = tuple(str(item_id) for item_id in document["master"])
    except (KeyError, TypeError, ValueError) as exc:
        raise LatsarError(f"{display_path(record)}: damaged quiz record ({exc!r} missing or wrong); restore the file the "
                          "quiz was built with") from None
    return QuizPlan(blueprint=blueprint, master=master, versions=versions)


def _planned(question: Mapping[str, Any]) -> PlannedItem:
    order = tuple(int(index) for index in question["order"])
    return PlannedItem(str(question["item"]), order, LETTERS.index(str(question["key"])))


def record_problems(curriculum: Curriculum, plan: QuizPlan, document: Mapping[str, Any]) -> list[str]:
    """Why the curriculum can no longer reprint or score the recorded plan (empty when it can)."""
    from latsar.plan.verify import verify_plan

    blueprint = plan.blueprint
    problems = [f"the blueprint's {name} is now {getattr(blueprint, name)}, the record has {document.get(name)}"
                for name in RECORDED_FIELDS if document.get(name) != getattr(blueprint, name)]
    if document.get("blueprint") != blueprint.id:
        problems.append(f"the record is of quiz '{document.get('blueprint')}'")
    # Statistics gathered after printing never change the printed quiz.
    printed = dataclasses.replace(plan, blueprint=blueprint.model_copy(update={"exclude_flagged": False}))
    return problems or verify_plan(curriculum, printed)


def _drift_notes(curriculum: Curriculum, plan: QuizPlan, record: Path) -> tuple[str, ...]:
    """Items flagged "drop" since printing stay in the printed quiz: say so."""
    dropped = sorted(curriculum.dropped_items & set(plan.master)) if plan.blueprint.exclude_flagged else []
    if not dropped:
        return ()
    return (f"printed as recorded in {display_path(record)}: {', '.join(dropped)} now flagged drop stay in it; "
            "--replan makes a new quiz without them",)


def unrecorded(curriculum: Curriculum, blueprint: Blueprint, record: Path) -> Planned:
    """No record of a quiz that is being scored: plan it now, unless the statistics gathered since
    it was (presumably) printed would change the plan; then nobody can say which quiz was sat."""
    from latsar.plan.quiz import plan_quiz

    now = plan_quiz(curriculum, blueprint)
    before = plan_quiz(curriculum, blueprint.model_copy(update={"exclude_flagged": False}))
    if now.versions != before.versions:
        dropped = sorted(curriculum.dropped_items & set(before.master))
        raise LatsarError(f"{display_path(record)}: no record of the printed quiz '{blueprint.id}', and the curriculum would now "
                          f"plan it differently from when it was printed ({', '.join(dropped)} flagged drop since); "
                          "put the printed set's versions.json there (from the build folder it was printed from)")
    return Planned(now, None, (f"no record of the printed quiz at {display_path(record)}: scored against the quiz as "
                               "planned now",))
