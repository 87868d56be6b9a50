"""Benchmark: the whole `latsar build` of the bundled curriculum as a user runs it (a fresh
process, into an empty folder), then the same build in process, on one core and with its
pieces (each handout, the book, each Word file, each quiz set ...) spread over two worker
processes, longest first; then what each step costs on one core, and when each piece ran on the
two workers (the critical path).

Run: python bench/bench_build.py [--runs N] [--smoke]
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import harness


def in_process(source: Path, jobs: int, runs: int, warm: bool) -> tuple[float, int]:
    from latsar.build import BuildOptions, build
    from latsar.model.load import load_curriculum

    curriculum, _ = load_curriculum(source / "curriculum")

    def once() -> int:
        with tempfile.TemporaryDirectory() as out:
            return len(build(curriculum, Path(out), BuildOptions(jobs=jobs)).sizes)

    if warm:
        once()  # imports, fonts
    return harness.timed(once, runs)


def steps(source: Path) -> list[tuple[str, float]]:
    """CPU seconds of each build step on one core, in build order (warm)."""
    import time

    from latsar.build import STEPS, BuildContext, BuildOptions, run_steps
    from latsar.model.load import load_curriculum

    curriculum, _ = load_curriculum(source / "curriculum")
    context = BuildContext(curriculum, BuildOptions(jobs=1))
    context.prepare()
    found = []
    for name in STEPS:
        start = time.process_time()
        run_steps(context, (name,))
        found.append((name, time.process_time() - start))
    return found


def timeline(source: Path) -> list[tuple[int, str, float, float, float]]:
    """Each piece as two workers ran it (warm): (worker, piece, start, end, CPU seconds), times
    from the first start."""
    from latsar.build import STEPS, BuildContext, BuildOptions
    from latsar.model.load import load_curriculum
    from latsar.schedule import longest_first

    curriculum, _ = load_curriculum(source / "curriculum")
    context = BuildContext(curriculum, BuildOptions(jobs=2))
    context.prepare()
    parts = [part for name in STEPS for part in STEPS[name](context) if not part.alone]
    rows = sorted((row for _, row in longest_first(_timed, parts, [part.cost for part in parts], 2, context)),
                  key=lambda row: row[2])
    workers: dict[int, int] = {}
    for pid, *_ in rows:
        workers.setdefault(pid, len(workers) + 1)
    first = rows[0][2]
    return [(workers[pid], name, start - first, end - first, cpu) for pid, name, start, end, cpu in rows]


def _timed(context, part) -> tuple[int, str, float, float, float]:
    import os
    import time

    from latsar.build import Outputs

    start, cpu = time.monotonic(), time.process_time()
    part.run(context, Outputs())
    name = part.make.__name__ + (f"({', '.join(map(str, part.args))})" if part.args else "")
    return os.getpid(), name, start, time.monotonic(), time.process_time() - cpu


def print_timeline(rows: list[tuple[int, str, float, float, float]]) -> None:
    print("when each piece ran on two workers (warm, seconds from the first start; CPU beside)")
    for worker in sorted({row[0] for row in rows}):
        mine = sorted((row for row in rows if row[0] == worker), key=lambda row: row[2])
        print(f"  worker {worker}, done at {mine[-1][3]:.2f} s: " + ", ".join(
            f"{name} {start:.2f}-{end:.2f} ({cpu:.2f})" for _, name, start, end, cpu in mine))


def main(argv: list[str] | None = None) -> None:
    opts = harness.options(__doc__, runs=3, argv=argv)
    source = harness.MINI if opts.smoke else harness.PROJECT
    print(harness.machine())
    with tempfile.TemporaryDirectory() as tmp:
        command = harness.latsar() + ["build", str(source / "curriculum"), "--out", f"{tmp}/build"]
        r = harness.whole(command, opts.runs)
    serial, files = in_process(source, 1, opts.runs, not opts.smoke)
    parallel, _ = in_process(source, 2, opts.runs, not opts.smoke)
    print(f"whole command, fresh process (median of {opts.runs})")
    print(f"  latsar build ({files} files)  {r.seconds:6.2f} s (CPU {r.cpu_seconds:.2f} s)   peak "
          f"{r.peak_pss_mib:.0f} MiB PSS ({r.peak_rss_mib:.0f} RSS) over {r.processes} process(es)   (target < 3 s)")
    print(f"in process, warm (median of {opts.runs})")
    print(f"  one core {serial:6.2f} s; two worker processes {parallel:6.2f} s "
          f"({harness.ratio(serial, parallel)} faster); whole command / in process: "
          f"{harness.ratio(r.seconds, min(serial, parallel))}")
    costs = steps(source)
    print("each step on one core (CPU, warm): " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in costs))
    print_timeline(timeline(source))


if __name__ == "__main__":
    main()
