"""Widths of texts in a font and size, one dict per font and size for the process: a text
measured before is one dict lookup, not calls through pdfmetrics into the font. The breakers of
grid and runs measure every word of every cell, and words recur in every cell and document; a
width is a function of the font (a name stands for one font: fonts.register registers each
once), the size and the text alone. latsar's own fonts keep these dicts themselves
(fonts.KeptFont.widths), so that reportlab's measuring and ours share one store."""

from __future__ import annotations

import functools
from typing import Callable

from reportlab.pdfbase.pdfmetrics import getFont


class Widths(dict):
    """Widths of texts in one font and size, each measured once."""

    def __init__(self, measure: Callable[[str, float], float], size: float):
        super().__init__()
        self.measure, self.size = measure, size

    def __missing__(self, text: str) -> float:
        width = self[text] = self.measure(text, self.size)
        return width


@functools.lru_cache(maxsize=64)
def font_widths(font: str, size: float) -> Widths:
    face = getFont(font)
    kept = getattr(face, "widths", None)  # a KeptFont's own store
    return kept(size) if kept is not None else Widths(face.stringWidth, size)
