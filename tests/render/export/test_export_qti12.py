"""The Canvas QTI 1.2 zip: validated against the IMS QTI 1.2 XSD and DTD and the CP schema, then
read back and compared with the bank."""

from __future__ import annotations

import pytest
from lxml import etree

import exportbank
from latsar.render.export.html import html, html_compact
from readback import assert_valid, bank_words, html_words, unzip, without_namespaces

NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2",
      "cp": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1",
      "c": "http://canvas.instructure.com/xsd/cccv1p0"}
QUIZ = "latsar-evaluasi-uji"


@pytest.fixture(scope="module")
def files(main_export):
    return unzip(main_export.files["qti12-canvas.zip"])


@pytest.fixture(scope="module")
def assessment(files):
    return etree.fromstring(files[f"{QUIZ}/{QUIZ}.xml"])


def _items(assessment):
    return {i.get("title"): i for i in assessment.iterfind(".//q:item", NS)}


def test_package_layout_as_canvas_exports_it(files):
    assert sorted(files) == ["imsmanifest.xml", f"{QUIZ}/assessment_meta.xml", f"{QUIZ}/{QUIZ}.xml"]
    manifest = etree.fromstring(files["imsmanifest.xml"])
    resources = manifest.findall("cp:resources/cp:resource", NS)
    assert [(r.get("type"), r.find("cp:file", NS).get("href")) for r in resources] == [
        ("imsqti_xmlv1p2", f"{QUIZ}/{QUIZ}.xml"),
        ("associatedcontent/imscc_xmlv1p1/learning-application-resource", f"{QUIZ}/assessment_meta.xml")]


@pytest.mark.parametrize("export", ["main_export", "rich_export"])
def test_validates_against_the_qti_12_xsd_and_dtd(request, export, qti12_schema, qti12_dtd):
    files = unzip(request.getfixturevalue(export).files["qti12-canvas.zip"])
    for name, data in files.items():
        if name.endswith(".xml") and name != "imsmanifest.xml" and not name.endswith("assessment_meta.xml"):
            document = etree.fromstring(data)
            assert_valid(qti12_schema, document, name)
            assert_valid(qti12_dtd, without_namespaces(document), f"{name} (namespace-free, against the DTD)")


def test_manifest_validates_against_ims_cp(files, cc_cp_schema):
    assert_valid(cc_cp_schema, etree.fromstring(files["imsmanifest.xml"]), "imsmanifest.xml")


def test_stems_options_key_and_feedback_match_the_bank(assessment, bank, main_plan):
    items = _items(assessment)
    assert list(items) == list(main_plan.master)
    for item_id, element in items.items():
        item, printed = bank.item_by_id[item_id], exportbank.printed(bank, main_plan, item_id)
        assert element.findtext("q:presentation/q:material/q:mattext", namespaces=NS) == html(item.stem)
        labels = element.findall(".//q:response_label", NS)
        assert [l.findtext(".//q:mattext", namespaces=NS) for l in labels] == [html_compact(o.text) for o in printed]
        scored = element.find(".//q:respcondition[q:setvar='100']", NS)
        key = scored.findtext("q:conditionvar/q:varequal", namespaces=NS)
        assert printed[[l.get("ident") for l in labels].index(key)].correct
        feedback = {f.get("ident"): f.findtext(".//q:mattext", namespaces=NS) for f in element.findall("q:itemfeedback", NS)}
        assert feedback.pop("general_fb") == html(item.explanation)
        assert feedback == {f"{l.get('ident')}_fb": html_compact(o.reason) for l, o in zip(labels, printed)}


def test_special_item_round_trips(assessment):
    element = _items(assessment)[exportbank.SPECIAL]
    stem = element.findtext("q:presentation/q:material/q:mattext", namespaces=NS)
    assert html_words(stem) == bank_words(exportbank.SPECIAL_STEM)


def test_quiz_settings(files, bank, rich_plan):
    meta = etree.fromstring(files[f"{QUIZ}/assessment_meta.xml"])
    settings = {e.tag.split("}")[1]: e.text for e in meta}
    assert settings["title"] == "Evaluasi / Uji & “Coba”"
    assert settings["shuffle_answers"] == "false"  # the main plan holds a pinned item
    assert (settings["time_limit"], settings["points_possible"]) == ("30", "4")
    assert html_words(settings["description"]) == "Kerjakan sendiri."


def test_shuffling_is_on_without_pinned_items(rich_export):
    files = unzip(rich_export.files["qti12-canvas.zip"])
    meta = etree.fromstring(files["latsar-kaya/assessment_meta.xml"])
    assert meta.findtext("c:shuffle_answers", namespaces=NS) == "true"
