"""Page templates, page numbers, running heads, bookmarks and the daftar isi.

Numbering: pages before the first body page carry lower-case roman numerals (none printed on the
cover); arabic numbering starts at 1 on the first body page (Bab I, or the first module of the
book). The printed numbers, the PDF page labels and the numbers in the daftar isi all come from
`HandoutDoc.label`, so they cannot disagree.
"""

from __future__ import annotations

import re
from ast import literal_eval
from io import BytesIO
from typing import Callable, Mapping

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, TableStyle
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.tableofcontents import TableOfContents

from latsar.plan.handout import Heading, Matter, roman
from latsar.render.pdf.flow import BrokenOnce
from latsar.render.pdf.markup import plain
from latsar.render.pdf.streams import StreamCanvas
from latsar.render.pdf.theme import Theme, table_commands

ROMAN_MATTER: frozenset[str] = frozenset({"cover", "front"})


class HeadingParagraph(BrokenOnce):
    """A paragraph that is a heading: it goes into the bookmarks and, if shallow enough, the contents."""

    def __init__(self, text: str, style: ParagraphStyle, heading: Heading, bullet: str | None = None):
        super().__init__(text, style, bulletText=bullet or None)
        self.heading = heading


class CaptionParagraph(BrokenOnce):
    """A table's or figure's caption: it goes into the Daftar Tabel or Daftar Gambar."""

    def __init__(self, text: str, style: ParagraphStyle, listing: tuple[str, str, str]):
        super().__init__(text, style)
        self.listing = listing  # (kind, key, entry text)


class DivisionStart(Flowable):
    """Zero-size mark at the start of a division: the page it opens (at the top of the frame)
    has no running head; a division that follows on mid-page leaves the page's head alone."""

    def __init__(self, running_head: str, index: int):
        super().__init__()
        self.running_head, self.index = running_head, index
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        doc = self.canv._doctemplate
        doc.running_head = self.running_head
        page = self.canv.getPageNumber()
        if doc.frame._atTop:
            doc.opener_page = page
        doc.division_pages[self.index] = (page, page, 1.0)


class RectoStart(Flowable):
    """In duplex printing a part opens on a right-hand (odd) page: on an even page this mark
    takes the whole page, which stays blank (no running head, no folio)."""

    def __init__(self):
        super().__init__()
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        if self.canv._doctemplate.page % 2 == 0:
            return availWidth, availHeight
        return 0, 0

    def draw(self):
        doc = self.canv._doctemplate
        if doc.page % 2 == 0:
            doc.blank_pages.add(doc.page)


class DivisionEnd(Flowable):
    """Zero-size mark after a division's last flowable: records its last page and how full it is."""

    def __init__(self, index: int):
        super().__init__()
        self.index = index
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        doc = self.canv._doctemplate
        frame = doc.frame
        first, _, _ = doc.division_pages.get(self.index, (0, 0, 0.0))
        fill = (frame._y2 - frame._y) / (frame._y2 - frame._y1)
        doc.division_pages[self.index] = (first, self.canv.getPageNumber(), fill)
        doc.division_ended()


class KeepWithNext(KeepTogether):
    """What reportlab builds for a `keepWithNext` heading and the flowable after it.

    The stock class moves the heading *and the whole next paragraph* to a new page whenever the
    paragraph does not fit, leaving half-empty pages; here the next flowable may split as long as
    the heading and the start of it (orphan control keeps at least two lines) stay together.
    """

    def split(self, aW, aH):
        if self._H <= aH:
            return super().split(aW, aH)
        *heads, last = self._content
        head_height = sum(f.wrap(aW, aH)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in heads)
        parts = last.split(aW, aH - head_height) if head_height < aH else []
        if len(parts) >= 2:
            return [*heads, *parts]
        return super().split(aW, aH)


class HandoutDoc(BaseDocTemplate):
    """A document with cover/front/body templates, label-true page numbers and a daftar isi."""

    def __init__(self, buffer: BytesIO, theme: Theme, styles: Mapping[str, ParagraphStyle],
                 contents_depth: int, **metadata: str):
        self.theme, self.styles, self.contents_depth = theme, styles, contents_depth
        self.arabic_start = 0  # page where arabic numbering starts
        self.running_head, self.opener_page = "", 0
        self.page_mark = ""  # at the foot of every page but the cover, on the outer side
        self.division_pages: dict[int, tuple[int, int, float]] = {}  # index -> first, last page, fill
        # Whether this layout is drawn: once a part ends showing the PDF will not be wanted
        # (see `build_story`), the rest is only measured (its marks still placed).
        self.drawing = True
        self._wanted: Callable[[], bool] = lambda: True
        self.blank_pages: set[int] = set()  # left blank so that a part opens on an odd page
        self._heads: dict[str, Paragraph] = {}  # each running head set once, drawn on each of its pages
        top, bottom, inner, outer = theme.margins
        super().__init__(
            buffer, pagesize=theme.page_size, topMargin=top, bottomMargin=bottom, leftMargin=inner,
            rightMargin=outer, invariant=1, lang=theme.pdf_lang, initialFontName=theme.body_font.regular,
            initialFontSize=theme.body_size, initialLeading=theme.leading, creator="latsar",
            pageCompression=1, keepTogetherClass=KeepWithNext, **metadata,
        )
        self.addPageTemplates([self._template(m) for m in ("cover", "front", "body")])

    def _template(self, matter: Matter) -> PageTemplate:
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id=matter,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        return PageTemplate(id=matter, frames=[frame], onPageEnd=_decorate)

    # ----------------------------------------------------------------- per pass and per page

    def beforeDocument(self):
        self.arabic_start, self.running_head, self.opener_page = 0, "", 0
        self.drawing = True
        self.blank_pages = set()
        canv = self.canv
        canv.setDateFormatter(self.theme.pdf_date)
        canv.addPageLabel(0, "ROMAN_LOWER", 1)
        canv.showOutline()

    def handle_pageBegin(self):
        if self.theme.duplex:  # even pages mirror: the inner (binding) margin is on the right
            top, bottom, inner, outer = self.theme.margins
            left = inner if (self.page + 1) % 2 else outer
            for frame in self.pageTemplate.frames:
                frame._x1, frame._x2 = left, left + self.width
        super().handle_pageBegin()
        if self.pageTemplate.id == "body" and not self.arabic_start:
            self.arabic_start = self.page
            self.canv.addPageLabel(self.page - 1, "ARABIC", 1)

    def build_story(self, story: list[Flowable], most_passes: int = 5,
                    wanted: Callable[[], bool] = lambda: True) -> None:
        """Lay `story` out and write the PDF, in as many passes as its indexing flowables need
        (one: see Contents). Like reportlab's multiBuild, except that the marks a layout leaves
        on the flowables (postponed, keep-with-next) are undone after the last pass too, so the
        same flowables can be laid out again in another document. The PDF is written only if
        `wanted()` after the layout (a layout made to be measured and set again is not)."""
        self._indexingFlowables = [f for f in story if f.isIndexing()]
        self._doSave = 0
        self._wanted = wanted
        for _ in range(most_passes):
            undo: list[tuple] = []
            self._multiBuildEdits = undo.append
            for flowable in self._indexingFlowables:
                flowable.beforeBuild()
            try:
                self.build(story[:], canvasmaker=StreamCanvas)
            finally:
                del self._multiBuildEdits
                for edit in undo:
                    edit[0](*edit[1:])
            for flowable in self._indexingFlowables:
                flowable.afterBuild()
            if self._allSatisfied():
                if wanted():
                    self.canv.save()
                return
        raise LayoutError(f"the daftar isi was not settled after {most_passes} passes")

    def division_ended(self) -> None:
        """A part was laid out: if the PDF is no longer wanted, the rest need not be drawn
        (whether it is wanted only ever turns from yes to no as parts end)."""
        if self.drawing and not self._wanted():
            self.drawing = False

    def handle_flowable(self, flowables):
        """reportlab's, except that a flowable is only placed, not drawn, while not `drawing`
        (the marks always are: they record the parts' pages)."""
        flowable = flowables[0] if flowables else None
        if self.drawing or isinstance(flowable, _MARKS):
            return super().handle_flowable(flowables)
        flowable.drawOn = _placed_only  # shadows the method on this object, for this call only
        try:
            return super().handle_flowable(flowables)
        finally:
            del flowable.drawOn

    def short_tails(self, least: float) -> list[int]:
        """Divisions running over several pages whose last page is filled less than `least`."""
        return [i for i, (first, last, fill) in self.division_pages.items() if last > first and fill < least]

    def head_paragraph(self) -> Paragraph:
        """The running head as a paragraph laid out to the text block's width (shortened to fit)."""
        head = self._heads.get(self.running_head)
        if head is None:
            style = self.styles["header"]
            head = Paragraph(plain(_fit(self.running_head, style, self.width), self.theme.foreign_terms), style)
            head.wrap(self.width, style.leading * 2)
            self._heads[self.running_head] = head
        return head

    def label(self, page: int) -> str:
        """The page label of absolute page `page` (1-based), as printed and as in the page labels."""
        start = self.arabic_start
        if start and page >= start:
            return str(page - start + 1)
        return roman(page).lower()

    # ----------------------------------------------------------------- headings

    def afterFlowable(self, flowable):
        listing = getattr(flowable, "listing", None)
        if listing is not None:
            kind, key, text = listing
            self.canv.bookmarkHorizontalAbsolute(key, self.frame._y + flowable.height + flowable.getSpaceAfter())
            self.notify(f"{kind}Entry", (0, plain(text, self.theme.foreign_terms), self.page, key))
        heading = getattr(flowable, "heading", None)
        if heading is None:
            return
        canv, page = self.canv, self.page
        top = self.frame._y + flowable.getSpaceAfter() + flowable.height
        canv.bookmarkHorizontalAbsolute(heading.key, top)
        canv.addOutlineEntry(heading.text, heading.key, heading.level, closed=heading.level >= 1)
        if heading.level <= self.contents_depth:
            self.notify("TOCEntry", (heading.level, plain(heading.text, self.theme.foreign_terms), page, heading.key))


_MARKS = (DivisionStart, DivisionEnd, RectoStart)


def _placed_only(canvas, x, y, _sW=0) -> None:
    """What a flowable draws in a layout that is only measured: nothing."""


def _decorate(canv, doc: HandoutDoc) -> None:
    """Running head and page number, drawn when the page is complete (so a division's mark counts)."""
    matter, page = doc.pageTemplate.id, canv.getPageNumber()
    if matter == "cover" or page in doc.blank_pages or not doc.drawing:
        return
    width, height = doc.theme.page_size
    top, bottom, inner, outer = doc.theme.margins
    if doc.theme.duplex and page % 2 == 0:
        inner, outer = outer, inner
    label = doc.label(page) if matter == "body" else roman(page).lower()
    _text(canv, doc.styles["footer"], label, width / 2, bottom * 0.45, centred=True)
    if doc.page_mark:
        _text(canv, doc.styles["footer"], doc.page_mark, *_outer_foot(doc, page, width, bottom))
    if doc.running_head and doc.opener_page != page:
        y = height - top * 0.55
        style = doc.styles["header"]
        doc.head_paragraph().drawOn(canv, inner, y - (style.leading - style.fontSize) - 0.5)
        canv.setStrokeColor(doc.theme.colour("rule"))
        canv.setLineWidth(0.5)
        canv.line(inner, y - 4, width - outer, y - 4)


def _outer_foot(doc: HandoutDoc, page: int, width: float, bottom: float) -> tuple[float, float]:
    """Where a page mark starts so that it ends at the outer margin (right, or left on a duplex verso)."""
    mark_width = stringWidth(doc.page_mark, doc.styles["footer"].fontName, doc.styles["footer"].fontSize)
    _, _, inner, outer = doc.theme.margins
    verso = doc.theme.duplex and page % 2 == 0
    x = inner if verso else width - outer - mark_width
    return x, bottom * 0.45


def _text(canv, style: ParagraphStyle, text: str, x: float, y: float, centred: bool = False) -> None:
    canv.saveState()
    canv.setFont(style.fontName, style.fontSize)
    canv.setFillColor(style.textColor)
    (canv.drawCentredString if centred else canv.drawString)(x, y, text)
    canv.restoreState()


def _fit(text: str, style: ParagraphStyle, width: float) -> str:
    """Shorten a running head with an ellipsis so it never runs past the text block."""
    if stringWidth(text, style.fontName, style.fontSize) <= width:
        return text
    while text and stringWidth(text + " …", style.fontName, style.fontSize) > width:
        text = text[:-1]
    return text.rstrip() + " …"


class Contents(TableOfContents):
    """The daftar isi: a chapter's entries never split from it, and the leader dots of every
    level stand on one grid (same size, same pitch, measured from the left edge), so they line
    up in columns whatever the level's type size or the page number's width.

    One pass is enough: the entries are known before layout (pre-filled from the outline) and
    their page numbers take no room in it (they stand right of the dots, in a fixed column), so
    each number is left as a mark in its page's stream and written in once the document is laid
    out (`afterBuild`), instead of laying the whole document out a second time."""

    def __init__(self, doc: HandoutDoc, **kwargs):
        super().__init__(**kwargs)
        self.doc = doc
        self._folios: list[tuple[str, int, float, float]] = []  # key, level, x, y of each mark

    def isSatisfied(self):
        # Another pass only if the entries differ from those laid out (never their pages).
        return [e[:2] + e[3:] for e in self._entries] == [e[:2] + e[3:] for e in self._lastEntries]

    def beforeBuild(self):
        super().beforeBuild()
        self._folios = []

    def afterBuild(self):
        pages = {key: page for _, _, page, key in self._entries}
        code = {self._mark(index): self._folio_code(key, level, x, y, pages.get(key))
                for index, (key, level, x, y) in enumerate(self._folios)}
        if code:
            _replace_marks(self.doc.canv, code)

    def _mark(self, index: int) -> str:
        return f"{_MARK_PREFIX}{self._notifyKind}-{index}"

    def _folio_code(self, key, level: int, x: float, y: float, page: int | None) -> str:
        """The PDF operators that print the entry's page label right-aligned at x."""
        canvas, style = self.doc.canv, self.getLevelStyle(level)
        saved, canvas._code = canvas._code, []
        try:
            canvas.saveState()
            canvas.setFillColor(style.textColor)
            canvas.setFont(style.fontName, style.fontSize)
            canvas.drawRightString(x, y, self.doc.label(page) if page else "?")
            canvas.restoreState()
            return "\n".join(canvas._code)
        finally:
            canvas._code = saved

    def wrap(self, availWidth, availHeight):
        size = super().wrap(availWidth, availHeight)
        self.canv.setNamedCB("drawTOCEntryEnd", self._entry_end(availWidth))
        heights = self._table._rowHeights
        commands = []
        for first, last in _chapter_groups([level for level, *_ in self._lastEntries], self.getLevelStyle):
            if sum(heights[first:last + 1]) <= self.doc.height * 0.5:
                commands.append(("NOSPLIT", (0, first), (0, last)))
            else:  # a long chapter may break, but not after its title or before its last entry
                commands += [("NOSPLIT", (0, first), (0, first + 1)), ("NOSPLIT", (0, last - 1), (0, last))]
        if commands:
            self._table.setStyle(TableStyle(commands))
        return size

    def _entry_end(self, width: float):
        style = self.getLevelStyle(1)
        dot, dot_size = style.fontName, style.fontSize
        pitch = stringWidth(". ", dot, dot_size)
        number_room = stringWidth("\u2002888", style.fontName, style.fontSize)

        def draw(canvas, kind, label):
            _, level, key = label.split(",", 2)
            style = self.getLevelStyle(int(level))
            x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
            canvas.saveState()
            canvas.setFillColor(style.textColor)
            first = (int((x + pitch) / pitch) + 1) * pitch
            count = int((width - number_room - first) / pitch)
            if count > 0:
                canvas.setFont(dot, dot_size)
                canvas.drawString(first, y, ". " * count)
            canvas._code.append(self._mark(len(self._folios)))
            canvas.restoreState()
            key = literal_eval(key)
            self._folios.append((key, int(level), width, y))
            if key:
                canvas.linkRect("", key, (width - number_room, y, width, y + style.leading), relative=1)

        return draw


def _replace_marks(canvas, code: Mapping[str, str]) -> None:
    """Put `code` in place of its marks in the finished pages' streams (other marks stay)."""
    for page in canvas._doc.Pages.pages:
        if _MARK_PREFIX in page.stream:
            page.stream = _MARK.sub(lambda m: code.get(m[0], m[0]), page.stream)


_MARK_PREFIX = "%latsar-folio-"
_MARK = re.compile(re.escape(_MARK_PREFIX) + r"[A-Za-z]+-\d+")


def _chapter_groups(levels: list[int], style_of) -> list[tuple[int, int]]:
    """Table rows (first, last) of each top entry with the deeper entries under it (a level
    with spaceBefore gets a spacer row before its entry, as TableOfContents builds it)."""
    rows, row = [], 0
    for level in levels:
        row += 1 if style_of(level).spaceBefore else 0
        rows.append(row)
        row += 1
    starts = [i for i, level in enumerate(levels) if level == 0] + [len(levels)]
    return [(rows[a], rows[b - 1]) for a, b in zip(starts, starts[1:]) if b - 1 > a]


def contents_flowable(doc: HandoutDoc, headings: tuple[Heading, ...]) -> TableOfContents:
    """The daftar isi, pre-filled with the headings so the first pass already reserves its pages."""
    styles = [doc.styles[f"toc{level}"] for level in range(3)]
    table_style = TableStyle(table_commands(doc.theme, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)))
    toc = Contents(doc, levelStyles=styles, dotsMinLevel=0, rightColumnWidth=0, tableStyle=table_style)
    terms = doc.theme.foreign_terms
    toc.addEntries([(h.level, plain(h.text, terms), 0, h.key) for h in headings if h.level <= doc.contents_depth])
    return toc


def listing_flowable(doc: HandoutDoc, kind: str, entries: tuple[tuple[str, str], ...]) -> TableOfContents:
    """Daftar Tabel or Daftar Gambar, laid out like the daftar isi (same dot grid)."""
    style = ParagraphStyle("listing", parent=doc.styles["toc1"], leftIndent=0, spaceBefore=0)
    table_style = TableStyle(table_commands(doc.theme, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)))
    listing = Contents(doc, levelStyles=[style, doc.styles["toc1"]], dotsMinLevel=0, rightColumnWidth=0,
                       tableStyle=table_style, notifyKind=f"{kind}Entry")
    listing.addEntries([(0, plain(text, doc.theme.foreign_terms), 0, key) for key, text in entries])
    return listing
