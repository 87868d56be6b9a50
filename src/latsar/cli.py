"""The `latsar` command line. Thin: options become calls; user errors become exit code 2.

Only typer's public API is used (typer carries its own command-line parser). Heavy modules
(reportlab, the renderers, rich) are imported inside the commands, so `latsar --help` stays instant.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path
from typing import Any, Optional

import typer

import latsar.model  # noqa: F401 (pydantic without plugins, before typer builds its validators)
from latsar import __version__
from latsar.check import check as run_check, load
from latsar.entry import INTERRUPTED
from latsar.errors import LatsarError, did_you_mean
from latsar.messages import N_, environment_language, speaking, t
from latsar.project import Project, language_of_command, locate, programme_language, shown
from latsar.spoken import SpokenCommand, SpokenGroup, usage_problem



class LatsarGroup(SpokenGroup):
    """Commands in the order they are used, and a "did you mean" for a mistyped command."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            known = self.list_commands(ctx)
            hint = did_you_mean(name, known) or t("commands: {names}", names=", ".join(known))
            raise LatsarError(t("latsar: unknown command '{name}'; {hint} (see `latsar --help`)", name=name, hint=hint))
        return super().resolve_command(ctx, args)


app = typer.Typer(
    cls=LatsarGroup, no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=N_("Latsar training modules and multiple-choice quizzes (PDF, LMS exports, item analysis) "
         "from a YAML curriculum."),
)

CurriculumArg = typer.Argument(None, show_default=False,
                               help=N_("Curriculum folder, or the project folder holding curriculum/ "
                                    "(default: found from the current folder upward)."))
OutOption = typer.Option(None, "--out", show_default=False,
                         help=N_("Output folder (default: build/ beside the curriculum)."))
LangOption = typer.Option(None, "--lang", help=N_("Labels language of the documents: id or en."))
QuietOption = typer.Option(False, "--quiet", "-q", help=N_("No progress display and no summary."))


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"latsar {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", "-V", callback=_show_version, is_eager=True,
                                       help=N_("Print latsar's version and exit."))) -> None:
    pass  # the help is the Typer's own


def _load(project: Project, show_warnings: bool = True):
    return load(project, typer.echo, show_warnings)


def _check_lang(lang: Optional[str]) -> None:
    if lang not in (None, "id", "en"):
        hint = did_you_mean(lang or "", ("id", "en")) or t("use id (Bahasa Indonesia) or en (English)")
        raise LatsarError(t("--lang: unknown language '{lang}'; {hint}", lang=lang, hint=hint))


def _out(project: Project, out: Optional[Path], lang: Optional[str], curriculum: Any) -> Path:
    return out if out is not None else project.build_dir(lang, curriculum.programme.language)


def _records(project: Project, curriculum: Any) -> tuple[Path, ...]:
    """Where else printed quizzes are recorded: the programme-language build folder."""
    return (project.build_dir(None, curriculum.programme.language),)


WatchOption = typer.Option(False, "--watch", "-w", help=N_("Run again after every save, until Ctrl-C."))


def _watch(session: Any, project: Project) -> None:
    from latsar.watch import file_changes, watch_loop

    watch_loop(session, file_changes(project.curriculum, project.root / "seeds"))


@app.command(cls=SpokenCommand, help=N_("Validate the curriculum: every error and lint warning with its location, then a summary."))
def check(path: Optional[Path] = CurriculumArg,
          strict: bool = typer.Option(False, "--strict", help=N_("Exit 1 when there are warnings.")),
          watch: bool = WatchOption) -> None:
    if watch:
        from latsar.watch.session import CheckSession

        project = locate(path)
        return _watch(CheckSession(project.curriculum, lambda line: typer.echo(line, err=True)), project)
    code = run_check(path, strict, typer.echo)
    if code:
        raise typer.Exit(code)


ReplanOption = typer.Option(False, "--replan", help=N_("Plan quizzes anew instead of reprinting them as recorded in "
                                                   "their versions.json (answers to the old print no longer score)."))


@app.command(cls=SpokenCommand, help=N_("Build every document of the curriculum into build/ (build-en/ for --lang en)."))
def build(path: Optional[Path] = CurriculumArg, out: Optional[Path] = OutOption,
          lang: Optional[str] = LangOption, quiet: bool = QuietOption, watch: bool = WatchOption,
          replan: bool = ReplanOption) -> None:
    from latsar.build import STEPS, BuildOptions, build as run_build

    _check_lang(lang)
    project = locate(path)
    if watch:
        from latsar.watch.session import BuildSession

        target = out if out is not None else project.build_dir(lang, programme_language(project))
        return _watch(BuildSession(project.curriculum, target, lang, lambda line: typer.echo(line, err=True)),
                      project)
    curriculum, _ = _load(project)
    target = _out(project, out, lang, curriculum)
    _run_build(quiet, target, len(STEPS) + 1,
               lambda report: run_build(curriculum, target, BuildOptions(lang=lang, replan=replan,
                                                                         records=_records(project, curriculum)),
                                        report=report))


def _run_build(quiet: bool, target: Path, steps: int, work: Any, folder: str = "") -> None:
    from latsar.progress import progress, summary_table, wanted

    started = time.perf_counter()
    with progress(wanted(quiet), steps) as report:
        outputs = work(report)
    for note in outputs.notes:
        typer.echo(t("note: {note}", note=note), err=True)
    if not quiet:
        typer.echo(t("wrote {count} files to {folder}/", count=len(outputs.sizes), folder=shown(target / folder)))
    summary_table("latsar", _summary_rows(outputs.sizes, time.perf_counter() - started), wanted(quiet))


def _summary_rows(sizes: dict[str, int], seconds: float) -> list[tuple[str, str]]:
    folders: dict[str, list[int]] = {}
    for path, size in sizes.items():
        folders.setdefault(path.split("/")[0] if "/" in path else ".", []).append(size)
    rows = [(name, t("{count} files, {size:,.0f} KiB", count=len(sizes), size=sum(sizes) / 1024))
            for name, sizes in sorted(folders.items())]
    return rows + [(t("time"), t("{seconds:.1f} s", seconds=seconds))]


def _build_part(path: Optional[Path], out: Optional[Path], blueprint_id: str, step: str, quiet: bool,
                **option_values: Any) -> None:
    from latsar.build import BuildOptions, build as run_build
    from latsar.model.curriculum import find_blueprint

    project = locate(path)
    curriculum, _ = _load(project)
    find_blueprint(curriculum, blueprint_id)
    target = _out(project, out, option_values.get("lang"), curriculum)
    options = BuildOptions(only=frozenset({blueprint_id}), records=_records(project, curriculum), **option_values)
    folder = f"{step}/{blueprint_id}"
    _run_build(quiet, target, 3, lambda report: run_build(
        curriculum, target, options, steps=("plans", step), folder=folder, report=report), folder=folder)


BlueprintArg = typer.Argument(..., show_default=False, help=N_("Blueprint id, e.g. post-test."))


@app.command(cls=SpokenCommand, help=N_("Build one quiz set (booklets per version, answer sheet, keys, pembahasan, kisi-kisi)."))
def quiz(blueprint: str = BlueprintArg, path: Optional[Path] = CurriculumArg, out: Optional[Path] = OutOption,
         lang: Optional[str] = LangOption, quiet: bool = QuietOption, replan: bool = ReplanOption) -> None:
    _check_lang(lang)
    _build_part(path, out, blueprint, "quizzes", quiet, lang=lang, replan=replan)


@app.command(cls=SpokenCommand, help=N_("Export one quiz's items for learning-management systems into build/exports/BLUEPRINT/."))
def export(blueprint: str = BlueprintArg, path: Optional[Path] = CurriculumArg,
           formats: list[str] = typer.Option([], "--format", "-f",
                                             help=N_("moodle, gift, aiken, qti12, qti21 or csv; repeat for several "
                                                  "(default: all).")),
           out: Optional[Path] = OutOption, quiet: bool = QuietOption, replan: bool = ReplanOption) -> None:
    _build_part(path, out, blueprint, "exports", quiet, formats=tuple(formats), replan=replan)


@app.command(cls=SpokenCommand, help=N_("Score a quiz's answers: scores, item analysis, a report, and item statistics for the bank."))
def score(blueprint: str = typer.Argument(..., show_default=False, help=N_("Blueprint id of the quiz, e.g. post-test.")),
          answers: list[Path] = typer.Argument(..., show_default=False,
                                               help=N_("Answer files: latsar's jawaban.csv/.xlsx, a Moodle responses "
                                                    "report, a Google Forms export or a 0/1 matrix.")),
          path: Optional[Path] = typer.Option(None, "--curriculum", "-c", show_default=False,
                                              help=N_("Curriculum folder (default: found from the current folder up).")),
          fmt: Optional[str] = typer.Option(None, "--format", help=N_("template, scans, moodle, forms or matrix "
                                                                   "(default: detected from the header).")),
          cohort: Optional[str] = typer.Option(None, "--cohort", help=N_("Cohort name (default: the programme's).")),
          pre: Optional[Path] = typer.Option(None, "--pre", help=N_("Pre-test scores.csv or answers, for the gain.")),
          update_bank: Optional[bool] = typer.Option(
              None, "--update-bank/--no-update-bank", show_default=False,
              help=N_("Write the item statistics back to curriculum/stats/ (default: ask on a terminal, else no).")),
          allow_rejected: bool = typer.Option(False, "--allow-rejected",
                                              help=N_("Exit 0 even when some rows were rejected.")),
          out: Optional[Path] = OutOption, quiet: bool = QuietOption) -> None:
    from latsar.progress import wanted
    from latsar.score.command import score_command

    project = locate(path)
    curriculum, _ = _load(project, show_warnings=False)
    target = _out(project, out, None, curriculum)
    ask = update_bank is None and sys.stdin.isatty() and wanted(quiet)
    result = score_command(curriculum, blueprint, answers, fmt, cohort, target, pre,
                           update_bank=_confirm_update if ask else bool(update_bank))
    for note in result.notes:
        typer.echo(note)
    if result.rejected and not allow_rejected:
        typer.echo(t("{count} row(s) rejected (listed above and in rejected.csv); fix them and score "
                     "again, or pass --allow-rejected to accept the results without them", count=result.rejected),
                   err=True)
        raise typer.Exit(1)


def _confirm_update() -> bool:
    return typer.confirm(t("Write these item statistics back to curriculum/stats/ "
                           "(future quizzes will use them)?"), default=False, err=True)


@app.command("import", cls=SpokenCommand, help=N_("Import a question bank (Moodle XML, GIFT, Aiken, latsar's Excel template) as "
                               "items YAML."))
def import_(files: Optional[list[Path]] = typer.Argument(None, show_default=False,
                                                       help=N_("Moodle XML, GIFT, Aiken or latsar .xlsx files.")),
            module: Optional[str] = typer.Option(None, "--module", "-m", show_default=False,
                                                 help=N_("Module id the items belong to: new ids start with it.")),
            out: Optional[Path] = typer.Option(None, "--out", "-o", show_default=False,
                                               help=N_("Items YAML file to write (default: standard output).")),
            fmt: Optional[str] = typer.Option(None, "--format", show_default=False,
                                              help=N_("moodle, gift, aiken or xlsx (default: from each file).")),
            template: Optional[Path] = typer.Option(None, "--template", show_default=False,
                                                    help=N_("Write latsar's Excel template for items here, and "
                                                           "stop."))) -> None:
    from latsar.ingest import import_to, write_template

    if template is not None:
        typer.echo(write_template(template))
        return
    if not files:
        raise LatsarError(t("latsar import: give the files to import, or --template FILE.xlsx "
                            "(see `latsar import --help`)"))
    text, message = import_to(list(files), module, out, fmt)
    if text:
        sys.stdout.write(text)
    typer.echo(message, err=True)


@app.command(cls=SpokenCommand, help=N_("Start a new curriculum from the bundled one, ready to edit and build."))
def init(dest: Path = typer.Argument(..., show_default=False,
                                     help=N_("New folder; receives curriculum/ and seeds/."))) -> None:
    bundled = bundled_root()
    if dest.is_dir() and any(dest.iterdir()):
        raise LatsarError(t("{folder}: folder is not empty; choose a new folder name", folder=dest))
    if dest.exists() and not dest.is_dir():
        raise LatsarError(t("{folder}: is a file, not a folder; choose a new folder name", folder=dest))
    from latsar.publish import publishing

    # Copied into a staging folder beside DEST and moved into place whole: a read-only or full
    # disk leaves no half-copied curriculum behind.
    with publishing(dest) as stage:
        for part in ("curriculum", "seeds"):
            _copy_tree(bundled / part, stage.root / part)
    commands = f"cd {dest} && latsar check && latsar build"  # apart: babel reads only t()'s own text
    typer.echo(t("created {folder}/curriculum and {folder}/seeds", folder=dest) + "\n"
               + t("next: {step}", step=commands))


def _copy_tree(source: Path, target: Path) -> None:
    """Copy a folder, skipping statistics and caches; the first failure stops (and is reported)."""
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if {"stats", "__pycache__"} & set(relative.parts):
            continue
        if path.is_dir():
            (target / relative).mkdir(parents=True, exist_ok=True)
        else:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / relative)


def bundled_root() -> Path:
    """Where the bundled curriculum lives: inside the installed package, or the source checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "bundled", package.parents[1]):
        if (candidate / "curriculum" / "programme.yaml").is_file():
            return candidate
    raise LatsarError(t("the bundled curriculum is missing from this installation; reinstall latsar"))


@app.command(cls=SpokenCommand, help=N_("Write a JSON Schema for every curriculum file kind (for editor autocompletion)."))
def schema(out: Optional[Path] = typer.Option(None, "--out", show_default=False,
                                              help=N_("Folder for the *.schema.json files "
                                                   "(default: build/schema beside the curriculum, "
                                                   "or ./build/schema outside a project)."))) -> None:
    from latsar.publish import publish_files
    from latsar.model.jsonschema import schema_files

    folder = out or _default_schema_folder()
    files = {name: text.encode() for name, text in schema_files().items()}
    publish_files(folder, files, replaceable=lambda existing: all(p.name in files for p in existing.iterdir()))
    for name in sorted(files):
        typer.echo(shown(folder / name))


def _default_schema_folder() -> Path:
    try:
        return locate(None).build_dir() / "schema"
    except LatsarError:
        return Path("build") / "schema"


@app.command(cls=SpokenCommand, help=N_("List the fixed labels a programme may override under `labels:` (key, then text)."))
def labels(lang: str = typer.Option("id", "--lang", help=N_("Language: id or en."))) -> None:
    from latsar.labels import labels_for

    _check_lang(lang)
    for key, text in sorted(labels_for(lang).items()):
        lines = text.strip().splitlines() or [""]
        typer.echo(f"{key}: {lines[0]}{' …' if len(lines) > 1 else ''}")


@app.command(cls=SpokenCommand, help=N_("Print latsar's version."))
def version() -> None:
    typer.echo(__version__)


new_app = typer.Typer(cls=SpokenGroup, no_args_is_help=True, help=N_("Start a new module, item bank, blueprint or programme from a "
                                                   "commented skeleton with `TODO: …` placeholders."))
app.add_typer(new_app, name="new")


def _report_new(written: list[Path], *next_steps: str) -> None:
    from latsar.source.yamlfile import display_path

    for path in written:
        typer.echo(t("wrote {path}", path=display_path(path)))
    for step in next_steps:
        typer.echo(t("next: {step}", step=step))


def _root(path: Optional[Path]) -> Path:
    return locate(path).curriculum


@new_app.command("module", cls=SpokenCommand, help=N_("A module skeleton, listed in programme.yaml, with its evaluasi-ID blueprint."))
def new_module(module_id: str = typer.Argument(..., metavar="ID", help=N_("New module id, e.g. etika-publik.")),
               path: Optional[Path] = CurriculumArg,
               objectives: int = typer.Option(3, "--objectives", min=1, max=20,
                                              help=N_("How many objectives."))) -> None:
    from latsar.scaffold import new_module as scaffold

    _report_new(scaffold(_root(path), module_id, objectives),
                t("fill the TODO values (`latsar check` shows where), then `latsar new items {id}`", id=module_id))


@new_app.command("items", cls=SpokenCommand, help=N_("An item bank skeleton for a module, spread over its objectives."))
def new_items(module_id: str = typer.Argument(..., metavar="MODULE", help=N_("Module id the items belong to.")),
              path: Optional[Path] = CurriculumArg,
              count: int = typer.Option(6, "--count", min=1, max=200, help=N_("How many items."))) -> None:
    from latsar.scaffold import new_items as scaffold

    _report_new(scaffold(_root(path), module_id, count), t("fill the TODO values (`latsar check` shows where)"))


@new_app.command("blueprint", cls=SpokenCommand, help=N_("A quiz blueprint skeleton (kisi-kisi)."))
def new_blueprint(blueprint_id: str = typer.Argument(..., metavar="ID",
                                                     help=N_("Blueprint id; evaluasi-MODULE for a module's test.")),
                  path: Optional[Path] = CurriculumArg) -> None:
    from latsar.scaffold import new_blueprint as scaffold

    _report_new(scaffold(_root(path), blueprint_id), t("fill the TODO values (`latsar check` shows where)"))


@new_app.command("programme", cls=SpokenCommand,
                 help=N_("A programme.yaml and seeds/sources.yaml skeleton, for a curriculum of one's own."))
def new_programme(project: Path = typer.Argument(Path("."), help=N_("Project folder; receives curriculum/ and seeds/."))
                  ) -> None:
    from latsar.scaffold import new_programme as scaffold

    _report_new(scaffold(project), t("put the seed articles (.txt) in seeds/ and fill the TODO values"),
                f"latsar new module ID {project / 'curriculum'}")


@app.command(cls=SpokenCommand, help=N_("Read filled answer sheets into build/scans/BLUEPRINT/scans.csv, with review.html for the doubts."))
def scan(blueprint: str = BlueprintArg,
         scans: list[Path] = typer.Argument(..., show_default=False,
                                            help=N_("Scanned sheets: PDF, PNG, JPEG or TIFF files, or folders of them.")),
         path: Optional[Path] = typer.Option(None, "--curriculum", "-c", show_default=False,
                                             help=N_("Curriculum folder (default: found from the current folder up).")),
         then_score: bool = typer.Option(False, "--score", help=N_("Score scans.csv straight away.")),
         out: Optional[Path] = OutOption, quiet: bool = QuietOption) -> None:
    from latsar.progress import wanted
    from latsar.scan.command import scan_command

    # The printed sheets' record is in the build folder: the curriculum only tells where that is.
    target = out if out is not None else _out(locate(path), None, None, _load(locate(path), False)[0])
    show = wanted(quiet)

    def progress(done: int, total: int) -> None:
        if show:
            typer.echo("\r" + t("scan: {done}/{total} pages", done=done, total=total), err=True, nl=done == total)

    result = scan_command(blueprint, scans, target, progress)
    for problem in result.problems:
        typer.echo(problem, err=True)
    if not quiet:
        typer.echo(result.summary)
    if then_score:
        score(blueprint=blueprint, answers=[result.csv], path=path, fmt="scans", cohort=None, pre=None,
              update_bank=None, allow_rejected=False, out=out, quiet=quiet)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; every user error ends in one located line per problem and exit 2."""
    args = list(sys.argv[1:] if argv is None else argv) or ["--help"]  # `latsar` alone: the help, exit 0
    with speaking(environment_language() or language_of_command(args)):
        return _main(args)


def _main(args: list[str]) -> int:
    try:
        result = app(args=args, prog_name="latsar", standalone_mode=False)
    except LatsarError as exc:
        exc.show()
        return exc.exit_code
    except (KeyboardInterrupt, typer.Abort):
        result = INTERRUPTED
    except typer.Exit as exc:
        return exc.exit_code
    except typer.TyperException as exc:  # typer's usage errors: unknown option, missing argument, …
        if type(exc).__name__ == "NoArgsIsHelpError":  # `latsar new` alone: its help, as `latsar` alone
            print(exc.format_message())
            return 0
        print(usage_line(exc, args), file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0  # `latsar labels | head`: the reader has all it wanted
    if result == INTERRUPTED:  # typer turns Ctrl-C inside a command into this code
        print(t("latsar: interrupted (Ctrl-C)"), file=sys.stderr)
    return result if isinstance(result, int) else 0


def usage_line(exc: typer.TyperException, args: list[str]) -> str:
    """One line for a usage error: which command, what is wrong, how to fix it, where the help is."""
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", "") or _command_path(args)
    return t("{command}: {problem} (see `{command} --help`)", command=command, problem=_usage_message(exc, ctx))


def _usage_message(exc: typer.TyperException, ctx: Any) -> str:
    option, param = getattr(exc, "option_name", ""), getattr(exc, "param", None)
    if getattr(exc, "possibilities", None) is not None and ctx is not None:
        known = sorted({o for p in ctx.command.params for o in (*p.opts, *p.secondary_opts)} | {"--help"})
        hint = did_you_mean(option, known) or t("options: {names}", names=", ".join(o for o in known
                                                                                   if o.startswith("--")))
        return t("unknown option '{option}'; {hint}", option=option, hint=hint)
    if param is not None and type(exc).__name__ == "MissingParameter" and not getattr(param, "opts", [""])[0].startswith("-"):
        return t("missing argument {name}", name=(param.metavar or param.name).upper()) + _argument_hint(param.name)
    return usage_problem(exc.format_message())


def _argument_hint(name: str) -> str:
    """For a missing blueprint, the blueprints this project has."""
    if name != "blueprint":
        return ""
    try:
        names = sorted(p.stem for p in (locate(None).curriculum / "blueprints").glob("*.yaml"))
    except LatsarError:
        return "; " + t("give a blueprint id, e.g. post-test")
    return "; " + t("blueprints here: {names}", names=", ".join(names)) if names else ""


def _command_path(args: list[str]) -> str:
    named = [a for a in args if a in app_commands()]
    return f"latsar {named[0]}" if named else "latsar"


def app_commands() -> list[str]:
    """Command names in the order `latsar --help` lists them (commands, then command groups)."""
    commands = [c.name or c.callback.__name__ for c in app.registered_commands if c.callback]
    return commands + [g.name or "" for g in app.registered_groups if g.name]


def run() -> None:
    sys.exit(main())
