"""`--watch`: run once, then again after every save, until Ctrl-C.

The loop takes its changes as a stream (batches of changed paths), so tests drive it with a list;
the real stream comes from watchfiles (imported only when watching)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator

# What a curriculum is written in; editors' swap and backup files are not.
WATCHED_SUFFIXES = (".yaml", ".yml", ".txt", ".png", ".jpg", ".jpeg")


def watch_loop(run: Callable[[frozenset[Path]], None], changes: Iterable[frozenset[Path]]) -> None:
    """`run` with no changes (the first run), then with each batch; Ctrl-C ends it quietly."""
    try:
        run(frozenset())
        for batch in changes:
            if batch:
                run(batch)
    except KeyboardInterrupt:
        pass


def file_changes(*folders: Path) -> Iterator[frozenset[Path]]:
    """Batches of saved curriculum files under `folders`, as the file system reports them."""
    import watchfiles

    def wanted(_change: watchfiles.Change, path: str) -> bool:
        name = Path(path).name
        return name.endswith(WATCHED_SUFFIXES) and not name.startswith(".")

    for batch in watchfiles.watch(*folders, watch_filter=wanted, debounce=300, step=30, raise_interrupt=True):
        yield frozenset(Path(path) for _, path in batch)
