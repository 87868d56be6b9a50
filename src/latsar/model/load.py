"""Load a curriculum folder: read every file, validate it, resolve and check cross-references.

Every problem in every file is collected before anything fails, so one run shows them all.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from pydantic import TypeAdapter, ValidationError

from latsar.errors import Diagnostic, LatsarError, Location
from latsar.labels import format_date, labels_for
from latsar.messages import t
from latsar.model import checks, lint, regulations, textcheck, waivers
from latsar.model.curriculum import Curriculum, Seed
from latsar.model.schema import Blueprint, ItemBank, Module, Programme, RegulationRegistry, SeedSource
from latsar.model.validation import diagnostic, validate
from latsar.source import placeholders
from latsar.source.yamlfile import MAX_FILE_BYTES, SourceDoc, display_path, read_text, read_yaml
from latsar.text import templating

# The folders of a curriculum and the model each file in them holds.
FOLDERS: dict[str, type] = {"modules": Module, "items": ItemBank, "blueprints": Blueprint}


@dataclass
class Loaded:
    """Everything read, with the source of each model kept for locating later problems."""

    root: Path
    read: Callable[[Path], SourceDoc] = read_yaml
    programme: tuple[SourceDoc, Programme] | None = None
    registry: tuple[SourceDoc, RegulationRegistry] | None = None  # regulations.yaml, when present
    files: dict[str, list[tuple[SourceDoc, Any]]] = field(default_factory=lambda: {k: [] for k in FOLDERS})
    seeds: list[tuple[Seed, SourceDoc, int]] = field(default_factory=list)  # seed, sources.yaml, index
    dropped: frozenset[str] = frozenset()  # items whose latest statistics say "drop"
    flagged: dict[str, tuple[str, ...]] = field(default_factory=dict)  # item → reasons to revise
    diagnostics: list[Diagnostic] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)


def find_root(path: Path) -> Path:
    """Accept the curriculum folder itself or a project folder holding `curriculum/`."""
    for candidate in (path, path / "curriculum"):
        if (candidate / "programme.yaml").is_file():
            return candidate
    raise LatsarError([Diagnostic(Location(display_path(path)), t("no programme.yaml found here"),
                                  t("point at a curriculum folder, or create one with `latsar init DIR`"))])


def load_curriculum(path: Path, read: Callable[[Path], SourceDoc] = read_yaml) -> tuple[Curriculum, list[Diagnostic]]:
    """The checked curriculum and its lint warnings; raises LatsarError listing every error.
    `read` reads one YAML file (a watch session passes one that remembers unchanged files)."""
    loaded = Loaded(find_root(path), read=read)
    _read_programme(loaded)
    if loaded.programme is not None:
        _read_seeds(loaded)
        context = template_context(loaded.programme[1])
        for folder, model in FOLDERS.items():
            for file in _yaml_files(loaded, loaded.root / folder):
                _read_file(loaded, file, model, context)
        _read_registry(loaded)
        _read_stats(loaded)
    if not any(d.severity == "error" for d in loaded.diagnostics):
        loaded.diagnostics.extend(checks.run(loaded))
    errors = [d for d in loaded.diagnostics if d.severity == "error"]
    if errors:
        raise LatsarError(loaded.diagnostics)
    curriculum = assemble(loaded)
    found = (loaded.diagnostics + lint.run(loaded) + regulations.run(loaded) + textcheck.run(loaded)
             + _stats_warnings(loaded, curriculum))
    if any(d.severity == "error" for d in found):
        raise LatsarError(found)
    return curriculum, sorted(found, key=Diagnostic.sort_key)


def _yaml_files(loaded: Loaded, folder: Path) -> list[Path]:
    """The folder's `*.yaml` files that stay inside the project; the others, and files that look
    meant to be read but are not (`.yml`, `.YAML`), are named."""
    from latsar.source.files import Refused, inside

    found = []
    for file in sorted(folder.glob("*")):
        if file.suffix != ".yaml":
            if file.suffix.lower() in (".yaml", ".yml"):
                loaded.diagnostics.append(Diagnostic(
                    Location(display_path(file)), t("skipped: only files ending in .yaml (lower case) are read"),
                    t("rename it to {name}.yaml", name=file.stem), severity="warning"))
            continue
        try:
            inside(_project(loaded), folder, file.name)
        except Refused as exc:
            loaded.diagnostics.append(Diagnostic(Location(display_path(file)), t("symlink {problem}", problem=exc),
                                                 t("replace the link with the file itself")))
            continue
        found.append(file)
    return found


def _project(loaded: Loaded) -> Path:
    """The folder holding `curriculum/` and `seeds/`: nothing the curriculum names may lie outside it."""
    return loaded.root.resolve().parent


def _read_registry(loaded: Loaded) -> None:
    file = loaded.root / regulations.REGISTRY_FILE
    doc = _read(loaded, file) if file.is_file() else None
    if doc is None:
        return
    registry, problems = validate(doc, RegulationRegistry)
    loaded.diagnostics.extend(problems)
    if registry is not None:
        loaded.diagnostics.extend(regulations.check_registry(doc, registry))
        loaded.registry = (doc, registry)


STATS_FOLDER = "stats"  # score.feedback.FOLDER, named here so a curriculum without one costs no import


def _read_stats(loaded: Loaded) -> None:
    """Item statistics written back by `latsar score` (curriculum/stats/)."""
    if not (loaded.root / STATS_FOLDER).is_dir():
        return
    from latsar.score.feedback import read_stats

    try:
        loaded.dropped, loaded.flagged = read_stats(loaded.root)
    except LatsarError as exc:
        loaded.diagnostics.extend(exc.diagnostics)


def _stats_warnings(loaded: Loaded, curriculum: Curriculum) -> list[Diagnostic]:
    return [Diagnostic(curriculum.item_locations.get(item_id),
                       t("item '{id}' is flagged by item analysis: {reasons}", id=item_id, reasons="; ".join(reasons)),
                       t("revise the item (see build/scores/), or waive rule A1 with a reason"),
                       severity="warning", rule="A1")
            for item_id, reasons in sorted(loaded.flagged.items())
            if item_id in curriculum.item_by_id
            and waivers.stands(curriculum.item_by_id[item_id], "A1", "warning")]


def template_context(programme: Programme) -> dict[str, Any]:
    """The names curriculum text may use inside {{ … }}."""
    return {
        "title": programme.title, "agenda": programme.agenda or "", "institution": programme.institution,
        "cohort": programme.cohort, "year": programme.year, "place": programme.place,
        "date": format_date(programme.date, labels_for(programme.language)),  # "5 Januari 2026"
        "language": programme.language,
    }


def _read(loaded: Loaded, file: Path) -> SourceDoc | None:
    try:
        doc = loaded.read(file)
    except LatsarError as exc:
        loaded.diagnostics.extend(exc.diagnostics)
        return None
    _hash(loaded, file, doc.text)
    loaded.diagnostics.extend(placeholders.find(doc))
    return doc


def _hash(loaded: Loaded, file: Path, text: str) -> None:
    # From the text already read: valid UTF-8 encodes back to the very bytes of the file.
    loaded.hashes[_relative(loaded, file)] = hashlib.sha256(text.encode("utf-8")).hexdigest()


def _relative(loaded: Loaded, file: Path) -> str:
    try:
        return file.resolve().relative_to(loaded.root.resolve().parent).as_posix()
    except ValueError:
        return file.as_posix()


def _read_programme(loaded: Loaded) -> None:
    doc = _read(loaded, loaded.root / "programme.yaml")
    if doc is None:
        return
    programme, problems = validate(doc, Programme)
    loaded.diagnostics.extend(placeholders.drop_covered(problems, doc))
    if programme is not None:
        loaded.programme = (doc, _programme_filled(doc, programme, loaded))


def _programme_filled(doc: SourceDoc, programme: Programme, loaded: Loaded) -> Programme:
    """The programme with its values filled into its own texts (authors, signatory, …). The
    foreword and label overrides are rendered later, with more names; here they are only checked."""
    later: dict[tuple, dict[str, Any]] = {("foreword",): {},
                                          **{("labels", key): QUIZ_SAMPLE for key in programme.labels}}
    data, problems = _expand_templates(doc, {**template_context(programme), "module_title": ""}, later)
    loaded.diagnostics.extend(problems)
    return programme if problems else Programme.model_validate(data)


def _read_file(loaded: Loaded, file: Path, model: type, context: dict[str, Any]) -> None:
    doc = _read(loaded, file)
    if doc is None:
        return
    local = dict(context)
    if model is Module and isinstance(doc.data, dict) and isinstance(doc.data.get("title"), str):
        local["module_title"] = doc.data["title"]
    deferred = {("instructions",): QUIZ_SAMPLE} if model is Blueprint else {}
    data, problems = _expand_templates(doc, local, deferred)
    loaded.diagnostics.extend(problems)
    value, problems = validate(SourceDoc(doc.display, data, doc.value_marks, doc.key_marks, doc.text), model)
    loaded.diagnostics.extend(placeholders.drop_covered(problems, doc))
    if value is not None:
        loaded.diagnostics.extend(_id_is_file_name(doc, file, value))
        if model is Blueprint and not problems:
            loaded.diagnostics.extend(_instructions_as_printed(doc, value, local))
        loaded.files[file.parent.name].append((doc, value))


def _instructions_as_printed(doc: SourceDoc, blueprint: Blueprint, context: dict[str, Any]) -> list[Diagnostic]:
    """The instructions rendered with this quiz's own values, for every paket when they name it:
    a text that works with sample values can still fail with the real ones ({{ 60 / (count - 30) }})."""
    from latsar.plan.stable import version_code

    text = blueprint.instructions
    if not text or not templating.has_template(text):
        return []
    env = templating.environment()
    count = sum(rule.count for rule in blueprint.rules)
    codes = [version_code(n) for n in range(blueprint.versions)] if "version" in text else ["A"]
    for code in codes:
        names = {**context, **templating.quiz_names(blueprint, count, code)}
        try:
            templating.render(env, text, names)
        except templating.TemplateProblem as problem:
            return [_template_diagnostic(doc, ("instructions",), text, problem, names)]
    return []


def _id_is_file_name(doc: SourceDoc, file: Path, value: Any) -> list[Diagnostic]:
    """Modules and blueprints are found by file name (`latsar quiz ID`, `evaluasi-<module>`)."""
    ident = getattr(value, "id", file.stem)
    if ident == file.stem:
        return []
    return [Diagnostic(doc.locate(("id",)),
                       t("id '{id}' differs from the file name '{file}'", id=ident, file=file.name),
                       t("rename the file to {id}.yaml, or set `id: {stem}`", id=ident, stem=file.stem))]


# A blueprint's `instructions` may also use the quiz's own values, known only per version: those
# texts are checked here with sample values and filled in by the planner.
QUIZ_SAMPLE: dict[str, Any] = dict(zip(templating.QUIZ_NAMES, (30, 45, "70", "A", 4, "Kuis")))


def _expand_templates(doc: SourceDoc, context: dict[str, Any],
                      deferred: dict[tuple, dict[str, Any]] | None = None) -> tuple[Any, list[Diagnostic]]:
    """Programme values filled into every text; texts at `deferred` paths are only checked."""
    if not (doc.may_hold("{{") or doc.may_hold("{%")):
        return doc.data, []  # no text holds a template (templating.has_template)
    env = templating.environment()  # Jinja2 loads at the first template that needs it
    problems: list[Diagnostic] = []
    deferred = deferred or {}

    def walk(value: Any, path: tuple) -> Any:
        if isinstance(value, dict):
            return {k: walk(v, path + (k,)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, path + (i,)) for i, v in enumerate(value)]
        if isinstance(value, str) and templating.has_template(value):
            names = {**context, **deferred.get(path, {})}
            try:
                rendered = templating.render(env, value, names)
                return value if path in deferred else rendered
            except templating.TemplateProblem as problem:
                problems.append(_template_diagnostic(doc, path, value, problem, names))
        return value

    return walk(doc.data, ()), problems


def _template_diagnostic(doc: SourceDoc, path: tuple, text: str, problem: templating.TemplateProblem,
                         context: dict[str, Any]) -> Diagnostic:
    from latsar.errors import did_you_mean

    where = doc.locate(path)
    where = doc.find_after(where, problem.name) if problem.name else doc.locate_line(where, text, problem.line)
    hint = problem.hint or (did_you_mean(problem.name, context) if problem.name else "")
    return Diagnostic(where, str(problem), hint or t("available: {names}", names=", ".join(sorted(context))))


def _read_seeds(loaded: Loaded) -> None:
    found = _seed_list(loaded)
    if found is None:
        return
    doc, entries, folder = found
    first: dict[str, int] = {}
    for index, source in enumerate(entries):
        if source.id in first:
            loaded.diagnostics.append(_duplicate_seed(doc, source.id, first[source.id], index))
            continue
        first[source.id] = index
        if not placeholders.is_placeholder(source.file):  # a placeholder is reported as not filled
            _read_seed(loaded, doc, folder, index, source)


def _seed_list(loaded: Loaded) -> tuple[SourceDoc, list[SeedSource], Path] | None:
    """seeds/sources.yaml read and validated, with the seeds folder; None (reported) if it cannot be."""
    from latsar.source.files import Refused, inside

    programme_doc, programme = loaded.programme
    try:
        folder = inside(_project(loaded), loaded.root, programme.seeds)
    except Refused as exc:
        loaded.diagnostics.append(Diagnostic(programme_doc.locate(("seeds",)),
                                             t("seeds folder '{folder}' {problem}", folder=programme.seeds,
                                               problem=exc),
                                             t("keep the seed articles in the project's seeds/ folder")))
        return None
    try:
        sources = inside(_project(loaded), folder, "sources.yaml")
    except Refused as exc:
        loaded.diagnostics.append(Diagnostic(Location(display_path(folder / "sources.yaml")),
                                             t("symlink {problem}", problem=exc),
                                             t("replace the link with the file itself")))
        return None
    if not sources.is_file():
        where = programme_doc.locate(("seeds",))
        loaded.diagnostics.append(Diagnostic(where, t("no seeds/sources.yaml in {folder}", folder=display_path(folder)),
                                             t("set `seeds:` to the folder of the seed articles")))
        return None
    doc = _read(loaded, sources)
    if doc is None:
        return None
    try:
        return doc, TypeAdapter(list[SeedSource]).validate_python(doc.data), folder
    except ValidationError as exc:
        loaded.diagnostics.extend(placeholders.drop_covered(_seed_source_problems(doc, exc), doc))
        return None


def _read_seed(loaded: Loaded, doc: SourceDoc, folder: Path, index: int, source: SeedSource) -> None:
    """One seed article read into `loaded.seeds`, or what is wrong with it reported."""
    from latsar.source.files import Refused, inside, regular

    try:
        file = inside(_project(loaded), folder, source.file)
        regular(file, MAX_FILE_BYTES)
    except Refused as exc:
        loaded.diagnostics.append(Diagnostic(doc.locate((index, "file")),
                                             t("seed file '{file}' {problem}", file=source.file, problem=exc),
                                             t("put the article in {folder} as a UTF-8 text file",
                                               folder=display_path(folder))))
        return
    try:
        text = read_text(file, display_path(file))
    except LatsarError as exc:
        loaded.diagnostics.extend(exc.diagnostics)
        return
    _hash(loaded, file, text)
    if not text.strip():
        loaded.diagnostics.append(Diagnostic(doc.locate((index, "file")),
                                             t("seed file '{file}' is empty", file=source.file),
                                             t("paste the article's text into it")))
        return
    loaded.seeds.append((Seed(source, file, text), doc, index))


def _duplicate_seed(doc: SourceDoc, seed_id: str, first: int, index: int) -> Diagnostic:
    return Diagnostic(doc.locate((index, "id")), t("duplicate seed id '{id}'", id=seed_id),
                      t("the first one is at {where}; give each seed its own id", where=doc.locate((first, "id"))))


def _seed_source_problems(doc: SourceDoc, exc: ValidationError) -> list[Diagnostic]:
    return [diagnostic(doc, SeedSource, err) for err in exc.errors(include_url=False)]


def assemble(loaded: Loaded) -> Curriculum:
    """The typed curriculum from files already read and checked."""
    programme = loaded.programme[1]
    modules_by_id = {m.id: m for _, m in loaded.files["modules"]}
    modules = tuple(modules_by_id[m] for m in programme.modules)
    order = {m.id: n for n, m in enumerate(modules)}
    objective_module = {o.id: m.id for m in modules for o in m.objectives}
    items = tuple(item for _, bank in sorted(loaded.files["items"], key=lambda f: f[0].display)
                  for item in bank.items)
    items = tuple(sorted(items, key=lambda i: order[objective_module[i.objective]]))
    blueprints = tuple(sorted((b for _, b in loaded.files["blueprints"]), key=lambda b: b.id))
    locations = {item.id: doc.locate(("items", n)) for doc, bank in loaded.files["items"]
                 for n, item in enumerate(bank.items)}
    return Curriculum(
        root=loaded.root, programme=programme, modules=modules, items=items, blueprints=blueprints,
        seeds=tuple(seed for seed, _, _ in loaded.seeds), input_hashes=tuple(sorted(loaded.hashes.items())),
        item_locations=locations, dropped_items=loaded.dropped,
    )
