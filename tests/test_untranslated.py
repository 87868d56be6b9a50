"""No message reaches a person in English only: an AST walk over src/latsar finds the text that
bypasses the catalogue, so none remains and none comes back.

Two nets:
- *Sinks.* A string literal or f-string with words in it, passed as the message of an error
  (`Diagnostic`, `LatsarError` and its subclasses, click's errors), to `typer.echo`/`secho`,
  `print` or `warnings.warn`, is English only unless it goes through `t()`.
- *Prose.* Any other literal of three words or more outside `t()`/`N_()` is a message on its way
  to a sink (a table of reasons, a list of warnings) unless its scope is allow-listed below with
  the reason it is not one.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "latsar"
CATALOGUE_FUNCTIONS = {"t", "N_"}
# Calls whose arguments (and `message=`/`hint=`) a person reads: click's output and errors, and
# latsar's own collectors of located problems (`Imported.problem`, `fail`, the YAML reader's `_fail`).
SINK_FUNCTIONS = {"echo", "secho", "print", "warn", "BadParameter", "UsageError", "ClickException",
                  "problem", "fail", "_fail"}
# A bug in latsar, not a user's mistake: it ends in a traceback for a developer, never in a message.
BUG_EXCEPTIONS = {"RuntimeError", "AssertionError", "NotImplementedError"}
ERROR_ROOTS = {"Diagnostic", "LatsarError"}
MESSAGE_KEYWORDS = {"message", "hint"}
# Keyword arguments that are not messages: the format reference's field docs (docs/, English by
# design), and the (locale, text) pairs of document labels.
NOT_MESSAGE_KEYWORDS = {"description"}
WORD = re.compile(r"[^\W\d_]{2,}")
NAMES = {"latsar"}  # the program's name reads the same in every language
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
MARKUP = re.compile(r"<[^<>]*>")  # HTML/XML tags of a template: no words a person reads
# A command line, e.g. "latsar check" or "cd FOLDER && latsar build": typed the same in every language.
COMMAND = re.compile(r"^`?(latsar|cd) ")

# path relative to src/latsar, with `::scope` (a function, or a module- or class-level name) when not
# the whole file -> why the prose there is not a message to translate.
ALLOWED: dict[str, str] = {
    "scaffold/skeletons.py": "the YAML skeletons of `latsar new`: curriculum content, written in Indonesian "
                             "like the bundled curriculum, whose placeholders `check` reports in the user's language",
    "model/citations.py::SPELLINGS": "Indonesian names of kinds of regulation, matched in curriculum text",
    "model/citations.py::_NUMBER": "a regular expression for the numbers of regulations (Nomor … Tahun …)",
    "model/lint.py::STOP_WORDS": "Indonesian words the item lint matches in stems and options",
    "text/foreign.py::_ENGLISH": "English words matched in quoted titles to tell their language",
    "text/foreign.py::_INDONESIAN": "Indonesian words matched in quoted titles to tell their language",
    "model/lint.py::ALL_OR_NONE": "an Indonesian pattern the item lint matches in options",
    "model/lint.py::DEPENDS": "an Indonesian pattern the item lint matches in stems",
    "model/regulations.py::HISTORY_WORDS": "Indonesian words matched in the notes of regulations",
    "model/reference.py": "writes docs/curriculum-format.md, the format reference, which docs/ keep in English",
    "render/pdf/pages.py::build_story": "reportlab's LayoutError for a daftar isi that never settles (a bug, not "
                                        "bad input); the build words every layout error through the catalogue",
    "model/schema.py::Block": "pydantic's own error text; model/validation.py words it through the catalogue",
    "model/schema.py::_check_points": "pydantic's own error text; model/validation.py words it through the catalogue",
    "model/schema.py::_is_a_table": "pydantic's own error text; model/validation.py words it through the catalogue",
    "spoken.py::USAGE_ERRORS": "patterns of click's own English usage errors, matched to say them through the "
                               "catalogue",
    "spoken.py::PROBLEMS": "patterns of click's and pydantic's own English problems, matched to say them through "
                           "the catalogue",
    "source/yamlfile.py::_syntax_hint": "PyYAML's own English problem text, matched to choose a hint",
    "source/yamlfile.py::_unclosed_quote": "PyYAML's own English context text, matched to find the quote",
    "labels/__init__.py::__getitem__": "a developer asking for a label key that does not exist",
    "labels/__init__.py::__setattr__": "a developer writing to the read-only labels",
    "publish.py::_checked": "a developer's output path that is not relative; no user input reaches it",
    "plan/stable.py::version_code": "a developer's negative version index; no user input reaches it",
    "plan/shuffle.py::choice_order": "a planner invariant; plan/verify.py reports a broken plan to the user",
    "plan/types.py::printed_options": "a planner invariant; plan/verify.py reports a broken plan to the user",
    "ingest/markup.py::blocks_to_markdown": "an invariant of the importer's Markdown writer, not a user's mistake",
    "render/export/common.py::_export_item": "a planner invariant; plan/verify.py reports a broken plan to the user",
    "render/export/forms.py::CODE": "the Apps Script (JavaScript) of the Google Forms export",
    "render/export/kahoot.py::HEADER": "the column heads of Kahoot's own template, which its importer expects",
    "render/export/kahoot.py::_preamble": "the help line of Kahoot's own template, kept as Kahoot writes it",
    "render/export/quizizz.py::HEADER": "the column heads of Quizizz's own template, which its importer expects",
    "render/docx/document.py::WORD_FONTS": "font names",
    "text/hyphenation.py::ONSETS": "Indonesian consonant clusters for hyphenation",
    "scan/output.py::STYLE": "the CSS of review.html",
    "scan/batch.py::flag_duplicates": "review tokens of scans.csv (data, like 'qr' and 'q12'), the same in every "
                                      "language",
    "score/command.py::sheets_of": "row names of the data files (hasil.xlsx), one language like their columns",
    "score/export.py::gain_lines": "row names of the data files (hasil.xlsx), one language like their columns",
    "score/feedback.py::HEADER": "the comment atop curriculum/stats/*.yaml: data whose bytes must not depend on "
                                 "who wrote them",
    "score/settings.py::sources": "bibliographic citations of the scoring methods",
}


@dataclass(frozen=True)
class Finding:
    where: str
    scope: str
    text: str

    def __str__(self) -> str:
        return f"{self.where} [{self.scope}]: {self.text[:90]!r}"


def _text(node: ast.AST) -> str:
    """The literal text of a string or f-string, its fields as `{}`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    assert isinstance(node, ast.JoinedStr)
    return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)


def _words(text: str) -> int:
    if COMMAND.match(text):
        return 0
    tokens = MARKUP.sub(" ", PLACEHOLDER.sub(" ", text)).split()
    return sum(bool(WORD.search(token)) and token not in NAMES for token in tokens)


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """LatsarError, Diagnostic and every class derived from them anywhere in the package."""
    found, bases = set(ERROR_ROOTS), {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {_name(base) for base in node.bases}
    while grown := {name for name, parents in bases.items() if parents & found} - found:
        found |= grown
    return found


class _Walker(ast.NodeVisitor):
    """Collects literals with their scope, skipping docstrings and what the catalogue translates."""

    def __init__(self, sinks: set[str]) -> None:
        self.sinks, self.scope, self.functions = sinks, ["<module>"], 0
        self.literals: list[tuple[ast.expr, str]] = []
        self.sunk: list[tuple[ast.expr, str]] = []

    def _body(self, node: ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]  # the docstring
        for child in body:
            self.visit(child)

    def _scoped(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, function: int) -> None:
        for child in [*node.decorator_list, *(node.args.defaults if function else [])]:
            self.visit(child)
        self.scope.append(node.name)
        self.functions += function
        self._body(node)
        self.functions -= function
        self.scope.pop()

    def visit_Module(self, node: ast.Module) -> None:
        self._body(node)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self._scoped(node, 1)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._scoped(node, 0)

    def visit_Assign(self, node: ast.Assign | ast.AnnAssign) -> None:
        """Outside functions a table's prose is known by the name it is assigned to."""
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        named = not self.functions and isinstance(targets[0], ast.Name)
        self.scope += [targets[0].id] if named else []
        self.generic_visit(node)
        self.scope = self.scope[:-1] if named else self.scope

    visit_AnnAssign = visit_Assign  # type: ignore[assignment]

    def visit_Call(self, node: ast.Call) -> None:
        name = _name(node.func)
        if name in CATALOGUE_FUNCTIONS:
            for child in [*node.args[1:], *(k.value for k in node.keywords)]:
                self.visit(child)  # the message is translated; the values filled in are not
            return
        if name in self.sinks:
            for message in [*node.args, *(k.value for k in node.keywords if k.arg in MESSAGE_KEYWORDS)]:
                self.sunk += [(literal, self.scope[-1]) for literal in _literals(message)]
        for keyword in node.keywords:
            if keyword.arg in NOT_MESSAGE_KEYWORDS:
                continue
            self.visit(keyword.value)
        for child in [node.func, *node.args]:
            self.visit(child)

    def visit_Raise(self, node: ast.Raise) -> None:
        if isinstance(node.exc, ast.Call) and _name(node.exc.func) in BUG_EXCEPTIONS:
            return
        self.generic_visit(node)

    def visit_Assert(self, node: ast.Assert) -> None:
        self.visit(node.test)  # its message is for a developer

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            self.literals.append((node, self.scope[-1]))

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        self.literals.append((node, self.scope[-1]))
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                self.visit(value)


def _literals(node: ast.expr) -> list[ast.expr]:
    """The string literals a message expression is built from, outside any call of `t()`."""
    if isinstance(node, (ast.Constant, ast.JoinedStr)):
        return [node] if isinstance(node, ast.JoinedStr) or isinstance(node.value, str) else []
    if isinstance(node, ast.BinOp):
        return _literals(node.left) + _literals(node.right)
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


def _scan() -> tuple[list[Finding], list[Finding]]:
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(SOURCE.rglob("*.py"))}
    sinks = SINK_FUNCTIONS | _error_classes(trees)
    sunk, prose = [], []
    for path, tree in trees.items():
        walker = _Walker(sinks)
        walker.visit(tree)
        relative = path.relative_to(SOURCE).as_posix()

        def finding(node: ast.expr, scope: str) -> Finding:
            return Finding(f"{relative}:{node.lineno}", f"{relative}::{scope}", _text(node))

        sunk += [finding(node, scope) for node, scope in walker.sunk if _words(_text(node))]
        prose += [finding(node, scope) for node, scope in walker.literals
                  if _words(_text(node)) >= 3 and not {relative, f"{relative}::{scope}"} & set(ALLOWED)]
    return sunk, prose


SUNK, PROSE = _scan()


def test_no_english_only_text_is_passed_as_a_message() -> None:
    assert not SUNK, "wrap in t() (see README, Messages):\n" + "\n".join(map(str, SUNK))


def test_no_english_only_prose_outside_the_catalogue() -> None:
    assert not PROSE, "wrap in t()/N_(), or allow-list the scope with a reason:\n" + "\n".join(map(str, PROSE))


def test_every_allowance_is_still_needed_and_explained() -> None:
    """Each allowed scope exists and still holds prose (else its entry goes), and says why in words."""
    trees = {path.relative_to(SOURCE).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
             for path in SOURCE.rglob("*.py")}
    used = set()
    for relative, tree in trees.items():
        walker = _Walker(SINK_FUNCTIONS)
        walker.visit(tree)
        used |= {key for node, scope in walker.literals if _words(_text(node)) >= 3
                 for key in (relative, f"{relative}::{scope}")}
    assert sorted(set(ALLOWED) - used) == []
    assert all(len(reason.split()) >= 2 for reason in ALLOWED.values())


def test_the_nets_catch_what_they_are_meant_to() -> None:
    """The walker itself, on a sample: each net holds, and translated text passes."""
    sample = ast.parse(
        'def f(where):\n'
        '    raise LatsarError(f"{where}: no such thing")\n'
        'def g(where):\n'
        '    typer.echo(t("translated {x}", x=1) + " and more")\n'
        'REASONS = ("this reason is English only", N_("this one is in the catalogue"))\n'
        'def h():\n'
        '    """A docstring of several words is not a message."""\n'
        '    return Diagnostic(None, t("fine message here"), hint="use the other thing")\n')
    walker = _Walker(SINK_FUNCTIONS | ERROR_ROOTS)
    walker.visit(sample)
    sunk = sorted((_text(node), scope) for node, scope in walker.sunk)
    assert sunk == [(" and more", "g"), ("use the other thing", "h"), ("{}: no such thing", "f")]
    prose = sorted((_text(node), scope) for node, scope in walker.literals if _words(_text(node)) >= 3)
    assert prose == [("this reason is English only", "REASONS"), ("use the other thing", "h"),
                     ("{}: no such thing", "f")]
