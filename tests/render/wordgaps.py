"""Word gaps of justified text, read back from a PDF: pdfium's character boxes (advance widths),
grouped into lines by baseline."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    page: int  # 1-based
    text: str  # the characters, spaces left out
    gaps: tuple[float, ...]  # every gap between characters wider than a sixth of the type size, in ems

    @property
    def word_space(self) -> float:
        """The narrowest word gap: in a justified line every word space has this width."""
        return min(self.gaps)


def prose_lines(pdf: bytes, size: float) -> list[Line]:
    """Lines set in type of `size` with at least three word gaps: the lines whose spacing shows.
    Table rows (columns far apart) and dot leaders are left out."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    out = []
    for index in range(len(document)):
        for text, gaps in _lines(document[index], size):
            if len(gaps) >= 3 and ". ." not in text and min(gaps) < 2:
                out.append(Line(index + 1, text, tuple(gaps)))
    return out


def _lines(page, size: float):
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    x, y = ctypes.c_double(), ctypes.c_double()
    rows: dict[float, list[tuple[float, float, str]]] = {}
    for i in range(textpage.count_chars()):
        char = textpage.get_text_range(i, 1)
        if not char.strip() or raw.FPDFText_IsGenerated(textpage.raw, i):
            continue
        if abs(raw.FPDFText_GetFontSize(textpage.raw, i) - size) > 0.05:
            continue
        left, _, right, _ = textpage.get_charbox(i, loose=True)
        raw.FPDFText_GetCharOrigin(textpage.raw, i, x, y)
        rows.setdefault(round(y.value, 1), []).append((left, right, char))
    for _, chars in sorted(rows.items(), reverse=True):
        chars.sort()
        gaps = [(b[0] - a[1]) / size for a, b in zip(chars, chars[1:]) if b[0] - a[1] > size / 6]
        yield " ".join(c for *_, c in chars), gaps
