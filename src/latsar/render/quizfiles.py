"""The quiz set's data files, beside its PDFs: kunci.csv and versions.json (plus the answer
sheet's geometry, lembar-jawaban.json). No reportlab: a spreadsheet, a scanner or the item
analysis reads these without the PDF stack.
"""

from __future__ import annotations

import io
import json
from typing import Any

from latsar.plan.quiz import versions_document
from latsar.plan.types import QuizPlan
from latsar.sheet_geometry import DIGITS, SheetLayout, sheet_layout
from latsar.text.formulas import SafeWriter

KEY_HEADER = ("version", "number", "key", "item")


def key_csv(plan: QuizPlan) -> bytes:
    """One row per printed question of every version: version, number, key letter, master item.

    UTF-8 with a byte-order mark and CRLF row ends, like the LMS CSV export, so Excel opens it
    as it is."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\r\n")
    writer.writerow(KEY_HEADER)
    for version in plan.versions:
        for number, planned in enumerate(version.items, start=1):
            writer.writerow((version.code, number, planned.key_letter, planned.item_id))
    return buffer.getvalue().encode("utf-8-sig")


def json_bytes(document: Any) -> bytes:
    """Sorted keys, two-space indent, UTF-8, final newline: the same data gives the same bytes."""
    return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def versions_json(plan: QuizPlan) -> bytes:
    return json_bytes(versions_document(plan))


def quiz_sheet_layout(plan: QuizPlan, digits: int = DIGITS) -> SheetLayout:
    """The one answer sheet every version shares: as many rows as the longest version, and the
    blueprint's participant-number width (else `digits`, the programme's)."""
    questions = max(len(v.items) for v in plan.versions)
    blueprint = plan.blueprint
    return sheet_layout(questions, blueprint.options, [v.code for v in plan.versions],
                        blueprint.participant_digits or digits, blueprint.id)


def quiz_files(plan: QuizPlan, digits: int = DIGITS) -> dict[str, bytes]:
    return {
        "kunci.csv": key_csv(plan),
        "versions.json": versions_json(plan),
        "lembar-jawaban.json": json_bytes(quiz_sheet_layout(plan, digits).to_dict()),
    }
