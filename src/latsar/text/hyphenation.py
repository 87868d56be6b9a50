"""Where an Indonesian word may break at a line end.

pyphen's id_ID patterns split by sound ("be-ro-ri-en-ta-si"); PUEBI splits a prefixed word
between its parts ("ber-orientasi"). The patterns' points are kept only where they agree with
the rules below, which are data: consonant pairs a syllable may start with, suffixes, and the
prefixes whose edge a break must respect.
"""

from __future__ import annotations

import functools
from typing import Callable, Iterator

import pyphen

# Consonant pairs an Indonesian syllable may start with; the patterns sometimes split clusters
# wrongly ("antarse-ktor", "penga-bdian"), so breaks before any other pair are refused.
ONSETS = frozenset("ny ng sy kh gr tr kr pr br dr fr st sp sk sl sw kw pl kl bl gl fl".split())
VOWELS = frozenset("aeiouAEIOU")
# A consonant-vowel break ("masyarak-at") is wrong unless it falls at a suffix or a prefix's edge.
SUFFIXES = frozenset({"an", "i", "nya"})

# What a prefix followed by a vowel allows (PUEBI splits a prefixed word between its parts):
EDGE = "edge"  # the root starts with that vowel: break at the edge only ("ber-orientasi", never
#                "be-rorientasi" or "bero-rientasi")
NEAR_NONE = "none"  # the root may start with the vowel ("meng-ambil") or with a k the prefix
#                absorbed ("me-ngirim"): where it starts is unknown, so no break near the edge
SOUNDS = "sounds"  # the prefix absorbed the root's first consonant ("me-makai", "me-nulis",
#                "me-nyapu"): the patterns' syllable breaks are already right
PREFIXES: dict[str, str] = {
    "ber": EDGE, "ter": EDGE, "per": EDGE, "di": EDGE, "ke": EDGE, "se": EDGE, "antar": EDGE,
    "meng": NEAR_NONE, "peng": NEAR_NONE,
    "me": SOUNDS, "mem": SOUNDS, "men": SOUNDS, "meny": SOUNDS,
    "pe": SOUNDS, "pem": SOUNDS, "pen": SOUNDS, "peny": SOUNDS,
}

Breaks = Callable[[str], Iterator[tuple[str, str]]]


def hyphenator(lang: str = "id_ID", relaxed: bool = False) -> Breaks:
    """The (head, tail) break points of a word, longest head first: the callable form of
    reportlab's `hyphenationLang`. A capitalised word does not break: most are names
    ("Kalimantan", "Indonesia"). Its `relaxed` attribute, for a paragraph that cannot be set
    without a loose line otherwise, breaks capitalised words too ("Peraturan", "Pemerintah"), but never
    a place name."""

    def pairs(word: str) -> Iterator[tuple[str, str]]:
        if word[:1].isupper() and not (relaxed and word.lower() not in PLACE_NAMES):
            return iter(())
        return iter(_breaks(lang, word))

    pairs.relaxed = pairs if relaxed else hyphenator(lang, relaxed=True)  # type: ignore[attr-defined]
    return pairs


# Place names that never break, even in a paragraph that is loose otherwise ("Kali-mantan"):
# the country, its islands and the bundled programme's province with its regencies and towns.
PLACE_NAMES = frozenset({
    "indonesia", "nusantara", "kalimantan", "sumatera", "sumatra", "jawa", "sulawesi", "papua",
    "maluku", "bali", "jakarta", "pontianak", "singkawang", "sambas", "bengkayang", "landak",
    "mempawah", "sanggau", "sekadau", "sintang", "melawi", "kapuas", "ketapang", "kayong",
})


@functools.lru_cache(maxsize=1 << 16)
def _breaks(lang: str, word: str) -> tuple[tuple[str, str], ...]:
    """The break points of a word, worked out once: layout asks again for every line it tries."""
    if any(c.isupper() for c in word[1:]):
        return ()  # acronyms and mixed-case names (BerAKHLAK, WoG, SP4N) are read as one unit
    if "-" in word:
        return tuple(compound_breaks(word))
    return tuple((head, tail) for head, tail in _dictionary(lang).iterate(word) if acceptable(word, head, tail))


@functools.lru_cache(maxsize=4)
def _dictionary(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=lang)


def compound_breaks(word: str) -> Iterator[tuple[str, str]]:
    """A compound ("perundang-undangan") breaks only after its own hyphens, which stay printed.
    (Breaks inside its parts made reportlab 5.1 drop the hyphen: "alih-alih" → "alihalih".)"""
    parts = word.split("-")
    if "" in parts:
        return
    for cut in range(len(parts) - 1, 0, -1):
        yield "-".join(parts[:cut]) + "-", "-".join(parts[cut:])


def acceptable(word: str, head: str, tail: str) -> bool:
    """Whether `head-tail` is a break Indonesian readers accept."""
    if len(tail) > 1 and not (VOWELS & {tail[0], tail[1]}) and tail[:2].lower() not in ONSETS:
        return False
    if not respects_prefix(word, len(head)):
        return False
    if head[-1].isalpha() and head[-1] not in VOWELS and tail[0] in VOWELS:
        return tail.lower() in SUFFIXES or PREFIXES.get(head.lower()) == EDGE
    return True


def prefix_of(word: str) -> str:
    """The longest prefix of the table that `word` starts with, followed by a vowel ("" if none)."""
    lower = word.lower()
    found = [p for p in PREFIXES if lower.startswith(p) and len(lower) > len(p) + 2 and lower[len(p)] in VOWELS]
    return max(found, key=len, default="")


def respects_prefix(word: str, position: int) -> bool:
    """False for a break inside a prefix that meets a vowel-initial root, or one that leaves the
    root's first vowel alone with the prefix ("bero-rientasi")."""
    prefix = prefix_of(word)
    if not prefix or position > len(prefix) + 1 or PREFIXES[prefix] == SOUNDS:
        return True
    return position == len(prefix) and PREFIXES[prefix] == EDGE
