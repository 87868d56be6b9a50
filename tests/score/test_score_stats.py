"""Unit checks of the statistics and the item judgements on small hand-made matrices."""

from __future__ import annotations

import math

import numpy as np
import pytest

from latsar.score import stats
from latsar.score.analysis import OptionResult, judge
from latsar.labels import labels_for
from latsar.score.settings import ARIKUNTO_DIFFICULTY, ARIKUNTO_DISCRIMINATION, HAKE_GAIN, Settings

EN, ID = labels_for("en"), labels_for("id")


def words(flags, labels=EN) -> tuple[str, ...]:
    return tuple(flag.text(labels) for flag in flags)


def test_groups_of_36_take_10_each_like_the_worked_example():
    # The sources' worked example takes the top 10 and bottom 10 of 36 (27 %, Kelley).
    upper, lower = stats.group_weights(np.arange(36, dtype=float), 0.27)
    assert upper.sum() == lower.sum() == 10
    assert upper[-10:].tolist() == [1.0] * 10 and lower[:10].tolist() == [1.0] * 10


def test_discrimination_by_hand():
    # 10 people, filler totals 18, 16, …, 0 (one more item never reorders them); item 0 right
    # for the top 4, item 1 for the bottom 3.
    x = np.zeros((10, 20))
    for person in range(10):
        x[person, 2:2 + 2 * (9 - person)] = 1
    x[:4, 0] = 1
    x[7:, 1] = 1
    shown = np.ones_like(x, dtype=bool)
    pa, pb = stats.upper_lower(x, shown, 0.27)  # groups of 3
    assert (pa - pb)[:2].tolist() == [1.0, -1.0]


def test_undefined_values_are_nan_not_errors():
    x = np.ones((5, 3))
    shown = np.ones_like(x, dtype=bool)
    assert math.isnan(stats.reliability(x).kr20)
    assert np.isnan(stats.point_biserial(x, shown)).all()
    assert stats.difficulty(x, shown).tolist() == [1.0, 1.0, 1.0]
    assert np.isnan(stats.alpha_if_deleted(np.ones((4, 2)))).all()


def test_items_not_shown_do_not_count():
    # Parallel forms: person 0 and 1 were given item 0, persons 2 and 3 item 1.
    x = np.array([[1, 0, 1], [0, 0, 0], [0, 1, 1], [0, 1, 0]], dtype=float)
    shown = np.array([[1, 0, 1], [1, 0, 1], [0, 1, 1], [0, 1, 1]], dtype=bool)
    assert stats.difficulty(x, shown).tolist() == [0.5, 1.0, 0.5]


@pytest.mark.parametrize("p, label", [(0.0, "sukar"), (0.30, "sukar"), (0.31, "sedang"), (0.70, "sedang"),
                                      (0.71, "mudah"), (1.0, "mudah")])
def test_arikunto_difficulty_bands(p, label):
    assert ARIKUNTO_DIFFICULTY.label(p) == label


@pytest.mark.parametrize("d, label", [(-0.01, "tidak baik"), (0.0, "jelek"), (0.20, "jelek"), (0.21, "cukup"),
                                      (0.40, "cukup"), (0.41, "baik"), (0.70, "baik"), (0.71, "baik sekali")])
def test_arikunto_discrimination_bands(d, label):
    assert ARIKUNTO_DISCRIMINATION.label(d) == label


@pytest.mark.parametrize("g, label", [(0.29, "rendah"), (0.3, "sedang"), (0.69, "sedang"), (0.7, "tinggi")])
def test_hake_gain_bands(g, label):
    assert HAKE_GAIN.label(g) == label


def options(*shares: tuple[float, float, float], key: int = 0) -> tuple[OptionResult, ...]:
    return tuple(OptionResult(i, i == key, *s) for i, s in enumerate(shares))


def test_judge_drops_negative_items_only_with_enough_participants():
    numbers = dict(p=0.5, pa=0.4, pb=0.6, d=-0.2, r=-0.1)
    good = options((0.5, 0.4, 0.6), (0.2, 0.1, 0.3), (0.2, 0.2, 0.1), (0.1, 0.0, 0.0))
    flags, action = judge(numbers, good, 0.0, 40, Settings())
    assert action == "drop" and words(flags)[:2] == ("negative discrimination: D = -0.20",
                                                     "negative point-biserial: r = -0.10")
    assert words(flags, ID)[:2] == ("daya pembeda negatif: D = -0.20", "korelasi point-biserial negatif: r = -0.10")
    flags, action = judge(numbers, good, 0.0, 12, Settings())
    assert action == "revise" and words(flags)[-1] == "N = 12 < 30: not dropped automatically"
    assert words(flags, ID)[-1] == "N = 12 < 30: tidak dibuang otomatis"


def test_judge_flags_weak_distractors_without_changing_the_action():
    numbers = dict(p=0.6, pa=0.9, pb=0.3, d=0.6, r=0.45)
    shares = options((0.6, 0.9, 0.3), (0.36, 0.1, 0.6), (0.03, 0.0, 0.05), (0.01, 0.0, 0.05))
    flags, action = judge(numbers, shares, 0.0, 40, Settings())
    assert action == "keep"
    assert words(flags) == ("distractor c chosen by 3% (< 5%)", "distractor d chosen by 1% (< 5%)")
    assert words(flags, ID) == ("pengecoh c tidak berfungsi: dipilih 3% peserta (< 5%)",
                                "pengecoh d tidak berfungsi: dipilih 1% peserta (< 5%)")


def test_judge_revises_a_distractor_that_draws_the_upper_group():
    numbers = dict(p=0.5, pa=0.6, pb=0.3, d=0.3, r=0.35)
    shares = options((0.5, 0.6, 0.3), (0.3, 0.4, 0.2), (0.1, 0.0, 0.25), (0.1, 0.0, 0.25))
    flags, action = judge(numbers, shares, 0.0, 40, Settings())
    assert action == "revise"
    assert words(flags) == ("distractor b draws more of the upper group (40%) than of the lower (20%)",)
    assert words(flags, ID) == ("pengecoh b lebih banyak dipilih kelompok atas (40%) daripada kelompok bawah (20%)",)
