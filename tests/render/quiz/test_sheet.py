"""The answer sheet: its geometry as data (any number of questions, versions, options and
participant digits) and the printed page matching it, down to the pixel: markers, orientation
bar, bubble rings and a QR code that decodes to the page's text. Reading filled sheets back is
tested in tests/scan."""

from __future__ import annotations

import itertools
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from latsar import sheet_geometry as geo
from latsar.plan.stable import version_code
from quizbank import make_plan
from quiz_readback import ScannedSheet, ring_is_printed


def codes(count: int) -> list[str]:
    return [version_code(i) for i in range(count)]


def encode(layout: geo.SheetLayout, code: str) -> list[tuple[str, str]]:
    """(position, letter) bubbles that spell a version code in the sheet's right-aligned rows."""
    width = max(len(c) for c in layout.version_codes)
    return [(str(p + 1), letter) for p, letter in enumerate(code.rjust(width)) if letter != " "]


def layout_or_none(questions: int, options: int, versions: int, digits: int) -> geo.SheetLayout | None:
    """The layout, or None when the version letters do not fit beside a wide participant field."""
    try:
        return geo.sheet_layout(questions, options, codes(versions), digits)
    except ValueError as error:
        assert "rows of code letters" in str(error) and digits > geo.DIGITS
        return None


@settings(max_examples=60, deadline=None)
@given(questions=st.integers(1, 400), options=st.integers(3, 5), versions=st.integers(1, 2000),
       digits=st.integers(6, 18))
def test_every_bubble_is_on_the_page_in_its_band_and_clear_of_the_others(questions, options, versions, digits):
    layout = layout_or_none(questions, options, versions, digits)
    if layout is None:
        return
    left, top, right, bottom = geo.ORIENTATION_BAR
    assert geo.SAFE[0] <= top and all(geo.SAFE[0] <= y - size / 2 and y + size / 2 <= geo.SAFE[1]
                                      for (_, y), size in ((m.centre, m.size) for m in geo.corner_markers()))
    for page in layout.pages:
        centres = []
        for grid in page.grids:
            band = geo.ANSWER_BAND if grid.field == "answers" else geo.ID_BAND
            for _, _, (x, y) in grid.bubbles():
                assert geo.LEFT - 1 <= x - grid.radius and x + grid.radius <= geo.RIGHT + 1
                assert band[0] <= y - grid.radius and y + grid.radius <= band[1] <= geo.SAFE[1]
                centres.append((x, y))
        for (x1, y1), (x2, y2) in itertools.combinations(centres, 2):
            assert math.hypot(x1 - x2, y1 - y2) >= 2 * geo.RADIUS + 0.5


@settings(max_examples=60, deadline=None)
@given(questions=st.integers(1, 400), options=st.integers(3, 5), versions=st.integers(1, 2000))
def test_every_question_and_every_version_code_has_its_bubbles(questions, options, versions):
    layout = geo.sheet_layout(questions, options, codes(versions))
    answered = [int(g) for page in layout.pages for grid in page.field("answers") for g in grid.groups]
    assert answered == list(range(1, questions + 1))
    for page in layout.pages:
        assert page.questions[0] <= page.questions[1]
        assert all(grid.values == tuple("ABCDE"[:options]) for grid in page.field("answers"))
        offered = {(grid.groups[0], value) for grid in page.field("version") for value in grid.values}
        all_codes = layout.version_codes
        for code in (all_codes[0], all_codes[len(all_codes) // 2], all_codes[-1]):
            assert set(encode(layout, code)) <= offered
        assert [g.groups for g in page.field("ndh")] == [("1", "2")]


def test_all_version_codes_are_spellable_and_distinct_up_to_2000():
    layout = geo.sheet_layout(10, 4, codes(2000))
    offered = {(grid.groups[0], value) for grid in layout.pages[0].field("version") for value in grid.values}
    spelled = set()
    for code in layout.version_codes:
        bubbles = encode(layout, code)
        assert set(bubbles) <= offered
        spelled.add(tuple(bubbles))
    assert len(spelled) == 2000


def test_questions_continue_on_more_pages_each_naming_its_page_in_the_qr_text():
    layout = geo.sheet_layout(230, 4, codes(4), blueprint="post-test")
    assert [p.questions for p in layout.pages] == [(1, 80), (81, 160), (161, 230)]
    assert [geo.parse_qr(layout.qr_text(p.number)) for p in layout.pages] == [
        ("post-test", geo.LAYOUT_VERSION, n) for n in (1, 2, 3)]
    assert layout.qr_text(2) == "LATSAR/POST-TEST/3/2"
    assert geo.parse_qr("https://example.org") is None


def test_the_participant_field_is_as_wide_as_asked():
    assert [len(geo.sheet_layout(10, 4, ["A"], digits).pages[0].field("participant")[0].groups)
            for digits in (6, 10, 18)] == [6, 10, 18]


def test_the_geometry_is_json_data_and_comes_back_from_it():
    layout = geo.sheet_layout(30, 4, codes(4), 8, "post-test")
    data = layout.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["format"] == geo.FORMAT and data["page_size"] == [210.0, 297.0]
    assert data["pages"][0]["grids"][0]["field"] == "participant"
    assert geo.layout_from_dict(json.loads(json.dumps(data))) == layout
    with pytest.raises(ValueError, match="another version of latsar"):
        geo.layout_from_dict({**data, "orientation_bar": [0, 0, 1, 1]})


def test_too_many_questions_or_bad_options_or_digits_are_refused():
    with pytest.raises(ValueError, match="3–5"):
        geo.sheet_layout(10, 6, ["A"])
    with pytest.raises(ValueError, match="at most 9"):
        geo.sheet_layout(80 * 10, 4, ["A"])
    with pytest.raises(ValueError, match="6–18"):
        geo.sheet_layout(10, 4, ["A"], 19)


# --------------------------------------------------------------------------- the printed sheet


@pytest.fixture(scope="module")
def blank(files):
    return ScannedSheet(files["lembar-jawaban.pdf"])


def sheet_layout_of(files) -> geo.SheetLayout:
    return geo.layout_from_dict(json.loads(files["lembar-jawaban.json"]))


def test_the_json_geometry_is_the_layout_the_pdf_was_drawn_from(files, plan):
    from latsar.render.quizfiles import quiz_sheet_layout

    assert json.loads(files["lembar-jawaban.json"]) == quiz_sheet_layout(plan).to_dict()


def test_markers_orientation_bar_and_bubble_rings_are_printed_where_the_geometry_says(files, blank):
    layout = sheet_layout_of(files)
    left, top, right, bottom = geo.ORIENTATION_BAR
    for page in layout.pages:
        for marker in page.markers:
            assert blank.darkness(page.number, *marker.centre, marker.size / 2) > 0.95
        assert blank.darkness(page.number, (left + right) / 2, (top + bottom) / 2, (bottom - top) / 2) > 0.95
        for grid in page.grids:
            for _, value, centre in grid.bubbles():
                assert ring_is_printed(blank, page.number, grid, centre), (grid.field, value, centre)
                assert blank.darkness(page.number, *centre, grid.radius) < 0.05


def test_the_qr_code_decodes_to_the_quiz_layout_and_page(files, blank):
    import numpy
    import zxingcpp

    layout = sheet_layout_of(files)
    found = zxingcpp.read_barcodes(numpy.asarray(blank.pages[0]))
    assert [code.text for code in found] == [layout.qr_text(1)]
    x = min(p.x for p in (found[0].position.top_left, found[0].position.bottom_left)) / blank.px(1)
    assert abs(x + (found[0].position.top_right.x - found[0].position.top_left.x) / blank.px(1) - geo.QR_RIGHT) < 0.5


def test_a_long_quiz_with_many_versions_continues_on_a_second_page(bank, theme):
    import numpy
    import zxingcpp

    from latsar.plan.quizdocs import quiz_info
    from latsar.render.pdf.quiz.sheet import sheet_pdf

    plan = make_plan(bank, versions=30)
    layout = geo.sheet_layout(130, 5, [v.code for v in plan.versions], 18, "long-quiz")
    pdf = sheet_pdf(layout, quiz_info(bank, plan), theme)
    sheet = ScannedSheet(pdf, scale=2.5)
    assert len(sheet.pages) == 2
    grid = next(g for g in layout.pages[1].field("answers") if "130" in g.groups)
    assert ring_is_printed(sheet, 2, grid, grid.centre(grid.groups.index("130"), 4))
    assert [c.text for c in zxingcpp.read_barcodes(numpy.asarray(sheet.pages[1]))] == ["LATSAR/LONG-QUIZ/3/2"]
