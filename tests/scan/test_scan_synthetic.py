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

DEGRADATIONS = {
    "clean": lambda im, r: im,
    "skew ±4°": lambda im, r: sg.rotate(im, r.uniform(-4, 4)),
    "upside down": lambda im, r: sg.rotate(im, 180 + r.uniform(-2, 2)),
    "blur": lambda im, r: sg.blur(im, 1.1),
    "noise": lambda im, r: sg.noise(im, r, 14),
    "jpeg q40": lambda im, r: sg.jpeg(sg.rotate(im, r.uniform(-2, 2)), 40),
    "jpeg q90": lambda im, r: sg.jpeg(im, 90),
    "1-bit threshold": lambda im, r: sg.threshold(sg.rotate(im, r.uniform(-2, 2))),
    "1-bit dither": lambda im, r: sg.dither(im),
    "letter scaling": lambda im, r: sg.letter(im, DPI),
    "photo keystone+bulge": lambda im, r: sg.jpeg(sg.photo(im, r), 80),
    "photo with shadow": lambda im, r: sg.shadow(sg.photo(im, r), r),
    "folded corner": lambda im, r: sg.fold(im, r.choice(["top-left", "top-right", "bottom-left", "bottom-right"])),
}
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
