"""Build orchestration: produce every output in memory, then write them all atomically.

Rendering happens before anything touches the output folder, so a failure leaves `build/` as it
was; each file is written to a temporary name beside its target and renamed into place.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

from latsar import __version__
from latsar.errors import LatsarError
from latsar.model.curriculum import Curriculum
from latsar.processes import cores, fork_context


@dataclass
class Outputs:
    """Files to write, by path relative to the output folder (always with forward slashes)."""

    files: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, path: str, content: bytes | str) -> None:
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content


@dataclass(frozen=True)
class BuildOptions:
    lang: str | None = None  # overrides programme.language for fixed labels
    only: frozenset[str] = frozenset()  # blueprint ids to build; empty = all
    formats: tuple[str, ...] = ()  # export formats; empty = all
    jobs: int | None = None  # processes to use; None = the machine's cores


@dataclass
class BuildContext:
    """What every step reads: the curriculum, the options, and decisions made once for all steps."""

    curriculum: Curriculum
    options: BuildOptions

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
    def plans(self) -> dict:
        """One plan per blueprint, shared by handouts, quiz sets and exports (never re-shuffled)."""
        from latsar.plan.quiz import plan_quiz

        return {b.id: plan_quiz(self.curriculum, b) for b in self.curriculum.blueprints}


Step = Callable[[BuildContext, Outputs], None]


def schema_step(context: BuildContext, outputs: Outputs) -> None:
    from latsar.model.jsonschema import schema_files

    for name, text in schema_files().items():
        outputs.add(f"schema/{name}", text)


def summary_step(context: BuildContext, outputs: Outputs) -> None:
    from latsar.summary import summary

    outputs.add("reports/summary.txt", summary(context.curriculum) + "\n")


def plan_step(context: BuildContext, outputs: Outputs) -> None:
    for blueprint in context.blueprints:
        outputs.notes.extend(f"{blueprint.id}: {note}" for note in context.plans[blueprint.id].notes)


def handout_step(context: BuildContext, outputs: Outputs) -> None:
    from latsar.render.pdf.handout import book_pdf, module_pdf

    curriculum, theme = context.curriculum, context.theme
    evaluasi = {m.id: context.plans.get(f"evaluasi-{m.id}") for m in curriculum.modules}
    for module in curriculum.modules:
        outputs.add(f"modules/{module.id}.pdf", module_pdf(curriculum, module.id, evaluasi[module.id], theme))
    outputs.add("modules/bahan-ajar.pdf", book_pdf(curriculum, {k: v for k, v in evaluasi.items() if v}, theme))


def quiz_step(context: BuildContext, outputs: Outputs) -> None:
    from latsar.render.pdf.quiz import quiz_set
    from latsar.reproducible import document_time
    from latsar.score.template import answer_template

    when = document_time(context.curriculum.programme)
    for blueprint in context.blueprints:
        plan = context.plans[blueprint.id]
        files = {**quiz_set(context.curriculum, plan, context.theme), **answer_template(plan, when)}
        for name, data in sorted(files.items()):
            outputs.add(f"quizzes/{blueprint.id}/{name}", data)


def export_step(context: BuildContext, outputs: Outputs) -> None:
    from latsar.render.export import export_all, export_many

    noted = 0
    for blueprint in context.blueprints:
        plan = context.plans[blueprint.id]
        if context.options.formats:
            result = export_many(context.curriculum, plan, context.options.formats)
        else:
            result = export_all(context.curriculum, plan)
        for name, data in sorted(result.files.items()):
            outputs.add(f"exports/{blueprint.id}/{name}", data)
        if result.warnings:
            # What each format leaves out is the same for every quiz: one file per quiz, one line here.
            outputs.add(f"exports/{blueprint.id}/notes.txt", "\n".join(result.warnings) + "\n")
            noted += 1
    if noted:
        outputs.notes.append(f"exports: what some formats leave out is listed in exports/<quiz>/notes.txt "
                             f"({noted} quiz(zes))")


# Steps in build order; later issues add theirs here.
STEPS: dict[str, Step] = {
    "schema": schema_step,
    "summary": summary_step,
    "plans": plan_step,
    "handouts": handout_step,
    "quizzes": quiz_step,
    "exports": export_step,
}


# Steps heavy enough to run in a second process while the others run here.
OFFLOADABLE: frozenset[str] = frozenset({"handouts"})


def build(curriculum: Curriculum, out: Path, options: BuildOptions = BuildOptions(),
          steps: tuple[str, ...] | None = None, manifest_path: str = "manifest.json") -> Outputs:
    """Run `steps` (all by default), then write their files and a manifest of them."""
    context = BuildContext(curriculum, options)
    outputs = run_steps(context, steps or tuple(STEPS))
    outputs.add(manifest_path, manifest(curriculum, outputs))
    write_all(out, outputs.files)
    return outputs


def run_steps(context: BuildContext, names: tuple[str, ...]) -> Outputs:
    """Every step's files. With two cores or more, offloadable steps run in a worker process
    meanwhile; each step's output depends only on the context, so the bytes are the same."""
    offload = [n for n in names if n in OFFLOADABLE] if len(names) > 1 and _cores(context) >= 2 else []
    outputs = Outputs()
    if not offload:
        for name in names:
            STEPS[name](context, outputs)
        return outputs
    from concurrent.futures import ProcessPoolExecutor

    import pickle

    context.plans  # decided once, before the worker starts, so both processes share them
    # Pickled here, not in the pool's feeder thread, which would race with this process's steps
    # filling the context's caches.
    frozen = pickle.dumps(context)
    with ProcessPoolExecutor(1, mp_context=fork_context()) as pool:
        futures = {name: pool.submit(_step_outputs, name, frozen) for name in offload}
        for name in names:
            if name not in futures:
                STEPS[name](context, outputs)
        for name in offload:
            files, notes = futures[name].result()
            outputs.files.update(files)
            outputs.notes.extend(notes)
    return outputs


def _step_outputs(name: str, frozen: bytes) -> tuple[dict[str, bytes], list[str]]:
    import pickle

    outputs = Outputs()
    STEPS[name](pickle.loads(frozen), outputs)
    return outputs.files, outputs.notes


def _cores(context: BuildContext) -> int:
    return context.options.jobs if context.options.jobs is not None else cores()


def find_blueprint(curriculum: Curriculum, blueprint_id: str):
    from latsar.errors import did_you_mean

    if blueprint_id not in curriculum.blueprint_by_id:
        known = curriculum.blueprint_by_id
        hint = did_you_mean(blueprint_id, known) or f"blueprints: {', '.join(sorted(known))}"
        raise LatsarError(f"unknown blueprint '{blueprint_id}'; {hint}")
    return curriculum.blueprint_by_id[blueprint_id]


def manifest(curriculum: Curriculum, outputs: Outputs) -> str:
    document = {
        "latsar": __version__,
        "inputs": dict(curriculum.input_hashes),
        "seeds": {b.id: b.seed for b in curriculum.blueprints},
        "files": [
            {"path": path, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for path, data in sorted(outputs.files.items())
        ],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_all(out: Path, files: dict[str, bytes]) -> None:
    if out.exists() and not out.is_dir():
        raise LatsarError(f"{out}: is a file, not a folder; choose another output folder (--out)")
    for relative, data in sorted(files.items()):
        write_atomic(out / relative, data)


def write_atomic(target: Path, data: bytes) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise _unwritable(target, exc) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            os.fchmod(stream.fileno(), 0o644)  # mkstemp makes 0600; outputs are for sharing
        os.replace(temp, target)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _unwritable(target, exc) from None
        raise


def _unwritable(target: Path, exc: OSError) -> LatsarError:
    # A full disk, a read-only folder or a file where a folder should be: the user's to fix.
    return LatsarError(f"{target}: cannot write the file ({exc.strerror or exc}); "
                       "check the folder's permissions and free space, or choose another output folder (--out)")
