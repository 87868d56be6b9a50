"""QTI 2.1 content package: every version (paket) of the quiz as an assessmentTest.

    imsmanifest.xml                   IMS Content Packaging 1.1 manifest of tests and items
    test-<paket>.xml                  assessmentTest: that version's items in printed order
    items/item-<id>-o<order>.xml      assessmentItem: one item with one option order, e.g.
                                      `-o2013` prints authored options 2, 0, 1, 3 as A–D

Each test keeps the version's item order and option order exactly (`shuffle="false"`), because
the plan fixed them. An item printed with the same options in the same order in several
versions is one file; a different order is another file (QTI fixes option order inside the
item). Stems, options and feedback are the shared HTML, embedded as QTI's XHTML elements.
Feedback: each option's reason shows when that option is chosen, the pembahasan always.
"""

from __future__ import annotations

from typing import Mapping
from xml.etree import ElementTree as ET

from latsar.model.curriculum import Curriculum
from latsar.plan.types import QuizPlan, Version
from latsar.render.export.common import (
    ExportItem, ExportResult, archive_time, document, safe_id, sub, version_items, xml_bytes, zip_bytes,
)
from latsar.messages import t
from latsar.render.export.html import html, html_compact

FILE = "qti21.zip"
QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XML_LANG = "xml:lang"
QTI_LOCATION = f"{QTI} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_LOCATION = f"{CP} http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
# Elements whose content is (X)HTML text: indenting inside them would add spaces to the words.
KEEP = frozenset({"p", "li", "td", "th", "strong", "em", "code", "blockquote",
                  "simpleChoice", "modalFeedback"})
EXPLANATION = "EXPLANATION"


def export(curriculum: Curriculum, plan: QuizPlan, labels: Mapping[str, str] | None = None) -> ExportResult:
    lang = curriculum.programme.language
    files: dict[str, bytes] = {}
    tests: dict[str, list[str]] = {}  # version code -> item idents in printed order
    renumbered: set[str] = set()  # items whose numbered lists lost their start number
    for version in plan.versions:
        idents = []
        for entry in version_items(curriculum, version):
            ident = item_ident(entry)
            if f"items/{ident}.xml" not in files:
                files[f"items/{ident}.xml"] = _item(entry, ident, lang, renumbered)
            idents.append(ident)
        files[f"test-{version.code}.xml"] = _test(plan, version, idents)
        tests[version.code] = idents
    files["imsmanifest.xml"] = _manifest(plan, tests)
    return ExportResult({FILE: zip_bytes(files, archive_time(curriculum.programme))}, _warnings(renumbered))


def item_ident(entry: ExportItem) -> str:
    """From the item id and its option order: the same printed item always gets the same id."""
    return f"item-{safe_id(entry.item.id)}-o{''.join(str(i) for i in entry.order)}"


def test_ident(plan: QuizPlan, code: str) -> str:
    return f"test-{safe_id(plan.blueprint.id)}-{code}"


def choice_ident(index: int) -> str:
    # From the authored index, so an option (and its feedback) keeps its id in every version.
    return f"opt-{index}"


def _root(tag: str, attrib: Mapping[str, str]) -> ET.Element:
    return document(tag, QTI, QTI_LOCATION, attrib)


def _item(entry: ExportItem, ident: str, lang: str, renumbered: set[str]) -> bytes:
    item = entry.item
    root = _root("assessmentItem", {"identifier": ident, "title": item.id, "adaptive": "false",
                                    "timeDependent": "false", XML_LANG: lang})
    response = _declare(root, "responseDeclaration", "RESPONSE", "single", "identifier")
    sub(sub(response, "correctResponse"), "value", choice_ident(entry.choices[entry.key].index))
    _declare(root, "outcomeDeclaration", "SCORE", "single", "float", default="0")
    _declare(root, "outcomeDeclaration", "FEEDBACK", "multiple", "identifier")
    body = sub(root, "itemBody")
    dropped = _embed(body, html(item.stem))
    interaction = sub(body, "choiceInteraction",
                      attrib={"responseIdentifier": "RESPONSE", "shuffle": "false", "maxChoices": "1"})
    for choice in entry.choices:
        dropped += _embed(sub(interaction, "simpleChoice", attrib={"identifier": choice_ident(choice.index)}),
                          html_compact(choice.text))
    _response_processing(root)
    dropped += _feedback(root, entry)
    if dropped:
        renumbered.add(item.id)
    return xml_bytes(root, KEEP)


def _declare(root: ET.Element, kind: str, identifier: str, cardinality: str, base_type: str,
             default: str | None = None) -> ET.Element:
    declaration = sub(root, kind, attrib={"identifier": identifier, "cardinality": cardinality,
                                          "baseType": base_type})
    if default is not None:
        sub(sub(declaration, "defaultValue"), "value", default)
    return declaration


def _feedback(root: ET.Element, entry: ExportItem) -> int:
    shown = [(choice_ident(c.index), html_compact(c.reason)) for c in entry.choices]
    dropped = 0
    for identifier, markup in shown + [(EXPLANATION, html(entry.item.explanation))]:
        feedback = sub(root, "modalFeedback",
                       attrib={"outcomeIdentifier": "FEEDBACK", "identifier": identifier, "showHide": "show"})
        dropped += _embed(feedback, markup)
    return dropped


def _embed(parent: ET.Element, markup: str) -> int:
    """Put the shared XHTML into `parent` as QTI elements; returns how many `ol start` numbers
    were dropped (QTI's `ol` has no `start` attribute)."""
    # Parsed without a namespace, so the tags are plain like the rest of the tree, whose root
    # declares QTI's namespace for all of them.
    wrapper = ET.fromstring(f"<div>{markup}</div>")
    dropped = 0
    for ol in wrapper.iter("ol"):
        dropped += ol.attrib.pop("start", None) is not None
    parent.text = wrapper.text
    parent.extend(list(wrapper))
    return dropped


def _response_processing(root: ET.Element) -> None:
    """SCORE 1 for the key, else 0; FEEDBACK holds the chosen option and the explanation's id,
    so the chosen option's reason and the pembahasan both show."""
    processing = sub(root, "responseProcessing")
    condition = sub(processing, "responseCondition")
    when = sub(condition, "responseIf")
    match = sub(when, "match")
    sub(match, "variable", attrib={"identifier": "RESPONSE"})
    sub(match, "correct", attrib={"identifier": "RESPONSE"})
    _set_score(when, "1")
    _set_score(sub(condition, "responseElse"), "0")
    feedback = sub(sub(processing, "setOutcomeValue", attrib={"identifier": "FEEDBACK"}), "multiple")
    sub(feedback, "variable", attrib={"identifier": "RESPONSE"})
    sub(feedback, "baseValue", EXPLANATION, {"baseType": "identifier"})


def _set_score(parent: ET.Element, value: str) -> None:
    setter = sub(parent, "setOutcomeValue", attrib={"identifier": "SCORE"})
    sub(setter, "baseValue", value, {"baseType": "float"})


def _test(plan: QuizPlan, version: Version, idents: list[str]) -> bytes:
    blueprint = plan.blueprint
    root = _root("assessmentTest", {"identifier": test_ident(plan, version.code),
                                    "title": f"{blueprint.title} ({version.code})"})
    _declare(root, "outcomeDeclaration", "SCORE", "single", "float", default="0")
    sub(root, "timeLimits", attrib={"maxTime": str(blueprint.minutes * 60)})
    part = sub(root, "testPart", attrib={"identifier": "part-1", "navigationMode": "nonlinear",
                                         "submissionMode": "simultaneous"})
    section = sub(part, "assessmentSection", attrib={"identifier": "section-1", "title": blueprint.title,
                                                     "visible": "true"})
    sub(section, "ordering", attrib={"shuffle": "false"})
    for ident in idents:
        sub(section, "assessmentItemRef", attrib={"identifier": ident, "href": f"items/{ident}.xml"})
    total = sub(sub(root, "outcomeProcessing"), "setOutcomeValue", attrib={"identifier": "SCORE"})
    sub(sub(total, "sum"), "testVariables", attrib={"variableIdentifier": "SCORE"})
    return xml_bytes(root)


def _manifest(plan: QuizPlan, tests: dict[str, list[str]]) -> bytes:
    manifest = document("manifest", CP, CP_LOCATION, {"identifier": f"manifest-{safe_id(plan.blueprint.id)}"})
    metadata = sub(manifest, "metadata")
    sub(metadata, "schema", "QTIv2.1 Package")
    sub(metadata, "schemaversion", "1.0.0")
    sub(manifest, "organizations")
    resources = sub(manifest, "resources")
    for code, idents in tests.items():
        href = f"test-{code}.xml"
        test = sub(resources, "resource", attrib={"identifier": test_ident(plan, code),
                                                  "type": "imsqti_test_xmlv2p1", "href": href})
        sub(test, "file", attrib={"href": href})
        for ident in idents:
            sub(test, "dependency", attrib={"identifierref": ident})
    for ident in sorted({i for idents in tests.values() for i in idents}):
        item = sub(resources, "resource", attrib={"identifier": ident, "type": "imsqti_item_xmlv2p1",
                                                  "href": f"items/{ident}.xml"})
        sub(item, "file", attrib={"href": f"items/{ident}.xml"})
    return xml_bytes(manifest)


def _warnings(renumbered: set[str]) -> list[str]:
    if not renumbered:
        return []
    return [t("{file}: QTI 2.1 lists always count from 1, so numbered lists that start at another number are "
              "renumbered from 1 in the items {items}", file=FILE, items=", ".join(sorted(renumbered)))]
