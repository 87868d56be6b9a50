"""Page content streams made before reportlab makes them (latsar.render.pdf.streams): the same
operators on every page, held as binary Flate data compressed at zlib's fastest level."""

from __future__ import annotations

import io
import re
import zlib

from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from latsar.render.pdf import fonts
from latsar.render.pdf.streams import FAST_FLATE, LEVEL, page_streams

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


def contents(made: bytes) -> list[bytes]:
    return [page.get_contents().get_data() for page in PdfReader(io.BytesIO(made)).pages]


def test_page_streams_hold_reportlabs_operators_in_less_room() -> None:
    (made, canvas), (plain, _) = pdf(True), pdf(False)
    assert contents(made) == contents(plain) and len(contents(made)) == 3
    assert all(page.Contents.filters == [FAST_FLATE] for page in canvas._doc.Pages.pages)
    assert len(made) < len(plain)  # no ASCII85: a quarter shorter, more than level 1 gives up
    assert b"ASCII85Decode" in plain and b"ASCII85Decode" not in made
    assert PdfReader(io.BytesIO(made)).pages[0].extract_text().startswith("1. Kebijakan “e-government”")


def test_page_streams_are_compressed_at_the_fastest_level_and_end_their_data_with_a_newline() -> None:
    made, canvas = pdf(True)
    streams = re.findall(rb"/Length (\d+)\n>>\nstream\n", made)
    page = canvas._doc.Pages.pages[0].Contents
    data = zlib.compress(page.content.encode("utf8"), LEVEL)
    assert LEVEL == 1 and zlib.compress(page.content.encode("utf8")) != data
    assert b"stream\n" + data + b"\nendstream\n" in made and str(len(data)).encode() in streams


def test_uncompressed_pages_are_left_to_reportlab() -> None:
    (made, canvas), (plain, _) = pdf(True, compression=0), pdf(False, compression=0)
    assert made == plain
    assert all(page.Contents.filters is None for page in canvas._doc.Pages.pages)
