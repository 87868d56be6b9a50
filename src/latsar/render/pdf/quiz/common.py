"""What every document of a quiz set shares: the quiz styles derived from the Theme, and a
document template whose pages say "x/y".

Nothing here decides content: what each document says comes from latsar.plan.quizdocs.
"""

from __future__ import annotations

import functools
from xml.sax.saxutils import escape
from dataclasses import dataclass
from io import BytesIO
from types import MappingProxyType
from typing import Any, Callable, Mapping, Sequence

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag

from latsar.plan.quizdocs import QuizInfo
from latsar.render.pdf import fonts
from latsar.render.pdf.grid import Grid, Look, Row, Shared
from latsar.render.pdf.markup import Writer, bind_ellipsis, plain
from latsar.render.pdf.oneline import one_line
from latsar.render.pdf.quiz.entry import DRAWING_STATE, Rule, Ruled, Stack
from latsar.render.pdf.streams import StreamCanvas
from latsar.render.pdf.theme import Theme, make_styles

# --------------------------------------------------------------------------- styles

# No hyphenation, not even at a word's own hyphen: reportlab 5.1 drops that hyphen when a
# paragraph is wrapped twice ("masing-masing" printed as "masingmasing"), and tables and
# measured layouts wrap their paragraphs more than once.
PLAIN: Mapping[str, Any] = MappingProxyType({"alignment": TA_LEFT, "hyphenationLang": "", "embeddedHyphenation": 0})


def _quiz_roles(theme: Theme) -> dict[str, dict]:
    """Quiz roles as differences from the theme's body style. Exam text is ragged-right and
    never hyphenated: a split word in a question stem is one more thing to misread."""
    s = theme.body_size
    sans, serif = theme.heading_font, theme.body_font
    plain = PLAIN
    muted, accent = theme.colour("muted"), theme.colour("accent")
    return {
        "q-stem": {**plain, "leftIndent": 22, "bulletIndent": 0, "spaceAfter": 3},
        "q-option": {**plain, "leftIndent": 17, "bulletIndent": 0, "spaceAfter": 2},
        "q-option-list": {**plain, "leftIndent": 39, "bulletIndent": 22, "spaceAfter": 2},
        "q-kicker": {**plain, "fontName": sans.bold, "fontSize": s - 2, "leading": s + 1, "textColor": accent,
                     "spaceAfter": 2},
        "q-title": {**plain, "fontName": sans.bold, "fontSize": s + 6.5, "leading": s + 10.5, "spaceAfter": 2},
        "q-detail": {**plain, "fontName": sans.regular, "fontSize": s - 1.5, "leading": s + 2.5, "textColor": muted,
                     "spaceAfter": 0},
        "q-label": {**plain, "fontName": sans.regular, "fontSize": s - 2, "leading": s + 1, "textColor": muted,
                    "spaceAfter": 0},
        "q-heading": {**plain, "fontName": sans.bold, "fontSize": s, "leading": s + 4, "textColor": accent,
                      "spaceBefore": 2, "spaceAfter": 3, "keepWithNext": 1},
        "q-small": {**plain, "fontSize": s - 1, "leading": s + 3, "spaceAfter": 2},
        "q-list": {**plain, "fontSize": s - 1, "leading": s + 3, "leftIndent": 14, "bulletIndent": 0,
                   "spaceAfter": 1.5},
        "q-cell": {**plain, "fontName": sans.regular, "fontSize": s - 2, "leading": s + 0.5, "spaceAfter": 0},
        "q-cell-c": {**plain, "alignment": TA_CENTER, "fontName": sans.regular, "fontSize": s - 1,
                     "leading": s + 1.5, "spaceAfter": 0},
        "q-head": {**plain, "alignment": TA_CENTER, "fontName": sans.bold, "fontSize": s - 2, "leading": s + 0.5,
                   "textColor": theme.colour("on_accent"), "spaceAfter": 0},
        "q-badge-label": {**plain, "alignment": TA_CENTER, "fontName": sans.bold, "fontSize": s - 2.5,
                          "leading": s, "textColor": theme.colour("on_accent"), "spaceAfter": 0},
        "q-badge": {**plain, "alignment": TA_CENTER, "fontName": sans.bold, "fontSize": s + 13.5,
                    "leading": s + 15.5, "textColor": theme.colour("on_accent"), "spaceAfter": 0},
        "q-paper": {**plain, "fontName": sans.bold, "fontSize": s + 3, "leading": s + 8, "textColor": accent,
                    "spaceBefore": 4, "spaceAfter": 8, "keepWithNext": 1},
        "q-folio": {**plain, "fontName": sans.regular, "fontSize": 8, "leading": 10, "textColor": muted},
        "q-folio-r": {**plain, "alignment": TA_RIGHT, "fontName": sans.bold, "fontSize": 8, "leading": 10},
        "q-quote": {**plain, "fontName": serif.regular, "fontSize": s - 1, "leading": s + 3, "spaceAfter": 1},
    }


@functools.lru_cache(maxsize=8)
def quiz_styles(theme: Theme) -> Mapping[str, ParagraphStyle]:
    """The theme's styles plus the quiz roles. Cached per theme: a set builds dozens of PDFs,
    and ParagraphStyle objects are only read once made. The fonts they name are registered here,
    so a document may be the first of its process."""
    fonts.register(theme.body_font, theme.heading_font)
    styles = dict(make_styles(theme))
    body = styles["body"]
    # Lists and quotations inside stems and instructions follow the quiz's ragged-right rule too.
    for role in ("item", "item2", "quote"):
        styles[role] = ParagraphStyle(role, parent=styles[role], **PLAIN)
    for role, changes in _quiz_roles(theme).items():
        style = ParagraphStyle(role, parent=body, **changes)
        style.bulletFontName, style.bulletFontSize = style.fontName, style.fontSize
        styles[role] = style
    return MappingProxyType(styles)


@functools.lru_cache(maxsize=8)
def stem_styles(theme: Theme) -> Mapping[str, ParagraphStyle]:
    """The quiz styles with lists and quotations moved in under the question's text, for the
    Markdown inside stems (a stimulus list or quotation belongs to its question)."""
    styles = dict(quiz_styles(theme))
    indent = styles["q-stem"].leftIndent
    for role, extra in (("item", 0), ("item2", 0), ("quote", 12)):
        base = styles[role]
        styles[role] = ParagraphStyle(role, parent=base, leftIndent=base.leftIndent + indent + extra,
                                      bulletIndent=base.bulletIndent + indent + extra, rightIndent=extra)
    return MappingProxyType(styles)


def writer(theme: Theme, stems: bool = False) -> Writer:
    """A Markdown writer with the quiz styles; `stems` for question text (see stem_styles)."""
    fonts.register(theme.body_font, theme.heading_font)
    return Writer(theme, stem_styles(theme) if stems else quiz_styles(theme))


# --------------------------------------------------------------------------- documents

CONFIDENTIAL_RED = HexColor("#B3261E")


@dataclass(frozen=True)
class RunningText:
    """What every page prints besides its content: left and right of the header, and a word
    before the "x/y" folio (e.g. "Paket A")."""

    left: str
    right: str
    folio_prefix: str = ""
    confidential: bool = False  # a RAHASIA stamp at the top of every page (keys, pembahasan)


class PagedCanvas(StreamCanvas):
    """Keeps every page until the document ends, so each page can print the page count
    ("halaman 2/5") in one layout pass instead of building the document twice."""

    def __init__(self, *args, decorate: Callable[[Canvas, int, int], None], **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._decorate = decorate

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(self, self._pageNumber, total)
            Canvas.showPage(self)
        super().save()


class QuizDoc(BaseDocTemplate):
    """One page template, theme margins (or landscape paper), fixed dates, "x/y" folios."""

    def __init__(self, buffer: BytesIO, theme: Theme, running: RunningText, landscape: bool = False,
                 **metadata: str):
        self.theme, self.running = theme, running
        self.styles = quiz_styles(theme)
        width, height = theme.page_size
        size = (max(width, height), min(width, height)) if landscape else (width, height)
        top, bottom, inner, outer = theme.margins
        side = min(inner, outer) if landscape else None
        super().__init__(
            buffer, pagesize=size, topMargin=top, bottomMargin=bottom, leftMargin=side or inner,
            rightMargin=side or outer, invariant=1, lang=theme.pdf_lang, initialFontName=theme.body_font.regular,
            initialFontSize=theme.body_size, initialLeading=theme.leading, creator="latsar", pageCompression=1,
            **metadata,
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def beforeDocument(self):
        self.canv.setDateFormatter(self.theme.pdf_date)
        self._drawn_furniture: dict[tuple, tuple[list[str], dict[str, Any]]] = {}
        self.item_pages: list[int] = []  # the page of every ItemBlock, in order
        self.room_left: dict[int, float] = {}  # page -> free height below its last item

    def afterFlowable(self, flowable):
        if isinstance(flowable, ItemBlock):
            self.item_pages.append(self.page)
            self.room_left[self.page] = self.frame._y - self.frame._y1

    def render(self, story: list[Flowable]) -> None:
        self.build(story, canvasmaker=functools.partial(PagedCanvas, decorate=self.decorate))

    def decorate(self, canv: Canvas, page: int, total: int) -> None:
        """Running head (title left, e.g. the version right, over a hairline) and "x/y" folio;
        page 1 opens with its own title block, so it has no running head."""
        width = self.pagesize[0]
        folio = self.styles["q-folio"]
        canv.saveState()
        self._furniture(canv, page > 1)
        text = f"{self.running.folio_prefix} · " if self.running.folio_prefix else ""
        canv.setFillColor(folio.textColor)
        canv.setFont(folio.fontName, folio.fontSize + 1)
        canv.drawCentredString(width / 2, self.bottomMargin * 0.45,
                               f"{text}{self.theme.labels['quiz_page']} {page}/{total}")
        canv.restoreState()

    def _furniture(self, canv: Canvas, headed: bool) -> None:
        """The running head (when `headed`) and the stamp: the same operators on every page of
        the document drawn from the same graphics state, so drawn once and then copied with the
        state they leave, as entry.Stack copies what it drew."""
        transparency = tuple(canv._extgstate._d.items())
        before = (headed, transparency, *(canv.__dict__[name] for name in DRAWING_STATE))
        known = self._drawn_furniture.get(before)
        if known is not None:
            canv._code.extend(known[0])
            canv.__dict__.update(known[1])
            return
        start = len(canv._code)
        self._draw_furniture(canv, headed)
        if tuple(canv._extgstate._d.items()) == transparency:  # a change to it would not be copied
            self._drawn_furniture[before] = (canv._code[start:], {n: canv.__dict__[n] for n in DRAWING_STATE})

    def _draw_furniture(self, canv: Canvas, headed: bool) -> None:
        width, height = self.pagesize
        left, right = self.leftMargin, width - self.rightMargin
        y = height - self.topMargin * 0.55
        folio, strong = self.styles["q-folio"], self.styles["q-folio-r"]
        if headed:
            canv.setFillColor(folio.textColor)
            canv.setFont(folio.fontName, folio.fontSize)
            self._running_left(canv, left, y, right - left)
            canv.setFillColor(self.theme.colour("text"))
            canv.setFont(strong.fontName, strong.fontSize)
            canv.drawRightString(right, y, self.running.right)
            canv.setStrokeColor(self.theme.colour("rule"))
            canv.setLineWidth(0.5)
            canv.line(left, y - 4, right, y - 4)
        if self.running.confidential:
            self._stamp(canv, right, height - self.topMargin * 0.32)

    @functools.cached_property
    def _running_markup(self) -> str | None:
        """The running head's title as markup, None when nothing in it is set in italics."""
        markup = plain(self.running.left, self.theme.foreign_terms)
        return None if markup == escape(bind_ellipsis(self.running.left)) else markup

    def _running_left(self, canv: Canvas, x: float, y: float, width: float) -> None:
        """The running head's title, its foreign terms in italics like everywhere else."""
        text, style, markup = self.running.left, self.styles["q-folio"], self._running_markup
        if markup is None:  # nothing to set in italics: the quick way
            canv.drawString(x, y, text)
            return
        head = Paragraph(markup, style)
        _, height = head.wrap(width, style.leading * 3)
        head.drawOn(canv, x, y - (height - style.fontSize))

    def _stamp(self, canv: Canvas, right: float, y: float) -> None:
        """"RAHASIA" in a red frame, right-aligned above the running head."""
        style = self.styles["q-folio-r"]
        word = self.theme.labels["confidential"].upper()
        size = style.fontSize + 2
        width = stringWidth(word, style.fontName, size) + 10
        canv.setStrokeColor(CONFIDENTIAL_RED)
        canv.setFillColor(CONFIDENTIAL_RED)
        canv.setLineWidth(1)
        canv.rect(right - width, y - 3, width, size + 5, stroke=1, fill=0)
        canv.setFont(style.fontName, size)
        canv.drawCentredString(right - width / 2, y, word)


def render_pdf(theme: Theme, running: RunningText, story: list[Flowable], landscape: bool = False,
               **metadata: str) -> bytes:
    return render_doc(theme, running, story, landscape, **metadata)[0]


def render_doc(theme: Theme, running: RunningText, story: list[Flowable], landscape: bool = False,
               **metadata: str) -> tuple[bytes, QuizDoc]:
    """The PDF and the document that made it (which knows where its items landed)."""
    fonts.register(theme.body_font, theme.heading_font)
    buffer = BytesIO()
    doc = QuizDoc(buffer, theme, running, landscape, **metadata)
    doc.render(story)
    return buffer.getvalue(), doc


def metadata(info: QuizInfo, labels: Mapping[str, str], document: str) -> dict[str, str]:
    return {"title": f"{info.title} — {document}", "author": info.institution, "subject": info.programme,
            "keywords": labels["quiz_keywords"]}


# --------------------------------------------------------------------------- shared pieces


class ItemBlock(Flowable):
    """A question's flowables stacked as one block: measured once per width (KeepTogether
    measures, then the frame measures every part again), and split only when taller than a
    whole page, where KeepTogether would split too."""

    def __init__(self, parts: list[Flowable], gap_after: float, page_height: float):
        super().__init__()
        self.parts, self.gap_after, self.page_height = parts, gap_after, page_height
        self._measured: tuple[float, list[tuple[float, float, float]]] | None = None  # (offset, w, h)

    def wrap(self, availWidth, availHeight):
        if self._measured is None or self._measured[0] != availWidth:
            placed, y, previous_after = [], 0.0, 0.0
            for index, part in enumerate(self.parts):
                width, height = part.wrap(availWidth, self.page_height)
                gap = max(part.getSpaceBefore(), previous_after) if index else 0.0
                placed.append((y + gap, width, height))
                y += gap + height
                previous_after = part.getSpaceAfter()
            self._measured = (availWidth, placed)
            self.height = y
        self.width = availWidth
        return availWidth, self.height

    def getSpaceAfter(self):
        return self.gap_after

    def split(self, availWidth, availHeight):
        return list(self.parts) if self.height > self.page_height else []

    def draw(self):
        for part, (offset, width, height) in zip(self.parts, self._measured[1]):
            # The spare width lets a narrower part (a table) keep its own alignment.
            part.drawOn(self.canv, 0, self.height - offset - height, _sW=self.width - width)


def para(styles: Mapping[str, ParagraphStyle], text: str, role: str, foreign_terms: Sequence[str] = ()) -> Paragraph:
    """A paragraph of plain text (escaped here), its `foreign_terms` in italics."""
    return plain_paragraph(plain(text, foreign_terms), styles[role])


def plain_paragraph(markup: str, style: ParagraphStyle) -> Paragraph:
    """Paragraph(markup, style), without reportlab's markup parser (most of the cost of making
    a short paragraph) where the markup is plain text: no tag, no entity, whitespace as the
    parser leaves it. The parser makes one frag of such text: the style's, holding the text."""
    if "<" in markup or "&" in markup or style.textTransform or cleanBlockQuotedText(markup) != markup or not markup:
        return Paragraph(markup, style)
    return Paragraph(markup, style, frags=[_style_frag(style).clone(text=markup)])


@functools.lru_cache(maxsize=64)
def _style_frag(style: ParagraphStyle) -> ParaFrag:
    """The frag reportlab's parser makes of plain text in `style` (styles are never changed once made)."""
    return Paragraph("x", style).frags[0]


def title_block(theme: Theme, kicker: str, title: str, details: Sequence[str]) -> Flowable:
    """Kicker, title and muted detail lines over an accent rule: the top of every document."""
    styles = quiz_styles(theme)
    terms = theme.foreign_terms
    lines = [para(styles, kicker.upper(), "q-kicker"), para(styles, title, "q-title", terms)]
    lines = [one_line(line) for line in lines + [para(styles, d, "q-detail", terms) for d in details]]
    paddings = [(0.0, 1.0)] * (len(lines) - 1) + [(0.0, 8.0)]
    return Ruled([(Stack([line]), padding) for line, padding in zip(lines, paddings)],
                 Rule(theme.colour("accent"), 1.5))


def ruled(theme: Theme, widths: Sequence[float], header: Sequence[Row], body: Sequence[Row],
          landscape: bool = False, shared: Shared | None = None, look: Look | None = None, **options: Any) -> Grid:
    """A ruled table with an accent header that repeats on every page it runs onto (keys,
    kisi-kisi): 4 pt side padding, 3/4 pt above/below the text unless `options` say otherwise;
    `shared` by the document's other tables, and their `look` too where given (`ruled_look`)."""
    width, height = theme.page_size
    top, bottom = theme.margins[:2]
    page = (min(width, height) if landscape else height) - top - bottom
    return Grid(widths, header, body, look or ruled_look(theme, **options), page, shared)


def ruled_look(theme: Theme, **options: Any) -> Look:
    """The look of `ruled` tables with these options. One Look for a document's tables alike
    (a key's, a kisi-kisi's tables of numbers) holds one object per colour: theme.colour makes
    a new one each call, and a colour set before in the document is copied by its identity
    (grid.set_colour) rather than set through reportlab again."""
    return Look(theme.colour("accent"), theme.colour("rule"), **options)


def chunks(values: Sequence, size: int) -> list[Sequence]:
    return [values[i:i + size] for i in range(0, len(values), size)] or [values]
