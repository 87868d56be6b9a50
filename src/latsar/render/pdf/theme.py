"""One frozen `Theme` (fonts, sizes, colours, margins, labels) and the styles derived from it.

Nothing here is global: `make_theme` builds a Theme from the programme, `make_styles` turns a
Theme into the named paragraph styles every renderer uses. Content blocks are tagged with role
names ("body", "quote", "case-title", …); only this module maps roles to looks.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from latsar.labels import Labels, labels_for
from latsar.model.schema import Programme
from latsar.render.pdf.fonts import FontFamily, family
from latsar.reproducible import document_time
from latsar.text.hyphenation import hyphenator

# Paper and its margins (top, bottom, inner, outer) in mm, body size and leading in pt.
# The small lan-2017 trim (LAN's 2017 module format) gets narrower margins and smaller type.
PAGES: dict[str, tuple[tuple[float, float], tuple[float, float, float, float], float, float]] = {
    "A4": (A4, (28, 24, 30, 25), 10.5, 15.5),
    "F4": ((215 * mm, 330 * mm), (30, 26, 30, 25), 10.5, 15.5),
    "lan-2017": ((165 * mm, 215.9 * mm), (20, 18, 20, 16), 9.5, 13.5),
    "letter": (LETTER, (26, 24, 28, 25), 10.5, 15.5),
}
# A word processor's single spacing: about 1.15 × the type size for Arial-like faces, so
# "Arial 12, spasi 1,5" gives the 20.7 pt lines a trainer's template has.
SINGLE_SPACING = 1.15
PDF_LANGUAGES: dict[str, str] = {"id": "id-ID", "en": "en"}
# The content is Indonesian whatever the label language, so hyphenation stays Indonesian.
HYPHENATION = "id_ID"
# How far a word space may shrink to keep one more word on a justified line (reportlab's default
# is 0.05); a fifth of a space is what careful typesetting allows, and it saves many loose lines.
SPACE_SHRINK = 0.2


@dataclass(frozen=True)
class Colours:
    text: str = "#1A1A1A"
    muted: str = "#5A5F66"
    rule: str = "#C9CED6"
    accent: str = "#1F4E79"
    tint: str = "#EEF2F7"  # case-study background, derived from the accent
    on_accent: str = "#FFFFFF"


@dataclass(frozen=True)
class Theme:
    lang: str
    labels: Labels
    page_size: tuple[float, float]
    margins: tuple[float, float, float, float]  # top, bottom, inner (left), outer (right), in pt
    body_font: FontFamily
    heading_font: FontFamily
    body_size: float
    leading: float
    colours: Colours
    pdf_lang: str
    timestamp: datetime.datetime  # the PDFs' creation and modification date (UTC)
    foreign_terms: tuple[str, ...] = ()  # printed in italics wherever they occur
    duplex: bool = False  # parts start on odd pages; margins mirror on even pages

    def colour(self, name: str) -> Color:
        return HexColor(getattr(self.colours, name))

    @property
    def frame_width(self) -> float:
        return self.page_size[0] - self.margins[2] - self.margins[3]

    @property
    def frame_height(self) -> float:
        """The height of a portrait page's text block: what a page holds."""
        return self.page_size[1] - self.margins[0] - self.margins[1]

    def pdf_date(self, *_ignored) -> str:
        """The PDFs' creation and modification date, as reportlab's canvas date formatter (it is
        handed a timestamp, ignored: the date comes from the programme or SOURCE_DATE_EPOCH)."""
        return self.timestamp.strftime("D:%Y%m%d%H%M%S+00'00'")


def _mix(hex_colour: str, share: float) -> str:
    """`share` of the colour on white: a light tint of the accent that never clashes with it."""
    rgb = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02X}" for c in rgb)


def make_theme(programme: Programme, lang: str) -> Theme:
    """The look of every PDF of this programme, with labels in `lang` (overrides programme.language)."""
    choice = programme.theme
    size, margins, body_size, leading = PAGES[choice.page_size]
    if choice.margins:
        margins = tuple(getattr(choice.margins, side) * 10 for side in ("top", "bottom", "inner", "outer"))
    if choice.font_size:
        body_size, leading = choice.font_size, leading * choice.font_size / body_size
    if choice.line_spacing:
        leading = body_size * SINGLE_SPACING * choice.line_spacing
    return Theme(
        lang=lang,
        labels=labels_for(lang, programme.labels),
        page_size=size,
        margins=tuple(m * mm for m in margins),
        body_font=family(choice.fonts.body),
        heading_font=family(choice.fonts.heading),
        body_size=body_size,
        leading=leading,
        colours=Colours(accent=choice.accent.upper(), tint=_mix(choice.accent, 0.08)),
        pdf_lang=PDF_LANGUAGES[lang],
        timestamp=document_time(programme),
        foreign_terms=tuple(choice.foreign_terms),
        duplex=choice.duplex,
    )


# --------------------------------------------------------------------------- styles


def _base(theme: Theme) -> ParagraphStyle:
    # Every style derives from this one, so no style can fall back to a base-14 font.
    return ParagraphStyle(
        "body", fontName=theme.body_font.regular, fontSize=theme.body_size, leading=theme.leading,
        textColor=theme.colour("text"), alignment=TA_JUSTIFY, spaceAfter=theme.leading * 0.45,
        allowWidows=0, allowOrphans=0, hyphenationLang=hyphenator(HYPHENATION), embeddedHyphenation=0,
        hyphenationMinWordLength=7,  # "da-lam", "ke-pada" look careless; long words are what need it
        spaceShrinkage=SPACE_SHRINK,
        uriWasteReduce=0.3, bulletFontName=theme.body_font.regular, bulletFontSize=theme.body_size,
    )


def _roles(theme: Theme) -> dict[str, dict]:
    """Role name -> differences from the body style."""
    s, lead = theme.body_size, theme.leading
    sans, serif = theme.heading_font, theme.body_font
    accent, muted = theme.colour("accent"), theme.colour("muted")
    plain = {"alignment": TA_LEFT, "hyphenationLang": ""}
    return {
        "body": {},
        "item": {"leftIndent": 18, "bulletIndent": 2, "spaceAfter": lead * 0.25},
        # An entry ending in an unbreakable tag ("(C3 · Menerapkan)") is set ragged: justified,
        # the line before a tag that does not fit would stretch its spaces wide.
        "item-tagged": {"leftIndent": 18, "bulletIndent": 2, "spaceAfter": lead * 0.25, "alignment": TA_LEFT},
        "item2": {"leftIndent": 36, "bulletIndent": 20, "spaceAfter": lead * 0.15},
        "quote": {"fontName": serif.regular, "leftIndent": 0, "alignment": TA_LEFT, "spaceAfter": 3},
        "quote-attribution": {**plain, "fontName": sans.regular, "fontSize": s - 2, "leading": s + 2,
                              "textColor": muted, "spaceAfter": 0},
        "case-caption": {**plain, "fontName": sans.bold, "fontSize": s - 2.5, "leading": s, "textColor": accent,
                         "spaceAfter": 2},
        "case-title": {**plain, "fontName": sans.bold, "fontSize": s + 1.5, "leading": s + 5, "spaceAfter": 4},
        "case-body": {"spaceAfter": 4},
        "case-questions": {**plain, "fontName": sans.bold, "fontSize": s - 0.5, "leading": s + 4,
                           "spaceBefore": 4, "spaceAfter": 2},
        "case-item": {"leftIndent": 16, "bulletIndent": 0, "spaceAfter": 2},
        "chapter-number": {**plain, "alignment": TA_CENTER, "fontName": sans.bold, "fontSize": s + 0.5,
                           "leading": s + 6, "textColor": accent, "spaceAfter": 2},
        "chapter-title": {**plain, "alignment": TA_CENTER, "fontName": sans.bold, "fontSize": s + 7.5,
                          "leading": s + 13, "spaceAfter": 6},
        "section": {**plain, "fontName": sans.bold, "fontSize": s + 2.5, "leading": s + 7, "textColor": accent,
                    "spaceBefore": lead * 0.9, "spaceAfter": lead * 0.35, "keepWithNext": 1,
                    "leftIndent": s + 10, "bulletIndent": 0},
        "subheading": {**plain, "fontName": sans.bold, "fontSize": s + 0.5, "leading": s + 5,
                       "spaceBefore": lead * 0.4, "spaceAfter": lead * 0.2, "keepWithNext": 1},
        "tag": {**plain, "fontName": sans.regular, "fontSize": s - 2.5, "textColor": muted},
        "toc0": {**plain, "fontName": sans.bold, "fontSize": s, "leading": s + 5, "spaceBefore": 7,
                 "rightIndent": 28},
        "toc1": {**plain, "leftIndent": 22, "fontSize": s - 0.5, "leading": s + 4, "rightIndent": 28},
        "toc2": {**plain, "leftIndent": 44, "fontSize": s - 1, "leading": s + 3.5, "rightIndent": 28},
        "cover-kicker": {**plain, "fontName": sans.bold, "fontSize": 11, "leading": 14,
                         "textColor": theme.colour("on_accent")},
        "cover-title": {**plain, "fontName": sans.bold, "fontSize": 26, "leading": 32,
                        "textColor": theme.colour("on_accent")},
        "cover-subtitle": {**plain, "fontName": sans.regular, "fontSize": 13, "leading": 18,
                           "textColor": theme.colour("on_accent")},
        "cover-detail": {**plain, "fontName": sans.regular, "fontSize": 11, "leading": 16, "textColor": muted},
        "cover-institution": {**plain, "fontName": sans.bold, "fontSize": 12, "leading": 16},
        "cover-cohort": {**plain, "fontName": sans.regular, "fontSize": 11, "leading": 15, "textColor": muted},
        "signature": {**plain, "spaceAfter": 0, "leftIndent": theme.frame_width * 0.45},
        "formula": {**plain, "alignment": TA_CENTER, "spaceAfter": 0},
        "caption": {**plain, "alignment": TA_CENTER, "fontSize": s - 0.5, "leading": s + 3.5, "spaceBefore": 2,
                    "spaceAfter": 4, "keepWithNext": 1},
        "caption-source": {**plain, "alignment": TA_CENTER, "fontSize": s - 2, "leading": s + 1.5,
                           "textColor": muted, "spaceAfter": 2},
        "title-page-kicker": {**plain, "fontName": sans.bold, "fontSize": s + 1.5, "leading": s + 6,
                              "textColor": accent, "spaceAfter": 0},
        "title-page-title": {**plain, "fontName": sans.bold, "fontSize": s + 11.5, "leading": s + 17.5},
        "title-page-detail": {**plain, "fontName": sans.regular, "fontSize": s + 0.5, "leading": s + 5,
                              "textColor": muted},
        "colophon": {**plain, "fontName": sans.regular, "fontSize": s - 1, "leading": s + 3, "spaceBefore": 6,
                     "spaceAfter": 0},
        "colophon-name": {**plain, "fontSize": s - 1, "leading": s + 3, "spaceAfter": 0},
        "colophon-notice": {"fontSize": s - 2, "leading": s + 1.5, "spaceBefore": 8, "textColor": muted},
        "signature-name": {**plain, "fontName": serif.bold, "spaceBefore": lead * 3,
                           "leftIndent": theme.frame_width * 0.45},
        "quiz-stem": {"leftIndent": 20, "bulletIndent": 0, "spaceAfter": 3},
        "quiz-option": {**plain, "leftIndent": 40, "bulletIndent": 22, "spaceAfter": 1},
        "key-head": {**plain, "alignment": TA_CENTER, "fontName": sans.bold, "fontSize": s - 1, "leading": s + 3,
                     "textColor": theme.colour("on_accent"), "spaceAfter": 0},
        "key-cell": {**plain, "alignment": TA_CENTER, "fontName": sans.regular, "fontSize": s - 0.5,
                     "leading": s + 3, "spaceAfter": 0},
        "explanation-key": {**plain, "leftIndent": 20, "bulletIndent": 0, "spaceAfter": 1, "keepWithNext": 1},
        "explanation": {"leftIndent": 20},
        "glossary-term": {**plain, "fontName": serif.bold, "spaceAfter": 0},
        "glossary-definition": {"spaceAfter": 0},
        "reference": {**plain, "leftIndent": 26, "bulletIndent": 0, "spaceAfter": lead * 0.3},
        "header": {**plain, "fontName": sans.regular, "fontSize": 8, "leading": 10, "textColor": muted},
        "footer": {**plain, "fontName": sans.regular, "fontSize": 9, "leading": 11, "textColor": muted},
        "divider-text": {"alignment": TA_CENTER, "hyphenationLang": "", "leftIndent": 30, "rightIndent": 30},
        "right": {**plain, "alignment": TA_RIGHT},
    }


def table_commands(theme: Theme, *commands: tuple) -> list[tuple]:
    """TableStyle commands that start by naming our font: reportlab sets a cell's font even for
    cells holding paragraphs, and its default (Helvetica) would otherwise land in the PDF."""
    return [("FONT", (0, 0), (-1, -1), theme.body_font.regular, theme.body_size), *commands]


def make_styles(theme: Theme) -> Mapping[str, ParagraphStyle]:
    """Role name -> ParagraphStyle; bullets always use the style's own font."""
    base = _base(theme)
    styles = {}
    for role, changes in _roles(theme).items():
        style = ParagraphStyle(role, parent=base, **changes)
        style.bulletFontName = changes.get("bulletFontName", style.fontName)
        style.bulletFontSize = changes.get("bulletFontSize", style.fontSize)
        styles[role] = style
    return MappingProxyType(styles)


def tightened(styles: Mapping[str, ParagraphStyle]) -> Mapping[str, ParagraphStyle]:
    """The same styles a little tighter (half the space around paragraphs, 3 % less leading):
    for a part that would otherwise leave a few lines alone on its last page."""
    out = {}
    for role, style in styles.items():
        out[role] = ParagraphStyle(role, parent=style, spaceBefore=style.spaceBefore * 0.5,
                                   spaceAfter=style.spaceAfter * 0.5, leading=style.leading * 0.97)
    return MappingProxyType(out)
