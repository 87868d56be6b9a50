"""What every benchmark shares: whole commands timed in a fresh process (as a user runs them,
process start included) with their peak memory across every process they start, in-process
stages timed warm, a workspace copy of a curriculum, and the `--smoke` switch.

Benchmarks need only a plain install of latsar (no test extras). `--smoke` runs every code path
of a benchmark once on the smallest inputs, so the test suite can run it in a second or two;
its figures mean nothing.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence, TypeVar

PROJECT = Path(__file__).resolve().parents[1]
MINI = PROJECT / "tests" / "fixtures" / "mini"  # the smallest whole curriculum, for --smoke
T = TypeVar("T")


# --------------------------------------------------------------------------- options


@dataclass(frozen=True)
class Options:
    smoke: bool
    runs: int


def options(doc: str | None, runs: int, argv: Sequence[str] | None = None) -> Options:
    """`--smoke` (one run, smallest inputs) and `--runs N` (median of N)."""
    parser = argparse.ArgumentParser(description=(doc or "").strip().splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="one quick run of every path (for the tests)")
    parser.add_argument("--runs", type=int, default=runs, help=f"runs per figure, the median printed (default {runs})")
    args = parser.parse_args(argv)
    return Options(args.smoke, 1 if args.smoke else max(1, args.runs))


def machine() -> str:
    """When and where: the figures mean little without the load beside them."""
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.machine()}, "
            f"{usable_cores()} usable core(s) of {os.cpu_count()}, load {load}, "
            f"Python {platform.python_version()}")


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


# --------------------------------------------------------------------------- whole commands


def latsar() -> list[str]:
    """The `latsar` command as installed beside this Python (what a user types)."""
    script = Path(sys.executable).with_name("latsar")
    return [str(script)] if script.exists() else [sys.executable, "-m", "latsar"]


@dataclass(frozen=True)
class Whole:
    """One whole command: wall seconds, CPU seconds of all its processes (user + system: what a
    busy machine inflates least), and its peak memory summed over all its processes (PSS, so pages
    shared by forked workers count once; RSS beside it for comparison)."""

    seconds: float
    cpu_seconds: float
    peak_pss_mib: float
    peak_rss_mib: float
    processes: int


def run_whole(argv: Sequence[str], cwd: Path | None = None, memory: bool = False) -> Whole:
    """Run a command to its end; raise with its output if it fails. Its memory is sampled only
    when `memory` is asked for (see `whole`): the time of such a run is not a figure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(list(argv), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sampler = TreeSampler(process.pid, MEMORY_SAMPLE_EVERY) if memory else None
    if sampler:
        sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - start
    if sampler:
        sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, argv))} exited {process.returncode}:\n{err.decode()}{out.decode()}")
    if not sampler:
        return Whole(seconds, cpu, 0.0, 0.0, 0)
    return Whole(seconds, cpu, sampler.peak_pss / 2**20, sampler.peak_rss / 2**20, sampler.processes)


# Reading a process's /proc/PID/smaps_rollup makes the kernel walk its page tables: every 10 ms,
# over a build's three processes on two cores, that slowed the build itself by 0.3-0.9 s (2.7 s
# unsampled against 3.0-3.6 s sampled, measured 2026-12-06). So a command is timed unsampled,
# and its memory is taken in one more run of its own.
MEMORY_SAMPLE_EVERY = 0.01


def whole(argv: Sequence[str], runs: int, cwd: Path | None = None) -> Whole:
    """The median time of `runs` unsampled runs, and the peak memory of one more, sampled run."""
    timed = median([run_whole(argv, cwd) for _ in range(runs)])
    sampled = run_whole(argv, cwd, memory=True)
    return Whole(timed.seconds, timed.cpu_seconds, sampled.peak_pss_mib, sampled.peak_rss_mib, sampled.processes)


def median(results: Sequence[Whole]) -> Whole:
    """Several runs of one command as one figure: the median times, the highest memory where
    sampled (for runs interleaved with other commands', so that each meets the same machine load)."""
    return Whole(statistics.median(r.seconds for r in results), statistics.median(r.cpu_seconds for r in results),
                 max(r.peak_pss_mib for r in results),
                 max(r.peak_rss_mib for r in results), max(r.processes for r in results))


class TreeSampler:
    """Samples the memory of a process and all its descendants from /proc (Linux); elsewhere
    it reports nothing. Reading /proc costs the sampled processes time (see MEMORY_SAMPLE_EVERY)."""

    def __init__(self, root: int, every: float):
        self.root, self.every = root, every
        self.peak_pss = self.peak_rss = 0
        self.seen: set[int] = set()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    @property
    def processes(self) -> int:
        return len(self.seen)

    def start(self) -> None:
        if Path("/proc/self/smaps_rollup").exists():
            self._thread.start()

    def stop(self) -> None:
        self._done.set()
        if self._thread.is_alive():
            self._thread.join()

    def _loop(self) -> None:
        while not self._done.is_set():
            pids = _tree(self.root)
            self.seen.update(pids)
            pss = rss = 0
            for pid in pids:
                fields = _rollup(pid)
                pss, rss = pss + fields.get("Pss", 0), rss + fields.get("Rss", 0)
            self.peak_pss, self.peak_rss = max(self.peak_pss, pss), max(self.peak_rss, rss)
            self._done.wait(self.every)


def _tree(root: int) -> list[int]:
    pids, queue = [], [root]
    while queue:
        pid = queue.pop()
        pids.append(pid)
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                queue += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue  # ended meanwhile
    return pids


def _rollup(pid: int) -> dict[str, int]:
    """Pss and Rss of one process in bytes (0 when it has ended)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return {}
    return {m[1]: int(m[2]) * 1024 for m in re.finditer(r"^(\w+):\s+(\d+) kB", text, re.M)}


# --------------------------------------------------------------------------- in-process stages


def timed(function: Callable[[], T], runs: int, clock: Callable[[], float] = time.perf_counter) -> tuple[float, T]:
    """Median seconds of `runs` calls, and the last call's result. `clock=time.process_time`
    gives this process's CPU seconds instead (what a busy machine inflates least; right only for
    work done in this process)."""
    times, result = [], None
    for _ in range(runs):
        start = clock()
        result = function()
        times.append(clock() - start)
    return statistics.median(times), result


def pdf_pages(data: bytes) -> int:
    """Pages of a PDF that reportlab wrote (its page objects are never compressed)."""
    return len(re.findall(rb"/Type /Page\b(?!s)", data))


# --------------------------------------------------------------------------- workspaces


def workspace(target: Path, versions: dict[str, int] | None = None, source: Path = PROJECT) -> Path:
    """A copy of `source`'s curriculum/ and seeds/ in `target`, with blueprints' `versions:`
    changed as given (the way a trainer would edit them); returns the curriculum folder."""
    for part in ("curriculum", "seeds"):
        shutil.copytree(source / part, target / part, ignore=shutil.ignore_patterns("stats", "__pycache__"))
    for blueprint_id, count in (versions or {}).items():
        path = target / "curriculum" / "blueprints" / f"{blueprint_id}.yaml"
        text, changed = re.subn(r"^versions: \d+$", f"versions: {count}", path.read_text(encoding="utf-8"),
                                count=1, flags=re.M)
        if not changed:
            raise ValueError(f"{path}: no `versions:` line to change")
        path.write_text(text, encoding="utf-8")
    return target / "curriculum"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"
