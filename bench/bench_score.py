"""Benchmark: score 10,000 participants × 50 items (4 versions) from latsar's answer template.

Run: python bench/bench_score.py   (prints figures; not a test)

Stages timed separately: reading and checking the CSV into answers (csv module, one row at a
time), building the matrices, the item analysis (numpy), the per-participant results, and the
CSV/XLSX outputs. The report PDF is left out: its cost does not grow with participants.
"""

from __future__ import annotations

import csv
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "src"))

from latsar.model.load import load_curriculum  # noqa: E402
from latsar.model.schema import Rule  # noqa: E402
from latsar.plan.quiz import plan_quiz  # noqa: E402
from latsar.score import export  # noqa: E402
from latsar.score.analysis import analyse  # noqa: E402
from latsar.score.key import LETTERS, answer_key  # noqa: E402
from latsar.score.readers import read_answers  # noqa: E402
from latsar.score.results import participant_results  # noqa: E402
from latsar.score.scoring import combine  # noqa: E402
from latsar.score.settings import Settings  # noqa: E402

PARTICIPANTS = 10_000
ITEMS_PER_MODULE = {"wog": 8, "agen-perubahan": 8, "humas": 9, "melayani": 8, "budaya-kinerja": 9, "profesi": 8}
RUNS = 3


def fifty_item_quiz():
    curriculum = load_curriculum(PROJECT / "curriculum")[0]
    base = curriculum.blueprint_by_id["post-test"]
    rules = [Rule(module=m, count=n) for m, n in ITEMS_PER_MODULE.items()]
    blueprint = base.model_copy(update={"id": "bench-50", "rules": rules, "versions": 4})
    plan = plan_quiz(curriculum, blueprint)
    return curriculum, answer_key(curriculum, plan)


def answers_csv(key, path: Path) -> None:
    """Answers from a simple ability model, so the statistics have something to find."""
    rng = np.random.default_rng(2026)
    ability = rng.normal(size=PARTICIPANTS)
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(["no_peserta", "nama", "paket", *map(str, range(1, key.length + 1))])
    for n in range(PARTICIPANTS):
        code = key.codes[n % len(key.codes)]
        row = [f"P{n:05d}", f"Peserta {n}", code]
        for q in key.questions[code]:
            right = rng.random() < 1 / (1 + np.exp(-(ability[n] + 1.0)))
            row.append(q.key if right else LETTERS[int(rng.integers(len(q.order)))])
        writer.writerow(row)
    path.write_text(text.getvalue(), encoding="utf-8")


def timed(function, *args):
    times, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    curriculum, key = fifty_item_quiz()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "jawaban.csv"
        answers_csv(key, path)
        size = path.stat().st_size
        t_read, parsed = timed(read_answers, path, key)
    t_combine, scored = timed(combine, key, [parsed])
    t_analyse, analysis = timed(analyse, curriculum, key, scored, Settings())
    t_results, results = timed(participant_results, curriculum, key, scored)
    sheets = [export.scores_sheet(results, False), export.items_sheet(analysis)]
    t_csv, _ = timed(lambda: [export.csv_bytes(s) for s in sheets])
    t_xlsx, _ = timed(export.workbook, sheets, __import__("datetime").datetime(2026, 11, 23))
    total = t_read + t_combine + t_analyse + t_results
    print(f"{PARTICIPANTS:,} participants × {key.length} items, {len(key.codes)} versions, CSV {size / 1e6:.1f} MB")
    print(f"  read + check answers : {t_read:7.3f} s")
    print(f"  build matrices       : {t_combine:7.3f} s")
    print(f"  item analysis (numpy): {t_analyse:7.3f} s")
    print(f"  participant results  : {t_results:7.3f} s")
    print(f"  scoring total        : {total:7.3f} s  ({PARTICIPANTS / total:,.0f} participants/s)")
    print(f"  scores+items CSV     : {t_csv:7.3f} s")
    print(f"  workbook (.xlsx)     : {t_xlsx:7.3f} s")
    print(f"  KR-20 = {analysis.forms[0].reliability.kr20:.3f}, mean p = "
          f"{np.mean([i.p for i in analysis.items]):.3f}, rejected = {len(scored.rejected)}")


if __name__ == "__main__":
    main()
