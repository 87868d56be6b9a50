"""Widths of texts in a font and size, one dict per font and size for the process: a text
measured before is one dict lookup, not calls through pdfmetrics into the font. The breakers of
grid and runs measure every word of every cell, and words recur in every cell and document; a
width is a function of the font (a name stands for one font: fonts.register registers each
once), the size and the text alone."""

from __future__ import annotations

import functools

from reportlab.pdfbase.pdfmetrics import getFont


class Widths(dict):
    """Widths of texts in one font and size, each asked of the font once."""

    def __init__(self, font: str, size: float):
        super().__init__()
        self.measure, self.size = getFont(font).stringWidth, size  # what pdfmetrics.stringWidth calls

    def __missing__(self, text: str) -> float:
        width = self[text] = self.measure(text, self.size)
        return width


@functools.lru_cache(maxsize=64)
def font_widths(font: str, size: float) -> Widths:
    return Widths(font, size)
