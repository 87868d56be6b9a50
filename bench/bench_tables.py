"""Benchmark: the cost of a page of each table document (answer key, kisi-kisi, score report)
against a page of a quiz booklet, in process and warm. Target: no table page costs more than
twice a booklet page. The quiz set's other documents (pembahasan, answer sheet) are timed the
same way beside them, and so is the floor: a one-page quiz document holding only its title (what
every document pays for its fonts, metadata and page furniture, however little it prints), and,
for the key and the kisi-kisi, plain reportlab writing the same cells (`PlainTables`: each cell
wrapped by simpleSplit and drawn with drawString, as bench_quiz.py's floor writes a booklet).

Shapes: the key, the kisi-kisi and the pembahasan of the 20-item pre-test with 100 versions (and
the post-test's own 4 versions), and the score report of a 44-item quiz with its item table and a
gain table of 500 participants.

Run: python bench/bench_tables.py [--runs N] [--versions N] [--smoke]
(`--versions 1000`: the pre-test with 1,000 versions, as bench_quiz.py's largest run.)
"""

from __future__ import annotations

import argparse
import math
import statistics
import tempfile
import time
from io import BytesIO
from pathlib import Path

import harness


def quiz_inputs(source: Path, blueprint_id: str, versions: int | None):
    from latsar.model.load import load_curriculum
    from latsar.plan.quiz import plan_quiz
    from latsar.plan.quizdocs import quiz_docs
    from latsar.render.pdf.theme import make_theme

    curriculum, _ = load_curriculum(source / "curriculum")
    blueprint = curriculum.blueprint_by_id[blueprint_id]
    if versions:
        blueprint = blueprint.model_copy(update={"versions": versions})
    theme = make_theme(curriculum.programme, "id")
    return quiz_docs(curriculum, plan_quiz(curriculum, blueprint), theme.labels), theme


SAMPLED_CPU = 0.25  # seconds of calls a figure is the median of, at least


def per_page(render, runs: int, sampled: float = SAMPLED_CPU) -> tuple[float, int]:
    """Milliseconds of CPU per page (median of `runs` calls after a first one, or of as many as
    take `sampled` seconds: a kisi-kisi takes 8 ms, and a median of five such calls moved by a third
    from one run to the next), and the pages."""
    start = time.process_time()
    pdf = render()
    first = time.process_time() - start
    seconds, pdf = harness.timed(render, max(runs, math.ceil(sampled / max(first, 1e-3))), time.process_time)
    pages = harness.pdf_pages(pdf)
    return seconds * 1000 / pages, pages


def booklet_set(docs, theme):
    """Every version's booklet, as a quiz command makes them: what they share (their recorded
    stems and options) worked out afresh each call."""
    from latsar.render.pdf.quiz.booklet import Items, booklet_jobs, booklet_pdf

    jobs = booklet_jobs(docs)

    def booklets() -> list[bytes]:
        items = Items(theme)
        return [booklet_pdf(job, theme, items) for job in jobs]

    return booklets


def booklet_page(booklets, runs: int) -> float:
    """Milliseconds of CPU a page of `booklet_set`'s booklets (median of `runs` after a first call)."""
    booklets()
    seconds, pdfs = harness.timed(booklets, runs, time.process_time)
    return seconds * 1000 / sum(harness.pdf_pages(pdf) for pdf in pdfs)


def interleaved(render, booklets, rounds: int, sampled: float) -> list[float]:
    """A document's page against a booklet page, timed one after the other in each of `rounds`
    rounds (sorted): on a shared machine whose speed drifts from one second to the next, two
    figures taken apart can differ by a quarter for no reason of theirs."""
    ratios = []
    for _ in range(rounds):
        seconds, pdfs = harness.timed(booklets, 1, time.process_time)
        booklet = seconds * 1000 / sum(harness.pdf_pages(pdf) for pdf in pdfs)
        ratios.append(per_page(render, 1, sampled)[0] / booklet)
    return sorted(ratios)


def report_inputs(participants: int, per_module: dict[str, int]):
    """A score report of a simulated cohort (its pre-test answers are its post-test's, so the
    gain table has a row per participant)."""
    import bench_score
    from latsar.render.pdf.theme import make_theme
    from latsar.score.command import score
    from latsar.score.report import build_report

    with tempfile.TemporaryDirectory() as folder:
        curriculum_folder = bench_score.big_quiz_workspace(Path(folder), per_module)
        curriculum, key = bench_score.quiz_key(curriculum_folder)
        answers = Path(folder) / "jawaban.csv"
        bench_score.answers_csv(key, answers, participants)
        outcome = score(curriculum, bench_score.BLUEPRINT_ID, [answers], None, None, answers)
    theme = make_theme(curriculum.programme, "id")
    return build_report(curriculum, outcome), theme


def floor_pdf(docs, theme) -> bytes:
    """A one-page quiz document with only the title block of the answer key."""
    from latsar.render.pdf.quiz.common import RunningText, metadata, render_pdf, title_block

    info, labels = docs.key.info, theme.labels
    story = [title_block(theme, labels["answer_key"], info.title, docs.key.details)]
    running = RunningText(f"{info.title} · {labels['answer_key']}", info.cohort_year, confidential=True)
    return render_pdf(theme, running, story, **metadata(info, labels, labels["answer_key"]))


class PlainTables:
    """Plain reportlab writing the same cells (the floor of a table page, as `floor_booklet` in
    bench_quiz.py is a booklet's): each cell's plain text wrapped by simpleSplit to its column,
    drawn line by line, a fill under every other row and a rule under each, a new page when the
    frame is full. No merged cells, no markup, no layout choices."""

    def __init__(self, theme, landscape: bool):
        from latsar.render.pdf import fonts
        from latsar.render.pdf.streams import StreamCanvas

        fonts.register(theme.body_font, theme.heading_font)
        self.buffer = BytesIO()
        size = (max(theme.page_size), min(theme.page_size)) if landscape else theme.page_size
        # its pages' streams written as ours are (streams.py): the figure compares drawing, not encoding
        self.canv = StreamCanvas(self.buffer, pagesize=size, invariant=1, pageCompression=1,
                                 initialFontName=theme.body_font.regular)
        self.top, self.bottom, self.left, right = theme.margins
        self.width, self.height = size[0] - self.left - right, size[1]
        self.font, self.size = theme.body_font.regular, theme.body_size * 0.85
        self.y = self.height - self.top

    def table(self, widths: list[float], rows: list[list[str]]) -> None:
        from reportlab.lib.utils import simpleSplit

        for n, row in enumerate(rows):
            cells = [simpleSplit(text, self.font, self.size, width - 6) for text, width in zip(row, widths)]
            height = max(map(len, cells)) * self.size * 1.2 + 6
            if self.y - height < self.bottom:
                self.canv.showPage()
                self.y = self.height - self.top
            self._row(widths, cells, height, n % 2 == 1)
        self.y -= self.size * 2

    def _row(self, widths: list[float], cells: list[list[str]], height: float, zebra: bool) -> None:
        canv, x, bottom = self.canv, self.left, self.y - height
        if zebra:
            canv.setFillGray(0.93)
            canv.rect(x, bottom, sum(widths), height, stroke=0, fill=1)
            canv.setFillGray(0)
        canv.setFont(self.font, self.size)
        for lines, width in zip(cells, widths):
            for k, line in enumerate(lines):
                canv.drawString(x + 3, self.y - 3 - self.size * (1.2 * k + 0.9), line)
            x += width
        canv.line(self.left, bottom, x, bottom)
        self.y = bottom

    def pdf(self) -> bytes:
        self.canv.save()
        return self.buffer.getvalue()


def plain_key(doc, theme) -> bytes:
    """The answer key's letters, in as many versions a table as ours, as plain reportlab writes them."""
    from latsar.render.pdf.quiz.key import MIN_COLUMN, NUMBER_WIDTH

    plain = PlainTables(theme, landscape=False)
    per_table = int((plain.width - NUMBER_WIDTH) // MIN_COLUMN)
    for start in range(0, len(doc.versions), per_table):
        group = doc.versions[start:start + per_table]
        rows = [["No.", *(v.code for v in group)]]
        rows += [[str(n + 1), *(v.items[n].key_letter for v in group)] for n in range(len(group[0].items))]
        plain.table([NUMBER_WIDTH] + [MIN_COLUMN] * len(group), rows)
    return plain.pdf()


def plain_kisi(doc, theme) -> bytes:
    """The kisi-kisi's fields, blueprint rows and number tables in our column widths, as plain
    reportlab writes them (the title and headings left out)."""
    from latsar.render.pdf.quiz.kisi import FIXED, SHARES, VERSION_WIDTH

    plain = PlainTables(theme, landscape=True)
    width = plain.width
    plain.table([width / 4] * 4, [[a, b, c, d] for (a, b), (c, d) in zip(doc.fields[0::2], doc.fields[1::2])])
    text = width - sum(FIXED.values())
    plain.table([FIXED["no"], *(text * share for share in SHARES), FIXED["level"], FIXED["form"]],
                [[str(r.number), r.competency, f"{r.module} {r.chapter}", r.indicator, r.level, r.form]
                 for r in doc.rows])
    per_table = int((width - FIXED["no"]) // VERSION_WIDTH)
    for start in range(0, len(doc.versions), per_table):
        codes = doc.versions[start:start + per_table]
        rows = [["No.", *codes]] + [[str(r.number), *r.numbers[start:start + per_table]] for r in doc.rows]
        plain.table([FIXED["no"]] + [VERSION_WIDTH] * len(codes), rows)
    return plain.pdf()


PLAIN = {"key": plain_key, "kisi-kisi": plain_kisi}  # a document's plain-reportlab floor
PLAIN_DOC = {"key": "key", "kisi-kisi": "kisi"}


def quiz_documents(docs, theme):
    """(name, render) of the quiz set's documents other than the booklets."""
    from latsar.render.pdf.quiz.key import key_pdf
    from latsar.render.pdf.quiz.kisi import kisi_pdf
    from latsar.render.pdf.quiz.pembahasan import pembahasan_pdf

    return (("key", lambda: key_pdf(docs.key, theme)), ("kisi-kisi", lambda: kisi_pdf(docs.kisi, theme)),
            ("pembahasan", lambda: pembahasan_pdf(docs.pembahasan, theme)))


def sheet_render(source: Path, blueprint_id: str, theme):
    from latsar.model.load import load_curriculum
    from latsar.plan.quiz import plan_quiz
    from latsar.plan.quizdocs import quiz_docs
    from latsar.render.pdf.quiz.sheet import sheet_pdf
    from latsar.render.quizfiles import quiz_sheet_layout

    curriculum, _ = load_curriculum(source / "curriculum")
    plan = plan_quiz(curriculum, curriculum.blueprint_by_id[blueprint_id])
    info = quiz_docs(curriculum, plan, theme.labels).info
    layout = quiz_sheet_layout(plan, curriculum.programme.participant_digits)
    return lambda: sheet_pdf(layout, info, theme)


def main(argv: list[str] | None = None) -> None:
    from latsar.render.pdf.score_report import render_score_report

    import bench_score

    parser = argparse.ArgumentParser(add_help=False)  # --help: harness.options answers it, with every option
    parser.add_argument("--versions", type=int, default=100, help="versions of the pre-test (default 100)")
    shape, rest = parser.parse_known_args(argv)
    opts = harness.options(__doc__, runs=3, argv=rest)
    print(harness.machine())
    source = harness.MINI if opts.smoke else harness.PROJECT
    shapes = [("kuis", None)] if opts.smoke else [("post-test", None), ("pre-test", shape.versions)]
    sampled = 0.0 if opts.smoke else SAMPLED_CPU  # a smoke run only checks the benchmark still runs
    print(f"in process, warm, CPU time (median of {opts.runs} calls, or of as many as take {sampled:g} s); "
          f"each quiz's pages against a page of its own booklets (every version's, what they share worked out afresh each run)")
    first = booklet = 0.0
    first_set = None
    for blueprint_id, versions in shapes:
        docs, theme = quiz_inputs(source, blueprint_id, versions)
        booklets = booklet_set(docs, theme)
        booklet = booklet_page(booklets, opts.runs)
        first, first_set = first or booklet, first_set or booklets
        print(f"  {'booklets':10} {blueprint_id} x {len(docs.booklets):3} versions: {booklet:5.2f} ms/page")
        if blueprint_id == shapes[0][0]:
            floor = per_page(lambda: floor_pdf(docs, theme), opts.runs, sampled)[0]
            print(f"  {'floor':10} a one-page quiz document holding only its title: {floor:5.1f} ms, "
                  f"{harness.ratio(floor, booklet)} a booklet page")
        for name, render in quiz_documents(docs, theme):
            ms, pages = per_page(render, opts.runs, sampled)
            target = "" if name == "pembahasan" else " (target <= 2x)"
            print(f"  {name:10} {blueprint_id} x {len(docs.booklets):3} versions: {pages:3} pages, {ms:5.1f} ms/page, "
                  f"{harness.ratio(ms, booklet)} a booklet page{target}")
            if target:
                in_turn(render, booklets, opts.runs, sampled)
            plain = PLAIN.get(name)
            if plain:
                floor_ms = per_page(lambda: plain(getattr(docs, PLAIN_DOC[name]), theme), opts.runs, sampled)[0]
                print(f"  {'':10} plain reportlab writing the same cells: {floor_ms:5.1f} ms/page; "
                      f"ours {harness.ratio(ms, floor_ms)} of it")
    booklet = first
    ms, pages = per_page(sheet_render(source, shapes[0][0], theme), opts.runs, sampled)
    print(f"  {'sheet':10} {shapes[0][0]}: {pages:3} page(s), {ms:5.1f} ms/page, {harness.ratio(ms, booklet)} a booklet page")
    report, theme = report_inputs(*((40, bench_score.SMOKE_ITEMS) if opts.smoke else
                                    (500, bench_score.ITEMS_PER_MODULE)))
    ms, pages = per_page(lambda: render_score_report(report, theme), opts.runs, sampled)
    print(f"  {'report':10} {len(report.tables)} tables: {pages:3} pages, {ms:5.1f} ms/page, "
          f"{harness.ratio(ms, booklet)} a {shapes[0][0]} booklet page (target <= 2x)")
    in_turn(lambda: render_score_report(report, theme), first_set, opts.runs, sampled)


def in_turn(render, booklets, runs: int, sampled: float) -> None:
    """Print `interleaved`'s ratios of a document's page to a page of `booklets`."""
    ratios = interleaved(render, booklets, runs, sampled)
    print(f"  {'':10} timed in turn with the booklets, {runs} rounds: {ratios[0]:.2f}x-{ratios[-1]:.2f}x, "
          f"median {statistics.median(ratios):.2f}x")


if __name__ == "__main__":
    main()
