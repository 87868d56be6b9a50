"""Where everything a scanner reads sits on the answer sheet (lembar jawaban), as plain data.

The printed sheet (render/pdf/quiz/sheet.py) and a later scanning step both read this module,
so they cannot disagree. No reportlab here: a scanner imports it without the PDF stack.

Units and axes: millimetres, measured from the *top-left* corner of the page (x to the right,
y downwards), the way a scanned image is addressed. The paper is always A4 portrait, whatever
the programme's page size: a scanner needs one known paper, and a small trim such as lan-2017
has no room for the bubbles.

A page holds
- four corner markers (filled squares) to find, deskew and scale the page;
- page marks: small filled squares under the answers whose pattern is the page number in
  binary (bit 0 leftmost), so loose pages of a long sheet can be put back in order;
- bubble grids. A grid is a lattice of bubbles: `groups` are the questions it answers (one
  printed question, one digit of the participant number, one letter of the version code),
  `values` the answers a group can take. Bubble (g, v) has its centre at
  `origin + g * group_step + v * value_step`.

Every page repeats the version and participant fields, so each page can be read on its own.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass

FORMAT = "latsar-sheet/1"
PAGE_SIZE: tuple[float, float] = (210.0, 297.0)  # A4 portrait
OPTION_LETTERS = "ABCDE"
DIGITS = 6  # participant number digits: room for a cohort prefix and a running number
MAX_PAGES = 15  # four page-mark bits

# Corner markers: side and distance of their centres from the page edges.
MARKER_SIZE = 6.0
MARKER_INSET = 10.0
PAGE_MARK_SIZE = 3.0
PAGE_MARK_BITS = 4
PAGE_MARK_PITCH = 6.0

# The printable area between the markers, and the bands of the page (top, bottom).
LEFT, RIGHT = 20.0, 190.0
HEADER_BAND = (16.0, 30.0)
IDENTITY_BAND = (33.0, 52.0)
ID_BAND = (57.0, 122.0)
ANSWER_BAND = (128.0, 280.0)

RADIUS = 2.0  # bubble radius; a 4 mm bubble is what OMR forms and pencils are made for
PITCH = 5.6  # between bubble centres across (options, letters, digit columns)
ROW_PITCH = 5.2  # between answer rows and between digit rows
BLOCK = 5  # answer rows come in blocks of five, a small gap apart, so eyes do not slip a row
BLOCK_GAP = 2.4
MAX_ROWS = 25  # rows per answer column: five blocks fill the answer band
NUMBER_WIDTH = 9.0  # room for a question number left of its bubbles
COLUMN_GAP = 6.0
LETTERS_PER_ROW = 13  # version-code letters per bubble row (A–M, N–Z)

PARTICIPANT_X = LEFT + 4.0  # centre of the first digit column
VERSION_X = 80.0  # centre of the first version-code bubble (row labels sit left of it)
VERSION_RIGHT = 150.0  # the version field and the filling instructions below it end here


@dataclass(frozen=True)
class Marker:
    centre: tuple[float, float]
    size: float  # side of the filled square


@dataclass(frozen=True)
class Grid:
    """A lattice of bubbles; see the module docstring."""

    field: str  # "answers", "participant" or "version"
    groups: tuple[str, ...]  # answers: question numbers; participant/version: positions "1", "2", …
    values: tuple[str, ...]  # answers: option letters; participant: digits; version: letters
    origin: tuple[float, float]  # centre of bubble (group 0, value 0)
    group_step: tuple[float, float]
    value_step: tuple[float, float]
    radius: float

    def centre(self, group: int, value: int) -> tuple[float, float]:
        return (round(self.origin[0] + group * self.group_step[0] + value * self.value_step[0], 3),
                round(self.origin[1] + group * self.group_step[1] + value * self.value_step[1], 3))

    def bubbles(self) -> Iterator[tuple[str, str, tuple[float, float]]]:
        """(group, value, centre) of every bubble."""
        for g, group in enumerate(self.groups):
            for v, value in enumerate(self.values):
                yield group, value, self.centre(g, v)


@dataclass(frozen=True)
class SheetPage:
    number: int  # 1-based
    questions: tuple[int, int]  # first and last question number answered on this page
    markers: tuple[Marker, ...]
    page_marks: tuple[Marker, ...]
    grids: tuple[Grid, ...]

    def field(self, name: str) -> tuple[Grid, ...]:
        return tuple(g for g in self.grids if g.field == name)


@dataclass(frozen=True)
class SheetLayout:
    questions: int
    options: tuple[str, ...]
    version_codes: tuple[str, ...]
    digits: int
    pages: tuple[SheetPage, ...]

    def to_dict(self) -> dict:
        """The whole geometry as JSON-ready data (what a scanner configuration stores)."""
        return {"format": FORMAT, "unit": "mm", "origin": "top-left", "page_size": list(PAGE_SIZE),
                "page_mark_slots": _lists(page_mark_slots()), "page_mark_size": PAGE_MARK_SIZE,
                **_lists(asdict(self))}


def _lists(value):
    """Tuples become lists, so the dict compares equal to its JSON round trip."""
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value


# --------------------------------------------------------------------------- building the layout


def sheet_layout(questions: int, options: int, version_codes: Sequence[str],
                 digits: int = DIGITS) -> SheetLayout:
    """The sheet for a quiz of `questions` printed questions with `options` options each (3–5),
    whose versions are `version_codes` (A, B, …, AA, …)."""
    if not 3 <= options <= len(OPTION_LETTERS):
        raise ValueError(f"options per question must be 3–5, got {options}")
    if questions < 1 or not version_codes:
        raise ValueError("a sheet needs at least one question and one version")
    columns, per_page = _answer_capacity(options)
    pages = math.ceil(questions / per_page)
    if pages > MAX_PAGES:
        raise ValueError(f"{questions} questions need {pages} sheet pages; at most {MAX_PAGES} fit "
                         f"the page marks")
    fixed = (_participant_grid(digits),) + _version_grids(version_codes)
    sheet_pages = []
    for index in range(pages):
        first = index * per_page + 1
        last = min(questions, first + per_page - 1)
        grids = fixed + _answer_grids(first, last, options, columns)
        sheet_pages.append(SheetPage(index + 1, (first, last), corner_markers(), page_marks(index + 1), grids))
    return SheetLayout(questions, tuple(OPTION_LETTERS[:options]), tuple(version_codes), digits,
                       tuple(sheet_pages))


def corner_markers() -> tuple[Marker, ...]:
    width, height = PAGE_SIZE
    near, far_x, far_y = MARKER_INSET, width - MARKER_INSET, height - MARKER_INSET
    return tuple(Marker((x, y), MARKER_SIZE) for y in (near, far_y) for x in (near, far_x))


def page_marks(number: int) -> tuple[Marker, ...]:
    """Filled squares for the set bits of the page number, on the bottom marker line."""
    return tuple(Marker(slot, PAGE_MARK_SIZE) for bit, slot in enumerate(page_mark_slots()) if number >> bit & 1)


def page_mark_slots() -> tuple[tuple[float, float], ...]:
    """Centres of all page-mark positions, set or not (a scanner samples each)."""
    start = PAGE_SIZE[0] / 2 - PAGE_MARK_PITCH * (PAGE_MARK_BITS - 1) / 2
    return tuple((start + bit * PAGE_MARK_PITCH, PAGE_SIZE[1] - MARKER_INSET) for bit in range(PAGE_MARK_BITS))


def column_width(options: int) -> float:
    return NUMBER_WIDTH + options * PITCH + COLUMN_GAP


def _answer_capacity(options: int) -> tuple[int, int]:
    """Answer columns per page and questions per page."""
    columns = int((RIGHT - LEFT + COLUMN_GAP) // column_width(options))
    return columns, columns * MAX_ROWS


def answer_rows(count: int, columns: int) -> int:
    """Rows per column: the questions spread evenly, in whole blocks of five, so a short quiz
    fills a few balanced columns rather than one long one."""
    return min(MAX_ROWS, BLOCK * math.ceil(math.ceil(count / columns) / BLOCK))


def row_offset(row: int) -> float:
    """Distance of answer row `row` (0-based) below the first, with the gaps between blocks."""
    return row * ROW_PITCH + (row // BLOCK) * BLOCK_GAP


def answers_top() -> float:
    """Centre of the first answer row; the column heads (option letters) sit above it."""
    return ANSWER_BAND[0] + 12.0


def _answer_grids(first: int, last: int, options: int, columns: int) -> tuple[Grid, ...]:
    rows = answer_rows(last - first + 1, columns)
    # The columns in use share the width evenly, each centred in its share.
    used = math.ceil((last - first + 1) / rows)
    pitch = (RIGHT - LEFT) / used
    inset = (pitch - column_width(options) + COLUMN_GAP) / 2
    grids = []
    for number in range(first, last + 1, BLOCK):
        index = number - first
        column, row = divmod(index, rows)
        x = LEFT + column * pitch + inset + NUMBER_WIDTH + RADIUS
        block = tuple(str(n) for n in range(number, min(last, number + BLOCK - 1) + 1))
        grids.append(Grid("answers", block, tuple(OPTION_LETTERS[:options]),
                          (round(x, 3), round(answers_top() + row_offset(row), 3)),
                          (0.0, ROW_PITCH), (PITCH, 0.0), RADIUS))
    return tuple(grids)


def participant_origin() -> tuple[float, float]:
    """Centre of the digit-0 bubble of the first digit; the write-in boxes sit above."""
    return PARTICIPANT_X, ID_BAND[0] + 16.0


def _participant_grid(digits: int) -> Grid:
    return Grid("participant", tuple(str(n) for n in range(1, digits + 1)), tuple("0123456789"),
                participant_origin(), (PITCH, 0.0), (0.0, ROW_PITCH), RADIUS)


def version_rows(codes: Sequence[str]) -> list[tuple[str, tuple[str, ...]]]:
    """(position, letters) of each bubble row of the version code.

    Codes are right-aligned: position 1 is the first letter of the longest codes and is left
    blank for shorter ones (blank + "B" is version B, "A" + "B" is version AB). Each position
    offers only the letters some code has there, wrapped every LETTERS_PER_ROW letters.
    """
    width = max(len(code) for code in codes)
    rows = []
    for position in range(width):
        letters = sorted({code.rjust(width)[position] for code in codes} - {" "})
        for start in range(0, len(letters), LETTERS_PER_ROW):
            rows.append((str(position + 1), tuple(letters[start:start + LETTERS_PER_ROW])))
    return rows


def version_origin() -> tuple[float, float]:
    """Centre of the first bubble of the first version-code row."""
    return VERSION_X, ID_BAND[0] + 16.0


def _version_grids(codes: Sequence[str]) -> tuple[Grid, ...]:
    x, y = version_origin()
    return tuple(Grid("version", (position,), letters, (x, round(y + index * (ROW_PITCH + 1.0), 3)),
                      (0.0, 0.0), (PITCH, 0.0), RADIUS)
                 for index, (position, letters) in enumerate(version_rows(codes)))


# --------------------------------------------------------------------------- reading a sheet


@dataclass(frozen=True)
class Reading:
    """What a filled sheet says. Blank answers are None; several marks keep all their letters
    (e.g. "AC"), which no key equals, so scoring counts them wrong."""

    version: str | None
    participant: str | None
    answers: tuple[str | None, ...]


# darkness(page_number, x, y, radius) -> share of dark pixels in that circle, 0..1
Darkness = Callable[[int, float, float, float], float]


def read_sheet(layout: SheetLayout, darkness: Darkness, threshold: float = 0.45) -> Reading:
    """The version, participant number and answers marked on a scanned sheet.

    Fields repeated on later pages are read from page 1; answers from the page that holds them.
    """
    marks: dict[tuple[str, str], list[str]] = {}
    for page in layout.pages:
        for grid in page.grids:
            if grid.field != "answers" and page.number > 1:
                continue
            for group, value, (x, y) in grid.bubbles():
                if darkness(page.number, x, y, grid.radius) >= threshold:
                    marks.setdefault((grid.field, group), []).append(value)
    answers = tuple(_joined(marks.get(("answers", str(n)))) for n in range(1, layout.questions + 1))
    return Reading(_code(marks, "version", len(max(layout.version_codes, key=len))),
                   _code(marks, "participant", layout.digits), answers)


def _joined(values: list[str] | None) -> str | None:
    return "".join(values) if values else None


def _code(marks: dict[tuple[str, str], list[str]], field: str, positions: int) -> str | None:
    """The code written in a field, or None when any position holds more than one mark."""
    parts = []
    for position in range(1, positions + 1):
        values = marks.get((field, str(position)), [])
        if len(values) > 1:
            return None
        parts.append(values[0] if values else "")
    return "".join(parts) or None
