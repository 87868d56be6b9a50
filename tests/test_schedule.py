"""Pieces of work in worker processes: every piece done once, the longest started first, the
workers' context given once, and an error ends the run at once."""

from __future__ import annotations

import os
import time

import pytest

from latsar.schedule import longest_first


def stamped(context: str, piece: str) -> tuple[str, float, int]:
    return f"{context}:{piece}", time.monotonic(), os.getpid()


def failing(context: str, piece: str) -> str:
    if piece == "bad":
        raise ValueError(f"{context} cannot make {piece}")
    return piece


def test_one_worker_starts_the_longest_pieces_first() -> None:
    pieces, costs = ["a", "b", "c", "d"], [1.0, 5.0, 3.0, 5.0]
    done = dict(longest_first(stamped, pieces, costs, 1, "ctx"))
    assert sorted(done) == [0, 1, 2, 3]
    assert [done[index][0] for index in range(4)] == ["ctx:a", "ctx:b", "ctx:c", "ctx:d"]
    started = sorted(done, key=lambda index: done[index][1])
    assert started == [1, 3, 2, 0]  # by cost, ties in their order
    assert done[0][2] != os.getpid()  # in a worker, not here


def test_two_workers_share_the_pieces_and_return_each_once() -> None:
    pieces = [str(n) for n in range(12)]
    done = list(longest_first(stamped, pieces, [float(n % 4) for n in range(12)], 2, "ctx"))
    assert sorted(index for index, _ in done) == list(range(12))
    assert {result[0] for _, result in done} == {f"ctx:{n}" for n in range(12)}
    assert os.getpid() not in {result[2] for _, result in done}


def test_an_error_in_a_piece_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="ctx cannot make bad"):
        list(longest_first(failing, ["good", "bad", "also"], [1.0, 2.0, 1.0], 2, "ctx"))
