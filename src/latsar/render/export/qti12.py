"""QTI 1.2 as Canvas imports it ("QTI .zip file"): the quiz as one assessment, packaged the way
Canvas's own quiz export is, so Canvas reads every field it writes.

    imsmanifest.xml                      content package manifest (Common Cartridge namespace)
    <quiz>/<quiz>.xml                    questestinterop: the assessment and its items
    <quiz>/assessment_meta.xml           Canvas quiz settings: title, time limit, shuffling

Items are in master order with the printed subset of options in authored order (see
`common.bank_items`). Canvas shuffles answers per quiz, not per question, so shuffling is on
unless an item pins its options (then off for the whole quiz, and a warning says so).
"""

from __future__ import annotations

from typing import Mapping
from xml.etree import ElementTree as ET

from latsar.model.curriculum import Curriculum
from latsar.plan.types import QuizPlan
from latsar.render.export.common import (
    ExportItem, ExportResult, archive_time, bank_items, document, pinned, safe_id, sub, xml_bytes, zip_bytes,
)
from latsar.messages import t
from latsar.render.export.html import html, html_compact

FILE = "qti12-canvas.zip"
QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS = "http://canvas.instructure.com/xsd/cccv1p0"
LOCATIONS = {
    QTI: "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd",
    CP: "http://www.imsglobal.org/xsd/imscp_v1p1.xsd",
    CANVAS: "https://canvas.instructure.com/xsd/cccv1p0.xsd",
}
RESPONSE = "response1"


def export(curriculum: Curriculum, plan: QuizPlan, labels: Mapping[str, str] | None = None) -> ExportResult:
    items = bank_items(curriculum, plan)
    quiz = safe_id(f"latsar-{plan.blueprint.id}")
    files = {
        "imsmanifest.xml": _manifest(quiz),
        f"{quiz}/{quiz}.xml": _assessment(plan, items, quiz),
        f"{quiz}/assessment_meta.xml": _meta(plan, items, quiz),
    }
    return ExportResult({FILE: zip_bytes(files, archive_time(curriculum.programme))}, _warnings(items))


def _root(namespace: str, tag: str, attrib: Mapping[str, str]) -> ET.Element:
    return document(tag, namespace, f"{namespace} {LOCATIONS[namespace]}", attrib)


def _manifest(quiz: str) -> bytes:
    manifest = _root(CP, "manifest", {"identifier": f"{quiz}-manifest"})
    metadata = sub(manifest, "metadata")
    sub(metadata, "schema", "IMS Content")
    sub(metadata, "schemaversion", "1.1.3")
    sub(manifest, "organizations")
    resources = sub(manifest, "resources")
    assessment = sub(resources, "resource", attrib={"identifier": quiz, "type": "imsqti_xmlv1p2"})
    sub(assessment, "file", attrib={"href": f"{quiz}/{quiz}.xml"})
    sub(assessment, "dependency", attrib={"identifierref": f"{quiz}-meta"})
    meta = sub(resources, "resource", attrib={
        "identifier": f"{quiz}-meta", "type": "associatedcontent/imscc_xmlv1p1/learning-application-resource",
        "href": f"{quiz}/assessment_meta.xml"})
    sub(meta, "file", attrib={"href": f"{quiz}/assessment_meta.xml"})
    return xml_bytes(manifest)


def _meta(plan: QuizPlan, items: list[ExportItem], quiz: str) -> bytes:
    """Canvas's quiz settings (its own namespace; Canvas reads each element by name)."""
    blueprint = plan.blueprint
    root = _root(CANVAS, "quiz", {"identifier": quiz})
    settings = (
        ("title", blueprint.title),
        ("description", html(blueprint.instructions) if blueprint.instructions else ""),
        ("shuffle_answers", "false" if pinned(items) else "true"),
        ("scoring_policy", "keep_highest"),
        ("quiz_type", "assignment"),
        ("points_possible", str(len(items))),
        ("time_limit", str(blueprint.minutes)),
        ("allowed_attempts", "1"),
    )
    for tag, value in settings:
        sub(root, tag, value)
    return xml_bytes(root)


def _assessment(plan: QuizPlan, items: list[ExportItem], quiz: str) -> bytes:
    root = _root(QTI, "questestinterop", {})
    assessment = sub(root, "assessment", attrib={"ident": quiz, "title": plan.blueprint.title})
    _fields(sub(assessment, "qtimetadata"), {"cc_maxattempts": "1"})
    section = sub(assessment, "section", attrib={"ident": "root_section"})
    for entry in items:
        _item(section, entry, quiz)
    return xml_bytes(root)


def _fields(parent: ET.Element, fields: Mapping[str, str]) -> None:
    for label, entry in fields.items():
        field = sub(parent, "qtimetadatafield")
        sub(field, "fieldlabel", label)
        sub(field, "fieldentry", entry)


def _answer_id(entry: ExportItem, index: int) -> str:
    # From the authored index, so an option keeps its id whatever prints before it.
    return f"{safe_id(entry.item.id)}-{index}"


def _item(section: ET.Element, entry: ExportItem, quiz: str) -> None:
    item = sub(section, "item", attrib={"ident": f"{quiz}-{safe_id(entry.item.id)}", "title": entry.item.id})
    answers = [_answer_id(entry, choice.index) for choice in entry.choices]
    _fields(sub(sub(item, "itemmetadata"), "qtimetadata"), {
        "question_type": "multiple_choice_question",
        "points_possible": "1",
        "original_answer_ids": ",".join(answers),
    })
    _presentation(item, entry, answers)
    _resprocessing(item, entry, answers)
    _feedback(item, "general_fb", html(entry.item.explanation))
    for answer, choice in zip(answers, entry.choices):
        _feedback(item, f"{answer}_fb", html_compact(choice.reason))


def _material(parent: ET.Element, markup: str) -> None:
    sub(sub(parent, "material"), "mattext", markup, {"texttype": "text/html"})


def _presentation(item: ET.Element, entry: ExportItem, answers: list[str]) -> None:
    presentation = sub(item, "presentation")
    _material(presentation, html(entry.item.stem))
    response = sub(presentation, "response_lid", attrib={"ident": RESPONSE, "rcardinality": "Single"})
    choices = sub(response, "render_choice", attrib={"shuffle": "No" if entry.item.pin_options else "Yes"})
    for answer, choice in zip(answers, entry.choices):
        _material(sub(choices, "response_label", attrib={"ident": answer}), html_compact(choice.text))


def _resprocessing(item: ET.Element, entry: ExportItem, answers: list[str]) -> None:
    processing = sub(item, "resprocessing")
    sub(sub(processing, "outcomes"), "decvar", attrib={
        "maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"})
    always = sub(processing, "respcondition", attrib={"continue": "Yes"})
    sub(sub(always, "conditionvar"), "other")
    sub(always, "displayfeedback", attrib={"feedbacktype": "Response", "linkrefid": "general_fb"})
    for answer in answers:
        chosen = sub(processing, "respcondition", attrib={"continue": "Yes"})
        sub(sub(chosen, "conditionvar"), "varequal", answer, {"respident": RESPONSE})
        sub(chosen, "displayfeedback", attrib={"feedbacktype": "Response", "linkrefid": f"{answer}_fb"})
    correct = sub(processing, "respcondition", attrib={"continue": "No"})
    sub(sub(correct, "conditionvar"), "varequal", answers[entry.key], {"respident": RESPONSE})
    sub(correct, "setvar", "100", {"action": "Set", "varname": "SCORE"})


def _feedback(item: ET.Element, ident: str, markup: str) -> None:
    feedback = sub(item, "itemfeedback", attrib={"ident": ident})
    _material(sub(feedback, "flow_mat"), markup)


def _warnings(items: list[ExportItem]) -> list[str]:
    held = pinned(items)
    if not held:
        return []
    return [t("{file}: Canvas shuffles answers for a whole quiz or not at all; because the items {items} pin "
              "their options, shuffling is off for this quiz", file=FILE, items=", ".join(held))]
