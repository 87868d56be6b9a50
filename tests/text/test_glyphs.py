"""Which characters the fonts draw: the set difference `undrawable` takes says what `drawable`
says of each character."""

from __future__ import annotations

from latsar.text.glyphs import INVISIBLE, _common_drawable, common_only, drawable, undrawable


def test_undrawable_agrees_with_drawable_on_every_character() -> None:
    characters = set(map(chr, range(0x30000)))
    assert undrawable(characters) == sorted(c for c in characters if not drawable(c))
    assert undrawable(set("Pegawai “ASN” — 2026…")) == [] and undrawable(set("a🙂ب")) == ["ب", "🙂"]


def test_a_text_of_common_characters_only_is_one_every_face_draws() -> None:
    common = [chr(code) for code in range(0x30000) if common_only(chr(code))]
    assert common == sorted(_common_drawable() - INVISIBLE)
    assert all(drawable(c) and c not in INVISIBLE for c in common)
    assert common_only("Pegawai “ASN” — 2026…\n\tbaris") and not common_only("a\u200bb") and not common_only("aب")
