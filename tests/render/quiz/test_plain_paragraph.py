"""plain_paragraph: a paragraph of plain text made without reportlab's markup parser is the
paragraph the parser makes (its frags, lines and drawn operators), and markup that is not plain
text still goes through the parser."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from latsar.model.load import load_curriculum
from latsar.render.pdf.markup import plain
from latsar.render.pdf.quiz.common import plain_paragraph, quiz_styles
from latsar.render.pdf.theme import make_theme

PROJECT = Path(__file__).resolve().parents[3]
# Plain text, punctuation beyond ASCII, a no-break space, a long line broken in three.
PLAIN = ["KUNCI JAWABAN", "Jumlah soal: 30 · Paket: A–D", "x\u00a0y dan z", "Kata " * 40 + "akhir"]
# Not plain: an entity, a foreign term in italics, runs of spaces, edge and line-break spaces.
PARSED = ["A & B", "Whole of Government", "dua  spasi", " tepi ", "baris\nbaru"]


@pytest.fixture(scope="module")
def styles():
    curriculum, _ = load_curriculum(PROJECT / "curriculum")
    theme = make_theme(curriculum.programme, "id")
    return quiz_styles(theme), theme.foreign_terms


def drawn(paragraph: Paragraph, width: float) -> tuple[float, list[str]]:
    """Its height and the operators it draws on a new canvas."""
    canvas = Canvas(BytesIO(), invariant=1)
    _, height = paragraph.wrap(width, 10_000)
    paragraph.drawOn(canvas, 10, 20)
    return height, canvas._code


@pytest.mark.parametrize("text", PLAIN)
@pytest.mark.parametrize("role", ["q-kicker", "q-title", "q-detail", "q-label", "q-heading"])
def test_plain_text_makes_the_parsers_paragraph(styles, text: str, role: str) -> None:
    style = styles[0][role]
    made, parsed = plain_paragraph(text, style), Paragraph(text, style)
    assert [f.__dict__ for f in made.frags] == [f.__dict__ for f in parsed.frags]
    assert drawn(made, 200) == drawn(parsed, 200)


@pytest.mark.parametrize("text", PARSED)
def test_markup_that_is_not_plain_text_is_parsed(styles, text: str) -> None:
    style_map, terms = styles
    markup = plain(text, terms)
    made, parsed = plain_paragraph(markup, style_map["q-detail"]), Paragraph(markup, style_map["q-detail"])
    assert [f.__dict__ for f in made.frags] == [f.__dict__ for f in parsed.frags]
    assert drawn(made, 120) == drawn(parsed, 120)


@pytest.mark.parametrize("text", PLAIN + ["Kata " * 9 + "akhir"])
@pytest.mark.parametrize("role", ["q-kicker", "q-title", "q-detail", "q-heading"])
@pytest.mark.parametrize("width", [120, 250, 439.37])
def test_one_line_measures_and_draws_as_the_paragraph(styles, text: str, role: str, width: float) -> None:
    """A title block's line: drawn the short way where it fits on one line unsqueezed, as a
    Paragraph otherwise; the same height and operators either way."""
    from latsar.render.pdf.oneline import OneLine, one_line

    style = styles[0][role]
    line, parsed = one_line(plain_paragraph(text, style)), Paragraph(text, style)
    assert drawn(line, width) == drawn(parsed, width)
    short = isinstance(line, OneLine) and line._line is not None
    one = len(parsed.blPara.lines) == 1 and parsed.blPara.lines[0][0] > -1e-8
    assert isinstance(line, OneLine) == ("\xa0" not in text)  # a no-break space: left to Paragraph
    assert short == (one and isinstance(line, OneLine))


@pytest.mark.parametrize("text", PLAIN)
@pytest.mark.parametrize("height", [5, 13, 20, 40, 500])
def test_one_line_splits_as_the_paragraph(styles, text: str, height: float) -> None:
    """A heading at the foot of a page: split (after the short way measured it, or before it
    was measured) into what a Paragraph splits into, the same lines drawn."""
    from latsar.render.pdf.oneline import one_line

    style = styles[0]["q-heading"]
    for measured_first in (True, False):
        line, parsed = one_line(plain_paragraph(text, style)), Paragraph(text, style)
        if measured_first:
            line.wrap(250, 10_000), parsed.wrap(250, 10_000)
        ours, theirs = line.split(250, height), parsed.split(250, height)
        assert len(ours) == len(theirs)
        assert [drawn(a, 250) for a in ours] == [drawn(b, 250) for b in theirs]
