"""Benchmark: build every module handout and the book of the bundled curriculum.

Run: python bench/bench_handouts.py   (prints figures; not a test)
"""

from __future__ import annotations

import io
import statistics
import time
from pathlib import Path

from pypdf import PdfReader

from latsar.model.load import load_curriculum
from latsar.plan.quiz import plan_quiz
from latsar.render.pdf.handout import book_pdf, module_pdf
from latsar.render.pdf.theme import make_theme

PROJECT = Path(__file__).resolve().parents[1]
RUNS = 3


def build_all(curriculum, plans, theme) -> dict[str, bytes]:
    files = {m.id: module_pdf(curriculum, m.id, plans.get(m.id), theme) for m in curriculum.modules}
    files["bahan-ajar"] = book_pdf(curriculum, plans, theme)
    return files


def main() -> None:
    start = time.perf_counter()
    curriculum, _ = load_curriculum(PROJECT / "curriculum")
    load_time = time.perf_counter() - start
    plans = {m.id: plan_quiz(curriculum, curriculum.blueprint_by_id[f"evaluasi-{m.id}"]) for m in curriculum.modules}
    theme = make_theme(curriculum.programme, curriculum.programme.language)
    build_all(curriculum, plans, theme)  # warm: font registration and imports are one-off costs
    times, files = [], {}
    for _ in range(RUNS):
        start = time.perf_counter()
        files = build_all(curriculum, plans, theme)
        times.append(time.perf_counter() - start)
    pages = {name: len(PdfReader(io.BytesIO(data)).pages) for name, data in files.items()}
    module_pages = sum(n for name, n in pages.items() if name != "bahan-ajar")
    best = min(times)
    print(f"load + check curriculum        {load_time:6.2f} s")
    print(f"6 handouts + book (best of {RUNS})  {best:6.2f} s   median {statistics.median(times):.2f} s")
    print(f"pages                          {module_pages} in handouts + {pages['bahan-ajar']} in the book")
    print(f"throughput                     {(module_pages + pages['bahan-ajar']) / best:6.1f} pages/s "
          f"(each document laid out twice for the daftar isi)")


if __name__ == "__main__":
    main()
