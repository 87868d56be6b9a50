"""The decisions alone: numbers in, readings out, no images."""

from __future__ import annotations

import pytest

from latsar.scan.decide import DOUBT, Choice, Levels, read_code, read_group, read_number, sheet_levels

ABCD = tuple("ABCD")
NONE = (0.0, 0.0, 0.0, 0.0)


@pytest.mark.parametrize("strengths, cover, expected", [
    ((0.0, 1.0, 0.05, 0.0), NONE, Choice("B", False)),  # a normal mark
    ((0.02, 0.0, 0.05, 0.01), NONE, Choice("", False)),  # blank
    ((1.0, 0.0, 0.9, 0.0), NONE, Choice("AC", False)),  # a double mark is read as such
    ((0.15, 1.0, 0.0, 0.0), NONE, Choice("B", False)),  # faint erasure beside the real mark
    ((0.0, 0.6, 0.0, 0.0), NONE, Choice("B", False)),  # a partial fill is a mark
    ((0.0, 0.0, 0.38, 0.0), NONE, Choice("C", False)),  # a lone light mark in a clean row
    ((0.0, 0.0, 0.15, 0.0), (0, 0, 0.3, 0), Choice("C", False)),  # a lone tick: strokes, little area
    ((0.0, 1.0, 0.0, 0.1), (0, 0.9, 0, 0.3), Choice("B", True)),  # a tick beside a fill: which is meant?
    ((0.35, 0.0, 0.3, 0.0), NONE, Choice(DOUBT, True)),  # two light marks: which one?
    ((0.45, 1.0, 0.0, 0.0), NONE, Choice("B", True)),  # a second mark too strong for an erasure
    ((0.6, 1.0, 0.0, 0.0), (0.35, 0.95, 0, 0), Choice("AB", True)),  # a tick dark enough to count, beside a fill
    ((0.9, 1.0, 0.0, 0.0), (0.9, 0.95, 0, 0), Choice("AB", False)),  # two fills: a double mark, no doubt
    ((0.25, 0.0, 0.0, 0.15), NONE, Choice(DOUBT, True)),  # a smudge and a trace: not clean enough
])
def test_a_group_is_read_from_strengths_alone(strengths, cover, expected):
    assert read_group(ABCD, strengths, cover) == expected


def test_levels_come_from_the_sheet_itself():
    pencil = [0.08] * 90 + [0.4] * 30  # light pencil everywhere
    levels = sheet_levels(pencil, [0.4] * 30 + [0.08] * 5)
    assert levels.blank == 0.08 and levels.full == 0.4
    assert levels.strength(0.4) == pytest.approx(1.0) and levels.strength(0.08) == 0


def test_a_sheet_without_marks_still_has_a_scale():
    levels = sheet_levels([0.1] * 50, [0.1] * 10)
    assert levels == Levels(0.1, 0.6)
    assert read_group(ABCD, [levels.strength(0.11)] * 4, NONE) == Choice("", False)


def test_codes_and_numbers():
    assert read_code([Choice("", False), Choice("B", False)]) == ("B", False)
    assert read_code([Choice("A", False), Choice("AB", False)]) == ("A" + DOUBT, True)
    assert read_number([Choice("0", False)] * 6) == ("000000", False)  # leading zeros kept
    assert read_number([Choice("", False)] * 6) == ("", False)  # nothing written
    assert read_number([Choice("1", False), Choice("", False), Choice("2", False)]) == ("1" + DOUBT + "2", True)
