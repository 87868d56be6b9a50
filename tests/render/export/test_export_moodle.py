"""Moodle XML read back with lxml and compared with the bank."""

from __future__ import annotations

import pytest
from lxml import etree

import exportbank
from latsar.render.export.html import html, html_compact
from readback import bank_words, html_words


@pytest.fixture(scope="module")
def quiz(main_export):
    return etree.fromstring(main_export.files["moodle.xml"])


def _questions(quiz):
    return {q.findtext("name/text"): q for q in quiz.findall("question[@type='multichoice']")}


def test_one_question_per_master_item(quiz, main_plan):
    assert sorted(_questions(quiz)) == sorted(main_plan.master)


def test_categories_are_quiz_module_objective_each_declared_once(quiz):
    paths = [c.findtext("category/text") for c in quiz.findall("question[@type='category']")]
    assert paths == [
        "$course$/top/Evaluasi // Uji & “Coba”/Pelayanan Publik // Dasar/layanan-1",
        "$course$/top/Evaluasi // Uji & “Coba”/Pelayanan Publik // Dasar/layanan-2",
        "$course$/top/Evaluasi // Uji & “Coba”/Etika & Integritas/etika-1",
    ]
    info = quiz.find("question[@type='category']/info/text").text
    assert html_words(info) == "layanan-1 (C3): Menjelaskan layanan-1."


def test_each_question_follows_its_category(quiz):
    current = None
    for question in quiz.findall("question"):
        if question.get("type") == "category":
            current = question.findtext("category/text").rsplit("/", 1)[-1]
        else:
            assert question.findtext("tags/tag[2]/text") == f"objective:{current}"


def test_stems_options_key_and_feedback_match_the_bank(quiz, bank, main_plan):
    questions = _questions(quiz)
    for item_id in main_plan.master:
        item, question = bank.item_by_id[item_id], questions[item_id]
        options = exportbank.printed(bank, main_plan, item_id)
        assert question.findtext("questiontext/text") == html(item.stem)
        assert question.findtext("generalfeedback/text") == html(item.explanation)
        answers = question.findall("answer")
        assert [a.findtext("text") for a in answers] == [html_compact(o.text) for o in options]
        assert [a.findtext("feedback/text") for a in answers] == [html_compact(o.reason) for o in options]
        assert [a.get("fraction") for a in answers] == ["100" if o.correct else "0" for o in options]
        assert question.findtext("idnumber") == item.id
        assert question.findtext("single") == "true"


def test_printed_subset_in_authored_order(quiz, bank):
    pinned = _questions(quiz)[exportbank.PINNED]
    texts = [html_words(a.findtext("text")) for a in pinned.findall("answer")]
    assert texts == [f"tetap pilihan {n}" for n in (1, 2, 3, 4)]  # the fifth option does not print


def test_shuffle_is_off_only_for_pinned_items(quiz):
    shuffles = {name: q.findtext("shuffleanswers") for name, q in _questions(quiz).items()}
    assert shuffles.pop(exportbank.PINNED) == "false"
    assert set(shuffles.values()) == {"true"}


def test_tags_carry_level_objective_difficulty_and_free_tags(quiz):
    tags = [t.text for t in _questions(quiz)[exportbank.SPECIAL].findall("tags/tag/text")]
    assert tags == ["level:C2", "objective:layanan-1", "difficulty:sedang", "kutip <x>", "a]b"]


def test_special_item_round_trips(quiz):
    question = _questions(quiz)[exportbank.SPECIAL]
    stem = question.findtext("questiontext/text")
    assert "<strong>tanda</strong>" in stem and "&lt;b&gt;" in stem
    assert html_words(stem) == bank_words(exportbank.SPECIAL_STEM)
    first = question.find("answer")
    assert html_words(first.findtext("text")) == bank_words(exportbank.SPECIAL_OPTIONS[0][0])
    assert html_words(first.findtext("feedback/text")) == bank_words(exportbank.SPECIAL_OPTIONS[0][2])
