"""Moodle XML: every item of the quiz as a single-answer `multichoice` question.

Categories: quiz / module / objective (see `common.category_path`), with the objective's outcome
as the category's description. Options are the printed subset in authored order (see
`common.bank_items`); Moodle shuffles them unless the item pins its options. Text is HTML from
the Markdown tree, stored as escaped element text (the XML writer escapes; no CDATA needed).
"""

from __future__ import annotations

from typing import Mapping
from xml.etree import ElementTree as ET

from latsar.model.curriculum import Curriculum
from latsar.plan.types import QuizPlan
from latsar.render.export.common import (
    ExportItem, ExportResult, bank_items, by_category, category_path, item_tags, sub, xml_bytes,
)
from latsar.render.export.html import escape, html, html_compact

FILE = "moodle.xml"
HTML = {"format": "html"}


def export(curriculum: Curriculum, plan: QuizPlan, labels: Mapping[str, str] | None = None) -> ExportResult:
    quiz = ET.Element("quiz")
    category = None
    for entry in by_category(curriculum, bank_items(curriculum, plan)):
        path = category_path(plan, entry)
        if path != category:
            _category(quiz, path, entry)
            category = path
        _question(quiz, entry)
    return ExportResult({FILE: xml_bytes(quiz)})


def _category(quiz: ET.Element, path: str, entry: ExportItem) -> None:
    question = sub(quiz, "question", attrib={"type": "category"})
    sub(sub(question, "category"), "text", path)
    info = f"<p>{escape(entry.objective.id)} ({entry.objective.level}): {escape(entry.objective.text)}</p>"
    sub(sub(question, "info", attrib=HTML), "text", info)


def _question(quiz: ET.Element, entry: ExportItem) -> None:
    item = entry.item
    question = sub(quiz, "question", attrib={"type": "multichoice"})
    sub(sub(question, "name"), "text", item.id)
    sub(sub(question, "questiontext", attrib=HTML), "text", html(item.stem))
    sub(sub(question, "generalfeedback", attrib=HTML), "text", html(item.explanation))
    for tag, value in (("defaultgrade", "1"), ("penalty", "0"), ("hidden", "0"), ("idnumber", item.id),
                       ("single", "true"), ("shuffleanswers", "false" if item.pin_options else "true"),
                       ("answernumbering", "ABCD"), ("showstandardinstruction", "0")):
        sub(question, tag, value)
    for choice in entry.choices:
        answer = sub(question, "answer", attrib={"fraction": "100" if choice.correct else "0", **HTML})
        sub(answer, "text", html_compact(choice.text))
        sub(sub(answer, "feedback", attrib=HTML), "text", html_compact(choice.reason))
    tags = sub(question, "tags")
    for tag in item_tags(entry):
        sub(sub(tags, "tag"), "text", tag)
