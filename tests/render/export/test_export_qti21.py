"""The QTI 2.1 content package: every file validated against the IMS QTI 2.1 and CP 1.1 schemas,
then each version read back (item order, option order, key, feedback) and compared with the plan."""

from __future__ import annotations

import pytest
from lxml import etree

import exportbank
from latsar.render.export.html import html, html_compact
from readback import assert_valid, bank_words, html_words, inner_xml, unzip

NS = {"q": "http://www.imsglobal.org/xsd/imsqti_v2p1", "cp": "http://www.imsglobal.org/xsd/imscp_v1p1"}


@pytest.fixture(scope="module")
def files(main_export):
    return unzip(main_export.files["qti21.zip"])


def _ref_files(files, code):
    test = etree.fromstring(files[f"test-{code}.xml"])
    return [ref.get("href") for ref in test.iterfind(".//q:assessmentItemRef", NS)]


@pytest.mark.parametrize("export", ["main_export", "rich_export"])
def test_every_file_validates(request, export, qti21_schema, cp_schema):
    files = unzip(request.getfixturevalue(export).files["qti21.zip"])
    assert_valid(cp_schema, etree.fromstring(files.pop("imsmanifest.xml")), "imsmanifest.xml")
    for name, data in files.items():
        assert_valid(qti21_schema, etree.fromstring(data), name)


def test_rich_markdown_becomes_qti_xhtml(rich_export):
    files = unzip(rich_export.files["qti21.zip"])
    body = etree.fromstring(files[_ref_files(files, "A")[0]]).find("q:itemBody", NS)
    names = {etree.QName(e).localname for e in body.iter()}
    assert {"table", "thead", "tbody", "th", "td", "code", "blockquote", "em", "ul", "li", "br"} <= names


def test_manifest_lists_every_file_with_test_dependencies(files):
    manifest = etree.fromstring(files["imsmanifest.xml"])
    resources = manifest.findall("cp:resources/cp:resource", NS)
    assert sorted(r.get("href") for r in resources) == sorted(n for n in files if n != "imsmanifest.xml")
    for resource in resources:
        if resource.get("type") == "imsqti_test_xmlv2p1":
            deps = [f"items/{d.get('identifierref')}.xml" for d in resource.findall("cp:dependency", NS)]
            assert deps == _ref_files(files, resource.get("href")[len("test-"):-len(".xml")])


def test_each_version_keeps_its_item_order_option_order_key_and_feedback(files, bank, main_plan):
    for version in main_plan.versions:
        test = etree.fromstring(files[f"test-{version.code}.xml"])
        assert test.find(".//q:ordering", NS).get("shuffle") == "false"
        refs = _ref_files(files, version.code)
        assert len(refs) == len(version.items)
        for href, planned in zip(refs, version.items):
            _check_item(etree.fromstring(files[href]), bank.item_by_id[planned.item_id], planned)


def _check_item(element, item, planned):
    assert element.get("title") == item.id
    interaction = element.find(".//q:choiceInteraction", NS)
    assert interaction.get("shuffle") == "false"
    choices = interaction.findall("q:simpleChoice", NS)
    options = [item.options[i] for i in planned.choice_order]
    assert [inner_xml(c) for c in choices] == [html_compact(o.text) for o in options]
    key = element.findtext("q:responseDeclaration/q:correctResponse/q:value", namespaces=NS)
    assert [c.get("identifier") for c in choices].index(key) == planned.key_index
    feedback = {f.get("identifier"): inner_xml(f) for f in element.iterfind("q:modalFeedback", NS)}
    assert feedback.pop("EXPLANATION") == html(item.explanation).replace(' start="3"', "")
    assert feedback == {c.get("identifier"): html_compact(o.reason) for c, o in zip(choices, options)}
    stem = element.find("q:itemBody", NS)
    stem.remove(interaction)
    assert inner_xml(stem).replace("\n    ", "").strip() == html(item.stem)


def test_an_item_printed_alike_in_several_versions_is_one_file(files):
    pinned = [n for n in files if n.startswith(f"items/item-{exportbank.PINNED}-")]
    assert pinned == [f"items/item-{exportbank.PINNED}-o0123.xml"]
    special = [n for n in files if n.startswith(f"items/item-{exportbank.SPECIAL}-")]
    assert len(special) == 2


def test_special_item_round_trips(files):
    href = next(n for n in files if n.startswith(f"items/item-{exportbank.SPECIAL}-"))
    body = etree.fromstring(files[href]).find("q:itemBody/q:p", NS)
    assert html_words(inner_xml(body)) == bank_words(exportbank.SPECIAL_STEM)


def test_parallel_versions_reference_their_own_items(rich_export, rich_plan):
    files = unzip(rich_export.files["qti21.zip"])
    for version in rich_plan.versions:
        ids = [etree.fromstring(files[href]).get("title") for href in _ref_files(files, version.code)]
        assert ids == [p.item_id for p in version.items]


def test_time_limit_and_titles(files):
    test = etree.fromstring(files["test-B.xml"])
    assert test.get("title") == "Evaluasi / Uji & “Coba” (B)"
    assert test.find("q:timeLimits", NS).get("maxTime") == "1800"
