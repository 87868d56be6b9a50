"""Ruled tables drawn straight onto the canvas, each cell measured once.

reportlab's Table measures every cell again each time it splits at a page end (the key of a
100-version quiz was measured once per page it ran onto) and lays out merged cells in general.
The quiz and report tables need less: rows, cells merged across header columns and down runs of
body rows, a header that repeats on every page. `Grid` does only that, with the Table's look:
the same paddings, rules, backgrounds, vertical alignment and first baselines.

Cells hold `Text` (plain words in one style, wrapped at spaces, as a Paragraph of escaped text
wraps them without its parser; or words of which some are set in italics, broken as a Paragraph
of their markup breaks them: latsar.render.pdf.runs) or, for other inline markup, a Paragraph.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfgen.canvas import PATH_OPS
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable, Paragraph

from latsar.render.pdf.markup import plain
from latsar.render.pdf.runs import Piece, RunLine, break_lines, markup_runs
from latsar.render.pdf.widths import Widths, font_widths


@dataclass(frozen=True)
class Text:
    """Plain text in a style; `font` and `colour` override the style's. A newline breaks the line.
    With `runs` (font, text), the words are those runs, left-aligned, and `text` is their markup:
    what a Paragraph is given where they cannot be broken as it breaks them (a word too wide)."""

    text: str
    style: ParagraphStyle
    font: str | None = None
    colour: Color | None = None
    runs: tuple[Piece, ...] = ()

    def __init__(self, text: str, style: ParagraphStyle, font: str | None = None, colour: Color | None = None,
                 runs: tuple[Piece, ...] = ()):
        # The dataclass's own, field by field through object.__setattr__, costs twice this;
        # hundreds are made a document. Equality, hash and repr stay the dataclass's.
        self.__dict__.update(text=text, style=style, font=font, colour=colour, runs=runs)

    @property
    def font_name(self) -> str:
        return self.font or self.style.fontName


Content = tuple[Text, ...] | Paragraph


@dataclass(frozen=True, eq=False)
class Cell:
    """A cell's content, how many columns and rows it covers, and its own looks. A Cell is
    itself, not its fields: compared and hashed by identity (object's own, in C), as one Cell
    may stand in many places (a key's "A") and a grid keeps what it measured and how it wrote
    a cell by the cell (thousands of lookups a document; a hash of its fields would cost more
    than the lookup saves)."""

    content: Content = ()
    cols: int = 1
    rows: int = 1
    middle: bool = False  # centred vertically (else at the top)
    background: Color | None = None

    def __init__(self, content: Content = (), cols: int = 1, rows: int = 1, middle: bool = False,
                 background: Color | None = None):
        # Set at once, as Text's (hundreds are made a document).
        self.__dict__.update(content=content, cols=cols, rows=rows, middle=middle, background=background)


@dataclass(frozen=True)
class Look:
    header_background: Color
    rule: Color
    rule_width: float = 0.5
    grid: bool = True  # rules round every cell; else one rule under each body row
    header_padding: tuple[float, float] = (3, 4)  # top, bottom
    body_padding: tuple[float, float] = (3, 4)
    side_padding: float = 4
    zebra: Color | None = None  # background of every second body row
    gap: float = 0  # kept clear right of each cell's content, besides the side padding
    ruled: bool = True  # else no rules at all (a block of labelled fields)


Row = Sequence[Cell | None]  # None where a merged cell above or to the left covers the place


def cells(texts: Sequence[Text | str], style: ParagraphStyle, middle: bool = False) -> list[Cell]:
    """A row of one-block cells; strings take `style`."""
    return [Cell((t if isinstance(t, Text) else Text(t, style),), middle=middle) for t in texts]


def runs_text(text: str, style: ParagraphStyle, foreign_terms: Sequence[str] = (),
              colour: Color | None = None) -> Text:
    """Plain text in a style with its foreign terms in italics, broken and set as a Paragraph of
    the same markup (latsar.render.pdf.markup.plain) sets it."""
    return markup_text(plain(text, foreign_terms), style, colour)


def markup_text(markup: str, style: ParagraphStyle, colour: Color | None = None) -> Text:
    """The runs of markup made by `plain` (escaped, foreign terms in italics), in a style."""
    return Text(markup, style, colour=colour, runs=markup_runs(markup, style.fontName))


def cell_pool(style: ParagraphStyle, middle: bool = False, font: str | None = None,
              background: Color | None = None) -> Callable[[str], Cell]:
    """A maker of one-text cells handing out one Cell per distinct text: a key or a table of
    question numbers prints a few texts many times, and a Cell is measured once per column."""
    return _Pool(style, middle, font, background).__getitem__


class _Pool(dict):
    """Cells by their text, each made when first asked for: a text asked for again is a dict
    lookup without a call of ours (a gain table asks for thousands). It keeps the width of the
    widest line it handed out, so a row of its cells is known to be one line high without a
    lookup per cell (`pooled_rows`)."""

    def __init__(self, style: ParagraphStyle, middle: bool, font: str | None, background: Color | None):
        super().__init__()
        self.style, self.middle, self.font, self.background = style, middle, font, background
        self.widest = 0.0  # inf once a text is not one line as it is (a newline, a tab, a run of spaces)

    def __missing__(self, text: str) -> Cell:
        cell = self[text] = Cell((Text(text, self.style, font=self.font),), middle=self.middle,
                                 background=self.background)
        used = None if "\n" in text else line_width(text, self.font or self.style.fontName, self.style.fontSize)
        self.widest = max(self.widest, math.inf if used is None else used)
        return cell


class PooledRows(list):
    """Body rows every cell of which comes from one of `pools`, one to a column."""

    __slots__ = ("pools",)


def pooled_rows(rows: Iterable[Row], *makers: Callable[[str], Cell]) -> PooledRows:
    """Body rows of cells made by `makers` (`cell_pool`s) only, a cell in every column: a grid
    finds their heights by one check per pool, not a lookup per cell (a kisi-kisi's tables of
    numbers have some 2,000 cells)."""
    body = PooledRows(rows)
    body.pools = tuple(maker.__self__ for maker in makers)  # type: ignore[attr-defined]
    return body


# --------------------------------------------------------------------------- measuring


# Where lines may break: spaces and tabs, never a no-break space (as in Paragraph).
BREAKS = re.compile(r"[ \t]+")


def respaced(line: str) -> bool:
    """Whether the breaker would write a line of text (no newline in it) differently from the
    line itself: a tab, a run of spaces, a space at either end. (Four substring checks: a regular
    expression's search for them takes as long as a short line's whole layout.)"""
    return "\t" in line or "  " in line or line.startswith(" ") or line.endswith(" ")


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy lines at spaces, a new one at each newline; a word wider than the line is broken
    between characters: the lines a grid sets a plain text in (`_Measure._text_lines`)."""
    return [line for line, _ in _Measure()._text_lines(text, font, size, width, 0.0)]


def _greedy(text: str, font: str, width: float, widths: Widths) -> list[str]:
    """Lines of a text that does not fit on one: as many words on each as fit."""
    lines: list[str] = []
    space, limit = widths[" "], width + 1e-6
    current, used = [], 0.0
    for word in split_words(text):
        word_width = widths[word]
        if current and used + space + word_width > limit:
            lines.append(" ".join(current))
            current, used = [], 0.0
        if word_width > width:
            *whole, word = _break_word(word, font, widths.size, width)
            lines += whole
            word_width = widths[word]
        used = used + space + word_width if current else word_width
        current.append(word)
    return lines + [" ".join(current)]


def line_width(line: str, font: str, size: float) -> float | None:
    """The width of a line of text (no newline) set as it is; None for one never set so (a tab,
    a run of spaces, a space at an end: see `respaced`). The one rule of `_Measure` and `_Pool`."""
    return None if respaced(line) else getFont(font).stringWidth(line, size)


def split_words(text: str) -> list[str]:
    """The words of a text between its breaks, as BREAKS splits it stripped of them at its ends.
    A text set as it is (not `respaced`: no tab, no run of spaces, none at an end) breaks at its
    single spaces, where str.split finds them without the regex engine (which cost 40 % of a
    wrap)."""
    return BREAKS.split(text.strip(" \t")) if respaced(text) else text.split(" ")


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    pieces, start = [], 0
    for end in range(1, len(word) + 1):
        if end - start > 1 and stringWidth(word[start:end], font, size) > width:
            pieces.append(word[start:end - 1])
            start = end - 1
    return pieces + [word[start:]]


# The text (or a line of runs), and its offset from the content's left edge (alignment).
Line = tuple[str | RunLine, float]
Written = dict[tuple, tuple[str, object]]  # (font, string, subset before) -> operators, subset after
Font = tuple[str, float]  # name and size
Looks = tuple[Font, Color, float]  # font, colour and leading of a text block
Fills = dict[int, tuple[str, Color]]  # by id() of an opaque colour: its operator, and the colour (kept alive)


class _Placed:
    """A cell's content laid out at its width: lines and looks per text block, or the
    paragraph's height. Compared by identity; a plain class with slots, as thousands are made.
    It also carries how the _TextWriter last wrote it (`looks_of`, `memo`, `met`): safe, as a
    measurement lives in one document's Shared, and a memo says which document it holds for."""

    __slots__ = ("lines", "height", "looks", "paragraph", "later", "line", "plain", "looks_of", "memo", "met")

    def __init__(self, lines: list[list[Line]], height: float, looks: list[Looks],
                 paragraph: Paragraph | None = None, later: bool = False):
        self.lines, self.height, self.looks = lines, height, looks
        self.paragraph = paragraph  # drawn instead of lines
        self.later = later  # lines of runs: written after the plain text, where a Paragraph was drawn
        # Most cells print one line: its looks, text and shift, for writing it the short way.
        one = len(lines) == 1 and len(lines[0]) == 1 and isinstance(lines[0][0][0], str)
        self.line = (*looks[0], *lines[0][0]) if one else None
        # Lines of one block of plain text, written straight (`_TextWriter._lines`).
        self.plain = len(lines) == 1 and paragraph is None and not later
        self.looks_of: list[tuple | None] = [None, None]  # the line's looks, by `middle` (_looks_of)
        self.memo: tuple | None = None  # how the line was last written (_TextWriter._memo)
        self.met = False  # whether written as one line in a column yet (_TextWriter._one_line)


class _Measure:
    """Text blocks laid out at a width, each distinct one once (a key repeats A–D hundreds of
    times), and cells by width: one Cell may stand in many places (a key's "A")."""

    def __init__(self) -> None:
        self.known: dict[tuple, list[Line]] = {}
        self.placed: dict[tuple[Cell, float], _Placed] = {}  # by the cell and its width
        self.plain: dict[tuple, _Placed] = {}  # one plain text at a width, by its text and looks
        # By (text, font, size) of a line (no newline): its width, or None for one never set as
        # it is (a tab, a run of spaces); the same at every width.
        self.widths: dict[tuple[str, str, float], float | None] = {}

    def cell(self, cell: Cell, width: float) -> _Placed:
        content = cell.content
        if type(content) is tuple and len(content) == 1 and not content[0].runs:  # most cells: one plain text
            return self.plain_text(content[0], width)
        if isinstance(content, Paragraph):
            return _paragraph(content, width)
        lines: list[list[Line]] = []
        looks: list[Looks] = []
        height, later = 0.0, False
        for text in content:  # one loop rather than four comprehensions (a kisi-kisi has fifty such cells)
            block = self.block(text, width)
            if block is None:  # words Paragraph breaks in ways of its own
                return _paragraph(Paragraph("<br/>".join(map(_markup, content)), content[0].style), width)
            style = text.style
            lines.append(block)
            looks.append(((text.font or style.fontName, style.fontSize), text.colour or style.textColor, style.leading))
            height += len(block) * style.leading
            later = later or bool(text.runs)
        return _Placed(lines, height, looks, later=later)

    def plain_text(self, text: Text, width: float) -> _Placed:
        """A cell of one plain text, measured once per distinct text, looks and width: cells
        of equal text share it (a kisi-kisi's rows make a cell of their number each), and so
        share how they are written in a column (_TextWriter._one_line)."""
        style = text.style
        colour = text.colour or style.textColor  # kept alive by the measurement, so its id stays its own
        font = (text.font or style.fontName, style.fontSize)
        key = (text.text, font, style.alignment, style.leading, id(colour), width)
        placed = self.plain.get(key)
        if placed is None:  # laid out here rather than by `block`: its key would be this one's again
            lines = self._text_lines(text.text, font[0], font[1], width, SHARES.get(style.alignment, 0.0))
            placed = self.plain[key] = _Placed([lines], len(lines) * style.leading, [(font, colour, style.leading)])
        return placed

    def block(self, text: Text, width: float) -> list[Line] | None:
        font, size, alignment = text.font_name, text.style.fontSize, text.style.alignment
        key = (text.text, font, size, alignment, width, text.runs)
        lines = self.known.get(key, self)
        if lines is self:
            lines = self.known[key] = (_run_lines(text, width) if text.runs
                                       else self._text_lines(text.text, font, size, width, SHARES.get(alignment, 0.0)))
        return lines

    def _text_lines(self, text: str, font: str, size: float, width: float, share: float) -> list[Line]:
        """Lines of plain text, each with its shift; one that fits on a line measured once in
        the document, whatever the width (a number is printed in columns of many widths). The
        lines of a text with newlines are each taken so: a key's header cells ("Versi\\nA01")
        share their first line."""
        if "\n" in text:
            return [line for paragraph in text.split("\n")
                    for line in self._text_lines(paragraph, font, size, width, share)]
        used = self.widths.get(key := (text, font, size), self)
        if used is self:
            used = self.widths[key] = line_width(text, font, size)
        if used is not None and used <= width:  # most cells: one line, measured once rather than word by word
            return [(text, share * (width - used) if share else 0.0)]
        lines = _greedy(text, font, width, font_widths(font, size))
        return [(line, share * (width - stringWidth(line, font, size)) if share else 0.0) for line in lines]


# Where a line stands in its width, by alignment: the share of the room left on its left.
SHARES = {TA_CENTER: 0.5, TA_RIGHT: 1.0}


def _run_lines(text: Text, width: float) -> list[Line] | None:
    """Lines of runs (left-aligned)."""
    lines = break_lines(text.runs, text.style.fontSize, width, text.style.spaceShrinkage)
    return None if lines is None else [(line, 0.0) for line in lines]


def _paragraph(paragraph: Paragraph, width: float) -> _Placed:
    """A cell drawn as a Paragraph, measured at its width."""
    return _Placed([], paragraph.wrap(width, 1e9)[1], [], paragraph=paragraph)


def _markup(text: Text) -> str:
    """A text block as Paragraph markup (its colour and font, if its own)."""
    markup = text.text if text.runs else escape(text.text)
    if text.font:
        markup = f'<font face="{text.font}">{markup}</font>'
    return f'<font color="#{text.colour.hexval()[2:]}">{markup}</font>' if text.colour else markup


class _Coordinates(dict):
    """Coordinates as PDF writes them, by their value, each formatted when first asked for."""

    def __missing__(self, value: float) -> str:
        written = self[value] = fp_str(value)
        return written


def rule_place(value: float) -> float:
    """Where a rule lies, as rules are grouped into lines: places a rounding apart make one."""
    return round(value, 3)


class _Places(dict):
    """Rule places (rule_place) by their value, each worked out when first asked for: rounding a
    float to some decimals is slow (it goes through its decimal digits), and a page of a table
    rounds the same row and column edges again for every rule along them."""

    def __missing__(self, value: float) -> float:
        # A -0.0 asked after a 0.0 gets its place 0.0 (they are one key): both are written "0".
        place = self[value] = rule_place(value)
        return place


class Shared:
    """What the grids of one document share: text blocks laid out at a width (a key's nine
    tables print the same letters in columns of one width), the strings written into the
    document, and coordinates as PDF writes them."""

    def __init__(self) -> None:
        self.measure = _Measure()
        # A coordinate as PDF writes it, each worked out once: one written before is a dict
        # lookup without a call of ours (a page of a key writes thousands).
        self.number: Callable[[float], str] = _Coordinates().__getitem__
        self.place: Callable[[float], float] = _Places().__getitem__  # rule_place, each worked out once
        self._written: tuple[object, Written] = (None, {})
        self._codes: tuple[object, dict[str, _Codes]] = (None, {})
        self._fills: tuple[object, Fills] = (None, {})
        self._strokes: tuple[object, Fills] = (None, {})
        # By the width of a column: the height of each simple cell's content (one column and row,
        # no background) by the cell, so that a row of them is scanned by lookups alone (a key's
        # letters, a kisi-kisi's question numbers, in every table of the document).
        self.simple: dict[float, dict[Cell, float]] = {}
        # By where a column's content starts and its width: how each one-line cell is written
        # there, by the cell (see _TextWriter.cells); and one tuple for equal looks of such cells
        # (by the id() of their colour, which the tuple keeps alive).
        self.one_line: dict[tuple[float, float], dict[Cell, list]] = {}
        self.looks: dict[tuple, tuple] = {}
        self.paths: dict[tuple, list[str]] = {}  # rules of plain rows drawn (_Painter._rule)
        self._rulings: dict[tuple[float, ...], _Ruling] = {}  # by the column edges
        self.columns: dict[tuple, _Columns] = {}  # by widths, side padding and gap (columns_of)

    def columns_of(self, widths: Sequence[float], look: Look) -> _Columns:
        """The columns of a grid of these widths in `look`, worked out once for the document's grids."""
        key = (tuple(widths), look.side_padding, look.gap)
        columns = self.columns.get(key)
        if columns is None:
            columns = self.columns[key] = _Columns(widths, look.side_padding, look.gap, self)
        return columns

    def ruling(self, edges: tuple[float, ...]) -> _Ruling:
        """How plain rows between these column edges are ruled in the document."""
        ruling = self._rulings.get(edges)
        if ruling is None:
            ruling = self._rulings[edges] = _Ruling(edges, self.number, self.place)
        return ruling

    def written(self, canv) -> Written:
        """The strings written into `canv`'s document, by any grid sharing this."""
        return self._of_document("_written", canv)

    def codes(self, canv) -> dict[str, _Codes]:
        """Per font, the codes of its characters in `canv`'s document, as `_TextWriter` encodes them."""
        return self._of_document("_codes", canv)

    def fills(self, canv) -> Fills:
        """The colours text and backgrounds were filled with in `canv`'s document, as
        `set_colour` sets them (a text object's setFillColor and the canvas's write the same)."""
        return self._of_document("_fills", canv)

    def strokes(self, canv) -> Fills:
        """The colours rules were stroked with in `canv`'s document, as `set_colour` sets them."""
        return self._of_document("_strokes", canv)

    def _of_document(self, slot: str, canv) -> dict:
        """The dict kept in `slot` for `canv`'s document: a new one for a new document."""
        document, kept = getattr(self, slot)
        if document is not canv._doc:
            kept = {}
            setattr(self, slot, (canv._doc, kept))
        return kept


class _Columns:
    """Where a grid's columns stand, and what is kept per column: the same for every grid of a
    document with these widths, side padding and gap (a key's or a kisi-kisi's tables of version
    columns), so worked out once (`Shared.columns`)."""

    def __init__(self, widths: Sequence[float], side_padding: float, gap: float, shared: Shared):
        self.widths, self.side_padding, self.gap = list(widths), side_padding, gap
        self.edges = [sum(self.widths[:n]) for n in range(len(self.widths) + 1)]
        self._spans: dict[tuple[int, int], float] = {}  # (column, columns) -> the inner width
        # The inner width of each column, and as `placed` keys it: most cells are one column wide.
        self.inners = [self.inner_width(column, 1) for column in range(len(self.widths))]
        self.keys = [round(width, 6) for width in self.inners]
        # Per column, the measurements of simple cells at its width and how one-line cells are
        # written where it stands (shared with the document's grids: see Shared).
        self.simple = [shared.simple.setdefault(key, {}) for key in self.keys]
        self.one_line = [shared.one_line.setdefault((self.edges[column] + side_padding, key), {})
                         for column, key in enumerate(self.keys)]
        self.starts = [edge + side_padding for edge in self.edges]  # where each column's content starts
        self._alike: dict[float, list[int]] | None = None  # columns by their width (`alike`)

    def inner_width(self, column: int, columns: int) -> float:
        """The width of the content of `columns` columns from `column` (the one formula)."""
        return self.edges[column + columns] - self.edges[column] - 2 * self.side_padding - self.gap

    def width_key(self, column: int, columns: int) -> float:
        """The inner width of `columns` columns from `column`, as `placed` keys it."""
        span = (column, columns)
        width = self._spans.get(span)
        if width is None:
            width = self._spans[span] = round(self.inner_width(column, columns), 6)
        return width

    def alike(self, column: int) -> list[int]:
        """The columns as wide as `column`, found when first asked for."""
        if self._alike is None:
            self._alike = {}
            for other, key in enumerate(self.keys):
                self._alike.setdefault(key, []).append(other)
        return self._alike[self.keys[column]]


class _Sheet:
    """Every cell of a grid measured once, shared by all the pages it is split into."""

    def __init__(self, widths: Sequence[float], header: Sequence[Row], body: Sequence[Row], look: Look,
                 shared: Shared):
        self.header, self.body, self.look = list(header), list(body), look
        self.placed = shared.measure.placed  # by the cell and its width
        self.shared = shared
        columns = self.columns = shared.columns_of(widths, look)
        self.widths, self.edges, self.inners, self.column_keys = columns.widths, columns.edges, columns.inners, columns.keys
        self.simple, self.one_line, self.starts = columns.simple, columns.one_line, columns.starts
        self.looks = shared.looks
        header = _scan(self, self.header, look.header_padding)
        self.header_heights, self.header_plain = header.heights, header.plain
        body = _scan(self, body, look.body_padding)  # as given: `pooled_rows` marks the rows it made
        self.body_heights, self.body_plain = body.heights, body.plain  # once: a long table splits into many parts
        # Body rows that merged cells tie together: a page breaks only between groups.
        self.group_starts = _group_starts(body.reach)
        self.tallest = body.tallest

    def at(self, cell: Cell, column: int) -> tuple[Cell, float]:
        """The key of the cell's measurement in `placed`."""
        if cell.cols == 1:
            return cell, self.column_keys[column]
        return cell, self.columns.width_key(column, cell.cols)


@dataclass
class _Scan:
    heights: list[float]
    reach: list[int]  # per row, the index after the lowest row its cells cover
    tallest: int  # the most rows a cell covers
    plain: list[bool]  # per row, whether it is plain (see _Painter._plain_rows)


def _scan(sheet: _Sheet, rows: Sequence[Row], padding: tuple[float, float]) -> _Scan:
    """Every cell of `rows` measured (once per cell and width, as `placed`), in one pass: row
    heights are the tallest single-row cell's; a merged cell short of room shares the rest
    equally among its rows (as reportlab's Table does)."""
    pad = sum(padding)
    heights, reach, merged, plains = [], [], [], []
    if type(rows) is PooledRows and set(map(len, rows)) <= {len(sheet.widths)}:
        height = _pooled_height(rows.pools, min(sheet.inners, default=0.0))
        if height is not None:  # every cell one line high: no lookup per cell
            return _Scan([height + pad] * len(rows), list(range(1, len(rows) + 1)), 1, [True] * len(rows))
    for index, row in enumerate(rows):
        simple = _simple_heights(sheet, row)
        if simple is not None:  # most rows of a key or a table of numbers
            heights.append(max(simple) + pad)  # max(h) + pad is max(h + pad)
            reach.append(index + 1)
            plains.append(True)
            continue
        height, down, plain = _scan_row(sheet, index, row, merged)
        heights.append(max(height, -pad) + pad)  # 0 for a row of merged cells only
        reach.append(down)
        plains.append(plain)
    for index, covered, need in merged:
        span = range(index, min(index + covered, len(rows)))
        short = need + pad - sum(heights[r] for r in span)
        for r in span if short > 0 else ():
            heights[r] += short / len(span)
    return _Scan(heights, reach, max((covered for _, covered, _ in merged), default=1), plains)


def _pooled_height(pools: Sequence[_Pool], narrowest: float) -> float | None:
    """The content height of rows of cells from `pools` when each line they ever made fits the
    narrowest column (so each cell is one line, as `_Measure` would find), and none has a
    background (a plain row); else None."""
    if all(pool.widest <= narrowest and pool.background is None for pool in pools):
        return max(pool.style.leading for pool in pools)
    return None


def _simple_heights(sheet: _Sheet, row: Row) -> list[float] | None:
    """The content heights of a row of simple cells (one column and row, no background: a
    plain row), found by a lookup a cell once measured at its column's width (a pooled cell
    stands in many rows); None for any other row."""
    if len(row) != len(sheet.widths):
        return None
    heights = list(map(dict.get, sheet.simple, row))
    if None in heights:  # cells not measured at these widths yet
        for column in [column for column, height in enumerate(heights) if height is None]:
            cell = row[column]
            if cell is None or cell.cols != 1 or cell.rows != 1 or cell.background is not None:
                return None
            heights[column] = sheet.simple[column][cell] = _measured(sheet, cell, column).height
    return heights


def _measured(sheet: _Sheet, cell: Cell, column: int) -> _Placed:
    """A cell measured in a column, once per cell and width."""
    if cell.cols == 1:  # `sheet.at`, inline: most cells, and this is called for each one written
        found = sheet.placed.get(key := (cell, sheet.column_keys[column]))
        if found is None:
            found = sheet.placed[key] = sheet.shared.measure.cell(cell, sheet.inners[column])
        return found
    found = sheet.placed.get(key := sheet.at(cell, column))
    if found is None:
        found = sheet.placed[key] = sheet.shared.measure.cell(cell, sheet.columns.inner_width(column, cell.cols))
    return found


def _scan_row(sheet: _Sheet, index: int, row: Row, merged: list) -> tuple[float, int, bool]:
    """A row's tallest single-row cell, the index after the lowest row its cells cover and
    whether it is plain; its merged cells' (row, rows, height) added to `merged`."""
    highest, down, plain = -math.inf, index + 1, len(row) == len(sheet.widths)
    for column, cell in enumerate(row):
        if cell is None:
            plain = False
            continue
        plain = plain and cell.cols == 1 and cell.background is None
        found = _measured(sheet, cell, column)
        if cell.rows == 1:
            highest = max(highest, found.height)
        else:
            merged.append((index, cell.rows, found.height))
            down, plain = max(down, index + cell.rows), False
    return highest, down, plain


def _group_starts(reach: Sequence[int]) -> set[int]:
    starts, lowest = set(), 0
    for index, down in enumerate(reach):
        if index >= lowest:
            starts.add(index)
        lowest = max(lowest, down)
    return starts | {len(reach)}


# --------------------------------------------------------------------------- the flowable


class Grid(Flowable):
    """Body rows `start`..`end` of a measured sheet under its header; splits between groups of
    merged rows, or between rows when a group alone is taller than `page_height`. Grids of one
    document may share what they measure and write (`shared`)."""

    def __init__(self, widths: Sequence[float], header: Sequence[Row], body: Sequence[Row], look: Look,
                 page_height: float, shared: Shared | None = None, _sheet: _Sheet | None = None,
                 _start: int = 0, _end: int | None = None):
        super().__init__()
        self.sheet = _sheet or _Sheet(widths, header, body, look, shared or Shared())
        self.page_height = page_height
        self.start, self.end = _start, len(self.sheet.body) if _end is None else _end
        self.rows, cut = _view(self.sheet, self.start, self.end)
        if not cut:  # no merged cell cut: the whole body's rows hold
            self.heights = self.sheet.body_heights[self.start:self.end]
            self.plain = self.sheet.body_plain[self.start:self.end]
        else:
            scan = _scan(self.sheet, self.rows, look.body_padding)
            self.heights, self.plain = scan.heights, scan.plain
        self.width = self.sheet.edges[-1]
        self.height = sum(self.sheet.header_heights) + sum(self.heights)

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def split(self, availWidth, availHeight):
        fitting = self._fitting(availHeight - sum(self.sheet.header_heights))
        last = max((s for s in self.sheet.group_starts if self.start < s <= fitting), default=self.start)
        # A group taller than a page is split anyway: fill this page with it rather than leave a gap.
        cut = fitting if self._too_tall(last) else last
        if cut == self.start:
            return []
        return [self] if cut >= self.end else [self._part(self.start, cut), self._part(cut, self.end)]

    def _fitting(self, room: float) -> int:
        """The end of the rows from `start` that fit in `room`."""
        used = 0.0
        for index, height in enumerate(self.heights, start=self.start):
            used += height
            if used > room:
                return index
        return self.end

    def _too_tall(self, first: int) -> bool:
        """Whether the group of rows starting at `first` is taller than a page under the header."""
        if first >= self.end:
            return False
        end = min(s for s in self.sheet.group_starts if s > first)
        rows = sum(self.heights[first - self.start:end - self.start])
        return sum(self.sheet.header_heights) + rows > self.page_height

    def _part(self, start: int, end: int) -> Grid:
        part = Grid((), (), (), self.sheet.look, self.page_height, None, self.sheet, start, end)
        part.hAlign = self.hAlign  # a centred table stays centred on the pages it runs onto
        return part

    def draw(self):
        painter = _Painter(self.canv, self.sheet)
        top = self.height
        for rows, heights, plain, padding, first_index in (
            (self.sheet.header, self.sheet.header_heights, self.sheet.header_plain, self.sheet.look.header_padding,
             None),
            (self.rows, self.heights, self.plain, self.sheet.look.body_padding, self.start),
        ):
            painter.rows(rows, heights, plain, top, padding, first_index)
            top -= sum(heights)
        painter.finish()


def _view(sheet: _Sheet, start: int, end: int) -> tuple[list[list[Cell | None]], bool]:
    """Rows start..end, and whether a merged cell was cut to fit them: one begun above `start`
    starts again on the first row, so a group split across pages shows its merged text on both."""
    if sheet.tallest == 1:  # no merged cell: the rows as they are
        return sheet.body[start:end], False
    rows = [list(row) for row in sheet.body[start:end]]
    if not rows:
        return rows, False
    cut = False
    for above in range(max(0, start - sheet.tallest + 1), start):  # only those can reach row `start`
        for column, cell in enumerate(sheet.body[above]):
            if cell is not None and above + cell.rows > start:
                rows[0][column], cut = _moved(sheet, cell, column, min(above + cell.rows, end) - start), True
    # Only a cell in the last rows can reach past them: one `tallest` rows high starts in the last but `tallest` - 1.
    for index in range(max(0, len(rows) - sheet.tallest + 1), len(rows)):
        row = rows[index]
        for column, cell in enumerate(row):
            if cell is not None and index + cell.rows > len(rows):
                row[column], cut = _moved(sheet, cell, column, len(rows) - index), True
    return rows, cut


def _moved(sheet: _Sheet, cell: Cell, column: int, rows: int) -> Cell:
    moved = Cell(cell.content, cell.cols, rows, cell.middle, cell.background)
    sheet.placed[sheet.at(moved, column)] = sheet.placed[sheet.at(cell, column)]
    return moved


# What Canvas.setFillColor and setStrokeColor set: the method, the colour it keeps, the transparency.
_COLOUR_SETTERS = {False: ("setFillColor", "_fillColorObj", "ca"), True: ("setStrokeColor", "_strokeColorObj", "CA")}


def set_colour(canv, colour: Color, known: Fills, stroke: bool = False, target: Any = None) -> None:
    """What canv.setFillColor(colour) (or setStrokeColor) writes, copied for a colour set before
    in the document (`known`: Shared.fills or strokes): a table sets its background and rule
    colours on every page, a kisi-kisi's cells change colour a hundred times. `target`: the object
    whose setter writes (a text object of `canv`), `canv` itself by default. The copy holds for an
    opaque RGB colour while the canvas draws opaque (the setter's setFillAlpha then writes
    nothing; what it does to the document, asking for transparency, is done already)."""
    target = canv if target is None else target
    setter, kept, transparency = _COLOUR_SETTERS[stroke]
    found = known.get(id(colour))
    opaque = canv._extgstate._d.get(transparency, 1) == 1
    if found is None or not opaque:
        getattr(target, setter)(colour)
        if opaque and type(colour) is Color and colour.alpha == 1 and not target._enforceColorSpace:
            known[id(colour)] = (target._code[-1], colour)
        return
    setattr(target, kept, colour)
    target._code.append(found[0])


class _Painter:
    """Backgrounds, then text, then rules, as reportlab's Table paints; all the plain text of a
    page in one text object and all its rules in one path, each rule once and as long as it runs."""

    def __init__(self, canv, sheet: _Sheet):
        self.canv, self.sheet, self.look = canv, sheet, sheet.look
        # (x1, y1, x2, y2) of the cells' rules, some more than once (joined into one line as overlapping).
        self.rules: list[tuple[float, float, float, float]] = []
        self.plain_ys: list[float] = []  # where plain rows are ruled across the whole width
        self.plain_spans: list[tuple[float, float]] = []  # (bottom, top) of plain rows, ruled down every edge
        self.texts: list[tuple] = []  # (cells side by side, the first one's column, top, bottom, padding)
        self.mixed = False  # whether a row other than a plain one was painted
        self.fill: Color | None = None  # the colour the last background was filled with
        self.fills = sheet.shared.fills(canv)

    def rows(self, rows, heights, plain: list[bool], top: float, padding, first_index: int | None) -> None:
        """`plain`: whether each row is plain (see `_plain_rows`); `first_index`: the body index of the
        first row (for the zebra), None for the header."""
        tops = [top - sum(heights[:n]) for n in range(len(heights) + 1)]
        header = first_index is None
        if header and rows:
            self._fill(self.look.header_background, 0, self.sheet.edges[-1], [(tops[-1], top - tops[-1])])
        zebra = not header and self.look.zebra
        if all(plain):  # most tables of a key or of numbers: no background but the zebra's
            if zebra:
                stripes = range((first_index + 1) % 2, len(rows), 2)
                self._fill(zebra, 0, self.sheet.edges[-1], [(tops[index + 1], heights[index]) for index in stripes])
            self._plain_rows(rows, tops, padding, header)
            return
        for index, row in enumerate(rows):
            if zebra and (first_index + index) % 2:
                self._fill(zebra, 0, self.sheet.edges[-1], [(tops[index + 1], heights[index])])
            if plain[index]:
                self._plain_rows([row], tops[index:index + 2], padding, header)
                continue
            for column, cell in enumerate(row):
                if cell is not None:
                    self._cell(cell, column, tops[index], tops[min(index + cell.rows, len(rows))], padding, header)

    def _plain_rows(self, rows: Sequence[Row], tops: list[float], padding, header: bool) -> None:
        """Plain rows one under another (`tops`: their top edges, then the last one's bottom).
        In a plain row every place holds a cell of its own, one column and one row wide, with no
        background of its own; it is painted as `_cell` paints each (most rows of a key or a gain
        table): its rules added once across the row, which joined with its cells' rules would
        draw the same lines."""
        if not rows:
            return
        self.texts += zip(rows, itertools.repeat(0), tops, tops[1:], itertools.repeat(padding))
        if self.look.grid:
            self.plain_ys += tops
            self.plain_spans.append((tops[-1], tops[0]))  # the rows' spans, which touch, joined (_joined)
        elif not header:
            self.plain_ys += tops[1:]

    def _cell(self, cell: Cell, column: int, top: float, bottom: float, padding, header: bool) -> None:
        self.mixed = True
        left, right = self.sheet.edges[column], self.sheet.edges[column + cell.cols]
        if cell.background is not None:
            self._fill(cell.background, left, right - left, [(bottom, top - bottom)])
        self.texts.append(((cell,), column, top, bottom, padding))
        if self.look.grid:
            self.rules += ((left, top, right, top), (left, bottom, right, bottom),
                           (left, bottom, left, top), (right, bottom, right, top))
        elif not header:
            self.rules.append((left, bottom, right, bottom))

    def _fill(self, colour: Color, x: float, width: float, rows: Sequence[tuple[float, float]]) -> None:
        """What setFillColor and rect(stroke=0, fill=1) write for a rectangle from `x` across
        `width` at each (bottom, height) of `rows` (a zebra's stripes on a page at once), the
        colour set only where it changes (the backgrounds come one after another: a zebra's rows
        share one colour)."""
        if not rows:
            return
        canv = self.canv
        if colour is not self.fill:
            set_colour(canv, colour, self.fills)
            self.fill = colour
        n = self.sheet.shared.number  # fp_str of several numbers is theirs joined by spaces
        left, across, paint = n(x), n(width), PATH_OPS[0, 1, canv._fillMode]
        canv._code += [f"n {left} {n(y)} {across} {n(height)} re {paint}" for y, height in rows]

    def finish(self) -> None:
        shared = self.sheet.shared
        writer = _TextWriter(self.canv, shared.written(self.canv), shared.number, shared.codes(self.canv),
                             shared.fills(self.canv))
        paragraphs = writer.cells(self.texts, self.sheet)
        writer.close()
        for paragraph, x, y in paragraphs:
            paragraph.drawOn(self.canv, x, y)
        if self.look.ruled:
            self._rule()

    def _rule(self) -> None:
        """The rules in one path, as canvas.lines writes them. A page of plain rows whose path was
        drawn before in the document (a key's tables and a long table's full pages repeat theirs)
        copies it; a page with merged cells is laid out afresh (its rows are never the same twice)."""
        canv, shared, edges = self.canv, self.sheet.shared, self.sheet.edges
        set_colour(canv, self.look.rule, shared.strokes(canv), stroke=True)
        canv.setLineWidth(self.look.rule_width)
        spans = _joined(self.plain_spans)  # joined first: a rule per edge, not per row and edge
        if self.mixed or edges[0] == edges[-1]:
            left, right = edges[0], edges[-1]
            self.rules += [(left, y, right, y) for y in self.plain_ys]
            self.rules += [(x, low, x, high) for x in edges for low, high in spans]
            path = _path(_merged(self.rules, shared.place), shared.number)
        else:  # rules across every row, and down every edge of the plain rows
            key = (frozenset(self.plain_ys), tuple(map(tuple, spans)), tuple(edges))
            path = shared.paths.get(key)
            if path is None:
                path = shared.paths[key] = _plain_path(self.plain_ys, spans, shared.ruling(key[2]))
        canv._code.append("n")
        canv._code.extend(path)
        canv._code.append("S")


def _path(lines: list[tuple[float, float, float, float]], n: Callable[[float], str]) -> list[str]:
    """Lines as canvas.lines writes them (`n` writes a coordinate)."""
    return [f"{n(x1)} {n(y1)} m {n(x2)} {n(y2)} l" for x1, y1, x2, y2 in lines]


def _plain_path(ys: Iterable[float], spans: list[list[float]], ruling: _Ruling) -> list[str]:
    """What _path writes of what _merged makes of rules across the whole width at `ys` and down
    every edge over `spans` (joined), without grouping them: across, then down, each at its
    place, as `ruling` writes them (some lines in one entry: a page's code is joined by newlines)."""
    return ruling.across(sorted(set(map(ruling.place, ys)))) + ruling.down(spans)


class _Ruling:
    """The rules of plain rows between a set of column edges, as _plain_path writes them in a
    document (`n` writes a number, `place` places a rule): the edges' places are worked out once."""

    def __init__(self, edges: Sequence[float], n: Callable[[float], str], place: Callable[[float], float]):
        self.n, self.place = n, place
        self.left, self.right = n(edges[0]), n(edges[-1])
        self.xs = list(map(n, sorted(set(map(place, edges)))))
        # The lines down every edge, the span's ends left open ("\0", "\1"): those over one span
        # are written by two replacements rather than a line at a time (a page's code is joined
        # by newlines, so one entry of lines writes what their entries one by one would).
        self._down = "\n".join(f"{x} \0 m {x} \1 l" for x in self.xs)

    def across(self, places: Iterable[float]) -> list[str]:
        left, right = self.left, self.right
        return [f"{left} {y} m {right} {y} l" for y in map(self.n, places)]

    def down(self, spans: Sequence[Sequence[float]]) -> list[str]:
        """Down every edge over each span, edge by edge (a page of plain rows has one span: its
        header and body rows touch)."""
        n = self.n
        if len(spans) == 1:
            return [self._down.replace("\0", n(spans[0][0])).replace("\1", n(spans[0][1]))]
        written = [(n(low), n(high)) for low, high in spans]
        return [f"{x} {low} m {x} {high} l" for x in self.xs for low, high in written]


def _looks_of(found: _Placed, middle: bool, looks: dict[tuple, tuple]) -> tuple:
    """The looks of a one-line cell (font, colour, whether centred vertically, height), one
    tuple for all cells alike in the document (`looks`), so that cells side by side in the same
    looks are found so by identity; kept in the measurement for its other cells."""
    font, colour = found.line[:2]
    known = looks.get(key := (font, id(colour), middle, found.height))  # a colour hashes slowly
    if known is None:
        known = looks[key] = (font, colour, middle, found.height)
    found.looks_of[middle] = known
    return known


class _TextWriter:
    """One text object for many strings, setting font and colour only when they change. A string
    already written in this document is copied from its first writing (a key prints "A" hundreds
    of times; reportlab encodes each string for the font subset anew): the operators depend only
    on the string, the font and the subset in use before it (subsets are the document's). Each
    line is one Tm operator and its string's operators, written straight (what setTextOrigin and
    textOut write, one entry of the text object's code joined by spaces as theirs are)."""

    def __init__(self, canv, written: Written, number: Callable[[float], str], codes: dict[str, _Codes],
                 fills: Fills):
        self.canv, self.text = canv, canv.beginText()
        self.font: Font | None = None
        self.colour: Color | None = None
        self.written, self._number = written, number
        self.codes = codes  # per font, its characters' codes in this document
        self.fills = fills
        self.origin = "1 0 0 1 " if canv.bottomup else "1 0 0 -1 "

    def cells(self, entries: list[tuple], sheet: _Sheet) -> list[tuple[Paragraph, float, float]]:
        """The plain text of the cells in `entries` (`_Painter.texts`); the paragraphs and where
        they go, to be drawn after (each in a text object of its own). A one-line cell (most
        cells: a key has thousands) is written the short way: how it is written in its column
        is looked up once (`_one_line`), and cells side by side in the same looks and height
        share their baseline."""
        code, written, text, one_line = self.text._code, self.written, self.text, sheet.one_line
        paragraphs: list = []
        later: list = []
        for cells, first, top, bottom, padding in entries:
            looks = None
            for column, cell in enumerate(cells, first):
                # one = [looks, start of its Tm operator, line, memo (see _memo), measurement]:
                # a list indexed by number, read thousands of times a document (_one_line makes it)
                one = one_line[column].get(cell)
                if one is None:
                    one = self._one_line(sheet, cell, column, top, bottom, padding, paragraphs, later)
                    if one is None:
                        looks = None  # font and colour may have changed
                        continue
                if one[0] is not looks:
                    looks = one[0]
                    at = self._baseline(looks, top, bottom, padding)
                memo = one[3]
                if memo is None or memo[0] is not written or memo[1] != text._curSubset:
                    memo = one[3] = one[4].memo = self._memo(one[2])
                text._curSubset = memo[3]
                code.append(f"{one[1]}{at} Tm {memo[2]}")  # as `line` writes it, without a call
        for found, x, y in later:
            self.cell(found, x, y)
        return paragraphs

    def _one_line(self, sheet: _Sheet, cell: Cell, column: int, top: float, bottom: float, padding,
                  paragraphs: list, later: list) -> list | None:
        """How a one-line cell is written in its column (its looks, the start of its Tm
        operator, its line, how the line was last written and its measurement, where that is
        kept for the cell's other columns), kept for the next time; None for any other cell,
        written or put aside here."""
        found = _measured(sheet, cell, column)  # a pooled row's cells are first measured here
        if found.line is None:
            x, y = sheet.starts[column], self._top(cell.middle, found.height, top, bottom, padding)
            if found.plain:  # a key's header cells ("Versi\nA01")
                self._lines(found.looks[0], found.lines[0], x, y)
            else:
                self._aside(found, x, y, paragraphs, later)
            return None
        looks = found.looks_of[cell.middle] or _looks_of(found, cell.middle, sheet.looks)
        shift, line = found.line[4], found.line[3]
        if not found.met or cell.cols != 1:  # a cell met once (a header's): its entry here only
            found.met = True
            entry = [looks, f"{self.origin}{self._number(sheet.starts[column] + shift)} ", line, found.memo, found]
            if cell.cols == 1:  # kept by the column's start and width: a wider cell's place depends on more
                sheet.one_line[column][cell] = entry
            return entry
        # A cell met in a second column (a pooled number or letter) is likely in all: its entries
        # made at once for every column of this width, in one call rather than one each (a
        # kisi-kisi has some 500).
        columns, origin, number = sheet.columns.alike(column), self.origin, self._number
        entries = [[looks, f"{origin}{number(sheet.starts[other] + shift)} ", line, found.memo, found]
                   for other in columns]
        for other, entry in zip(columns, entries):
            sheet.one_line[other][cell] = entry
        return entries[columns.index(column)]

    def _memo(self, line: str) -> tuple:
        """The operators of a one-line cell's string in the current font, kept in the cell's
        entry (`_one_line`) with what they hold for: the document's strings written and the
        subset in use before; then the subset in use after."""
        before = self.text._curSubset
        known = self.written.get((self.font, line, before))
        if known is None:
            known = self._write(line)
        return self.written, before, known[0], known[1]

    def _baseline(self, looks: tuple, top: float, bottom: float, padding) -> str:
        """The baseline of one-line cells in these looks in a row, as written; font and colour set."""
        font, colour, middle, height = looks
        if font != self.font or colour is not self.colour:
            self.looks(font, colour)
        return self._number(self._top(middle, height, top, bottom, padding) - font[1])

    @staticmethod
    def _top(middle: bool, height: float, top: float, bottom: float, padding) -> float:
        """The top edge of a cell's content: centred or under the top padding."""
        pad_top, pad_bottom = padding
        return bottom + (top - bottom + pad_bottom - pad_top + height) / 2 if middle else top - pad_top

    def _aside(self, found: _Placed, x: float, y: float, paragraphs: list, later: list) -> None:
        """A cell other than one plain line, its top left corner at (x, y): a paragraph (drawn
        after the text object), lines of runs (written after the plain text, where a Paragraph
        of them was drawn) or lines of plain text (written now)."""
        if found.paragraph is not None:
            paragraphs.append((found.paragraph, x, y - found.height))
        elif found.later:
            later.append((found, x, y))
        else:
            self.cell(found, x, y)

    def looks(self, font: Font, colour: Color) -> None:
        """Font and colour for the next line, set where they change."""
        if font != self.font:
            self.text.setFont(*font)
            self.font = font
        if colour is not self.colour and colour != self.colour:  # most cells share one colour object
            set_colour(self.canv, colour, self.fills, target=self.text)  # as the text object's setFillColor
            self.colour = colour

    def line(self, font: Font, colour: Color, line: str | RunLine, x: float, baseline: float) -> None:
        """A line of text starting at (x, baseline)."""
        if not isinstance(line, str):
            self.runs(font[1], colour, line, x, baseline)
            return
        self.looks(font, colour)
        number = self._number
        self.text._code.append(f"{self.origin}{number(x)} {number(baseline)} Tm {self._operators(line)}")

    def runs(self, size: float, colour: Color, line: RunLine, x: float, baseline: float) -> None:
        """A line of runs as a Paragraph writes it: its pieces one after another (each where the
        one before ends), squeezed by word spacing where it overruns, and a move to the next line
        after it (which text extraction reads as the end of a line)."""
        code = self.text._code
        if not line.pieces:
            return
        if line.spacing:
            code.append(f"{fp_str(line.spacing)} Tw")
        (font, first), *rest = line.pieces
        self.line((font, size), colour, first, x, baseline)
        for font, words in rest:
            self.looks((font, size), colour)
            code.append(self._operators(words))
        code.append("T*" if not line.spacing else "T* 0 Tw")

    def _operators(self, line: str) -> str:
        """The operators of a string in the current font, copied where already written."""
        known = self.written.get((self.font, line, self.text._curSubset))
        if known is None:
            return self._write(line)[0]
        self.text._curSubset = known[1]
        return known[0]

    def cell(self, placed: _Placed, x: float, y: float) -> None:
        """A cell's text blocks, the first one's top left corner at (x, y)."""
        for looks, lines in zip(placed.looks, placed.lines):
            if lines and isinstance(lines[0][0], str):  # a block's lines are all text or all runs
                self._lines(looks, lines, x, y)
            else:
                self._run_lines(looks, lines, x, y)
            y -= len(lines) * looks[2]

    def _run_lines(self, looks: Looks, lines: list[Line], x: float, y: float) -> None:
        """Lines of runs under one another."""
        font, colour, leading = looks
        baseline = y - font[1]
        for line, shift in lines:
            self.runs(font[1], colour, line, x + shift, baseline)
            baseline -= leading

    def _lines(self, looks: Looks, lines: list[Line], x: float, y: float) -> None:
        """Lines of plain text under one another, as `line` writes each: the looks set once
        for the block (most cells of a kisi-kisi print several lines)."""
        font, colour, leading = looks
        self.looks(font, colour)
        text, number, origin = self.text, self._number, self.origin
        codes = self._codes(font[0])
        baseline = y - font[1]
        for line, shift in lines:
            # In the first subset, a string whose characters all have codes there is written as
            # _write writes it, without a lookup: most lines of a multi-line cell are new.
            encoded = codes.encoded(line) if text._curSubset == 0 and codes is not None else None
            operators = f"({escapePDF(encoded)}) Tj" if encoded else self._operators(line)
            text._code.append(f"{origin}{number(x + shift)} {number(baseline)} Tm {operators}")
            baseline -= leading

    def _write(self, line: str) -> tuple[str, object]:
        """The operators of a string not yet written in this font from this subset: what
        textOut writes, without moving the cursor (every line sets its own origin)."""
        text = self.text
        key = (self.font, line, text._curSubset)
        operators = self._encoded(line) if text._curSubset <= 0 else None
        if operators is None:
            operators = text._formatText(line)
        known = self.written[key] = (operators, text._curSubset)
        return known

    def _encoded(self, line: str) -> str | None:
        """What _formatText writes for a string in a TrueType font whose every character already
        has a code in the document's first subset (most strings, after the first few): the
        string, after selecting the subset where none is in use (after a change of font); None
        for any other string, which reportlab encodes (and assigns codes for)."""
        codes = self._codes(self.font[0])
        encoded = codes.encoded(line) if codes is not None else None
        if not encoded:
            return None  # nothing is written for "", and no subset selected
        if self.text._curSubset == 0:
            return f"({escapePDF(encoded)}) Tj"
        self.text._curSubset = 0
        return f"{self._selection()} ({escapePDF(encoded)}) Tj"

    def _codes(self, name: str) -> _Codes | None:
        """A font's codes in this document; None for a font it has not used yet."""
        codes = self.codes.get(name)
        if codes is None:
            font = getFont(name)
            if not getattr(font, "_dynamicFont", False):
                codes = self.codes[name] = _Codes({})  # not a subset font: never encoded here
            elif self.canv._doc in font.state:
                codes = self.codes[name] = _Codes(font.state[self.canv._doc].assignments)
        return codes

    def _selection(self) -> str:
        """The operator selecting the current font's first subset, as _formatText writes it
        (once per size in the document: a line of runs changes font at every foreign term)."""
        text = self.text
        selections = self.codes[text._fontname].selections
        selection = selections.get(key := (text._fontsize, text._leading))
        if selection is None:
            name = getFont(text._fontname).getSubsetInternalName(0, self.canv._doc)
            selection = selections[key] = f"{name} {fp_str(text._fontsize)} Tf {fp_str(text._leading)} TL"
        return selection

    def close(self) -> None:
        if self.font is not None:
            self.canv.drawText(self.text)


class _Codes:
    """A TrueType font's codes for characters in a document's first subset, as tables for
    bytes.translate: most strings are encoded without a loop in Python. Brought up to date as
    reportlab assigns more (the font's assignments in the document only grow)."""

    def __init__(self, assignments: dict[int, int]):
        self.assignments, self.seen = assignments, 0
        self.table = bytearray(256)  # a Latin-1 character's code
        self.coded = bytearray()  # the Latin-1 characters that have a code in the first subset
        self.selections: dict[tuple[float, float], str] = {}  # by size and leading: _TextWriter._selection

    def encoded(self, line: str) -> bytes | None:
        """The codes of the characters of `line` as TTFont.splitString maps them (a no-break
        space is a space); None where a character has none in the first subset."""
        if self.seen != len(self.assignments):
            self._update()
        try:
            latin = line.encode("latin-1")
        except UnicodeEncodeError:  # a dash or an ellipsis: looked up character by character
            return self._mapped(line)
        return None if latin.translate(None, self.coded) else latin.translate(self.table)

    def _mapped(self, line: str) -> bytes | None:
        try:
            return bytes(map(self.assignments.__getitem__, map(ord, line.replace("\xa0", " "))))
        except (KeyError, ValueError):  # a character without a code yet, or one beyond the first subset
            return None

    def _update(self) -> None:
        for char, code in itertools.islice(self.assignments.items(), self.seen, None):
            if char < 256 and code < 256 and char != 0xA0:  # splitString reads a no-break space as a space
                self._add(char, code)
                if char == 32:
                    self._add(0xA0, code)
        self.seen = len(self.assignments)

    def _add(self, char: int, code: int) -> None:
        self.table[char] = code
        self.coded.append(char)


def _merged(rules: Iterable[tuple[float, float, float, float]],
            place: Callable[[float], float] = rule_place) -> list[tuple[float, float, float, float]]:
    """Collinear rules that touch or overlap joined into one: the rules across, then those down
    (x1 == x2), each line in the order of its `place` (places a rounding apart make one line), then
    of its span: one sorted pass per direction (`_join_sorted`)."""
    across, down = [], []
    for x1, y1, x2, y2 in set(rules):  # each once: a span drawn backwards is not joined with itself
        if x1 == x2:
            down.append((place(x1), y1, y2))
        else:
            across.append((place(y1), x1, x2))
    out: list[tuple[float, float, float, float]] = []
    for vertical, lines in ((False, across), (True, down)):
        out += [(at, low, at, high) if vertical else (low, at, high, at) for at, low, high in _join_sorted(sorted(lines))]
    return out


def _joined(spans: Sequence[tuple[float, float]]) -> list[list[float]]:
    """Spans on one line that touch or overlap joined into one; joining some of them first
    changes nothing (a joined span only bridges gaps the whole set bridges too)."""
    return [[low, high] for _, low, high in _join_sorted(sorted((0.0, low, high) for low, high in spans))]


def _join_sorted(lines: Iterable[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """(place, low, high) of lines in sorted order, those at one place that touch or overlap
    joined into one (to the highest end among them): one pass, for `_joined` and `_merged`."""
    joined: list[tuple[float, float, float]] = []
    at: float | None = None  # the line being joined: its place and span (low, high)
    low = high = 0.0
    for place, start, end in lines:
        if place == at and start <= high + 1e-3:
            if end > high:  # max(high, end) without a call: a page with merged cells joins hundreds
                high = end
            continue
        if at is not None:
            joined.append((at, low, high))
        at, low, high = place, start, end
    if at is not None:
        joined.append((at, low, high))
    return joined
