"""Benchmark: cold `latsar --help`, and `latsar check` on the bundled curriculum and on one 20× its size.

Run: python bench/bench_check.py   (prints figures; not a test)
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
COPIES = 20


def timed(command: list[str], runs: int, cwd: Path | None = None) -> float:
    """Median wall time of `runs` runs, in seconds; fails loudly if the command fails."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def scaled_curriculum(target: Path, copies: int) -> int:
    """Copy the bundled curriculum `copies` times under renamed ids; returns the YAML bytes."""
    shutil.copytree(PROJECT / "seeds", target / "seeds")
    source = PROJECT / "curriculum"
    (target / "curriculum").mkdir()
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
                text = id_pattern.sub(rename, file.read_text(encoding="utf-8"))
                text = re.sub(r"^id: (pre-test|post-test)$", rf"id: \1-{suffix}", text, flags=re.M)
                (target / "curriculum" / folder / f"{file.stem}-{suffix}.yaml").write_text(
                    text, encoding="utf-8")
        listed += [f"{m}{suffix}" for m in module_ids]
    head = programme.split("\nmodules:")[0]
    (target / "curriculum" / "programme.yaml").write_text(
        head + "\nmodules:\n" + "".join(f"  - {m}\n" for m in listed), encoding="utf-8")
    return sum(p.stat().st_size for p in (target / "curriculum").rglob("*.yaml"))


def main() -> None:
    latsar = [sys.executable, "-m", "latsar"]
    help_time = timed(latsar + ["--help"], runs=7)
    python_time = timed([sys.executable, "-c", "pass"], runs=7)
    bundled_bytes = sum(p.stat().st_size for p in (PROJECT / "curriculum").rglob("*.yaml"))
    check_time = timed(latsar + ["check", str(PROJECT / "curriculum")], runs=5)
    with tempfile.TemporaryDirectory() as tmp:
        big_bytes = scaled_curriculum(Path(tmp), COPIES)
        big_time = timed(latsar + ["check", str(Path(tmp) / "curriculum")], runs=3)
    print(f"latsar --help (cold)           {help_time * 1000:7.0f} ms   (bare python start: {python_time * 1000:.0f} ms)")
    print(f"check bundled ({bundled_bytes / 1024:6.0f} KiB YAML) {check_time:7.2f} s")
    print(f"check {COPIES}x     ({big_bytes / 1024:6.0f} KiB YAML) {big_time:7.2f} s"
          f"   ratio {big_time / check_time:.1f}x for {big_bytes / bundled_bytes:.0f}x the input")


if __name__ == "__main__":
    main()
