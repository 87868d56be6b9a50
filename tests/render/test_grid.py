"""Grid, the ruled tables of keys, kisi-kisi and score reports: lines break where Paragraph
breaks them, a table runs over pages with its header on each, merged rows stay together unless
they are taller than a page, and then their merged text shows on both pages."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import SimpleDocTemplate

from latsar.render.pdf import fonts
from latsar.render.pdf.grid import (
    BREAKS, Cell, Grid, Look, Shared, Text, cells, respaced, runs_text, split_words, wrap_text,
)
from latsar.render.pdf.theme import Colours


@pytest.fixture(scope="module")
def style(theme_id) -> ParagraphStyle:
    fonts.register(theme_id.body_font, theme_id.heading_font)
    return ParagraphStyle("cell", fontName=theme_id.heading_font.regular, fontSize=9, leading=11)


def test_lines_break_at_spaces_not_at_no_break_spaces(style: ParagraphStyle) -> None:
    font, size = style.fontName, style.fontSize
    width = stringWidth("dipilih 3.3\u00a0%", font, size) + 1
    assert wrap_text("dipilih 3.3\u00a0% peserta", font, size, width) == ["dipilih 3.3\u00a0%", "peserta"]
    assert wrap_text("Paket\nA", font, size, 100) == ["Paket", "A"]


def test_a_word_wider_than_the_cell_is_broken(style: ParagraphStyle) -> None:
    lines = wrap_text("agen-perubahan-02 x", style.fontName, style.fontSize, 30)
    assert "".join(lines[:-1]) == "agen-perubahan-02" and lines[-1] == "x"
    assert all(stringWidth(line, style.fontName, style.fontSize) <= 30 for line in lines)


def render(grid: Grid) -> list[str]:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A5, invariant=1).build([grid])
    return [page.extract_text() for page in PdfReader(buffer).pages]


def look() -> Look:
    from reportlab.lib.colors import HexColor

    return Look(HexColor(Colours.accent), HexColor(Colours.rule), zebra=HexColor(Colours.tint))


def test_a_long_table_runs_over_pages_with_its_header_on_each(style: ParagraphStyle) -> None:
    body = [cells([f"r{n:03d}", f"isi {n}"], style) for n in range(120)]
    pages = render(Grid([60, 120], [cells(["Nomor", "Isi"], style)], body, look(), A5[1]))
    assert len(pages) > 2
    assert all(page.splitlines()[0].split() == ["Nomor", "Isi"] for page in pages)
    found = [word for page in pages for word in page.split() if word.startswith("r")]
    assert found == [f"r{n:03d}" for n in range(120)]


def merged_rows(style: ParagraphStyle, groups: list[int]) -> list[list[Cell | None]]:
    """Rows in groups of the given sizes; each group's first cell is merged down the group."""
    rows: list[list[Cell | None]] = []
    for number, size in enumerate(groups):
        for index in range(size):
            merged = Cell((Text(f"grup{number}", style),), rows=size) if index == 0 else None
            rows.append([merged, *cells([f"g{number}b{index}"], style)])
    return rows


def test_merged_rows_move_to_the_next_page_together(style: ParagraphStyle) -> None:
    pages = render(Grid([80, 80], [cells(["A", "B"], style)], merged_rows(style, [7] * 12), look(), A5[1]))
    assert len(pages) > 1
    for number in range(12):
        holding = [n for n, page in enumerate(pages) if f"g{number}b" in page]
        assert len(holding) == 1, f"group {number} split over pages {holding}"


def test_merged_rows_taller_than_a_page_split_and_repeat_their_merged_text(style: ParagraphStyle) -> None:
    pages = render(Grid([80, 80], [cells(["A", "B"], style)], merged_rows(style, [2, 80]), look(), A5[1]))
    assert [page.split().count("B") for page in pages] == [1] * len(pages)  # one header a page, at the top
    assert "g1b0" in pages[0]  # the tall group fills the first page rather than leaving it
    holding = [n for n, page in enumerate(pages) if "g1b" in page]
    assert len(holding) > 1
    assert all("grup1" in pages[n] for n in holding)
    rows = [word for page in pages for word in page.split() if word.startswith("g1b")]
    assert rows == [f"g1b{index}" for index in range(80)]


def test_a_part_cuts_exactly_the_merged_cells_running_past_its_rows(style: ParagraphStyle) -> None:
    """_view looks for cells running past a part's last row only in its last rows (a cell
    `tallest` rows high starts at most that many rows up): the cells every row's scan cuts."""
    import random

    from latsar.render.pdf.grid import _view

    chance = random.Random(1607)
    for _ in range(30):
        grid = Grid([80, 80], [], merged_rows(style, [chance.randint(1, 6) for _ in range(8)]), look(), A5[1])
        sheet = grid.sheet
        for start in range(len(sheet.body)):
            for end in range(start + 1, len(sheet.body) + 1):
                rows, _ = _view(sheet, start, end)
                for index, row in enumerate(rows):  # every cell within the part, as a scan of every row finds
                    assert all(cell is None or index + cell.rows <= len(rows) for cell in row)
                for index, (row, whole) in enumerate(zip(rows, sheet.body[start:end])):
                    kept = [a is b for a, b in zip(row, whole)]  # cut or carried over: a new cell
                    runs_past = [c is not None and index + c.rows > end - start for c in whole]
                    assert all(k or r or index == 0 for k, r in zip(kept, runs_past))


def render_bytes(flowables: list) -> bytes:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A5, invariant=1).build(flowables)
    return buffer.getvalue()


def test_grids_sharing_what_they_measure_and_write_make_the_same_bytes(style: ParagraphStyle) -> None:
    from reportlab.platypus import Spacer

    def tables(shared: Shared | None, words: str = "Bé") -> list:
        body = [cells([f"{n}", "A" if n % 3 else words, "C\nD"], style) for n in range(40)]
        merged = [[Cell((Text(f"{words} {n}", style),), rows=2), *cells(["x"], style)] if n % 2 == 0
                  else [None, *cells(["y z"], style)] for n in range(30)]
        return [flowable for widths in ([40, 50, 60], [40, 50, 60], [30, 70, 50])
                for flowable in (Grid(widths, [cells(["No", "Kunci", "Isi"], style)], body, look(), A5[1],
                                      shared), Spacer(1, 12))] + [Grid([60, 40], [], merged, look(), A5[1], shared)]

    shared = Shared()
    alone = render_bytes(tables(None))
    assert render_bytes(tables(shared)) == alone
    assert len(PdfReader(io.BytesIO(alone)).pages) > 2
    assert render_bytes(tables(shared)) == alone  # the same Shared in a second document
    # and in a third of other words, the cells of the first two gone (their ids free again)
    assert render_bytes(tables(shared, "lain sekali dan panjang")) == render_bytes(tables(None, "lain sekali dan panjang"))


def test_grids_of_one_width_share_their_columns_and_write_as_grids_that_do_not(style: ParagraphStyle) -> None:
    """A document's grids of the same widths, side padding and gap share one _Columns (where
    the columns stand, what is kept per column); another padding or gap gets its own. Tables
    drawn with their columns shared make the bytes of tables sharing nothing."""
    from reportlab.platypus import Spacer

    padded = Look(**{**look().__dict__, "side_padding": 6})
    gapped = Look(**{**look().__dict__, "gap": 2})
    body = [cells([str(n), "Bé" if n % 2 else "x", f"isi {n}"], style) for n in range(30)]

    def tables(shared: Shared | None) -> list[Grid]:
        return [Grid([40, 50, 60], [cells(["No", "Kunci", "Isi"], style)], body, the_look, A5[1], shared)
                for the_look in (look(), look(), padded, gapped, look())]

    grids = tables(Shared())
    assert grids[0].sheet.columns is grids[1].sheet.columns is grids[4].sheet.columns
    assert len({id(grid.sheet.columns) for grid in grids}) == 3

    def spaced(grids: list[Grid]) -> list:
        return [flowable for grid in grids for flowable in (grid, Spacer(1, 12))]

    assert render_bytes(spaced(grids)) == render_bytes(spaced(tables(None)))


def test_pooled_cells_written_in_columns_of_one_width_make_the_same_bytes(style: ParagraphStyle) -> None:
    """A pooled cell met in a second column has its one-line entries made for every column of
    that width at once (_TextWriter._one_line): the same bytes as cells that share nothing
    (each its own colour object, so no measurement is shared), in columns of two widths."""
    from reportlab.lib.colors import Color
    from reportlab.platypus import Spacer

    from latsar.render.pdf.grid import cell_pool

    centred = ParagraphStyle("centred", parent=style, alignment=1)
    pool = cell_pool(centred)

    def own(text: str) -> Cell:
        return Cell((Text(text, centred, colour=Color(0, 0, 0)),))

    def tables(cell) -> list:
        rows = [[cell(str(n)), *(cell(str((n * 7 + k) % 12 + 1)) for k in range(5))] for n in range(30)]
        return [flowable for widths in ([30, 24, 24, 24, 40, 24], [24] * 6)
                for flowable in (Grid(widths, [], rows, look(), A5[1], Shared()), Spacer(1, 12))]

    assert render_bytes(tables(pool)) == render_bytes(tables(own))



@pytest.mark.parametrize("extra", ["", "sebuah teks yang jauh terlalu lebar", "C\nD", "a  b", " x"])
@pytest.mark.parametrize("widths", [[30, 24, 24, 40], [12, 12, 12, 12]])
def test_pooled_rows_get_the_heights_and_bytes_of_rows_scanned_cell_by_cell(style, theme_id, extra: str,
                                                                           widths) -> None:
    """Rows of pooled cells take their height from their pools (`pooled_rows`, one check per pool)
    only when every line they made fits: the row heights, plain flags and bytes of the general
    scan, whatever one text of a pool breaks (too wide, a newline, spaces) and at any width."""
    from reportlab.lib.colors import Color
    from reportlab.platypus import Spacer

    from latsar.render.pdf.grid import cell_pool, pooled_rows

    centred = ParagraphStyle("centred", parent=style, alignment=1)
    number, letter = cell_pool(centred), cell_pool(centred, font=theme_id.heading_font.bold)
    tinted = cell_pool(centred, background=Color(0.9, 0.9, 0.9))
    texts = ["A", "B", "–", extra or "C"]

    def grids(pooled: bool) -> list[Grid]:
        made = []
        for pools in ((number,), (number, letter), (tinted,)):
            rows = [[pools[0](str(n)), *(pools[-1](texts[(n + k) % 4]) for k in range(3))] for n in range(1, 31)]
            body = pooled_rows(rows, *pools) if pooled else rows
            made.append(Grid(widths, [cells(["No", "A", "B", "C"], style)], body, look(), A5[1], Shared()))
        return made

    for fast, general in zip(grids(True), grids(False)):
        assert fast.sheet.body_heights == general.sheet.body_heights
        assert fast.sheet.body_plain == general.sheet.body_plain
        assert (fast.sheet.group_starts, fast.sheet.tallest) == (general.sheet.group_starts, general.sheet.tallest)
    assert render_bytes([f for g in grids(True) for f in (g, Spacer(1, 12))]) == \
        render_bytes([f for g in grids(False) for f in (g, Spacer(1, 12))])
    heights = set(grids(True)[1].sheet.body_heights)
    if extra == "" and widths[1] == 24:
        assert len(heights) == 1  # every row one line high: the pools' check alone
    if extra.startswith("sebuah"):
        assert len(heights) > 1  # rows holding the wide text are taller: the scan cell by cell decided


def test_a_cell_spanning_columns_is_placed_by_its_own_span_in_each_grid_sharing_one_measure(style) -> None:
    """The same spanning Cell in two grids of one document whose first column starts and is
    as wide in both, but whose spans differ: each centred in its own span (how a one-line cell
    is written is kept per column, which holds only for a one-column cell)."""
    from reportlab.platypus import Spacer

    centred = ParagraphStyle("centred", parent=style, alignment=1)
    spanning = Cell((Text("Nomor soal", centred),), cols=2)

    def tables(shared: Shared | None) -> list:
        return [flowable for widths in ([60, 40, 30], [60, 90, 30])
                for flowable in (Grid(widths, [[spanning, None, *cells(["x"], centred)]], [cells(["1", "2", "3"], centred)],
                                      look(), A5[1], shared), Spacer(1, 12))]

    assert render_bytes(tables(Shared())) == render_bytes(tables(None))

def test_each_line_of_a_text_with_newlines_wraps_on_its_own(style: ParagraphStyle) -> None:
    font, size = style.fontName, style.fontSize
    width = stringWidth("satu dua", font, size) + 1
    assert wrap_text("satu dua tiga\nempat", font, size, width) == ["satu dua", "tiga", "empat"]
    assert wrap_text("Paket\n\nA01 ", font, size, width) == ["Paket", "", "A01"]
    assert wrap_text(" satu\tdua ", font, size, width) == ["satu dua"]


@settings(max_examples=500, deadline=None)
@given(line=st.text(st.sampled_from([" ", "\t", "\u00a0", "a", "b"]), max_size=7))
def test_a_line_is_respaced_where_the_pattern_of_its_spacing_finds_something(line: str) -> None:
    """grid.respaced (substring checks) against the regular expression it stands for, on lines
    without a newline (text is split at newlines before it is asked)."""
    import re

    assert respaced(line) == bool(re.search(r"\t|  |^ | $", line))


@settings(max_examples=500, deadline=None)
@given(text=st.text(st.sampled_from([" ", " ", "\t", "\u00a0", "a", "b"]), max_size=9))
def test_words_are_split_as_the_breaks_pattern_splits_them(text: str) -> None:
    """grid.split_words (str.split for a text set as it is) against the pattern of breaks alone."""
    assert split_words(text) == BREAKS.split(text.strip(" \t"))


def test_strings_are_encoded_as_reportlab_encodes_them(style: ParagraphStyle, monkeypatch) -> None:
    """The writer's own encoding of strings whose characters already have codes (_encoded) makes
    the bytes reportlab's does: across more characters than one subset holds, no-break spaces,
    empty cells, strings written again, lines of multi-line cells (_lines) and of runs."""
    from latsar.render.pdf import grid

    letters = [chr(c) for c in range(0x21, 0x7F)] + [chr(c) for c in range(0xC0, 0x17F)]
    texts = ["".join(letters[n:n + 7]) for n in range(0, len(letters), 5)] + ["", "a\u00a0b", "Bé ő"]
    body = [cells([str(n), text, texts[n * 3 % len(texts)] + "\n" + texts[n * 7 % len(texts)]], style)
            for n, text in enumerate(texts * 2)]
    terms = ("Whole of Government",)
    body[::9] = [[*cells([str(n)], style), Cell((runs_text(f"{text} Whole of Government {text}", style, terms),)),
                  Cell((runs_text(f"Whole of Government {n}", style, terms),))] for n, text in enumerate((texts * 2)[::9])]

    def pdf() -> bytes:
        return render_bytes([Grid([30, 80, 80], [cells(["No", "Isi", "Lain"], style)], body, look(), A5[1])])

    ours = pdf()
    monkeypatch.setattr(grid._Codes, "encoded", lambda self, line: None)  # nothing encoded by us
    assert ours == pdf()
    assert len(set("".join(texts))) > 256  # a second subset was needed


def test_colours_set_again_are_written_as_setfillcolor_writes_them(style: ParagraphStyle, monkeypatch) -> None:
    """The copies of a colour's operator (grid.set_colour, for text and backgrounds) make the bytes setFillColor
    makes: colours set again and again on many pages, in two documents sharing the grids' memory,
    beside a translucent colour (setFillColor also writes its transparency) and a CMYK one."""
    from reportlab.lib.colors import CMYKColor, Color, HexColor

    from latsar.render.pdf import grid

    colours = [HexColor("#333333"), HexColor("#777777"), Color(0.2, 0.4, 0.6, alpha=0.5), CMYKColor(0.1, 0.2, 0.3, 0.4),
               None]
    body = [[Cell((Text(f"r{n}", style, colour=colours[n % 5]), Text("x", style, colour=colours[n % 3]))),
             *cells(["y"], style)] for n in range(90)]

    def pdf(shared: Shared) -> bytes:
        return render_bytes([Grid([60, 40], [cells(["No", "Isi"], style)], body, look(), A5[1], shared)])

    shared = Shared()
    ours = [pdf(shared), pdf(shared)]
    def setter(canv, colour, known, stroke=False, target=None):  # reportlab's own, every time
        getattr(canv if target is None else target, "setStrokeColor" if stroke else "setFillColor")(colour)

    monkeypatch.setattr(grid, "set_colour", setter)
    assert ours == [pdf(Shared())] * 2
    assert b"/gRLs" in PdfReader(io.BytesIO(ours[0])).pages[0].get_contents().get_data()  # the translucent one's
    assert len(PdfReader(io.BytesIO(ours[0])).pages) > 2


def test_a_grid_without_rules_strokes_nothing_and_keeps_its_gap_clear(style: ParagraphStyle) -> None:
    """The kisi-kisi's header fields: no rules at all, and text wrapped `gap` short of each column."""
    from reportlab.lib.colors import HexColor

    words = "satu dua tiga empat"
    width = stringWidth(words, style.fontName, style.fontSize) + 2
    plain_look = Look(HexColor(Colours.accent), HexColor(Colours.rule), side_padding=0, ruled=False)
    for gap, lines in ((0, 1), (6, 2)):
        grid = Grid([width], (), [cells([words], style)], Look(**{**plain_look.__dict__, "gap": gap}), A5[1])
        data = b"".join(page.get_contents().get_data() for page in PdfReader(io.BytesIO(render_bytes([grid]))).pages)
        assert b" l\n" not in data and b"\nS" not in data  # no rule stroked
        assert data.count(b" Tm ") == lines + 1  # and the text object's own origin


def test_italic_runs_too_wide_to_break_fall_back_to_a_paragraph(style: ParagraphStyle, theme_id) -> None:
    from latsar.render.pdf.grid import runs_text

    long_word = "Kolaborasiantarinstansipemerintahdaerah"
    text = runs_text(f"{long_word} dan Whole of Government", style, ("Whole of Government",))
    assert text.runs and len(text.runs) == 2  # set in two fonts
    pages = render(Grid([60], [], [[Cell((text,))]], look(), A5[1]))
    assert "Whole of Government" in " ".join(pages[0].split()) and pages[0].replace("\n", "").count("Kolaborasi") == 1


def plain_geometry(chance) -> tuple[list[float], list[float], list, set, set]:
    """Random edges and row places of plain rows (some rounding together), their joined spans
    (some with gaps) and the rules across and down they make: (edges, ys, spans, across, down)."""
    from latsar.render.pdf.grid import _joined

    edges = sorted({0.0, *(round(chance.uniform(0, 300), chance.choice((1, 4, 7))) for _ in range(6))})
    ys = [round(chance.uniform(0, 500), chance.choice((1, 4, 7))) for _ in range(12)]
    spans = _joined(sorted((min(a, b), max(a, b)) for a, b in zip(ys[::2], ys[1::2])))
    across = {(edges[0], y, edges[-1], y) for y in ys}
    return edges, ys, spans, across, {(x, low, x, high) for x in edges for low, high in spans}


def test_rules_of_plain_rows_are_drawn_as_the_general_merge_draws_them() -> None:
    """_plain_path (rows ruled across the width and down every edge) against the path of _merged
    of the same rules, for edges and rows whose places round together and spans with gaps."""
    import random

    from reportlab.lib.rl_accel import fp_str

    from latsar.render.pdf.grid import _merged, _path, _plain_path, _Ruling, rule_place

    chance = random.Random(16)
    for _ in range(200):
        edges, ys, spans, across, down = plain_geometry(chance)
        want = "\n".join(_path(_merged(across | down), fp_str))
        assert "\n".join(_plain_path(ys, spans, _Ruling(edges, fp_str, rule_place))) == want


def test_rule_places_worked_out_once_are_those_worked_out_each_time() -> None:
    """A document's rule places (Shared.place, each rounded once) against rule_place; the paths
    _merged and _plain_path make with either are written the same (0 and -0 both as "0")."""
    import random

    from reportlab.lib.rl_accel import fp_str

    from latsar.render.pdf.grid import Shared, _merged, _path, _plain_path, _Ruling, rule_place

    chance = random.Random(1616)
    place = Shared().place
    values = [0.0, -0.0, -0.0004, 0.0004, 12.4995, 12.5005] + [chance.uniform(-50, 600) for _ in range(500)]
    for value in values + values[::-1]:
        assert fp_str(place(value)) == fp_str(rule_place(value))
        assert place(value) == rule_place(value)
    for _ in range(100):
        edges, ys, spans, across, down = plain_geometry(chance)
        assert _plain_path(ys, spans, _Ruling(edges, fp_str, place)) == _plain_path(ys, spans, _Ruling(edges, fp_str, rule_place))
        assert _path(_merged(across | down, place), fp_str) == _path(_merged(across | down), fp_str)


def test_rules_are_merged_as_one_sorted_pass_over_rounded_places_merges_them() -> None:
    """_merged (rules grouped by their exact place, then by the place rounded) against the
    plain way it is written to match: every rule keyed by its rounded place, all keys sorted;
    for places that round together or to -0, points, rules drawn backwards, spans that touch,
    overlap or leave gaps, and rules given more than once (a painter lists a rule two cells
    share twice). Compared as written: a zero's sign may differ, and both are written "0"."""
    import random

    from reportlab.lib.rl_accel import fp_str

    from latsar.render.pdf.grid import _joined, _merged

    def reference(rules):
        runs = {}
        for x1, y1, x2, y2 in rules:
            vertical = x1 == x2
            runs.setdefault((vertical, round(x1 if vertical else y1, 3)), []).append((y1, y2) if vertical else (x1, x2))
        return [(at, low, at, high) if vertical else (low, at, high, at)
                for (vertical, at), spans in sorted(runs.items()) for low, high in _joined(spans)]

    chance = random.Random(161)
    places = [0.0, -0.0, -0.0001, 0.0004, 12.5, 12.5004, 12.4996, 30.1234567, 30.1235, 100.0]
    for _ in range(300):
        rules = []
        for _ in range(chance.randint(0, 40)):
            at, a, b = chance.choice(places), chance.uniform(-5, 120), chance.uniform(-5, 120)
            rules.append((at, a, at, b) if chance.random() < 0.5 else (a, at, b if chance.random() < 0.9 else a, at))
        rules += chance.sample(rules, len(rules) // 3)
        got, want = _merged(rules), reference(set(rules))
        assert got == want and [tuple(map(fp_str, r)) for r in got] == [tuple(map(fp_str, r)) for r in want]


def filled_colours(pdf: bytes) -> list[list[tuple[float, ...]]]:
    """Per page, the fill colour each filled rectangle is painted in, read back in order."""
    from pypdf.generic import ContentStream

    reader = PdfReader(io.BytesIO(pdf))
    out = []
    for page in reader.pages:
        colour, fills = (0.0, 0.0, 0.0), []
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"rg":
                colour = tuple(round(float(value), 4) for value in operands)
            elif operator == b"f*":
                fills.append(colour)
        out.append(fills)
    return out


def test_zebra_rows_set_their_colour_once_and_still_paint_in_the_right_colours(style: ParagraphStyle) -> None:
    from reportlab.lib.colors import HexColor

    own = HexColor("#ffcc00")
    body = [[Cell((Text(f"r{n}", style),), background=own if n == 5 else None), *cells(["x"], style)]
            for n in range(60)]
    the_look = look()
    pdf = render_bytes([Grid([60, 40], [cells(["No", "Isi"], style)], body, the_look, A5[1])])
    rgb = {name: tuple(round(value, 4) for value in colour.rgb())
           for name, colour in (("head", the_look.header_background), ("tint", the_look.zebra), ("own", own))}
    pages = filled_colours(pdf)
    assert len(pages) > 1
    # the header, then every second body row in the tint, row 5's own background over its tint
    assert pages[0][:6] == [rgb["head"], rgb["tint"], rgb["tint"], rgb["tint"], rgb["own"], rgb["tint"]]
    assert all(page[0] == rgb["head"] and set(page[1:]) <= {rgb["tint"], rgb["own"]} for page in pages)
    assert sum(len(page) - 1 for page in pages) == 30 + 1
    from reportlab.lib.rl_accel import fp_str

    tint = f"{fp_str(*the_look.zebra.rgb())} rg".encode()
    tint_ops = [page.get_contents().get_data().count(tint) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert tint_ops[0] == 2 and all(count == 1 for count in tint_ops[1:])  # set again only after row 5's own


def test_a_cell_is_compared_and_hashed_as_itself(style: ParagraphStyle) -> None:
    """Grids keep what they measured and wrote by the Cell (one may stand in many places): a
    Cell is compared and hashed by identity, in C, never by its fields (which would cost more
    than the lookups save, and would make two equal-looking cells one)."""
    first, second = Cell((Text("7", style),)), Cell((Text("7", style),))
    assert first == first and first != second
    assert hash(first) == object.__hash__(first) and len({first, second}) == 2


@pytest.mark.parametrize("kind", ["Text", "Cell", "RunLine"])
def test_a_hand_written_init_takes_exactly_the_dataclass_fields(kind):
    """Text, Cell and RunLine set their fields in one step (speed) instead of through the
    dataclass's own __init__: a field added to the class but not to its __init__ would keep its
    default silently (and dataclasses.replace would break)."""
    import dataclasses
    import inspect

    from latsar.render.pdf import grid, runs

    cls = getattr(grid, kind, None) or getattr(runs, kind)
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    fields = dataclasses.fields(cls)
    assert [(p.name, p.default) for p in parameters] == [
        (f.name, inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default) for f in fields]
    made = cls(**{f.name: object() for f in fields})
    assert vars(dataclasses.replace(made)) == vars(made)


def test_colours_copied_in_a_document_are_what_reportlab_sets() -> None:
    """set_colour against Canvas.setFillColor and setStrokeColor: the same operators, kept
    colour and PDF version, for colours set again, a translucent and a CMYK colour (never
    copied), and while the canvas draws translucent."""
    from reportlab.lib.colors import CMYKColor, Color
    from reportlab.pdfgen.canvas import Canvas

    from latsar.render.pdf.grid import set_colour

    red, blue, pale = Color(0.8, 0.1, 0.1), Color(0.1, 0.2, 0.7), Color(0.2, 0.5, 0.2, alpha=0.4)
    steps = [red, blue, red, pale, red, CMYKColor(0.1, 0.2, 0.3, 0.4), blue, "alpha", red, blue, "opaque", red]
    ours, theirs = Canvas(io.BytesIO()), Canvas(io.BytesIO())
    fills, strokes = {}, {}
    for stroke in (False, True):
        for step in steps:
            if isinstance(step, str):
                for canv in (ours, theirs):
                    (canv.setStrokeAlpha if stroke else canv.setFillAlpha)(0.5 if step == "alpha" else 1)
                continue
            set_colour(ours, step, strokes if stroke else fills, stroke=stroke)
            (theirs.setStrokeColor if stroke else theirs.setFillColor)(step)
            assert ours._code == theirs._code
            assert (ours._fillColorObj, ours._strokeColorObj) == (theirs._fillColorObj, theirs._strokeColorObj)
    assert ours._doc._pdfVersion == theirs._doc._pdfVersion
    assert set(fills) == set(strokes) == {id(red), id(blue)}  # copied, never the translucent or CMYK one


def test_cells_are_measured_under_their_place_in_the_sheet(style: ParagraphStyle) -> None:
    """_measured keys a one-column cell inline as `at` keys it, and a wider one by `at` itself."""
    from latsar.render.pdf.grid import _measured

    header = [[Cell((Text("Kepala lebar", style),), cols=2), None, *cells(["x"], style)]]
    grid = Grid([40, 50, 60], header, [cells([str(n), "dua", "tiga tiga"], style) for n in range(3)], look(), A5[1])
    sheet = grid.sheet
    placed = [(cell, column) for row in sheet.header + sheet.body for column, cell in enumerate(row) if cell]
    assert len(sheet.placed) == len({sheet.at(cell, column) for cell, column in placed})
    for cell, column in placed:
        assert _measured(sheet, cell, column) is sheet.placed[sheet.at(cell, column)]
    assert sheet.at(header[0][0], 0)[1] == round(90 - 8, 6)  # the wide cell: its span's inner width


def test_grids_sharing_one_look_make_the_bytes_of_grids_with_their_own(style: ParagraphStyle) -> None:
    """A document's tables alike share one Look (quiz.common.ruled_look): its colours, set by
    the first table, are copied by their identity in the others, writing what setting them would."""
    from reportlab.platypus import Spacer

    body = [cells([str(n), "A" if n % 3 else "B"], style) for n in range(50)]

    def tables(looks: list[Look]) -> bytes:
        shared = Shared()
        return render_bytes([flowable for each in looks for flowable in
                             (Grid([40, 50], [cells(["No", "Kunci"], style)], body, each, A5[1], shared), Spacer(1, 12))])

    one = look()
    shared_look, own_looks = tables([one] * 4), tables([look() for _ in range(4)])
    assert shared_look == own_looks and len(PdfReader(io.BytesIO(shared_look)).pages) > 2


def test_a_place_no_cell_covers_leaves_the_rules_of_the_cells_around_it(style: ParagraphStyle) -> None:
    """A short row or a None no merged cell spans: the cells around the empty place keep all
    four rules (no neighbour there draws its top or left one), so no line breaks off."""
    import re

    from reportlab.pdfgen.canvas import Canvas

    def cell(text: str, **span: int) -> Cell:
        return Cell((Text(text, style),), **span)

    rows = [[cell("a"), cell("b"), cell("c")], [cell("d"), cell("e")], [cell("f", cols=2), cell("g")],
            [cell("h"), None, cell("i")], [cell("j", rows=2), cell("k"), cell("l")], [None, cell("m")]]
    grid = Grid([50, 50, 50], [cells(["H1", "H2", "H3"], style)], rows, look(), A5[1])
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=0)
    grid.wrap(500, 700)
    grid.drawOn(canvas, 0, 0)
    canvas.save()
    lines = {tuple(float(n) for n in found)
             for found in re.findall(rb"([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l", buffer.getvalue())}
    bottom_of_l, top_of_hole, right_of_h = (100.0, 18.0, 150.0, 18.0), (50.0, 54.0, 100.0, 54.0), (50.0, 36.0, 50.0, 54.0)
    assert all(any(_on(part, line) for line in lines) for part in (bottom_of_l, top_of_hole, right_of_h))


def _on(part: tuple[float, ...], line: tuple[float, ...]) -> bool:
    """Whether the segment `part` lies on the drawn `line` (both horizontal or both vertical)."""
    (x1, y1, x2, y2), (a1, b1, a2, b2) = part, line
    if y1 == y2 == b1 == b2:
        return min(a1, a2) <= x1 and x2 <= max(a1, a2)
    return x1 == x2 == a1 == a2 and min(b1, b2) <= y1 and y2 <= max(b1, b2)
