"""Programme values inside curriculum text: Jinja2, sandboxed, bounded, deterministic.

Curriculum text needs the programme's values, the documented quiz names, `{% if %}` and a few
text filters; it gets only those. No globals (`range`, `lipsum`, `cycler`, `joiner` are gone, and
the `random` filter with them), no loops, macros or includes, no method calls, and operators that
could build huge values (`'x' * 10**9`, `10 ** 10 ** 10`) are capped, so a template renders in
time and memory proportional to its own size and always to the same text. Anything else is a
TemplateProblem at the template's line.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING, Any, Mapping

from latsar.messages import N_

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment


# Names a quiz's instructions may use besides the programme's values; filled per version by
# `plan.handout.quiz_values`, checked at load with sample values.
QUIZ_NAMES: tuple[str, ...] = ("count", "minutes", "pass_mark", "version", "options", "title")


def quiz_names(blueprint: Any, count: int, version_code: str) -> dict[str, Any]:
    """The values of QUIZ_NAMES for a paket of `count` questions of `blueprint` (a model.schema.Blueprint)."""
    return dict(zip(QUIZ_NAMES, (count, blueprint.minutes, number_text(blueprint.pass_mark),
                                 version_code, blueprint.options, blueprint.title)))


def number_text(value: float) -> str:
    """70.0 -> "70", 70.5 -> "70.5": pass marks print as people write them."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


class TemplateProblem(Exception):
    """A template that cannot be rendered; `line` is 1-based within the template text."""

    def __init__(self, message: str, line: int = 1, name: str = "", hint: str = ""):
        super().__init__(message)
        self.line = line
        self.name = name
        self.hint = hint  # how to fix it, when the message alone does not say


# The filters text may use: each gives output proportional to its input, the same every time.
FILTERS: tuple[str, ...] = ("upper", "lower", "title", "capitalize", "trim", "default", "d", "length", "string",
                            "int", "round", "abs", "first", "last", "join", "striptags")
MAX_VALUE = 100_000  # characters (or items) an operator may build
MAX_OUTPUT = 200_000  # characters one text may render to


def has_template(text: str) -> bool:
    return "{{" in text or "{%" in text


TOOL_MISSING = {"filter": N_("template filter '{name}' is not available in curriculum text"),
                "test": N_("template test '{name}' is not available in curriculum text")}
TOOLS_AVAILABLE = {"filter": N_("available filters: {names}"), "test": N_("available tests: {names}")}


class Templates:
    """Where curriculum text is rendered: simple templates here (`render_simple`), the others by a
    bounded, sandboxed Jinja2 environment (see `sandbox.py`), made at the first that needs it."""

    @cached_property
    def jinja(self) -> "SandboxedEnvironment":
        from latsar.text import sandbox

        return sandbox.environment()


def environment() -> Templates:
    """Where to render curriculum text: Jinja2 loads only at the first template that needs it."""
    return Templates()


def render(templates: Templates, text: str, context: Mapping[str, Any]) -> str:
    """Render `text` with `context`; raise TemplateProblem naming the bad variable or syntax."""
    simple = render_simple(text, context)
    if simple is not None:
        return simple
    from latsar.text import sandbox

    return sandbox.render(templates.jinja, text, context)


# A simple template: text (without "{") and tags of only `{{ name }}` and `{% if name %}` … `{% else %}`
# … `{% endif %}`, every name the context's, its value text or a whole number. Jinja2 renders it to
# the text with each value put in as str() writes it and the branches Python's truth picks (a test
# compares both on generated templates), so it is rendered here; anything else goes to Jinja2.
_TAG = re.compile(r"\{\{ *([A-Za-z_][A-Za-z0-9_]*) *\}\}|\{% *(if|else|endif)(?: +([A-Za-z_][A-Za-z0-9_]*))? *%\}")
_LITERALS = frozenset({"true", "false", "none", "True", "False", "None", "and", "or", "not", "in", "is", "if", "else"})


def render_simple(text: str, context: Mapping[str, Any]) -> str | None:
    """`text` rendered as Jinja2 renders it when it is a simple template (above), else None."""
    if "\r" in text:  # Jinja2 writes every line break as "\n"
        return None
    written: list[str] = []
    branches: list[list[bool]] = []  # of each open `if`: whether it writes now, whether `else` was seen
    end = 0
    for tag in _TAG.finditer(text):
        between = text[end:tag.start()]
        name, keyword, condition = tag.groups()
        value = _value(context, name or condition)
        if "{" in between or value is None:
            return None
        writing = all(writes for writes, _ in branches)
        if writing:
            written.append(between)
        if name is not None:
            if writing:
                written.append(str(value))
        elif not _branch(branches, keyword, condition, value):
            return None
        end = tag.end()
    rest = text[end:]
    if "{" in rest or branches:
        return None
    output = "".join(written) + rest
    return output if len(output) <= MAX_OUTPUT else None  # Jinja2's path words the error


def _value(context: Mapping[str, Any], name: str | None) -> Any:
    """The value of `name` when a simple template may use it (None for a tag that names nothing)."""
    if name is None:
        return ""
    value = context.get(name)
    return value if name not in _LITERALS and type(value) in (str, int) else None


def _branch(branches: list[list[bool]], keyword: str, condition: str | None, value: Any) -> bool:
    """Follow an `if`, `else` or `endif` tag; False when Jinja2 would refuse it (or it is not simple)."""
    if keyword == "if":
        branches.append([bool(value), False])
        return condition is not None
    if condition is not None or not branches:
        return False
    if keyword == "endif":
        branches.pop()
        return True
    writes, after_else = branches[-1]
    branches[-1] = [not writes, True]
    return not after_else
