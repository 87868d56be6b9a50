"""Placeholders: the values a scaffold (`latsar new`) or an importer leaves for a person to fill.

One convention everywhere: a text value that starts with `TODO:` followed by what to write, e.g.
`title: "TODO: judul modul"`. The loader reports each one as "placeholder not filled" at its exact
place, and drops any other complaint about that same value (an id or a number that is still a
placeholder is not also "not a valid id"). Writers of YAML use `as_yaml` so the colon inside is
quoted.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from latsar.errors import Diagnostic, Location
from latsar.messages import t
from latsar.source.yamlfile import PathKey, SourceDoc

MARK = "TODO:"


def placeholder(what: str) -> str:
    """The placeholder value asking for `what`."""
    return f"{MARK} {what}"


def as_yaml(what: str) -> str:
    """The placeholder as a YAML scalar (double-quoted: a JSON string is valid YAML)."""
    return json.dumps(placeholder(what), ensure_ascii=False)


def is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and value.lstrip().startswith(MARK)


def placeholder_paths(data: Any, path: PathKey = ()) -> Iterator[PathKey]:
    """Where in `data` a placeholder still stands."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from placeholder_paths(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from placeholder_paths(value, path + (index,))
    elif is_placeholder(data):
        yield path


def find(doc: SourceDoc) -> list[Diagnostic]:
    """Every placeholder of a file, at the place it is written."""
    if not doc.may_hold(MARK):
        return []
    return [_unfilled(doc, path) for path in placeholder_paths(doc.data)]


def _unfilled(doc: SourceDoc, path: PathKey) -> Diagnostic:
    what = _value_at(doc.data, path).lstrip()[len(MARK):].strip()
    return Diagnostic(doc.locate(path), t("placeholder not filled: {what}", what=what),
                      t("replace the whole `{mark} …` value with your own", mark=MARK))


def _value_at(data: Any, path: PathKey) -> Any:
    for part in path:
        data = data[part]
    return data


def drop_covered(problems: list[Diagnostic], doc: SourceDoc) -> list[Diagnostic]:
    """`problems` without those about a value that is still a placeholder."""
    if not problems or not doc.may_hold(MARK):
        return problems
    covered = {doc.locate(path) for path in placeholder_paths(doc.data)}
    return [problem for problem in problems if problem.location not in covered]
