"""skeleton: page dictionaries and document information formatted the shorter way are the
bytes reportlab writes, for pages of two sizes, a page with a link, a rotated page and text
outside PDFDocEncoding in the information."""

from __future__ import annotations

from io import BytesIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from latsar.render.pdf import skeleton
from latsar.render.pdf.skeleton import KeptInfo, KeptPage
from latsar.render.pdf.streams import flate_pages, page_streams


def made(shorter: bool) -> tuple[bytes, list[type]]:
    canvas = Canvas(BytesIO(), pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle("Kunci Jawaban — Paket A–D")
    canvas.setAuthor("BPSDM · Kalimantan Barat")
    for number, size in enumerate([A4, A4, landscape(A4), A4, A4], start=1):
        canvas.setPageSize(size)
        canvas.setPageRotation(90 if number == 5 else 0)
        canvas.drawString(72, 72, f"halaman {number}/5")
        if number == 4:
            canvas.linkURL("https://example.org", (72, 72, 144, 90))
        canvas.showPage()
    doc = canvas._doc
    if shorter:  # else reportlab formats everything but the page streams itself
        page_streams(doc)
    else:
        flate_pages(doc)
    kinds = [type(page) for page in doc.Pages.pages] + [type(doc.info)]
    return canvas.getpdfdata(), kinds


def test_shorter_formatting_writes_reportlabs_bytes() -> None:
    shorter, kinds = made(True)
    plain, plain_kinds = made(False)
    assert shorter == plain
    assert kinds.count(KeptPage) == 4 and kinds[3] is not KeptPage and kinds[-1] is KeptInfo
    assert KeptPage not in plain_kinds and KeptInfo not in plain_kinds
    assert skeleton._text.cache_info().currsize >= 2


def test_page_streams_dictionary_written_at_once_is_reportlabs() -> None:
    from reportlab.pdfbase import pdfdoc

    from latsar.render.pdf.streams import FAST_FLATE, PageStream

    document = pdfdoc.PDFDocument(invariant=1)
    content = "BT /F1 12 Tf 72 72 Td (halaman 1/7) Tj ET\n" * 40
    ours = PageStream(content=content, filters=[FAST_FLATE]).format(document)
    theirs = pdfdoc.PDFStream(content=content, filters=[FAST_FLATE]).format(document)
    # reportlab's bytes, with the end of line PDF asks for before "endstream"
    assert ours == theirs.removesuffix(b"endstream\n") + b"\nendstream\n" and b"/Length " in ours
