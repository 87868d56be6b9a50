"""Publishing a folder whole: files go into a staging folder beside the target, swapped in at the end.

The target is at every moment either the old folder or the new one, complete. Files are written
(or streamed, for large documents) into `.<name>.staging-<pid>-<random>` next to the target; when
the caller is done, folders other commands own (`keep`) are carried over as hard links, and the
staging folder takes the target's place (one atomic exchange where the system offers it, else two
renames that the next run repairs if it was killed in between). On any error or Ctrl-C the staging
folder is removed; leftovers of a process killed outright are removed by the next publish.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Callable, Iterator

from latsar.errors import LatsarError
from latsar.messages import t

STAGING, OLD = "staging", "old"


@dataclass(frozen=True)
class FileEntry:
    """What the manifest says of one file."""

    bytes: int
    sha256: str


class _HashingStream:
    """A binary stream that counts and hashes what passes through it."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw, self._hash, self.size = raw, hashlib.sha256(), 0

    def write(self, data: bytes) -> int:
        self._hash.update(data)
        self.size += len(data)
        return self._raw.write(data)

    def flush(self) -> None:
        self._raw.flush()

    def entry(self) -> FileEntry:
        return FileEntry(self.size, self._hash.hexdigest())


@dataclass
class Staging:
    """The folder being filled; `written` lists every file in it, by forward-slash relative path."""

    root: Path
    target: Path  # where the files will be once published (named in messages)
    written: dict[str, FileEntry] = field(default_factory=dict)

    def write(self, relative: str, data: bytes) -> None:
        with self.open(relative) as stream:
            stream.write(data)

    @contextmanager
    def open(self, relative: str) -> Iterator[BinaryIO]:
        """A stream for one file (for documents written piece by piece); recorded when closed."""
        path = _checked(relative)
        try:
            (self.root / path).parent.mkdir(parents=True, exist_ok=True)
            with open_for_writing(self.root / path) as raw:
                stream = _HashingStream(raw)
                yield stream  # type: ignore[misc]
        except OSError as exc:
            raise unwritable(self.target / path, exc) from None
        self.written[relative] = stream.entry()


def open_for_writing(path: Path) -> BinaryIO:
    """Every published file is opened here (the fault-injection tests patch it)."""
    return open(path, "wb")


def _checked(relative: str) -> PurePosixPath:
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ValueError(f"not a relative output path: {relative!r}")
    return path


@contextmanager
def publishing(target: Path, keep: tuple[str, ...] = (),
               replaceable: Callable[[Path], bool] | None = None) -> Iterator[Staging]:
    """Fill the yielded staging folder; on normal exit it replaces `target` whole (carrying over
    the `keep` entries of the old one); on any exception nothing changes and the staging goes.
    `replaceable` guards a user-chosen folder: an existing non-empty target it refuses is kept."""
    _prepare(target, replaceable)
    root = _new_sibling(target, STAGING)
    try:
        yield Staging(root, target)
        _carry_over(target, root, keep)
        _swap(target, root)
    except BaseException as exc:
        shutil.rmtree(root, ignore_errors=True)
        if isinstance(exc, OSError):
            raise unwritable(target, exc) from None
        raise


def _prepare(target: Path, replaceable: Callable[[Path], bool] | None) -> None:
    if target.exists() and not target.is_dir():
        raise LatsarError(t("{folder}: is a file, not a folder; choose another output folder (--out)", folder=target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise unwritable(target, exc) from None
    _recover(target)
    if replaceable and target.is_dir() and any(target.iterdir()) and not replaceable(target):
        raise LatsarError(t("{folder}: holds files latsar did not write (no manifest.json); "
                            "choose a new or empty output folder (--out)", folder=target))


def _new_sibling(target: Path, kind: str) -> Path:
    try:
        root = Path(tempfile.mkdtemp(prefix=f".{target.name}.{kind}-{os.getpid()}-", dir=target.parent))
        root.chmod(0o755)  # mkdtemp makes 0700; outputs are for sharing
    except OSError as exc:
        raise unwritable(target, exc) from None
    return root


def _leftovers(target: Path) -> list[tuple[str, Path]]:
    """Staging and old folders of earlier runs whose process is gone."""
    found = []
    for kind in (STAGING, OLD):
        for path in target.parent.glob(f".{target.name}.{kind}-*"):
            pid = path.name[len(f".{target.name}.{kind}-"):].split("-")[0]
            if pid.isdigit() and not _alive(int(pid)):
                found.append((kind, path))
    return found


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a folder named after this process is from a killed run that had our pid
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _recover(target: Path) -> None:
    """A run killed between its two renames left the old folder aside: put it back; drop the rest."""
    for kind, path in _leftovers(target):
        if kind == OLD and not target.exists():
            os.rename(path, target)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _carry_over(target: Path, staging: Path, keep: tuple[str, ...]) -> None:
    for name in keep:
        source = target / name
        if source.is_dir() and not (staging / name).exists():
            shutil.copytree(source, staging / name, symlinks=True, copy_function=_link_or_copy)


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def _swap(target: Path, staging: Path) -> None:
    """Put `staging` where `target` is; afterwards `staging` holds the old folder (if any), removed."""
    if not target.exists():
        os.rename(staging, target)
        return
    if not exchange(staging, target):
        aside = _new_sibling(target, OLD)
        aside.rmdir()  # only its unique name is wanted: the old folder moves there
        os.rename(target, aside)
        try:
            os.rename(staging, target)
        except BaseException:
            os.rename(aside, target)
            raise
        staging = aside
    shutil.rmtree(staging, ignore_errors=True)


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2 RENAME_EXCHANGE); False if unavailable."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def write_atomic(target: Path, data: bytes) -> None:
    """One file replaced whole: written beside its target under a temporary name, then renamed."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise unwritable(target, exc) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            os.fchmod(stream.fileno(), 0o644)  # mkstemp makes 0600; outputs are for sharing
        os.replace(temp, target)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise unwritable(target, exc) from None
        raise


def unwritable(target: Path, exc: OSError) -> LatsarError:
    # A full disk, a read-only folder or a file where a folder should be: the user's to fix.
    return LatsarError(t("{folder}: cannot write ({reason}); check the folder's permissions "
                         "and free space, or choose another folder", folder=target, reason=exc.strerror or exc))


def publish_files(target: Path, files: dict[str, bytes], make_manifest: Callable[[dict], str] | None = None,
                  keep: tuple[str, ...] = (), replaceable: Callable[[Path], bool] | None = None) -> None:
    """Write `files` into a staging folder, the manifest last, then swap it in for `target`."""
    with publishing(target, keep, replaceable) as stage:
        for relative, data in sorted(files.items()):
            stage.write(relative, data)
        if make_manifest is not None:
            stage.write("manifest.json", make_manifest(dict(stage.written)).encode("utf-8"))
