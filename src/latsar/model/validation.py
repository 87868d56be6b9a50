"""Validate one YAML document into its model and turn pydantic's errors into located messages."""

from __future__ import annotations

import datetime
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from latsar.errors import Diagnostic, Location, closest, did_you_mean
from latsar.messages import N_, t
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
                or t("allowed keys here: {keys}", keys=", ".join(sorted(allowed))))
        return Diagnostic(doc.locate(path, key=True), t("unknown key '{key}'", key=field), hint)
    if kind == "missing":
        allowed = _allowed_keys(model, err["loc"][:-1])
        hint = t("add `{key}:` to this mapping", key=missing_key)
        return Diagnostic(doc.locate(path), t("missing required key '{key}'", key=missing_key),
                          hint if allowed else "")
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
    return t("a comma inside {{ … }} starts a new key: put the text in quotes, e.g. {key}: \"{text}\"",
             key=before, text=text)


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


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else repr(value[:37] + "…")
    if isinstance(value, dict):
        return t("a mapping")
    if isinstance(value, list):
        return t("a list")
    if value is None:
        return t("nothing")
    return repr(value)


def _values(err: dict) -> dict[str, Any]:
    """What the messages below may name: the value written, and the limits pydantic reports."""
    ctx = err.get("ctx") or {}
    named = {"what": t(ctx["what"])} if "what" in ctx else {}  # a word of the message, in its language
    return {"got": _show(err.get("input")), "values": ctx.get("expected", "").replace(" or ", ", "), **ctx, **named}


_NUMBER = (N_("expected a whole number, got {got}"), N_("write digits only, e.g. 6"))
_MAPPING = (N_("expected a mapping of keys, got {got}"), N_("write `key: value` lines"))
_DATE = (N_("expected a date, got {got}"), N_("write it as YYYY-MM-DD"))
_BOOL = (N_("expected true or false, got {got}"), N_("write true or false"))
_FLOAT = (N_("expected a number, got {got}"), N_("write a number, e.g. 70"))

# pydantic's error kind → (message, hint), both filled from `_values`.
_EXPLAIN: dict[str, tuple[str, str]] = {
    "literal_error": (N_("expected one of {values}, got {got}"), N_("use one of the values listed")),
    "greater_than": (N_("expected a number greater than {gt}, got {got}"), N_("use a positive number")),
    "greater_than_equal": (N_("expected a number of at least {ge}, got {got}"), N_("use a larger number")),
    "less_than_equal": (N_("expected a number of at most {le}, got {got}"), N_("use a smaller number")),
    "int_type": _NUMBER,
    "int_parsing": _NUMBER,
    "int_from_float": (N_("expected a whole number, got {got}"), N_("drop the decimals")),
    "float_type": _FLOAT,
    "float_parsing": _FLOAT,
    "bool_type": _BOOL,
    "bool_parsing": _BOOL,
    "string_type": (N_("expected text, got {got}"),
                    N_("write text; put it in quotes if it looks like a number or date")),
    "string_too_short": (N_("must not be empty"), N_("write the text")),
    "string_too_long": (N_("is too long (at most {max_length} characters)"), N_("shorten it")),
    "list_type": (N_("expected a list, got {got}"), N_("write each entry on a line starting with `- `")),
    "too_short": (N_("needs at least {min_length} entries, has {actual_length}"), N_("add entries")),
    "too_long": (N_("takes at most {max_length} entries, has {actual_length}"), N_("remove entries")),
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "dict_type": _MAPPING,
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "answer_points": (N_("{points} lists of answer points for {questions} {what}"),
                      N_("give one list per question or exercise, in the same order")),
    "no_table": (N_("no Markdown table in `text`"),
                 N_("write a header row, a `|---|---|` row, then one row per line")),
    "block_kind": (N_("a content block needs exactly one of the keys text, quote, case, table, figure"),
                   N_("start the block with `- text: |`, `- quote:`, `- case:`, `- table:` or `- figure:`")),
}


def _pattern(err: dict) -> tuple[str, str]:
    if "#" in err["ctx"]["pattern"]:
        return (t("expected a colour like '#1F4E79', got {got}", got=_show(err["input"])),
                t("write # and six hex digits"))
    return (t("{got} is not a valid id", got=_show(err["input"])),
            t("use lower-case letters, digits and hyphens, e.g. 'wog-2'"))


# A date outside the limits of the zip format (1980–2107), which .xlsx and .zip files carry.
_DATE_BOUNDS = {"greater_than_equal": N_("expected a date at least {ge}, got {input}"),
                "less_than_equal": N_("expected a date at most {le}, got {input}")}


def _explain(err: dict) -> tuple[str, str]:
    if err["type"] == "string_pattern_mismatch":
        return _pattern(err)
    if err["type"] in _DATE_BOUNDS and isinstance(err.get("input"), datetime.date):
        return (t(_DATE_BOUNDS[err["type"]], **{**_values(err), "input": err["input"]}),
                t("use a date from 1980 to 2107 (.xlsx and .zip files cannot carry others)"))
    if err["type"] in _EXPLAIN:
        message, hint = _EXPLAIN[err["type"]]
        return t(message, **_values(err)), t(hint)
    return err["msg"], ""
