"""Worker sizing: a second process only where a core is free for it."""

from __future__ import annotations

import pytest

from latsar import processes
from latsar.processes import free_cores


@pytest.mark.parametrize(("usable", "busy", "expected"), [
    (1, 0.0, 1),    # one core: never a worker
    (2, 0.0, 2),    # quiet: both
    (2, 0.4, 2),
    (2, 1.0, 1),    # another program holds a core
    (2, 6.0, 1),    # a busy machine: this process alone, never zero
    (8, 3.0, 5),
    (4, -1.0, 4),   # never more than the cores this process may use
])
def test_workers_follow_the_free_cores(usable: int, busy: float, expected: int) -> None:
    assert free_cores(lambda: usable, lambda: busy) == expected


def test_running_elsewhere_reads_the_runnable_count(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    loadavg = tmp_path / "loadavg"
    loadavg.write_text("7.50 6.10 4.00 4/312 9999\n")
    monkeypatch.setattr(processes, "LOADAVG", loadavg)
    assert processes.running_elsewhere() == 3  # this process is one of the four


def test_without_proc_the_load_average_stands_in(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "LOADAVG", tmp_path / "missing")
    monkeypatch.setattr(processes.os, "getloadavg", lambda: (1.25, 1.0, 1.0))
    assert processes.running_elsewhere() == 1.25
