"""Texts without markup but emphasis and simple lists skip markdown-it: the shortcut must give
exactly markdown-it's tree."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from latsar.text.markdown import _may_hold_unsupported, parse, parse_markdown, simple_blocks, unsupported

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
    shortcut = [text for text in BUNDLED if simple_blocks(text, typographic) is not None]
    assert len(shortcut) > len(BUNDLED) / 2  # the shortcut is the common case
    for text in BUNDLED:
        assert parse.__wrapped__(text, typographic) == parse_markdown(text, typographic), text


@pytest.mark.parametrize("text", ["1) satu", "2026) tahun", "-  butir", "* butir", "+ butir", "- - butir",
                                  "1. - butir", "- butir\n  - anak", "- butir\n2. lain", "    kode", "akhir  ", "a *b*c", "a ***b***", "a **b*", "* b", "a ** b **",
                                  "*a* *", "a*b*", "*b *", "*b*x", "*a**b*", "**a (**b**)**",
                                  "*a (*b*)*", "**a *b** c*", "(*.*)", "**a.**b", "a**(b**", "# judul", "#", "![g](x)", "a_b_",
                                  "x &amp; y", "a\\*b", "<b>", "[tautan](x)", "# judul", "> kutip", "a | b",
                                  "a\n===", "a\n- b", "a\n1. b", "a\n\n\nb", "a\n  \nb", "a  \nb", "a\r\nb",
                                  "===", "'kutip'", "\u00a0awal", ""])
def test_texts_with_possible_markup_go_to_markdown_it(text: str) -> None:
    assert simple_blocks(text, True) is None


@pytest.mark.parametrize("text", ["satu baris", "dua\nbaris", "paragraf\n\nkedua\n", "\nawal dan akhir\n\n",
                                  "hasil (*outcome*)?", "*whole of government*", "a *b* *c*.\n*d*!", "nomor #1!",
                                  "**Kata** awal", "(**a**) **b**\n**c**", "2026, tahun",
                                  "1. satu", "- butir", "Daftar:\n\n- satu;\n  dua\n- **tiga**\n\n3. empat",
                                  "**Pola pikir (*mind set*) dan budaya kerja**: birokrasi", "**Tujuan bersama.** Instansi",
                                  "**perekat dan\npemersatu bangsa**"])
def test_plain_texts_take_the_shortcut(text: str) -> None:
    assert simple_blocks(text, False) is not None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ9 .,;:?()%$@^-—–…'\"/\u00a0\u2028é1\n\n\n**!#")), max_size=60),
       st.booleans())
def test_generated_texts_parse_as_markdown_it_parses_them(text: str, typographic: bool) -> None:
    assert parse.__wrapped__(text, typographic) == parse_markdown(text, typographic)


WORD = st.text(alphabet=st.sampled_from(list("aZé9.,;:?()%$@^—…'\"/\u00a0-*!#")), min_size=1, max_size=6)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(WORD, st.sampled_from([" ", "\n", "\n\n", "\n\n\n", " \n", "  \n"])), min_size=1,
                max_size=12), st.booleans())
def test_generated_paragraphs_parse_as_markdown_it_parses_them(parts: list[tuple[str, str]], typographic: bool) -> None:
    text = "".join(word + gap for word, gap in parts)
    assert parse.__wrapped__(text, typographic) == parse_markdown(text, typographic)


# Words, marks and stars in the places that decide whether a star opens or closes emphasis.
EMPHASIS_PART = st.sampled_from(["*", "**", "a", "Zé", "9", " ", "(", ")", ".", "!", "?", "-", "#", "'", "\u00a0",
                                 "\u0301", "\u2163", "\n", "\n\n", "—"])


@settings(max_examples=500, deadline=None)
@given(st.lists(EMPHASIS_PART, min_size=1, max_size=16), st.booleans())
def test_generated_emphasis_parses_as_markdown_it_parses_it(parts: list[str], typographic: bool) -> None:
    text = "".join(parts)
    assert parse.__wrapped__(text, typographic) == parse_markdown(text, typographic)


PLAIN_WORDS = ["kata", "Zé", "9", "ⅷ", "x-y", "a.b"]
EMPHASISED = st.one_of(
    st.tuples(st.sampled_from(["", "("]), st.just("*"), st.lists(st.sampled_from(PLAIN_WORDS), min_size=1, max_size=3),
              st.sampled_from(["", ")", ".", ",", ";", ":", "?", "!"])),
    st.tuples(st.sampled_from(["", "("]), st.just("**"),  # strong holding emphasis
              st.lists(st.sampled_from(PLAIN_WORDS + ["x (*em*) y", "x *em* dan"]), min_size=1, max_size=3),
              st.sampled_from(["", ")", ".", ",", ";", ":", "?", "!"])))
LINE = st.lists(st.one_of(st.sampled_from(["kata", "Zé", "9", "(x)", "a—b", "x!", "no #2"]),
                          EMPHASISED.map(lambda e: f"{e[0]}{e[1]}{' '.join(e[2])}{e[1]}{e[3]}")),
                min_size=1, max_size=6).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(LINE, st.sampled_from(["\n", "\n\n"])), min_size=1, max_size=4), st.booleans())
def test_emphasis_takes_the_shortcut_and_parses_as_markdown_it_parses_it(lines: list[tuple[str, str]],
                                                                          typographic: bool) -> None:
    text = "".join(line + gap for line, gap in lines)
    assert simple_blocks(text, typographic) is not None
    assert parse.__wrapped__(text, typographic) == parse_markdown(text, typographic)



# The T1 check (model/textcheck.py) asks only what lies outside the subset: texts whose lines cannot
# hold a heading, code, a fence, a rule or an image are not parsed at all.
def test_every_bundled_text_has_the_unsupported_markdown_it_finds() -> None:
    assert sum(_may_hold_unsupported(text) for text in BUNDLED) < len(BUNDLED) / 10
    for text in BUNDLED:
        assert unsupported(text) == parse_markdown(text).unsupported, text


@pytest.mark.parametrize("text", ["Judul\n-", "Judul\n  ===", "# judul", "## judul", "   # judul", "    kode", "```",
                                  "~~~", "- - -", "***", "___", "> # judul", ">     kode", "-     kode", "1. a\n\n       kode",
                                  "- ```", "* ---", "![gambar](x.png)", "a\tb", "a\r\nb", "\u00a0 kode"])
def test_texts_that_may_hold_unsupported_markdown_are_parsed(text: str) -> None:
    assert _may_hold_unsupported(text)


BLOCK_PART = st.sampled_from(["- ", "* ", "+ ", "1. ", "2) ", "> ", ">", " ", "  ", "   ", "    ", "#", "# ", "```", "~~~",
                              "---", "===", "***", "___", "-", "=", "*", "_", "a", "kata", "![", "](x)", "[", "<b>",
                              "`", "\n", "\n\n", "\u00a0", "10.", "|", "\\", "&amp;"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(BLOCK_PART, min_size=1, max_size=14))
def test_generated_texts_have_the_unsupported_markdown_it_finds(parts: list[str]) -> None:
    text = "".join(parts)
    found = parse_markdown(text).unsupported
    assert unsupported(text) == found
    assert _may_hold_unsupported(text) or not found


ITEM_WORDS = st.sampled_from(["kata", "Zé", "*a*", "**b c**", "(*c*)", "2026", "x.", "9.", "1.5", "no #1", "a—b", "tahun:"])
ITEM_LINE = st.lists(ITEM_WORDS, min_size=1, max_size=4).map(" ".join)
MARKER = st.sampled_from(["- ", "1. ", "2. ", "10. ", "0. ", "123456789. ", "1) ", "-  "])
ITEM = st.tuples(MARKER, ITEM_LINE, st.lists(st.tuples(st.sampled_from(["", " ", "  ", "   ", "    ", "        "]),
                                                         ITEM_LINE), max_size=2))
CHUNK = st.one_of(st.lists(ITEM_LINE, min_size=1, max_size=3).map("\n".join),
                  st.lists(ITEM.map(lambda i: i[0] + i[1] + "".join(f"\n{gap}{line}" for gap, line in i[2])),
                           min_size=1, max_size=4).map("\n".join))


@settings(max_examples=300, deadline=None)
@given(st.lists(CHUNK, min_size=1, max_size=3), st.sampled_from(["\n", "\n\n"]), st.booleans())
def test_generated_lists_parse_as_markdown_it_parses_them(chunks: list[str], gap: str, typographic: bool) -> None:
    text = gap.join(chunks)
    assert parse.__wrapped__(text, typographic) == parse_markdown(text, typographic)
