"""Lint that needs more than one item: the bank's key-length habit (K6B), items far below their
objective's level (L2), the item-level indicator (I1), and item pairs that cue or repeat each
other (E1, E2; silenced by declaring the pair `enemies:`). See docs/item-lint.md."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from latsar.errors import Diagnostic
from latsar.messages import t
from latsar.model.lint import BANK_LONGEST, content_words, key_is_longest, words_of
from latsar.model.waivers import stands
from latsar.model.schema import LEVELS, Item
from latsar.model.similarity import ItemWords, Pair, similar_pairs
from latsar.source.yamlfile import SourceDoc

if TYPE_CHECKING:
    from latsar.model.load import Loaded

FAR_BELOW = 2  # L2: this many Bloom levels under the objective's
MIN_BANK = 10  # K6B: below this many items a share says nothing


def _warning(where, message: str, hint: str, rule: str) -> Diagnostic:
    return Diagnostic(where, message, hint, severity="warning", rule=rule)


def longest_key_share(doc: SourceDoc, items: list[Item]) -> Iterator[Diagnostic]:
    longest = sum(key_is_longest(words_of(item)) for item in items)
    if len(items) >= MIN_BANK and longest / len(items) > BANK_LONGEST:
        yield _warning(doc.locate(("items",), key=True),
                       t("the key is the strictly longest option in {longest} of {count} items ({share:.0%}; at most "
                         "{limit:.0%})", longest=longest, count=len(items), share=longest / len(items),
                         limit=BANK_LONGEST),
                       t("test-wise participants pick the longest option: shorten keys or lengthen distractors"),
                       "K6B")


def far_below(doc: SourceDoc, n: int, item: Item, objective_level: dict[str, str]) -> Iterator[Diagnostic]:
    level = objective_level.get(item.objective)
    if level and LEVELS.index(level) - LEVELS.index(item.level) >= FAR_BELOW:
        lowest = LEVELS[LEVELS.index(level) - FAR_BELOW + 1]
        yield _warning(doc.locate(("items", n, "level")),
                       t("item '{id}' is at {level}, far below its objective's level {objective_level}", id=item.id,
                         level=item.level, objective_level=level),
                       t("ask for {lowest} or above, or point the item at a lower objective", lowest=lowest), "L2")


def no_indicator(doc: SourceDoc, n: int, item: Item) -> Iterator[Diagnostic]:
    if item.indicator is None:
        yield _warning(doc.locate(("items", n, "id")), t("item '{id}' has no `indicator:`", id=item.id),
                       t("write the indikator soal the kisi-kisi prints, e.g. \"Disajikan kasus …, peserta "
                         "dapat menentukan …\""), "I1")


def item_words(item: Item) -> ItemWords:
    words = words_of(item)
    return ItemWords(item.id, frozenset(content_words(words.stem)),
                     frozenset(content_words(words.options[words.key])),
                     frozenset(w for d in words.distractors for w in content_words(d)))


def _pair_message(pair: Pair) -> tuple[str, str]:
    shared = ", ".join(repr(w) for w in pair.shared)
    if pair.rule == "E1":
        return (t("items '{first}' and '{second}' are near-duplicates ({share:.0%} of their stem and key words "
                  "shared: {words})", first=pair.first, second=pair.second, share=pair.share, words=shared),
                t("rewrite one, or declare them `enemies:`"))
    return (t("item '{first}' gives away the key of '{second}' (its words {words})", first=pair.first,
              second=pair.second, words=shared),
            t("reword one, or declare `enemies: [{first}]` on '{second}' so they never share a version",
              first=pair.first, second=pair.second))


def similar(loaded: "Loaded") -> Iterator[Diagnostic]:
    where = {item.id: (doc, n, item) for doc, bank in loaded.files["items"] for n, item in enumerate(bank.items)}
    declared = {frozenset((item.id, enemy)) for _, _, item in where.values() for enemy in item.enemies}
    for pair in similar_pairs([item_words(item) for _, _, item in where.values()]):
        doc, n, item = where[pair.second]
        if frozenset((pair.first, pair.second)) not in declared and stands(item, pair.rule, "warning"):
            message, hint = _pair_message(pair)
            yield _warning(doc.locate(("items", n, "id")), message, hint, pair.rule)


def run(loaded: "Loaded") -> list[Diagnostic]:
    objective_level = {o.id: o.level for _, m in loaded.files["modules"] for o in m.objectives}
    found: list[Diagnostic] = []
    for doc, bank in loaded.files["items"]:
        found.extend(longest_key_share(doc, bank.items))
        for n, item in enumerate(bank.items):
            found.extend(d for d in (*far_below(doc, n, item, objective_level), *no_indicator(doc, n, item))
                         if stands(item, d.rule, d.severity))
    return found + list(similar(loaded))
