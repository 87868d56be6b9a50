"""Programme values inside curriculum text: Jinja2, sandboxed, with undefined names an error."""

from __future__ import annotations

from typing import Any, Mapping

import jinja2
from jinja2 import meta
from jinja2.sandbox import SandboxedEnvironment


# Names a quiz's instructions may use besides the programme's values; filled per version by
# `plan.handout.quiz_values`, checked at load with sample values.
QUIZ_NAMES: tuple[str, ...] = ("count", "minutes", "pass_mark", "version", "options", "title")


class TemplateProblem(Exception):
    """A template that cannot be rendered; `line` is 1-based within the template text."""

    def __init__(self, message: str, line: int = 1, name: str = ""):
        super().__init__(message)
        self.line = line
        self.name = name


def environment() -> SandboxedEnvironment:
    # autoescape off: the output is plain curriculum text; writers escape for their own format.
    return SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)


def has_template(text: str) -> bool:
    return "{{" in text or "{%" in text


def render(env: SandboxedEnvironment, text: str, context: Mapping[str, Any]) -> str:
    """Render `text` with `context`; raise TemplateProblem naming the bad variable or syntax."""
    try:
        ast = env.parse(text)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"template syntax error: {exc.message}", exc.lineno or 1) from None
    for name in sorted(meta.find_undeclared_variables(ast)):
        if name not in context:
            raise TemplateProblem(f"template variable '{name}' is not defined", _line_of(text, name), name)
    try:
        return env.from_string(ast).render(**context)
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(f"template value is not defined: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise TemplateProblem(f"template error: {exc}") from None
    except (ArithmeticError, TypeError, ValueError) as exc:
        # An expression of the author's own ({{ year / 0 }}, {{ year + 'x' }}, a range the sandbox
        # refuses): a mistake in the YAML, not in latsar.
        raise TemplateProblem(f"template error: {exc}") from None


def _line_of(text: str, name: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if name in line:
            return number
    return 1
