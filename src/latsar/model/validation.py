"""Validate one YAML document into its model and turn pydantic's errors into located messages."""

from __future__ import annotations

import datetime

import types
import typing
from typing import Any, Callable

from pydantic import BaseModel, ValidationError

from latsar.errors import Diagnostic, Location, closest, did_you_mean
from latsar.source.yamlfile import PathKey, SourceDoc


def validate(doc: SourceDoc, model: type[BaseModel]) -> tuple[BaseModel | None, list[Diagnostic]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    # A misspelt key is reported once, as unknown with its suggestion, not also as missing.
    suggested = {(path[:-1], _close_key(model, err)) for err in errors if err["type"] == "extra_forbidden"
                 for path in [_data_path(doc.data, err["loc"], err["type"])[0]]}
    kept = [err for err in errors if err["type"] != "missing"
            or _data_path(doc.data, err["loc"], "missing") not in suggested]
    return None, [diagnostic(doc, model, err) for err in kept]


def _close_key(model: type[BaseModel], err: dict) -> str:
    return closest(str(err["loc"][-1]), _allowed_keys(model, err["loc"][:-1]))


def diagnostic(doc: SourceDoc, model: type[BaseModel], err: dict) -> Diagnostic:
    path, missing_key = _data_path(doc.data, err["loc"], err["type"])
    field = missing_key or (str(path[-1]) if path and isinstance(path[-1], str) else "")
    kind = err["type"]
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, err["loc"][:-1])
        hint = (_split_by_comma(doc, path) or did_you_mean(field, allowed)
                or f"allowed keys here: {', '.join(sorted(allowed))}")
        return Diagnostic(doc.locate(path, key=True), f"unknown key '{field}'", hint)
    if kind == "missing":
        allowed = _allowed_keys(model, err["loc"][:-1])
        hint = f"add `{missing_key}:` to this mapping"
        return Diagnostic(doc.locate(path), f"missing required key '{missing_key}'", hint if allowed else "")
    message, hint = _explain(err)
    prefix = f"'{field}': " if field else ""
    return Diagnostic(doc.locate(path), prefix + message, hint)


def _split_by_comma(doc: SourceDoc, path: PathKey) -> str:
    """A hint when the "key" is the rest of a text cut by a comma inside `{ … }`, e.g.
    `{reason: Tanpa target, tidak ada ukuran.}` (the words after the comma become a key)."""
    parent, key = _value_at(doc.data, path[:-1]), path[-1]
    keys = list(parent) if isinstance(parent, dict) else []
    if key not in keys[1:] or parent[key] is not None or not _after_comma(doc, doc.locate(path, key=True)):
        return ""
    before = keys[keys.index(key) - 1]
    text = f"{parent[before]}, {key}".replace('"', '\\"')
    return f"a comma inside {{ … }} starts a new key: put the text in quotes, e.g. {before}: \"{text}\""


def _after_comma(doc: SourceDoc, where: Location) -> bool:
    lines = doc.text.splitlines()
    return 0 < where.line <= len(lines) and lines[where.line - 1][:where.column - 1].rstrip().endswith(",")


def _value_at(data: Any, path: PathKey) -> Any:
    for part in path:
        data = data[part]
    return data


def _data_path(data: Any, loc: tuple, kind: str) -> tuple[PathKey, str]:
    """Follow pydantic's `loc` through the data; union tags in `loc` are not in the data and
    are skipped. Returns the path found and, for a missing key, the key's name."""
    path: list = []
    node = data
    for position, part in enumerate(loc):
        last = position == len(loc) - 1
        if isinstance(node, dict) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
        elif last and kind == "missing":
            return tuple(path), str(part)
    return tuple(path), ""


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation can hold (through Optional, list, dict, Annotated, Union)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, tuple, dict):
        found = []
        for arg in typing.get_args(annotation):
            found.extend(_unwrap(arg))
        return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _allowed_keys(model: type[BaseModel], loc: tuple) -> set[str]:
    candidates: list[type[BaseModel]] = [model]
    for part in loc:
        if not isinstance(part, str):
            continue
        nxt: list[type[BaseModel]] = []
        for cls in candidates:
            if part in cls.model_fields:
                nxt.extend(_unwrap(cls.model_fields[part].annotation))
        if nxt:
            candidates = nxt
        # a union tag names the member rather than a field: narrow to the member holding it
        elif any(part in c.model_fields for c in candidates):
            candidates = [c for c in candidates if part in c.model_fields]
    return {name for cls in candidates for name in cls.model_fields}


def _bound(error: dict, name: str, words: str, fix: str) -> tuple[str, str]:
    limit = error["ctx"][name]
    if isinstance(error["input"], datetime.date):  # the zip format's dates: 1980–2107
        return (f"expected a date {words} {limit}, got {error['input']}",
                "use a date from 1980 to 2107 (.xlsx and .zip files cannot carry others)")
    return f"expected a number {words} {limit}, got {_show(error['input'])}", f"use {fix} number"


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else repr(value[:37] + "…")
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return repr(value)


def _expected_literals(ctx: dict) -> str:
    return ctx.get("expected", "").replace(" or ", ", ")


_EXPLAIN: dict[str, Callable[[dict], tuple[str, str]]] = {
    "literal_error": lambda e: (f"expected one of {_expected_literals(e['ctx'])}, got {_show(e['input'])}",
                                "use one of the values listed"),
    "greater_than": lambda e: (f"expected a number greater than {e['ctx']['gt']}, got {_show(e['input'])}",
                               "use a positive number"),
    "greater_than_equal": lambda e: _bound(e, "ge", "at least", "a larger"),
    "less_than_equal": lambda e: _bound(e, "le", "at most", "a smaller"),
    "int_type": lambda e: (f"expected a whole number, got {_show(e['input'])}", "write digits only, e.g. 6"),
    "int_parsing": lambda e: (f"expected a whole number, got {_show(e['input'])}", "write digits only, e.g. 6"),
    "int_from_float": lambda e: (f"expected a whole number, got {_show(e['input'])}", "drop the decimals"),
    "float_type": lambda e: (f"expected a number, got {_show(e['input'])}", "write a number, e.g. 70"),
    "float_parsing": lambda e: (f"expected a number, got {_show(e['input'])}", "write a number, e.g. 70"),
    "bool_type": lambda e: (f"expected true or false, got {_show(e['input'])}", "write true or false"),
    "bool_parsing": lambda e: (f"expected true or false, got {_show(e['input'])}", "write true or false"),
    "string_type": lambda e: (f"expected text, got {_show(e['input'])}",
                              "write text; put it in quotes if it looks like a number or date"),
    "string_too_short": lambda e: ("must not be empty", "write the text"),
    "string_too_long": lambda e: (f"is too long (at most {e['ctx']['max_length']} characters)", "shorten it"),
    "string_pattern_mismatch": lambda e: _pattern(e),
    "list_type": lambda e: (f"expected a list, got {_show(e['input'])}", "write each entry on a line starting with `- `"),
    "too_short": lambda e: (f"needs at least {e['ctx']['min_length']} entries, has {e['ctx']['actual_length']}",
                            "add entries"),
    "too_long": lambda e: (f"takes at most {e['ctx']['max_length']} entries, has {e['ctx']['actual_length']}",
                           "remove entries"),
    "model_type": lambda e: (f"expected a mapping of keys, got {_show(e['input'])}", "write `key: value` lines"),
    "model_attributes_type": lambda e: (f"expected a mapping of keys, got {_show(e['input'])}",
                                        "write `key: value` lines"),
    "dict_type": lambda e: (f"expected a mapping of keys, got {_show(e['input'])}", "write `key: value` lines"),
    "date_type": lambda e: (f"expected a date, got {_show(e['input'])}", "write it as YYYY-MM-DD"),
    "date_parsing": lambda e: (f"expected a date, got {_show(e['input'])}", "write it as YYYY-MM-DD"),
    "date_from_datetime_parsing": lambda e: (f"expected a date, got {_show(e['input'])}", "write it as YYYY-MM-DD"),
    "block_kind": lambda e: ("a content block needs exactly one of the keys text, quote, case",
                             "start the block with `- text: |`, `- quote:` or `- case:`"),
}


def _pattern(err: dict) -> tuple[str, str]:
    if "#" in err["ctx"]["pattern"]:
        return f"expected a colour like '#1F4E79', got {_show(err['input'])}", "write # and six hex digits"
    return (f"{_show(err['input'])} is not a valid id",
            "use lower-case letters, digits and hyphens, e.g. 'wog-2'")


def _explain(err: dict) -> tuple[str, str]:
    explain = _EXPLAIN.get(err["type"])
    if explain:
        return explain(err)
    return err["msg"], ""
