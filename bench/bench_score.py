"""Benchmark: score 10,000 participants x 44 items (4 versions) from latsar's answer template.

First the whole command, `latsar score` in a fresh process (everything it writes included: the
scores, the item analysis, the report PDF, the .xlsx and the item statistics), on a copy of the
bundled curriculum with a 44-item blueprint whose quiz set was built first. Then its stages in
process: reading and checking the CSV into answers (csv module, one row at a
time), building the matrices, the item analysis (numpy), the per-participant results, and the
CSV/XLSX outputs. The report PDF is left out there: its cost does not grow with participants.

Run: python bench/bench_score.py [--runs N] [--smoke]
"""

from __future__ import annotations

import csv
import io
import datetime
import tempfile
from pathlib import Path

import numpy as np

import harness
from latsar.model.load import load_curriculum
from latsar.plan.quiz import plan_quiz
from latsar.plan.types import LETTERS
from latsar.score import export
from latsar.score.analysis import analyse
from latsar.score.key import answer_key
from latsar.score.readers import read_answers
from latsar.score.results import participant_results
from latsar.score.scoring import combine
from latsar.score.settings import Settings

PARTICIPANTS, SMOKE_PARTICIPANTS = 10_000, 200
# As many items as the bank offers beside those printed with their key in the handouts: 44.
ITEMS_PER_MODULE = {"wog": 8, "agen-perubahan": 7, "humas": 8, "melayani": 7, "budaya-kinerja": 7, "profesi": 7}
SMOKE_ITEMS = {"wog": 2, "humas": 2}
BLUEPRINT_ID = "bench-44"


def big_quiz_workspace(target: Path, per_module: dict[str, int]) -> Path:
    """A copy of the bundled curriculum with one more blueprint, as a trainer would write it."""
    curriculum = harness.workspace(target)
    text = (curriculum / "blueprints" / "post-test.yaml").read_text(encoding="utf-8")
    head = text.split("\nrules:")[0].replace("id: post-test", f"id: {BLUEPRINT_ID}")
    rules = "".join(f"  - {{module: {m}, count: {n}}}\n" for m, n in per_module.items())
    (curriculum / "blueprints" / f"{BLUEPRINT_ID}.yaml").write_text(f"{head}\nrules:\n{rules}", encoding="utf-8")
    return curriculum


def quiz_key(curriculum_folder: Path):
    curriculum = load_curriculum(curriculum_folder)[0]
    return curriculum, answer_key(curriculum, plan_quiz(curriculum, curriculum.blueprint_by_id[BLUEPRINT_ID]))


def answers_csv(key, path: Path, participants: int) -> None:
    """Answers from a simple ability model, so the statistics have something to find."""
    rng = np.random.default_rng(2026)
    ability = rng.normal(size=participants)
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(["no_peserta", "nama", "paket", *map(str, range(1, key.length + 1))])
    for n in range(participants):
        code = key.codes[n % len(key.codes)]
        row = [f"P{n:05d}", f"Peserta {n}", code]
        for q in key.questions[code]:
            right = rng.random() < 1 / (1 + np.exp(-(ability[n] + 1.0)))
            row.append(q.key if right else LETTERS[int(rng.integers(len(q.order)))])
        writer.writerow(row)
    path.write_text(text.getvalue(), encoding="utf-8")


def whole_command(curriculum: Path, answers: Path, runs: int) -> harness.Whole:
    latsar = harness.latsar()
    out = curriculum.parent / "build"
    harness.run_whole(latsar + ["quiz", BLUEPRINT_ID, str(curriculum), "--out", str(out)])  # printed first
    return harness.whole(latsar + ["score", BLUEPRINT_ID, str(answers), "-c", str(curriculum), "--out", str(out)], runs)


def main(argv: list[str] | None = None) -> None:
    opts = harness.options(__doc__, runs=3, argv=argv)
    participants = SMOKE_PARTICIPANTS if opts.smoke else PARTICIPANTS
    runs = opts.runs
    print(harness.machine())
    with tempfile.TemporaryDirectory() as folder:
        curriculum_folder = big_quiz_workspace(Path(folder), SMOKE_ITEMS if opts.smoke else ITEMS_PER_MODULE)
        curriculum, key = quiz_key(curriculum_folder)
        path = Path(folder) / "jawaban.csv"
        answers_csv(key, path, participants)
        size = path.stat().st_size
        whole = whole_command(curriculum_folder, path, runs)
        t_read, parsed = harness.timed(lambda: read_answers(path, key), runs)
    t_combine, scored = harness.timed(lambda: combine(key, [parsed]), runs)
    t_analyse, analysis = harness.timed(lambda: analyse(curriculum, key, scored, Settings()), runs)
    t_results, results = harness.timed(lambda: participant_results(curriculum, key, scored), runs)
    sheets = [export.scores_sheet(results, False), export.items_sheet(analysis)]
    t_csv, _ = harness.timed(lambda: [export.csv_bytes(s) for s in sheets], runs)
    t_xlsx, _ = harness.timed(lambda: export.workbook(sheets, datetime.datetime(2026, 11, 23)), runs)
    total = t_read + t_combine + t_analyse + t_results
    print(f"{participants:,} participants x {key.length} items, {len(key.codes)} versions, CSV {size / 1e6:.1f} MB")
    print(f"whole command, fresh process (median of {runs})")
    print(f"  latsar score         : {whole.seconds:7.2f} s (CPU {whole.cpu_seconds:.2f} s), peak "
          f"{whole.peak_pss_mib:.0f} MiB PSS")
    print(f"in process (median of {runs})")
    print(f"  read + check answers : {t_read:7.3f} s")
    print(f"  build matrices       : {t_combine:7.3f} s")
    print(f"  item analysis (numpy): {t_analyse:7.3f} s")
    print(f"  participant results  : {t_results:7.3f} s")
    print(f"  scoring total        : {total:7.3f} s  ({participants / total:,.0f} participants/s; "
          f"whole command {harness.ratio(whole.seconds, total)} of it)")
    print(f"  scores+items CSV     : {t_csv:7.3f} s")
    print(f"  workbook (.xlsx)     : {t_xlsx:7.3f} s")
    print(f"  KR-20 = {analysis.forms[0].reliability.kr20:.3f}, mean p = "
          f"{np.mean([i.p for i in analysis.items]):.3f}, rejected = {len(scored.rejected)}")


if __name__ == "__main__":
    main()
