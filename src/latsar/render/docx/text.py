"""Curriculum Markdown (the parsed tree of latsar.text.markdown) as Word paragraphs and runs.

Paragraphs take the style they are given; lists use Word's List Number and List Bullet styles
(each numbered list restarts at its own first number), block quotes the Quote style, and tables
the Table Grid style with a bold head row. A container is anything that holds paragraphs: the
document body or a table cell.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import NamespacePrefixedTag, qn
from docx.oxml.parser import oxml_parser
from docx.shared import Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from latsar.text.foreign import english_quotes, outside
from latsar.text.markdown import BlockQuote, ListBlock, Paragraph, Span, Table, parse

CODE_FONT = "Courier New"
STEM_INDENT = 20  # pt: a question's text stands this far right of its number
QUOTE_INSET = 12  # pt: a quotation inside a stem, in from its text on both sides (as in the PDF)
LIST_INDENT = 20  # pt: a list's text inside a stem, in from the stem's text


@dataclass(frozen=True)
class ListLayout:
    """Where a list that opens a stem or an option stands (pt): its text's indent, how far left
    of it its first line and later items' lines start, and a tab stop for a marker after a number."""

    indent: float
    first_hang: float
    item_hang: float
    marker_tab: float | None


STEM_LIST = ListLayout(STEM_INDENT + LIST_INDENT, STEM_INDENT + LIST_INDENT, LIST_INDENT - 4, STEM_INDENT + 4)
OPTION_LIST = ListLayout(40, 20, 20, None)  # "A.⇥text", a later item's marker where the letter stands
# Word list styles by nesting depth (Word's default template has three levels of each).
LIST_STYLES: dict[bool, tuple[str, ...]] = {True: ("List Number", "List Number 2", "List Number 3"),
                                            False: ("List Bullet", "List Bullet 2", "List Bullet 3")}


class Writer:
    """Writes Markdown into a document; keeps the numbering instances it adds to the document."""

    def __init__(self, doc: Any, foreign_terms: Sequence[str] = ()):
        self.doc = doc
        self.terms = _terms_pattern(tuple(foreign_terms))  # italic wherever they occur, as in the PDFs
        # python-docx looks a style up by scanning every style on each use; once is enough.
        self.style_ids = {style.name: style.style_id for style in doc.styles}
        self.list_numbers = {name: doc.styles[name].element.pPr.numPr.numId.val
                             for names in LIST_STYLES.values() for name in names}
        self.list_styles = frozenset(self.style_ids[name] for name in (*self.list_numbers, "List Continue"))

    def add(self, container: Any, style: str = "Normal", text: str = "") -> Any:
        """A new paragraph of `style` (a Word style name) at the end of `container`. Built as XML
        directly: python-docx scans the whole body for its closing sectPr on every new
        paragraph, and its child-ordering code dominates the time of a long document."""
        element = new_element("w:p")
        if style != "Normal":
            properties = new_element("w:pPr")
            style_element = new_element("w:pStyle")
            style_element.set(_VAL, self.style_ids[style])
            properties.append(style_element)
            element.append(properties)
        if text:
            element.extend(self.runs(text))
        parent = container.element.body if container is self.doc else container._element
        if len(parent) and parent[-1].tag == _SECT_PR:
            parent[-1].addprevious(element)
        else:
            parent.append(element)
        return DocxParagraph(element, container if container is not self.doc else self.doc._body)

    def restyle(self, paragraph: Any, style: str) -> None:
        if style != "Normal":
            paragraph._p.get_or_add_pPr().style = self.style_ids[style]

    def markdown(self, container: Any, source: str, style: str = "Normal", prefix: str = "") -> list[Any]:
        """The paragraphs of `source`, appended to `container`; `prefix` (a number or letter)
        opens the first paragraph, followed by a tab; before a list or table it stands alone, so
        a list item keeps its own bullet. Tables are written in their place but not returned:
        callers format the paragraphs (indents, alignment), which a table has not."""
        return [block for block in self._written(container, source, style, prefix) if isinstance(block, DocxParagraph)]

    def _written(self, container: Any, source: str, style: str, prefix: str) -> list[Any]:
        """The paragraphs and tables of `source`, appended to `container` (see `markdown`)."""
        blocks = parse(source, typographic=True).blocks
        written: list[Any] = []
        if prefix and not (blocks and isinstance(blocks[0], Paragraph)):
            written.append(self.add(container, style))
        for block in blocks:
            written += self._block(container, block, style, 0)
        if prefix:
            first = written[0]
            run = first.runs[0] if first.runs else first.add_run("")
            run._r.addprevious(text_run(f"{prefix}\t"))
        return written

    def paragraph(self, container: Any, text: str, style: str = "Normal", bold: bool = False) -> Any:
        """One paragraph of plain text."""
        paragraph = self.add(container, style)
        paragraph._p.extend(self.runs(text, bold))
        return paragraph

    def runs(self, text: str, bold: bool = False, italic: bool = False) -> list[Any]:
        """Runs of `text`, its foreign terms in italics (not inside an English quoted title)."""
        if self.terms is None or italic:
            return [text_run(text, bold, italic)]
        parts = self.terms.split(text)  # odd parts are the terms themselves
        if len(parts) > 1 and (english := english_quotes(text, self.terms)):
            starts = [sum(map(len, parts[:index])) for index in range(len(parts))]
            return [text_run(part, bold, index % 2 == 1 and outside(english, start))
                    for index, (part, start) in enumerate(zip(parts, starts)) if part]
        return [text_run(part, bold, index % 2 == 1) for index, part in enumerate(parts) if part]

    def spans(self, paragraph: Any, spans: tuple[Span, ...], bold: bool = False, italic: bool = False) -> None:
        for span in spans:
            if span.kind == "br":
                paragraph._p.append(text_run("", br=True))
            elif span.kind in ("strong", "em"):
                self.spans(paragraph, span.children, bold or span.kind == "strong", italic or span.kind == "em")
            else:
                if span.kind == "code":
                    paragraph._p.append(text_run(span.text, bold, italic, CODE_FONT))
                else:
                    paragraph._p.extend(self.runs(span.text, bold, italic))

    # ----------------------------------------------------------------- blocks

    def _block(self, container: Any, block: Any, style: str, depth: int) -> list[Any]:
        if isinstance(block, Paragraph):
            paragraph = self.add(container, style)
            self.spans(paragraph, block.spans)
            return [paragraph]
        if isinstance(block, ListBlock):
            return self._list(container, block, depth)
        if isinstance(block, BlockQuote):
            return [p for inner in block.blocks for p in self._block(container, inner, "Quote", depth)]
        return [self._table(container, block)]

    def _list(self, container: Any, block: ListBlock, depth: int) -> list[Any]:
        style = LIST_STYLES[block.ordered][min(depth, 2)]
        number = self.restart(style, block.start) if block.ordered else None
        written: list[Any] = []
        for item in block.items:
            for index, inner in enumerate(item):
                if isinstance(inner, Paragraph):
                    paragraph = self.add(container, style if index == 0 else "List Continue")
                    self.spans(paragraph, inner.spans)
                    if number is not None and index == 0:
                        set_numbering(paragraph, number)
                    written.append(paragraph)
                else:
                    written += self._block(container, inner, "Normal", depth + 1)
        return written

    def restart(self, style: str, start: int = 1) -> int:
        """A new numbering instance of a numbered list style that starts at `start`: Word would
        otherwise continue every list of the style from the one before."""
        numbering = self.doc.part.numbering_part.element
        abstract = next(n.abstractNumId.val for n in numbering.num_lst
                        if n.numId == self.list_numbers[style])
        num = numbering.add_num(abstract)
        override = num.add_lvlOverride(ilvl=0)
        start_override = OxmlElement("w:startOverride")
        start_override.set(qn("w:val"), str(start))
        override.append(start_override)
        return num.numId

    def question(self, container: Any, number: int, stem: str, options: tuple[tuple[str, str], ...]) -> None:
        """A numbered question with its lettered options, kept on one page where Word can."""
        self.stem(container, str(number), stem)
        for index, (letter, text) in enumerate(options):
            self.option(container, letter, text, last=index == len(options) - 1)

    def stem(self, container: Any, number: str, stem: str) -> None:
        """A question's stem, "1.⇥" before its first paragraph, kept with its options. What
        follows that paragraph (more text, a quotation, a table) stands under its text, right
        of the number, as in the PDF booklet; a quotation is set in a little further. A stem that
        opens with a list has its number on the list's first line ("2.⇥•⇥…"), as in the PDF."""
        written = self._list_first(container, stem, lambda marker: f"{number}.\t{marker}\t", STEM_LIST)
        if written is None:
            written = self._written(container, stem, "Normal", f"{number}.")
            hanging(written[0], STEM_INDENT, STEM_INDENT)
        quote = self.style_ids["Quote"]
        for paragraph in (p for p in written if isinstance(p, DocxParagraph)):
            style = paragraph._p.style
            if paragraph.paragraph_format.left_indent is not None:
                pass  # laid out where written: the first line
            elif style in self.list_styles:  # its bullet under the text, as in the PDF
                hanging(paragraph, STEM_INDENT + LIST_INDENT, LIST_INDENT - 4)
            else:
                hanging(paragraph, STEM_INDENT + QUOTE_INSET * (style == quote), 0)
            if style == quote:
                paragraph.paragraph_format.right_indent = Pt(QUOTE_INSET)
            if (previous := paragraph._p.getprevious()) is not None and previous.tag == qn("w:tbl"):
                paragraph.paragraph_format.space_before = Pt(6)  # a ruled table keeps a gap below it
            paragraph.paragraph_format.keep_with_next = True
        for table in written:
            if not isinstance(table, DocxParagraph):
                inset_table(table._tbl, STEM_INDENT)

    def _list_first(self, container: Any, text: str, first: Callable[[str], str],
                    layout: ListLayout) -> list[Any] | None:
        """What `text` writes when it opens with a list (that list through `_opening_list`, then
        its other blocks); None, writing nothing, for any other text."""
        blocks = parse(text, typographic=True).blocks
        if not blocks or not isinstance(blocks[0], ListBlock):
            return None
        written = self._opening_list(container, blocks[0], first, layout)
        return written + [b for block in blocks[1:] for b in self._block(container, block, "Normal", 0)]

    def _opening_list(self, container: Any, block: ListBlock, first: Callable[[str], str],
                      layout: ListLayout) -> list[Any]:
        """The list a stem or option opens with, its markers written as text (Word draws a list's
        own marker before anything else on the line, so a number or letter could not precede it):
        `first(marker)` opens the first item ("2.⇥•⇥" for a stem, "A.⇥" for an option, whose
        letter stands in place of the marker, as in the PDF), then "•⇥next item"."""
        written: list[Any] = []
        for n, item in enumerate(block.items, start=block.start):
            marker = f"{n}." if block.ordered else "•"
            paragraph = self.add(container)
            paragraph._p.append(text_run(first(marker) if not written else f"{marker}\t"))
            hanging(paragraph, layout.indent, layout.first_hang if not written else layout.item_hang)
            if layout.marker_tab is not None:
                paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(layout.marker_tab))
            rest = item[1:] if item and isinstance(item[0], Paragraph) else item
            if rest is not item:
                self.spans(paragraph, item[0].spans)
            written.append(paragraph)
            written += [self._under_item(b, layout.indent) for inner in rest
                        for b in self._block(container, inner, "Normal", 1)]
        return written

    def _under_item(self, block: Any, indent: float) -> Any:
        """A plain paragraph that continues a list item stands under the item's text."""
        if isinstance(block, DocxParagraph) and block._p.style not in self.list_styles:
            hanging(block, indent, 0)
        return block

    def option(self, container: Any, letter: str, text: str, last: bool) -> None:
        """An option ("A.⇥…") kept with the next; the `last` one ends the question with a gap."""
        written = self._list_first(container, text, lambda marker: f"{letter}\t", OPTION_LIST)
        paragraphs = (self.markdown(container, text, prefix=letter) if written is None
                      else [p for p in written if isinstance(p, DocxParagraph)])
        for paragraph in paragraphs:
            if paragraph.paragraph_format.left_indent is None:
                hanging(paragraph, OPTION_LIST.indent, OPTION_LIST.first_hang)
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.space_after = Pt(0)
        if last:
            paragraph.paragraph_format.keep_with_next = None
            paragraph.paragraph_format.space_after = Pt(8)

    def grid(self, table: Any) -> None:
        """Give a table Word's Table Grid style."""
        table._tbl.tblPr.get_or_add_tblStyle().val = self.style_ids["Table Grid"]

    def _table(self, container: Any, block: Table) -> Any:
        rows = ([block.header] if block.header else []) + list(block.rows)
        width = max(len(row) for row in rows)
        table = container.add_table(rows=len(rows), cols=width)
        self.grid(table)
        if block.header:
            repeat_header(table)
        cells = cell_grid(table)
        for r, row in enumerate(rows):
            for c, cell_spans in enumerate(row):
                paragraph = cells[r][c].paragraphs[0]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
                self.spans(paragraph, cell_spans, bold=bool(block.header) and r == 0)
        return table


def repeat_header(table: Any) -> None:
    """Mark the table's first row as its header row, which Word repeats at the top of every page
    the table runs onto (as the PDF's tables repeat theirs)."""
    table._tbl.tr_lst[0].get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def cell_grid(table: Any) -> list[list[Any]]:
    """The table's cells by row and column, found once (python-docx's `table.cell` walks every
    cell of the table on each call)."""
    return [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]


def put(cell: Any, text: str, bold: bool = False) -> None:
    """Plain text into a new table cell's first paragraph."""
    cell.paragraphs[0]._p.append(text_run(text, bold))


def set_numbering(paragraph: Any, num_id: int) -> None:
    """Number the paragraph from the numbering instance `num_id` (see `Writer.restart`)."""
    numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = num_id


def inset_table(table: Any, inset: float) -> None:
    """Move a `w:tbl` in by `inset` pt from the left margin, its columns narrowed in proportion
    so that it still ends at the right margin."""
    properties = table.tblPr
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), str(round(inset * 20)))
    indent.set(qn("w:type"), "dxa")
    properties.insert_element_before(indent, *_AFTER_TBL_IND)
    columns = table.findall(qn("w:tblGrid") + "/" + qn("w:gridCol"))
    total = sum(int(column.get(qn("w:w"))) for column in columns)
    if not total:
        return
    scale = (total - inset * 20) / total
    for width in [*columns, *table.iter(qn("w:tcW"))]:
        width.set(qn("w:w"), str(round(int(width.get(qn("w:w"))) * scale)))


_AFTER_TBL_IND = ("w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                  "w:tblDescription", "w:tblPrChange")


def hanging(paragraph: Any, indent: float, hang: float) -> None:
    """Left indent `indent` pt with the first line `hang` pt further left (for "1.⇥text")."""
    paragraph.paragraph_format.left_indent = Pt(indent)
    paragraph.paragraph_format.first_line_indent = Pt(-hang)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(indent))


@functools.lru_cache(maxsize=16)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)({alternatives})(?!\w)", re.IGNORECASE)


def text_run(text: str, bold: bool = False, italic: bool = False, font: str | None = None, br: bool = False) -> Any:
    """A `w:r` element built directly: python-docx's run text setter walks the text one
    character at a time, which dominates the time of a long document. Tabs become `w:tab`."""
    run = new_element("w:r")
    if bold or italic or font:
        properties = new_element("w:rPr")
        if font:
            fonts = new_element("w:rFonts")
            for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
                fonts.set(qn(attribute), font)
            properties.append(fonts)
        for flag, tag in ((bold, "w:b"), (italic, "w:i")):
            if flag:
                properties.append(new_element(tag))
        run.append(properties)
    if br:
        run.append(new_element("w:br"))
    for index, part in enumerate(text.split("\t")):
        if index:
            run.append(new_element("w:tab"))
        if part:
            element = new_element("w:t")
            element.set(_SPACE, "preserve")
            element.text = part
            run.append(element)
    return run


def new_element(tag: str) -> Any:
    """A new element of `tag` ("w:r"), as python-docx's OxmlElement makes it (the same class and
    namespace declaration), without working out the tag's name and namespace at every call: a
    long document makes tens of thousands."""
    name, namespaces = _TAGS.get(tag) or _TAGS.setdefault(tag, _tag(tag))
    return oxml_parser.makeelement(name, nsmap=namespaces)


def _tag(tag: str) -> tuple[str, dict[str, str]]:
    prefixed = NamespacePrefixedTag(tag)
    return prefixed.clark_name, prefixed.nsmap


_TAGS: dict[str, tuple[str, dict[str, str]]] = {}  # a cache of constants: tag -> name, namespaces
_VAL, _SPACE, _SECT_PR = qn("w:val"), qn("xml:space"), qn("w:sectPr")
