"""The versions document (which master item sits where in each paket) and scoring through it.

The document is what a scanner, a spreadsheet or the item analysis needs to map any answer
sheet back to master items; it is plain JSON (sorted keys, integers and strings only), so the
same plan always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from latsar.errors import LatsarError, did_you_mean
from latsar.messages import t
from latsar.plan.types import QuizPlan, Version

FORMAT = "latsar-versions/1"


def versions_document(plan: QuizPlan) -> dict[str, Any]:
    """For each version: its form (master order) and, per printed question, the master item,
    the option permutation (authored indices in printed order) and the key letter."""
    blueprint = plan.blueprint
    return {
        "blueprint": blueprint.id,
        "format": FORMAT,
        "master": list(plan.master),
        "mode": blueprint.mode,
        "options": blueprint.options,
        "seed": blueprint.seed,
        "versions": [_version_entry(plan.master, version) for version in plan.versions],
    }


def _version_entry(master: Sequence[str], version: Version) -> dict[str, Any]:
    held = {p.item_id for p in version.items}
    return {
        "code": version.code,
        # Master order restricted to this version: the order scores come back in. In shuffle
        # mode this is the master itself; in parallel mode each version's own items.
        "form": [item_id for item_id in master if item_id in held],
        "items": [
            {"item": p.item_id, "key": p.key_letter, "order": list(p.choice_order), "position": n}
            for n, p in enumerate(version.items, start=1)
        ],
    }


def score_version(
    plan_or_document: QuizPlan | Mapping[str, Any], version_code: str, answers: Sequence[str | None]
) -> list[bool]:
    """Whether each item of the version's form was answered correctly, in form order.

    `answers` holds one letter (or None / "" for no answer) per printed question; case and
    surrounding blanks are ignored.
    """
    document = (
        versions_document(plan_or_document)
        if isinstance(plan_or_document, QuizPlan)
        else plan_or_document
    )
    version = _find_version(document, version_code)
    questions = version["items"]
    if len(answers) != len(questions):
        raise LatsarError(
            t("paket {code} of '{quiz}' has {questions} questions, the answer sheet has {answers} answers",
              code=version_code, quiz=document["blueprint"], questions=len(questions), answers=len(answers))
        )
    correct = {
        q["item"]: (answer or "").strip().upper() == q["key"]
        for q, answer in zip(questions, answers)
    }
    return [correct[item_id] for item_id in version["form"]]


def _find_version(document: Mapping[str, Any], code: str) -> Mapping[str, Any]:
    versions = {entry["code"]: entry for entry in document["versions"]}
    if code not in versions:
        hint = did_you_mean(code, versions) or t("its versions are {codes}", codes=", ".join(versions))
        raise LatsarError(t("quiz '{quiz}' has no paket '{code}'; {hint}", quiz=document["blueprint"],
                            code=code, hint=hint))
    return versions[code]
