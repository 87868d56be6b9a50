"""The `latsar` console script: kept tiny so Ctrl-C while the command line loads ends cleanly too,
and plain help and version requests are answered, and plain checks run, without loading it
(see `quickhelp.py` and `quickrun.py`)."""

from __future__ import annotations

import gc
import os
import sys

INTERRUPTED = 130  # 128 + SIGINT, as shells report a command ended by Ctrl-C


def run() -> None:
    """The console script; Ctrl-C at any moment, even while the command line loads or sets up
    its language, ends with one line and exit 130 (the command itself reports it so too)."""
    try:
        _run()
    except KeyboardInterrupt:
        from latsar.messages import t

        print(t("latsar: interrupted (Ctrl-C)"), file=sys.stderr)
        sys.exit(INTERRUPTED)


def _run() -> None:
    from latsar.collector import collecting_later
    from latsar.quickhelp import answer
    from latsar.quickrun import run as run_quickly

    text = answer(sys.argv[1:])
    if text is not None:
        sys.exit(_print(text))
    with collecting_later(keep=True):  # a plain check ends when it has printed
        code = run_quickly(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    with collecting_later():
        from latsar.cli import main
    code = main()
    # Everything the command made is about to go with the process: the cycle collector need not
    # walk it all again while Python shuts down (0.3 s after a build, on a loaded machine).
    gc.freeze()
    sys.exit(code)


def _print(text: str) -> int:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `latsar --help | head -3`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
    return 0
