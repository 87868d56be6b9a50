"""Programme values inside curriculum text: Jinja2, sandboxed, bounded, deterministic.

Curriculum text needs the programme's values, the documented quiz names, `{% if %}` and a few
text filters; it gets only those. No globals (`range`, `lipsum`, `cycler`, `joiner` are gone, and
the `random` filter with them), no loops, macros or includes, no method calls, and operators that
could build huge values (`'x' * 10**9`, `10 ** 10 ** 10`) are capped, so a template renders in
time and memory proportional to its own size and always to the same text. Anything else is a
TemplateProblem at the template's line.
"""

from __future__ import annotations

from typing import Any, Mapping

import jinja2
from jinja2 import meta, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from latsar.messages import N_, t


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
# Statements that loop, define or pull in other templates: refused (`if` and `set` remain).
REFUSED_TAGS: dict[type, str] = {
    nodes.For: "for", nodes.Macro: "macro", nodes.CallBlock: "call", nodes.FilterBlock: "filter",
    nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from", nodes.Extends: "extends",
    nodes.Block: "block", nodes.With: "with",
}
MAX_VALUE = 100_000  # characters (or items) an operator may build
MAX_OUTPUT = 200_000  # characters one text may render to


class BoundedEnvironment(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, (int, float)) and (
                abs(right) > 64 or isinstance(left, int) and left.bit_length() * abs(right) > 4096):
            raise SecurityError(t("the power {base} ** {exponent} is too large", base=left, exponent=right))
        if operator in ("*", "+"):
            _check_size(_size(left, right, operator))
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        raise SecurityError(t("calls are not available in curriculum text; use the values as {{ name }}"))


def _size(left: Any, right: Any, operator: str) -> int:
    sized = (str, list, tuple)
    if operator == "+":
        return sum(len(v) for v in (left, right) if isinstance(v, sized))
    for value, times in ((left, right), (right, left)):
        if isinstance(value, sized) and isinstance(times, int):
            return len(value) * times
    return 0


def _check_size(size: int) -> None:
    if size > MAX_VALUE:
        raise SecurityError(t("the value would be {size:,} characters long (at most {limit:,})", size=size,
                              limit=MAX_VALUE))


def environment() -> SandboxedEnvironment:
    # autoescape off: the output is plain curriculum text; writers escape for their own format.
    env = BoundedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
    env.globals.clear()
    env.filters = {name: env.filters[name] for name in FILTERS}
    env.tests = {name: env.tests[name] for name in ("defined", "undefined", "none", "number", "string")}
    return env


def has_template(text: str) -> bool:
    return "{{" in text or "{%" in text


TOOL_MISSING = {"filter": N_("template filter '{name}' is not available in curriculum text"),
                "test": N_("template test '{name}' is not available in curriculum text")}
TOOLS_AVAILABLE = {"filter": N_("available filters: {names}"), "test": N_("available tests: {names}")}


def render(env: SandboxedEnvironment, text: str, context: Mapping[str, Any]) -> str:
    """Render `text` with `context`; raise TemplateProblem naming the bad variable or syntax."""
    try:
        ast = env.parse(text)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(t("template syntax error: {problem}", problem=exc.message), exc.lineno or 1) from None
    for node_type, tag in REFUSED_TAGS.items():
        for node in ast.find_all(node_type):
            raise TemplateProblem(t("template tag '{tag}' is not available in curriculum text", tag=tag),
                                  node.lineno, hint=t("use {{ name }} and {% if %} … {% endif %}"))
    for kind, node_type, known in (("filter", nodes.Filter, env.filters), ("test", nodes.Test, env.tests)):
        for node in ast.find_all(node_type):
            if node.name not in known:
                raise TemplateProblem(t(TOOL_MISSING[kind], name=node.name), node.lineno,
                                      hint=t(TOOLS_AVAILABLE[kind], names=", ".join(sorted(known))))
    for name in sorted(meta.find_undeclared_variables(ast)):
        if name not in context:
            raise TemplateProblem(t("template variable '{name}' is not defined", name=name), _line_of(text, name), name)
    try:
        output = env.from_string(ast).render(**context)
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(t("template value is not defined: {problem}", problem=exc.message)) from None
    except jinja2.TemplateError as exc:
        raise TemplateProblem(t("template error: {problem}", problem=exc), _template_line(exc)) from None
    except (ArithmeticError, TypeError, ValueError) as exc:
        # An expression of the author's own ({{ year / 0 }}, {{ year + 'x' }}, a range the sandbox
        # refuses): a mistake in the YAML, not in latsar.
        raise TemplateProblem(t("template error: {problem}", problem=exc)) from None
    except (RecursionError, MemoryError, OverflowError) as exc:
        raise TemplateProblem(t("template error: the expression is too large to evaluate"),
                              _template_line(exc)) from None
    if len(output) > MAX_OUTPUT:
        raise TemplateProblem(t("template error: the text would be {length:,} characters long (at most {limit:,})",
                                length=len(output), limit=MAX_OUTPUT))
    return output


def _template_line(exc: BaseException) -> int:
    """The template line a runtime error happened on (Jinja runs templates as '<template>' code)."""
    line, trace = 1, exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def _line_of(text: str, name: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if name in line:
            return number
    return 1
