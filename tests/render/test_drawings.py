"""QuickDrawing writes what renderPDF writes for the same drawing: shapes of many states (colours
made afresh for each shape, dashes, no fill, no stroke, strings at every anchor), a state that
changes the opacity under later shapes, groups, a chart widget, and shapes it leaves to renderPDF
(an inherited anchor, a path). (The score report's own charts: tests/score/test_score_report.py.)"""

from __future__ import annotations

from io import BytesIO

import pytest
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Group, PolyLine
from reportlab.lib.colors import CMYKColor, Color, HexColor, white
from reportlab.pdfgen.canvas import Canvas

from latsar.render.pdf.drawings import Circle, Line, QuickDrawing, Rect, String, VerticalBarChart

COLOURS = ["#2E7D32", "#C77700", "#B3261E"]


def _shapes(drawing: QuickDrawing) -> None:
    for n in range(30):
        colour = HexColor(COLOURS[n % 3])  # a new Color each time: states compared by value
        drawing.add(Circle(10 + n * 5, 50, 3, fillColor=colour, strokeColor=white, strokeWidth=0.5))
        drawing.add(String(12 + n * 5, 52, str(n), fontName="Helvetica", fontSize=5.5, fillColor=colour,
                           textAnchor=("start", "middle", "end")[n % 3]))
        drawing.add(Line(0, n, 200, n, strokeColor=colour, strokeDashArray=[2, n % 3 + 1] if n % 2 else None))
    drawing.add(Rect(5, 5, 100, 40, fillColor=None, strokeColor=HexColor("#5A5F66"), strokeWidth=0.6))
    drawing.add(Rect(5, 5, 100, 40, fillColor=CMYKColor(0, 0.5, 1, 0), strokeColor=None))
    drawing.add(Rect(8, 8, 20, 20, fillColor=HexColor("#1F4E79"), fillOpacity=0.5))  # an opacity set and reset
    for alpha in (0.5, 1, 0.5):  # colours equal but for their opacity
        drawing.add(Circle(40, 40, 4, fillColor=Color(1, 0, 0, alpha=alpha)))
    drawing.add(Line(0, 0, 10, 10, strokeColor=None))  # nothing drawn, its state still set
    drawing.add(String(50, 20, "inherited", fontName="Helvetica", textAnchor="inherited"))


def _nested(drawing: QuickDrawing) -> None:
    group = Group(Line(0, 0, 5, 5), String(0, 0, "x", fontName="Helvetica-Bold", fontSize=9), transform=(1, 0, 0, 1, 7, 9))
    drawing.add(group)
    drawing.add(Group(Line(0, 0, 5, 5), fillOverprint=True))  # a state its shapes are drawn in
    drawing.add(PolyLine([0, 0, 10, 10, 20, 0], strokeColor=HexColor("#C77700")))
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 30, 150, 100
    chart.data = [[1, 4, 9, 16, 5]]
    chart.categoryAxis.categoryNames = list("abcde")
    chart.valueAxis.visibleGrid = True
    drawing.add(chart)


def _written(drawing: QuickDrawing, quick: bool) -> list[str]:
    canvas = Canvas(BytesIO(), invariant=1)
    if quick:
        drawing.drawOn(canvas, 10, 20)
    else:
        canvas.saveState()  # as Flowable.drawOn wraps Drawing.draw
        canvas.translate(10, 20)
        renderPDF.draw(drawing, canvas, 0, 0)
        canvas.restoreState()
    return canvas._code


@pytest.mark.parametrize("fill", [_shapes, _nested])
def test_a_quick_drawing_writes_what_render_pdf_writes(fill):
    drawing = QuickDrawing(220, 150)
    fill(drawing)
    quick, plain = _written(drawing, True), _written(drawing, False)
    assert len(quick) > 60
    assert quick == plain

