"""Every benchmark runs in its smoke mode (all its paths once, smallest inputs), so none rots:
each must finish and print its figures, whole commands and in-process stages both."""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"

# Benchmark → lines its output must hold (regular expressions).
EXPECTED: dict[str, tuple[str, ...]] = {
    "bench_check.py": (r"latsar --help +fastest +\d+ ms", r"latsar --help, through typer +fastest +\d+ ms", r"latsar check .* \d+\.\d\d s"),
    "bench_handouts.py": (r"mini +\d+ pages .* pages/s", r"all +\d+ pages .* CPU +\d+\.\d\d s, +\d+ pages/s"),
    "bench_build.py": (r"latsar build \(\d+ files\) +\d+\.\d\d s .*peak \d+ MiB", r"one core +\d+\.\d\d s",
                       r"two worker processes +\d+\.\d\d s", r"each step on one core .*handouts \d+\.\d\d s"),
    "bench_quiz.py": (r"latsar quiz kuis .* \d+\.\d\d s .* \d+ MiB", r"kuis +\d+ items x +2 versions",
                      r"one kuis booklet .* ratio \d+\.\d\dx"),
    "bench_tables.py": (r"booklets +kuis .* \d+\.\d\d ms/page", r"key +kuis .* ms/page, \d+\.\d\dx",
                        r"kisi-kisi +kuis .* ms/page", r"pembahasan +kuis .* ms/page",
                        r"sheet +kuis: .* ms/page", r"report +\d+ tables: +\d+ pages"),
    "peers.py": (r"latsar quiz +\d+\.\d\d s .* 2 booklets \(\d+ pages\) \+ 2 Word",
                 r"latsar quiz, no Word files +\d+\.\d\d s .* Word booklets cost",
                 r"auto-multiple-choice +skipped: not (installed here|run with --smoke)",
                 r"R/exams +skipped: not (installed here|run with --smoke)"),
    "bench_score.py": (r"latsar score +: +\d+\.\d\d s", r"scoring total +: +\d+\.\d+ s"),
    "bench_scan.py": (r"photo keystone\+bulge +\d+\.\d%", r"all +100\.0% +100\.0/ 0\.0/0\.0",
                      r"\d+ JPEG scans at \d+ dpi : .* sheets/s", r"one 6-page PDF : .* peak \d+ MiB"),
}


def test_every_benchmark_is_covered() -> None:
    scripts = {p.name for p in BENCH.glob("*.py") if p.name != "harness.py"}
    assert scripts == set(EXPECTED)


@pytest.mark.parametrize("script", sorted(EXPECTED))
def test_benchmark_smoke(script: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCH))
    monkeypatch.setattr(sys, "argv", [str(BENCH / script), "--smoke"])
    runpy.run_path(str(BENCH / script), run_name="__main__")
    out = capsys.readouterr().out
    assert re.search(r"UTC, .*core.*load \d", out), out
    for pattern in EXPECTED[script]:
        assert re.search(pattern, out), f"{script}: no line like {pattern!r} in:\n{out}"
