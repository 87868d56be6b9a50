"""grid._Codes: a string's codes in a font's first subset, worked out with bytes.translate, are
those TTFont.splitString gives it (a no-break space read as a space), or None where a character
has no code there yet, as the font's assignments grow."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from latsar.render.pdf.grid import _Codes

CHARS = st.sampled_from([" ", "\u00a0", "a", "B", "é", "ÿ", "–", "…", "(", ")", "\\", "\u0100"])


def reference(assignments: dict[int, int], line: str) -> bytes | None:
    """Character by character, as splitString maps them."""
    try:
        return bytes([assignments[32 if char == 0xA0 else char] for char in map(ord, line)])
    except (KeyError, ValueError):
        return None


@settings(max_examples=300, deadline=None)
@example(steps=[([(" ", 5), ("a", 6)], "a\u00a0a"), ([("–", 7)], "a –"), ([("é", 280)], "é")])
@given(steps=st.lists(st.tuples(st.lists(st.tuples(CHARS, st.integers(0, 300)), max_size=6), st.text(CHARS, max_size=8)),
                      min_size=1, max_size=6))
def test_codes_are_splitstrings_as_assignments_grow(steps) -> None:
    assignments: dict[int, int] = {}
    codes = _Codes(assignments)
    for added, line in steps:
        for char, code in added:
            assignments.setdefault(32 if char == "\u00a0" else ord(char), code)  # reportlab never codes U+00A0
        assert codes.encoded(line) == reference(assignments, line), (assignments, line)
