"""Reading files a curriculum names, safely: inside the project, regular files, bounded reads.

A seed `file:` of `/proc/self/environ`, a logo symlinked to `/etc/shadow`, a FIFO or `/dev/zero`
named `x.yaml`, a folder named `x.yaml`: each is refused with the reason, before a byte is read,
so nothing outside the project is ever read (or echoed in a message) and nothing hangs.
The project is the folder holding `curriculum/` (and, by default, `seeds/`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePath


class Refused(Exception):
    """Why a named file may not be read: a phrase such as "points outside the project folder"."""


# What a path turned out to be, for the messages.
KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a pipe (FIFO)"), (stat.S_ISCHR, "a device"),
         (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def inside(project: Path, base: Path, named: str) -> Path:
    """The path `named` (relative to `base`) resolves to, when it stays inside `project` after
    following every symlink; Refused otherwise."""
    if PurePath(named).is_absolute() or named.startswith("~"):
        raise Refused("is an absolute path")
    resolved = (base / named).resolve()
    if not resolved.is_relative_to(project.resolve()):
        raise Refused(f"points outside the project folder {project}")
    return resolved


def regular(path: Path, limit: int) -> int:
    """The size of `path` when it is a regular file of at most `limit` bytes; Refused otherwise."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise Refused("does not exist") from None
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror})") from None
    for test, kind in KINDS:
        if test(info.st_mode):
            raise Refused(f"is {kind}, not a file")
    if info.st_size > limit:
        raise Refused(f"is too large ({info.st_size:,} bytes; the limit is {limit:,})")
    return info.st_size


def read_bounded(path: Path, limit: int) -> bytes:
    """A regular file's bytes, never more than `limit` (a file growing while read is cut off)."""
    regular(path, limit)
    try:
        with open(path, "rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror})") from None
    if len(data) > limit:
        raise Refused(f"is too large (more than {limit:,} bytes)")
    return data
