"""The objects of a PDF besides its pages' content and fonts (the page dictionaries and the
document information), formatted as reportlab formats them, with less work.

reportlab builds every page's dictionary afresh when it writes the file (a resource
dictionary, a media box, a transition, each key a PDF name formatted again); the pages of one
document differ only in their content stream's number. So the first page of each size is
formatted by reportlab and the later ones take its bytes with their own stream's reference.
The document information's texts (author, subject, keywords, dates...) are the same for every
document a build makes, so each is formatted once. The file is the same.
"""

from __future__ import annotations

import functools

from reportlab.pdfbase import pdfdoc

# Page attributes that must be unset for a page to be a plain one: text and drawings only.
# (Annots, an empty list on a page without links, reportlab sets to None when it formats it.)
_UNSET = tuple(name for name in pdfdoc.PDFPage.__NoDefault__
               if name not in ("Contents", "Parent", "MediaBox", "Resources", "Rotate", "Trans", "Annots"))


def keep_formats(doc: pdfdoc.PDFDocument) -> None:
    """Before `doc` is written: its plain pages and its information formatted the shorter way."""
    if not isinstance(doc.encrypt, pdfdoc.NoEncryption):
        return
    for page in doc.Pages.pages:
        if type(page) is pdfdoc.PDFPage and _plain(page):
            page.__class__ = KeptPage
    if type(doc.info) is pdfdoc.PDFInfo:
        doc.info.__class__ = KeptInfo


def _plain(page: pdfdoc.PDFPage) -> bool:
    """Whether the page's dictionary depends on nothing but its size, rotation and stream."""
    return (page.Contents is not None and page.MediaBox is None and page.Resources is None
            and not page.Override_default_compilation and not page.XObjects and not page.ExtGState
            and not page._colorsUsed and not page._shadingUsed and isinstance(page.Trans, pdfdoc.PDFDictionary)
            and not page.Trans.dict and not page.Annots and all(getattr(page, name) is None for name in _UNSET))


class KeptPage(pdfdoc.PDFPage):
    """A plain page: formatted by reportlab if it is the first of its shape in the document,
    else the first one's bytes with this page's content stream."""

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        shapes = document.__dict__.setdefault("_latsar_page_shapes", {})
        shape = (self.pagewidth, self.pageheight, self.Rotate, self.hasImages, self.compression)
        tail = shapes.get(shape)
        if tail is None:
            data = super().format(document)
            head = _contents_head(document, self.Contents)
            if data.startswith(head):
                shapes[shape] = data[len(head):]
            return data
        return _contents_head(document, self.Contents) + tail


def _contents_head(document: pdfdoc.PDFDocument, contents: pdfdoc.PDFObject) -> bytes:
    """The start of a page dictionary: its content stream's reference (registered now if it is
    not yet, as reportlab registers it while formatting the page)."""
    return b"<<\n/Contents " + document.Reference(contents).format(document) + b" "


class KeptInfo(pdfdoc.PDFInfo):
    """reportlab's document information, each text formatted once for every document with it."""

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        texts = {"Title": self.title, "Author": self.author, "Producer": self.producer, "Creator": self.creator,
                 "Subject": self.subject, "Keywords": self.keywords}
        entries: dict[str, object] = {key: _text(value) for key, value in texts.items()}
        date = pdfdoc.PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
        entries["ModDate"] = entries["CreationDate"] = date.format(document)
        entries["Trapped"] = pdfdoc.PDFName(self.trapped)
        return pdfdoc.PDFDictionary(entries).format(document)


@functools.lru_cache(maxsize=256)
def _text(value: str) -> bytes:
    """A text string as reportlab formats it in a document without encryption."""
    return pdfdoc.PDFString(value).format(_PLAIN_DOCUMENT)


class _PlainDocument:
    """What PDFString.format asks of a document: that it is not encrypted."""

    encrypt = pdfdoc.NoEncryption()


_PLAIN_DOCUMENT = _PlainDocument()
