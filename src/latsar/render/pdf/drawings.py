"""reportlab graphics as latsar uses them (the score report's charts): shapes made without
reportlab's attribute checks, and drawings written as renderPDF writes them, their plain shapes
the short way. latsar imports reportlab.graphics only through this module.

renderPDF draws every shape in a graphics state of its own and sets the whole state anew
("q .35 .37 .4 RG .6 w 0 J 0 j [] 0 d ... Q"), at the price, in Python and at every shape,
of saving and restoring the canvas's state and applying each setting through its setter. A
chart repeats a few states over dozens of shapes (a scatter's 44 marks in three colours), so
here the operators of each distinct state of a line, rectangle, circle or string are made once
by renderPDF's own code and copied for every shape in it. Any other node (groups, widgets,
paths) is drawn by renderPDF itself, and so is a shape it cannot copy safely.
"""

from __future__ import annotations

import os
from typing import Callable

from reportlab import rl_config
from reportlab.lib.colors import Color

# reportlab checks every attribute set on a shape or chart against its declared type: "a big
# help when developing" that "slows down shapes" (reportlab.graphics.shapes), a third of what
# the charts cost. Ours set fixed attributes, and a test verifies every one of them
# (tests/score/test_score_report.py). reportlab decides when reportlab.graphics is imported,
# for the whole process: so set before, and left to reportlab's own switch where it is given
# (RL_shapeChecking=1 in the environment, to check while developing).
if "RL_shapeChecking" not in os.environ:
    rl_config.shapeChecking = 0

from reportlab.graphics.charts.barcharts import VerticalBarChart  # noqa: E402
from reportlab.graphics.renderPDF import _PDFRenderer  # noqa: E402
from reportlab.graphics.renderbase import renderScaledDrawing  # noqa: E402
from reportlab.graphics.shapes import STATE_DEFAULTS, Circle, Drawing, Line, Rect, String  # noqa: E402

__all__ = ["Circle", "Line", "QuickDrawing", "Rect", "String", "VerticalBarChart"]

# How renderPDF draws each shape copied here, once its state is set.
SHAPES: dict[type, Callable] = {Line: _PDFRenderer.drawLine, Rect: _PDFRenderer.drawRect,
                                Circle: _PDFRenderer.drawCircle, String: _PDFRenderer.drawString}
STATE_KEYS = frozenset(STATE_DEFAULTS)  # the properties renderPDF reads as graphics state


class QuickDrawing(Drawing):
    """A Drawing that draws itself with `_Renderer` (as Drawing.draw calls renderPDF)."""

    def draw(self, showBoundary=rl_config._unset_):
        if showBoundary is rl_config._unset_:
            showBoundary = getattr(self, "_showBoundary", rl_config._unset_)
        _Renderer().draw(renderScaledDrawing(self), self.canv, 0, 0, showBoundary=showBoundary)


class _State:
    """The operators that set one state, and what applying them leaves behind where the state
    says (None where it does not): whether shapes are filled and stroked, and the canvas's font
    (a string's text object starts in it)."""

    __slots__ = ("operators", "fill", "stroke", "font")

    def __init__(self, operators: list[str], fill: int | None, stroke: int | None, font: tuple | None):
        self.operators, self.fill, self.stroke, self.font = operators, fill, stroke, font


class _Renderer(_PDFRenderer):
    """renderPDF's renderer, writing the state of plain shapes from a table of those made."""

    def __init__(self) -> None:
        super().__init__()
        self._states: dict[tuple, _State] = {}

    def drawNode(self, node) -> None:
        draw = SHAPES.get(type(node))
        delta = _delta(node) if draw is not None else None
        key = _key(delta, self._canvas) if delta is not None else None
        if key is None:
            super().drawNode(node)
            return
        state = self._states.get(key) or self._learn(key, delta)
        self._shape(node, delta, state, draw)

    def _shape(self, node, delta: dict, state: _State, draw: Callable) -> None:
        """What drawNode writes for the shape: its state saved, set, the shape, restored. The
        canvas's own state is left as it is (no setter is called) but for its font, set for a
        string and put back after, as restoring the state would."""
        canvas = self._canvas
        code = canvas._code
        code.append("q")
        code.extend(state.operators)
        if state.fill is not None:
            self._fill = state.fill
        if state.stroke is not None:
            self._stroke = state.stroke
        if state.font is None:
            draw(self, node)
        else:
            self._string(node, delta, state.font, draw)
        code.append("Q")

    def _string(self, node, delta: dict, font: tuple, draw: Callable) -> None:
        """A string drawn in its font, which it reads from the canvas and (with its anchor) from
        the tracked state; the canvas's font put back after, as restoring the state would."""
        canvas = self._canvas
        before = canvas._fontname, canvas._fontsize, canvas._leading
        canvas._fontname, canvas._fontsize, canvas._leading = font
        self._tracker.push(delta)
        draw(self, node)
        self._tracker.pop()
        canvas._fontname, canvas._fontsize, canvas._leading = before

    def _learn(self, key: tuple, delta: dict) -> _State:
        """The state's operators as renderPDF writes them (applyStateChanges within a saved
        state), taken back out of the page once read."""
        canvas = self._canvas
        code = canvas._code
        start = len(code)
        canvas.saveState()
        self.applyStateChanges(delta, {})
        font = (canvas._fontname, canvas._fontsize, canvas._leading)
        state = _State(code[start + 1:], self._fill if "fillColor" in delta else None,
                       self._stroke if "strokeColor" in delta else None,
                       font if "fontName" in delta or "fontSize" in delta else None)
        canvas.restoreState()
        del code[start:]
        self._states[key] = state
        return state


def _delta(node) -> dict | None:
    """The state a shape sets, as renderbase.getStateDelta finds it; None for a shape drawn at
    a time of its own choosing (a draw-time callback) or whose anchor the state passes down."""
    if getattr(node, "_drawTimeCallback", None) or getattr(node, "textAnchor", "start") == "inherited":
        return None
    return {key: value for key, value in node.__dict__.items() if key in STATE_KEYS}


def _key(delta: dict, canvas) -> tuple | None:
    """The state, and what else its setters read (the graphics state's opacities, the canvas's
    colour space), by value (a Color hashes by identity: by its components here); None for a
    state with a value that cannot be a key (a list of dashes, unless made a tuple)."""
    values = tuple((key, (type(value), value.__key__) if isinstance(value, Color) else
                    tuple(value) if type(value) is list else value) for key, value in delta.items())
    key = (values, tuple(canvas._extgstate._d.items()), canvas._enforceColorSpace)
    try:
        hash(key)
    except TypeError:
        return None
    return key
