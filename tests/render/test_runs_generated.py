"""runs: on generated texts (words, punctuation, runs of spaces, no-break spaces, ellipses, foreign
terms in italics at any place), lines break where a Paragraph of the same markup breaks them, or
the text is left to Paragraph (None). A line may keep a space at its end that Paragraph drops
(a text ending in whitespace, as a YAML block scalar does): it draws nothing, so lines are
compared without the spaces that end them."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from latsar.model.load import load_curriculum
from latsar.render.pdf.markup import plain
from latsar.render.pdf.quiz.common import quiz_styles
from latsar.render.pdf.runs import break_lines, markup_runs
from latsar.render.pdf.theme import make_theme

from test_runs import ours, paragraph_lines

TERMS = ("Whole of Government", "Smart Governance", "e-Government", "WoG")
WORDS = st.sampled_from(["ASN", "melayani", "publik", "kinerja", "(WoG)", "…", "a", "dan,", "birokrasi;",
                         "\"kolaborasi\"", "lintas-instansi", "x\u00a0y", *TERMS])
SPACES = st.sampled_from([" ", " ", " ", "  ", "\u00a0", " … "])


@st.composite
def texts(draw) -> str:
    """Words and gaps; some texts open with a space, some end with one (as YAML may give them)."""
    words = draw(st.lists(WORDS, min_size=1, max_size=24))
    gaps = draw(st.lists(SPACES, min_size=len(words), max_size=len(words)))
    text = "".join(word + gap for word, gap in zip(words, gaps))
    return draw(st.sampled_from([text, text.rstrip(" "), " " + text]))


def _cell_style():
    curriculum, _ = load_curriculum(Path(__file__).resolve().parents[2] / "curriculum")
    return quiz_styles(make_theme(curriculum.programme, "id"))["q-cell"]


STYLE = _cell_style()


@settings(max_examples=300, deadline=None)
@given(text=texts(), width=st.integers(min_value=30, max_value=420))
@example(text="dan, … WoG ", width=46)  # a space after a closing term, on a line its spaces squeeze
def test_generated_texts_break_as_paragraph_breaks_them(text: str, width: int) -> None:
    markup = plain(text, TERMS)
    lines = break_lines(markup_runs(markup, STYLE.fontName), STYLE.fontSize, width, STYLE.spaceShrinkage)
    if lines is None:
        return  # left to Paragraph itself: nothing of ours is drawn
    assert trimmed(ours(lines)) == trimmed(paragraph_lines(markup, STYLE, width)), (text, width)


def trimmed(lines):
    """Lines without the spaces ending each (drawn or not, they show nothing)."""
    return [([*pieces[:-1], (pieces[-1][0], pieces[-1][1].rstrip(" "))], spacing) for pieces, spacing in lines]
