"""Page content streams as reportlab writes them, with less work.

reportlab compresses a page's content, encodes it in ASCII85, and writes the resulting text in
PDFDocEncoding through a Python character map, one character at a time: about a tenth of the
cost of a short quiz document. ASCII85 text is ASCII, which PDFDocEncoding leaves as it is; so
the page streams made here give the ASCII85 text as bytes at once, and the file is the same.
"""

from __future__ import annotations

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from latsar.render.pdf.skeleton import keep_formats


class Base85Bytes:
    """reportlab's ASCII85 filter, its text given as the bytes PDFDocEncoding makes of it."""

    pdfname = pdfdoc.PDFBase85Encode.pdfname

    def encode(self, data: bytes) -> bytes:
        return pdfdoc.PDFBase85Encode.encode(data).encode("ascii")


BASE85_BYTES = Base85Bytes()
PAGE_FILTERS = (BASE85_BYTES, pdfdoc.PDFZCompress)


class PageStream(pdfdoc.PDFStream):
    """A page's content stream with the filters above, its dictionary (filters and length)
    written at once: the bytes PDFStream.format makes, without building a dictionary, an
    array and their names afresh for every page."""

    FILTERS = pdfdoc.PDFArray([pdfdoc.PDFName(f.pdfname) for f in PAGE_FILTERS]).format(None)

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        if not isinstance(document.encrypt, pdfdoc.NoEncryption) or self.dictionary.dict or rl_config.pdfMultiLine:
            return super().format(document)
        data = self.content
        for stream_filter in reversed(PAGE_FILTERS):
            data = stream_filter.encode(data)
        length = pdfdoc.fp_str(len(data)).encode("ascii")
        return b"<<\n/Filter " + self.FILTERS + b" /Length " + length + b"\n>>\nstream\n" + data + b"endstream\n"


def page_streams(doc: pdfdoc.PDFDocument) -> None:
    """Give each page of `doc` still without one the content stream reportlab would give it
    when the file is written (PDFPage.check_format), with the filter above for ASCII85; and
    its pages and information the shorter formatting of latsar.render.pdf.skeleton."""
    if rl_config.useA85:
        _a85_streams(doc)
    keep_formats(doc)


def _a85_streams(doc: pdfdoc.PDFDocument) -> None:
    for page in doc.Pages.pages:
        if page.compression and page.stream and not page.Contents and not page.Override_default_compilation:
            stream = PageStream(content=page.stream, filters=list(PAGE_FILTERS))
            stream.__Comment__ = "page stream"
            page.Contents = stream


class StreamCanvas(Canvas):
    """A canvas whose file is written with the page streams and formatting above: the canvas
    every latsar PDF is drawn on."""

    def save(self) -> None:
        page_streams(self._doc)
        super().save()
