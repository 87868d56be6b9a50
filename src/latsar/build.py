"""Build orchestration: produce every output and publish them whole (see `latsar.publish`).

Nothing touches the output folder while rendering: each file goes into a staging folder beside it
as soon as it is made (so a 1,000-version quiz never holds 1,000 PDFs in memory), the manifest
last, and the staging folder replaces the output folder in one step, so `build/` is always either
the old build or the new one, and holds exactly what its manifest lists.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterator

from latsar import __version__
from latsar.errors import LatsarError
from latsar.messages import t
from latsar.model.curriculum import Curriculum
from latsar.processes import free_cores
from latsar.progress import Report, silent


@dataclass
class Outputs:
    """Files made, by path relative to the output folder (always with forward slashes): handed
    to `sink` as they are made (streamed to disk), or held in `files` where there is no sink."""

    files: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)  # every file made, streamed or held
    sink: Callable[[str, bytes], None] | None = None

    def add(self, path: str, content: bytes | str) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.sizes[path] = len(data)
        if self.sink is None:
            self.files[path] = data
        else:
            self.sink(path, data)


@dataclass(frozen=True)
class BuildOptions:
    lang: str | None = None  # overrides programme.language for fixed labels
    only: frozenset[str] = frozenset()  # blueprint ids to build; empty = all
    formats: tuple[str, ...] = ()  # export formats; empty = all
    jobs: int | None = None  # processes to use; None = the cores free right now
    replan: bool = False  # plan quizzes anew instead of reprinting their recorded versions.json
    # Other output folders whose records count when the output folder has none (`build-en/`
    # reprints what `build/` printed: one quiz, whatever the language of its labels).
    records: tuple[Path, ...] = ()


@dataclass
class BuildContext:
    """What every step reads: the curriculum, the options, and decisions made once for all steps."""

    curriculum: Curriculum
    options: BuildOptions
    out: Path | None = None  # the output folder, whose quizzes/<id>/versions.json record printed quizzes

    @cached_property
    def lang(self) -> str:
        return self.options.lang or self.curriculum.programme.language

    @cached_property
    def theme(self):
        from latsar.render.pdf.theme import make_theme

        return make_theme(self.curriculum.programme, self.lang)

    @cached_property
    def blueprints(self) -> tuple:
        wanted = self.options.only
        return tuple(b for b in self.curriculum.blueprints if not wanted or b.id in wanted)

    @cached_property
    def planned(self) -> dict:
        """One plan per blueprint asked for, shared by handouts, quiz sets and exports (never
        re-shuffled). Only those: `latsar quiz X` plans X, however big the other quizzes are.
        A printed quiz's record when there is one, else planned now. Errors of all come together."""
        from latsar.plan.record import planned

        found, problems = {}, []
        for b in self.blueprints:
            try:
                found[b.id] = planned(self.curriculum, b, self._record(b.id), self.options.replan)
            except LatsarError as exc:
                problems.extend(exc.diagnostics)
        if problems:
            raise LatsarError(problems)
        return found

    @cached_property
    def plans(self) -> dict:
        return {blueprint_id: p.plan for blueprint_id, p in self.planned.items()}

    @cached_property
    def evaluasi(self) -> dict:
        """Each module's end-of-module quiz plan (None where it has none or it is not built)."""
        return {m.id: self.plans.get(f"evaluasi-{m.id}") for m in self.curriculum.modules}

    def prepare(self) -> None:
        """Decide now what every step reads (plans, theme, fonts), so that worker processes
        started next share it instead of each working it out again."""
        from latsar.render.pdf import fonts

        self.evaluasi
        fonts.register(self.theme.body_font, self.theme.heading_font)

    def _record(self, blueprint_id: str) -> Path | None:
        from latsar.plan.record import record_path

        folders = ([self.out] if self.out else []) + list(self.options.records)
        found = [record_path(folder, blueprint_id) for folder in folders]
        return next((path for path in found if path.is_file()), found[0] if found else None)


@dataclass(frozen=True)
class Part:
    """One piece of a step: files that depend only on the context, made by
    `make(context, outputs, *args)` (a module-level function, so a worker process can be sent it).
    `cost` is a rough estimate (one unit: about 10 ms of CPU) so that the longest pieces start
    first; an `alone` piece starts worker processes of its own and runs in this process."""

    step: str
    make: Callable[..., None]
    args: tuple = ()
    cost: float = 1.0
    alone: bool = False

    def run(self, context: BuildContext, outputs: Outputs) -> None:
        self.make(context, outputs, *self.args)


Parts = Callable[[BuildContext], list[Part]]


def schema_step(context: BuildContext, outputs: Outputs) -> None:
    from latsar.model.jsonschema import schema_files

    for name, text in schema_files().items():
        outputs.add(f"schema/{name}", text)


def summary_step(context: BuildContext, outputs: Outputs) -> None:
    from latsar.summary import summary

    outputs.add("reports/summary.txt", summary(context.curriculum) + "\n")


def plan_step(context: BuildContext, outputs: Outputs) -> None:
    for blueprint in context.blueprints:
        planned = context.planned[blueprint.id]
        outputs.notes.extend(f"{blueprint.id}: {note}" for note in planned.plan.notes + planned.notes)


def handout_parts(context: BuildContext) -> list[Part]:
    """modules/<id>.pdf per module and modules/bahan-ajar.pdf (the book, all of them again) in
    one piece, and each module's panduan fasilitator."""
    modules = [m.id for m in context.curriculum.modules]
    return ([Part("handouts", pdf_handouts, (), HANDOUT_COST * len(modules) * (1 + BOOK_SHARE))]
            + [Part("handouts", facilitator_file, (m,), HANDOUT_COST / 10) for m in modules])


def word_parts(context: BuildContext) -> list[Part]:
    """The same handouts and book as Word files (a third of the PDF's cost)."""
    modules = [m.id for m in context.curriculum.modules]
    return ([Part("word", module_docx_file, (m,), HANDOUT_COST / 3) for m in modules]
            + [Part("word", book_docx_file, (), HANDOUT_COST * len(modules) / 3)])


HANDOUT_COST = 25.0  # one module's handout PDF, in cost units
BOOK_SHARE = 0.35  # the book's cost after the handouts, against theirs (it takes their layouts)


def pdf_handouts(context: BuildContext, outputs: Outputs) -> None:
    """modules/<id>.pdf, each with its evaluasi, then the book: in one process, so that the book
    takes every paragraph's lines and every chapter's spacing as the handouts left them (see
    `LayoutMemo`) instead of setting all of them again; the bytes are the same either way."""
    from latsar.render.pdf.handout import book_pdf, module_pdf
    from latsar.render.pdf.memo import LayoutMemo

    memo, curriculum, theme = LayoutMemo(context.theme), context.curriculum, context.theme
    for module in curriculum.modules:
        outputs.add(f"modules/{module.id}.pdf", module_pdf(curriculum, module.id, context.evaluasi[module.id],
                                                           theme, memo))
    outputs.add("modules/bahan-ajar.pdf", book_pdf(curriculum, _book_evaluasi(context), theme, memo))


def module_docx_file(context: BuildContext, outputs: Outputs, module_id: str) -> None:
    """modules/<id>.docx, with its evaluasi."""
    from latsar.render.docx import module_docx

    outputs.add(f"modules/{module_id}.docx",
                module_docx(context.curriculum, module_id, context.evaluasi[module_id], context.theme))


def book_docx_file(context: BuildContext, outputs: Outputs) -> None:
    """modules/bahan-ajar.docx: every module, each with its evaluasi."""
    from latsar.render.docx import book_docx

    outputs.add("modules/bahan-ajar.docx", book_docx(context.curriculum, _book_evaluasi(context), context.theme))


def _book_evaluasi(context: BuildContext) -> dict:
    return {k: v for k, v in context.evaluasi.items() if v}


def facilitator_file(context: BuildContext, outputs: Outputs, module_id: str) -> None:
    from latsar.render.pdf.handout import facilitator_pdf

    outputs.add(f"modules/{module_id}-panduan-fasilitator.pdf",
                facilitator_pdf(context.curriculum, module_id, context.theme))


def quiz_parts(context: BuildContext) -> list[Part]:
    """One quiz set per blueprint, costed by its items and versions; a set with many versions
    renders its booklets in worker processes of its own (so it runs alone)."""
    from latsar.render.pdf.quiz.parallel import PARALLEL_MIN

    parts = []
    for blueprint in context.blueprints:
        plan = context.plans[blueprint.id]
        items, versions = len(plan.master), len(plan.versions)
        parts.append(Part("quizzes", quiz_set_files, (blueprint.id,), 5 + 0.3 * items + 0.6 * items * versions,
                          alone=versions >= PARALLEL_MIN))
    return parts


def quiz_set_files(context: BuildContext, outputs: Outputs, blueprint_id: str) -> None:
    from latsar.render.pdf.quiz import write_quiz_set
    from latsar.reproducible import document_time
    from latsar.score.template import answer_template

    plan = context.plans[blueprint_id]

    def add(name: str, data: bytes) -> None:
        outputs.add(f"quizzes/{blueprint_id}/{name}", data)

    write_quiz_set(context.curriculum, plan, context.theme, add)
    for name, data in sorted(answer_template(plan, document_time(context.curriculum.programme)).items()):
        add(name, data)


def export_step(context: BuildContext, outputs: Outputs) -> None:
    from latsar.labels import labels_for
    from latsar.render.export import export_all, export_many

    labels = labels_for(context.lang, context.curriculum.programme.labels)
    noted = 0
    for blueprint in context.blueprints:
        plan = context.plans[blueprint.id]
        if context.options.formats:
            result = export_many(context.curriculum, plan, context.options.formats, labels)
        else:
            result = export_all(context.curriculum, plan, labels)
        for name, data in sorted(result.files.items()):
            outputs.add(f"exports/{blueprint.id}/{name}", data)
        if result.warnings:
            # What each format leaves out is the same for every quiz: one file per quiz, one line here.
            outputs.add(f"exports/{blueprint.id}/notes.txt", "\n".join(result.warnings) + "\n")
            noted += 1
    if noted:
        outputs.notes.append(t("exports: what some formats leave out is listed in exports/<quiz>/notes.txt "
                               "({count} quiz(zes))", count=noted))


def _whole(step: str, make: Callable[[BuildContext, Outputs], None], cost: Callable[[BuildContext], float]) -> Parts:
    """A step done in one piece."""
    return lambda context: [Part(step, make, (), cost(context))]


# Steps in build order, each as the pieces it is made of; later issues add theirs here.
STEPS: dict[str, Parts] = {
    "schema": _whole("schema", schema_step, lambda c: 1),
    "summary": _whole("summary", summary_step, lambda c: 1),
    "plans": _whole("plans", plan_step, lambda c: 0),
    "handouts": handout_parts,
    "word": word_parts,
    "quizzes": quiz_parts,
    "exports": _whole("exports", export_step, lambda c: 3 + 4 * len(c.blueprints)),
}


# Top-level entries a build writes, and those other commands write (kept across builds): an
# existing output folder holding anything else (and no manifest.json) is not replaced.
BUILT: tuple[str, ...] = ("manifest.json", "modules", "quizzes", "exports", "schema", "reports")
KEPT: tuple[str, ...] = ("scores", "scans")


def build(curriculum: Curriculum, out: Path, options: BuildOptions = BuildOptions(),
          steps: tuple[str, ...] | None = None, folder: str = "", report: Report = silent) -> Outputs:
    """Run `steps` (all by default), streaming their files into a staging folder that is then
    published with a manifest of them: the whole of `out`, or only its sub-folder `folder` (e.g.
    `quizzes/post-test`) with its own manifest. `report` hears each step's name as it starts, and
    "write" last."""
    from latsar.publish import write_atomic

    context, names = BuildContext(curriculum, options, out), steps or tuple(STEPS)
    prefix = folder.rstrip("/") + "/" if folder else ""
    target = out / folder if folder else out
    guard = {} if folder else {"keep": KEPT, "replaceable": _is_build_folder}
    with _tidy_parents(target), ExitStack() as stack:
        stage = _LazyStage(stack, target, guard)
        sink = Outputs(sink=lambda path, data: stage.write(_inside(path, prefix), data))
        try:
            outputs = run_steps(context, names, report, sink)
        except Exception as exc:
            if type(exc).__name__ != "LayoutError":  # reportlab's, not imported here
                raise
            raise layout_problem(curriculum, str(exc)) from None
        report("write")
        written = {prefix + path: entry for path, entry in stage.written.items()}
        stage.write("manifest.json", manifest(curriculum, written).encode("utf-8"))
    top = out / "manifest.json"
    if folder and top.is_file():
        # The build's manifest, if any, is updated to match the folder just published.
        written[prefix + "manifest.json"] = _entry((target / "manifest.json").read_bytes())
        write_atomic(top, updated_manifest(top.read_bytes(), prefix, written).encode("utf-8"))
    return outputs


class _LazyStage:
    """The staging folder, made when the first file arrives: a command that fails before
    making anything leaves no trace."""

    def __init__(self, stack: ExitStack, target: Path, guard: dict):
        self.stack, self.target, self.guard = stack, target, guard
        self.stage = None

    @property
    def written(self) -> dict:
        return self.stage.written if self.stage is not None else {}

    def write(self, relative: str, data: bytes) -> None:
        from latsar.publish import publishing

        if self.stage is None:
            self.stage = self.stack.enter_context(publishing(self.target, **self.guard))
        self.stage.write(relative, data)


@contextmanager
def _tidy_parents(target: Path) -> Iterator[None]:
    """On failure, remove the folders above `target` that publishing made and left empty."""
    missing = [folder for folder in (target.parent, *target.parent.parents) if not folder.exists()]
    try:
        yield
    except BaseException:
        for folder in missing:
            try:
                folder.rmdir()
            except OSError:
                break
        raise


def _inside(path: str, prefix: str) -> str:
    """`path` relative to the published folder `prefix`."""
    assert path.startswith(prefix), f"a file outside {prefix}: {path}"
    return path[len(prefix):]


def _is_build_folder(target: Path) -> bool:
    return (target / "manifest.json").is_file() or all(p.name in BUILT + KEPT for p in target.iterdir())


def run_steps(context: BuildContext, names: tuple[str, ...], report: Report = silent,
              outputs: Outputs | None = None) -> Outputs:
    """Every step's files, into `outputs` (held in memory if not given). With free cores, the
    steps' pieces run in worker processes, the longest first; each piece's files depend only on
    the context, so the bytes are the same either way, and the notes come in step order."""
    outputs = outputs if outputs is not None else Outputs()
    parts = [part for name in names for part in STEPS[name](context)]
    heard: set[str] = set()

    def hear(step: str) -> None:  # each step's name once, as its first piece is done or starts
        if step not in heard:
            heard.add(step)
            report(step)

    workers = _workers(context, [part.cost for part in parts if not part.alone])
    with _collector_spared():
        notes = _in_workers(context, parts, workers, outputs, hear) if workers >= 2 else {}
        for index, part in enumerate(parts):
            if index not in notes:  # one core, or a piece that starts workers of its own
                hear(part.step)
                own = Outputs(sink=outputs.add)
                part.run(context, own)
                notes[index] = own.notes
    for index in range(len(parts)):
        outputs.notes.extend(notes[index])
    return outputs


def _in_workers(context: BuildContext, parts: list[Part], workers: int, outputs: Outputs,
                hear: Callable[[str], None]) -> dict[int, list[str]]:
    """The pieces that share workers, run in `workers` processes; their files go to `outputs`
    as each piece is done. Returns each one's notes by its index in `parts`."""
    from latsar.schedule import longest_first

    context.prepare()  # decided once, before the workers start, so every process shares it
    shared = [index for index, part in enumerate(parts) if not part.alone]
    pieces = [parts[index] for index in shared]
    notes = {}
    for position, (files, piece_notes) in longest_first(_part_outputs, pieces, [p.cost for p in pieces],
                                                       workers, context):
        hear(pieces[position].step)
        for path, data in files.items():
            outputs.add(path, data)
        notes[shared[position]] = piece_notes
    return notes


@contextmanager
def _collector_spared() -> Iterator[None]:
    """What exists before the steps (curriculum, plans, imported modules) outlives them: the
    cycle collector leaves it alone meanwhile (walking it again at every collection took ~8 %
    of a build), and takes it back afterwards (`latsar build --watch` builds again). Meanwhile
    it also looks at new objects less often (workers started here inherit both): laying out
    pages makes many short-lived objects and little cyclic garbage, and collecting every 700
    allocations cost ~8 % of the handouts for a few MiB less memory."""
    import gc

    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


YOUNG_OBJECTS = 10_000  # new objects between two collections of the youngest (Python's default: 700)


def _part_outputs(context: BuildContext, part: Part) -> tuple[dict[str, bytes], list[str]]:
    outputs = Outputs()
    part.run(context, outputs)
    return outputs.files, outputs.notes


# Work (in cost units) that must lie beside the longest piece for workers to pay for starting:
# `latsar quiz X` (its plan's notes and one quiz set) stays in one process.
SPLIT_WORTH = 10.0


def _workers(context: BuildContext, costs: list[float]) -> int:
    """Worker processes for pieces of these costs: none (1) unless there is enough work to share."""
    if len(costs) < 2 or sum(costs) - max(costs) < SPLIT_WORTH:
        return 1
    return min(_cores(context), len(costs))


def _cores(context: BuildContext) -> int:
    return context.options.jobs if context.options.jobs is not None else free_cores()


def layout_problem(curriculum: Curriculum, detail: str) -> LatsarError:
    """A block taller than a page (a very long stem, option or pembahasan): named at the item it
    belongs to when reportlab's message names one, instead of a traceback."""
    import re

    from latsar.errors import Diagnostic

    height = re.search(r"tallest (?:row|cell|part) ([\d.]+)", detail)
    frame = re.search(r"frame '[^']*'\([\d.]+ x ([\d.]+)", detail)
    size = (" " + t("({height:.0f} pt high where a page holds {page:.0f})", height=float(height.group(1)),
                    page=float(frame.group(1))) if height and frame else "")
    named = [item_id for item_id in curriculum.item_locations if re.search(rf"\b{re.escape(item_id)}\b", detail)]
    if named:
        return LatsarError([Diagnostic(curriculum.item_locations[named[0]],
                                       t("item '{id}' is too long to fit on one page", id=named[0]) + size,
                                       t("shorten its stem, options or pembahasan"))])
    return LatsarError([Diagnostic(None, t("a block of text is too long to fit on one page") + size,
                                   t("shorten the longest text of the last module or quiz you changed"))])


def manifest(curriculum: Curriculum, written: dict) -> str:
    """What a published folder holds: every file (but the manifest itself) with its size and sha256,
    the inputs' hashes, the shuffle seeds and latsar's version."""
    files = [{"path": path, "bytes": e.bytes, "sha256": e.sha256} for path, e in sorted(written.items())]
    return _manifest_text({
        "latsar": __version__,
        "inputs": dict(curriculum.input_hashes),
        "seeds": {b.id: b.seed for b in curriculum.blueprints},
        "files": files,
    })


def updated_manifest(old: bytes, prefix: str, written: dict) -> str:
    """The build's manifest with the entries under `prefix` replaced by what is there now."""
    document = json.loads(old)
    kept = [f for f in document.get("files", []) if not f["path"].startswith(prefix)]
    fresh = [{"path": path, "bytes": e.bytes, "sha256": e.sha256} for path, e in written.items()]
    document["files"] = sorted(kept + fresh, key=lambda f: f["path"])
    return _manifest_text(document)


def _manifest_text(document: dict) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _entry(data: bytes):
    from latsar.publish import FileEntry

    return FileEntry(len(data), hashlib.sha256(data).hexdigest())
