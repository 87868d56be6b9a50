"""runs: lines of plain text with italic foreign terms break where a Paragraph of the same markup
breaks them, each space in the same font, for every kisi-kisi text of the bundled curriculum at
many widths (and None where Paragraph would split a word instead)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.platypus import Paragraph

from latsar.model.load import load_curriculum
from latsar.plan.quiz import plan_quiz
from latsar.plan.quizdocs import quiz_docs
from latsar.render.pdf.markup import plain
from latsar.render.pdf.quiz.common import quiz_styles
from latsar.render.pdf.theme import make_theme
from latsar.render.pdf.runs import RunLine, _single_spaced, _wrap_words, break_lines, markup_runs, wrap_single
from latsar.render.pdf.widths import font_widths


# Italics next to punctuation, at the start and end, runs of spaces, a no-break space.
HARD = ["Menjelaskan konsep Whole of Government (WoG) dan (Smart Governance)  lagi ",
        "Whole of Government: Whole of Government; \"Whole of Government\" … ada … .",
        "(Whole of Government)(Smart Governance) x\u00a0y Smart Governance-nya dan   Smart Governance"]


def paragraph_lines(markup: str, style, width: float) -> list[tuple[list[tuple[str, str]], float]]:
    """The lines reportlab breaks, as (font, text) runs with neighbours in one font joined, and
    the word spacing it draws each with (as _leftDrawParaLine and _leftDrawParaLineX work it out)."""
    paragraph = Paragraph(markup, style)
    broken = paragraph.breakLines(width)
    if broken.kind == 0:  # one frag: drawn in its font (italic when the whole text is a foreign term)
        return [([(paragraph.frags[0].fontName, " ".join(words))], spacing(extra, len(words) + " ".join(words).count("\xa0")))
                for extra, words in broken.lines]
    return [(joined([(frag.fontName, frag.text) for frag in line.words]),
             spacing(line.extraSpace, line.wordCount + sum(f.text.count("\xa0") for f in line.words)))
            for line in broken.lines]


def spacing(extra: float, words: int) -> float:
    return extra / (words - 1) if extra <= -1e-8 and words > 1 else 0.0


def joined(pieces) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for font, text in pieces:
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + text)
        elif text:
            out.append((font, text))
    return out


def ours(lines: list[RunLine]) -> list[tuple[list[tuple[str, str]], float]]:
    return [(joined(line.pieces), line.spacing) for line in lines]


PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundled():
    curriculum, _ = load_curriculum(PROJECT / "curriculum")
    return curriculum, make_theme(curriculum.programme, "id")


@pytest.fixture(scope="module")
def kisi_texts(bundled) -> list[str]:
    curriculum, theme = bundled
    texts: set[str] = set()
    for blueprint in curriculum.blueprints:
        doc = quiz_docs(curriculum, plan_quiz(curriculum, blueprint), theme.labels).kisi
        texts |= {value for pair in doc.fields for value in pair}
        texts |= {t for row in doc.rows for t in (row.competency, row.indicator, row.module, row.chapter) if t}
    return sorted(texts)


def test_kisi_texts_break_as_paragraph_breaks_them(kisi_texts, bundled) -> None:
    theme = bundled[1]
    style = quiz_styles(theme)["q-cell"]
    mixed = squeezed = 0
    for text in kisi_texts + HARD:
        markup = plain(text, theme.foreign_terms)
        runs = markup_runs(markup, style.fontName)
        mixed += len(runs) > 1
        for width in range(40, 420, 9):
            lines = break_lines(runs, style.fontSize, width, style.spaceShrinkage)
            if lines is None:
                assert any(len(word) > 3 for word in text.split())  # only a long word is split
                continue
            assert ours(lines) == paragraph_lines(markup, style, width), (text, width)
            squeezed += any(line.spacing for line in lines)
    assert len(kisi_texts) > 50 and mixed >= 11  # the italic path was tried
    assert squeezed > 20  # and lines squeezed into their width


def test_a_word_wider_than_the_line_is_left_to_paragraph(bundled) -> None:
    style = quiz_styles(bundled[1])["q-cell"]
    runs = markup_runs(plain("Kolaborasi antarinstansi"), style.fontName)
    assert break_lines(runs, style.fontSize, 20, style.spaceShrinkage) is None


def test_a_text_that_fits_whole_is_one_line_as_word_by_word(kisi_texts, bundled) -> None:
    """wrap_single's short way (one width for a text that fits whole) breaks as the loop does."""
    style = quiz_styles(bundled[1])["q-cell"]
    font, size, shrink = style.fontName, style.fontSize, style.spaceShrinkage
    short = 0
    for text in kisi_texts + HARD + ["a\u200bb c", "a\nb", " a b", "a  b", "", "a  b\tc", "ASN  ASN\xa0ASN"]:
        for width in range(20, 700, 23):
            quick = wrap_single(font, text, size, width, shrink)
            slow = _wrap_words(font, text, font_widths(font, size), width, shrink)
            assert (quick is None) == (slow is None), (text, width)
            if quick is not None:
                assert [(line, count) for line, _, count in quick] == [(line, count) for line, _, count in slow]
                assert [used for _, used, _ in quick] == pytest.approx([used for _, used, _ in slow])
            short += _single_spaced(text) and len(quick or ()) == 1
    assert short > 100  # the short way was taken
    assert not _single_spaced("a\u200bb") and not _single_spaced("a\xa0b") and _single_spaced("Waktu 30 menit")
