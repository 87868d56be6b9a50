"""When Python's cycle collector runs. Loading a curriculum or laying out a document makes many
objects and almost no cyclic garbage, so the collector would walk them again and again for
nothing (about a tenth of `latsar check`, and of a table document's layout); here it is paused
while such work runs and resumes after it, to collect whatever cycles the work left, once."""

from __future__ import annotations

import functools
import gc
from contextlib import contextmanager
from typing import Callable, Iterator, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def collecting_later(keep: bool = False) -> Iterator[None]:
    """The cycle collector paused inside the block; it resumes after it (as it was: paused
    blocks nest). `keep`: everything alive at the end is moved out of the collector's sight for
    good (gc.freeze), so it is not walked even once more, neither by the first collection after
    the block nor at exit: for a command that ends soon after the block."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if enabled:
            gc.enable()


def collected_after(render: Callable[P, R]) -> Callable[P, R]:
    """`render` run with the cycle collector paused (see `collecting_later`): a document's
    layout keeps every object it makes until the document is written, so collecting while it
    runs frees nothing, and one collection after it frees what it left."""

    @functools.wraps(render)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        with collecting_later():
            return render(*args, **kwargs)

    return paused
