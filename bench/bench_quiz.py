"""Benchmark: quiz sets (booklets, answer sheet, key, pembahasan, kisi-kisi, CSV/JSON).

Whole commands first, as a user runs them (`latsar quiz BLUEPRINT` in a fresh process, the
blueprint's `versions:` edited in a copy of the bundled curriculum): the 30-item post-test with
its 4 versions, and the 20-item pre-test with 100 and 1,000 versions, with the peak memory summed
over every process. Then the same sets in process (planning, then the documents, warm), and a
post-test and a pre-test booklet against plain reportlab writing the same words on as many pages
with no decisions at all (the floor; its body text only, no cover).

Run: python bench/bench_quiz.py [--runs N] [--smoke]
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

import harness

# (project, blueprint, versions or None for the blueprint's own, runs of the whole command at most)
SCENARIOS = [(harness.PROJECT, "post-test", None, 5), (harness.PROJECT, "pre-test", 100, 5),
             (harness.PROJECT, "pre-test", 1000, 1)]
SMOKE = [(harness.MINI, "kuis", None, 1)]
ONE_CORE_VERSIONS = 100  # the scenario also timed on one core (taskset), to show parallel never loses
BOOKLETS = [(harness.PROJECT, "post-test", 20), (harness.PROJECT, "pre-test", 20)]  # compared with the floor
CPU = time.process_time  # booklets and the floor are timed in CPU seconds: a busy machine skews wall time
SMOKE_BOOKLETS = [(harness.MINI, "kuis", 2)]


def whole_commands(scenarios, runs: int) -> None:
    print(f"whole command, fresh process (median of up to {runs}); peak memory over all processes, PSS (RSS)")
    for source, blueprint_id, versions, most in scenarios:
        with tempfile.TemporaryDirectory() as tmp:
            curriculum = harness.workspace(Path(tmp), {blueprint_id: versions} if versions else None, source)
            command = harness.latsar() + ["quiz", blueprint_id, str(curriculum), "--out", f"{tmp}/build"]
            r = harness.whole(command, min(runs, most))
            files = sum(1 for p in Path(tmp, "build").rglob("*") if p.is_file())
            label = f"({versions} versions)" if versions else "(as bundled)"
            print(f"  latsar quiz {blueprint_id:9} {label:16} {r.seconds:6.2f} s (CPU {r.cpu_seconds:5.2f} s)   "
                  f"{r.peak_pss_mib:5.0f} MiB ({r.peak_rss_mib:.0f}), {r.processes} process(es), {files} files")
            if versions == ONE_CORE_VERSIONS and shutil.which("taskset"):
                one = harness.whole(["taskset", "-c", "0", *command], min(runs, most))
                print(f"  {'':12} {'':9} {'on one core':16} {one.seconds:6.2f} s (CPU {one.cpu_seconds:5.2f} s)   "
                      f"all free cores / one core: {harness.ratio(r.seconds, one.seconds)} (must stay <= 1)")


# --------------------------------------------------------------------------- in process


def load(source: Path, blueprint_id: str, versions: int | None):
    from latsar.model.load import load_curriculum
    from latsar.plan.quiz import plan_quiz
    from latsar.render.pdf.theme import make_theme

    curriculum, _ = load_curriculum(source / "curriculum")
    blueprint = curriculum.blueprint_by_id[blueprint_id]
    if versions:
        blueprint = blueprint.model_copy(update={"versions": versions})
    start = time.perf_counter()
    plan = plan_quiz(curriculum, blueprint)
    planning = time.perf_counter() - start
    return curriculum, plan, make_theme(curriculum.programme, "id"), planning


def scenario(source: Path, blueprint_id: str, versions: int | None, runs: int) -> dict:
    """In a child process: planning once, then quiz_set (the first call, and warm)."""
    from latsar.render.pdf.quiz import quiz_set

    curriculum, plan, theme, planning = load(source, blueprint_id, versions)
    start = time.perf_counter()
    quiz_set(curriculum, plan, theme)
    first = time.perf_counter() - start
    warm, files = harness.timed(lambda: quiz_set(curriculum, plan, theme), runs)
    return {"versions": len(plan.versions), "items": len(plan.master), "files": len(files),
            "mib": sum(map(len, files.values())) / 2**20, "seconds": warm, "first": first, "planning": planning}


def floor_booklet(version, theme, texts) -> bytes:
    """Plain reportlab: the same words in the same fonts, pre-wrapped lines drawn top to bottom,
    a new page when the frame is full. No markup, no layout choices, no keep-together."""
    from reportlab.lib.utils import simpleSplit

    from latsar.render.pdf import fonts
    from latsar.render.pdf.streams import StreamCanvas
    from latsar.text.markdown import plain_text

    fonts.register(theme.body_font, theme.heading_font)
    buffer = BytesIO()
    # Its pages' streams written as ours are (streams.py): the figure compares drawing, not encoding.
    canv = StreamCanvas(buffer, pagesize=theme.page_size, invariant=1, pageCompression=1,
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
        text = texts[planned.item_id]
        for part in simpleSplit(f"{number}. {plain_text(text.stem)}", font, size, width - left - right):
            line(part, 0)
        for letter, index in zip("ABCDE", planned.choice_order):
            for part in simpleSplit(f"{letter}. {plain_text(text.options[index])}", font, size,
                                    width - left - right - 22):
                line(part, 22)
        y -= leading * 0.5
    canv.save()
    return buffer.getvalue()


def per_booklet(source: Path, blueprint_id: str, versions: int) -> dict:
    """One booklet at a time, ours and the floor (medians over the versions)."""
    from latsar.plan.quizdocs import quiz_docs
    from latsar.render.pdf.quiz.booklet import Items, booklet_jobs, booklet_pdf

    curriculum, plan, theme, _ = load(source, blueprint_id, versions)
    jobs = booklet_jobs(quiz_docs(curriculum, plan, theme.labels))
    booklet_pdf(jobs[0], theme)
    floor_booklet(plan.versions[0], theme, jobs[0].texts)  # warm: fonts, imports
    ours, floor, items = [], [], Items(theme)
    pages = []
    for job in jobs:
        seconds, pdf = harness.timed(lambda: booklet_pdf(job, theme, items), 1, CPU)
        ours.append(seconds)
        pages.append(harness.pdf_pages(pdf))
        floor.append(harness.timed(lambda: floor_booklet(job.booklet.version, theme, job.texts), 1, CPU)[0])
    return {"ours": statistics.median(ours), "floor": statistics.median(floor), "pages": statistics.median(pages)}


def child(argv: list[str]) -> dict:
    if argv[0] == "booklet":
        return per_booklet(Path(argv[1]), argv[2], int(argv[3]))
    return scenario(Path(argv[0]), argv[1], int(argv[2]) or None, int(argv[3]))


def run_child(*args: object, inline: bool = False) -> dict:
    """Each scenario in its own process, so one does not warm up or fill memory for the next
    (`inline`, for --smoke: here, to save the process start)."""
    if inline:
        return child(list(map(str, args)))
    result = subprocess.run([sys.executable, __file__, "--child", *map(str, args)], check=True,
                            capture_output=True, text=True, cwd=harness.PROJECT)
    return json.loads(result.stdout.strip().splitlines()[-1])


def in_process(scenarios, runs: int, booklets: list[tuple], inline: bool) -> None:
    print(f"in process (planning once, documents warm: median of {runs} after a first call)")
    for source, blueprint_id, versions, _ in scenarios:
        if versions and versions > 100:
            continue  # the whole command says it; warm repeats of 1,000 versions say nothing more
        r = run_child(source, blueprint_id, versions or 0, runs, inline=inline)
        print(f"  {blueprint_id:9} {r['items']:3} items x {r['versions']:3} versions: planning "
              f"{r['planning']:.2f} s, documents {r['seconds']:.2f} s (first call {r['first']:.2f} s); "
              f"{r['files']} files, {r['mib']:.1f} MiB")
    for booklet in booklets:
        b = run_child("booklet", *booklet, inline=inline)
        print(f"  one {booklet[1]} booklet ({b['pages']:.0f} pages, CPU): {b['ours'] * 1000:.1f} ms, "
              f"{b['ours'] / b['pages'] * 1000:.1f} ms/page; plain reportlab {b['floor'] * 1000:.1f} ms; "
              f"ratio {harness.ratio(b['ours'], b['floor'])} (target <= 1.2x)")


def main(argv: list[str] | None = None) -> None:
    opts = harness.options(__doc__, runs=3, argv=argv)
    scenarios = SMOKE if opts.smoke else SCENARIOS
    print(harness.machine())
    whole_commands(scenarios, opts.runs)
    in_process(scenarios, opts.runs, SMOKE_BOOKLETS if opts.smoke else BOOKLETS, inline=opts.smoke)
    print("targets (2 cores): 100 versions x 20 items about 2 s; 1,000 versions < 10 s and < 300 MiB")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2:])))
    else:
        main()
