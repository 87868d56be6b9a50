"""Benchmark: quiz sets (booklets, answer sheet, key, pembahasan, kisi-kisi, CSV/JSON) of the
bundled post-test with 4 and 100 versions, and of the 20-item pre-test with 100 versions; peak
memory; and the cost of one booklet against plain reportlab writing the same words on the same
number of pages with no decisions at all (the floor).

References for 100 versions of a 20-item quiz: auto-multiple-choice about 12 s, R/exams about
176 s; the aim here is under 2.5 s with keys and sheets on two cores.

Run: python bench/bench_quiz.py   (prints figures; not a test)
Each scenario runs in its own process, so its memory figures are its own.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from io import BytesIO
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SCENARIOS = [("post-test", None), ("post-test", 100), ("pre-test", 100)]
RUNS = 3


def load(blueprint_id: str, versions: int | None):
    from latsar.model.load import load_curriculum
    from latsar.plan.quiz import plan_quiz
    from latsar.render.pdf.theme import make_theme

    curriculum, _ = load_curriculum(PROJECT / "curriculum")
    blueprint = curriculum.blueprint_by_id[blueprint_id]
    if versions:
        # Blueprint is a frozen pydantic model, not a dataclass: model_copy is its replace().
        blueprint = blueprint.model_copy(update={"versions": versions})
    start = time.perf_counter()
    plan = plan_quiz(curriculum, blueprint)
    planning = time.perf_counter() - start
    return curriculum, plan, make_theme(curriculum.programme, "id"), planning


def scenario(blueprint_id: str, versions: int | None) -> dict:
    """Runs in a child process: times quiz_set (median of RUNS after one warm-up)."""
    from latsar.render.pdf.quiz import quiz_set

    curriculum, plan, theme, planning = load(blueprint_id, versions)
    start = time.perf_counter()
    quiz_set(curriculum, plan, theme)  # warm-up: fonts parsed, styles built, code paths hot
    cold = time.perf_counter() - start
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        files = quiz_set(curriculum, plan, theme)
        times.append(time.perf_counter() - start)
    # A separate run for the Python heap: tracing every allocation slows the process severalfold.
    tracemalloc.start()
    quiz_set(curriculum, plan, theme)
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "versions": len(plan.versions), "items": len(plan.master), "files": len(files),
        "mib": sum(map(len, files.values())) / 2**20, "seconds": statistics.median(times), "cold": cold,
        "planning": planning,
        "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "traced_mib": traced_peak / 2**20,
    }


# --------------------------------------------------------------------------- one booklet vs the floor


def floor_booklet(curriculum, version, theme, texts) -> bytes:
    """Plain reportlab: the same words in the same fonts, pre-wrapped lines drawn top to bottom,
    a new page when the frame is full. No markup, no layout choices, no keep-together, no x/y."""
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    from latsar.render.pdf import fonts
    from latsar.text.markdown import plain_text

    fonts.register(theme.body_font, theme.heading_font)
    buffer = BytesIO()
    canv = Canvas(buffer, pagesize=theme.page_size, invariant=1, pageCompression=1,
                  initialFontName=theme.body_font.regular)
    top, bottom, left, right = theme.margins
    width, height = theme.page_size
    font, size, leading = theme.body_font.regular, theme.body_size, theme.leading
    y = height - top

    def line(text: str, indent: float) -> None:
        nonlocal y
        if y < bottom + leading:
            canv.showPage()
            y = height - top
        canv.setFont(font, size)
        canv.drawString(left + indent, y, text)
        y -= leading

    for number, planned in enumerate(version.items, start=1):
        stem = texts[planned.item_id].stem
        for part in simpleSplit(f"{number}. {plain_text(stem)}", font, size, width - left - right):
            line(part, 0)
        for letter, index in zip("ABCDE", planned.choice_order):
            option = plain_text(texts[planned.item_id].options[index])
            for part in simpleSplit(f"{letter}. {option}", font, size, width - left - right - 22):
                line(part, 22)
        y -= leading * 0.5
    canv.save()
    return buffer.getvalue()


def per_booklet() -> dict:
    """Serial cost of one booklet of the post-test, ours and the floor (median over versions)."""
    from latsar.render.pdf.quiz.booklet import BookletJob, Items, booklet_pdf
    from latsar.render.pdf.quiz.common import instructions, item_texts, quiz_info

    curriculum, plan, theme, _ = load("post-test", 20)
    texts, info = item_texts(curriculum, plan, theme.labels), quiz_info(curriculum, plan, theme.labels)
    jobs = [BookletJob(info, v, instructions(curriculum, plan, theme.labels, v.code), texts) for v in plan.versions]
    booklet_pdf(jobs[0], theme)
    floor_booklet(curriculum, plan.versions[0], theme, texts)
    ours, floor, items = [], [], Items(theme)
    for job in jobs:
        start = time.perf_counter()
        booklet_pdf(job, theme, items)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        floor_booklet(curriculum, job.version, theme, texts)
        floor.append(time.perf_counter() - start)
    return {"ours": statistics.median(ours), "floor": statistics.median(floor)}


def child(argv: list[str]) -> None:
    if argv[0] == "booklet":
        print(json.dumps(per_booklet()))
    else:
        print(json.dumps(scenario(argv[0], int(argv[1]) or None)))


def run_child(*args: str) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", *args], check=True, capture_output=True,
                            text=True, cwd=PROJECT)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    from latsar.render.pdf.quiz.parallel import cores

    print(f"quiz sets on {cores()} core(s); median of {RUNS} runs after a warm-up, each scenario in its own process")
    for blueprint_id, versions in SCENARIOS:
        r = run_child(blueprint_id, str(versions or 0))
        print(f"{blueprint_id:9} {r['items']:3} items x {r['versions']:3} versions: {r['seconds']:6.2f} s "
              f"(first in the process {r['cold']:.2f} s; {r['files']} files, {r['mib']:.1f} MiB; "
              f"planning {r['planning']:.2f} s)   peak RSS "
              f"{r['rss_mib']:.0f} MiB, workers {r['children_rss_mib']:.0f} MiB, Python heap {r['traced_mib']:.0f} MiB")
    b = run_child("booklet")
    print(f"one post-test booklet, serial: {b['ours'] * 1000:.1f} ms; plain reportlab floor "
          f"{b['floor'] * 1000:.1f} ms; ratio {b['ours'] / b['floor']:.2f}x")
    print("reference, 100 versions of a 20-item quiz: auto-multiple-choice ~12 s, R/exams ~176 s; target < 2.5 s")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
    else:
        main()
