"""Benchmark: the whole `latsar build` of the bundled curriculum, serial and with a second process.

Run: python bench/bench_build.py   (prints figures; not a test)
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from latsar.build import BuildOptions, build
from latsar.model.load import load_curriculum

PROJECT = Path(__file__).resolve().parents[1]
RUNS = 3


def timed(curriculum, jobs: int) -> tuple[float, int]:
    times, count = [], 0
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            count = len(build(curriculum, Path(out), BuildOptions(jobs=jobs)).files)
            times.append(time.perf_counter() - start)
    return statistics.median(times), count


def main() -> None:
    curriculum, _ = load_curriculum(PROJECT / "curriculum")
    serial, files = timed(curriculum, 1)
    parallel, _ = timed(curriculum, 2)
    print(f"full build, {files} files (median of {RUNS}): serial {serial:.2f} s, "
          f"handouts in a second process {parallel:.2f} s ({serial / parallel:.2f}x)")


if __name__ == "__main__":
    main()
