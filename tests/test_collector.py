"""The cycle collector paused while a curriculum loads or a document is laid out, and resumed
(as it was) after."""

from __future__ import annotations

import gc
from typing import Iterator

import pytest

from latsar.collector import collected_after, collecting_later


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generation of every collection Python starts while the test runs."""
    started: list[int] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(note)
    yield started
    gc.callbacks.remove(note)


def garbage_cycles(count: int) -> None:
    for _ in range(count):
        cycle: list = []
        cycle.append(cycle)


def test_no_collection_runs_inside_and_the_collector_resumes_after(collections):
    assert gc.isenabled()
    with collecting_later():
        garbage_cycles(50_000)  # far beyond the first generation's threshold (700)
        assert not gc.isenabled()
        inside = len(collections)
    assert inside == 0
    assert gc.isenabled()
    garbage_cycles(1_000)
    assert collections  # resumed: the cycles left behind are collected


def test_paused_blocks_nest_and_leave_a_paused_collector_paused():
    with collecting_later():
        with collecting_later():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collecting_later():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_document_renderer_runs_paused_and_keeps_its_name_and_result(collections):
    @collected_after
    def kisi_pdf(rows: int) -> bool:
        garbage_cycles(rows)
        return gc.isenabled()

    assert kisi_pdf(20_000) is False
    assert collections in ([], [0])  # at most the one collection of what it left, after it
    assert kisi_pdf.__name__ == "kisi_pdf" and gc.isenabled()


def test_the_collector_resumes_when_the_renderer_fails():
    @collected_after
    def broken() -> None:
        raise OSError("disk full")

    with pytest.raises(OSError):
        broken()
    assert gc.isenabled()

