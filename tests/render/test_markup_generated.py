"""markup: on generated terms and texts, the foreign-term pattern (its terms grouped under their
first letter) finds what one alternative per term, longest first, finds; and `bind_ellipsis`
(which skips texts without an ellipsis) binds as its pattern alone binds."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from latsar.render.pdf.markup import _ELLIPSIS, _foreign_pattern, bind_ellipsis

# Letters that match another under IGNORECASE (Kelvin sign, long s, dotless i, dotted I),
# markup characters, and a no-break space.
LETTERS = st.sampled_from(list("aAbBgGkKsSiIwW") + ["\u212a", "\u017f", "\u0131", "\u0130", "&", "<", "-", " ",
                                                    "\u00a0", "é", "É", "1"])
TERMS = st.lists(st.text(LETTERS, min_size=1, max_size=6), min_size=1, max_size=8)
TEXT = st.text(st.sampled_from(list("aAbBgGkKsSiIwW") + ["\u212a", "\u017f", "\u0131", "\u0130", "&", ">", " ",
                                                         "é", "x", "…", ".", "\t"]), max_size=40)


def flat_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern as first written: one alternative per term, longest first."""
    alternatives = "|".join(re.escape(escape(t)) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w>])(?:{alternatives})(?!\w)", re.IGNORECASE)


@settings(max_examples=400, deadline=None)
@given(terms=TERMS, text=TEXT)
def test_grouped_terms_match_as_one_alternative_per_term(terms: list[str], text: str) -> None:
    markup = escape(text)
    found = [(m.span(), m[0]) for m in _foreign_pattern(tuple(terms)).finditer(markup)]
    assert found == [(m.span(), m[0]) for m in flat_pattern(tuple(terms)).finditer(markup)]


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_ellipses_are_bound_as_the_pattern_binds_them(text: str) -> None:
    assert bind_ellipsis(text) == _ELLIPSIS.sub("\u00a0", text)


@settings(max_examples=300, deadline=None)
@given(terms=TERMS, text=TEXT)
def test_markup_has_a_tag_exactly_where_it_sets_a_term_in_italics(terms: list[str], text: str) -> None:
    """What the kisi-kisi reads from `plain` markup: "<" in it exactly where it differs from the
    escaped words, i.e. where some term is set in italics."""
    from latsar.render.pdf.markup import plain

    markup = plain(text, terms)
    assert ("<" in markup) == (markup != escape(bind_ellipsis(text)))


# ASCII characters of every kind the prefilter tells apart (word characters in both cases,
# digits, the underscore, markup, punctuation, whitespace), and a few that make a text not ASCII.
ASCII = list("aAbBkKsSiIwWzZ019_&<>-.(\" \t")
WILD = ["\u212a", "\u017f", "\u0131", "\u0130", "é", "\u00a0"]


@st.composite
def terms_and_text(draw) -> tuple[list[str], str]:
    """Terms, mostly ASCII, and a text of pieces of them and other characters: the terms stand in
    it whole, cut, in other case and next to word characters."""
    letters = st.sampled_from(ASCII + (WILD if draw(st.booleans()) else []))
    terms = draw(st.lists(st.text(letters, min_size=1, max_size=7), min_size=1, max_size=6))
    piece = st.one_of(st.sampled_from(terms), st.sampled_from(terms).map(str.upper),
                      st.sampled_from(terms).map(lambda t: t[1:]), st.text(letters, max_size=3))
    return terms, "".join(draw(st.lists(piece, max_size=10)))


@settings(max_examples=600, deadline=None)
@given(case=terms_and_text())
def test_plain_marks_terms_as_the_pattern_alone_marks_them(case: tuple[list[str], str]) -> None:
    """`plain` skips the pattern where its ASCII prefilter finds no term's first word
    (_may_hold_term): the markup is what the pattern alone makes of every text."""
    from latsar.render.pdf.markup import _italicised, plain

    terms, text = case
    assert plain(text, terms) == _italicised(escape(bind_ellipsis(text)), _foreign_pattern(tuple(terms)))


def test_the_prefilter_skips_the_pattern_for_most_bundled_texts() -> None:
    """The prefilter does its job on the curriculum's own terms: a text without them is passed
    over, one with a term (in any case, after a bracket) is not, and a text that is not ASCII
    always goes to the pattern."""
    from latsar.render.pdf.markup import _foreign, _may_hold_term

    terms = ("Whole of Government", "e-government", "WoG", "coach")
    _, first_words = _foreign(terms)
    assert first_words == {b"whole", b"e", b"wog", b"coach"}
    assert not _may_hold_term("Peserta dapat menjelaskan pelayanan publik.", first_words)
    assert not _may_hold_term("coaching dan e2 serta wholesale", first_words)
    assert _may_hold_term("konsep (whole OF government)", first_words)
    assert _may_hold_term("E-Government", first_words)
    assert _may_hold_term("pelayanan publik …", first_words)
    assert _foreign(("é-government",))[1] is None
