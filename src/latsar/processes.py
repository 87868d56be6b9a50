"""Worker processes: how many this command may use, and how workers start.

A second process only pays when a core is free for it: on a machine busy with other work, two
processes of ours share one core with the overhead of forking and collecting on top, and the
command is slower than on one core. So workers are sized by the cores this process may use
(affinity, containers) minus the processes other programs are running right now.
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import time
from pathlib import Path
from typing import Any, Callable

LOADAVG = Path("/proc/loadavg")
SAMPLES, SAMPLE_GAP = 5, 0.002  # a median of a few instants: one reading is noisy


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))  # respects container and taskset limits
    except AttributeError:
        return os.cpu_count() or 1


def running_elsewhere() -> float:
    """Processes running right now besides this one (Linux's runnable count in /proc/loadavg,
    the median of a few readings); elsewhere the last minute's load average."""
    try:
        readings = []
        for sample in range(SAMPLES):
            readings.append(int(LOADAVG.read_text().split()[3].split("/")[0]) - 1)
            if sample < SAMPLES - 1:
                time.sleep(SAMPLE_GAP)
        return max(0.0, statistics.median(readings))
    except (OSError, IndexError, ValueError):
        return _load_average()


def _load_average() -> float:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def free_cores(usable: Callable[[], int] = cores, busy: Callable[[], float] = running_elsewhere) -> int:
    """Cores free for this command's processes: at least 1 (this one), at most what it may use."""
    total = usable()
    if total < 2:
        return 1
    return max(1, min(total, int(total - busy() + 0.5)))


def fork_context() -> Any:
    # Forked workers start with the modules already imported (reportlab, registered fonts);
    # elsewhere the platform's default start method.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C reaches every process of the terminal's group; the parent alone
    answers it (one line, exit 130) and stops its workers, which must not print tracebacks."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def stop_workers() -> None:
    """End this process's workers now (after Ctrl-C), instead of waiting for their work to finish."""
    for child in multiprocessing.active_children():
        child.terminate()
