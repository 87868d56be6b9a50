"""Indonesian break points: PUEBI splits a prefixed word between its parts ("ber-orientasi"),
never inside the prefix or after the root's first vowel ("be-rorientasi", "bero-rientasi")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from latsar.text.hyphenation import EDGE, PREFIXES, hyphenator, prefix_of

CURRICULUM = Path(__file__).resolve().parents[2] / "curriculum"


def _points(word: str) -> list[str]:
    return ["-".join(pair) for pair in hyphenator()(word)]


@pytest.mark.parametrize("word, good, bad", [
    ("berorientasi", "ber-orientasi", ["bero-rientasi", "be-rorientasi"]),
    ("terintegrasi", "terin-tegrasi", ["te-rintegrasi", "teri-ntegrasi"]),
    ("keanekaragaman", "ke-anekaragaman", ["kea-nekaragaman"]),
    ("peraturan", "per-aturan", ["pera-turan", "pe-raturan"]),
    ("berakhir", "ber-akhir", ["bera-khir"]),
    ("seorang", "se-orang", ["seo-rang"]),
    ("diolah", "di-olah", ["dio-lah"]),
])
def test_a_prefix_before_a_vowel_breaks_at_its_edge(word, good, bad):
    points = _points(word)
    assert good in points
    assert not set(bad) & set(points)


@pytest.mark.parametrize("word", ["mengambil", "mengoordinasikan", "pengalaman", "pengabdian"])
def test_meng_and_peng_before_a_vowel_offer_no_break_near_the_edge(word):
    # "meng-ambil" but "me-ngirim" (from kirim): where the root starts is unknown.
    assert all(len(point.split("-")[0]) > len(prefix_of(word)) + 1 for point in _points(word))


def test_an_absorbed_consonant_keeps_the_syllable_breaks():
    assert "me-makai" in _points("memakai") and "meme-gang" in _points("memegang")


def test_no_curriculum_word_breaks_inside_a_prefix():
    text = " ".join(path.read_text(encoding="utf-8") for path in CURRICULUM.rglob("*.yaml"))
    words = set(re.findall(r"\b[A-Za-z]{7,}\b", text))
    checked = 0
    for word in words:
        prefix = prefix_of(word)
        if not prefix or PREFIXES[prefix] != EDGE:
            continue
        checked += 1
        for head, _ in hyphenator()(word):
            assert len(head) == len(prefix) or len(head) > len(prefix) + 1, (word, head)
    assert checked > 100


@pytest.mark.parametrize("word", ["Kalimantan", "Indonesia", "Pemerintah", "BerAKHLAK"])
def test_capitalised_words_never_break(word):
    # Names read as one unit ("Kali-mantan", "Indone-sia" were printed); so does a sentence start.
    assert _points(word) == [] and _points(word.lower())


def test_a_paragraph_left_loose_may_break_capitalised_words_but_never_place_names():
    # The relaxed hyphenator serves only a paragraph that cannot be set without a loose line.
    relaxed = hyphenator().relaxed
    assert list(relaxed("Peraturan")) and not list(hyphenator()("Peraturan"))
    assert not list(relaxed("Kalimantan")) and not list(relaxed("Indonesia"))
