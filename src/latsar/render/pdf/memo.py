"""What documents set one after another in one process, with one theme, share: their styles, and
the lines each paragraph was broken into.

The book prints every module's paragraphs again, in the same styles at the same widths, and a
handout repeats some sentences in every chapter (the latihan's introduction); breaking a
paragraph's lines, with the passes that relieve loose lines, is about half the cost of a page.
So the lines are broken once per words, style and widths, and each document made after the
first takes them as they were (see `flow.Para`): the same lines, so the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Mapping

from reportlab.lib.styles import ParagraphStyle

from latsar.render.pdf.flow import Para
from latsar.render.pdf.theme import Theme, make_styles, tightened


@dataclass(eq=False)
class LayoutMemo:
    """Styles made once for `theme`, paragraphs parsed once, their broken lines (see
    `Para.memo`), and which parts end on a nearly empty page."""

    theme: Theme
    lines: dict[tuple, Any] = field(default_factory=dict)
    # Whether a part (by `handout._layout_key`) set at its usual spacing ends on a nearly
    # empty page: a document holding it again sets it tighter at once, in one pass less.
    short_tails: dict[Any, bool] = field(default_factory=dict)
    # (markup, style, bullet) -> what parsing it gave: (text, style, fragments, bullet).
    parsed: dict[tuple, tuple] = field(default_factory=dict)

    def paragraph(self, markup: str, style: ParagraphStyle, bullet: str | None = None) -> Para:
        """A paragraph of `markup`, parsed once per memo (the book's paragraphs are the
        handouts'), its lines broken once (see `Para.memo`). The fragments parsed are shared:
        nothing edits them (a paragraph splits copies of what it broke them into)."""
        key = (markup, style, bullet)
        parsed = self.parsed.get(key)
        if parsed is None:
            para = Para(markup, style, bulletText=bullet)
            self.parsed[key] = (para.text, para.style, para.frags, para.bulletText)
        else:
            para = Para(parsed[0], parsed[1], bulletText=parsed[3], frags=parsed[2])
        para.memo = self.lines
        return para

    @cached_property
    def styles(self) -> Mapping[str, ParagraphStyle]:
        return make_styles(self.theme)

    @cached_property
    def tight_styles(self) -> Mapping[str, ParagraphStyle]:
        """The styles of a part set a little tighter (see `render_outline`)."""
        return tightened(self.styles)
