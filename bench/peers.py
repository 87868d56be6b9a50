"""Benchmark: latsar beside its peers on one shape, in one run: 100 shuffled versions of a 20-item,
4-option quiz, as whole commands, each taken to the same deliverables as latsar's.

latsar: `latsar quiz pre-test` (the bundled 20-item pre-test, `versions: 100`) writes per version
a booklet PDF and a Word file, one scannable answer sheet with its geometry (JSON), the key of
every version (PDF, CSV), pembahasan, kisi-kisi, versions.json and the answer templates. Also
timed, as the closest latsar output to AMC's: the same command with the Word booklets left out
(written as empty files; python-docx is still imported, so the figure is an upper bound).

auto-multiple-choice (AMC), when installed: the same 20 items (stems and options as plain text,
questions and options shuffled per copy, answer boxes beside the questions, AMC's default layout:
each copy is its own scan-ready sheet), through the steps its manual pages give for the command
line (auto-multiple-choice-prepare(1), -meptex(1), -imprime(1)), each a separate command:
1. `prepare --mode s[s]`: the subject (all copies in one PDF), copy 1's solution and the box
   positions; every later step starts from these. Plain `--mode s` means `s[sc]`, which also
   builds a question catalog (about 0.3 s more), not one of latsar's deliverables: left out.
2. `meptex`: the layout database; AMC cannot print copies separately or read a scan without it,
   so it is what makes the sheets scan-ready.
3. `imprime --methode file`: one PDF per copy, as latsar writes one booklet per version (pages
   extracted with qpdf when it is on PATH, as AMC's package recommends; else AMC's own pick, gs).
4. `prepare --mode b`: the scoring data (each copy's correct answers), AMC's counterpart of
   kunci.csv and versions.json, needed before it can mark a scan.
5. `prepare --mode k`: every copy with its correct answers ticked, AMC's only printable key of
   every version (step 1's solution shows copy 1 only): the counterpart of kunci-jawaban.pdf.
Not run: `imprime --split` (it splits off a separate answer sheet, which this layout has not).
Nothing stands for pembahasan, kisi-kisi or Word files: AMC does not make them. (AMC's GUI makes
steps 1 and 5 in one `prepare --mode s[sc]k` by default: no faster, the same LaTeX runs.)
Printed: "prepare alone" (step 1; until 2026-12-06 this benchmark timed only `--mode s`) and "to
the same deliverables" (steps 1-5 in sequence), with latsar's ratio to each. After every step
(and after latsar) the files are counted (copies and pages with pypdfium2, database rows), so a
step that fails cannot look fast. Runs are interleaved (latsar, latsar without Word, AMC; again),
so all meet the same load.

R/exams, when R and its `exams` package are installed: `exams2pdf` of the same 20 items, n = 100
(`exams` is on CRAN only: no Debian package, so not installable here).

A peer that is not installed is skipped with a message. The peers are not dependencies: the test
suite runs `--smoke`, which builds every peer command but runs only latsar.

Run: python bench/peers.py [--runs N] [--versions N] [--smoke]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import harness

LATEX_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                  "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
Quiz = list[tuple[str, list[str], int]]  # (stem, options, index of the key) per item

# `latsar` with the Word booklets replaced by empty files: the rest of the command unchanged.
WITHOUT_WORD = """import sys
from latsar.render.docx import quiz
quiz.WordBooklets.__init__ = lambda self, *args: None
quiz.WordBooklets.docx = lambda self, *args: b""
sys.argv[0] = "latsar"
from latsar.entry import run
run()
"""


class MissingOutput(RuntimeError):
    """A command exited 0 without making what it should have: its time would mean nothing."""


def require(condition: bool, what: str) -> None:
    if not condition:
        raise MissingOutput(what)


def items(source: Path, blueprint_id: str) -> Quiz:
    """The quiz's master items as plain text."""
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


# --------------------------------------------------------------------------- PDFs


def pdf_pages(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def amc_copies(path: Path) -> tuple[int, int]:
    """(copies, pages) of an AMC PDF: each page prints its copy number in the `+copy/page/check+`
    mark at its top."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        marks = {m[1] for page in document
                 if (m := re.search(r"\+(\d+)/\d+/\d+\+", page.get_textpage().get_text_range()))}
        return len(marks), len(document)
    finally:
        document.close()


# --------------------------------------------------------------------------- latsar


def latsar_commands(curriculum: Path, blueprint_id: str, out: Path) -> dict[str, list[str]]:
    args = ["quiz", blueprint_id, str(curriculum), "--out", str(out)]
    return {"latsar quiz": harness.latsar() + args,
            "latsar quiz, no Word files": [sys.executable, "-c", WITHOUT_WORD, *args]}


def check_latsar(out: Path, versions: int, word: bool) -> str:
    """What `latsar quiz` wrote, counted; raises if a document is missing."""
    folder = next(out.glob("quizzes/*"))
    booklets = sorted(folder.glob("soal-paket-*.pdf"))
    words = sorted(folder.glob("soal-paket-*.docx"))
    require(len(booklets) == versions, f"{folder}: {len(booklets)} booklet PDFs, not {versions}")
    require(len(words) == versions and all((w.stat().st_size > 0) == word for w in words),
            f"{folder}: Word booklets {'missing' if word else 'written though left out'}")
    others = {name: pdf_pages(folder / f"{name}.pdf")
              for name in ("lembar-jawaban", "kunci-jawaban", "pembahasan", "kisi-kisi")}
    require(all(others.values()) and (folder / "lembar-jawaban.json").stat().st_size > 0, f"{folder}: a document is empty")
    files = sum(1 for p in folder.iterdir() if p.is_file())
    return (f"{files} files: {versions} booklets ({sum(map(pdf_pages, booklets))} pages)"
            + (f" + {versions} Word" if word else "") + ", " + ", ".join(f"{n} {p} p." for n, p in others.items()))


# --------------------------------------------------------------------------- auto-multiple-choice


def latex(text: str) -> str:
    return "".join(LATEX_SPECIALS.get(c, c) for c in text)


def amc_source(quiz: Quiz, versions: int) -> str:
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


@dataclass(frozen=True)
class AmcProject:
    """One AMC project folder for the quiz, as its steps see it."""

    folder: Path
    program: str
    versions: int
    items: int

    def at(self, name: str) -> str:
        return str(self.folder / name)

    def latex(self, mode: str) -> list[str]:
        return [self.program, "prepare", "--mode", mode, "--with", "pdflatex", "--filter", "latex",
                "--data", self.at("data"), "--n-copies", str(self.versions)]

    def rows(self, database: str, table: str) -> tuple[int, int]:
        """(distinct copies, rows) of a table in the project's data."""
        with sqlite3.connect(self.folder / "data" / f"{database}.sqlite") as db:
            return db.execute(f"SELECT COUNT(DISTINCT student), COUNT(*) FROM {table}").fetchone()


def amc_project(folder: Path, program: str, quiz: Quiz, versions: int) -> AmcProject:
    (folder / "data").mkdir(parents=True)
    (folder / "copies").mkdir()
    (folder / "source.tex").write_text(amc_source(quiz, versions), encoding="utf-8")
    return AmcProject(folder, program, versions, len(quiz))


def extract_with() -> list[str]:
    return ["--extract-with", "qpdf"] if shutil.which("qpdf") else []


def subject(p: AmcProject) -> list[str]:
    return p.latex("s[s]") + ["--prefix", f"{p.folder}/", "--out-sujet", p.at("sujet.pdf"),
                              "--out-corrige", p.at("corrige.pdf"), "--out-calage", p.at("calage.xy"), p.at("source.tex")]


def check_subject(p: AmcProject) -> str:
    copies, pages = amc_copies(p.folder / "sujet.pdf")
    require(copies == p.versions, f"sujet.pdf: {copies} copies, not {p.versions}")
    require(pdf_pages(p.folder / "corrige.pdf") > 0 and (p.folder / "calage.xy").stat().st_size > 0,
            "no solution or no positions")
    return f"subject {pages} pages, {copies} copies; solution (copy 1) {pdf_pages(p.folder / 'corrige.pdf')} p."


def layout(p: AmcProject) -> list[str]:
    return [p.program, "meptex", "--src", p.at("calage.xy"), "--data", p.at("data")]


def check_layout(p: AmcProject) -> str:
    copies, pages = p.rows("layout", "layout_page")
    boxes = p.rows("layout", "layout_box")[1]
    require(copies == p.versions and boxes >= p.versions * p.items, f"layout: {copies} copies, {boxes} boxes")
    return f"layout of {copies} copies, {pages} pages, {boxes} boxes"


def per_copy(p: AmcProject) -> list[str]:
    return [p.program, "imprime", "--methode", "file", "--output", p.at("copies/copie-%e.pdf"),
            "--sujet", p.at("sujet.pdf"), "--data", p.at("data"), *extract_with()]


def check_per_copy(p: AmcProject) -> str:
    files = sorted((p.folder / "copies").glob("*.pdf"))
    pages = sum(map(pdf_pages, files))
    require(len(files) == p.versions and pages == pdf_pages(p.folder / "sujet.pdf"),
            f"imprime: {len(files)} files, {pages} pages")
    return f"{len(files)} files, {pages} pages"


def scoring(p: AmcProject) -> list[str]:
    return p.latex("b") + [p.at("source.tex")]


def check_scoring(p: AmcProject) -> str:
    copies, questions = p.rows("scoring", "scoring_question")
    require(copies == p.versions and questions == p.versions * p.items, f"scoring: {copies} copies, {questions} rows")
    return f"scoring data of {copies} copies x {questions // copies} questions"


def keys(p: AmcProject) -> list[str]:
    return p.latex("k") + ["--out-corrige-indiv", p.at("corrige-indiv.pdf"), p.at("source.tex")]


def check_keys(p: AmcProject) -> str:
    copies, pages = amc_copies(p.folder / "corrige-indiv.pdf")
    require(copies == p.versions, f"corrige-indiv.pdf: {copies} copies, not {p.versions}")
    return f"{copies} corrected copies, {pages} pages"


@dataclass(frozen=True)
class Step:
    label: str
    command: Callable[[AmcProject], list[str]]
    check: Callable[[AmcProject], str]


# The steps a user runs to get latsar's deliverables from AMC, in order (why each: the docstring).
AMC_STEPS = [
    Step("prepare --mode s[s]", subject, check_subject),
    Step("meptex", layout, check_layout),
    Step("imprime --methode file", per_copy, check_per_copy),
    Step("prepare --mode b", scoring, check_scoring),
    Step("prepare --mode k", keys, check_keys),
]


def run_amc(project: AmcProject) -> tuple[list[harness.Whole], list[str]]:
    """Every step once, in order: its time, and what it made."""
    times, made = [], []
    for step in AMC_STEPS:
        times.append(harness.run_whole(step.command(project), cwd=project.folder))
        made.append(step.check(project))
    return times, made


def total(steps: list[harness.Whole]) -> harness.Whole:
    return harness.Whole(sum(s.seconds for s in steps), sum(s.cpu_seconds for s in steps),
                         max(s.peak_pss_mib for s in steps), max(s.peak_rss_mib for s in steps),
                         sum(s.processes for s in steps))


def amc_version() -> str:
    if not shutil.which("dpkg-query"):
        return ""
    found = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "auto-multiple-choice"], capture_output=True, text=True)
    return found.stdout.strip() if found.returncode == 0 else ""


# --------------------------------------------------------------------------- R/exams


def rexams_command(folder: Path, quiz: Quiz, versions: int) -> list[str] | None:
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


def check_rexams(folder: Path, versions: int) -> str:
    files = sorted((folder / "out").glob("*.pdf"))
    require(len(files) == versions, f"R/exams: {len(files)} PDFs, not {versions}")
    return f"{len(files)} PDFs"


# --------------------------------------------------------------------------- the run


@dataclass
class Figures:
    """Every run's times of each command, and what the last run of each made."""

    runs: dict[str, list[harness.Whole]]
    made: dict[str, str]

    def add(self, name: str, whole: harness.Whole, made: str) -> None:
        self.runs.setdefault(name, []).append(whole)
        self.made[name] = made

    def median(self, name: str) -> harness.Whole:
        return harness.median(self.runs[name])

    def scatter(self, name: str) -> float:
        """How far apart the runs' CPU times are: a difference below it is noise."""
        cpu = [r.cpu_seconds for r in self.runs[name]]
        return max(cpu) - min(cpu)


def one_round(figures: Figures, source: Path, blueprint_id: str, quiz: Quiz, versions: int, peers: bool) -> None:
    """latsar, latsar without Word, then each installed peer, each in a fresh folder."""
    for name, word in (("latsar quiz", True), ("latsar quiz, no Word files", False)):
        with tempfile.TemporaryDirectory() as tmp:
            curriculum = harness.workspace(Path(tmp), {blueprint_id: versions}, source)
            command = latsar_commands(curriculum, blueprint_id, Path(tmp, "build"))[name]
            figures.add(name, harness.run_whole(command), check_latsar(Path(tmp, "build"), versions, word))
    program = shutil.which("auto-multiple-choice")
    with tempfile.TemporaryDirectory() as tmp:
        if program:
            project = amc_project(Path(tmp), program, quiz, versions)
            for step in AMC_STEPS:  # each command is built (so exercised) with --smoke too
                step.command(project)
            if peers:
                steps, made = run_amc(project)
                for step, whole, what in zip(AMC_STEPS, steps, made):
                    figures.add(step.label, whole, what)
                figures.add("AMC, same deliverables", total(steps), "")
    with tempfile.TemporaryDirectory() as tmp:
        command = rexams_command(Path(tmp), quiz, versions)
        if peers and command:
            figures.add("R/exams", harness.run_whole(command, cwd=Path(tmp)), check_rexams(Path(tmp), versions))


def report(figures: Figures, quiz: Quiz, versions: int, runs: int, smoke: bool) -> None:
    ours, light = figures.median("latsar quiz"), figures.median("latsar quiz, no Word files")
    print(f"{len(quiz)} items x {versions} versions, whole commands (median of {runs}, interleaved)")
    print(f"  {'latsar quiz':32} {ours.seconds:6.2f} s (CPU {ours.cpu_seconds:5.2f} s)   "
          f"{figures.made['latsar quiz']}")
    print(f"  {'latsar quiz, no Word files':32} {light.seconds:6.2f} s (CPU {light.cpu_seconds:5.2f} s)   "
          f"the Word booklets cost {ours.seconds - light.seconds:.2f} s (CPU {ours.cpu_seconds - light.cpu_seconds:.2f} s; "
          f"the runs' CPU times scatter by {max(map(figures.scatter, ('latsar quiz', 'latsar quiz, no Word files'))):.2f} s)")
    report_amc(figures, ours, light, smoke)
    if "R/exams" in figures.runs:
        theirs = figures.median("R/exams")
        print(f"  {'R/exams':32} {theirs.seconds:6.2f} s (CPU {theirs.cpu_seconds:5.2f} s)   "
              f"latsar / R/exams: {harness.ratio(ours.seconds, theirs.seconds)}")
    else:
        why = "not run with --smoke" if smoke and shutil.which("Rscript") else \
            "not installed here (needs R and the CRAN package `exams`)"
        print(f"  {'R/exams':32} skipped: {why}")


def report_amc(figures: Figures, ours: harness.Whole, light: harness.Whole, smoke: bool) -> None:
    if "AMC, same deliverables" not in figures.runs:
        why = "not run with --smoke" if smoke and shutil.which("auto-multiple-choice") else "not installed here"
        print(f"  {'auto-multiple-choice':32} skipped: {why}")
        return
    engine = "qpdf" if extract_with() else "gs (qpdf not on PATH)"
    print(f"  auto-multiple-choice {amc_version()}, step by step (imprime extracts pages with {engine}):")
    for number, step in enumerate(AMC_STEPS, start=1):
        r = figures.median(step.label)
        print(f"    {number} {step.label:28} {r.seconds:6.2f} s (CPU {r.cpu_seconds:5.2f} s)   {figures.made[step.label]}")
    for label, r in (("prepare alone (step 1)", figures.median(AMC_STEPS[0].label)),
                     ("to the same deliverables", figures.median("AMC, same deliverables"))):
        print(f"    AMC {label:26} {r.seconds:6.2f} s (CPU {r.cpu_seconds:5.2f} s)   "
              f"latsar / AMC: {harness.ratio(ours.seconds, r.seconds)} "
              f"(CPU {harness.ratio(ours.cpu_seconds, r.cpu_seconds)}); "
              f"without Word: {harness.ratio(light.seconds, r.seconds)}")


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
    figures = Figures({}, {})
    for _ in range(common.runs):
        one_round(figures, source, blueprint_id, quiz, versions, peers=not common.smoke)
    report(figures, quiz, versions, common.runs, common.smoke)
    print(f"after the runs: {harness.machine()}")


if __name__ == "__main__":
    main()
