"""Moodle XML: single-answer `multichoice` questions, with their category, per-answer feedback
(the options' reasons), general feedback (the pembahasan), tags, id number and shuffling.

Parsed by lxml with entities left unresolved, no DTD loaded and no network: an XML bomb or an
external entity reads as nothing. Every question that is not single-answer multiple choice, and
every answer worth neither 0 nor 100 %, is reported at its line; categories set the objective
of the questions after them when their last part is an objective id (as latsar's export writes).
"""

from __future__ import annotations

import re
from typing import Any

from latsar.errors import Location
from latsar.ingest.bank import Imported, ImportedItem, ImportedOption
from latsar.ingest.markup import html_to_markdown, text_to_markdown
from latsar.messages import t

ID_LIKE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def read(display: str, data: bytes) -> Imported:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True)
    found = Imported()
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        found.problem(Location(display, line, column + 1), t("not well-formed XML: {reason}", reason=exc.msg),
                      t("export the questions again from Moodle (Question bank › Export › Moodle XML)"))
        return found
    if root.tag != "quiz":
        found.problem(Location(display, root.sourceline or 1, 1),
                      t("the root element is <{tag}>, not <quiz>", tag=root.tag),
                      t("this is not a Moodle XML question file"))
        return found
    objective = None
    for question in root.iter("question"):
        kind = question.get("type", "")
        where = Location(display, question.sourceline or 0, 1)
        if kind == "category":
            objective = _category_objective(_text(question, "category"))
        elif kind == "multichoice":
            _multichoice(question, where, objective, found)
        else:
            found.problem(where, t("question of type '{kind}' cannot be imported; latsar's items are single-answer "
                                   "multiple choice", kind=kind),
                          t("leave it out of the file, or rewrite it as multichoice"))
    return found


def _category_objective(path: str) -> str | None:
    last = path.rstrip("/").rsplit("/", 1)[-1].strip()
    return last if ID_LIKE.match(last) else None


def _multichoice(question: Any, where: Location, objective: str | None, found: Imported) -> None:
    if (question.findtext("single") or "true").strip().lower() in ("false", "0"):
        found.problem(where, t("a multiple-answer question (<single>false</single>) cannot be imported; "
                               "latsar's items have exactly one key"),
                      t("make it single-answer in Moodle, or leave it out"))
        return
    texts = [question.find("questiontext"), *question.findall("answer")]
    if any("<img" in (element.findtext("text") or "").lower() for element in texts if element is not None):
        found.problem(where, t("question holds an image, which a latsar item cannot carry"),
                      t("describe the picture in words, or leave the question out"))
        return
    options = []
    for answer in question.findall("answer"):
        fraction = (answer.get("fraction") or "0").strip()
        if fraction not in ("0", "100", "0.0", "100.0", "0.0000000", "100.0000000"):
            found.problem(Location(where.path, answer.sourceline or where.line, 1),
                          t("answer worth {fraction} % cannot be imported; an option is either the key (100) or "
                            "wrong (0)", fraction=fraction), t("set the fraction to 100 or 0"))
            return
        feedback = answer.find("feedback")
        options.append(ImportedOption(_markup(answer), fraction.startswith("100"),
                                      _markup(feedback) if feedback is not None and _raw(feedback) else None))
    name = (question.findtext("idnumber") or "").strip() or _text(question, "name").strip() or None
    item = ImportedItem(where, _markup(question.find("questiontext")), options, name=name,
                        explanation=_markup(question.find("generalfeedback")) or None, objective=objective,
                        tags=[(t.findtext("text") or "").strip() for t in question.iter("tag")],
                        pin_options=(question.findtext("shuffleanswers") or "").strip().lower() in ("false", "0"))
    item.take_field_tags()
    found.items.append(item)


def _text(element: Any, child: str) -> str:
    found = element.find(child)
    return "" if found is None else (found.findtext("text") or "")


def _raw(element: Any) -> str:
    return (element.findtext("text") or "").strip()


def _markup(element: Any) -> str:
    """An element's <text> as Markdown, read as HTML unless its format says otherwise."""
    if element is None:
        return ""
    raw = element.findtext("text") or ""
    fmt = element.get("format", "html")
    return text_to_markdown(raw) if fmt in ("plain_text", "moodle_auto_format") else html_to_markdown(raw)
