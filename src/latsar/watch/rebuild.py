"""Rebuild only what a change touches, into an existing build: the changed module's handout first
(the trainer is looking at it), then the book, then the quizzes and exports that depend on it.

Each file is produced by the same code and the same plans as a full build, so it is byte-identical
to what `latsar build` would write; the manifest is brought up to date at the end."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Callable


from latsar.build import BuildOptions, build, updated_manifest
from latsar.messages import t
from latsar.model.curriculum import Curriculum
from latsar.project import shown
from latsar.publish import FileEntry, write_atomic
from latsar.watch.touched import Touched

Echo = Callable[[str], None]


def rebuild(curriculum: Curriculum, out: Path, lang: str | None, touched: Touched, echo: Echo) -> None:
    """`echo` receives a line per output written; it may add the time since the save."""
    if touched.everything or not (out / "manifest.json").is_file():
        outputs = build(curriculum, out, BuildOptions(lang=lang))
        echo(t("rebuilt all {count} files in {folder}/", count=len(outputs.sizes), folder=shown(out)))
        return
    written = _handouts(curriculum, out, lang, _handout_modules(curriculum, touched), echo)
    for blueprint_id in _quizzes(curriculum, touched):
        for step in ("quizzes", "exports"):
            build(curriculum, out, BuildOptions(lang=lang, only=frozenset({blueprint_id})), steps=("plans", step),
                  folder=f"{step}/{blueprint_id}")
            echo(t("rebuilt {path}", path=shown(out / step / blueprint_id)))
    _refresh_manifest(curriculum, out, written)


def _handout_modules(curriculum: Curriculum, touched: Touched) -> list[str]:
    wanted = touched.modules | {b.removeprefix("evaluasi-") for b in touched.blueprints if b.startswith("evaluasi-")}
    return [module.id for module in curriculum.modules if module.id in wanted]


def _quizzes(curriculum: Curriculum, touched: Touched) -> list[str]:
    """Blueprints that changed, or that may draw items from a touched module."""
    objectives = {o.id for m in curriculum.modules if m.id in touched.modules for o in m.objectives}

    def draws_from_touched(blueprint) -> bool:
        return any(rule.module in touched.modules or rule.objective in objectives
                   or (rule.module is None and rule.objective is None) for rule in blueprint.rules)

    return [b.id for b in curriculum.blueprints if b.id in touched.blueprints or (touched.modules and
                                                                                  draws_from_touched(b))]


def _handouts(curriculum: Curriculum, out: Path, lang: str | None, module_ids: list[str], echo: Echo) -> dict:
    if not module_ids:
        return {}
    from latsar.plan.quiz import plan_quiz
    from latsar.render.docx import book_docx, module_docx
    from latsar.render.pdf.handout import book_pdf, facilitator_pdf, module_pdf
    from latsar.render.pdf.theme import make_theme

    theme = make_theme(curriculum.programme, lang or curriculum.programme.language)
    evaluasi = {m.id: plan_quiz(curriculum, curriculum.blueprint_by_id[f"evaluasi-{m.id}"])
                for m in curriculum.modules if f"evaluasi-{m.id}" in curriculum.blueprint_by_id}
    written = {}
    # The PDF first (the trainer is looking at it), then the Word copy a full build writes too.
    for suffix, module_file, book_file in (("pdf", module_pdf, book_pdf), ("docx", module_docx, book_docx)):
        for module_id in module_ids:
            path = f"modules/{module_id}.{suffix}"
            written[path] = _write(out, path, module_file(curriculum, module_id, evaluasi.get(module_id), theme))
            echo(t("rebuilt {path}", path=shown(out / path)))
        book = f"modules/bahan-ajar.{suffix}"
        written[book] = _write(out, book, book_file(curriculum, evaluasi, theme))
        echo(t("rebuilt {path}", path=shown(out / book)))
    for module_id in module_ids:  # the facilitator guide follows its module
        path = f"modules/{module_id}-panduan-fasilitator.pdf"
        written[path] = _write(out, path, facilitator_pdf(curriculum, module_id, theme))
    return written


def _write(out: Path, relative: str, data: bytes) -> FileEntry:
    write_atomic(out / relative, data)
    return FileEntry(len(data), hashlib.sha256(data).hexdigest())


def _refresh_manifest(curriculum: Curriculum, out: Path, written: dict) -> None:
    """The build's manifest with the rewritten files and the inputs they were made from."""
    top = out / "manifest.json"
    text = top.read_bytes()
    for path, entry in written.items():
        text = updated_manifest(text, path, {path: entry}).encode("utf-8")
    document = json.loads(text)
    document["inputs"] = dict(curriculum.input_hashes)
    write_atomic(top, (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8"))
