"""CSV: one row per item with its options, key letter, explanation and option reasons, for
spreadsheets and form builders (Google Forms add-ons, Microsoft Forms, custom LMS importers).

Options are the printed subset in authored order (see `common.bank_items`); the key letter
points into that order. Text is plain (Markdown markup removed, paragraphs kept as line breaks
inside the quoted cell). UTF-8 with a byte-order mark, so Excel shows é and “ ” correctly;
CRLF row ends as RFC 4180 asks.
"""

from __future__ import annotations

import io
from typing import Mapping

from latsar.messages import t
from latsar.model.curriculum import Curriculum
from latsar.plan.types import LETTERS, QuizPlan
from latsar.render.export.common import ExportItem, ExportResult, bank_items
from latsar.text.formulas import FORMULA_STARTS, SafeWriter
from latsar.text.markdown import plain_text

FILE = "items.csv"


def export(curriculum: Curriculum, plan: QuizPlan, labels: Mapping[str, str] | None = None) -> ExportResult:
    items = bank_items(curriculum, plan)
    width = max((len(entry.choices) for entry in items), default=0)
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\r\n")
    writer.writerow(header(width))
    rows = [_row(entry, width) for entry in items]
    writer.writerows(rows)
    return ExportResult({FILE: buffer.getvalue().encode("utf-8-sig")}, _warnings(rows))


def header(width: int) -> list[str]:
    letters = LETTERS[:width].lower()
    return (["id", "module", "objective", "level", "difficulty", "stem"]
            + [f"option_{x}" for x in letters] + ["key", "explanation"] + [f"reason_{x}" for x in letters])


def _row(entry: ExportItem, width: int) -> list[str]:
    item = entry.item
    pad = [""] * (width - len(entry.choices))  # items with fewer options leave the last cells empty
    options = [plain_text(choice.text) for choice in entry.choices] + pad
    reasons = [plain_text(choice.reason) for choice in entry.choices] + pad
    return ([item.id, entry.module.id, item.objective, item.level, item.difficulty, plain_text(item.stem)]
            + options + [entry.key_letter, plain_text(item.explanation)] + reasons)


def _warnings(rows: list[list[str]]) -> list[str]:
    # Such cells are written with a leading ' so no spreadsheet runs them; an importer that
    # needs the exact text must drop it, so the user is told which items have them.
    risky = [row[0] for row in rows if any(cell.startswith(FORMULA_STARTS) for cell in row[1:])]
    if not risky:
        return []
    return [t("{file}: cells of the items {items} start with = + - @ or a tab, so they are written with a "
              "leading ' (a spreadsheet shows them as text, never runs them); remove it if another program "
              "needs the exact text", file=FILE, items=", ".join(risky))]
