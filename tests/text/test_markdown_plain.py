"""Texts without markup skip markdown-it: the shortcut must give exactly markdown-it's tree."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from latsar.text.markdown import parse, parse_markdown, plain_paragraphs

PROJECT = Path(__file__).resolve().parents[2]


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


BUNDLED = sorted({s for f in (PROJECT / "curriculum").rglob("*.yaml")
                  for s in _strings(yaml.safe_load(f.read_text(encoding="utf-8")))})


@pytest.mark.parametrize("typographic", [False, True])
def test_every_bundled_text_parses_as_markdown_it_parses_it(typographic: bool) -> None:
    shortcut = [text for text in BUNDLED if plain_paragraphs(text, typographic) is not None]
    assert len(shortcut) > len(BUNDLED) / 2  # the shortcut is the common case
    for text in BUNDLED:
        assert parse.__wrapped__(text, typographic) == parse_markdown(text, typographic), text


@pytest.mark.parametrize("text", ["1. satu", "2026) tahun", "- butir", "    kode", "akhir  ", "a *b*", "a_b_",
                                  "x &amp; y", "a\\*b", "<b>", "[tautan](x)", "# judul", "> kutip", "a | b",
                                  "a\n===", "a\n- b", "a\n1. b", "a\n\n\nb", "a\n  \nb", "a  \nb", "a\r\nb",
                                  "===", "'kutip'", "\u00a0awal", ""])
def test_texts_with_possible_markup_go_to_markdown_it(text: str) -> None:
    assert plain_paragraphs(text, True) is None


@pytest.mark.parametrize("text", ["satu baris", "dua\nbaris", "paragraf\n\nkedua\n", "\nawal dan akhir\n\n"])
def test_plain_texts_take_the_shortcut(text: str) -> None:
    assert plain_paragraphs(text, False) is not None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ9 .,;:?()%$@^-—–…'\"/\u00a0\u2028é1\n\n\n")), max_size=60),
       st.booleans())
def test_generated_texts_parse_as_markdown_it_parses_them(text: str, typographic: bool) -> None:
    assert parse.__wrapped__(text, typographic) == parse_markdown(text, typographic)


WORD = st.text(alphabet=st.sampled_from(list("aZé9.,;:?()%$@^—…'\"/\u00a0-")), min_size=1, max_size=6)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(WORD, st.sampled_from([" ", "\n", "\n\n", "\n\n\n", " \n", "  \n"])), min_size=1,
                max_size=12), st.booleans())
def test_generated_paragraphs_parse_as_markdown_it_parses_them(parts: list[tuple[str, str]], typographic: bool) -> None:
    text = "".join(word + gap for word, gap in parts)
    assert parse.__wrapped__(text, typographic) == parse_markdown(text, typographic)
