"""What `check --watch` and `build --watch` do on each save."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from latsar.errors import Diagnostic, LatsarError
from latsar.messages import t
from latsar.source.yamlfile import SourceDoc, read_yaml
from latsar.watch.touched import Touched, touched_by

Echo = Callable[[str], None]


def _banner(changed: frozenset[Path], echo: Echo) -> None:
    if changed:
        names = ", ".join(sorted(path.name for path in changed))
        echo("\n" + t("[{time}] changed: {names}", time=time.strftime("%H:%M:%S"), names=names))


class CachedReader:
    """Reads a YAML file again only when its size or modification time changed since last time."""

    def __init__(self) -> None:
        self._docs: dict[Path, tuple[tuple[int, int], SourceDoc]] = {}

    def __call__(self, path: Path) -> SourceDoc:
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        kept = self._docs.get(path)
        if kept is not None and kept[0] == key:
            return kept[1]
        doc = read_yaml(path)
        self._docs[path] = (key, doc)
        return doc


def _load(path: Path, echo: Echo, read: CachedReader):
    """The curriculum and its warnings, or None after printing every error."""
    from latsar.model.load import load_curriculum

    try:
        curriculum, warnings = load_curriculum(path, read)
    except LatsarError as exc:
        _print(exc.diagnostics, echo)
        return None
    _print(warnings, echo)
    return curriculum


def _print(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic], echo: Echo) -> None:
    for diagnostic in diagnostics:
        echo(diagnostic.format())
    errors = sum(d.severity == "error" for d in diagnostics)
    echo(t("{warnings} warning(s), {errors} error(s); watching for changes (Ctrl-C ends)",
           warnings=len(diagnostics) - errors, errors=errors))


@dataclass
class CheckSession:
    path: Path
    echo: Echo
    read: CachedReader = field(default_factory=CachedReader)

    def __call__(self, changed: frozenset[Path]) -> None:
        _banner(changed, self.echo)
        _load(self.path, self.echo, self.read)


@dataclass
class BuildSession:
    """Builds everything first; then, after each save, only what the change touches. Changes seen
    while the curriculum has errors are kept and rebuilt once it loads again."""

    path: Path
    out: Path
    lang: str | None
    echo: Echo
    pending: set[Path] = field(default_factory=set)
    known: frozenset[Path] = frozenset()
    built: bool = False
    read: CachedReader = field(default_factory=CachedReader)

    def __call__(self, changed: frozenset[Path]) -> None:
        from latsar.watch.rebuild import rebuild

        _banner(changed, self.echo)
        self.pending |= changed
        started = time.perf_counter()
        curriculum = _load(self.path, self.echo, self.read)
        loading = time.perf_counter() - started
        if curriculum is None:
            return
        touched = (touched_by(curriculum.root, frozenset(self.pending), self.known) if self.built
                   else Touched(everything=True))
        started = time.perf_counter()
        rebuild(curriculum, self.out, self.lang, touched,
                lambda line: self.echo(t("{line} ({seconds:.2f} s after the save)", line=line,
                                         seconds=time.perf_counter() - started + loading)))
        self.pending.clear()
        self.known = frozenset((curriculum.root.parent / name).resolve() for name, _ in curriculum.input_hashes)
        self.built = True
