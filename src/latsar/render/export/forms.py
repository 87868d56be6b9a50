"""Google Forms: an Apps Script whose `createQuiz()`, run once at script.google.com, creates the
quiz as a Google Form.

The form is a quiz (`setIsQuiz(true)`) opening with required identity questions whose titles are
names `latsar score` reads back (nama, NIP, instansi), then one section per module holding paket
A's items as multiple-choice questions, exactly the key marked correct, one point each, with the
pembahasan as feedback. Each question's title is the item's stem in plain text, and each choice
its option's plain text: what a responses export carries, and what the scorer matches.

The script is data plus fixed code: every text is a JSON string literal (JSON is JavaScript),
with U+2028 and U+2029 escaped too, which older JavaScript does not allow raw inside a string.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

from latsar import __version__
from latsar.labels import labels_for
from latsar.messages import t
from latsar.model.curriculum import Curriculum
from latsar.plan.handout import filler, quiz_values, template_context
from latsar.plan.types import QuizPlan
from latsar.render.export.common import ExportItem, ExportResult
from latsar.render.export.online import paket_items
from latsar.text.markdown import plain_text

FILE = "google-forms.gs"
POINTS = 1

# The script's fixed part: it reads the QUIZ data above it and calls only FormApp's public API.
CODE = """
function createQuiz() {
  var form = FormApp.create(QUIZ.title);
  form.setIsQuiz(true);
  form.setDescription(QUIZ.description);
  form.setProgressBar(true);
  QUIZ.identity.forEach(function (field) {
    form.addTextItem().setTitle(field.title).setHelpText(field.help).setRequired(true);
  });
  QUIZ.sections.forEach(function (section) {
    form.addPageBreakItem().setTitle(section.title).setHelpText(section.help);
    section.questions.forEach(function (question) {
      addQuestion(form, question);
    });
  });
  Logger.log(QUIZ.done + form.getEditUrl());
  return form;
}

function addQuestion(form, question) {
  var item = form.addMultipleChoiceItem();
  item.setTitle(question.title).setPoints(question.points).setRequired(true);
  item.setChoices(question.choices.map(function (choice) {
    return item.createChoice(choice.text, choice.correct);
  }));
  item.setFeedbackForCorrect(FormApp.createFeedback().setText(question.correct).build());
  item.setFeedbackForIncorrect(FormApp.createFeedback().setText(question.incorrect).build());
}
"""


def export(curriculum: Curriculum, plan: QuizPlan, labels: Mapping[str, str] | None = None) -> ExportResult:
    labels = labels or labels_for(curriculum.programme.language, curriculum.programme.labels)
    quiz = form_data(curriculum, plan, labels)
    header = "".join(f"// {line}\n" for line in (
        t("{title}: a Google Forms quiz written by latsar {version}.", title=plan.blueprint.title,
          version=__version__),
        t("Paste this file into a new project at script.google.com, choose createQuiz and press Run.")))
    script = f"{header}\nvar QUIZ = {js_literal(quiz)};\n{CODE}"
    return ExportResult({FILE: script.encode("utf-8")}, _warnings(plan))


def js_literal(value: Any) -> str:
    """A JavaScript literal of JSON data: JSON's escaping, plus the two line separators that
    JavaScript before ES2019 does not accept raw inside a string."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def form_data(curriculum: Curriculum, plan: QuizPlan, labels: Mapping[str, str]) -> dict[str, Any]:
    """Everything the form shows, as plain data."""
    items = paket_items(curriculum, plan)
    return {
        "title": plan.blueprint.title,
        "description": _description(curriculum, plan, labels, len(items)),
        "identity": [{"title": labels["online_name"], "help": ""},
                     {"title": labels["online_id"], "help": labels["online_id_help"]},
                     {"title": labels["online_agency"], "help": ""}],
        "sections": _sections(curriculum, items, labels),
        "done": f"{plan.blueprint.title}: ",
    }


def _description(curriculum: Curriculum, plan: QuizPlan, labels: Mapping[str, str], count: int) -> str:
    programme, blueprint = curriculum.programme, plan.blueprint
    context = {**template_context(programme, labels, ""), **quiz_values(plan, plan.versions[0].code)}
    text = filler(context, f"blueprint '{blueprint.id}'")(blueprint.instructions or labels["online_instructions_text"])
    facts = (f"{labels['quiz_time']}: {blueprint.minutes} {labels['quiz_minutes']} · "
             f"{labels['quiz_item_count']}: {count}")
    return "\n\n".join((f"{programme.title} · {programme.cohort} {programme.year}\n{programme.institution}",
                        facts, plain_text(text)))


def _sections(curriculum: Curriculum, items: list[ExportItem], labels: Mapping[str, str]) -> list[dict[str, Any]]:
    """One section per module, in teaching order; paket A's order holds within a module."""
    sections = []
    for module in curriculum.modules:
        questions = [_question(entry, labels) for entry in items if entry.module.id == module.id]
        if questions:
            sections.append({"title": module.title, "help": "", "questions": questions})
    return sections


def _question(entry: ExportItem, labels: Mapping[str, str]) -> dict[str, Any]:
    explanation = plain_text(entry.item.explanation)
    key = plain_text(entry.choices[entry.key].text)
    return {
        "id": entry.item.id,
        "title": plain_text(entry.item.stem),
        "points": POINTS,
        "choices": [{"text": plain_text(choice.text), "correct": choice.correct} for choice in entry.choices],
        "correct": explanation,
        "incorrect": f"{labels['online_key']}: {key}\n\n{explanation}",
    }


def _warnings(plan: QuizPlan) -> list[str]:
    warnings = [t("{file}: Google Forms shows plain text: bold, italic, lists and tables of the items lose "
                  "their markup (the words stay)", file=FILE)]
    if len(plan.versions) > 1:
        warnings.append(t("{file}: a form is one paket: it holds paket A's items and option order (shuffle the "
                          "questions in the form's settings if you want)", file=FILE))
    return warnings
