"""Benchmark: reading filled answer sheets. Accuracy per kind of degradation on synthetic sheets
with known answers (the test suite's generator, tests/scan/sheetgen.py), then `latsar scan` as a
user runs it: sheets per second on 200-dpi greyscale scans (decoding included, workers across
the cores), and peak memory on one 200-page scan PDF.

Targets (issue 13): participant and paket ≥ 99.5 % on grey scans and photos, every miss flagged;
items ≥ 99.9 % on normal, blank, double and erased marks, ≥ 98 % on light and partial marks,
ticks ≥ 80 %, at most 1 silent error per 1,000 fields, at most 5 % of items flagged; ≥ 10
sheets/s at 200 dpi; peak memory < 500 MB for a 200-page PDF.

Run: python bench/bench_scan.py [--sheets N] [--smoke]
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import harness

sys.path.insert(0, str(harness.PROJECT / "tests" / "scan"))

import sheetgen as sg  # noqa: E402

DPI = 200
FAMILIES = {"firm": ("fill", "erased"), "light/partial": ("light", "partial"), "tick": ("tick",)}


def build_quiz(root: Path) -> sg.geo.SheetLayout:
    curriculum = harness.workspace(root)
    subprocess.run(harness.latsar() + ["quiz", "post-test", str(curriculum), "--out", str(root / "build"), "-q"],
                   check=True, capture_output=True)
    return root / "build" / "quizzes" / "post-test"


def accuracy(folder: Path, sheets: int, dpi: int) -> None:
    from latsar.scan.page import read_image

    layout = sg.geo.layout_from_dict(__import__("json").loads((folder / "lembar-jawaban.json").read_text()))
    pdf = (folder / "lembar-jawaban.pdf").read_bytes()
    print(f"accuracy, {sheets} sheets per kind at {dpi} dpi: identity = participant and paket both right; "
          "items per mark family: right / flagged / silently wrong")
    print(f"{'kind':22} {'identity':>9} {'firm':>19} {'light/partial':>19} {'tick':>19} {'flagged':>8} {'silent/1000':>11}")
    total = Counter()
    for kind, degrade in sg.degradations(dpi).items():
        counts = Counter()
        for index in range(sheets):
            rng = random.Random(f"bench/{kind}/{index}")
            truth = sg.random_truth(layout, rng)
            for number, letters in truth.answers.items():
                if len(letters) == 1:
                    truth.styles[number] = rng.choice(("fill", "fill", "erased", "light", "partial", "tick"))
            reading = read_image(degrade(sg.fill(layout, pdf, truth, dpi, rng), rng), kind, 1, layout, pictures=False)
            tally(counts, truth, reading)
        total.update(counts)
        print(row(kind, counts))
    print(row("all", total))


def tally(counts: Counter, truth, reading) -> None:
    counts["sheets"] += 1
    if reading.unreadable:
        counts["refused"] += 1
        return
    identity = (reading.participant, reading.version) == (truth.participant, truth.version)
    counts["identity"] += identity
    counts["identity silent"] += not identity and not {"participant", "version"} & set(reading.review)
    for number, letters in truth.answers.items():
        style = truth.styles.get(number, "fill")
        family = next(name for name, styles in FAMILIES.items() if style in styles)
        got = reading.answers[number]
        outcome = "right" if got == letters else "flagged" if got == "?" else "wrong"
        counts[f"{family} {outcome}"] += 1
        counts[f"{family} n"] += 1
        counts[outcome] += 1


def row(kind: str, c: Counter) -> str:
    def share(family: str) -> str:
        n = c[f"{family} n"] or 1
        return f"{100 * c[family + ' right'] / n:5.1f}/{100 * c[family + ' flagged'] / n:4.1f}/{100 * c[family + ' wrong'] / n:3.1f}"

    fields = c["right"] + c["flagged"] + c["wrong"] or 1
    read = c["sheets"] - c["refused"] or 1
    return (f"{kind:22} {100 * c['identity'] / read:8.1f}% {share('firm'):>19} {share('light/partial'):>19} "
            f"{share('tick'):>19} {100 * c['flagged'] / fields:7.1f}% {1000 * c['wrong'] / fields:11.2f}"
            + (f"  ({c['refused']} refused)" if c["refused"] else "") + (
                f"  ({c['identity silent']} identity silently wrong)" if c["identity silent"] else ""))


def scans(folder: Path, target: Path, count: int, dpi: int) -> list[Path]:
    """`count` filled 200-dpi greyscale scans as JPEG files (a feeder's output), a little skewed."""
    layout = sg.geo.layout_from_dict(__import__("json").loads((folder / "lembar-jawaban.json").read_text()))
    pdf = (folder / "lembar-jawaban.pdf").read_bytes()
    target.mkdir()
    paths = []
    for index in range(count):
        rng = random.Random(f"speed/{index}")
        image = sg.rotate(sg.fill(layout, pdf, sg.random_truth(layout, rng), dpi, rng), rng.uniform(-1.5, 1.5))
        paths.append(target / f"scan-{index:03d}.jpg")
        sg.write(sg.noise(image, rng, 4), paths[-1], quality=85)
    return paths


def cpu_per_sheet(folder: Path, images: list[Path]) -> float:
    """CPU seconds per sheet read in this process (what the load of other processes does not change)."""
    from latsar.scan.images import PageRef
    from latsar.scan.page import read_page

    layout = sg.geo.layout_from_dict(__import__("json").loads((folder / "lembar-jawaban.json").read_text()))
    read_page(PageRef(images[0], "warm", 0), layout)
    started = time.process_time()
    for path in images:
        read_page(PageRef(path, path.name, 0), layout)
    return (time.process_time() - started) / len(images)


def scan_pdf(images: list[Path], pages: int, target: Path) -> Path:
    """One PDF of `pages` pages cycling through the JPEG scans, as "scan to PDF" writes them."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(target), pagesize=A4)
    for page in range(pages):
        canvas.drawImage(str(images[page % len(images)]), 0, 0, *A4)
        canvas.showPage()
    canvas.save()
    return target


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="one quick run of every path (for the tests)")
    parser.add_argument("--sheets", type=int, default=40, help="sheets per kind of degradation (default 40; 0: speed only)")
    args = parser.parse_args(argv)
    sheets, dpi, batch, pages = (1, 100, 4, 6) if args.smoke else (args.sheets, DPI, 60, 200)
    print(harness.machine())
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = build_quiz(root)
        if sheets:
            started = time.perf_counter()
            accuracy(folder, sheets, dpi)
            print(f"(accuracy run: {time.perf_counter() - started:.1f} s)")
        images = scans(folder, root / "scans", batch, dpi)
        command = harness.latsar() + ["scan", "post-test", "--out", str(root / "build"), "-q"]
        files = harness.whole(command + [str(p) for p in images], 1)
        print(f"latsar scan, {batch} JPEG scans at {dpi} dpi : {files.seconds:.2f} s, "
              f"{batch / files.seconds:.1f} sheets/s (process start included), peak {files.peak_pss_mib:.0f} MiB")
        cpu = cpu_per_sheet(folder, images)
        cores = harness.usable_cores()
        print(f"  reading in process: {1000 * cpu:.0f} ms of CPU per sheet (decoding included), so about "
              f"{cores / cpu:.0f} sheets/s on {cores} idle cores; the figure above is what this machine's load left")
        pdf = scan_pdf(images, pages, root / "batch.pdf")
        whole = harness.whole(command + [str(pdf)], 1)
        print(f"latsar scan, one {pages}-page PDF : {whole.seconds:.2f} s, {pages / whole.seconds:.1f} pages/s, "
              f"peak {whole.peak_pss_mib:.0f} MiB over {whole.processes} processes")


if __name__ == "__main__":
    main()
