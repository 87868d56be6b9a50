"""Benchmark: latsar beside its peers on one shape, in one run: 100 shuffled versions of a 20-item,
4-option quiz with the printed booklets and the answer key, as whole commands.

- latsar: `latsar quiz pre-test` (the bundled 20-item pre-test, `versions: 100`), which also
  writes the answer sheet, pembahasan, kisi-kisi and the data files.
- auto-multiple-choice, when installed: `auto-multiple-choice prepare` of the same 20 items (stems
  and options as plain text) into 100 copies, the subject and the corrected copies, with
  questions and answers shuffled.
- R/exams, when R and its `exams` package are installed: `exams2pdf` of the same 20 items, n = 100.

A peer that is not installed is skipped with a message; the ratios printed are latsar's time over
the peer's, from the same run. Not part of CI: the peers are not dependencies.

Run: python bench/peers.py [--runs N] [--versions N] [--smoke]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

import harness

LATEX_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                  "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def items(source: Path, blueprint_id: str) -> list[tuple[str, list[str], int]]:
    """The quiz's master items as plain text: (stem, options, index of the key)."""
    from latsar.model.load import load_curriculum
    from latsar.plan.quiz import plan_quiz
    from latsar.text.markdown import plain_text

    curriculum, _ = load_curriculum(source / "curriculum")
    plan = plan_quiz(curriculum, curriculum.blueprint_by_id[blueprint_id])
    out = []
    for item_id in plan.master:
        item = curriculum.item_by_id[item_id]
        options = [plain_text(o.text) for o in item.options]
        out.append((plain_text(item.stem), options, next(n for n, o in enumerate(item.options) if o.correct)))
    return out


def latex(text: str) -> str:
    return "".join(LATEX_SPECIALS.get(c, c) for c in text)


def amc_source(quiz: list[tuple[str, list[str], int]], versions: int) -> str:
    questions = []
    for number, (stem, options, key) in enumerate(quiz, start=1):
        choices = "\n".join(f"    \\{'correctchoice' if n == key else 'wrongchoice'}{{{latex(o)}}}"
                            for n, o in enumerate(options))
        questions.append(f"\\element{{quiz}}{{\n\\begin{{question}}{{q{number}}}\n{latex(stem)}\n"
                         f"  \\begin{{choices}}\n{choices}\n  \\end{{choices}}\n\\end{{question}}\n}}")
    return ("\\documentclass[a4paper]{article}\n\\usepackage[utf8]{inputenc}\n\\usepackage[T1]{fontenc}\n"
            "\\usepackage[box,completemulti]{automultiplechoice}\n\\begin{document}\n"
            + "\n".join(questions)
            + f"\n\\onecopy{{{versions}}}{{\n\\noindent{{\\bf Pre-test}}\\hfill\\namefield{{Nama: }}\\par\n"
              "\\shufflegroup{quiz}\n\\insertgroup{quiz}\n}\n\\end{document}\n")


def amc_command(folder: Path, quiz, versions: int) -> list[str] | None:
    program = shutil.which("auto-multiple-choice")
    if not program:
        return None
    (folder / "data").mkdir(parents=True)
    (folder / "source.tex").write_text(amc_source(quiz, versions), encoding="utf-8")
    return [program, "prepare", "--mode", "s", "--with", "pdflatex", "--filter", "latex",
            "--prefix", str(folder), str(folder / "source.tex"), "--out-sujet", str(folder / "sujet.pdf"),
            "--out-corrige", str(folder / "corrige.pdf"), "--out-calage", str(folder / "calage.xy"),
            "--data", str(folder / "data"), "--n-copies", str(versions)]


def rexams_command(folder: Path, quiz, versions: int) -> list[str] | None:
    program = shutil.which("Rscript")
    if not program or subprocess.run([program, "-e", "library(exams)"], capture_output=True).returncode != 0:
        return None
    names = []
    for number, (stem, options, key) in enumerate(quiz, start=1):
        answers = "\n".join(f"* {o}" for o in options)
        solution = "".join("1" if n == key else "0" for n in range(len(options)))
        (folder / f"q{number}.Rmd").write_text(
            f"Question\n========\n{stem}\n\nAnswerlist\n----------\n{answers}\n\n"
            f"Meta-information\n================\nexname: q{number}\nextype: schoice\nexsolution: {solution}\n"
            "exshuffle: TRUE\n", encoding="utf-8")
        names.append(f'"q{number}.Rmd"')
    script = (f'library(exams); setwd("{folder}"); '
              f'exams2pdf(c({", ".join(names)}), n = {versions}, dir = "out", name = "soal")')
    return [program, "-e", script]


PEERS: dict[str, Callable[[Path, list, int], list[str] | None]] = {
    "auto-multiple-choice": amc_command,
    "R/exams": rexams_command,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--versions", type=int, default=100)
    opts, rest = parser.parse_known_args(argv)
    common = harness.options(__doc__, runs=3, argv=rest)
    versions = 2 if common.smoke else opts.versions
    source = harness.MINI if common.smoke else harness.PROJECT
    blueprint_id = "kuis" if common.smoke else "pre-test"
    print(harness.machine())
    quiz = items(source, blueprint_id)
    with tempfile.TemporaryDirectory() as tmp:
        curriculum = harness.workspace(Path(tmp), {blueprint_id: versions}, source)
        ours = harness.whole(harness.latsar() + ["quiz", blueprint_id, str(curriculum), "--out", f"{tmp}/build"],
                             common.runs)
    print(f"{len(quiz)} items x {versions} versions, whole commands (median of {common.runs})")
    print(f"  latsar quiz              {ours.seconds:7.2f} s (CPU {ours.cpu_seconds:.2f} s)")
    for name, make in PEERS.items():
        with tempfile.TemporaryDirectory() as tmp:
            command = make(Path(tmp), quiz, versions)
            if command is None or common.smoke:
                print(f"  {name:24} skipped: {'not installed here' if command is None else 'not run with --smoke'}")
                continue
            theirs = harness.whole(command, common.runs, cwd=Path(tmp))
        print(f"  {name:24} {theirs.seconds:7.2f} s (CPU {theirs.cpu_seconds:.2f} s)   latsar / {name}: "
              f"{harness.ratio(ours.seconds, theirs.seconds)}")


if __name__ == "__main__":
    main()
