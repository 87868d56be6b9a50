"""One family of user errors: each says where (file:line:column), what is wrong, and how to fix it."""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass
from typing import IO, Iterable, Literal

from latsar.messages import t

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    path: str
    line: int = 0  # 1-based; 0 when the whole file is meant
    column: int = 0  # 1-based

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    location: Location | None
    message: str
    hint: str = ""
    severity: Severity = "error"
    rule: str = ""  # lint rule id for warnings that can be waived, e.g. "K6"

    def format(self) -> str:
        where = f"{self.location}: " if self.location else ""
        tag = t("warning") + ": " if self.severity == "warning" else ""
        rule = f"[{self.rule}] " if self.rule else ""
        hint = f"; {self.hint}" if self.hint else ""
        return f"{where}{tag}{rule}{self.message}{hint}"

    def sort_key(self) -> tuple:
        loc = self.location or Location("")
        return (loc.path, loc.line, loc.column, self.message)


class LatsarError(Exception):
    """A user error: printed without a traceback, exit code 2."""

    exit_code = 2

    def __init__(self, diagnostics: Iterable[Diagnostic] | str):
        if isinstance(diagnostics, str):
            diagnostics = [Diagnostic(None, diagnostics)]
        self.diagnostics: tuple[Diagnostic, ...] = tuple(sorted(diagnostics, key=Diagnostic.sort_key))
        self.message = "\n".join(d.format() for d in self.diagnostics)
        super().__init__(self.message)

    def show(self, file: IO[str] | None = None) -> None:
        stream = file or sys.stderr
        print(self.message, file=stream)
        errors = sum(d.severity == "error" for d in self.diagnostics)
        if errors > 1:
            print(t("{count} errors", count=errors), file=stream)


def closest(word: str, candidates: Iterable[str]) -> str:
    """The candidate most like a mistyped `word`, or "" when nothing is close."""
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return close[0] if close else ""


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A "did you mean" hint for a mistyped key or id, or "" when nothing is close."""
    close = closest(word, candidates)
    return t("did you mean '{word}'?", word=close) if close else ""
