"""Independent pieces of work run in worker processes, the longest first.

Handing out the longest pieces first, and the next piece to whichever worker is free, keeps every
worker busy to the end: the last pieces to start are short ones, so no worker waits long for
another (Graham's longest-processing-time rule: within 4/3 of the best split). The costs need
only be rough; a worker that finishes early simply takes the next piece.
"""

from __future__ import annotations

import gc
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Callable, Iterator, Sequence, TypeVar

from latsar.processes import fork_context, ignore_interrupts, stop_workers

C, P, R = TypeVar("C"), TypeVar("P"), TypeVar("R")

# The context a worker process was started with: set once, in the worker only, by `_adopt`.
_ADOPTED: list = []


def longest_first(work: Callable[[C, P], R], pieces: Sequence[P], costs: Sequence[float], workers: int,
                  context: C) -> Iterator[tuple[int, R]]:
    """(index, work(context, piece)) of every piece, as each finishes. The workers are started
    with `context` (forked with it where the platform allows: never copied piece by piece);
    `work` and each piece are sent to them, so they must be picklable (module-level functions)."""
    order = sorted(range(len(pieces)), key=lambda index: (-costs[index], index))
    with ProcessPoolExecutor(workers, mp_context=fork_context(), initializer=_adopt, initargs=(context,)) as pool:
        futures = {pool.submit(_call, work, pieces[index]): index for index in order}
        try:
            for future in as_completed(futures):
                yield futures[future], future.result()
        except BaseException:
            # An error, Ctrl-C, or a caller that stopped reading: the pieces under way are not
            # wanted, so their workers end now instead of when the pieces are done.
            stop_workers()
            raise


def _adopt(context: object) -> None:
    ignore_interrupts()
    # What the worker was forked with (the curriculum, the plans, imported modules) lives as long
    # as the worker: the cycle collector need not walk it again at every collection.
    gc.freeze()
    _ADOPTED[:] = [context]


def _call(work: Callable[[C, P], R], piece: P) -> R:
    return work(_ADOPTED[0], piece)
