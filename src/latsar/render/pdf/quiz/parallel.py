"""Booklets (each version's PDF and Word file) rendered in worker processes when there are
enough of them to repay the start-up.

An internal detail of `quiz_set`: the bytes are the same as the serial path's (each booklet is
rendered from the same job by the same function; workers share nothing but their inputs), and
small quizzes never start a process, and a busy machine gets fewer workers (see
latsar.processes.free_cores). Workers are forked where the platform allows, so they
start with reportlab imported and the fonts registered.
"""

from __future__ import annotations

import functools
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Iterator, Sequence

from latsar.processes import fork_context, free_cores, ignore_interrupts, stop_workers
from latsar.render.pdf.quiz.booklet import BookletJob, Items, booklet_pdf
from latsar.render.pdf.theme import Theme

if TYPE_CHECKING:
    from latsar.render.docx.quiz import WordBooklets

# Fewer booklets than this render serially: forking and collecting would cost more than it saves.
# Each worker first records the quiz's texts (~0.17 s) before its booklets (~8 ms each): measured
# as whole commands on 2 cores against one (2026-12-06), 24 versions lost 2.5 %, 36 won 5 %.
PARALLEL_MIN = 30
BATCHES_PER_WORKER = 3  # a few batches each, so one slow batch does not leave a core idle
BATCH_MOST = 25  # booklets in one batch at most: what a worker and the collector hold at once


def render_serially(jobs: Sequence[BookletJob], theme: Theme) -> list[tuple[bytes, bytes]]:
    """(PDF, Word file) of each job's booklet."""
    return [render_one(job, theme) for job in jobs]


def render_one(job: BookletJob, theme: Theme) -> tuple[bytes, bytes]:
    items, words = _makers(theme, job.booklet.info.title, job.booklet.info.institution)
    return booklet_pdf(job, theme, items), words.docx(job.booklet, job.texts)


@functools.lru_cache(maxsize=1)
def _makers(theme: Theme, title: str, institution: str) -> tuple[Items, WordBooklets]:
    """What the booklets of one quiz share (parsed texts, option layouts, the Word model and
    pieces), made once per process: a worker keeps them from one batch to the next. A booklet's
    bytes never depend on what was made before it (tested)."""
    from latsar.render.docx.quiz import WordBooklets

    return Items(theme), WordBooklets(title, institution, theme)


class Booklets:
    """Starts the booklets on entering (in workers when worthwhile), so the caller can render
    the other documents meanwhile; `results()` waits for them, in job order."""

    def __init__(self, jobs: Sequence[BookletJob], theme: Theme, workers: int | None = None):
        self.jobs, self.theme = list(jobs), theme
        self._wanted = workers  # None: as many as there are free cores
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Future] = []

    def __enter__(self) -> Booklets:
        # Cores are counted only for a set big enough to use them (counting takes a few ms).
        big = len(self.jobs) >= PARALLEL_MIN
        self.workers = min(self._wanted or (free_cores() if big else 1), len(self.jobs))
        if self.workers >= 2 and big:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=fork_context(), initializer=ignore_interrupts)
            self._futures = [self._pool.submit(render_serially, batch, self.theme) for batch in self._batches()]
        return self

    def __exit__(self, kind: type | None, *exc_info: object) -> None:
        if self._pool is not None:
            if kind is KeyboardInterrupt:
                stop_workers()
            self._pool.shutdown(wait=True, cancel_futures=True)

    def _batches(self) -> list[list[BookletJob]]:
        count = min(len(self.jobs), max(self.workers * BATCHES_PER_WORKER, -(-len(self.jobs) // BATCH_MOST)))
        size, extra = divmod(len(self.jobs), count)
        batches, start = [], 0
        for index in range(count):
            end = start + size + (index < extra)
            batches.append(self.jobs[start:end])
            start = end
        return batches

    def results(self) -> Iterator[tuple[bytes, bytes]]:
        """(PDF, Word file) of the booklets in job order, each as soon as it (or its batch) is
        done; a batch is let go once handed on, so memory holds a few batches, not the whole set."""
        if self._pool is None:
            yield from (render_one(job, self.theme) for job in self.jobs)
            return
        while self._futures:
            yield from self._futures.pop(0).result()

