"""The answer sheet: its geometry as data (any number of questions, versions and options) and
the printed page matching it, down to the pixel: a sheet filled at the geometry's bubbles and
read back through it scores 100 % via versions.json."""

from __future__ import annotations

import itertools
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from latsar import sheet_geometry as geo
from latsar.plan.quiz import score_version
from latsar.plan.stable import version_code
from quizbank import make_plan
from quiz_readback import ScannedSheet, ring_is_printed


def codes(count: int) -> list[str]:
    return [version_code(i) for i in range(count)]


def encode(layout: geo.SheetLayout, code: str) -> list[tuple[str, str]]:
    """(position, letter) bubbles that spell a version code in the sheet's right-aligned rows."""
    width = max(len(c) for c in layout.version_codes)
    return [(str(p + 1), letter) for p, letter in enumerate(code.rjust(width)) if letter != " "]


@settings(max_examples=60, deadline=None)
@given(questions=st.integers(1, 400), options=st.integers(3, 5), versions=st.integers(1, 2000))
def test_every_bubble_is_on_the_page_in_its_band_and_clear_of_the_others(questions, options, versions):
    layout = geo.sheet_layout(questions, options, codes(versions))
    for page in layout.pages:
        centres = []
        for grid in page.grids:
            band = geo.ANSWER_BAND if grid.field == "answers" else geo.ID_BAND
            for _, _, (x, y) in grid.bubbles():
                assert geo.LEFT - 1 <= x - grid.radius and x + grid.radius <= geo.RIGHT + 1
                assert band[0] <= y - grid.radius and y + grid.radius <= band[1]
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
    assert {len(page.page_marks) for page in layout.pages} <= set(range(1, geo.PAGE_MARK_BITS + 1))


def test_all_version_codes_are_spellable_and_distinct_up_to_2000():
    layout = geo.sheet_layout(10, 4, codes(2000))
    offered = {(grid.groups[0], value) for grid in layout.pages[0].field("version") for value in grid.values}
    spelled = set()
    for code in layout.version_codes:
        bubbles = encode(layout, code)
        assert set(bubbles) <= offered
        spelled.add(tuple(bubbles))
    assert len(spelled) == 2000


def test_questions_continue_on_more_pages_with_page_marks():
    layout = geo.sheet_layout(230, 4, codes(4))
    assert [p.questions for p in layout.pages] == [(1, 100), (101, 200), (201, 230)]
    slots = geo.page_mark_slots()
    for page in layout.pages:
        bits = sum(1 << slots.index(mark.centre) for mark in page.page_marks)
        assert bits == page.number


def test_the_geometry_is_json_data():
    layout = geo.sheet_layout(30, 4, codes(4))
    data = layout.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["format"] == geo.FORMAT and data["page_size"] == [210.0, 297.0]
    assert data["pages"][0]["grids"][0]["field"] == "participant"


def test_too_many_questions_or_bad_options_are_refused():
    with pytest.raises(ValueError, match="3–5"):
        geo.sheet_layout(10, 6, ["A"])
    with pytest.raises(ValueError, match="at most 15"):
        geo.sheet_layout(100 * 16, 4, ["A"])


# --------------------------------------------------------------------------- the printed sheet


@pytest.fixture(scope="module")
def blank(files):
    return ScannedSheet(files["lembar-jawaban.pdf"])


def sheet_layout_of(files) -> geo.SheetLayout:
    data = json.loads(files["lembar-jawaban.json"])
    return geo.sheet_layout(data["questions"], len(data["options"]), data["version_codes"], data["digits"])


def test_the_json_geometry_is_the_layout_the_pdf_was_drawn_from(files, plan):
    from latsar.render.quizfiles import quiz_sheet_layout

    assert json.loads(files["lembar-jawaban.json"]) == quiz_sheet_layout(plan).to_dict()


def test_markers_page_marks_and_bubble_rings_are_printed_where_the_geometry_says(files, blank):
    layout = sheet_layout_of(files)
    for page in layout.pages:
        for marker in page.markers + page.page_marks:
            assert blank.darkness(page.number, *marker.centre, marker.size / 2) > 0.95
        empty = [slot for slot in geo.page_mark_slots() if slot not in {m.centre for m in page.page_marks}]
        assert all(blank.darkness(page.number, *slot, geo.PAGE_MARK_SIZE / 2) < 0.05 for slot in empty)
        for grid in page.grids:
            for _, value, centre in grid.bubbles():
                assert ring_is_printed(blank, page.number, grid, centre), (grid.field, value, centre)
                assert blank.darkness(page.number, *centre, grid.radius) < 0.3


def test_a_blank_sheet_reads_as_blank(files, blank):
    reading = geo.read_sheet(sheet_layout_of(files), blank.darkness)
    assert reading.version is None and reading.participant is None
    assert set(reading.answers) == {None}


def test_a_sheet_filled_with_the_key_reads_back_and_scores_100_percent(files, plan):
    layout = sheet_layout_of(files)
    document = json.loads(files["versions.json"])
    for version, participant in zip(plan.versions, ("004217", "120001", "999999")):
        sheet = ScannedSheet(files["lembar-jawaban.pdf"])
        page = layout.pages[0]
        for position, letter in encode(layout, version.code):
            grid = next(g for g in page.field("version") if g.groups[0] == position and letter in g.values)
            sheet.fill(1, grid.centre(0, grid.values.index(letter)), grid.radius)
        digits = page.field("participant")[0]
        for index, digit in enumerate(participant):
            sheet.fill(1, digits.centre(index, int(digit)), digits.radius)
        for number, planned in enumerate(version.items, start=1):
            _fill_answer(sheet, layout, number, planned.key_letter)
        reading = geo.read_sheet(layout, sheet.darkness)
        assert (reading.version, reading.participant) == (version.code, participant)
        assert reading.answers == tuple(p.key_letter for p in version.items)
        assert all(score_version(document, reading.version, reading.answers))


def _fill_answer(sheet: ScannedSheet, layout: geo.SheetLayout, number: int, letter: str) -> None:
    for page in layout.pages:
        for grid in page.field("answers"):
            if str(number) in grid.groups:
                sheet.fill(page.number, grid.centre(grid.groups.index(str(number)), grid.values.index(letter)),
                           grid.radius)
                return
    raise AssertionError(f"no bubbles for question {number}")


def test_double_marks_and_blanks_read_as_such(files, plan):
    layout = sheet_layout_of(files)
    sheet = ScannedSheet(files["lembar-jawaban.pdf"])
    _fill_answer(sheet, layout, 1, "A")
    _fill_answer(sheet, layout, 1, "C")
    _fill_answer(sheet, layout, 3, "D")
    reading = geo.read_sheet(layout, sheet.darkness)
    assert reading.answers[:3] == ("AC", None, "D")


def test_a_long_quiz_with_many_versions_continues_on_a_second_page(bank, theme):
    from latsar.plan.quizdocs import quiz_info
    from latsar.render.pdf.quiz.sheet import sheet_pdf

    plan = make_plan(bank, versions=30)
    layout = geo.sheet_layout(130, 5, [v.code for v in plan.versions])
    pdf = sheet_pdf(layout, quiz_info(bank, plan), theme)
    sheet = ScannedSheet(pdf, scale=2.5)
    assert len(sheet.pages) == 2
    grid = next(g for g in layout.pages[1].field("answers") if "130" in g.groups)
    centre = grid.centre(grid.groups.index("130"), 4)
    assert ring_is_printed(sheet, 2, grid, centre)
    sheet.fill(2, centre, grid.radius)
    for position, letter in encode(layout, "AD"):
        g = next(g for g in layout.pages[0].field("version") if g.groups[0] == position and letter in g.values)
        sheet.fill(1, g.centre(0, g.values.index(letter)), g.radius)
    reading = geo.read_sheet(layout, sheet.darkness)
    assert reading.version == "AD" and reading.answers[129] == "E" and reading.answers[:129] == (None,) * 129
