"""Shortcuts the checks take to run faster find exactly what the plain regular expressions find:
citations tried only where one can begin, whole-word phrases looked for only where they occur."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from latsar.model import lint, phrases
from latsar.model.citations import CITATION, _citation_matches
from latsar.source.yamlfile import read_yaml, texts

PROJECT = Path(__file__).resolve().parents[2]
BUNDLED = sorted({text for file in (PROJECT / "curriculum").rglob("*.yaml") for _, text in texts(read_yaml(file).data)})


def _spans(matches) -> list[tuple]:
    return [(m.span(), m.groupdict()) for m in matches]


def test_citations_in_every_bundled_text_as_the_plain_scan_finds_them() -> None:
    found = 0
    for text in BUNDLED:
        assert _spans(_citation_matches(text)) == _spans(CITATION.finditer(text)), text
        found += len(_spans(CITATION.finditer(text)))
    assert found > 20  # the curriculum cites regulations: the comparison saw some


PIECES = ["UU", "uu", "Undang-Undang", "PP", "Nomor", "No.", "20", "Tahun", "2023", "/", "jo.", "dan", "PerLAN",
          "Peraturan", "Menteri", "PANRB", "Kepka", "LAN", "SE", "MenPAN-RB", "3/2023", "K", "ſE", "İnpres", "kUU",
          "-PP", "Nomor 94/K.1/PDP.07/2021", "Perpres", ",", "x"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from([" ", "", "-", "\n", "  "])), max_size=14))
def test_citations_in_generated_texts_as_the_plain_scan_finds_them(parts: list[tuple[str, str]]) -> None:
    text = "".join(piece + gap for piece, gap in parts)
    assert _spans(_citation_matches(text)) == _spans(CITATION.finditer(text))


def test_lint_phrases_are_lower_case_ascii() -> None:
    for phrase in (*lint.VAGUE, *lint.NEGATORS, *lint.DETERMINERS):
        assert phrase.isascii() and phrase == phrase.lower()


@pytest.mark.parametrize("text", ["Pegawai SELALU hadir", "selalunya", "tidak-pernah", "Tidak pernah", "ſelalu hadir",
                                  "KIRA-KIRA", "kira kira", "BUKAN", "bukankah", "salah satu", "İtu tidak", ""])
def test_whole_word_phrases_as_the_regular_expression_finds_them(text: str) -> None:
    for phrase in (*lint.VAGUE, *lint.NEGATORS, *lint.DETERMINERS):
        assert phrases.has_phrase(text, phrase) == (phrases.whole_words(phrase).search(text) is not None), (text, phrase)
