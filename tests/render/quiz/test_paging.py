"""Page breaks of booklets chosen from measured heights (latsar.render.pdf.quiz.paging), checked
against every way of breaking small booklets."""

from __future__ import annotations

import itertools
import random

import pytest

from latsar.render.pdf.quiz.paging import FIRST_PAGE_WEIGHT, Block, Heights, _cost, page_starts

PAGE = 700.0


def pages_of(starts: list[int], count: int) -> list[tuple[int, int]]:
    return list(zip(starts, starts[1:] + [count]))


def fits(blocks, starts, first) -> bool:
    heights = Heights(blocks)
    return all(heights.used(a, b) <= (first if k == 0 else PAGE) + 1e-6
               for k, (a, b) in enumerate(pages_of(starts, len(blocks))))


def cost(blocks, starts, first) -> float:
    heights, spans = Heights(blocks), pages_of(starts, len(blocks))
    total = 0.0
    for k, (a, b) in enumerate(spans):
        room = first if k == 0 else PAGE
        total += _cost(room - heights.used(a, b), room, k == len(spans) - 1, b - a) * (FIRST_PAGE_WEIGHT if k == 0 else 1)
    return total


def random_blocks(rng: random.Random, count: int) -> list[Block]:
    return [Block(rng.choice([60.0, 90.0, 130.0, 160.0, 240.0]) + rng.random() * 20, 6.6) for _ in range(count)]


@pytest.mark.parametrize("seed", range(40))
def test_breaks_give_the_fewest_pages_and_the_least_cost_of_all_ways(seed):
    rng = random.Random(seed)
    blocks, first = random_blocks(rng, rng.randint(2, 11)), rng.choice([300.0, 450.0, PAGE])
    starts = page_starts(blocks, first, PAGE)
    greedy = Heights(blocks).greedy(first, PAGE)
    assert starts[0] == 0 and starts == sorted(set(starts)) and fits(blocks, starts, first)
    assert len(starts) == len(greedy)  # never a page more than filling each page in turn
    ways = [[0, *cut] for cut in itertools.combinations(range(1, len(blocks)), len(greedy) - 1)]
    best = min(cost(blocks, way, first) for way in ways if fits(blocks, way, first))
    assert cost(blocks, starts, first) == pytest.approx(best)
    if any(fits(blocks, way, first) and len(blocks) - way[-1] >= 2 for way in ways):
        assert len(blocks) - starts[-1] >= 2  # no lone question on the last page where avoidable


def test_a_nearly_empty_last_page_takes_questions_from_the_pages_before():
    # Filling in turn: 5 + 5 + 1 blocks; balanced: the last page holds two and a third of a page.
    blocks = [Block(130.0, 6.6)] * 11
    heights = Heights(blocks)
    assert heights.greedy(PAGE, PAGE) == [0, 5, 10]
    starts = page_starts(blocks, PAGE, PAGE)
    assert len(starts) == 3 and len(blocks) - starts[-1] >= 2 and heights.used(starts[-1], len(blocks)) >= PAGE / 3


def test_a_booklet_of_one_page_is_not_broken():
    assert page_starts([Block(100.0, 6.0)] * 3, PAGE, PAGE) == [0]
