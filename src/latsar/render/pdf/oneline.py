"""A paragraph of plain text that fits on one line, measured and drawn as reportlab's
Paragraph measures and draws it, without the machinery a paragraph of many lines needs.

A document's title block is a few such lines (kicker, title, details); a Paragraph breaks each
through breakLines and draws it through drawPara, which look up some twenty style attributes
for features plain text in one font does not use. Here the line is found by the rules of
breakLines for one frag (latsar.render.pdf.runs.break_lines) and drawn with the same text
object operations drawPara makes for a left-aligned line. Anything else (two lines, a line
squeezed to fit, a bullet, a link...) is left to Paragraph itself.
"""

from __future__ import annotations

from reportlab import rl_config
from reportlab.lib.enums import TA_LEFT
from reportlab.platypus import Paragraph

from latsar.render.pdf.runs import break_lines


def one_line(paragraph: Paragraph) -> Paragraph:
    """`paragraph` as a OneLine where its text and style allow one, else itself."""
    return OneLine(paragraph.text, paragraph.style, frags=paragraph.frags) if _plain(paragraph) else paragraph


def _plain(paragraph: Paragraph) -> bool:
    """One frag of plain text in a left-aligned style without bullet, box, indent or hyphens.
    (Splitting web addresses, uriWasteReduce, happens only to a word that overruns its line.)"""
    style, frags = paragraph.style, paragraph.frags
    if len(frags) != 1 or paragraph.bulletText or not rl_config.paraFontSizeHeightOffset:
        return False
    frag = frags[0]
    text = getattr(frag, "text", "")
    plain_frag = (text and not frag.link and not frag.us_lines and not frag.rise and not frag.greek
                  and not hasattr(frag, "cbDefn") and not hasattr(frag, "backColor"))
    plain_style = (style.alignment == TA_LEFT and not style.firstLineIndent and not style.backColor
                   and not style.borderWidth and not style.endDots and not style.wordWrap
                   and getattr(style, "autoLeading", "") in ("", "off") and not style.hyphenationLang
                   and not style.embeddedHyphenation and not style.shaping)
    return bool(plain_frag and plain_style and not any(c in text for c in "\xa0\xad") and "://" not in text)


class OneLine(Paragraph):
    """A Paragraph (see `one_line`) that measures and draws itself the short way when its text
    fits on one line without being squeezed (a title block's lines, a kisi-kisi's heading)."""

    _line: str | None = None

    def wrap(self, availWidth, availHeight):
        style, frag = self.style, self.frags[0]
        width = availWidth - style.leftIndent - style.rightIndent
        text = getattr(frag, "text", None)  # none in a part split off (its frags are words)
        lines = None if text is None else break_lines(((frag.fontName, text),), frag.fontSize, width,
                                                      style.spaceShrinkage)
        if lines is None or len(lines) != 1 or lines[0].spacing:  # more than one line, or one squeezed
            self._line = None
            return super().wrap(availWidth, availHeight)
        self._line = lines[0].pieces[0][1]
        self.width, self.height = availWidth, style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):
        """As a Paragraph splits (where a page ends under a heading): from the lines
        Paragraph.wrap finds, which the short way does not keep."""
        if self._line is not None or not hasattr(self, "blPara"):  # lines of another width, or none
            Paragraph.wrap(self, availWidth, availHeight)
        return super().split(availWidth, availHeight)

    def draw(self):
        if self._line is None:
            return super().draw()
        canvas, style, frag = self.canv, self.style, self.frags[0]
        canvas.saveState()
        canvas.setFillColor(frag.textColor)
        text = canvas.beginText(style.leftIndent, self.height - frag.fontSize)
        text.setFont(frag.fontName, frag.fontSize, style.leading)
        text._textOut(self._line, 1)
        canvas.drawText(text)
        canvas.restoreState()
