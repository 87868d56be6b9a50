"""Where a trainer's project is: the curriculum folder, and the output folder beside it.

A project folder holds `curriculum/` (with `programme.yaml`) and `seeds/`; `build/` goes next to
them whatever the current directory, so commands behave the same when run from inside
`curriculum/` or one of its sub-folders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from latsar.errors import Diagnostic, LatsarError, Location
from latsar.finder import PROGRAMME, curriculum_above, curriculum_in, declared_language
from latsar.messages import LANGUAGES, t


@dataclass(frozen=True)
class Project:
    curriculum: Path  # the folder holding programme.yaml, absolute

    @property
    def root(self) -> Path:
        """The project folder: the one holding curriculum/ and seeds/."""
        return self.curriculum.parent

    def build_dir(self, lang: str | None = None, default_lang: str = "id") -> Path:
        """`build/` for the programme's language; `build-<lang>/` for another, so an English build
        never overwrites the Indonesian one."""
        name = "build" if lang in (None, default_lang) else f"build-{lang}"
        return self.root / name


def locate(path: Path | None, start: Path | None = None) -> Project:
    """The project of an explicit curriculum/project folder, or the nearest one at or above `start`."""
    if path is not None:
        return Project((_curriculum_in(path) or _missing(path)).resolve())
    found = curriculum_above(str((start or Path.cwd()).resolve()))
    if found:
        return Project(Path(found))
    raise LatsarError([Diagnostic(None, t("no curriculum found in this folder or any folder above it "
                                          "(looked for {file} and curriculum/{file})", file=PROGRAMME),
                                  t("cd into your project folder, pass the curriculum folder, "
                                    "or start one with `latsar init DIR`"))])


def _curriculum_in(folder: Path) -> Path | None:
    found = curriculum_in(str(folder))
    return Path(found) if found else None


def _missing(path: Path) -> Path:
    what = t("does not exist") if not path.exists() else t("holds no {file}", file=PROGRAMME)
    raise LatsarError([Diagnostic(Location(str(path)), what,
                                  t("point at a curriculum folder (the one holding programme.yaml) "
                                    "or its project folder, or create one with `latsar init DIR`"))])


def shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when that is short
    (`build/`, `../../build/`), else absolute."""
    relative = Path(os.path.relpath(path.resolve(), Path.cwd().resolve()))
    return relative.as_posix() if relative.parts[:3].count("..") < 3 else str(path.resolve())


def programme_language(project: Project) -> str:
    """The programme's `language`, read without loading the curriculum (which may not load yet):
    from its line in programme.yaml, or by the YAML reader when that line is not a plain word."""
    from latsar.source.yamlfile import read_yaml

    try:
        language = declared_language((project.curriculum / PROGRAMME).read_text(encoding="utf-8-sig"))
        if language is None:
            data = read_yaml(project.curriculum / PROGRAMME).data
            language = data.get("language") if isinstance(data, dict) else None
    except (LatsarError, OSError, UnicodeDecodeError):
        return "id"
    return language if language in LANGUAGES else "id"


def language_of_command(args: list[str]) -> str | None:
    """The `language` of the programme a command works on: a folder named in `args`, else the
    project found from the current folder upward (None outside a project)."""
    for candidate in [Path(a) for a in args if not a.startswith("-") and Path(a).is_dir()] + [None]:
        try:
            return programme_language(locate(candidate))
        except (LatsarError, OSError):
            continue
    return None
