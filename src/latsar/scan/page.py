"""One scanned page read into fields: registration, the QR code, darkness at every bubble, and
the decisions, with every doubt named for the `review` column."""

from __future__ import annotations

from dataclasses import dataclass, field

from latsar import sheet_geometry as geo
from latsar.messages import t
from latsar.scan import decide
from latsar.scan.images import FileProblem, PageRef, load_page
from latsar.scan.register import PageProblem, Registration, register

IDENTITY = ("participant", "ndh", "version")
BLANK_PAGE_INK = 0.004  # share of dark pixels below which a page is blank


@dataclass(frozen=True)
class Group:
    """One question or one position of a code, with what was sampled at its bubbles."""

    field: str
    name: str  # question number or position
    values: tuple[str, ...]
    centres: tuple[tuple[float, float], ...]  # mm, after the grid's local fit
    darkness: tuple[float, ...]
    cover: tuple[float, ...]


@dataclass
class PageReading:
    display: str
    page: int  # 1-based within the file
    sheet_page: int = 0  # the sheet's own page number (from its QR code); 0 when refused
    participant: str = ""
    ndh: str = ""
    version: str = ""
    answers: dict[int, str] = field(default_factory=dict)
    review: list[str] = field(default_factory=list)
    unreadable: str = ""
    file_problem: bool = False  # the file itself could not be decoded (reported per file too)
    # For the review page and the flagged-sheet image: what each group read, and the pictures.
    choices: dict[tuple[str, str], decide.Choice] = field(default_factory=dict)
    boxes: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    centres: dict[tuple[str, str], dict[str, tuple[float, float]]] = field(default_factory=dict)
    pictures: dict[str, bytes] = field(default_factory=dict)

    def flag(self, token: str) -> None:
        if token not in self.review:
            self.review.append(token)


def read_page(ref: PageRef, layout: geo.SheetLayout, pictures: bool = True) -> PageReading:
    """The page's reading; a page that cannot be read has `unreadable` set and no fields."""
    try:
        grey = load_page(ref.path, ref.index)
    except FileProblem as problem:
        return PageReading(ref.display, ref.index + 1, unreadable=str(problem), file_problem=True)
    return read_image(grey, ref.display, ref.index + 1, layout, pictures)


def read_image(grey, display: str, page: int, layout: geo.SheetLayout, pictures: bool = True) -> PageReading:
    """The reading of one page image (2-D uint8, 0 black)."""
    reading = PageReading(display, page)
    try:
        registration = _read_into(reading, grey, layout)
    except PageProblem as problem:
        return PageReading(display, page, unreadable=str(problem))
    if pictures and reading.review:
        from latsar.scan.pictures import draw_pictures

        draw_pictures(reading, grey, registration)
    return reading


def _read_into(reading: PageReading, grey, layout: geo.SheetLayout) -> Registration:
    import numpy

    if float(numpy.mean(grey < 128)) < BLANK_PAGE_INK:
        raise PageProblem(t("blank page (the back of a sheet?)"))
    registration = register(grey)
    reading.sheet_page = _sheet_page(reading, grey, registration, layout)
    from latsar.scan.sample import sample_grid, working_copy

    darkness, work = working_copy(grey, registration)
    page = layout.pages[reading.sheet_page - 1]
    groups = _groups(page, [sample_grid(darkness, work, grid) for grid in page.grids])
    _decide(reading, groups, layout, page)
    return registration


def _sheet_page(reading: PageReading, grey, registration: Registration, layout: geo.SheetLayout) -> int:
    """The sheet page the QR code names, after checking it is this quiz's sheet."""
    from latsar.scan.qr import read_qr

    text = read_qr(grey, registration)
    if text is None:
        if len(layout.pages) > 1:
            raise PageProblem(t("QR code unreadable, so the sheet page is unknown; re-scan the page"))
        reading.flag("qr")
        return 1
    parsed = geo.parse_qr(text)
    if parsed is None:
        raise PageProblem(t("not a latsar answer sheet (its QR code says '{text}')", text=text[:40]))
    blueprint, version, number = parsed
    if version != geo.LAYOUT_VERSION:
        raise PageProblem(t("sheet layout {found}, this latsar reads layout {expected}; print the sheets again",
                            found=version, expected=geo.LAYOUT_VERSION))
    if blueprint != layout.blueprint:
        raise PageProblem(t("a sheet of quiz '{found}', not '{expected}'", found=blueprint, expected=layout.blueprint))
    if not 1 <= number <= len(layout.pages):
        raise PageProblem(t("sheet page {page}, but the quiz's sheet has {pages} page(s)", page=number,
                            pages=len(layout.pages)))
    return number


def _groups(page: geo.SheetPage, samples) -> list[Group]:
    """Bubbles gathered by (field, group); a version position wrapped over rows becomes one."""
    merged: dict[tuple[str, str], list] = {}
    for grid, sampled in zip(page.grids, samples):
        dx, dy = sampled.offset
        for index, (group, value, (x, y)) in enumerate(grid.bubbles()):
            entry = merged.setdefault((grid.field, group), [[], [], [], []])
            for target, item in zip(entry, (value, (x + dx, y + dy), sampled.darkness[index], sampled.cover[index])):
                target.append(item)
    return [Group(f, g, *(tuple(part) for part in parts)) for (f, g), parts in merged.items()]


def _decide(reading: PageReading, groups: list[Group], layout: geo.SheetLayout, page: geo.SheetPage) -> None:
    levels = decide.sheet_levels([d for g in groups for d in g.darkness], [max(g.darkness) for g in groups])
    for group in groups:
        strengths = [levels.strength(d) for d in group.darkness]
        reading.choices[(group.field, group.name)] = decide.read_group(group.values, strengths, group.cover)
        reading.centres[(group.field, group.name)] = dict(zip(group.values, group.centres))
        token = _token(group)
        reading.boxes[token] = _union(reading.boxes.get(token), _box(group))
    for name in IDENTITY:
        _identity(reading, name, groups, layout)
    for number in range(page.questions[0], page.questions[1] + 1):
        choice = reading.choices[("answers", str(number))]
        reading.answers[number] = decide.DOUBT if choice.doubtful else choice.value
        if choice.doubtful:
            reading.flag(f"q{number}")


def _identity(reading: PageReading, name: str, groups: list[Group], layout: geo.SheetLayout) -> None:
    choices = [reading.choices[(g.field, g.name)] for g in groups if g.field == name]
    if name == "version":
        text, doubtful = decide.read_code(choices)
        doubtful = doubtful or text not in layout.version_codes  # empty paket included: never guessed
    else:
        text, doubtful = decide.read_number(choices)
        doubtful = doubtful or (name == "participant" and not text)
    setattr(reading, name, text)
    if doubtful:
        reading.flag(name)


def _token(group: Group) -> str:
    return f"q{group.name}" if group.field == "answers" else group.field


def _box(group: Group) -> tuple[float, float, float, float]:
    xs = [x for x, _ in group.centres]
    ys = [y for _, y in group.centres]
    return min(xs), min(ys), max(xs), max(ys)


def _union(a: tuple[float, float, float, float] | None, b: tuple[float, float, float, float]):
    if a is None:
        return b
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])
