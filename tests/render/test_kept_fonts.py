"""Fonts keep what their last subsets embedded (latsar.render.pdf.fonts.KeptFont): a PDF is the
same bytes whether the subset was kept from an earlier document or made anew by reportlab."""

from __future__ import annotations

import io
from typing import Callable, TypeVar

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace
from reportlab.pdfgen.canvas import Canvas

from latsar.render.pdf import fonts

T = TypeVar("T")
TEXT = "Kebijakan “e-government” — naïve café … ±5 %"


def pdf(font_name: str, text: str = TEXT, pages: int = 1) -> bytes:
    return _canvas(font_name, text, pages)[0]


def _canvas(font_name: str, text: str = TEXT, pages: int = 1) -> tuple[bytes, Canvas]:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=1)
    for _ in range(pages - 1):  # pages before the text: the font's objects are numbered later
        canvas.showPage()
    canvas.setFont(font_name, 11)
    canvas.drawString(72, 720, text)
    canvas.save()
    return buffer.getvalue(), canvas


def plain_reportlab(font: TTFont, make: Callable[[], T]) -> T:
    """`make()` with `font` as reportlab's own TrueType font, keeping nothing."""
    font.__class__, font.face.__class__ = TTFont, TTFontFace
    try:
        return make()
    finally:
        font.__class__, font.face.__class__ = fonts.KeptFont, fonts.KeptSubsets


def test_a_kept_subset_gives_reportlabs_own_bytes() -> None:
    family = fonts.family("noto-serif")
    fonts.register(family)
    font = pdfmetrics.getFont(family.italic)
    assert isinstance(font, fonts.KeptFont)
    first, again = pdf(family.italic), pdf(family.italic)  # made, then kept
    other = pdf(family.italic, TEXT[::-1])  # the same characters met in another order: another subset
    plain, plain_other = plain_reportlab(font, lambda: (pdf(family.italic), pdf(family.italic, TEXT[::-1])))
    assert first == again == plain
    assert other == plain_other != plain


def test_a_fonts_objects_are_added_again_as_reportlab_formats_them() -> None:
    """A later document with the same subset gets the objects the first one made, formatted
    once for each way they are numbered (here two pages move them on): reportlab's bytes."""
    family = fonts.family("noto-sans")
    fonts.register(family)
    font = pdfmetrics.getFont(family.italic)
    text = "Objek fon dipakai lagi: ½ · “kutipan”"
    made = [_canvas(family.italic, text, pages) for pages in (1, 3, 1, 3)]
    plain = plain_reportlab(font, lambda: [pdf(family.italic, text, pages) for pages in (1, 3)])
    assert [data for data, _ in made] == plain * 2
    assert plain[0] != plain[1]
    kept = [[type(obj) for obj in canvas._doc.idToObject.values()] for _, canvas in made]
    assert fonts.Formatted not in kept[0] and kept[1].count(fonts.Formatted) == kept[3].count(fonts.Formatted) == 4


def test_ascent_and_descent_are_the_faces() -> None:
    """reportlab asks a font's ascent and descent at every word it sets in a line, and a plain
    TrueType font answers only through an AttributeError; a kept font answers the face's."""
    family = fonts.family("noto-sans")
    fonts.register(family)
    font = pdfmetrics.getFont(family.bold)
    assert not hasattr(TTFont(family.bold, fonts.font_file(family.bold)), "ascent")
    assert (font.ascent, font.descent) == (font.face.ascent, font.face.descent)
    assert font.ascent > 0 > font.descent
    assert pdfmetrics.getAscentDescent(family.bold, 10) == (font.face.ascent / 100, font.face.descent / 100)


def test_a_kept_font_measures_each_text_once() -> None:
    """reportlab measures every word each time it breaks a paragraph's lines: a kept font keeps
    each width it measured (the same number TrueType's own measure gives)."""
    family = fonts.family("noto-serif")
    fonts.register(family)
    font = pdfmetrics.getFont(family.regular)
    text = "penyelenggaraan-pelayanan-uji-lebar"
    kept = font.widths(11)  # the store latsar's own line breakers read too (widths.font_widths)
    kept.pop(text, None)
    width = pdfmetrics.stringWidth(text, family.regular, 11)
    assert dict.get(kept, text) == width == TTFont.stringWidth(font, text, 11) > 0
    kept[text] = 1.5  # what is kept is what is answered
    assert pdfmetrics.stringWidth(text, family.regular, 11) == 1.5
    del kept[text]
    from latsar.render.pdf.widths import font_widths

    assert font_widths(family.regular, 11) is kept  # one store for reportlab's measuring and ours
