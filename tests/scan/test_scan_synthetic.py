"""Sheets filled from a known truth, degraded as scanners and phones degrade them, read back:
every field must be exactly the truth (nothing flagged) or, where the marks are truly
ambiguous, flagged, never silently wrong. 13 kinds × 5 sheets, at 100 dpi to stay fast."""

from __future__ import annotations

import random

import pytest

import sheetgen as sg
from latsar.scan.page import read_image

DPI = 100
STYLES = ("fill", "light", "partial", "erased", "tick")

DEGRADATIONS = sg.degradations(DPI)
# The mark styles each kind is held to: a 1-bit scan keeps a light pencil mark only as dots
# (dither) or not at all (threshold: lighter than the cut, the mark is gone from the file), so
# those kinds are held to firm marks, erasures and ticks.
STYLES_FOR = {"1-bit dither": ("fill", "erased", "partial", "tick"), "1-bit threshold": ("fill", "erased", "partial", "tick")}


def sheet(post, kind: str, index: int):
    rng = random.Random(f"{kind}/{index}")
    truth = sg.random_truth(post.layout, rng)
    for number, letters in truth.answers.items():
        if len(letters) == 1:
            truth.styles[number] = rng.choice(STYLES_FOR.get(kind, STYLES))
    image = DEGRADATIONS[kind](sg.fill(post.layout, post.pdf, truth, DPI, rng), rng)
    return truth, read_image(image, kind, 1, post.layout, pictures=False)


@pytest.mark.parametrize("kind", DEGRADATIONS)
def test_sheets_read_back_exactly(post, kind):
    for index in range(5):
        truth, reading = sheet(post, kind, index)
        assert reading.unreadable == ""
        assert (reading.participant, reading.ndh, reading.version) == (truth.participant, truth.ndh, truth.version)
        assert reading.answers == truth.answers, (index, reading.review)
        assert reading.review == []


def test_an_18_digit_nip_and_a_second_page_known_by_its_qr_code(nip_sheet):
    layout = nip_sheet.layout
    assert len(layout.pages) == 2
    for page in (1, 2):
        rng = random.Random(f"nip/{page}")
        truth = sg.random_truth(layout, rng, page=page)
        truth.participant, truth.version = "199001012015031002", "AD"
        image = sg.jpeg(sg.rotate(sg.fill(layout, nip_sheet.pdf, truth, DPI, rng), rng.uniform(-3, 3)), 70)
        reading = read_image(image, "nip", page, layout, pictures=False)
        assert (reading.sheet_page, reading.participant, reading.version, reading.review) == (
            page, "199001012015031002", "AD", [])
        assert reading.answers == truth.answers
        assert min(reading.answers) == layout.pages[page - 1].questions[0]


def test_a_sheet_of_another_layout_version_is_refused(post, monkeypatch):
    from latsar import sheet_geometry as geo

    rng = random.Random("old")
    image = sg.fill(post.layout, post.pdf, sg.random_truth(post.layout, rng), DPI, rng)
    monkeypatch.setattr(geo, "LAYOUT_VERSION", 4)
    reading = read_image(image, "old", 1, post.layout, pictures=False)
    assert reading.unreadable == "sheet layout 3, this latsar reads layout 4; print the sheets again"
