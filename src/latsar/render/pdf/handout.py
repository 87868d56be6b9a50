"""Module handouts and the programme book as PDF: the outline's blocks mapped to flowables.

Every decision about content and order was made by `latsar.plan.handout`; this module only
chooses looks (through the Theme's styles) and keeps boxes, headings and items from splitting
in ugly places.
"""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO
from typing import Callable, Mapping
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    Flowable, Image, KeepTogether, NextPageTemplate, PageBreak, Paragraph, Spacer, Table, TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from latsar.collector import collected_after
from latsar.errors import LatsarError
from latsar.messages import t
from latsar.model.curriculum import Curriculum
from latsar.plan import handout as plan
from latsar.plan.types import QuizPlan
from latsar.render.pdf import fonts
from latsar.render.pdf.flow import LINES_AFTER_HEADING, TAIL_FILL, OpeningRoom, Para, guard_headings, keep_tail
from latsar.render.pdf.markup import Writer, balanced_width, no_lone_word, plain
from latsar.render.pdf.memo import LayoutMemo
from latsar.render.pdf.pages import (
    CaptionParagraph, DivisionEnd, DivisionStart, HandoutDoc, HeadingParagraph, RectoStart, contents_flowable,
    listing_flowable,
)
from latsar.render.pdf.theme import Theme, table_commands
from latsar.text.casing import upper


# A heading never asks for more than this share of a page to be free below it: a block taller
# than that may split or move on alone rather than leave a large hole.
HEADING_ROOM_MOST = 0.4


def module_pdf(curriculum: Curriculum, module_id: str, evaluasi: QuizPlan | None, theme: Theme,
               memo: LayoutMemo | None = None) -> bytes:
    """The handout of one module (cover to daftar pustaka); `evaluasi` is its end-of-module quiz."""
    return render_outline(plan.module_outline(curriculum, module_id, evaluasi, theme.labels), theme, memo)


def facilitator_pdf(curriculum: Curriculum, module_id: str, theme: Theme) -> bytes:
    """The module's panduan-fasilitator: answer points for every latihan and case question."""
    from latsar.plan.facilitator import facilitator_outline

    return render_outline(facilitator_outline(curriculum, module_id, theme.labels), theme)


def book_pdf(curriculum: Curriculum, evaluasi: Mapping[str, QuizPlan], theme: Theme,
             memo: LayoutMemo | None = None) -> bytes:
    """All modules as one book (bahan-ajar.pdf); `evaluasi` is keyed by module or blueprint id.
    With the `memo` the module handouts were made with, their paragraphs are not broken again."""
    return render_outline(plan.book_outline(curriculum, evaluasi, theme.labels), theme, memo)


@collected_after
def render_outline(outline: plan.Outline, theme: Theme, memo: LayoutMemo | None = None) -> bytes:
    """The outline as a PDF. A part whose last page would hold only a few lines is set again a
    little tighter (less space between paragraphs, a hair less leading), at most twice. `memo`
    (for `theme`) holds what documents made before in this process share with this one."""
    fonts.register(theme.body_font, theme.heading_font)
    memo = memo if memo is not None else LayoutMemo(theme)
    assert memo.theme is theme, "a layout memo serves the documents of one theme"
    keys = [_layout_key(division) for division in outline.divisions]
    # Parts already set in another document and found short there are set tighter at once: a
    # part starts on a new page, so its pages are the same in every document that holds it.
    tight = frozenset(index for index, key in enumerate(keys) if memo.short_tails.get(key))
    made: dict[tuple[int, bool], list[Flowable]] = {}  # a part's flowables, set again as they were
    for attempt in range(3):
        pdf, doc = _render(outline, memo, tight, made, final=attempt == 2)
        short = frozenset(doc.short_tails(TAIL_FILL))
        memo.short_tails.update((key, index in short) for index, key in enumerate(keys)
                                if key is not None and index not in tight)
        if short <= tight:
            return pdf
        tight |= short
    return pdf


def _layout_key(division: plan.Division) -> plan.Division | None:
    """What a part's pages depend on: all of it but its headings' levels (which only place it in
    the daftar isi and the bookmarks), so a chapter in the book has the key of the same chapter
    in the module's handout. None for parts that read their document (the daftar isi)."""
    if _reads_document(division):
        return None

    def flat(heading: plan.Heading | None) -> plan.Heading | None:
        return replace(heading, level=0) if heading is not None else None

    sections = tuple(replace(section, heading=flat(section.heading)) for section in division.sections)
    return replace(division, heading=flat(division.heading), sections=sections)


def _render(outline: plan.Outline, memo: LayoutMemo, tight: frozenset[int],
            made: dict[tuple[int, bool], list[Flowable]], final: bool = True) -> tuple[bytes, HandoutDoc]:
    """The outline laid out with the `tight` parts set tighter; its PDF (empty unless `final` or
    no other part needs setting tighter: a layout set again is only measured) and its document."""
    buffer, theme, styles = BytesIO(), memo.theme, memo.styles
    depth = next((b.depth for d in outline.divisions for b in d.blocks if isinstance(b, plan.Contents)), -1)
    doc = HandoutDoc(buffer, theme, styles, depth, title=outline.title, author=outline.author,
                     subject=outline.subject, keywords=outline.keywords)
    doc.page_mark = outline.page_mark
    writers = (Writer(theme, styles, memo), Writer(theme, memo.tight_styles, memo))
    story = _Story(doc, writers, outline, tight, made).flowables()
    doc.build_story(story, wanted=lambda: final or set(doc.short_tails(TAIL_FILL)) <= tight)
    return buffer.getvalue(), doc


class _Story:
    """Builds the flowables of one outline; one method per block kind (see `_BLOCKS`).

    A part set again (another layout of the same outline, where only some parts are set
    tighter) reuses the flowables it had, as reportlab reuses a story from pass to pass: they
    keep the lines they were broken into. Parts whose flowables read the document (the daftar
    isi and the lists of tables and figures) are made anew."""

    def __init__(self, doc: HandoutDoc, writers: tuple[Writer, Writer], outline: plan.Outline,
                 tight: frozenset[int], made: dict[tuple[int, bool], list[Flowable]] | None = None):
        self.doc, self.writers, self.outline, self.tight = doc, writers, outline, tight
        self.made = made if made is not None else {}
        self.writer = writers[0]
        self.theme, self.styles = self.writer.theme, self.writer.styles

    def flowables(self) -> list[Flowable]:
        story: list[Flowable] = []
        divisions = self.outline.divisions
        for index, division in enumerate(divisions):
            run_on = division.role == "run-on"
            if index and not run_on:
                story += [NextPageTemplate(division.matter), PageBreak()]
                if self.theme.duplex and division.role != "verso":
                    story.append(RectoStart())
            self.writer = self.writers[index in self.tight]
            self.styles = self.writer.styles
            flows = self._reused(index, division)
            story += [OpeningRoom(flows)] if run_on else []
            story += [DivisionStart(division.running_head, index), *flows]
            # A part the next one follows on does not end its page: its last page's fill is not its own.
            if index + 1 == len(divisions) or divisions[index + 1].role != "run-on":
                story.append(DivisionEnd(index))
        return story

    def _reused(self, index: int, division: plan.Division) -> list[Flowable]:
        key = (index, index in self.tight)
        if key in self.made:
            return self.made[key]
        flowables = self.division(division)
        if not _reads_document(division):
            self.made[key] = flowables
        return flowables

    def division(self, division: plan.Division) -> list[Flowable]:
        out: list[Flowable] = []
        if division.role == "divider":
            out.append(Spacer(1, self.doc.height * 0.22))
        if division.heading:
            out += self.opener(division.heading, division.role == "run-on")
        if division.role == "divider":  # a module's title page in the book: its prose is centred
            out += [f for block in division.blocks for f in self.writer.flowables(block.text, "divider-text")]
        else:
            out += [f for block in division.blocks for f in self.block(block)]
        for section in division.sections:
            out += self.section(section)
        if division.matter == "cover":
            return out
        # Every heading needs room for itself, a short intro and a few lines below, or it moves on.
        out = guard_headings(out, self.doc.height * HEADING_ROOM_MOST)
        return keep_tail(out, self.theme.frame_width, self.theme.leading, self.doc.height)

    def opener(self, heading: plan.Heading, run_on: bool = False) -> list[Flowable]:
        """Chapter number, title and a short rule; set apart from the text above when the chapter
        follows on mid-page (the space falls away at the top of a page)."""
        out: list[Flowable] = []
        number = self.styles["chapter-number"]
        if run_on:
            number = ParagraphStyle("chapter-number-run-on", parent=number, spaceBefore=self.theme.leading * 2.5)
        if heading.number:
            out.append(Paragraph(escape(upper(heading.number)), number))
        title = self.writer.plain(upper(heading.title))
        out.append(HeadingParagraph(title, self._balanced("chapter-title", title), heading))
        out.append(HRFlowable(width=36, thickness=2, color=self.theme.colour("accent"), hAlign="CENTER",
                              spaceBefore=2, spaceAfter=self.theme.leading * 1.6))
        return out

    def _balanced(self, role: str, markup: str) -> ParagraphStyle:
        """The role's style, indented on both sides so a centred title's lines are even."""
        style, width = self.styles[role], self.doc.width
        inset = (width - balanced_width(markup, style, width)) / 2
        return ParagraphStyle(role, parent=style, leftIndent=inset, rightIndent=inset) if inset > 0 else style

    def section(self, section: plan.Section) -> list[Flowable]:
        heading = section.heading
        title = self.writer.plain(heading.title)
        style = no_lone_word(title, self.styles["section"], self.doc.width)
        out: list[Flowable] = [HeadingParagraph(title, style, heading, heading.number)]
        for block in section.blocks:
            out += self.block(block)
        return out

    def block(self, block: plan.Block) -> list[Flowable]:
        return _BLOCKS[type(block)](self, block)

    # ----------------------------------------------------------------- simple blocks

    def prose(self, block: plan.Prose) -> list[Flowable]:
        return self.writer.flowables(block.text)

    def subheading(self, block: plan.Subheading) -> list[Flowable]:
        return [self.writer.paragraph(escape(block.text), "subheading")]

    def entry_list(self, block: plan.EntryList) -> list[Flowable]:
        out: list[Flowable] = []
        for number, entry in enumerate(block.entries, start=1):
            bullet = f"{number}." if block.ordered else "•"
            head = self.writer.flowables(entry.text, "item-tagged" if entry.tag else "item", bullet, self._tag(entry.tag))
            children = [self.writer.paragraph(self.writer.plain(child), "item2", f"{'abcdefghijklmnopqrstuvwxyz'[i]}.")
                        for i, child in enumerate(entry.children)]
            # A question never ends a page without its first answer point under it.
            out += [KeepTogether(head + children[:1]), *children[1:]] if children else head
        return out + [Spacer(1, self.styles["body"].spaceAfter - self.styles["item"].spaceAfter)]

    def _tag(self, tag: str) -> str:
        """A small grey label after an entry; no-break spaces keep it whole on one line."""
        if not tag:
            return ""
        style = self.styles["tag"]
        words = escape(tag).replace(" ", "\u00a0")
        return f' <font name="{style.fontName}" size="{style.fontSize}" color="{self.theme.colours.muted}">({words})</font>'

    def signature(self, block: plan.Signature) -> list[Flowable]:
        lines = [self.writer.paragraph(escape(block.place_date), "signature"),
                 self.writer.paragraph(escape(block.role), "signature"),
                 self.writer.paragraph(f"<u>{escape(block.name)}</u>", "signature-name")]
        if block.nip:
            lines.append(self.writer.paragraph(escape(block.nip), "signature"))
        return [Spacer(1, self.theme.leading), KeepTogether(lines)]

    def formula(self, block: plan.Formula) -> list[Flowable]:
        """left = numerator / denominator × factor, the fraction set with a rule between."""
        w, style = self.writer, "formula"
        fraction = Table([[w.paragraph(escape(block.numerator), style)], [w.paragraph(escape(block.denominator), style)]])
        fraction.setStyle(TableStyle(table_commands(self.theme, ("LINEBELOW", (0, 0), (0, 0), 0.8, self.theme.colour("text")),
                                                    ("ALIGN", (0, 0), (-1, -1), "CENTER"))))
        row = [w.paragraph(escape(block.left), style), w.paragraph("=", style), fraction,
               w.paragraph(escape(block.factor), style)]
        widths = [_text_width(block.left, self.styles[style]) + 16, 16,
                  max(_text_width(t, self.styles[style]) for t in (block.numerator, block.denominator)) + 32,
                  _text_width(block.factor, self.styles[style]) + 16]
        table = Table([row], colWidths=widths, hAlign="CENTER")
        table.setStyle(TableStyle(table_commands(self.theme, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"))))
        return [Spacer(1, self.theme.leading * 0.3), table, Spacer(1, self.theme.leading * 0.6)]

    def exhibit(self, block: plan.Exhibit) -> list[Flowable]:
        """A table under its caption, or a figure over its caption; the caption is listed."""
        w = self.writer
        caption = CaptionParagraph(f"<b>{escape(block.label)}</b> {w.plain(block.caption)}", self.styles["caption"],
                                   (block.kind, block.key, block.entry))
        source = [w.paragraph(f"{escape(self.theme.labels['source_label'])}: {w.plain(block.source)}", "caption-source")
                  ] if block.source else []
        if block.kind == "table":
            return [Spacer(1, self.theme.leading * 0.3), caption, *w.flowables(block.text), *source,
                    Spacer(1, self.theme.leading * 0.5)]
        return [Spacer(1, self.theme.leading * 0.3), KeepTogether([self._image(block), caption, *source]),
                Spacer(1, self.theme.leading * 0.5)]

    def _image(self, block: plan.Exhibit) -> Flowable:
        try:
            reader = ImageReader(str(block.image))
        except OSError as exc:
            raise LatsarError(t("cannot read the figure image {image}: {error}", image=block.image, error=exc)) from None
        iw, ih = reader.getSize()
        width = self.theme.frame_width * block.width
        height = min(width * ih / iw, self.doc.height * 0.6)
        return Image(str(block.image), width=height * iw / ih, height=height, hAlign="CENTER")

    def listing(self, block: plan.Listing) -> list[Flowable]:
        return [listing_flowable(self.doc, block.kind, block.entries)]

    def title_page(self, block: plan.TitlePage) -> list[Flowable]:
        return [TitlePageFlowable(block, self.theme, self.styles)]

    def colophon(self, block: plan.Colophon) -> list[Flowable]:
        w, out = self.writer, []
        for label, names in block.credits:
            out.append(w.paragraph(f"<b>{escape(label)}</b>", "colophon"))
            out += [w.paragraph(escape(name), "colophon-name") for name in names]
        if block.edition:
            out.append(w.paragraph(escape(block.edition), "colophon"))
        out.append(w.paragraph(escape(block.copyright), "colophon"))
        out += w.flowables(block.notice, "colophon-notice")
        return [BottomAligned(out)]

    def references(self, block: plan.ReferenceList) -> list[Flowable]:
        out: list[Flowable] = []
        for number, text in block.entries:
            out += self.writer.flowables(text, "reference", f"[{number}]")
        return out

    def contents(self, block: plan.Contents) -> list[Flowable]:
        return [contents_flowable(self.doc, self.outline.headings())]

    def cover(self, block: plan.Cover) -> list[Flowable]:
        return [CoverPage(block, self.theme, self.styles)]

    # ----------------------------------------------------------------- boxed blocks

    def quotation(self, block: plan.Quotation) -> list[Flowable]:
        words = self.writer.paragraph(self.writer.plain(block.text), "quote")
        source = f"— {escape(block.speaker)}, <i>{escape(block.source)}</i> [{block.ref}]"
        table = Table([[words], [self.writer.paragraph(source, "quote-attribution")]],
                      colWidths=[self.theme.frame_width - 2 * self.theme.body_size])
        table.setStyle(TableStyle(table_commands(self.theme,
            ("LINEBEFORE", (0, 0), (0, -1), 2, self.theme.colour("accent")),
            ("LEFTPADDING", (0, 0), (-1, -1), 12), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("NOSPLIT", (0, 0), (-1, -1)),
        )))
        table.hAlign = "CENTER"
        return [Spacer(1, self.theme.leading * 0.3), table, Spacer(1, self.theme.leading * 0.7)]

    def case(self, block: plan.Case) -> list[Flowable]:
        w = self.writer
        caption = upper(block.caption)
        title = w.plain(block.title)
        rows: list[Flowable] = [w.paragraph(escape(caption), "case-caption"), w.styled(title, no_lone_word(
            title, self.styles["case-title"], self.theme.frame_width - 2 * Box.PAD))]
        rows += w.flowables(block.body, "case-body")
        rows.append(w.paragraph(escape(block.questions_caption), "case-questions"))
        for number, question in enumerate(block.questions, start=1):
            rows += w.flowables(question, "case-item", f"{number}.")
        more = w.paragraph(escape(f"{caption} ({self.theme.labels['continued']})"), "case-caption")
        return [Spacer(1, self.theme.leading * 0.3), Box(rows, self.theme, more, keep_after=("case-questions",)),
                Spacer(1, self.theme.leading * 0.8)]

    # ----------------------------------------------------------------- evaluasi and key

    def quiz(self, block: plan.Quiz) -> list[Flowable]:
        out: list[Flowable] = []
        for item in block.items:
            flows = self.writer.flowables(item.stem, "quiz-stem", f"{item.number}.")
            # An item no page holds is laid out flowable by flowable: its last line stays with
            # its first option, never alone at a page's foot over options overleaf.
            flows[-1].keepWithNext = True
            for letter, text in item.options:
                flows += self.writer.flowables(text, "quiz-option", letter)
            out.append(KeepTogether(flows + [Spacer(1, self.theme.leading * 0.5)]))
        return out

    def key_table(self, block: plan.KeyTable) -> list[Flowable]:
        columns = 4 if len(block.keys) > 8 else 2
        rows_per = -(-len(block.keys) // columns)
        head = [self.writer.paragraph(escape(t), "key-head") for _ in range(columns)
                for t in (block.number_label, block.key_label)]
        body = [[] for _ in range(rows_per)]
        for index, (number, key) in enumerate(block.keys):
            body[index % rows_per] += [self.writer.paragraph(str(number), "key-cell"),
                                       self.writer.paragraph(f"<b>{key}</b>", "key-cell")]
        for row in body:
            row += [""] * (2 * columns - len(row))
        width = min(self.theme.frame_width, columns * 32 * mm) / (2 * columns)
        table = Table([head] + body, colWidths=[width] * (2 * columns), repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(table_commands(self.theme,
            ("BACKGROUND", (0, 0), (-1, 0), self.theme.colour("accent")),
            ("GRID", (0, 0), (-1, -1), 0.5, self.theme.colour("rule")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        )))
        return [table, Spacer(1, self.theme.leading)]

    def explanations(self, block: plan.Explanations) -> list[Flowable]:
        out: list[Flowable] = []
        for entry in block.entries:
            key = f"<b>{escape(block.key_label)}: {escape(entry.letter)}</b> — "
            first = self.writer.flowables(entry.key_text, "explanation-key", f"{entry.number}.")
            first[0] = Para(key + first[0].text, first[0].style, bulletText=first[0].bulletText)
            out.append(KeepTogether(first + self.writer.flowables(entry.text, "explanation")))
        return out

    def glossary(self, block: plan.Glossary) -> list[Flowable]:
        rows = [[self.writer.paragraph(self.writer.plain(term), "glossary-term"),
                 self.writer.flowables(definition, "glossary-definition")] for term, definition in block.entries]
        width = self.theme.frame_width
        table = Table(rows, colWidths=[width * 0.3, width * 0.7], splitByRow=1)
        table.setStyle(TableStyle(table_commands(self.theme,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (0, -1), 0), ("RIGHTPADDING", (0, 0), (0, -1), 10),
            ("LEFTPADDING", (1, 0), (1, -1), 0), ("RIGHTPADDING", (1, 0), (1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LINEBELOW", (0, 0), (-1, -2), 0.5, self.theme.colour("rule")),
            ("NOSPLIT", (0, max(len(rows) - 3, 0)), (-1, -1)),  # never one term alone on the last page
        )))
        return [table]


_BLOCKS: dict[type, Callable[[_Story, object], list[Flowable]]] = {
    plan.Prose: _Story.prose, plan.Subheading: _Story.subheading, plan.EntryList: _Story.entry_list,
    plan.Quotation: _Story.quotation, plan.Case: _Story.case, plan.Signature: _Story.signature,
    plan.Quiz: _Story.quiz, plan.KeyTable: _Story.key_table, plan.Explanations: _Story.explanations,
    plan.Glossary: _Story.glossary, plan.ReferenceList: _Story.references, plan.Contents: _Story.contents,
    plan.Cover: _Story.cover, plan.Formula: _Story.formula, plan.TitlePage: _Story.title_page,
    plan.Colophon: _Story.colophon, plan.Exhibit: _Story.exhibit, plan.Listing: _Story.listing,
}


def _line_count(flowable: Flowable) -> int:
    """Lines of a wrapped paragraph (a block of another kind counts as enough)."""
    para = getattr(flowable, "blPara", None)
    return len(para.lines) if para is not None else LINES_AFTER_HEADING


def _reads_document(division: plan.Division) -> bool:
    """Whether the part's flowables hold the document they were made for (its daftar isi, its
    lists of tables and figures)."""
    blocks = [*division.blocks, *(b for section in division.sections for b in section.blocks)]
    return any(isinstance(block, (plan.Contents, plan.Listing)) for block in blocks)


def _text_width(text: str, style: ParagraphStyle) -> float:
    return stringWidth(text, style.fontName, style.fontSize)


class BottomAligned(Flowable):
    """Flowables stacked at the foot of the frame (the colophon on the back of the title page)."""

    def __init__(self, flowables: list[Flowable]):
        super().__init__()
        self.flowables = flowables

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, availHeight - 1
        return self.width, self.height

    def draw(self):
        y = 0.0
        for flowable in reversed(self.flowables):
            _, height = flowable.wrap(self.width, self.height)
            y += flowable.getSpaceAfter()
            flowable.drawOn(self.canv, 0, y)
            y += height + flowable.getSpaceBefore()


def _draw_logos(canvas, logos, x: float, y: float, height: float, centred_in: float = 0.0) -> tuple[float, float]:
    """Logos side by side, `height` high, from x (or centred in a width); returns width and height."""
    if not logos:
        return 0.0, 0.0
    images = []
    for logo in logos:
        try:
            images.append(ImageReader(str(logo)))
        except OSError as exc:
            raise LatsarError(t("cannot read the logo {logo}: {error}", logo=logo, error=exc)) from None
    gap = height * 0.35
    widths = [height * i.getSize()[0] / i.getSize()[1] for i in images]
    total = sum(widths) + gap * (len(widths) - 1)
    x = x + (centred_in - total) / 2 if centred_in else x
    for image, width in zip(images, widths):
        canvas.drawImage(image, x, y, width, height, mask="auto")
        x += width + gap
    return total, height


class TitlePageFlowable(Flowable):
    """The title page: logos at the top, the title block in the upper middle, the institution,
    place and year at the foot; everything centred."""

    def __init__(self, page: plan.TitlePage, theme: Theme, styles):
        super().__init__()
        self.page, self.theme, self.styles = page, theme, styles

    def wrap(self, availWidth, availHeight):
        return availWidth, availHeight - 1

    def _centred(self, text: str, role: str, markup: str | None = None) -> Paragraph:
        style = ParagraphStyle(role, parent=self.styles[role], alignment=1)
        return Paragraph(markup or plain(text, self.theme.foreign_terms), style)

    def drawOn(self, canvas, x, y, _sW=0):
        width, height = self.theme.page_size
        top, bottom, inner, outer = self.theme.margins
        frame = width - inner - outer
        canvas.saveState()
        _draw_logos(canvas, self.page.logos, inner, height - top - 22 * mm, 22 * mm, centred_in=frame)
        page = self.page
        title_style = self.styles["title-page-title"]
        markup = plain(page.title, self.theme.foreign_terms)
        inset = (frame - balanced_width(markup, title_style, frame)) / 2
        title = Paragraph(markup, ParagraphStyle("t", parent=title_style, alignment=1, leftIndent=inset,
                                                 rightIndent=inset))
        paras = [self._centred(upper(page.kicker), "title-page-kicker"), title]
        paras += [self._centred(text, "title-page-detail") for text in (page.subtitle, *page.details) if text]
        ytop = height * 0.68
        for para in paras:
            _, h = para.wrap(frame, 1000)
            ytop -= h
            para.drawOn(canvas, inner, ytop)
            ytop -= 8
        foot = [self._centred(page.institution, "cover-institution"), self._centred(page.place_year, "cover-cohort")]
        ybottom = bottom
        for para in reversed(foot):
            _, h = para.wrap(frame, 1000)
            para.drawOn(canvas, inner, ybottom)
            ybottom += h + 3
        canvas.restoreState()


class Box(Flowable):
    """A tinted box with an accent rule. It splits between its paragraphs or inside one (never
    before the caption, the title and two lines of text), and the part on the next page opens
    with `more` ("STUDI KASUS (LANJUTAN)"), so a long case never leaves half a page blank."""

    PAD = 14  # left and right padding; 10 above the first row and below the last

    def __init__(self, rows: list[Flowable], theme: Theme, more: Paragraph, keep_after: tuple[str, ...] = (),
                 continued: bool = False):
        super().__init__()
        self.rows, self.theme, self.more, self.keep_after = rows, theme, more, keep_after
        self.continued = continued
        self._table: Table | None = None

    def _content(self) -> list[Flowable]:
        return [self.more, *self.rows] if self.continued else list(self.rows)

    def _make_table(self) -> Table:
        rows = self._content()
        last = len(rows) - 1
        # Rows are single paragraphs, so their own spacing becomes the row padding.
        spacing = [cmd for i, r in enumerate(rows) for cmd in (
            ("TOPPADDING", (0, i), (0, i), r.getSpaceBefore()), ("BOTTOMPADDING", (0, i), (0, i), r.getSpaceAfter()))]
        table = Table([[r] for r in rows], colWidths=[self.theme.frame_width])
        table.setStyle(TableStyle(table_commands(self.theme, *spacing,
            ("BACKGROUND", (0, 0), (-1, -1), self.theme.colour("tint")),
            ("LINEBEFORE", (0, 0), (0, -1), 3, self.theme.colour("accent")),
            ("LEFTPADDING", (0, 0), (-1, -1), self.PAD), ("RIGHTPADDING", (0, 0), (-1, -1), self.PAD),
            ("TOPPADDING", (0, 0), (-1, 0), 10), ("BOTTOMPADDING", (0, last), (-1, last), 10),
        )))
        return table

    def wrap(self, availWidth, availHeight):
        self._table = self._make_table()
        self.width, self.height = self._table.wrap(availWidth, availHeight)
        return self.width, self.height

    def draw(self):
        self._table.drawOn(self.canv, 0, 0)

    def _heights(self, inner: float) -> list[float]:
        rows = self._content()
        return [r.wrap(inner, 1e6)[1] + r.getSpaceBefore() + r.getSpaceAfter() for r in rows]

    def least_height(self, width: float) -> float:
        """The smallest first part: caption, title and a few lines of text, in their padding."""
        heights = self._heights(self.theme.frame_width - 2 * self.PAD)
        return sum(heights[:2]) + min(sum(heights[2:3]), LINES_AFTER_HEADING * self.theme.leading) + 20

    def split(self, availWidth, availHeight):
        # The estimate below ignores how paddings replace the first and last rows' spacing;
        # a part that comes out too tall is tried again with a line less.
        for shortfall in range(6):
            parts = self._split(availHeight - shortfall * self.theme.leading)
            if len(parts) < 2 or parts[0].wrap(availWidth, availHeight)[1] <= availHeight:
                return parts
        return []

    def _split(self, availHeight: float) -> list[Flowable]:
        inner = self.theme.frame_width - 2 * self.PAD
        heights = self._heights(inner)
        offset = 1 if self.continued else 0
        room, index = availHeight - 20, 0  # 10 pt padding above and below
        while index < len(heights) and heights[index] <= room:
            room -= heights[index]
            index += 1
        index -= offset  # index into self.rows of the first row that does not fit whole
        if index >= len(self.rows):
            return [self]
        head = self.rows[:index]
        while head and getattr(getattr(head[-1], "style", None), "name", "") in self.keep_after:
            head.pop()
            index -= 1
        row = self.rows[index]
        parts = row.split(inner, room - row.getSpaceBefore()) if isinstance(row, Paragraph) else []
        if len(parts) == 2:
            first, rest = head + [parts[0]], [parts[1], *self.rows[index + 1:]]
        else:
            first, rest = head, self.rows[index:]
        if not self.continued and sum(_line_count(r) for r in first[2:]) < LINES_AFTER_HEADING:
            return []  # caption, title and a few lines of text, or all moves on
        if not first:
            return []
        return [Box(first, self.theme, self.more, self.keep_after, self.continued),
                Box(rest, self.theme, self.more, self.keep_after, True)]


class CoverPage(Flowable):
    """The cover, drawn on the whole page: an accent panel with the title, the rest on white."""

    def __init__(self, cover: plan.Cover, theme: Theme, styles):
        super().__init__()
        self.cover, self.theme, self.styles = cover, theme, styles

    def wrap(self, availWidth, availHeight):
        # Claims the frame, so nothing else lands on the cover page.
        return availWidth, availHeight - 1

    def drawOn(self, canvas, x, y, _sW=0):
        canvas.saveState()
        self._panel(canvas)
        self._foot(canvas)
        canvas.restoreState()

    def _para(self, text: str, role: str) -> Paragraph:
        return Paragraph(plain(text, self.theme.foreign_terms), self.styles[role])

    def _stack(self, canvas, paragraphs: list[Paragraph], x: float, y: float, gap: float,
               width: float | None = None) -> float:
        """Draw paragraphs downwards from y; return the y below the last."""
        width = width or self.theme.frame_width
        for para in paragraphs:
            _, height = para.wrap(width, 1000)
            y -= height
            para.drawOn(canvas, x, y)
            y -= gap
        return y

    def _panel(self, canvas) -> None:
        width, height = self.theme.page_size
        top, bottom, inner, outer = self.theme.margins
        panel_bottom = height * 0.44
        canvas.setFillColor(self.theme.colour("accent"))
        canvas.rect(0, panel_bottom, width, height - panel_bottom, stroke=0, fill=1)
        cover = self.cover
        title_style = self.styles["cover-title"]
        markup = plain(cover.title, self.theme.foreign_terms)
        spare = self.theme.frame_width - balanced_width(markup, title_style, self.theme.frame_width)
        title = Paragraph(markup, ParagraphStyle("cover-title", parent=title_style, rightIndent=spare))
        paras = [self._para(upper(cover.kicker), "cover-kicker"), title]
        if cover.subtitle:
            paras.append(self._para(cover.subtitle, "cover-subtitle"))
        block_height = sum(p.wrap(self.theme.frame_width, 1000)[1] + 10 for p in paras)
        self._stack(canvas, paras, inner, panel_bottom + 22 * mm + block_height, 10)
        details = [self._para(d, "cover-detail") for d in cover.details]
        self._stack(canvas, details, inner, panel_bottom - 14 * mm, 2)

    def _foot(self, canvas) -> None:
        """Logos, institution, cohort and year at the foot of the page, under an accent rule."""
        width, _ = self.theme.page_size
        top, bottom, inner, outer = self.theme.margins
        logo_width, logo_height = _draw_logos(canvas, self.cover.logos, inner, bottom, 18 * mm)
        x = inner + logo_width + (12 if logo_width else 0)
        paras = [self._para(self.cover.institution, "cover-institution"),
                 self._para(self.cover.cohort_year, "cover-cohort")]
        avail = width - x - outer
        total = sum(p.wrap(avail, 1000)[1] + 3 for p in paras)
        rule_y = bottom + max(total, logo_height) + 14
        canvas.setStrokeColor(self.theme.colour("accent"))
        canvas.setLineWidth(1.5)
        canvas.line(inner, rule_y, width - outer, rule_y)
        self._stack(canvas, paras, x, bottom + total, 3, avail)
