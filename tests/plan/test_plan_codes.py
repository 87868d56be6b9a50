"""Version codes: A–Z, then AA, AB, … for any number of versions."""

from __future__ import annotations

import pytest

from latsar.plan.quiz import plan_quiz, version_code


@pytest.mark.parametrize(
    ("index", "code"),
    [
        (0, "A"),
        (1, "B"),
        (25, "Z"),
        (26, "AA"),
        (27, "AB"),
        (51, "AZ"),
        (52, "BA"),
        (701, "ZZ"),
        (702, "AAA"),
        (1999, "BXX"),
    ],
)
def test_version_codes(index, code):
    assert version_code(index) == code


def test_codes_never_repeat():
    codes = [version_code(n) for n in range(2000)]
    assert len(set(codes)) == 2000


def test_a_negative_index_has_no_code():
    with pytest.raises(ValueError):
        version_code(-1)


def test_sixty_three_versions_get_codes_past_z(kit):
    curriculum = kit.curriculum(kit.simple_bank(8))
    plan = plan_quiz(curriculum, kit.blueprint([{"count": 8}], versions=63))
    codes = [v.code for v in plan.versions]
    assert codes[:3] == ["A", "B", "C"]
    assert codes[24:29] == ["Y", "Z", "AA", "AB", "AC"]
    assert codes[-2:] == ["BJ", "BK"]
    for version in plan.versions:
        assert sorted(p.item_id for p in version.items) == sorted(plan.master)
