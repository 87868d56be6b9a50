"""A batch of scan files read page by page (in worker processes when there are several pages),
then checked against itself: the same sheet scanned twice, or one participant number on two
sheets, is flagged on both."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from latsar import sheet_geometry as geo
from latsar.scan.images import FileProblem, PageRef, page_count, scan_files
from latsar.scan.page import PageReading, read_page

Progress = Callable[[int, int], None]  # (pages done, pages in all)
PARALLEL_FROM = 4  # pages; fewer are read in this process


@dataclass
class Batch:
    readings: list[PageReading] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line per file that could not be opened

    @property
    def refused(self) -> list[PageReading]:
        return [r for r in self.readings if r.unreadable]

    @property
    def sheets(self) -> list[PageReading]:
        return [r for r in self.readings if not r.unreadable]


def page_refs(arguments: list[Path], problems: list[str]) -> list[PageRef]:
    from latsar.source.yamlfile import display_path

    refs = []
    for path in scan_files(arguments):
        display = display_path(path)
        try:
            refs += [PageRef(path, display, index) for index in range(page_count(path))]
        except FileProblem as problem:
            problems.append(f"{display}: {problem}")
    return refs


def read_batch(arguments: list[Path], layout: geo.SheetLayout, progress: Progress | None = None,
               workers: int | None = None) -> Batch:
    batch = Batch()
    refs = page_refs(arguments, batch.problems)
    for done, reading in enumerate(_read_all(refs, layout, workers), start=1):
        batch.readings.append(reading)
        if reading.file_problem:
            batch.problems.append(f"{reading.display}: {reading.unreadable}")
        if progress:
            progress(done, len(refs))
    flag_duplicates(batch.sheets)
    return batch


def _read_all(refs: list[PageRef], layout: geo.SheetLayout, workers: int | None):
    import multiprocessing

    from latsar.processes import cores

    count = min(workers or cores(), len(refs))
    if len(refs) < PARALLEL_FROM or count < 2:
        yield from (read_page(ref, layout) for ref in refs)
        return
    # Not plain fork: OpenCV's threads in this process would leave its locks held in a child.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:  # workers start with the reading stack imported once
        context.set_forkserver_preload(["latsar.scan.page", "latsar.scan.sample", "latsar.scan.qr", "cv2"])
    with context.Pool(count, initializer=_limit_threads) as pool:
        yield from pool.imap(_Reader(layout), refs, chunksize=2)


def _limit_threads() -> None:
    """One OpenCV thread per worker: the workers already use every core. Ctrl-C is the parent's."""
    import cv2

    from latsar.processes import ignore_interrupts

    ignore_interrupts()
    cv2.setNumThreads(1)


class _Reader:
    """Picklable `read_page` with the layout bound, speaking the command's language in a worker."""

    def __init__(self, layout: geo.SheetLayout):
        from latsar.messages import language

        self.layout, self.language = layout, language()

    def __call__(self, ref: PageRef) -> PageReading:
        from latsar.messages import speaking

        with speaking(self.language):
            return read_page(ref, self.layout)


def flag_duplicates(sheets: list[PageReading]) -> None:
    """The same sheet twice (same number, paket and answers), or one number on two sheets."""
    seen: dict[tuple, PageReading] = {}
    numbers: dict[tuple[str, int], PageReading] = {}
    for reading in sheets:
        if not reading.participant or has_doubt(reading.participant):
            continue
        key = (reading.participant, reading.version, reading.sheet_page, tuple(reading.answers.items()))
        first = seen.setdefault(key, reading)
        if first is not reading:
            reading.flag(f"duplicate of {where(first)}")
            first.flag(f"duplicate of {where(reading)}")
            continue
        other = numbers.setdefault((reading.participant, reading.sheet_page), reading)
        if other is not reading:
            reading.flag(f"participant also on {where(other)}")
            other.flag(f"participant also on {where(reading)}")


def has_doubt(text: str) -> bool:
    from latsar.scan.decide import DOUBT

    return DOUBT in text


def where(reading: PageReading) -> str:
    return f"{reading.display} p.{reading.page}"
