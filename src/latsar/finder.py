"""Where a project's curriculum is, and which language its programme speaks, with `os` and `re` alone.

`latsar --help` answers before the command line loads (see `quickhelp.py`) and still speaks the
programme's language, so finding the project and reading its `language:` must not cost pathlib,
dataclasses or a YAML parser. `project.locate` finds projects with the same functions.
"""

from __future__ import annotations

import os
import re

PROGRAMME = "programme.yaml"

# `language: en` at the top level of programme.yaml, plain or quoted, an end-of-line comment allowed.
_LANGUAGE_LINE = re.compile(r"^language[ \t]*:(.*)$", re.MULTILINE)
_PLAIN_VALUE = re.compile(r"""[ \t]*(?:"(\w*)"|'(\w*)'|(\w*))[ \t]*(?:#.*)?\r?""")


def curriculum_in(folder: str) -> str | None:
    """`folder` itself when it holds programme.yaml, else its `curriculum/` sub-folder when that does."""
    for candidate in (folder, os.path.join(folder, "curriculum")):
        if os.path.isfile(os.path.join(candidate, PROGRAMME)):
            return candidate
    return None


def curriculum_above(start: str) -> str | None:
    """The curriculum of the nearest project at or above the absolute folder `start`."""
    folder = start
    while True:
        found = curriculum_in(folder)
        parent = os.path.dirname(folder)
        if found or parent == folder:
            return found
        folder = parent


def declared_language(programme_text: str) -> str | None:
    """The programme's `language` as the loader reads it: 'id' when the key is absent, the value
    when it is a plain word; None when the line is something else (a tag, a block, a duplicate key),
    which only the YAML reader can settle."""
    lines = _LANGUAGE_LINE.findall(programme_text)
    if not lines:
        return "id"
    match = _PLAIN_VALUE.fullmatch(lines[0])
    if len(lines) > 1 or match is None:
        return None
    return next(value for value in match.groups() if value is not None) or None


def programme_language(curriculum: str) -> str | None:
    """`declared_language` of the programme.yaml in `curriculum` (None when it cannot be read)."""
    try:
        with open(os.path.join(curriculum, PROGRAMME), encoding="utf-8-sig") as stream:
            return declared_language(stream.read())
    except (OSError, UnicodeDecodeError):
        return None
