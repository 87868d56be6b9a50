"""Round trip: sheets printed by `latsar quiz`, filled from known answers, scanned, read by
`latsar scan`, scored by `latsar score`: the scores equal those of the same answers typed into
the hand-entry template. Flagged rows are refused until a person settles them."""

from __future__ import annotations

import csv
import io
import random

import sheetgen as sg
from latsar.cli import main

DPI = 100


def own_curriculum(workdir) -> str:
    """The project's copy of the bundled curriculum (scoring may write statistics back into it)."""
    return str(workdir / "curriculum")


def score_table(folder) -> dict[str, list[str]]:
    text = (folder / "scores.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    # Every column but the one naming the answers file and row.
    return {r[next(iter(r))]: [v for v in r.values() if ".csv:" not in v] for r in rows}


def test_scan_then_score_equals_the_same_answers_entered_by_hand(workdir, post, capsys):
    truths = []
    for index in range(4):
        rng = random.Random(f"round-trip/{index}")
        truth = sg.random_truth(post.layout, rng, doubles=0)  # the hand template holds one letter a cell
        truth.participant = f"19900101{index:010d}"[-post.layout.digits:]
        truths.append(truth)
        image = sg.jpeg(sg.rotate(sg.fill(post.layout, post.pdf, truth, DPI, rng), rng.uniform(-3, 3)), 75)
        sg.write(image, workdir / f"scans/sheet-{index}.png")
    curriculum = own_curriculum(workdir)
    assert main(["scan", "post-test", "scans", "--score", "-c", curriculum, "--out", "build"]) == 0
    scanned = score_table(workdir / "build/scores/post-test")
    header = ["no_peserta", "nama", "paket", *[str(n) for n in range(1, 31)]]
    lines = [",".join(header)] + [",".join([t.participant, "", t.version, *[t.answers[n] for n in range(1, 31)]])
                                  for t in truths]
    (workdir / "jawaban.csv").write_text("\n".join(lines) + "\n")
    assert main(["score", "post-test", "jawaban.csv", "-c", curriculum, "--out", "typed"]) == 0
    typed = score_table(workdir / "typed/scores/post-test")
    assert sorted(scanned) == sorted(t.participant for t in truths)
    assert scanned == typed


def test_flagged_rows_are_refused_until_settled(workdir, post, capsys):
    rng = random.Random("flag")
    truth = sg.random_truth(post.layout, rng)
    truth.version = ""
    sg.write(sg.fill(post.layout, post.pdf, truth, DPI, rng), workdir / "scans/a.png")
    assert main(["scan", "post-test", "scans"]) == 0
    path = workdir / "build/scans/post-test/scans.csv"
    curriculum = own_curriculum(workdir)
    capsys.readouterr()
    assert main(["score", "post-test", str(path), "-c", curriculum]) == 2
    assert capsys.readouterr().err.strip() == (
        "build/scans/post-test/scans.csv:2:36: still flagged for review: version; write the right values in the "
        "cells, then delete the tokens from 'review' (see review.html)")
    text = path.read_bytes().decode("utf-8-sig").replace(f",{truth.participant},{truth.ndh},,",
                                                         f",{truth.participant},{truth.ndh},B,")
    path.write_bytes(text.replace(",version\r\n", ",\r\n").encode("utf-8-sig"))
    assert main(["score", "post-test", str(path), "-c", curriculum]) == 0
