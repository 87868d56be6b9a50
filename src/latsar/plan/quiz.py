"""Quiz planning: items from the bank by the blueprint's cells, then versions (paket A, B, …).

Pure: no I/O, no reportlab. Every decision is a stable hash of (seed, quiz, version, item), so
the same inputs give the same plan on any machine, and a bigger bank disturbs little:

- selection (shuffle mode): each cell takes its `count` best-ranked usable items; a new item
  changes the master set by at most one swap (the new item in, one item out);
- order (shuffle mode): in every version the items common to both banks keep their relative
  printed order, and each common unpinned item keeps its distractors' relative order (its key
  may move, since key letters are balanced over the whole version); pinned items print as
  before. A version whose order had to be re-drawn because of pinned items says so in the notes.

Key letters in each version: counts differ by at most one, and no letter is the key of more than
three consecutive questions; pinned items are the only exceptions (see `balance`).
"""

from __future__ import annotations

from latsar.errors import Diagnostic, LatsarError
from latsar.messages import t
from latsar.model.curriculum import Curriculum
from latsar.model.schema import Blueprint
from latsar.plan.cells import Shortfall
from latsar.plan.mapping import score_version, versions_document
from latsar.plan.parallel import master_of, parallel_forms
from latsar.plan.select import select_cells, shortfalls
from latsar.plan.stable import version_code
from latsar.plan.types import QuizPlan
from latsar.plan.verify import EQUIVALENCE_TOLERANCE, verify_plan
from latsar.plan.versions import build_version

__all__ = [
    "EQUIVALENCE_TOLERANCE",
    "Shortfall",
    "plan_quiz",
    "score_version",
    "shortfalls",
    "verify_plan",
    "version_code",
    "versions_document",
]


def plan_quiz(curriculum: Curriculum, blueprint: Blueprint) -> QuizPlan:
    """Select, order and shuffle the quiz; LatsarError if a cell cannot be filled."""
    cells, short = select_cells(curriculum, blueprint)
    if short:
        raise LatsarError(
            Diagnostic(
                None,
                t("quiz '{quiz}': {problem}", quiz=blueprint.id, problem=s.message()),
                hint=t("add items to the bank, lower the rule's count or widen the rule"),
            )
            for s in short
        )
    if blueprint.mode == "parallel":
        forms, notes = parallel_forms(curriculum, blueprint, cells)
        master = master_of(curriculum, forms)
        contents = [[item_id for _, item_id in form] for form in forms]
    else:
        master = tuple(item.id for cell in cells for item in cell)
        contents, notes = [list(master)] * blueprint.versions, ()
    versions = []
    for index, item_ids in enumerate(contents):
        version, version_notes = build_version(curriculum, blueprint, version_code(index), item_ids)
        versions.append(version)
        notes += version_notes
    plan = QuizPlan(
        blueprint=blueprint, master=master, versions=tuple(versions), notes=tuple(notes)
    )
    problems = verify_plan(curriculum, plan)
    if problems:
        # A planner bug, not a user error: it should trace, not print as a friendly message.
        raise RuntimeError(
            f"quiz '{blueprint.id}': the plan breaks its own rules:\n" + "\n".join(problems)
        )
    return plan
