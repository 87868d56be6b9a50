"""Stable, portable pseudo-randomness: every shuffle decision is a sha256 of named parts.

One hash per decision, not a shared random stream: a stream hands each draw to whatever asks
next, so one more item in the bank would shift every later draw. A hash of (seed, quiz, purpose,
version, item, …) depends on nothing else, so adding an item leaves other decisions alone.
sha256, never `hash()` (salted per process) or `random.seed(str)` (version-dependent), so results
are the same on every Python version and platform.
"""

from __future__ import annotations

import hashlib
import string

# Ids match `[a-z0-9-]+` and seeds are integers, so the unit separator cannot occur in a part.
_SEPARATOR = "\x1f"


def stable_rank(*parts: str | int) -> int:
    """A 64-bit rank for sorting, from the sha256 of the parts."""
    text = _SEPARATOR.join(map(str, parts))
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def version_code(index: int) -> str:
    """The code of the version at 0-based `index`: A…Z, AA, AB, … (like spreadsheet columns)."""
    if index < 0:
        raise ValueError(f"version index must be >= 0, got {index}")
    code = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        code = string.ascii_uppercase[remainder] + code
    return code
