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

from latsar.render.pdf.theme import Theme, make_styles, tightened


@dataclass(eq=False)
class LayoutMemo:
    """Styles made once for `theme`, broken lines by paragraph (see `Para.memo`), and which
    parts end on a nearly empty page."""

    theme: Theme
    lines: dict[tuple, Any] = field(default_factory=dict)
    # Whether a part (by `handout._layout_key`) set at its usual spacing ends on a nearly
    # empty page: a document holding it again sets it tighter at once, in one pass less.
    short_tails: dict[Any, bool] = field(default_factory=dict)

    @cached_property
    def styles(self) -> Mapping[str, ParagraphStyle]:
        return make_styles(self.theme)

    @cached_property
    def tight_styles(self) -> Mapping[str, ParagraphStyle]:
        """The styles of a part set a little tighter (see `render_outline`)."""
        return tightened(self.styles)
