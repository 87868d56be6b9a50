"""Which characters the fonts draw: the set difference `undrawable` takes says what `drawable`
says of each character."""

from __future__ import annotations

from latsar.text.glyphs import drawable, undrawable


def test_undrawable_agrees_with_drawable_on_every_character() -> None:
    characters = set(map(chr, range(0x30000)))
    assert undrawable(characters) == sorted(c for c in characters if not drawable(c))
    assert undrawable(set("Pegawai “ASN” — 2026…")) == [] and undrawable(set("a🙂ب")) == ["ب", "🙂"]
