"""GIFT read back with a small parser that resolves the escapes, and compared with the bank."""

from __future__ import annotations

import pytest

import exportbank
from latsar.render.export.gift import escape
from latsar.render.export.html import html, html_compact
from readback import bank_words, gift_chars, html_words, parse_gift


@pytest.fixture(scope="module")
def text(main_export):
    return main_export.files["gift.txt"].decode("utf-8")


@pytest.fixture(scope="module")
def questions(text):
    return {q.title: q for q in parse_gift(text)}


def _unguard(markup: str) -> str:
    # The writer turns a leading "[" or "%" into a character reference; a browser shows the same.
    for char in "[%":
        markup = markup.replace(f"&#{ord(char)};", char, 1) if markup.startswith(f"&#{ord(char)};") else markup
    return markup


def test_escape_covers_every_special_character_in_one_pass():
    assert escape("~ = # { } : \\") == "\\~ \\= \\# \\{ \\} \\: \\\\"
    assert escape("a\nb\r") == "a\\nb"
    assert escape("\\~") == "\\\\\\~"  # a backslash before a special: both escaped, neither twice
    for sample in ("\\~", "~\\", "\\\\:", "a{b}c#d=e~f:g\\h"):
        assert "".join(c for c, _ in gift_chars(escape(sample))) == sample


def test_one_question_per_master_item_with_titles_and_html_format(questions, main_plan):
    assert sorted(questions) == sorted(main_plan.master)
    assert {q.text_format for q in questions.values()} == {"html"}


def test_categories(questions):
    assert questions[exportbank.SPECIAL].category == (
        "$course$/top/Evaluasi // Uji & “Coba”/Pelayanan Publik // Dasar/layanan-1")
    assert questions["etika-1a"].category.endswith("/Etika & Integritas/etika-1")


def test_stems_options_key_and_feedback_match_the_bank(questions, bank, main_plan):
    for item_id in main_plan.master:
        item, question = bank.item_by_id[item_id], questions[item_id]
        options = exportbank.printed(bank, main_plan, item_id)
        assert question.text == html(item.stem)
        assert question.general_feedback == html(item.explanation)
        assert [(c, _unguard(t), _unguard(f)) for c, t, f in question.answers] == [
            (o.correct, html_compact(o.text), html_compact(o.reason)) for o in options]


def test_special_item_round_trips_word_for_word(questions):
    question = questions[exportbank.SPECIAL]
    assert html_words(question.text) == bank_words(exportbank.SPECIAL_STEM)
    written = [(c, html_words(t), html_words(f)) for c, t, f in question.answers]
    expected = [(c, bank_words(t), bank_words(r)) for t, c, r in exportbank.SPECIAL_OPTIONS[:4]]
    assert sorted(written) == sorted(expected)


def test_special_characters_are_escaped_in_the_file(text):
    line = next(line for line in text.splitlines() if line.startswith(f"::{exportbank.SPECIAL}::"))
    for escaped in ("\\~", "\\=", "\\#", "\\{\\}", "\\:", "C\\:\\\\data\\\\"):
        assert escaped in line, escaped
    assert "&\\#91;plain] bukan format" in text and "&\\#37;50% dari" in text


def test_id_and_tags_in_moodle_comment_syntax(questions):
    assert questions[exportbank.SPECIAL].comment == (
        "// [id:khusus-1] [tag:level:C2] [tag:objective:layanan-1] [tag:difficulty:sedang] "
        "[tag:kutip x] [tag:a\\]b]")
