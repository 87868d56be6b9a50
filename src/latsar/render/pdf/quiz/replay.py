"""Drawings recorded once and replayed into many PDFs: how every version's booklet prints the
same stems and options without laying them out and drawing them again.

reportlab writes text for the document at hand: a TrueType font gets its PDF name (F1, F2, …)
when a document first uses it, and each character its code in the font's subset when the
document first draws it. So the content-stream code of a paragraph drawn for one document means
something else in another. A Recorder draws on a canvas of its own, with its fonts named R1,
R2, … beforehand; a document that replays recorded code is first seeded (Recorder.seed) with
those names and the recorder's character codes, so the code means there what it meant when it
was recorded. What a document draws itself afterwards (its cover, its running heads) is encoded
as usual, after the seeded characters.

The caller records the text it knows of before the first document is seeded, in an order fixed
by its inputs, then seals the recorder: every document is seeded alike. A drawing recorded later
is kept only if it needs no new character (a table's rules; a line other versions print too),
else it is drawn anew in each document: either way the same whenever it is recorded, so a
document's bytes never depend on what was made before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO
from typing import Any, Callable, Iterable, NamedTuple, Sequence

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import _drawBullet

PREFIX = "R"  # recorded fonts' PDF names; reportlab names the fonts a document adds itself F1, F2, …
_FONT_USE = re.compile(rf"/({PREFIX}\d+)\+\d+ \S+ Tf")


@dataclass(frozen=True)
class Drawn:
    """A flowable drawn once at the origin: its content-stream code (None when it cannot be
    replayed: it drew an image, a link or a transparency, which need the page's resources;
    `flowable` is then drawn again each time) and its measurements."""

    code: str | None
    height: float
    space_before: float
    space_after: float
    fonts: frozenset[str]
    flowable: Flowable | None = None
    baseline: float | None = None  # a paragraph's first baseline above its bottom (None: no line, no bullet)


class Recorder:
    """A canvas to record drawings on, and the fonts it names for them."""

    def __init__(self, page_size: tuple[float, float], font_names: Sequence[str], initial_font: str,
                 initial_size: float, initial_leading: float):
        self.canvas = Canvas(BytesIO(), pagesize=page_size, invariant=1, initialFontName=initial_font,
                             initialFontSize=initial_size, initialLeading=initial_leading)
        self._fonts: dict[str, str] = {}  # PDF name -> registered name
        for index, name in enumerate(font_names, start=1):
            self._state(name).internalName = f"{PREFIX}{index}"
            self._fonts[f"{PREFIX}{index}"] = name
        self._sealed = False

    def _state(self, font_name: str) -> Any:  # reportlab's TTFont.State
        return pdfmetrics.getFont(font_name)._assignState(self.canvas._doc)

    def record(self, flowable: Flowable, width: float, height: float, bullet_apart: bool = True) -> Drawn:
        """`flowable` wrapped at `width` and drawn at the origin; a paragraph's bullet is left
        out unless not `bullet_apart` (record_bullet records it: it changes from version to
        version), its first line set where the bullet pushed it. After sealing, a drawing that
        needs a character the recorder has no code for is not kept (the codes stay as they
        were): the flowable is then drawn anew each time."""
        mark = self._mark() if self._sealed else None
        doomed = mark is not None and self._needs_new_codes(flowable)  # read before wrapping splits its fragments
        _, tall = flowable.wrap(width, height)
        baseline = None
        if isinstance(flowable, Paragraph):
            baseline = _first_baseline(flowable)
            if flowable.bulletText and bullet_apart:
                _set_bullet_apart(flowable)
        code = None if doomed else self._drawn(flowable._drawOn)
        if mark is not None and self._mark() != mark:
            self._undo(mark)
            code = None
        return Drawn(code, tall, flowable.getSpaceBefore(), flowable.getSpaceAfter(), self._used(code),
                     None if code is not None else flowable, baseline)

    def record_bullet(self, bullet: str, style: ParagraphStyle) -> Drawn:
        """A paragraph's bullet as reportlab draws it, its baseline at the origin's height."""
        self._check_open()
        code = self._drawn(lambda canvas: _drawBullet(canvas, 0, 0, bullet, style, rtl=False))
        if code is None:
            raise RuntimeError(f"bullet {bullet!r} needs page resources")
        return Drawn(code, 0.0, 0.0, 0.0, self._used(code))

    def _needs_new_codes(self, flowable: Flowable) -> bool:
        """Whether drawing `flowable` surely needs a character the recorder has no code for
        (it is then not drawn here for nothing): a paragraph with a visible character that
        its fragment's font has not been given, or in a font the recorder does not name."""
        return isinstance(flowable, Paragraph) and any(
            self._new_character(getattr(frag, "fontName", None), getattr(frag, "text", "")) for frag in flowable.frags)

    def _new_character(self, font_name: str | None, text: str) -> bool:
        if font_name is None or not isinstance(text, str):  # not a run of text (a space, an image, …)
            return False
        if font_name not in self._fonts.values():
            return any(map(_visible, text))
        if text.isascii():  # most text: its characters are known, or will be checked by drawing
            return False
        known = self._state(font_name).assignments
        return any(ord(c) not in known and _visible(c) for c in text)

    def _mark(self) -> list[tuple[int, int, list[int]]]:
        """Where the fonts' codes stand: drawing a new character only adds after it."""
        states = map(self._state, self._fonts.values())
        return [(s.nextCode, len(s.assignments), [len(subset) for subset in s.subsets]) for s in states]

    def _undo(self, mark: list[tuple[int, int, list[int]]]) -> None:
        """Forget the codes given since `mark` (reportlab's TTFont.splitString gives a new
        character the next code, adds it last to the assignments, and appends it to its subset
        or, below 32, sets its place in the first one)."""
        for state, (next_code, assigned, lengths) in zip(map(self._state, self._fonts.values()), mark):
            for char in list(state.assignments)[assigned:]:
                code = state.assignments.pop(char)
                if code < 32:
                    state.subsets[0][code] = 0
            del state.subsets[len(lengths):]
            for subset, length in zip(state.subsets, lengths):
                del subset[length:]
            state.nextCode = next_code

    def _check_open(self) -> None:
        if self._sealed:
            raise RuntimeError("Recorder sealed: record everything before seeding a document")

    def _drawn(self, draw: Callable[[Canvas], object]) -> str | None:
        canvas = self.canvas
        resources = self._resources()
        canvas.saveState()
        start = len(canvas._code)
        draw(canvas)
        code = "\n".join(canvas._code[start:])
        canvas.restoreState()
        del canvas._code[start - 1:]
        return code if self._resources() == resources else None

    def _resources(self) -> tuple:
        """What a page must declare for code drawn on it besides fonts."""
        c = self.canvas
        return (len(c._annotationrefs), len(c._formsinuse), c._currentPageHasImages, len(c._extgstate._c),
                len(c._colorsUsed), bool(c._doc.fontMapping))  # a font not named beforehand

    def _used(self, code: str | None) -> frozenset[str]:
        return frozenset(self._fonts[name] for name in _FONT_USE.findall(code or ""))

    def seal(self) -> None:
        """No more recording: documents may now be seeded."""
        self._sealed = True

    def seed(self, doc: PDFDocument, fonts: Iterable[str]) -> None:
        """Give `doc`, before it draws anything, the recorder's names and character codes for
        `fonts` (those of the drawings it will replay)."""
        if not self._sealed:
            raise RuntimeError("Recorder not sealed: seal it before seeding a document")
        order = {name: index for index, name in enumerate(self._fonts.values())}
        for name in sorted(fonts, key=order.__getitem__):
            font, mine = pdfmetrics.getFont(name), self._state(name)
            state = font._assignState(doc)
            state.assignments, state.nextCode = dict(mine.assignments), mine.nextCode
            state.subsets, state.internalName = [list(s) for s in mine.subsets], mine.internalName
            doc.fontMapping[name] = f"/{mine.internalName}"
            doc.delayedFonts.append(font)


def _visible(char: str) -> bool:
    """A character a paragraph draws whatever the line breaks (not a space, a soft hyphen, …)."""
    return char.isprintable() and not char.isspace()


def _first_baseline(paragraph: Paragraph) -> float | None:
    """Where reportlab sets a paragraph's bullet: its first line's baseline (None: it has no
    line, and reportlab then draws no bullet either)."""
    lines = paragraph.blPara
    if not lines.lines:
        return None
    first = lines if lines.kind == 0 else lines.lines[0]
    size = first.fontSize
    drop = size if rl_config.paraFontSizeHeightOffset else getattr(first, "ascent", size)
    return paragraph.height - drop


def bullet_overrun(bullet: str | None, style: ParagraphStyle) -> float:
    """How far a bullet reaches past its paragraph's first-line indent: reportlab then moves
    the first line right by as much (_handleBulletWidth, _drawBullet)."""
    if not bullet:
        return 0.0
    reach = style.bulletIndent + stringWidth(bullet, style.bulletFontName, style.bulletFontSize) + 0.6 * style.bulletFontSize
    return max(0.0, reach - style.leftIndent - style.firstLineIndent)


def _set_bullet_apart(paragraph: Paragraph) -> None:
    """Make a wrapped paragraph draw without its bullet, its first line where the bullet put it."""
    paragraph._offsets = [bullet_overrun(paragraph.bulletText, paragraph.style), 0.0]
    paragraph.bulletText = None


class Placed(NamedTuple):
    """A drawing placed in a block: its left edge and its top's distance below the block's top
    (a tuple: a booklet places some hundreds)."""

    x: float
    top: float
    drawn: Drawn


# The most of a page a question's opening may take at the foot of one, its rest overleaf.
OPENING = 0.15


class Replayed(Flowable):
    """Recorded drawings placed in a block of a fixed height: drawn by copying their code. Kept
    on one page unless taller than `page_height`; then split between two drawings, above the
    top `joined` where it can (a question's first option: its answers stay together, under its
    last line), and where
    no drawing ends high enough, reportlab's LayoutError names the block by `name` and height
    (what latsar.build.layout_problem reads)."""

    def __init__(self, placed: Sequence[Placed], height: float, space_after: float, name: str = "",
                 page_height: float = float("inf"), joined: float | None = None):
        super().__init__()
        self.placed, self.height, self.space_after = placed, height, space_after
        self.name, self.page_height, self.joined = name, page_height, joined

    def identity(self, maxLen=None):
        return f"<{type(self).__name__} {self.name}: tallest row {self.height:.1f}>"

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return availWidth, self.height

    def getSpaceAfter(self):
        return self.space_after

    def split(self, availWidth, availHeight):
        cut = _cut(self.placed, availHeight, self.joined) if self.height > self.page_height else 0.0
        if cut <= 0 or self._opening_only(cut, availHeight):
            return []
        above = [p for p in self.placed if p.top < cut]
        below = [Placed(p.x, p.top - cut, p.drawn) for p in self.placed if p.top >= cut]
        joined = None if self.joined is None else self.joined - cut
        return [Replayed(above, cut, 0.0, self.name, self.page_height),
                Replayed(below, self.height - cut, self.space_after, self.name, self.page_height, joined)]

    def _opening_only(self, cut: float, room: float) -> bool:
        """Whether breaking at `cut` would leave only the question's opening at the foot of a
        page (its number and a line over a table) while a fresh page would take more of it and
        the rest needs more than a page anyway: then it starts overleaf. Never so on a fresh
        page (`room` is then a page)."""
        opening, page = OPENING * self.page_height, self.page_height
        return cut < opening and room < page - opening and self.height - cut > page and \
            _cut(self.placed, page, self.joined) > cut

    def draw(self):
        code = self.canv._code
        for p in self.placed:
            y = self.height - p.top - p.drawn.height
            if p.drawn.code is None:
                p.drawn.flowable.drawOn(self.canv, p.x, y)
            else:
                code.append(f"q\n1 0 0 1 {fp_str(p.x, y)} cm\n{p.drawn.code}\nQ")

    def fonts(self) -> frozenset[str]:
        """The recorded fonts its drawings use (the document must be seeded with)."""
        return frozenset().union(*(p.drawn.fonts for p in self.placed))


def _cut(placed: Sequence[Placed], most: float, joined: float | None = None) -> float:
    """The lowest top of a drawing, at most `most` below the block's top, that no other drawing
    spans (a bullet, of no height, stays with its paragraph): above `joined` if any is."""
    spans = [(p.top, p.top + p.drawn.height) for p in placed if p.drawn.height > 0]
    cuts = [top for top, _ in spans if 0 < top <= most and not any(a < top < b for a, b in spans)]
    above = [top for top in cuts if joined is None or top < joined]
    return max(above or cuts, default=0.0)
