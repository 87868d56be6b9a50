"""Benchmark: `latsar --help`, and `latsar check` on the bundled curriculum and on one 20x its
size, as whole commands in a fresh process; loading and checking in process beside them.

Help is answered from pre-rendered texts on a terminal of 80 columns or more (quickhelp.py), by
typer itself on a narrower one: both are timed (fastest and median of N), beside bare Python.
A plain `latsar check` runs before typer loads (quickrun.py); `latsar check -- DIR` does the same
work through typer, timed beside it. Python's bytecode caches are written first and used, as a
user's are (PYTHONDONTWRITEBYTECODE is ignored here).

Run: python bench/bench_check.py [--runs N] [--smoke]
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import harness

PROJECT = harness.PROJECT
COPIES = 20
# Copied once: twenty copies of the same quizzes add little YAML, and a renamed copy may find the
# few C4 items of a module taken by its renamed evaluasi (selection follows the item ids).
PROGRAMME_QUIZZES = ("pre-test", "post-test")


def scaled_curriculum(target: Path, copies: int) -> int:
    """Copy the bundled curriculum `copies` times under renamed ids; returns the YAML bytes."""
    shutil.copytree(PROJECT / "seeds", target / "seeds")
    source = PROJECT / "curriculum"
    (target / "curriculum").mkdir()
    for asset in sorted(source.iterdir()):  # the programme's logo and other files it names
        if asset.is_file() and asset.suffix != ".yaml":
            shutil.copyfile(asset, target / "curriculum" / asset.name)
    programme = (source / "programme.yaml").read_text(encoding="utf-8")
    module_ids = [p.stem for p in sorted((source / "modules").glob("*.yaml"))]
    names = "|".join(map(re.escape, sorted(module_ids, key=len, reverse=True)))
    # Ids only: a module id that starts a longer id (wog-2, wog-bab-1) or is a key's whole value.
    id_pattern = re.compile(rf"(?<![\w-])({names})(?=-[a-z0-9])|(?<=module: )({names})\b|(?<=^id: )({names})$|(?<=^id: evaluasi-)({names})$", re.M)
    listed = []
    for n in range(copies):
        suffix = f"x{n}"

        def rename(match: re.Match) -> str:
            return f"{match.group(0)}{suffix}"

        for folder in ("modules", "items", "blueprints"):
            (target / "curriculum" / folder).mkdir(exist_ok=True)
            for file in sorted((source / folder).glob("*.yaml")):
                if n and file.stem in PROGRAMME_QUIZZES:
                    continue
                text = id_pattern.sub(rename, file.read_text(encoding="utf-8"))
                text = re.sub(r"^id: (pre-test|post-test)$", rf"id: \1{suffix}", text, flags=re.M)
                (target / "curriculum" / folder / f"{file.stem}{suffix}.yaml").write_text(
                    text, encoding="utf-8")
        listed += [f"{m}{suffix}" for m in module_ids]
    head = programme.split("\nmodules:")[0]
    (target / "curriculum" / "programme.yaml").write_text(
        head + "\nmodules:\n" + "".join(f"  - {m}\n" for m in listed), encoding="utf-8")
    return sum(p.stat().st_size for p in (target / "curriculum").rglob("*.yaml"))


def in_process(curriculum: Path, runs: int) -> float:
    from latsar.model.load import load_curriculum

    load_curriculum(curriculum)  # imports and first-use caches are the whole command's business
    return harness.timed(lambda: load_curriculum(curriculum), runs)[0]


def fastest(argv: list[str], runs: int, columns: int) -> tuple[float, float, float]:
    """Fastest and median wall time of `runs` fresh runs, and the median CPU time, on a terminal of
    `columns` columns (help is wrapped to the terminal)."""
    os.environ["COLUMNS"] = str(columns)
    results = [harness.run_whole(argv) for _ in range(runs)]
    walls = [r.seconds for r in results]
    return min(walls), statistics.median(walls), statistics.median(r.cpu_seconds for r in results)


def help_figures(runs: int) -> None:
    python = fastest([sys.executable, "-c", "pass"], runs, 80)
    print(f"  bare Python start                fastest {python[0] * 1000:4.0f} ms, median {python[1] * 1000:4.0f} ms "
          f"(CPU {python[2] * 1000:.0f} ms)")
    for label, args, columns in (("latsar --help", ["--help"], 80), ("latsar check --help", ["check", "--help"], 80),
                                 ("latsar --version", ["--version"], 80),
                                 ("latsar --help, through typer", ["--help"], 60)):
        best, median, cpu = fastest(harness.latsar() + args, runs, columns)
        print(f"  {label:31s}  fastest {best * 1000:4.0f} ms, median {median * 1000:4.0f} ms (CPU {cpu * 1000:.0f} ms)"
              f"{'   (a 60-column terminal)' if columns < 80 else ''}{'   target < 50 ms' if args == ['--help'] and columns >= 80 else ''}")
    os.environ["COLUMNS"] = "80"


def main(argv: list[str] | None = None) -> None:
    opts = harness.options(__doc__, runs=7, argv=argv)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # users have .pyc caches: time with them
    source = harness.MINI if opts.smoke else PROJECT
    print(harness.machine())
    help_runs = opts.runs if opts.smoke else max(opts.runs, 15)
    print(f"whole command, fresh process (help: {help_runs} runs; check: median of {opts.runs})")
    help_figures(help_runs)
    curriculum = source / "curriculum"
    harness.run_whole(harness.latsar() + ["check", "--", str(curriculum)])  # writes the caches of both paths
    check = harness.whole(harness.latsar() + ["check", str(curriculum)], opts.runs)
    typer_check = harness.whole(harness.latsar() + ["check", "--", str(curriculum)], opts.runs)
    loading = in_process(curriculum, opts.runs)
    size = sum(p.stat().st_size for p in curriculum.rglob("*.yaml"))
    print(f"  latsar check ({size / 1024:5.0f} KiB of YAML)  {check.seconds:6.2f} s (CPU {check.cpu_seconds:.2f} s)"
          f"   target < 0.3 s; load and check in process {loading:.3f} s, the rest is start-up")
    print(f"  latsar check -- DIR (typer)      {typer_check.seconds:6.2f} s (CPU {typer_check.cpu_seconds:.2f} s)"
          f"   the plain check takes {harness.ratio(check.seconds, typer_check.seconds)} of it")
    with tempfile.TemporaryDirectory() as tmp:
        big = scaled_curriculum(Path(tmp), 1 if opts.smoke else COPIES)
        if opts.smoke:  # the copy must stay a valid curriculum: checked in process, quickly
            from latsar.model.load import load_curriculum

            load_curriculum(Path(tmp) / "curriculum")
        else:
            scaled = harness.whole(harness.latsar() + ["check", str(Path(tmp) / "curriculum")], 3)
            print(f"  latsar check ({big / 1024:5.0f} KiB, {COPIES}x)     {scaled.seconds:6.2f} s   ratio "
                  f"{harness.ratio(scaled.seconds, check.seconds)} for {big / size:.0f}x the input")


if __name__ == "__main__":
    main()
