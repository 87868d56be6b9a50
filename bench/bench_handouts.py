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


def main(argv: list[str] | None = None) -> None:
    from latsar.render.pdf.handout import book_pdf, module_pdf

    opts = harness.options(__doc__, runs=3, argv=argv)
    curriculum, plans, theme = prepare(harness.MINI if opts.smoke else harness.PROJECT)
    print(harness.machine())
    print(f"in process, warm (median of {opts.runs} after a first call); one layout pass per document, "
          "a second only where a part's last page is nearly empty")
    total_pages = total_seconds = 0.0
    for module in curriculum.modules:
        module_pdf(curriculum, module.id, plans.get(module.id), theme)  # warm
        seconds, pdf = harness.timed(lambda: module_pdf(curriculum, module.id, plans.get(module.id), theme), opts.runs)
        pages = harness.pdf_pages(pdf)
        total_pages, total_seconds = total_pages + pages, total_seconds + seconds
        print(f"  {module.id:16} {pages:4d} pages  {seconds:6.2f} s  {pages / seconds:6.0f} pages/s")
    seconds, pdf = harness.timed(lambda: book_pdf(curriculum, plans, theme), opts.runs)
    pages = harness.pdf_pages(pdf)
    print(f"  {'book':16} {pages:4d} pages  {seconds:6.2f} s  {pages / seconds:6.0f} pages/s")
    total_pages, total_seconds = total_pages + pages, total_seconds + seconds
    print(f"  {'all':16} {total_pages:4.0f} pages  {total_seconds:6.2f} s  {total_pages / total_seconds:6.0f} pages/s"
          "   (target: a 25-page handout at >= 100 pages/s)")


if __name__ == "__main__":
    main()
