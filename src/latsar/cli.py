"""The `latsar` command line. Thin: options become calls; user errors become exit code 2.

Heavy modules (reportlab, the renderers) are imported inside the commands, so `latsar --help`
stays instant.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Optional

import click
import typer

from latsar import __version__
from latsar.errors import LatsarError

app = typer.Typer(
    add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None,
    help="Latsar training modules and multiple-choice quizzes (PDF, LMS exports, item analysis) "
         "from a YAML curriculum.",
)

CurriculumArg = typer.Argument(Path("curriculum"), help="Curriculum folder (holding programme.yaml).")


def _load(path: Path):
    from latsar.model.load import load_curriculum

    return load_curriculum(path)


@app.command()
def check(path: Path = CurriculumArg,
          strict: bool = typer.Option(False, "--strict", help="Exit 1 when there are warnings.")) -> None:
    """Validate the curriculum: every error and lint warning with its location, then a summary."""
    from latsar.summary import summary

    curriculum, warnings = _load(path)
    for warning in warnings:
        typer.echo(warning.format(), err=True)
    typer.echo(summary(curriculum))
    typer.echo(f"\n{len(warnings)} warning(s), 0 errors")
    if strict and warnings:
        raise typer.Exit(1)


@app.command()
def build(path: Path = CurriculumArg,
          out: Path = typer.Option(Path("build"), "--out", help="Output folder."),
          lang: Optional[str] = typer.Option(None, "--lang", help="Labels language: id or en.")) -> None:
    """Build every document of the curriculum into the output folder."""
    from latsar.build import BuildOptions, build as run_build

    _check_lang(lang)
    curriculum, warnings = _load(path)
    for warning in warnings:
        typer.echo(warning.format(), err=True)
    outputs = run_build(curriculum, out, BuildOptions(lang=lang))
    for note in outputs.notes:
        typer.echo(note)
    typer.echo(f"wrote {len(outputs.files)} files to {out}/")


def _check_lang(lang: Optional[str]) -> None:
    if lang not in (None, "id", "en"):
        raise LatsarError(f"--lang: expected id or en, got '{lang}'")


def _build_part(path: Path, out: Path, blueprint_id: str, step: str, **option_values) -> None:
    from latsar.build import BuildOptions, build as run_build, find_blueprint

    curriculum, warnings = _load(path)
    find_blueprint(curriculum, blueprint_id)
    options = BuildOptions(only=frozenset({blueprint_id}), **option_values)
    outputs = run_build(curriculum, out, options, steps=("plans", step), folder=f"{step}/{blueprint_id}")
    for note in outputs.notes:
        typer.echo(f"note: {note}", err=True)
    typer.echo(f"wrote {len(outputs.files)} files to {out}/{step}/{blueprint_id}/")


@app.command()
def quiz(blueprint: str = typer.Argument(..., help="Blueprint id, e.g. post-test."),
         path: Path = CurriculumArg,
         out: Path = typer.Option(Path("build"), "--out", help="Output folder."),
         lang: Optional[str] = typer.Option(None, "--lang", help="Labels language: id or en.")) -> None:
    """Build one quiz set (booklets per version, answer sheet, keys, pembahasan, kisi-kisi)."""
    _check_lang(lang)
    _build_part(path, out, blueprint, "quizzes", lang=lang)


@app.command()
def export(blueprint: str = typer.Argument(..., help="Blueprint id, e.g. post-test."),
           path: Path = CurriculumArg,
           formats: list[str] = typer.Option([], "--format", "-f",
                                             help="moodle, gift, aiken, qti12, qti21 or csv; repeat for several "
                                                  "(default: all)."),
           out: Path = typer.Option(Path("build"), "--out", help="Output folder.")) -> None:
    """Export one quiz's items for learning-management systems into OUT/exports/BLUEPRINT/."""
    _build_part(path, out, blueprint, "exports", formats=tuple(formats))


@app.command()
def score(blueprint: str = typer.Argument(..., help="Blueprint id of the quiz, e.g. post-test."),
          answers: list[Path] = typer.Argument(..., help="Answer files: latsar's jawaban.csv/.xlsx, a Moodle "
                                                         "responses report, a Google Forms export or a 0/1 matrix."),
          path: Path = typer.Option(Path("curriculum"), "--curriculum", "-c", help="Curriculum folder."),
          fmt: Optional[str] = typer.Option(None, "--format", help="template, moodle, forms or matrix "
                                                                   "(default: detected from the header)."),
          cohort: Optional[str] = typer.Option(None, "--cohort", help="Cohort name (default: the programme's)."),
          pre: Optional[Path] = typer.Option(None, "--pre", help="Pre-test scores.csv or answers, for the gain."),
          out: Path = typer.Option(Path("build"), "--out", help="Output folder.")) -> None:
    """Score a quiz's answers: scores, item analysis, a report, and item statistics for the bank."""
    from latsar.score.command import score_command

    curriculum, _ = _load(path)
    for note in score_command(curriculum, blueprint, answers, fmt, cohort, out, pre):
        typer.echo(note)


@app.command()
def schema(out: Path = typer.Option(Path("build/schema"), "--out", help="Folder for the *.schema.json files.")) -> None:
    """Write a JSON Schema for every curriculum file kind (for editor autocompletion)."""
    from latsar.build import publish_files
    from latsar.model.jsonschema import schema_files

    files = {name: text.encode() for name, text in schema_files().items()}
    publish_files(out, files, replaceable=lambda folder: all(p.name in files for p in folder.iterdir()))
    for name in sorted(files):
        typer.echo(str(out / name))


@app.command()
def init(dest: Path = typer.Argument(..., help="New folder; receives curriculum/ and seeds/.")) -> None:
    """Start a new curriculum from the bundled one, ready to edit and build."""
    bundled = bundled_root()
    if dest.is_dir() and any(dest.iterdir()):
        raise LatsarError(f"{dest}: folder is not empty; choose a new folder name")
    if dest.exists() and not dest.is_dir():
        raise LatsarError(f"{dest}: is a file, not a folder; choose a new folder name")
    for part in ("curriculum", "seeds"):
        shutil.copytree(bundled / part, dest / part, ignore=shutil.ignore_patterns("stats", "__pycache__"))
    typer.echo(f"created {dest}/curriculum and {dest}/seeds\nnext: latsar check {dest}/curriculum")


def bundled_root() -> Path:
    """Where the bundled curriculum lives: inside the installed package, or the source checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "bundled", package.parents[1]):
        if (candidate / "curriculum" / "programme.yaml").is_file():
            return candidate
    raise LatsarError("the bundled curriculum is missing from this installation; reinstall latsar")


@app.command()
def labels(lang: str = typer.Option("id", "--lang", help="Language: id or en.")) -> None:
    """List the fixed labels a programme may override under `labels:` (key, then text)."""
    from latsar.labels import labels_for

    _check_lang(lang)
    for key, text in sorted(labels_for(lang).items()):
        lines = text.strip().splitlines() or [""]
        typer.echo(f"{key}: {lines[0]}{' …' if len(lines) > 1 else ''}")


@app.command()
def version() -> None:
    """Print latsar's version."""
    typer.echo(__version__)


new_app = typer.Typer(no_args_is_help=True, help="Start a new module, item bank, blueprint or programme from a "
                                                   "commented skeleton with `TODO: …` placeholders.")
app.add_typer(new_app, name="new")


def _report_new(written: list[Path], *next_steps: str) -> None:
    from latsar.source.yamlfile import display_path

    for path in written:
        typer.echo(f"wrote {display_path(path)}")
    for step in next_steps:
        typer.echo(f"next: {step}")


def _root(path: Path) -> Path:
    from latsar.model.load import find_root

    return find_root(path)


@new_app.command("module")
def new_module(module_id: str = typer.Argument(..., metavar="ID", help="New module id, e.g. etika-publik."),
               path: Path = CurriculumArg,
               objectives: int = typer.Option(3, "--objectives", min=1, max=20, help="How many objectives.")) -> None:
    """A module skeleton, listed in programme.yaml, with its evaluasi-ID blueprint."""
    from latsar.scaffold import new_module as scaffold

    _report_new(scaffold(_root(path), module_id, objectives),
                f"fill the TODO values (`latsar check {path}` shows where), then `latsar new items {module_id}`")


@new_app.command("items")
def new_items(module_id: str = typer.Argument(..., metavar="MODULE", help="Module id the items belong to."),
              path: Path = CurriculumArg,
              count: int = typer.Option(6, "--count", min=1, max=200, help="How many items.")) -> None:
    """An item bank skeleton for a module, spread over its objectives."""
    from latsar.scaffold import new_items as scaffold

    _report_new(scaffold(_root(path), module_id, count), f"fill the TODO values (`latsar check {path}` shows where)")


@new_app.command("blueprint")
def new_blueprint(blueprint_id: str = typer.Argument(..., metavar="ID",
                                                     help="Blueprint id; evaluasi-MODULE for a module's test."),
                  path: Path = CurriculumArg) -> None:
    """A quiz blueprint skeleton (kisi-kisi)."""
    from latsar.scaffold import new_blueprint as scaffold

    _report_new(scaffold(_root(path), blueprint_id), f"fill the TODO values (`latsar check {path}` shows where)")


@new_app.command("programme")
def new_programme(project: Path = typer.Argument(Path("."), help="Project folder; receives curriculum/ and seeds/.")
                  ) -> None:
    """A programme.yaml and seeds/sources.yaml skeleton, for a curriculum of one's own."""
    from latsar.scaffold import new_programme as scaffold

    _report_new(scaffold(project), "put the seed articles (.txt) in seeds/ and fill the TODO values",
                f"latsar new module ID {project / 'curriculum'}")


def main(argv: list[str] | None = None) -> int:
    try:
        # Without standalone mode click returns the code of `typer.Exit` instead of exiting.
        result = app(args=argv, prog_name="latsar", standalone_mode=False)
    except LatsarError as exc:
        exc.show()
        return 2
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return 2
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 1
    return result if isinstance(result, int) else 0


def run() -> None:
    sys.exit(main())
