"""Pairs of items that should not share a version: near-duplicates, and items whose text gives
away another item's key. Both are found on content words (lint's `content_words`), through an
inverted index so that a large bank is not compared pair by pair.

- E1 near-duplicate: the two items' stem and key share at least `DUPLICATE` of their content
  words (Jaccard index).
- E2 cue: at least `CUE_WORDS` words that set item B's key apart (in neither B's stem nor its
  distractors) appear in item A's stem or options, and they are at least `CUE_SHARE` of such words.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Iterator

DUPLICATE = 0.45
CUE_WORDS = 2
CUE_SHARE = 0.75


@dataclass(frozen=True)
class ItemWords:
    id: str
    stem: frozenset[str]
    key: frozenset[str]
    distractors: frozenset[str]

    @property
    def core(self) -> frozenset[str]:  # what a near-duplicate repeats
        return self.stem | self.key

    @property
    def shown(self) -> frozenset[str]:  # what a participant reads
        return self.stem | self.key | self.distractors

    @property
    def telling(self) -> frozenset[str]:  # what sets the key apart
        return self.key - self.stem - self.distractors


@dataclass(frozen=True)
class Pair:
    rule: str  # E1 or E2
    first: str  # E2: the item that gives the answer away
    second: str  # E2: the item whose key is given away
    shared: tuple[str, ...]
    share: float


def _index(items: Iterable[ItemWords], words_of) -> dict[str, list[str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for item in items:
        for word in words_of(item):
            index[word].append(item.id)
    return index


def _overlaps(words: Iterable[str], index: dict[str, list[str]]) -> Counter[str]:
    """How many of `words` each item has (Counter.update counts a whole posting list at C speed)."""
    counts: Counter[str] = Counter()
    for word in words:
        counts.update(index.get(word, ()))
    return counts


def near_duplicates(items: list[ItemWords]) -> Iterator[Pair]:
    by_id = {item.id: item for item in items}
    index = _index(items, lambda item: item.core)
    for item in items:
        # The union is at least this item's words, so fewer shared words cannot reach DUPLICATE.
        least = DUPLICATE * len(item.core)
        candidates = ((o, n) for o, n in _overlaps(item.core, index).items() if o > item.id and n >= least)
        for other, count in sorted(candidates):
            union = len(item.core | by_id[other].core)
            if count / union >= DUPLICATE:
                yield Pair("E1", item.id, other, tuple(sorted(item.core & by_id[other].core)), count / union)


def cues(items: list[ItemWords]) -> Iterator[Pair]:
    by_id = {item.id: item for item in items}
    index = _index(items, lambda item: item.shown)
    for cued in items:
        telling = cued.telling
        if len(telling) < CUE_WORDS:
            continue
        for giver, count in sorted(_overlaps(telling, index).items()):
            if giver != cued.id and count >= CUE_WORDS and count / len(telling) >= CUE_SHARE:
                shared = tuple(sorted(telling & by_id[giver].shown))
                yield Pair("E2", giver, cued.id, shared, count / len(telling))


def similar_pairs(items: list[ItemWords]) -> list[Pair]:
    """Every E1 pair, and every E2 pair that is not already an E1 pair."""
    duplicates = list(near_duplicates(items))
    seen = {frozenset((p.first, p.second)) for p in duplicates}
    return duplicates + [p for p in cues(items) if frozenset((p.first, p.second)) not in seen]
