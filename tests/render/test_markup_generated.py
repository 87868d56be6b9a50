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
