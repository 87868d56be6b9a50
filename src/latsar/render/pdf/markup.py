"""The Markdown tree of curriculum text (latsar.text.markdown) as reportlab flowables.

Paragraph markup is built from the parsed tree, never from the source text, and every text run
is XML-escaped here: an option such as "<b> & </b>" prints as written.
"""

from __future__ import annotations

import functools
import re
from typing import Mapping, Sequence
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from latsar.render.pdf.flow import Para, line_text
from latsar.render.pdf.memo import LayoutMemo

from latsar.render.pdf.theme import Theme, table_commands
from latsar.text.foreign import english_quotes, outside
from latsar.text.markdown import BlockQuote, ListBlock, Paragraph as MdParagraph, Span, Table as MdTable, parse

# Italic text is foreign or emphasised: never hyphenated with Indonesian patterns (<nobr> keeps
# the line breaks between its words but turns hyphenation off inside them).
_TAGS = {"strong": ("<b>", "</b>"), "em": ("<i><nobr>", "</nobr></i>")}
# The space before a closing ellipsis ("… adalah ….") is a no-break space: the dots that ask
# for the answer never start a line on their own.
_ELLIPSIS = re.compile(r"\s+(?=(?:…|\.\.\.)\.?(?:\s|$))")


def bind_ellipsis(text: str) -> str:
    if "…" not in text and "..." not in text:  # most texts: nothing for the pattern to find
        return text
    return _ELLIPSIS.sub("\u00a0", text)


@functools.lru_cache(maxsize=16)
def _foreign_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    escaped = [escape(t) for t in sorted(terms, key=len, reverse=True)]
    return re.compile(rf"(?<![\w>])(?:{_alternatives(escaped)})(?!\w)", re.IGNORECASE)


# Each ASCII byte that \w matches, in lower case; every other byte a space.
_WORD_BYTES = bytes(c if c < 128 and (chr(c).isalnum() or c == 95) else 32 for c in range(256)).lower()


@functools.lru_cache(maxsize=16)
def _foreign(terms: tuple[str, ...]) -> tuple[re.Pattern[str], frozenset[bytes] | None] | None:
    """The terms' pattern, and the first word of each term (escaped, in lower case) where every
    term is ASCII and opens with a word character (else None): see `_may_hold_term`."""
    pattern = _foreign_pattern(terms)
    if pattern is None:
        return None
    escaped = [escape(term).lower() for term in terms]
    if not all(term.isascii() and term[:1].isalnum() for term in escaped):
        return pattern, None
    return pattern, frozenset(term.encode().translate(_WORD_BYTES).split()[0] for term in escaped)


def _may_hold_term(markup: str, first_words: frozenset[bytes] | None) -> bool:
    """Whether the foreign-term pattern may match in `markup`; False only where it cannot. The
    pattern costs some 50,000 instructions a text (a kisi-kisi marks sixty) and most texts hold
    no term; this is a few calls in C. Where markup and terms are ASCII, IGNORECASE matches exactly what lower case matches, and a
    term matches only where no word character stands before it, nor after its last word: so
    the term's first word is a whole word of the markup (tests/render/test_markup_generated.py
    holds this against the pattern alone)."""
    if first_words is None or not markup.isascii():
        return True
    return not first_words.isdisjoint(markup.encode().translate(_WORD_BYTES).split())


def _alternatives(terms: list[str]) -> str:
    """The terms (longest first) as alternatives, grouped under their first letter where every
    term starts with an ASCII character: the regex engine then tries one group at a place rather
    than every term, and matches as before (two ASCII characters that differ but for case never
    match the same character, and a group keeps its terms' order)."""
    if not all(t and t[0].isascii() for t in terms):
        return "|".join(map(re.escape, terms))
    groups: dict[str, list[str]] = {}
    for term in terms:
        groups.setdefault(term[0].lower(), []).append(re.escape(term[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


def plain(text: str, foreign_terms: Sequence[str] = ()) -> str:
    """Markup of plain text: escaped, its foreign terms in italics (not inside a quoted English
    title: latsar.text.foreign), closing ellipsis bound."""
    markup = escape(bind_ellipsis(text))
    foreign = _foreign(tuple(foreign_terms))
    if foreign is None or not _may_hold_term(markup, foreign[1]):
        return markup
    return _italicised(markup, foreign[0])


def _italicised(markup: str, pattern: re.Pattern[str]) -> str:
    """Markup with the terms the pattern finds in italics, but not inside a quoted English title."""
    start, end = _TAGS["em"]
    english = english_quotes(markup, pattern)  # an English title in quotes keeps its terms upright
    return pattern.sub(lambda m: f"{start}{m[0]}{end}" if outside(english, m.start()) else m[0], markup)


def inline(spans: tuple[Span, ...], code_font: str, foreign_terms: Sequence[str] = ()) -> str:
    """Paragraph markup of inline spans."""
    out = []
    for span in spans:
        if span.kind == "text":
            out.append(plain(span.text, foreign_terms))
        elif span.kind == "code":
            out.append(f'<font face="{code_font}">{escape(span.text)}</font>')
        elif span.kind == "br":
            out.append("<br/>")
        elif span.kind == "em":  # already italic: no term inside needs marking again
            start, end = _TAGS["em"]
            out.append(start + inline(span.children, code_font) + end)
        else:
            start, end = _TAGS.get(span.kind, ("", ""))
            out.append(start + inline(span.children, code_font, foreign_terms) + end)
    return "".join(out)


def _line_count(markup: str, style: ParagraphStyle, width: float) -> int:
    para = Paragraph(markup, style)
    para.wrap(width, 1e6)
    return len(para.blPara.lines)


def balanced_width(markup: str, style: ParagraphStyle, width: float) -> float:
    """The narrowest width that keeps a title on as few lines as `width` does, so a two-line
    title breaks evenly instead of leaving one short word on its second line."""
    lines = _line_count(markup, style, width)
    if lines < 2:
        return width
    low, high = width / 2, width
    for _ in range(10):
        middle = (low + high) / 2
        low, high = (middle, high) if _line_count(markup, style, middle) > lines else (low, middle)
    return high + 1


def _last_line_words(markup: str, style: ParagraphStyle, width: float) -> tuple[int, int]:
    """(lines, words on the last line) of `markup` wrapped at `width`."""
    para = Paragraph(markup, style)
    para.wrap(width, 1e6)
    lines = para.blPara.lines
    if not lines:
        return 0, 0
    return len(lines), len(line_text(lines[-1]).split())


def no_lone_word(markup: str, style: ParagraphStyle, width: float) -> ParagraphStyle:
    """`style` for a heading at `width`; when its last line would hold one word alone
    ("… di Kecamatan Teluk / Sari"), the style narrowed on the right so that its lines break
    evenly instead (as many lines, balanced_width)."""
    lines, words = _last_line_words(markup, style, width)
    if lines < 2 or words != 1:
        return style
    narrower = width - balanced_width(markup, style, width)
    return ParagraphStyle(style.name, parent=style, rightIndent=style.rightIndent + narrower) if narrower > 0 else style


class Writer:
    """Turns Markdown text into flowables with the styles of one theme."""

    def __init__(self, theme: Theme, styles: Mapping[str, ParagraphStyle], memo: LayoutMemo | None = None):
        self.theme = theme
        self.styles = styles
        self.memo = memo  # paragraphs parsed and broken before, shared with other documents

    def markup(self, spans: tuple[Span, ...]) -> str:
        return inline(spans, self.theme.heading_font.regular, self.theme.foreign_terms)

    def plain(self, text: str) -> str:
        """Markup of a plain-text value (a title, a term): the same italics rule as prose."""
        return plain(text, self.theme.foreign_terms)

    def flowables(self, text: str, role: str = "body", bullet: str | None = None,
                  suffix: str = "") -> list[Flowable]:
        """Flowables of `text`; `bullet` marks its first paragraph, `suffix` (markup) ends its last."""
        out: list[Flowable] = []
        for block in parse(text, typographic=True).blocks:
            out.extend(self._block(block, role))
        for table in out[:-1]:  # a ruled table keeps the paragraph gap from what follows it
            if isinstance(table, Table):
                table.spaceAfter = max(self.styles[role].spaceAfter, self.theme.leading * 0.4)
        if out and bullet is not None and isinstance(out[0], Paragraph):
            out[0] = self.bulleted(out[0], bullet)
        if out and suffix and isinstance(out[-1], Paragraph):
            last = out[-1]
            out[-1] = self._para(last.text + suffix, last.style, last.bulletText)
        return out

    def single_markup(self, text: str) -> str | None:
        """The inline markup of Markdown `text` that is one paragraph; None for anything else.
        For a caller that puts it into markup of its own: no Paragraph is parsed for nothing."""
        blocks = parse(text, typographic=True).blocks
        if len(blocks) == 1 and isinstance(blocks[0], MdParagraph):
            return self.markup(blocks[0].spans)
        return None

    def bulleted(self, paragraph: Paragraph, bullet: str) -> Paragraph:
        """`paragraph` marked with `bullet`, its markup not parsed again."""
        return self._para(paragraph.text, paragraph.style, bullet, paragraph.frags)

    def paragraph(self, text_markup: str, role: str, bullet: str | None = None) -> Paragraph:
        return self._para(text_markup, self.styles[role], bullet)

    def styled(self, text_markup: str, style: ParagraphStyle) -> Paragraph:
        """A paragraph in a style made for it (a role's style adjusted: no_lone_word)."""
        return self._para(text_markup, style)

    def _para(self, markup: str, style: ParagraphStyle, bullet: str | None = None, frags: list | None = None) -> Para:
        """A paragraph of `markup` (`frags`: as parsed from it, if already done)."""
        if self.memo is None:
            return Para(markup, style, bulletText=bullet, frags=frags)
        if frags is None:
            return self.memo.paragraph(markup, style, bullet)
        para = Para(markup, style, bulletText=bullet, frags=frags)
        para.memo = self.memo.lines
        return para

    def _block(self, block, role: str) -> list[Flowable]:
        if isinstance(block, MdParagraph):
            return [self._para(self.markup(block.spans), self.styles[role])]
        if isinstance(block, ListBlock):
            return self._list(block, role)
        if isinstance(block, BlockQuote):
            return [f for b in block.blocks for f in self._block(b, "quote")]
        if isinstance(block, MdTable):
            return [self._table(block, self.styles[role].leftIndent)]
        return []

    def _list(self, block: ListBlock, role: str) -> list[Flowable]:
        # One level of nesting is enough for curriculum text; deeper lists share the second indent.
        item_role = "item2" if role in ("item", "item2") else "item"
        out: list[Flowable] = []
        for number, item in enumerate(block.items, start=block.start):
            bullet = f"{number}." if block.ordered else "•"
            flows = [f for b in item for f in self._block(b, item_role)]
            if flows and isinstance(flows[0], Paragraph):
                flows[0] = self._para(flows[0].text, flows[0].style, bullet, flows[0].frags)
            out.extend(flows)
        if role not in ("item", "item2") and out:
            # Items sit close together; the list as a whole keeps the paragraph gap after it.
            out.append(Spacer(1, self.styles[role].spaceAfter))
        return out

    def _table(self, block: MdTable, inset: float = 0.0) -> Table:
        """The table under the text it belongs to: `inset` from the left (a question's text
        stands right of its number), as wide as the rest of the frame."""
        head = [self._para(f"<b>{self.markup(c)}</b>", self.styles["glossary-definition"]) for c in block.header]
        rows = [[self._para(self.markup(c), self.styles["glossary-definition"]) for c in row] for row in block.rows]
        data = ([head] if head else []) + rows
        columns = max(len(r) for r in data)
        table = InsetTable(data, repeatRows=1 if head else 0, hAlign="LEFT",
                           colWidths=[(self.theme.frame_width - inset) / columns] * columns)
        table.inset = inset
        commands = [("GRID", (0, 0), (-1, -1), 0.5, self.theme.colour("rule")), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        if head:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), self.theme.colour("tint")))
        table.setStyle(TableStyle(table_commands(self.theme, *commands)))
        return table


class InsetTable(Table):
    """A table drawn `inset` from the left edge of where it is placed (reportlab's Table has no
    left indent; an Indenter would not reach a table replayed from a recording)."""

    inset = 0.0

    def wrap(self, availWidth, availHeight):
        width, height = super().wrap(availWidth - self.inset, availHeight)
        return width + self.inset, height

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth - self.inset, availHeight)
        for part in parts:
            part.inset = self.inset
        return parts

    def draw(self):
        if self.inset:
            self.canv.translate(self.inset, 0)
        super().draw()
