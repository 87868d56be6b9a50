"""Reading page layout back from a PDF: how much of each page's text block is used."""

from __future__ import annotations

from pypdf import PdfReader


def text_rows(page) -> list[tuple[float, str]]:
    """(baseline y, text) of every text run on the page, top to bottom."""
    found: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text.strip()))

    page.extract_text(visitor_text=visit)
    return sorted(found, key=lambda row: -row[0])


def fill(page, top: float, bottom: float) -> float:
    """Share of the text block (between the `top` and `bottom` margins, in pt) that holds text:
    1.0 when the page's last line sits on the bottom margin. Running heads and folios lie
    outside the block and do not count."""
    height = float(page.mediabox.height)
    rows = [y for y, _ in text_rows(page) if bottom - 2 <= y <= height - top + 2]
    if not rows:
        return 0.0
    return (height - top - min(rows)) / (height - top - bottom)


def fills(reader: PdfReader, top: float, bottom: float) -> list[float]:
    return [fill(page, top, bottom) for page in reader.pages]
