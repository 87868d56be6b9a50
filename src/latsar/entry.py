"""The `latsar` console script: kept tiny so Ctrl-C while the command line loads ends cleanly too."""

from __future__ import annotations

import sys

INTERRUPTED = 130  # 128 + SIGINT, as shells report a command ended by Ctrl-C


def run() -> None:
    try:
        from latsar.cli import main
    except KeyboardInterrupt:
        from latsar.messages import t

        print(t("latsar: interrupted (Ctrl-C)"), file=sys.stderr)
        sys.exit(INTERRUPTED)
    sys.exit(main())
