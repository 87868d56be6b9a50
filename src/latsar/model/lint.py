"""Item-writing lint: the kaidah penulisan soal as checks (see docs/item-lint.md).

Each rule is a small function from an item's words to problems; the table `RULES` lists them.
A rule can be waived per item, and G1 per blueprint, with a written reason (`waive:` in the
YAML; see waivers.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator

from latsar.errors import Diagnostic
from latsar.messages import t
from latsar.model import live, waivers
from latsar.model.phrases import NEGATORS, emphasis_lost_in_plain_text, emphasised_in, has_phrase
from latsar.model.schema import Blueprint, Item
from latsar.source.yamlfile import SourceDoc
from latsar.text.markdown import plain_text

if TYPE_CHECKING:
    from latsar.model.load import Loaded

STOP_WORDS = frozenset("""
adalah agar akan antara apabila apakah atas atau bagaimana bahwa bagi baik banyak belum berikut
bisa dalam dapat dari dengan diri harus hanya jika juga kami karena kepada ketika kita lebih maka
manakah masih melalui menjadi menurut merupakan mereka namun oleh pada paling para saat salah
sangat satu sebagai sebuah secara sehingga sesuai setiap suatu sudah supaya tentang telah tepat
terhadap tersebut tetapi tidak untuk yaitu yakni yang ialah hal itu ini seorang pegawai peserta
""".split())
VAGUE = ("pada umumnya", "kira-kira", "biasanya", "sering kali", "seringkali")
DETERMINERS = ("selalu", "tidak pernah", "pasti", "semua", "hanya", "seluruhnya")
ALL_OR_NONE = re.compile(
    r"semua (pilihan )?jawaban( di atas)? (benar|salah)|semua(nya)? (benar|salah)|tidak ada (jawaban )?yang benar"
    r"|\b[a-e] dan [a-e] (benar|salah)\b|all of the above|none of the above", re.IGNORECASE)
DEPENDS = re.compile(r"soal nomor|soal sebelumnya|jawaban di atas", re.IGNORECASE)
NUMBER = re.compile(r"^[-+]?\d+([.,]\d+)?\s*%?$")
WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Words:
    """An item's text as the rules read it."""

    stem: str
    options: tuple[str, ...]
    key: int

    @property
    def distractors(self) -> tuple[str, ...]:
        return tuple(o for n, o in enumerate(self.options) if n != self.key)


Finding = tuple[str, tuple, str, str, str]  # rule, path within the item, severity, message, hint
Rule = Callable[[Item, Words], Iterator[Finding]]


def content_words(text: str) -> set[str]:
    return {w for w in WORD.findall(text.lower()) if len(w) >= 4 and w not in STOP_WORDS}


def vague_qualifier(item: Item, words: Words) -> Iterator[Finding]:
    for phrase in VAGUE:
        if has_phrase(words.stem, phrase):
            yield ("K1", ("stem",), "warning", t("vague qualifier '{phrase}' in the stem", phrase=phrase),
                   t("say exactly what is meant"))


def length(item: Item, words: Words) -> Iterator[Finding]:
    if len(words.stem.split()) > 60:
        yield ("K2", ("stem",), "warning", t("stem has {count} words (over 60)", count=len(words.stem.split())),
               t("cut what is not needed"))
    for n, option in enumerate(words.options):
        if len(option.split()) > 25:
            yield ("K2", ("options", n, "text"), "warning",
                   t("option {n} has {count} words (over 25)", n=n + 1, count=len(option.split())),
                   t("shorten the option; move shared words into the stem"))


def clang(item: Item, words: Words) -> Iterator[Finding]:
    shared = content_words(words.stem) & content_words(words.options[words.key])
    others = set().union(*(content_words(d) for d in words.distractors))
    clues = sorted(shared - others)
    if clues:
        yield ("K3", ("options", _authored_key(item), "text"), "warning",
               t("the key shares {words} with the stem and no distractor does",
                 words=", ".join(repr(c) for c in clues)),
               t("reword the key, or use the word in a distractor too"))


# A sentence ends at . ! ? followed by a capital, so "No. 20" or "1.5" do not end one.
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-Z\"“‘'(])|\n\s*\n")


def question_part(stem: str) -> str:
    """The stem's last sentence: the question itself, after any scenario that sets it up."""
    sentences = [s for s in SENTENCE_END.split(stem.strip()) if s.strip()]
    return sentences[-1] if sentences else ""


def negative_stem(item: Item, words: Words) -> Iterator[Finding]:
    # Only the question is read: "Dinas X tidak punya target. Apa …?" asks positively.
    question = question_part(words.stem)
    negators = [n for n in NEGATORS if has_phrase(question, n)]
    if not negators:
        return
    emphasised = [n for n in emphasised_in(item.stem) if has_phrase(question, n)]
    if len(emphasised) > 1:
        yield ("K4", ("stem",), "error", t("double negative: two emphasised negators in the stem"),
               t("ask it positively"))
    elif not emphasised:
        yield ("K4", ("stem",), "warning", t("negative stem ('{word}') without emphasis", word=negators[0]),
               t("write it in capitals or bold, e.g. **{word}**, or ask positively", word=negators[0].upper()))


KEY_LONGER = 1.10  # K6: a key this much longer than every distractor stands out
BANK_LONGEST = 0.30  # K6B: share of a bank's items whose key may be the strictly longest option


def key_stands_out(item: Item, words: Words) -> Iterator[Finding]:
    key = len(words.options[words.key])
    others = [len(d) for d in words.distractors]
    mean = sum(others) / len(others)
    if key >= KEY_LONGER * max(others) or key > 1.5 * mean:
        yield ("K6", ("options", _authored_key(item), "text"), "warning",
               t("the key ({length} characters) is at least 10 % longer than every distractor (longest {longest}, "
                 "mean {mean:.0f})", length=key, longest=max(others), mean=mean),
               t("make the options of similar length"))


def key_is_longest(words: Words) -> bool:
    key = len(words.options[words.key])
    return all(key > len(d) for d in words.distractors)


def all_or_none(item: Item, words: Words) -> Iterator[Finding]:
    for n, option in enumerate(words.options):
        if ALL_OR_NONE.search(option):
            yield ("K7", ("options", n, "text"), "error", t("option {n} is an all/none/combination option", n=n + 1),
                   t("write a real distractor instead"))


def numeric_order(item: Item, words: Words) -> Iterator[Finding]:
    numeric = [NUMBER.match(o.strip()) is not None for o in words.options]
    if any(numeric) and not all(numeric):
        yield ("M4", ("options",), "warning", t("some options are numbers and some are not"),
               t("make the options homogeneous"))
    if all(numeric) and not item.pin_options:
        values = [float(o.strip().rstrip("%").replace(",", ".")) for o in words.options]
        if values != sorted(values):
            yield "K8", ("options",), "warning", t("numeric options are not in ascending order"), t("sort them")
        yield ("K8", ("pin_options",), "warning", t("numeric options will be shuffled"),
               t("set `pin_options: true` to keep them in order"))


def dependent(item: Item, words: Words) -> Iterator[Finding]:
    if DEPENDS.search(words.stem):
        yield "K9", ("stem",), "warning", t("the stem depends on another item"), t("make the item stand on its own")


def determiners(item: Item, words: Words) -> Iterator[Finding]:
    for n, option in enumerate(words.options):
        for word in DETERMINERS:
            if has_phrase(option, word):
                yield ("K11", ("options", n, "text"), "warning",
                       t("option {n} uses the determiner '{word}'", n=n + 1, word=word),
                       t("absolute words give the answer away; qualify the statement"))
                break


def grammar(item: Item, words: Words) -> Iterator[Finding]:
    stem = words.stem.rstrip()
    for n, option in enumerate(words.options):
        text = option.strip()
        first = text.split()[0] if text.split() else ""
        if stem.endswith(("…", "...")):
            if text.endswith(".") and not text.endswith("..."):
                yield ("K12", ("options", n, "text"), "warning",
                       t("option {n} ends with a full stop after an incomplete stem", n=n + 1),
                       t("drop the full stop: the option completes the stem's sentence"))
            elif first[:1].isupper() and not (len(first) > 1 and first.isupper()):
                yield ("K12", ("options", n, "text"), "warning",
                       t("option {n} starts with a capital after an incomplete stem", n=n + 1),
                       t("start with a lower-case letter, or waive K12 for a proper name"))
        elif stem.endswith("?") and first[:1].islower():
            yield ("K12", ("options", n, "text"), "warning",
                   t("option {n} starts in lower case after a question", n=n + 1),
                   t("start each option with a capital"))


def shared_opening(item: Item, words: Words) -> Iterator[Finding]:
    openings = {" ".join(o.lower().split()[:2]) for o in words.options}
    if len(openings) == 1 and len(next(iter(openings)).split()) == 2:
        yield ("B4", ("options",), "warning", t("every option starts with '{words}'", words=openings.pop()),
               t("move the shared words into the stem"))


def left_out_of_kahoot(item: Item, words: Words) -> Iterator[Finding]:
    """G1: Kahoot leaves out of its quiz an item whose question or an answer is over its limit, and
    shows as one line of plain text what the item lays out (a table, a list) or emphasises; a short
    form for live quizzes (`live_stem:`, an option's `live_text:`) keeps it as written."""
    yield from _over_kahoot_limits(item)
    yield from _kahoot_layouts(item)
    yield from _kahoot_emphasis(item)


def _over_kahoot_limits(item: Item) -> Iterator[Finding]:
    if item.live_stem is None and len(stem := live.live_stem(item)) > live.STEM_CHARS:
        yield ("G1", ("stem",), "warning",
               t("Kahoot will leave it out: its question has {count} characters, Kahoot takes {most}",
                 count=len(stem), most=live.STEM_CHARS),
               t("add `live_stem:`, the same question in at most {most} characters, and Kahoot keeps the item",
                 most=live.STEM_CHARS))
    for n, option in enumerate(item.options):
        if option.live_text is None and len(text := live.live_text(option)) > live.OPTION_CHARS:
            yield ("G1", ("options", n, "text"), "warning",
                   t("Kahoot will leave it out: option {n} has {count} characters, Kahoot takes {most}",
                     n=n + 1, count=len(text), most=live.OPTION_CHARS),
                   t("add `live_text:` to the option, the same answer in at most {most} characters, and Kahoot "
                     "keeps the item", most=live.OPTION_CHARS))


def _kahoot_layouts(item: Item) -> Iterator[Finding]:
    """A table, list or block quote that Kahoot's one line of plain text runs together."""
    for layout in live.lost_layouts(item.stem) if item.live_stem is None else ():
        yield ("G1", ("stem",), "warning",
               t("Kahoot will show it changed: the stem's {layout} is run into one line of plain text",
                 layout=t(layout)),
               t("add `live_stem:`, the same question as one line of plain text in at most {most} characters",
                 most=live.STEM_CHARS))
    for n, option in enumerate(item.options):
        for layout in live.lost_layouts(option.text) if option.live_text is None else ():
            yield ("G1", ("options", n, "text"), "warning",
                   t("Kahoot will show it changed: option {n}'s {layout} is run into one line of plain text",
                     n=n + 1, layout=t(layout)),
                   t("add `live_text:` to the option, the same answer as one line of plain text in at most "
                     "{most} characters", most=live.OPTION_CHARS))


def _kahoot_emphasis(item: Item) -> Iterator[Finding]:
    """A negator emphasised in bold or italics only (K4's cue): Kahoot shows plain text, so the
    emphasis is gone; capitals stay."""
    for word in emphasis_lost_in_plain_text(item.stem) if item.live_stem is None else ():
        yield ("G1", ("stem",), "warning",
               t("Kahoot will show it changed: the emphasis on '{word}' is lost, Kahoot shows plain text",
                 word=word),
               t("write it in capitals ({capitals}), which Kahoot keeps, or add `live_stem:`",
                 capitals=word.upper()))


def too_many_options_for_kahoot(doc: SourceDoc, blueprint: Blueprint) -> Iterator[Diagnostic]:
    """G1: a quiz printing more options than Kahoot's answers: its Kahoot export leaves out every question."""
    if blueprint.options > live.ANSWERS:
        yield Diagnostic(doc.locate(("options",)),
                         t("quiz '{id}': Kahoot will leave out every question: the quiz prints {count} options, "
                           "Kahoot takes {most}", id=blueprint.id, count=blueprint.options, most=live.ANSWERS),
                         t("print {most} (`options: {most}`) if the quiz is played on Kahoot; the Quizizz and "
                           "Moodle exports carry {count}", most=live.ANSWERS, count=blueprint.options),
                         severity="warning", rule="G1")


RULES: tuple[Rule, ...] = (vague_qualifier, length, clang, negative_stem, key_stands_out, all_or_none,
                           numeric_order, dependent, determiners, grammar, shared_opening, left_out_of_kahoot)


def _authored_key(item: Item) -> int:
    return next(n for n, o in enumerate(item.options) if o.correct)


def words_of(item: Item) -> Words:
    return Words(plain_text(item.stem), tuple(plain_text(o.text) for o in item.options), _authored_key(item))


def item_findings(item: Item) -> Iterator[Finding]:
    words = words_of(item)
    for rule in RULES:
        yield from (finding for finding in rule(item, words) if waivers.stands(item, finding[0], finding[2]))


def run(loaded: "Loaded") -> list[Diagnostic]:
    from latsar.model import banklint

    found: list[Diagnostic] = banklint.run(loaded)
    for doc, bank in loaded.files["items"]:
        for n, item in enumerate(bank.items):
            for rule, path, severity, message, hint in item_findings(item):
                found.append(Diagnostic(doc.locate(("items", n) + path),
                                        t("item '{id}': {message}", id=item.id, message=message), hint,
                                        severity=severity, rule=rule))
    for doc, blueprint in loaded.files["blueprints"]:
        found += (d for d in too_many_options_for_kahoot(doc, blueprint)
                  if waivers.stands(blueprint, d.rule, d.severity))
    return found
