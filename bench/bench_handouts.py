"""Benchmark: every module handout and the programme book of the bundled curriculum, in process
(warm), with pages per second for each handout and for all of them. The whole command that
writes them is `latsar build` (bench_build.py).

Run: python bench/bench_handouts.py [--runs N] [--smoke]
"""

from __future__ import annotations

from pathlib import Path

import harness


def prepare(source: Path):
    from latsar.model.load import load_curriculum
    from latsar.plan.quiz import plan_quiz
    from latsar.render.pdf.theme import make_theme

    curriculum, _ = load_curriculum(source / "curriculum")
    plans = {m.id: plan_quiz(curriculum, curriculum.blueprint_by_id[f"evaluasi-{m.id}"])
             for m in curriculum.modules if f"evaluasi-{m.id}" in curriculum.blueprint_by_id}
    return curriculum, plans, make_theme(curriculum.programme, curriculum.programme.language)


def measured(make, runs: int) -> tuple[float, float, bytes]:
    """Median wall and CPU seconds of `runs` calls (CPU is what a busy machine inflates least)."""
    import statistics
    import time

    walls, cpus, result = [], [], b""
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = make()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def book_as_built(curriculum, plans, theme, runs: int) -> tuple[float, float, bytes]:
    """The book as `latsar build` makes it: after the module handouts, in the same process,
    taking their layouts (a LayoutMemo); only the book is timed."""
    import statistics
    import time

    from latsar.render.pdf.handout import book_pdf, module_pdf
    from latsar.render.pdf.memo import LayoutMemo

    walls, cpus, pdf = [], [], b""
    for _ in range(runs):
        memo = LayoutMemo(theme)
        for module in curriculum.modules:
            module_pdf(curriculum, module.id, plans.get(module.id), theme, memo)
        wall, cpu = time.perf_counter(), time.process_time()
        pdf = book_pdf(curriculum, plans, theme, memo)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), pdf


def row(name: str, pages: float, wall: float, cpu: float) -> str:
    return (f"  {name:16} {pages:4.0f} pages  {wall:6.2f} s  {pages / wall:6.0f} pages/s   "
            f"CPU {cpu:5.2f} s, {pages / cpu:4.0f} pages/s")


def main(argv: list[str] | None = None) -> None:
    from latsar.render.pdf.handout import book_pdf, module_pdf

    opts = harness.options(__doc__, runs=3, argv=argv)
    curriculum, plans, theme = prepare(harness.MINI if opts.smoke else harness.PROJECT)
    print(harness.machine())
    print(f"in process, warm (median of {opts.runs} after a first call); each document alone: one layout "
          "pass, a second only where a part's last page is nearly empty")
    jobs = [(m.id, lambda m=m: module_pdf(curriculum, m.id, plans.get(m.id), theme)) for m in curriculum.modules]
    jobs.append(("book", lambda: book_pdf(curriculum, plans, theme)))
    total_pages = total_wall = total_cpu = 0.0
    for name, make in jobs:
        make()  # warm
        wall, cpu, pdf = measured(make, opts.runs)
        pages = harness.pdf_pages(pdf)
        total_pages, total_wall, total_cpu = total_pages + pages, total_wall + wall, total_cpu + cpu
        print(row(name, pages, wall, cpu))
    print(row("all", total_pages, total_wall, total_cpu) + "   (target: a 25-page handout at >= 100 pages/s)")
    wall, cpu, pdf = book_as_built(curriculum, plans, theme, opts.runs)
    print("the book as `latsar build` makes it: after the handouts, in the same process, taking their layouts")
    print(row("book, as built", harness.pdf_pages(pdf), wall, cpu))


if __name__ == "__main__":
    main()
