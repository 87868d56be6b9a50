"""The `latsar` console script: kept tiny so Ctrl-C while the command line loads ends cleanly too,
and plain help and version requests are answered without loading it (see `quickhelp.py`)."""

from __future__ import annotations

import os
import sys

INTERRUPTED = 130  # 128 + SIGINT, as shells report a command ended by Ctrl-C


def run() -> None:
    from latsar.quickhelp import answer

    text = answer(sys.argv[1:])
    if text is not None:
        sys.exit(_print(text))
    try:
        from latsar.cli import main
    except KeyboardInterrupt:
        from latsar.messages import t

        print(t("latsar: interrupted (Ctrl-C)"), file=sys.stderr)
        sys.exit(INTERRUPTED)
    sys.exit(main())


def _print(text: str) -> int:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `latsar --help | head -3`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
    return 0
