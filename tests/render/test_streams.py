"""Page content streams made before reportlab makes them (latsar.render.pdf.streams): the
same file, the ASCII85 text given as bytes."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from latsar.render.pdf import fonts
from latsar.render.pdf.streams import BASE85_BYTES, page_streams

TEXT = "Kebijakan “e-government” — naïve café … ±5 % (½)"


def pdf(streams: bool, compression: int = 1) -> tuple[bytes, Canvas]:
    family = fonts.family("noto-serif")
    fonts.register(family)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=compression)
    for page in range(3):
        canvas.setFont(family.regular if page != 1 else "Helvetica", 11)
        canvas.drawString(72, 720, f"{page + 1}. {TEXT if page != 1 else 'ASCII only'}")
        canvas.rect(72, 600, 100 + page, 50, fill=page % 2)
        canvas.showPage()
    if streams:
        page_streams(canvas._doc)
    canvas.save()
    return buffer.getvalue(), canvas


def test_page_streams_give_reportlabs_own_file() -> None:
    (made, canvas), (plain, _) = pdf(True), pdf(False)
    assert made == plain
    assert all(page.Contents.filters[0] is BASE85_BYTES for page in canvas._doc.Pages.pages)
    assert PdfReader(io.BytesIO(made)).pages[0].extract_text().startswith("1. Kebijakan “e-government”")


def test_uncompressed_pages_are_left_to_reportlab() -> None:
    (made, canvas), (plain, _) = pdf(True, compression=0), pdf(False, compression=0)
    assert made == plain
    assert all(page.Contents.filters is None for page in canvas._doc.Pages.pages)
