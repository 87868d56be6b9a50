"""Worker processes: how many cores this process may use, and how workers start."""

from __future__ import annotations

import multiprocessing
import os
from typing import Any


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # respects container and taskset limits
    except AttributeError:
        return os.cpu_count() or 1


def fork_context() -> Any:
    # Forked workers start with the modules already imported (reportlab, registered fonts);
    # elsewhere the platform's default start method.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)
