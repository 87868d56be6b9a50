"""The score report PDF: lays out a `ScoreReport` (latsar.score.report) with the shared theme.

Content is decided upstream; this module only chooses looks. Charts are reportlab graphics
(a bar chart for the score distribution, a hand-drawn scatter for difficulty × discrimination,
so every mark, guide line and label is placed exactly), in the theme's fonts.
"""

from __future__ import annotations

from io import BytesIO
from typing import Callable, Mapping
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor, white
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from latsar.collector import collected_after
from latsar.render.pdf.drawings import Circle, Line, QuickDrawing, Rect, String, VerticalBarChart
from latsar.render.pdf.flow import BrokenOnce
from latsar.render.pdf.fonts import register
from latsar.render.pdf.grid import Cell, Grid, Look, Shared, cell_pool, cells
from latsar.render.pdf.streams import StreamCanvas
from latsar.render.pdf.theme import Theme, make_styles, table_commands
from latsar.score.report import Point, ScoreReport, Table as ReportTable

# Looks of the three recommended actions: a mark colour and a light cell tint.
ACTION_COLOURS: dict[str, tuple[str, str]] = {
    "keep": ("#2E7D32", "#E8F3E8"),
    "revise": ("#C77700", "#FCF1DE"),
    "drop": ("#B3261E", "#F9E3E1"),
}
CHART_HEIGHT = 190.0


def _drawing(width: float, theme: Theme) -> QuickDrawing:
    drawing = QuickDrawing(width, CHART_HEIGHT)
    # reportlab's graphics state starts in Helvetica unless told otherwise; a standard font would
    # then be named in the PDF although no text uses it.
    drawing.initialFontName = theme.heading_font.regular
    drawing.initialFontSize = 7
    return drawing


@collected_after
def render_score_report(report: ScoreReport, theme: Theme) -> bytes:
    register(theme.body_font, theme.heading_font)
    styles = _styles(theme)
    buffer = BytesIO()
    top, bottom, inner, outer = theme.margins
    doc = SimpleDocTemplate(
        buffer, pagesize=theme.page_size, topMargin=top * 0.8, bottomMargin=bottom, leftMargin=inner,
        rightMargin=outer, invariant=1, lang=theme.pdf_lang, title=f"{report.title}: {report.subtitle}",
        author=report.institution, subject=report.programme, creator="latsar", pageCompression=1,
        initialFontName=theme.body_font.regular,
    )
    story = _title(report, styles) + _summary(report, theme, styles) + _charts(report, theme, styles)
    widths = _widths(report.tables, theme.frame_width, styles)
    shared, pools = Shared(), _Pools(styles["cell"])
    for table in report.tables:
        story += _table(table, widths[_layout(table)], theme, styles, doc.height, shared, pools)
    story += _methods(report, styles)

    def page(canv, document):
        _footer(canv, document, report, theme, styles)

    doc.build(story, onFirstPage=lambda c, d: _first(c, d, theme, page), onLaterPages=page,
              canvasmaker=StreamCanvas)
    return buffer.getvalue()


def _first(canv, doc, theme: Theme, page) -> None:
    # The PDF's dates come from the programme (or SOURCE_DATE_EPOCH), never from the clock.
    canv.setDateFormatter(theme.pdf_date)
    page(canv, doc)


def _styles(theme: Theme) -> Mapping[str, ParagraphStyle]:
    base = make_styles(theme)
    s = theme.body_size
    sans = theme.heading_font
    small = dict(fontName=sans.regular, fontSize=s - 3, leading=s - 0.5, alignment=TA_LEFT, hyphenationLang="",
                 spaceAfter=0)
    return {
        **base,
        "kicker": ParagraphStyle("kicker", parent=base["case-caption"], fontSize=s - 1, leading=s + 3),
        "report-section": ParagraphStyle("report-section", parent=base["section"], leftIndent=0, firstLineIndent=0,
                                     bulletIndent=0),
        "title": ParagraphStyle("title", parent=base["chapter-title"], alignment=TA_LEFT, fontSize=s + 6,
                                leading=s + 11, spaceAfter=2),
        "details": ParagraphStyle("details", parent=base["cover-cohort"], fontSize=s - 1.5, leading=s + 2),
        "cell": ParagraphStyle("cell", parent=base["body"], **small),
        "cell-bold": ParagraphStyle("cell-bold", parent=base["body"], **{**small, "fontName": sans.bold}),
        "head": ParagraphStyle("head", parent=base["body"], **{**small, "fontName": sans.bold,
                                                                "textColor": theme.colour("on_accent")}),
        "centre": ParagraphStyle("centre", parent=base["body"], **{**small, "alignment": TA_CENTER}),
        "note": ParagraphStyle("note", parent=base["tag"], fontSize=s - 2.5, leading=s, spaceAfter=4),
        # The methods in the small sans of the tables: a short list, kept on one page.
        "method": ParagraphStyle("method", parent=base["item"], fontName=sans.regular, fontSize=s - 2,
                                 leading=s + 1.5, leftIndent=10, bulletIndent=0, spaceAfter=1.5, alignment=TA_LEFT,
                                 hyphenationLang=""),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    # Broken into lines once per width: a table measures its cells' paragraphs, and a group
    # kept together its paragraphs, two or three times over.
    return BrokenOnce(escape(_breakable(text)).replace("\n", "<br/>"), style)


def _title(report: ScoreReport, styles) -> list:
    return [
        _p(report.title.upper(), styles["kicker"]),
        _p(report.subtitle, styles["title"]),
        _p(" · ".join(report.details), styles["details"]),
        Spacer(0, 6),
    ]


def _summary(report: ScoreReport, theme: Theme, styles) -> list:
    rows = [[_p(label, styles["cell"]), _p(value, styles["cell-bold"])] for label, value in report.summary]
    width = theme.frame_width
    table = Table(rows, colWidths=[width * 0.55, width * 0.45], hAlign="LEFT")
    table.setStyle(TableStyle(table_commands(
        theme, ("ROWBACKGROUNDS", (0, 0), (-1, -1), [theme.colour("tint"), white]),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, theme.colour("rule")),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    )))
    return [_p(report.labels["report_summary"], styles["report-section"]), table]


def _charts(report: ScoreReport, theme: Theme, styles) -> list:
    half = (theme.frame_width - 12) / 2
    cells = [[_p(report.labels["report_distribution"], styles["subheading"]),
              _p(report.labels["report_map"], styles["subheading"])],
             [_histogram(report, theme, half), _scatter(report, theme, half)],
             ["", _p(report.labels["report_map_note"], styles["note"])]]
    table = Table(cells, colWidths=[half + 12, half], hAlign="LEFT")
    table.setStyle(TableStyle(table_commands(theme, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                             ("RIGHTPADDING", (0, 0), (-1, -1), 0))))
    return [Spacer(0, 8), KeepTogether([table])]


def _histogram(report: ScoreReport, theme: Theme, width: float) -> QuickDrawing:
    font, size = theme.heading_font.regular, 7
    drawing = _drawing(width, theme)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 34, width - 38, CHART_HEIGHT - 50
    chart.data = [[count for _, count in report.histogram]]
    chart.categoryAxis.categoryNames = [label.split("–")[0] for label, _ in report.histogram]
    chart.bars[0].fillColor = theme.colour("accent")
    chart.bars[0].strokeColor = None
    chart.barSpacing, chart.groupSpacing = 0, 3
    top = max([count for _, count in report.histogram] + [1])
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top + max(1, top // 5)
    chart.valueAxis.valueStep = max(1, round(top / 5))
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName, axis.labels.fontSize = font, size
        axis.strokeColor = theme.colour("muted")
    chart.valueAxis.visibleGrid, chart.valueAxis.gridStrokeColor = True, theme.colour("rule")
    chart.categoryAxis.labels.dx = -chart.width / 20  # a bin's label sits at its left edge: its lower bound
    drawing.add(chart)
    x = chart.x + chart.width * report.pass_mark / 100
    drawing.add(Line(x, chart.y, x, chart.y + chart.height, strokeColor=HexColor(ACTION_COLOURS["drop"][0]),
                     strokeWidth=1, strokeDashArray=[3, 2]))
    drawing.add(String(x + 2, chart.y + chart.height - 8, report.labels["report_pass_mark"], fontName=font,
                       fontSize=size, fillColor=HexColor(ACTION_COLOURS["drop"][0])))
    drawing.add(String(chart.x + chart.width / 2, 6, report.labels["report_distribution_axis"], fontName=font,
                       fontSize=size, textAnchor="middle", fillColor=theme.colour("muted")))
    return drawing


def _scatter(report: ScoreReport, theme: Theme, width: float) -> QuickDrawing:
    font, size = theme.heading_font.regular, 7
    drawing = _drawing(width, theme)
    x0, y0, w, h = 30, 34, width - 38, CHART_HEIGHT - 50
    low = min([-0.2] + [round(p.d - 0.05, 1) for p in report.points])
    scale_x = lambda p: x0 + w * p  # noqa: E731
    scale_y = lambda d: y0 + h * (d - low) / (1 - low)  # noqa: E731
    drawing.add(Rect(x0, y0, w, h, fillColor=None, strokeColor=theme.colour("muted"), strokeWidth=0.6))
    for edge in report.difficulty_edges:
        drawing.add(Line(scale_x(edge), y0, scale_x(edge), y0 + h, strokeColor=theme.colour("rule"), strokeDashArray=[2, 2]))
    for edge in report.discrimination_edges:
        drawing.add(Line(x0, scale_y(edge), x0 + w, scale_y(edge), strokeColor=theme.colour("rule"), strokeDashArray=[2, 2]))
    for tick in range(6):
        value = tick / 5
        drawing.add(String(scale_x(value), y0 - 9, f"{value:.1f}", fontName=font, fontSize=size, textAnchor="middle"))
    for tick in _ticks(low):
        drawing.add(String(x0 - 3, scale_y(tick) - 2.5, f"{tick:.1f}", fontName=font, fontSize=size, textAnchor="end"))
    for point in sorted(report.points, key=lambda p: ("keep", "revise", "drop").index(p.action)):
        _mark(drawing, point, scale_x(point.p), scale_y(point.d), font)
    drawing.add(String(x0 + w / 2, 6, "p", fontName=font, fontSize=size + 1, textAnchor="middle"))
    drawing.add(String(4, y0 + h / 2, "D", fontName=font, fontSize=size + 1))
    _legend(drawing, report, x0, y0 + h + 5, font, size)  # above the plot, clear of the marks
    return drawing


def _ticks(low: float) -> list[float]:
    ticks, value = [], round(low, 1)
    while value <= 1.0001:
        ticks.append(round(value, 1))
        value += 0.2 if low >= -0.4 else 0.4
    return ticks


def _mark(drawing: QuickDrawing, point: Point, x: float, y: float, font: str) -> None:
    colour = HexColor(ACTION_COLOURS[point.action][0])
    drawing.add(Circle(x, y, 3.2, fillColor=colour, strokeColor=white, strokeWidth=0.5))
    drawing.add(String(x + 4, y + 2, str(point.number), fontName=font, fontSize=5.5, fillColor=colour))


def _legend(drawing: QuickDrawing, report: ScoreReport, x: float, y: float, font: str, size: float) -> None:
    for action, (colour, _) in ACTION_COLOURS.items():
        drawing.add(Circle(x + 3, y + 2.5, 3, fillColor=HexColor(colour), strokeColor=None))
        label = report.labels[f"action_{action}"]
        drawing.add(String(x + 9, y, label, fontName=font, fontSize=size))
        x += 18 + stringWidth(label, font, size)


# Tables of these kinds share one layout (and one fitted id width), so that their columns line
# up; any other kind is its own layout.
LAYOUTS: dict[str, str] = {"objectives": "groups", "levels": "groups"}
# Relative column widths, by layout and column role (see latsar.score.report.ROLES); a layout
# missing here gets equal columns.
WIDTHS: dict[str, dict[str, float]] = {
    "items": {"number": 0.04, "item": 0.15, "level": 0.06, "p": 0.075, "d": 0.065, "r": 0.07, "options": 0.18,
              "action": 0.12, "notes": 0.24},
    "groups": {"id": 0.13, "text": 0.44, "count": 0.06, "p": 0.07, "d": 0.07, "mean": 0.11, "mastery": 0.12},
    "gain": {"participant": 0.2, "name": 0.36, "pre": 0.11, "post": 0.11, "gain": 0.1, "band": 0.12},
    "rejected": {"file": 0.22, "row": 0.07, "participant": 0.18, "reason": 0.53},
}
# Id columns widened to their longest id, so an id such as "agen-perubahan-02" never breaks
# (by layout: the role of the id column, and of the text column that gives up the room).
FITTED: dict[str, tuple[str, str]] = {"items": ("item", "notes"), "groups": ("id", "text")}
# Roles of the column coloured by the row's action: the action itself, or the mastery verdict.
TINTED = ("action", "mastery")
PADDING = 3  # left and right padding of every cell


def _layout(table: ReportTable) -> str:
    return LAYOUTS.get(table.kind, table.kind)


def _roles(table: ReportTable) -> list[str]:
    return [column.role for column in table.columns]


def _table(table: ReportTable, widths: list[float], theme: Theme, styles, page_height: float,
           shared: Shared, pools: _Pools) -> list:
    if not table.rows:
        return []
    header = cells([_breakable(h) for h in table.header], styles["head"])
    body = _body(table, pools)
    look = Look(theme.colour("accent"), theme.colour("rule"), rule_width=0.25, grid=False, header_padding=(2, 2),
                body_padding=(2, 2), side_padding=PADDING)
    heading = [_p(table.title, styles["report-section"])]
    if table.note:
        heading.append(_p(table.note, styles["note"]))
    return [KeepTogether(heading + [Spacer(0, 0)]), Grid(widths, [header], body, look, page_height, shared)]


def _breakable(text: str) -> str:
    # A number keeps its per cent sign on its line ("6.7 %" never breaks before the sign).
    return text.replace(" %", "\u00a0%")


def _body(table: ReportTable, pools: _Pools) -> list[tuple[Cell, ...]]:
    """The rows of cells, made a column at a time (a gain table has thousands of cells, most
    of them texts the document's pools have made already)."""
    tinted = next((n for n, role in enumerate(_roles(table)) if role in TINTED), None)
    columns = [list(map(pools.plain, map(_breakable, texts))) for texts in zip(*(row.cells for row in table.rows), strict=True)]
    if tinted is not None:
        columns[tinted] = [pools.tinted(row.action)(_breakable(row.cells[tinted])) for row in table.rows]
    return list(zip(*columns))


class _Pools:
    """One Cell per distinct text and tint in the document (a gain table repeats its scores and
    bands hundreds of times, and the tables share their levels and verdicts), so that the grid
    measures each once per column."""

    def __init__(self, style: ParagraphStyle):
        self.style = style
        self.plain = cell_pool(style)
        self._tinted: dict[str, Callable[[str], Cell]] = {"": self.plain}

    def tinted(self, action: str) -> Callable[[str], Cell]:
        """The pool of cells tinted by an action (no tint for none)."""
        pool = self._tinted.get(action)
        if pool is None:
            pool = self._tinted[action] = cell_pool(self.style, background=_tint(action))
        return pool


def _tint(action: str) -> HexColor | None:
    return HexColor(ACTION_COLOURS[action][1]) if action else None


def _widths(tables: tuple[ReportTable, ...], width: float, styles) -> dict[str, list[float]]:
    """Column widths by layout; the tables of one layout have the same columns and share them."""
    shapes: dict[str, list[float]] = {}
    for layout in sorted({_layout(t) for t in tables}):
        members = [t for t in tables if _layout(t) == layout]
        roles = _roles(members[0])
        shares = WIDTHS.get(layout)
        widths = [width * (shares[role] if shares else 1 / len(roles)) for role in roles]
        if layout in FITTED:
            fitted, giving = (roles.index(role) for role in FITTED[layout])
            longest = _longest(members, fitted, styles)
            # Half a point spare against rounding in the line breaker; at most a third of the
            # table, so that a freak id cannot squeeze the text column away.
            extra = max(0.0, min(longest + 2 * PADDING + 0.5, width / 3) - widths[fitted])
            widths[fitted] += extra
            widths[giving] -= extra
        shapes[layout] = widths
    return shapes


def _longest(tables: list[ReportTable], column: int, styles) -> float:
    """The width of the widest text in `column` of these tables, header included."""
    cell, head = styles["cell"], styles["head"]
    return max([stringWidth(t.header[column], head.fontName, head.fontSize) for t in tables]
               + [stringWidth(row.cells[column], cell.fontName, cell.fontSize) for t in tables for row in t.rows])


def _methods(report: ScoreReport, styles) -> list:
    lines = [BrokenOnce(escape(line), styles["method"], bulletText="•") for line in report.methods]
    return [KeepTogether([_p(report.labels["report_methods"], styles["report-section"]), *lines])]


def _footer(canv, doc, report: ScoreReport, theme: Theme, styles) -> None:
    style = styles["footer"]
    width, _ = theme.page_size
    canv.saveState()
    canv.setFont(style.fontName, style.fontSize - 1)
    canv.setFillColor(style.textColor)
    text = f"{report.subtitle} · {report.cohort} · {report.labels['report_generated']} · {report.date.isoformat()}"
    canv.drawString(doc.leftMargin, theme.margins[1] * 0.45, text)
    canv.drawRightString(width - doc.rightMargin, theme.margins[1] * 0.45, str(canv.getPageNumber()))
    canv.restoreState()
