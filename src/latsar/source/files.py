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

from latsar.messages import N_, t


class Refused(Exception):
    """Why a named file may not be read: a phrase such as "points outside the project folder"."""


class TooLarge(Refused):
    """The file is larger than the limit (the fix is to split it, not to replace it)."""


# What a path turned out to be, for the messages.
KINDS = ((stat.S_ISDIR, N_("is a folder, not a file")), (stat.S_ISFIFO, N_("is a pipe (FIFO), not a file")),
         (stat.S_ISCHR, N_("is a device, not a file")), (stat.S_ISBLK, N_("is a device, not a file")),
         (stat.S_ISSOCK, N_("is a socket, not a file")))


def inside(project: Path, base: Path, named: str) -> Path:
    """The path `named` (relative to `base`) resolves to, when it stays inside `project` after
    following every symlink; Refused otherwise."""
    if PurePath(named).is_absolute() or named.startswith("~"):
        raise Refused(t("is an absolute path"))
    resolved = (base / named).resolve()
    if not resolved.is_relative_to(project.resolve()):
        raise Refused(t("points outside the project folder {folder}", folder=project))
    return resolved


def regular(path: Path, limit: int) -> int:
    """The size of `path` when it is a regular file of at most `limit` bytes; Refused otherwise."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise Refused(t("does not exist")) from None
    except OSError as exc:
        raise Refused(t("cannot be read ({reason})", reason=exc.strerror)) from None
    for test, kind in KINDS:
        if test(info.st_mode):
            raise Refused(t(kind))
    if info.st_size > limit:
        raise TooLarge(t("is too large ({size:,} bytes; the limit is {limit:,})", size=info.st_size, limit=limit))
    return info.st_size


def read_bounded(path: Path, limit: int) -> bytes:
    """A regular file's bytes, never more than `limit` (a file growing while read is cut off)."""
    regular(path, limit)
    try:
        with open(path, "rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise Refused(t("cannot be read ({reason})", reason=exc.strerror)) from None
    if len(data) > limit:
        raise TooLarge(t("is too large (more than {limit:,} bytes)", limit=limit))
    return data
