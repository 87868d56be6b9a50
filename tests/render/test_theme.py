"""The Theme: one frozen object built from the programme; styles and hyphenation derived from it."""

from __future__ import annotations

import dataclasses

import pytest

from latsar.render.pdf.theme import hyphenator, make_styles, make_theme


def test_lang_argument_wins_over_the_programme_and_overrides_apply(curriculum):
    programme = curriculum.programme.model_copy(update={"language": "id", "labels": {"glossary": "Daftar Istilah"}})
    theme = make_theme(programme, "en")
    assert theme.lang == "en" and theme.pdf_lang == "en"
    assert theme.labels["contents"] == "Contents" and theme.labels["glossary"] == "Daftar Istilah"


def test_theme_is_frozen_and_comparable(curriculum):
    theme = make_theme(curriculum.programme, "id")
    with pytest.raises(dataclasses.FrozenInstanceError):
        theme.lang = "en"  # type: ignore[misc]
    assert theme == make_theme(curriculum.programme, "id") and hash(theme) == hash(make_theme(curriculum.programme, "id"))


def test_accent_and_its_tint(curriculum):
    programme = curriculum.programme.model_copy(update={"theme": curriculum.programme.theme.model_copy(
        update={"accent": "#7a1f1f"})})
    colours = make_theme(programme, "id").colours
    assert colours.accent == "#7A1F1F" and colours.tint == "#F4EDED"


def test_every_style_uses_a_bundled_font_and_body_text_is_justified_and_hyphenated(curriculum):
    theme = make_theme(curriculum.programme, "id")
    styles = make_styles(theme)
    names = set(theme.body_font.names) | set(theme.heading_font.names)
    for style in styles.values():
        assert style.fontName in names and style.bulletFontName in names
    body = styles["body"]
    assert body.alignment == 4 and callable(body.hyphenationLang)  # TA_JUSTIFY
    assert body.allowWidows == 0 and body.allowOrphans == 0
    assert styles["section"].keepWithNext == 1 and styles["subheading"].keepWithNext == 1


@pytest.mark.parametrize("word, good, bad", [
    ("masyarakat", "masya-rakat", "masyarak-at"),
    ("antarsektor", "antarsek-tor", "antarse-ktor"),
    ("pengabdian", "pengabdi-an", "penga-bdian"),
])
def test_indonesian_hyphenation_points(word, good, bad):
    points = ["-".join(pair) for pair in hyphenator()(word)]
    assert good in points and bad not in points


def test_compounds_break_only_after_their_own_hyphen():
    # Breaks inside a part made reportlab 5.1 drop the compound's hyphen ("alih-alih" → "alihalih").
    assert list(hyphenator()("terpecah-pecah")) == [("terpecah-", "pecah")]
    assert list(hyphenator()("kupu-kupu-nya")) == [("kupu-kupu-", "nya"), ("kupu-", "kupu-nya")]


def test_acronyms_and_mixed_case_names_are_never_split():
    # A reviewer found "BerA-KHLAK" at a line end in the kata pengantar.
    for word in ("BerAKHLAK", "SP4N", "KemenPANRB", "WoG"):
        assert list(hyphenator()(word)) == list(hyphenator().relaxed(word)) == [], word
    # A capitalised ordinary word breaks only where its paragraph would be loose otherwise.
    assert list(hyphenator().relaxed("Pelayanan")) and not list(hyphenator()("Pelayanan"))
