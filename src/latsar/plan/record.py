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
from latsar.messages import t
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
        raise LatsarError([Diagnostic(None, t("{path}: quiz '{quiz}' was printed as recorded here, but the curriculum "
                                              "no longer fits that record: {problem}", path=display_path(record),
                                              quiz=blueprint.id, problem=p),
                                      t("undo that change to reprint or score the printed quiz; or make a new "
                                        "quiz with --replan (answers to the old one then no longer score)"))
                           for p in problems])
    return plan


def _load(record: Path) -> Mapping[str, Any]:
    try:
        if record.stat().st_size > RECORD_LIMIT:
            raise LatsarError(t("{path}: larger than {limit} MB; not a latsar versions.json",
                                path=display_path(record), limit=RECORD_LIMIT // 2**20))
        document = json.loads(record.read_bytes())
    except (OSError, ValueError) as exc:
        raise LatsarError(t("{path}: cannot read the quiz's record ({error}); rebuild the quiz with --replan "
                            "if it was never printed", path=display_path(record), error=exc)) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise LatsarError(t("{path}: not a latsar versions.json (format {format}); restore the file the quiz "
                            "was built with", path=display_path(record), format=FORMAT))
    return document


def plan_of(document: Mapping[str, Any], blueprint: Blueprint, record: Path) -> QuizPlan:
    """The QuizPlan a versions document records."""
    try:
        versions = tuple(
            Version(entry["code"], tuple(_planned(q) for q in entry["items"])) for entry in document["versions"]
        )
        master = tuple(str(item_id) for item_id in document["master"])
    except (KeyError, TypeError, ValueError) as exc:
        raise LatsarError(t("{path}: damaged quiz record ({field} missing or wrong); restore the file the "
                            "quiz was built with", path=display_path(record), field=repr(exc))) from None
    return QuizPlan(blueprint=blueprint, master=master, versions=versions)


def _planned(question: Mapping[str, Any]) -> PlannedItem:
    order = tuple(int(index) for index in question["order"])
    return PlannedItem(str(question["item"]), order, LETTERS.index(str(question["key"])))


def record_problems(curriculum: Curriculum, plan: QuizPlan, document: Mapping[str, Any]) -> list[str]:
    """Why the curriculum can no longer reprint or score the recorded plan (empty when it can)."""
    from latsar.plan.verify import verify_plan

    blueprint = plan.blueprint
    problems = [t("the blueprint's {name} is now {now}, the record has {recorded}", name=name,
                   now=getattr(blueprint, name), recorded=document.get(name))
                for name in RECORDED_FIELDS if document.get(name) != getattr(blueprint, name)]
    if document.get("blueprint") != blueprint.id:
        problems.append(t("the record is of quiz '{quiz}'", quiz=document.get("blueprint")))
    # Statistics gathered after printing never change the printed quiz.
    printed = dataclasses.replace(plan, blueprint=blueprint.model_copy(update={"exclude_flagged": False}))
    return problems or verify_plan(curriculum, printed)


def _drift_notes(curriculum: Curriculum, plan: QuizPlan, record: Path) -> tuple[str, ...]:
    """Items flagged "drop" since printing stay in the printed quiz: say so."""
    dropped = sorted(curriculum.dropped_items & set(plan.master)) if plan.blueprint.exclude_flagged else []
    if not dropped:
        return ()
    return (t("printed as recorded in {path}: {items} now flagged drop stay in it; --replan makes a new quiz "
              "without them", path=display_path(record), items=", ".join(dropped)),)


def unrecorded(curriculum: Curriculum, blueprint: Blueprint, record: Path) -> Planned:
    """No record of a quiz that is being scored: plan it now, unless the statistics gathered since
    it was (presumably) printed would change the plan; then nobody can say which quiz was sat."""
    from latsar.plan.quiz import plan_quiz

    now = plan_quiz(curriculum, blueprint)
    before = plan_quiz(curriculum, blueprint.model_copy(update={"exclude_flagged": False}))
    if now.versions != before.versions:
        dropped = sorted(curriculum.dropped_items & set(before.master))
        raise LatsarError(t("{path}: no record of the printed quiz '{quiz}', and the curriculum would now plan it "
                            "differently from when it was printed ({items} flagged drop since); put the printed "
                            "set's versions.json there (from the build folder it was printed from)",
                            path=display_path(record), quiz=blueprint.id, items=", ".join(dropped)))
    return Planned(now, None, (t("no record of the printed quiz at {path}: scored against the quiz as planned now",
                                 path=display_path(record)),))
