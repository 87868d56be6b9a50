"""The statistics against a published dataset: LSAT section 6 (Bock & Lieberman 1970).

Data: 1000 examinees × 5 items as 32 response patterns with frequencies, the table R's ltm
package ships as `LSAT` (Rizopoulos 2006, JSS 17(5)) and the OpenBUGS "LSAT" example uses
(cumulative counts as in stan-dev/example-models, bugs_examples/vol1/lsat/lsat.data.json).
Published item proportions correct: .924 .709 .553 .763 .870, and total-score frequencies
3, 20, 85, 237, 357, 298 (e.g. the tabulation of this data in P. Ender's Rasch-model course
notes, philender.com/courses/categorical/notes2/rasch.html).
KR-20 (= alpha with population variances), the point-biserials and alpha-if-deleted are checked
against an independent computation in plain Python below (textbook definitions, no numpy, no
shared code): KR-20 = 0.295, corrected point-biserials .113 .153 .173 .144 .122, uncorrected
.362 .567 .618 .534 .435, alpha if deleted .275 .238 .217 .246 .266.
"""

from __future__ import annotations

import itertools
import math
import statistics

import numpy as np
import pytest

from latsar.score import stats

CUMULATIVE = [3, 9, 11, 22, 23, 24, 27, 31, 32, 40, 40, 56, 56, 59, 61, 76, 86, 115, 129, 210, 213, 241, 256,
              336, 352, 408, 429, 602, 613, 674, 702, 1000]
FREQUENCIES = [b - a for a, b in zip([0] + CUMULATIVE, CUMULATIVE)]
PATTERNS = list(itertools.product((0, 1), repeat=5))  # 00000, 00001, …, 11111


@pytest.fixture(scope="module")
def people() -> list[tuple[int, ...]]:
    return [pattern for pattern, count in zip(PATTERNS, FREQUENCIES) for _ in range(count)]


@pytest.fixture(scope="module")
def matrix(people):
    x = np.array(people, dtype=float)
    return x, np.ones_like(x, dtype=bool)


def pearson(a: list[float], b: list[float]) -> float:
    ma, mb = statistics.fmean(a), statistics.fmean(b)
    cov = sum((u - ma) * (v - mb) for u, v in zip(a, b))
    return cov / math.sqrt(sum((u - ma) ** 2 for u in a) * sum((v - mb) ** 2 for v in b))


def kr20(rows: list[tuple[int, ...]]) -> float:
    k = len(rows[0])
    p = [statistics.fmean(r[i] for r in rows) for i in range(k)]
    variance = statistics.pvariance([sum(r) for r in rows])
    return k / (k - 1) * (1 - sum(q * (1 - q) for q in p) / variance)


def test_the_data_is_the_published_table(people):
    assert len(people) == 1000
    totals = [sum(p) for p in people]
    assert [totals.count(s) for s in range(6)] == [3, 20, 85, 237, 357, 298]


def test_item_difficulties_match_to_three_decimals(matrix):
    assert np.round(stats.difficulty(*matrix), 3).tolist() == [0.924, 0.709, 0.553, 0.763, 0.870]


def test_kr20_and_sem(matrix, people):
    result = stats.reliability(matrix[0])
    assert round(result.kr20, 3) == round(kr20(people), 3) == 0.295
    total_sd = statistics.pstdev([sum(p) for p in people])
    assert result.sem == pytest.approx(total_sd * math.sqrt(1 - kr20(people)))
    assert round(result.sem, 3) == 0.869


def test_point_biserials_corrected_and_uncorrected(matrix, people):
    totals = [sum(p) for p in people]
    corrected = [pearson([p[i] for p in people], [t - p[i] for p, t in zip(people, totals)]) for i in range(5)]
    plain = [pearson([p[i] for p in people], totals) for i in range(5)]
    assert np.round(stats.point_biserial(*matrix), 3).tolist() == [round(r, 3) for r in corrected]
    assert [round(r, 3) for r in corrected] == [0.113, 0.153, 0.173, 0.144, 0.122]
    assert np.round(stats.point_biserial(*matrix, corrected=False), 3).tolist() == [0.362, 0.567, 0.618, 0.534, 0.435]
    assert [round(r, 3) for r in plain] == [0.362, 0.567, 0.618, 0.534, 0.435]


def test_alpha_if_item_deleted(matrix, people):
    independent = [round(kr20([p[:i] + p[i + 1:] for p in people]), 3) for i in range(5)]
    assert np.round(stats.alpha_if_deleted(matrix[0]), 3).tolist() == independent
    assert independent == [0.275, 0.238, 0.217, 0.246, 0.266]


def test_upper_lower_groups_share_tied_places(matrix, people):
    # 270 upper places (27 % of 1000): all 298 perfect scorers tie, each counts 270/298, so every
    # item's upper proportion is 1. The lower 270 are the 108 scoring 0–2 and 162 of the 237
    # scoring 3, each of those at weight 162/237.
    pa, pb = stats.upper_lower(*matrix, fraction=0.27)
    assert pa.tolist() == [1.0] * 5
    low = [p for p in people if sum(p) <= 2]
    three = [p for p in people if sum(p) == 3]
    expected = [(sum(p[i] for p in low) + 162 / 237 * sum(p[i] for p in three)) / 270 for i in range(5)]
    assert pb == pytest.approx(expected)
