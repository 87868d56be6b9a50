"""The bundled programme's foreign terms print in italics wherever the modules use them
(review r17: "Grand Design" and "stunting" were roman in handouts and quiz documents)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundled():
    from latsar.model.load import load_curriculum

    return load_curriculum(PROJECT / "curriculum")[0]


def _runs(pdf: bytes) -> list[tuple[str, str]]:
    """(font name, text) of every text run of the PDF."""
    out: list[tuple[str, str]] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        def visit(text, cm, tm, font, size):
            if text.strip():
                out.append((str(font["/BaseFont"]) if font else "", text))
        page.extract_text(visitor_text=visit)
    return out


@pytest.mark.parametrize(("module_id", "term", "least"), [
    ("wog", "stunting", 3), ("budaya-kinerja", "grand design", 10), ("melayani", "grand design", 2)])
def test_added_terms_are_italic_in_the_handouts(bundled, module_id, term, least):
    from latsar.render.pdf.handout import module_pdf
    from latsar.render.pdf.theme import make_theme

    theme = make_theme(bundled.programme, "id")
    assert term in (t.lower() for t in theme.foreign_terms)
    runs = _runs(module_pdf(bundled, module_id, None, theme))
    hits = [(font, text) for font, text in runs if term in text.lower()]
    assert len(hits) >= least, hits
    assert all("Italic" in font for font, _ in hits), [h for h in hits if "Italic" not in h[0]][:3]
