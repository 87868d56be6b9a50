"""What `latsar check` does once its command line is read: load the curriculum, print every
warning, the summary and the count. Both the command line (cli.py) and the quick path
(quickrun.py) call it, each with its own way of printing a line (`echo(text, err=False)`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from latsar.collector import collecting_later
from latsar.messages import t
from latsar.project import Project, locate

Echo = Callable[..., None]


def load(project: Project, echo: Echo, show_warnings: bool = True) -> tuple[Any, list]:
    """The project's curriculum and its lint warnings, the warnings printed to stderr."""
    with collecting_later():
        from latsar.model.load import load_curriculum

        curriculum, warnings = load_curriculum(project.curriculum)
    if show_warnings:
        for warning in warnings:
            echo(warning.format(), err=True)
    return curriculum, warnings


def check(path: Path | None, strict: bool, echo: Echo) -> int:
    """`latsar check [PATH] [--strict]`: its exit code (1 for warnings under --strict)."""
    from latsar.summary import summary

    curriculum, warnings = load(locate(path), echo)
    echo(summary(curriculum))
    echo("\n" + t("{count} warning(s), 0 errors", count=len(warnings)))
    return 1 if strict and warnings else 0
