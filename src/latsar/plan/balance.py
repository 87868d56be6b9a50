"""Key letters of one version: balanced counts and no long runs, decided deterministically.

Two rules, both over the letters A… of the blueprint's options per item:
- balance: the key counts of any two letters differ by at most one, except that a letter whose
  keys are all on pinned items may exceed that (pins are the author's decision);
- runs: no MAX_RUN + 1 consecutive items have the same key letter unless all of them are pinned.

Free (unpinned) items get quotas by water-filling from the pinned counts, which is the most
balanced split the pins allow; then a depth-first search places letters position by position,
preferring letters by hash so the pattern is not guessable, and backtracks out of dead ends.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

MAX_RUN = 3
# Search steps per free position before giving up on one item order (the caller re-draws it).
_STEPS_PER_POSITION = 64


def key_quotas(fixed: Sequence[int | None], letters: int, tie: Callable[[int], int]) -> list[int]:
    """How many free positions get each letter: each goes to the letter with the fewest keys."""
    counts = [sum(1 for letter in fixed if letter == x) for x in range(letters)]
    quotas = [0] * letters
    for _ in range(sum(1 for letter in fixed if letter is None)):
        # The hash tie-break decides which letters get the one extra key when counts are equal.
        x = min(range(letters), key=lambda x: (counts[x], tie(x)))
        counts[x] += 1
        quotas[x] += 1
    return quotas


def breaks_run_rule(letters: Sequence[int | None], position: int, x: int) -> bool:
    """Whether letter x at `position` completes a window of MAX_RUN + 1 equal letters.

    Unknown (None) letters differ from x; a window is checked when its last free position is
    filled, and windows of pinned items only are never checked (nothing can change them).
    """
    width = MAX_RUN + 1
    for start in range(position - MAX_RUN, position + 1):
        if start < 0 or start + width > len(letters):
            continue
        if all(letters[j] == x for j in range(start, start + width) if j != position):
            return True
    return False


def _candidates(
    letters: list[int | None],
    remaining: list[int],
    position: int,
    prefer: Callable[[int, int], int],
) -> list[int]:
    top = max(remaining)
    allowed = [
        x
        for x, left in enumerate(remaining)
        if left > 0 and not breaks_run_rule(letters, position, x)
    ]
    # Letters with the most keys still to place (within one of the most) go first, so no letter
    # piles up at the end of the quiz; among them, and then among the rest, the hash decides.
    return sorted(allowed, key=lambda x: (remaining[x] < top - 1, prefer(position, x)))


def assign_letters(
    fixed: Sequence[int | None], quotas: Sequence[int], prefer: Callable[[int, int], int]
) -> list[int] | None:
    """A letter per position: `fixed` where given, else meeting `quotas` exactly under the run
    rule; None when the search finds nothing within its step budget."""
    letters: list[int | None] = list(fixed)
    remaining = list(quotas)
    free = [position for position, letter in enumerate(fixed) if letter is None]
    failed: set[tuple] = set()  # states (depth, quotas left, last letters) known to dead-end
    frames: list[tuple[tuple, list[int]]] = []
    depth, budget = 0, _STEPS_PER_POSITION * (len(free) + 1)
    while depth < len(free):
        budget -= 1
        position = free[depth]
        if len(frames) == depth:
            state = (depth, tuple(remaining), tuple(letters[max(0, position - MAX_RUN) : position]))
            choices = [] if state in failed else _candidates(letters, remaining, position, prefer)
            frames.append((state, choices))
        elif letters[position] is not None:  # back from a dead end below: undo this letter
            remaining[letters[position]] += 1
            letters[position] = None
        state, choices = frames[-1]
        if choices and budget > 0:
            x = choices.pop(0)
            letters[position], depth = x, depth + 1
            remaining[x] -= 1
            continue
        failed.add(state)
        frames.pop()
        depth -= 1
        if depth < 0 or budget <= 0:
            return None
    return letters  # type: ignore[return-value]
