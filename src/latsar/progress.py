"""Progress on stderr while long commands work: shown on a terminal only, never in pipes or logs.

rich is imported only when a display is actually shown, so `latsar --help` and scripted runs
do not pay for it.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator

from latsar.messages import N_, t

Report = Callable[[str], None]

# What the display says while a build step runs (steps are named in build.STEPS; "write" publishes).
STEP_LABELS: dict[str, str] = {
    "schema": N_("JSON schemas"), "summary": N_("summary"), "plans": N_("quiz plans"), "handouts": N_("handouts"),
    "word": N_("Word documents"), "quizzes": N_("quiz sets"), "exports": N_("LMS exports"), "write": N_("writing"),
}


def step_label(name: str) -> str:
    """The step's words in the current language (a name without one is shown as it is)."""
    return t(STEP_LABELS[name]) if name in STEP_LABELS else name


def silent(_label: str) -> None:
    """A report that shows nothing (not a terminal, or --quiet)."""


def wanted(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


@contextmanager
def progress(enabled: bool, total: int) -> Iterator[Report]:
    """A `report(label)` to call as each of `total` steps starts; the bar counts finished steps."""
    if not enabled:
        yield silent
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description:<24}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as display:
        task = display.add_task("", total=total)
        started = [0]

        def report(label: str) -> None:
            display.update(task, description=step_label(label), completed=started[0])
            started[0] += 1

        yield report
        display.update(task, completed=total)


def summary_table(title: str, rows: list[tuple[str, str]], enabled: bool) -> None:
    """A one-screen summary on stderr at the end of a command (terminal only)."""
    if not enabled or not rows:
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_header=False, box=None, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    for name, value in rows:
        table.add_row(name, value)
    Console(stderr=True).print(table)
