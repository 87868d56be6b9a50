"""Where everything a scanner reads sits on the answer sheet (lembar jawaban), as plain data.

The printed sheet (render/pdf/quiz/sheet.py) and the scanner (latsar.scan) both read this
module, so they cannot disagree. No reportlab here: a scanner imports it without the PDF stack.

Units and axes: millimetres, measured from the *top-left* corner of the page (x to the right,
y downwards), the way a scanned image is addressed. The paper is A4 portrait, but every mark a
scanner reads lies inside `SAFE` (a 210 × 260 mm band), so the sheet also prints unscaled on
Letter (centred or top-aligned) and F4.

A page holds
- four corner markers (filled squares) to find, deskew and scale the page, and an orientation
  bar beside the top-left one: any three markers fix the page, the bar tells 0° from 180°;
- a QR code saying which quiz, which sheet layout and which page this is (`qr_text`), so a
  mixed batch sorts itself and a foreign page is refused;
- bubble grids. A grid is a lattice of bubbles: `groups` are the questions it answers (one
  printed question, one digit of the participant number or NDH, one letter of the version
  code), `values` the answers a group can take. Bubble (g, v) has its centre at
  `origin + g * group_step + v * value_step`.

Every page repeats the identity fields (participant, NDH, version), so each page can be read
on its own.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass

from latsar.messages import t

FORMAT = "latsar-sheet/2"
LAYOUT_VERSION = 3  # printed in the QR code; the scanner refuses sheets of another layout
# (3: one-letter version codes start under the field's title, no longer 14 mm in)
QR_PREFIX = "LATSAR"
PAGE_SIZE: tuple[float, float] = (210.0, 297.0)  # A4 portrait
SAFE = (14.0, 274.0)  # top and bottom of what a scanner reads: A4 on Letter, centred or not
OPTION_LETTERS = "ABCDE"
DIGITS = 6  # default participant number digits: a cohort prefix and a running number
MIN_DIGITS, MAX_DIGITS = 6, 18  # a short nomor peserta up to an 18-digit NIP
NDH_DIGITS = 2  # nomor daftar hadir: the participant's line on the attendance list
MAX_PAGES = 9

MARKER_SIZE = 7.0
MARKER_X = (14.5, 195.5)  # centres of the corner markers
MARKER_Y = (SAFE[0] + MARKER_SIZE / 2, SAFE[1] - MARKER_SIZE / 2)
ORIENTATION_BAR = (22.0, 16.0, 52.0, 19.0)  # left, top, right, bottom: a bar right of the top-left marker
QR_MODULE = 0.8  # mm per QR module: 5 pixels at 150 dpi
QR_RIGHT, QR_TOP = 199.0, 25.0  # the QR code's top-right corner, under the top-right marker

LEFT, RIGHT = 20.0, 190.0
HEADER_BAND = (22.0, 34.0)
IDENTITY_BAND = (36.0, 50.0)
ID_BAND = (53.0, 121.0)
ANSWER_BAND = (125.0, 266.0)

RADIUS = 2.0  # bubble radius; a 4 mm bubble is what OMR forms and pencils are made for
PITCH = 5.6  # between bubble centres across (options, letters, digit columns)
ROW_PITCH = 5.2  # between answer rows and between digit rows
BLOCK = 5  # answer rows come in blocks of five, a small gap apart, so eyes do not slip a row
BLOCK_GAP = 2.4
MAX_ROWS = 20  # rows per answer column: four blocks fill the answer band
NUMBER_WIDTH = 9.0  # room for a question number left of its bubbles
COLUMN_GAP = 6.0
FIELD_GAP = 4.0  # between the frames of the identity fields
FIELD_PAD = 4.0  # from a frame to the centre line of its outer bubbles, less the radius
DIGITS_TOP = ID_BAND[0] + 16.0  # centre of the digit-0 row; the write-in boxes sit above


@dataclass(frozen=True)
class Marker:
    centre: tuple[float, float]
    size: float  # side of the filled square


@dataclass(frozen=True)
class Grid:
    """A lattice of bubbles; see the module docstring."""

    field: str  # "answers", "participant", "ndh" or "version"
    groups: tuple[str, ...]  # answers: question numbers; others: positions "1", "2", …
    values: tuple[str, ...]  # answers: option letters; participant/ndh: digits; version: letters
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
    markers: tuple[Marker, ...]  # top-left, top-right, bottom-left, bottom-right
    grids: tuple[Grid, ...]

    def field(self, name: str) -> tuple[Grid, ...]:
        return tuple(g for g in self.grids if g.field == name)


@dataclass(frozen=True)
class SheetLayout:
    blueprint: str
    questions: int
    options: tuple[str, ...]
    version_codes: tuple[str, ...]
    digits: int
    pages: tuple[SheetPage, ...]

    def qr_text(self, page: int) -> str:
        return qr_text(self.blueprint, page)

    def to_dict(self) -> dict:
        """The whole geometry as JSON-ready data (what a scanner reads beside the sheet)."""
        return {"format": FORMAT, "layout_version": LAYOUT_VERSION, "unit": "mm", "origin": "top-left",
                "page_size": list(PAGE_SIZE), "orientation_bar": list(ORIENTATION_BAR),
                "qr": {"right": QR_RIGHT, "top": QR_TOP, "module": QR_MODULE}, **_lists(asdict(self))}


def _lists(value):
    """Tuples become lists, so the dict compares equal to its JSON round trip."""
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value


def layout_from_dict(data: dict) -> SheetLayout:
    """The layout a `lembar-jawaban.json` describes (rebuilt from its parameters, then checked)."""
    layout = sheet_layout(data["questions"], len(data["options"]), data["version_codes"], data["digits"],
                          data["blueprint"])
    if layout.to_dict() != data:
        raise ValueError(t("the sheet geometry was made by another version of latsar; rebuild the quiz"))
    return layout


# --------------------------------------------------------------------------- the QR code


def qr_text(blueprint: str, page: int) -> str:
    """`LATSAR/<BLUEPRINT>/<layout version>/<page>`: upper case, so QR alphanumeric mode keeps it small."""
    return f"{QR_PREFIX}/{blueprint.upper()}/{LAYOUT_VERSION}/{page}"


def parse_qr(text: str) -> tuple[str, int, int] | None:
    """(blueprint, layout version, page) of a sheet's QR text, or None for any other text."""
    parts = text.strip().split("/")
    if len(parts) != 4 or parts[0] != QR_PREFIX or not (parts[2].isdigit() and parts[3].isdigit()):
        return None
    return parts[1].lower(), int(parts[2]), int(parts[3])


# --------------------------------------------------------------------------- building the layout


def sheet_layout(questions: int, options: int, version_codes: Sequence[str], digits: int = DIGITS,
                 blueprint: str = "quiz") -> SheetLayout:
    """The sheet for a quiz of `questions` printed questions with `options` options each (3–5),
    whose versions are `version_codes` (A, B, …, AA, …), with a `digits`-digit participant number."""
    if not 3 <= options <= len(OPTION_LETTERS):
        raise ValueError(t("options per question must be 3–5, got {count}", count=options))
    if not MIN_DIGITS <= digits <= MAX_DIGITS:
        raise ValueError(t("participant number digits must be {least}–{most}, got {count}", least=MIN_DIGITS,
                           most=MAX_DIGITS, count=digits))
    if questions < 1 or not version_codes:
        raise ValueError(t("a sheet needs at least one question and one version"))
    columns, per_page = _answer_capacity(options)
    pages = math.ceil(questions / per_page)
    if pages > MAX_PAGES:
        raise ValueError(t("{questions} questions need {pages} sheet pages; at most {most} are read",
                           questions=questions, pages=pages, most=MAX_PAGES))
    fixed = identity_grids(digits, version_codes)
    sheet_pages = []
    for index in range(pages):
        first = index * per_page + 1
        last = min(questions, first + per_page - 1)
        grids = fixed + _answer_grids(first, last, options, columns)
        sheet_pages.append(SheetPage(index + 1, (first, last), corner_markers(), grids))
    return SheetLayout(blueprint, questions, tuple(OPTION_LETTERS[:options]), tuple(version_codes), digits,
                       tuple(sheet_pages))


def corner_markers() -> tuple[Marker, ...]:
    return tuple(Marker((x, y), MARKER_SIZE) for y in MARKER_Y for x in MARKER_X)


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


# --------------------------------------------------------------------------- identity fields


def field_span(columns: int) -> float:
    """Width of a framed field of `columns` bubble columns."""
    return (columns - 1) * PITCH + 2 * (RADIUS + FIELD_PAD)


def identity_grids(digits: int, codes: Sequence[str]) -> tuple[Grid, ...]:
    """Participant number, NDH and version code, framed side by side from the left."""
    participant_x = LEFT + RADIUS + FIELD_PAD
    ndh_x = LEFT + field_span(digits) + FIELD_GAP + RADIUS + FIELD_PAD
    return (_digit_grid("participant", digits, participant_x), _digit_grid("ndh", NDH_DIGITS, ndh_x)) \
        + _version_grids(codes, digits)


def _digit_grid(field: str, digits: int, x: float) -> Grid:
    return Grid(field, tuple(str(n) for n in range(1, digits + 1)), tuple("0123456789"),
                (round(x, 3), DIGITS_TOP), (PITCH, 0.0), (0.0, ROW_PITCH), RADIUS)


def version_left(digits: int) -> float:
    """Left edge of the version field's frame: right of the participant and NDH fields."""
    return LEFT + field_span(digits) + FIELD_GAP + field_span(NDH_DIGITS) + FIELD_GAP


def letters_per_row(digits: int) -> int:
    """Version-code letters per bubble row: as many as the version field's width holds, up to 13."""
    room = RIGHT - version_left(digits) - 2 * FIELD_PAD - POSITION_LABELS
    return max(1, min(13, int(room // PITCH) + 1))


def version_rows(codes: Sequence[str], per_row: int = 13) -> list[tuple[str, tuple[str, ...]]]:
    """(position, letters) of each bubble row of the version code.

    Codes are right-aligned: position 1 is the first letter of the longest codes and is left
    blank for shorter ones (blank + "B" is version B, "A" + "B" is version AB). Each position
    offers only the letters some code has there, wrapped every `per_row` letters.
    """
    width = max(len(code) for code in codes)
    rows = []
    for position in range(width):
        letters = sorted({code.rjust(width)[position] for code in codes} - {" "})
        for start in range(0, len(letters), per_row):
            rows.append((str(position + 1), tuple(letters[start:start + per_row])))
    return rows


POSITION_LABELS = 14.0  # room left of the bubbles for "Huruf ke-n" when codes have several letters
VERSION_TOP = ID_BAND[0] + 14.0  # centre of the first version-code row, below title and hint


def version_origin(digits: int, codes: Sequence[str]) -> tuple[float, float]:
    """Centre of the first bubble of the first version-code row: one-letter codes need no
    position labels, so their bubbles line up under the field's title."""
    labels = POSITION_LABELS if max(len(code) for code in codes) > 1 else 0.0
    return round(version_left(digits) + FIELD_PAD + RADIUS + labels, 3), VERSION_TOP


def version_row_pitch(codes: Sequence[str], digits: int) -> float:
    """Rows of a many-letter code close up to the bubble pitch so they stay in the band."""
    rows = len(version_rows(codes, letters_per_row(digits)))
    return ROW_PITCH + 1.0 if rows <= 8 else ROW_PITCH


def _version_grids(codes: Sequence[str], digits: int) -> tuple[Grid, ...]:
    x, y = version_origin(digits, codes)
    pitch = version_row_pitch(codes, digits)
    rows = version_rows(codes, letters_per_row(digits))
    if y + (len(rows) - 1) * pitch + RADIUS > ID_BAND[1] - 2:
        raise ValueError(t("{versions} versions need {rows} rows of code letters; with a {digits}-digit participant "
                           "number at most {most} fit", versions=len(codes), rows=len(rows), digits=digits,
                           most=_rows_room(pitch)))
    return tuple(Grid("version", (position,), letters, (x, round(y + index * pitch, 3)),
                      (0.0, 0.0), (PITCH, 0.0), RADIUS)
                 for index, (position, letters) in enumerate(rows))


def _rows_room(pitch: float) -> int:
    return int((ID_BAND[1] - 2 - RADIUS - VERSION_TOP) // pitch) + 1
