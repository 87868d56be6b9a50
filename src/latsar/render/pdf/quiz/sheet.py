"""The answer sheet (lembar-jawaban.pdf), drawn straight from latsar.sheet_geometry.

Every bubble, marker, the orientation bar and the QR code are placed where the geometry says,
and nothing a scanner reads is placed anywhere else; headings, write-in lines and frames only
decorate the space around them. Bubbles are outlined in grey with a light letter or digit
inside, so a pencil mark is what stands out on a scan.
"""

from __future__ import annotations

import functools
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from latsar import sheet_geometry as geo
from latsar.collector import collected_after
from latsar.render.pdf import fonts
from latsar.render.pdf.quiz.common import QuizInfo, quiz_styles
from latsar.render.pdf.streams import StreamCanvas
from latsar.render.pdf.theme import Theme

BUBBLE_LABEL = 5.6  # pt: the letter or digit printed inside each bubble
LABEL_GREY = 0.62  # of white: light enough that a scanner sees a pencil mark, not the letter
MM_PT = 72 / 25.4  # points per millimetre


@collected_after
def sheet_pdf(layout: geo.SheetLayout, info: QuizInfo, theme: Theme) -> bytes:
    fonts.register(theme.body_font, theme.heading_font)
    buffer = BytesIO()
    canv = StreamCanvas(buffer, pagesize=(geo.PAGE_SIZE[0] * mm, geo.PAGE_SIZE[1] * mm), invariant=1,
                  pageCompression=1, lang=theme.pdf_lang, initialFontName=theme.heading_font.regular,
                  initialFontSize=9, initialLeading=11)
    canv.setDateFormatter(theme.pdf_date)
    canv.setTitle(f"{info.title} — {theme.labels['sheet_title']}")
    canv.setAuthor(info.institution)
    canv.setSubject(info.programme)
    canv.setKeywords(theme.labels["quiz_keywords"])
    canv.setCreator("latsar")
    for page in layout.pages:
        SheetPage(canv, theme, layout, page, info).draw()
        canv.showPage()
    canv.save()
    return buffer.getvalue()


class SheetPage:
    """Draws one page; coordinates are the geometry's (mm from the top-left corner)."""

    def __init__(self, canv: Canvas, theme: Theme, layout: geo.SheetLayout, page: geo.SheetPage, info: QuizInfo):
        self.canv, self.theme, self.layout, self.page, self.info = canv, theme, layout, page, info
        self.labels, self.styles = theme.labels, quiz_styles(theme)
        self.sans = theme.heading_font
        self._colours: dict[str, Color] = {}

    def colour(self, name: str) -> Color:
        """The theme's colour, made once per page (a page sets colours hundreds of times)."""
        if name not in self._colours:
            self._colours[name] = self.theme.colour(name)
        return self._colours[name]

    @functools.cached_property
    def qr_matrix(self) -> tuple[bytearray, ...]:
        """The page's QR symbol (blueprint, layout version, page) as rows of dark (1) and light
        modules; segno makes the same symbol from the same text every time."""
        import segno

        return tuple(segno.make(self.layout.qr_text(self.page.number), error="m", micro=False).matrix)

    # ----------------------------------------------------------------- drawing helpers

    @staticmethod
    def point(x: float, y: float) -> tuple[float, float]:
        return x * mm, (geo.PAGE_SIZE[1] - y) * mm

    def text(self, x: float, y: float, words: str, size: float, bold: bool = False, colour: str = "text",
             align: str = "left") -> None:
        """A line of text with its baseline at y."""
        canv = self.canv
        canv.setFont(self.sans.bold if bold else self.sans.regular, size)
        canv.setFillColor(self.colour(colour))
        draw = {"left": canv.drawString, "right": canv.drawRightString, "centre": canv.drawCentredString}[align]
        draw(*self.point(x, y), words)

    def fit(self, words: str, size: float, width: float) -> tuple[str, float]:
        """The words and a size at which they fit `width` points: set smaller, down to 80 % of
        `size`, before anything is cut; only then shortened with an ellipsis."""
        needed = self.canv.stringWidth(words, self.sans.regular, size)
        size = max(size * 0.8, min(size, size * width / needed)) if needed else size
        while words and self.canv.stringWidth(words, self.sans.regular, size) > width:
            words = words[:-2].rstrip() + "…"
        return words, size

    def square(self, marker: geo.Marker) -> None:
        x, y = marker.centre
        half = marker.size / 2
        self.canv.setFillColor(self.colour("text"))
        self.canv.rect(*self.point(x - half, y + half), marker.size * mm, marker.size * mm, stroke=0, fill=1)

    def frame(self, left: float, top: float, right: float, bottom: float, fill: str | None = None) -> None:
        canv = self.canv
        canv.setStrokeColor(self.colour("rule"))
        canv.setLineWidth(0.6)
        if fill:
            canv.setFillColor(self.colour(fill))
        canv.roundRect(*self.point(left, bottom), (right - left) * mm, (bottom - top) * mm, 2 * mm,
                       stroke=1, fill=1 if fill else 0)

    def bubble(self, x: float, y: float, radius: float, label: str, filled: bool = False) -> None:
        canv = self.canv
        canv.setLineWidth(0.7)
        canv.setStrokeColor(self.colour("muted"))
        canv.setFillColor(self.colour("text"))
        canv.circle(*self.point(x, y), radius * mm, stroke=1, fill=1 if filled else 0)
        if not filled:
            # A capital's middle is about 0.36 of the font size above its baseline.
            canv.setFont(self.sans.regular, BUBBLE_LABEL)
            canv.setFillGray(LABEL_GREY)
            canv.drawCentredString(*self.point(x, y + 0.36 * BUBBLE_LABEL / MM_PT), label)

    def rectangle(self, left: float, top: float, right: float, bottom: float) -> None:
        self.canv.setFillColor(self.colour("text"))
        self.canv.rect(*self.point(left, bottom), (right - left) * mm, (bottom - top) * mm, stroke=0, fill=1)

    # ----------------------------------------------------------------- the page

    def draw(self) -> None:
        for marker in self.page.markers:
            self.square(marker)
        self.rectangle(*geo.ORIENTATION_BAR)
        self.qr_code()
        self.header()
        self.identity()
        self.digit_field("participant", self.labels["sheet_participant"])
        self.digit_field("ndh", self.labels["sheet_ndh"])
        self.version()
        self.answers()

    def qr_code(self) -> None:
        """The page's QR code, its top-right corner where the geometry says."""
        matrix, module = self.qr_matrix, geo.QR_MODULE
        left = geo.QR_RIGHT - len(matrix) * module
        canv = self.canv
        canv.setFillColor(self.colour("text"))
        # A rectangle filled on its own per dark module: viewers set the edges of each crisply
        # (one path of them all is drawn softer).
        for row, cells in enumerate(matrix):
            for column, dark in enumerate(cells):
                if dark:
                    x, y = left + column * module, geo.QR_TOP + row * module
                    canv.rect(*self.point(x, y + module), module * mm, module * mm, stroke=0, fill=1)

    def qr_left(self) -> float:
        """Where text right of the header stops: the QR code's left edge and its quiet zone."""
        return geo.QR_RIGHT - len(self.qr_matrix) * geo.QR_MODULE - 4 * geo.QR_MODULE

    def header(self) -> None:
        top, bottom = geo.HEADER_BAND
        info, labels = self.info, self.labels
        right = self.qr_left() - 2
        self.text(geo.LEFT, top + 5.5, labels["sheet_title"].upper(), 15, bold=True, colour="accent")
        pages = len(self.layout.pages)
        self.text(right, top + 5.5, f"{labels['quiz_page']} {self.page.number}/{pages}", 9, bold=True,
                  align="right")
        room = (right - geo.LEFT) * mm - self.canv.stringWidth(info.cohort_year, self.sans.regular, 8.5) - 24
        self.text(geo.LEFT, top + 10, *self.fit(f"{info.title} · {info.programme}", 8.5, room), colour="muted")
        self.text(right, top + 10, info.cohort_year, 8.5, colour="muted", align="right")
        self.canv.setStrokeColor(self.colour("accent"))
        self.canv.setLineWidth(1.2)
        self.canv.line(*self.point(geo.LEFT, bottom), *self.point(right, bottom))

    def identity(self) -> None:
        """Write-in lines for the person (read by people, not by the scanner)."""
        top, _ = geo.IDENTITY_BAND
        labels = self.labels
        rows = ((labels["quiz_name"], labels["sheet_class"]), (labels["quiz_agency"], labels["sheet_signature"]))
        right = self.qr_left() - 2
        middle = geo.LEFT + (right - geo.LEFT) * 0.62
        for index, (left_label, right_label) in enumerate(rows):
            y = top + 5 + index * 8
            for label, start, end in ((left_label, geo.LEFT, middle - 6), (right_label, middle, right)):
                self.text(start, y, label, 8, colour="muted")
                self.canv.setStrokeColor(self.colour("muted"))
                self.canv.setLineWidth(0.5)
                width = self.canv.stringWidth(label, self.sans.regular, 8) / mm
                self.canv.line(*self.point(start + width + 2, y + 0.8), *self.point(end, y + 0.8))

    def digit_field(self, name: str, title: str) -> None:
        """A framed column of digits with a write-in box above each (participant number, NDH)."""
        grid = self.page.field(name)[0]
        x0, y0 = grid.origin
        right = x0 + (len(grid.groups) - 1) * grid.group_step[0]
        top, bottom = geo.ID_BAND
        pad = geo.RADIUS + geo.FIELD_PAD
        self.frame(x0 - pad, top, right + pad, bottom)
        self.text((x0 + right) / 2, top + 5, title.upper(), 7.5, bold=True, align="centre")
        for g in range(len(grid.groups)):
            x, _ = grid.centre(g, 0)
            self.write_in_box(x, y0 - 6.5)
        self.bubbles(grid)

    def write_in_box(self, x: float, y: float) -> None:
        """A box centred on (x, y) for writing one character by hand above its bubbles."""
        self.canv.setStrokeColor(self.colour("muted"))
        self.canv.setLineWidth(0.5)
        self.canv.rect(*self.point(x - 2.4, y + 2.6), 4.8 * mm, 5.2 * mm, stroke=1, fill=0)

    def bubbles(self, grid: geo.Grid) -> None:
        """A grid's empty bubbles as `bubble` draws them: their outlines in one path, then their
        letters or digits in one text object."""
        canv, font = self.canv, self.sans.regular
        path = canv.beginPath()
        text = canv.beginText()
        text.setFont(font, BUBBLE_LABEL)
        text.setFillGray(LABEL_GREY)
        widths: dict[str, float] = {}
        for _, label, (x, y) in grid.bubbles():
            path.circle(*self.point(x, y), grid.radius * mm)
            if label not in widths:
                widths[label] = canv.stringWidth(label, font, BUBBLE_LABEL)
            centre, baseline = self.point(x, y + 0.36 * BUBBLE_LABEL / MM_PT)
            text.setTextOrigin(centre - widths[label] / 2, baseline)
            text.textOut(label)
        canv.setLineWidth(0.7)
        canv.setStrokeColor(self.colour("muted"))
        canv.drawPath(path, stroke=1, fill=0)
        canv.drawText(text)

    def version(self) -> None:
        """The version-code rows (with "Huruf ke-n" labels when codes have several letters),
        then the filling instructions in the room left below them."""
        grids = self.page.field("version")
        top, _ = geo.ID_BAND
        left = geo.version_left(self.layout.digits)
        x0 = grids[0].origin[0]
        bottom = grids[-1].origin[1] + grids[-1].radius + 3
        self.frame(left, top, geo.RIGHT, bottom)
        self.text(left + 4, top + 5, self.labels["sheet_version"].upper(), 7.5, bold=True)
        self.text(left + 4, top + 9, *self.fit(self.labels["sheet_code_hint"], 6.5, (geo.RIGHT - left - 6) * mm),
                  colour="muted")
        positions = len({g.groups[0] for g in grids})
        seen: set[str] = set()
        for grid in grids:
            position = grid.groups[0]
            if positions > 1 and position not in seen:
                self.text(x0 - 4, grid.origin[1] + 1, f"{self.labels['sheet_code_position']}{position}", 6.5,
                          colour="muted", align="right")
            seen.add(position)
            self.bubbles(grid)
        if bottom + 12 < geo.ID_BAND[1]:
            self.note(left, bottom + 3)

    def note(self, left: float, top: float) -> None:
        """How to fill the sheet and a filled example, as much as the room below the version
        rows holds."""
        _, bottom = geo.ID_BAND
        right = geo.RIGHT
        self.frame(left, top, right, bottom, fill="tint")
        style = ParagraphStyle("sheet-note", parent=self.styles["q-cell"], fontSize=7.5, leading=9.5)
        paragraphs = [Paragraph(escape(self.labels[key]), style) for key in ("sheet_fill", "sheet_number_hint")]
        heights = [p.wrap((right - left - 8) * mm, 200 * mm)[1] / mm + 1.5 for p in paragraphs]
        example_height = 6.5
        y = top + 3
        for paragraph, height in zip(paragraphs, heights):
            if y + height + example_height > bottom:
                break
            paragraph.drawOn(self.canv, (left + 4) * mm, (geo.PAGE_SIZE[1] - y) * mm - paragraph.height)
            y += height
        if y + example_height > bottom:
            return
        label = self.labels["sheet_example"]
        self.text(left + 4, y + 3.2, label, 7, bold=True)
        start = left + 8 + self.canv.stringWidth(label, self.sans.bold, 7) / mm
        for index, letter in enumerate("ABCD"):
            self.bubble(start + index * geo.PITCH, y + 2.2, geo.RADIUS, letter, filled=letter == "B")

    def answers(self) -> None:
        grids = self.page.field("answers")
        top, bottom = geo.ANSWER_BAND
        self.text(geo.LEFT, top + 1, self.labels["sheet_answers"].upper(), 7.5, bold=True)
        columns: dict[float, list[geo.Grid]] = {}
        for grid in grids:
            columns.setdefault(grid.origin[0], []).append(grid)
        for x0, column in columns.items():
            self.answer_column(x0, column)

    def answer_column(self, x0: float, grids: list[geo.Grid]) -> None:
        """A framed column: option letters on top, then blocks of five numbered rows."""
        width = geo.NUMBER_WIDTH + len(self.layout.options) * geo.PITCH
        left = x0 - geo.RADIUS - geo.NUMBER_WIDTH + 0.5
        last = grids[-1].centre(len(grids[-1].groups) - 1, 0)[1]
        head = grids[0].origin[1] - 5.2
        self.frame(left, head - 3.4, left + width, last + 3.6)
        for v, letter in enumerate(self.layout.options):
            self.text(x0 + v * geo.PITCH, head + 1, letter, 7, bold=True, colour="muted", align="centre")
        for grid in grids:
            for g, group in enumerate(grid.groups):
                x, y = grid.centre(g, 0)
                self.text(x - geo.RADIUS - 1.6, y + 1.1, group, 7.5, bold=True, align="right")
            self.bubbles(grid)
