"""Kahoot: `kahoot.xlsx` in the layout of Kahoot's quiz spreadsheet template (Create › Add
question › Import spreadsheet).

The template's rows 1–7 are its title and help; row 8 heads the columns (number, question,
answers 1–4, time limit, correct answer) and questions start on row 9. Kahoot's limits are
hard: a question of at most 120 characters, at most 4 answers of at most 75 characters each, and
a time limit it offers. Kahoot gets an item's short form for live games where one is written
(`live_stem:`, an option's `live_text:`; see `model.live`). An item that still does not fit is
left out whole and named with its YAML place in notes.txt; nothing is cut short. Paket A's items
and option order are carried (see `online`); the time per question is the blueprint's
`question_seconds`, else its minutes shared over the questions.
"""

from __future__ import annotations

from typing import Mapping

from latsar.errors import Diagnostic
from latsar.messages import N_, t
from latsar.model.curriculum import Curriculum
from latsar.model.live import ANSWERS, OPTION_CHARS, STEM_CHARS, live_stem, live_text
from latsar.plan.types import QuizPlan
from latsar.render.export.common import ExportItem, ExportRefused, ExportResult
from latsar.render.export.online import paket_items, question_seconds, workbook
from latsar.reproducible import document_time

FILE = "kahoot.xlsx"
SECONDS: tuple[int, ...] = (5, 10, 20, 30, 60, 90, 120, 240)
HEADER_ROW = 8
HEADER = (None, "Question - max 120 characters", "Answer 1 - max 75 characters", "Answer 2 - max 75 characters",
          "Answer 3 - max 75 characters", "Answer 4 - max 75 characters",
          "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs", "Correct answer(s) - choose at least one")
_HINT = N_("write its short form for live quizzes (`live_stem:`, an option's `live_text:`), or use the Quizizz or "
           "Moodle export, which carry it")
_OPTIONS_HINT = N_("print {most} options (`options: {most}` in the blueprint) for Kahoot, or use the Quizizz or "
                   "Moodle export, which carry {count}")


def export(curriculum: Curriculum, plan: QuizPlan, labels: Mapping[str, str] | None = None) -> ExportResult:
    items = paket_items(curriculum, plan)
    reasons = [(entry, misfits(entry)) for entry in items]
    fitting = [entry for entry, why in reasons if not why]
    notes = [_note(curriculum, entry, why) for entry, why in reasons if why]
    if not fitting:
        raise ExportRefused(notes)
    seconds = question_seconds(plan, len(items), SECONDS)
    rows = _preamble(plan) + [[n, live_stem(e.item), *_answers(e), seconds, e.key + 1]
                              for n, e in enumerate(fitting, start=1)]
    data = workbook("Kahoot", rows, document_time(curriculum.programme), (5, 60, 30, 30, 30, 30, 14, 14))
    summary = [t("{file}: {count} of {total} items left out: they do not fit Kahoot's limits", file=FILE,
                 count=len(notes), total=len(items))] if notes else []
    return ExportResult({FILE: data}, summary + _short_forms(fitting) + [note.format() for note in notes])


def _note(curriculum: Curriculum, entry: ExportItem, why: list[str]) -> Diagnostic:
    """An item left out, at its place in the YAML, with the way to keep it: a short form, or, when
    the quiz prints more options than Kahoot's answers, fewer options (no short form helps there)."""
    hint = (t(_OPTIONS_HINT, most=ANSWERS, count=len(entry.choices)) if len(entry.choices) > ANSWERS
            else t(_HINT))
    return Diagnostic(curriculum.item_locations.get(entry.item.id),
                      t("{file}: item '{id}' left out: {reasons}", file=FILE, id=entry.item.id,
                        reasons="; ".join(why)), hint=hint)


def _short_forms(fitting: list[ExportItem]) -> list[str]:
    """Say how many questions Kahoot shows in their short form, so the wording surprises nobody."""
    short = sum(bool(e.item.live_stem or any(e.item.options[c.index].live_text for c in e.choices)) for e in fitting)
    return [t("{file}: {count} of {total} questions in their short form for live quizzes (`live_stem:`, "
              "`live_text:`); the printed quiz has the full text", file=FILE, count=short,
              total=len(fitting))] if short else []


def misfits(entry: ExportItem) -> list[str]:
    """Why an item does not fit Kahoot's limits (empty when it fits)."""
    why = []
    if len(stem := live_stem(entry.item)) > STEM_CHARS:
        why.append(t("its question has {count} characters, Kahoot takes {most}", count=len(stem),
                     most=STEM_CHARS))
    if len(entry.choices) > ANSWERS:
        why.append(t("it prints {count} options, Kahoot takes {most}", count=len(entry.choices), most=ANSWERS))
    for n, text in enumerate(_answers(entry)[:ANSWERS], start=1):
        if len(text) > OPTION_CHARS:
            why.append(t("answer {number} has {count} characters, Kahoot takes {most}", number=n,
                         count=len(text), most=OPTION_CHARS))
    return why


def _answers(entry: ExportItem) -> list[str]:
    """The answers as Kahoot shows them, in printed order (the short forms where written)."""
    texts = [live_text(entry.item.options[choice.index]) for choice in entry.choices]
    return texts + [""] * (ANSWERS - len(texts))


def _preamble(plan: QuizPlan) -> list[list[object]]:
    """Rows 1–8: the template's title and help lines, then the column heads."""
    rows: list[list[object]] = [[] for _ in range(HEADER_ROW - 1)]
    rows[0] = ["", "Quiz template"]
    rows[1] = ["", plan.blueprint.title]
    rows[2] = ["", "Add questions, at least two answer alternatives, time limit and choose correct answers."]
    return rows + [list(HEADER)]
