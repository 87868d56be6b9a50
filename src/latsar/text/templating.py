"""Programme values inside curriculum text: Jinja2, sandboxed, bounded, deterministic.

Curriculum text needs the programme's values, the documented quiz names, `{% if %}` and a few
text filters; it gets only those. No globals (`range`, `lipsum`, `cycler`, `joiner` are gone, and
the `random` filter with them), no loops, macros or includes, no method calls, and operators that
could build huge values (`'x' * 10**9`, `10 ** 10 ** 10`) are capped, so a template renders in
time and memory proportional to its own size and always to the same text. Anything else is a
TemplateProblem at the template's line.
"""

from __future__ import annotations

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


def environment() -> "SandboxedEnvironment":
    """A bounded, sandboxed environment for curriculum text (see `sandbox.py`): Jinja2 loads
    only here, at the first text that holds a template."""
    from latsar.text import sandbox

    return sandbox.environment()


def render(env: "SandboxedEnvironment", text: str, context: Mapping[str, Any]) -> str:
    """Render `text` with `context`; raise TemplateProblem naming the bad variable or syntax."""
    from latsar.text import sandbox

    return sandbox.render(env, text, context)
