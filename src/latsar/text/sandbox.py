"""The Jinja2 side of curriculum templates (see `templating.py`): a sandboxed environment with
only the filters and tests curriculum text may use, operators that cannot build huge values,
and rendering that turns every Jinja2 failure into a TemplateProblem at the template's line.
Imported only when some text holds a template, so curricula without any never load Jinja2.
"""

from __future__ import annotations

from typing import Any, Mapping

import jinja2
from jinja2 import meta, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from latsar.messages import t
from latsar.text.templating import (
    FILTERS, MAX_OUTPUT, MAX_VALUE, TOOL_MISSING, TOOLS_AVAILABLE, TemplateProblem,
)

# Statements that loop, define or pull in other templates: refused (`if` and `set` remain).
REFUSED_TAGS: dict[type, str] = {
    nodes.For: "for", nodes.Macro: "macro", nodes.CallBlock: "call", nodes.FilterBlock: "filter",
    nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from", nodes.Extends: "extends",
    nodes.Block: "block", nodes.With: "with",
}

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


def render(env: SandboxedEnvironment, text: str, context: Mapping[str, Any]) -> str:
    """See `templating.render`."""
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
