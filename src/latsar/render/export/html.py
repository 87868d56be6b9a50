"""HTML of curriculum text for the LMS exports, written from the Markdown tree the PDFs use.

The output is an XHTML fragment (every element closed, `<br/>`), so the same string serves the
formats that carry HTML as text (Moodle XML, GIFT, QTI 1.2) and QTI 2.1, which embeds it as
elements. Every text run is escaped here and only here: a stem such as `<b> & "x"` shows as
written. Only `&`, `<` and `>` are escaped; quotes need no escaping outside attributes, and
leaving them keeps `#` (of `&#34;`) out of GIFT text.
"""

from __future__ import annotations

from typing import Callable

from latsar.text.markdown import Block, BlockQuote, ListBlock, Paragraph, Span, Table, parse

_INLINE_TAGS = {"strong": "strong", "em": "em"}


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html(source: str) -> str:
    """Block-level HTML of a text: paragraphs, lists, block quotes, tables."""
    return "".join(block(b) for b in parse(source).blocks)


def html_compact(source: str) -> str:
    """A single paragraph as bare inline markup (options and reasons read better without `<p>`);
    anything longer as blocks."""
    blocks = parse(source).blocks
    if len(blocks) == 1 and isinstance(blocks[0], Paragraph):
        return inline(blocks[0].spans)
    return "".join(block(b) for b in blocks)


def inline(spans: tuple[Span, ...]) -> str:
    out = []
    for span in spans:
        if span.kind == "text":
            out.append(escape(span.text))
        elif span.kind == "br":
            out.append("<br/>")
        elif span.kind == "code":
            out.append(f"<code>{escape(span.text)}</code>")
        elif span.kind in _INLINE_TAGS:
            tag = _INLINE_TAGS[span.kind]
            out.append(f"<{tag}>{inline(span.children)}</{tag}>")
        else:
            out.append(inline(span.children))  # a span kind without HTML keeps its words
    return "".join(out)


def block(b: Block) -> str:
    return _BLOCK_WRITERS[type(b)](b)


def _paragraph(b: Paragraph) -> str:
    return f"<p>{inline(b.spans)}</p>"


def _list(b: ListBlock) -> str:
    tag = "ol" if b.ordered else "ul"
    start = f' start="{b.start}"' if b.ordered and b.start != 1 else ""
    return f"<{tag}{start}>" + "".join(f"<li>{_list_item(item)}</li>" for item in b.items) + f"</{tag}>"


def _list_item(blocks: tuple[Block, ...]) -> str:
    # A tight list item is one paragraph; `<li><p>` would open a gap in most LMS themes.
    if len(blocks) == 1 and isinstance(blocks[0], Paragraph):
        return inline(blocks[0].spans)
    return "".join(block(b) for b in blocks)


def _quote(b: BlockQuote) -> str:
    return "<blockquote>" + "".join(block(inner) for inner in b.blocks) + "</blockquote>"


def _table(b: Table) -> str:
    head = "".join(f"<th>{inline(cell)}</th>" for cell in b.header)
    rows = "".join("<tr>" + "".join(f"<td>{inline(cell)}</td>" for cell in row) + "</tr>" for row in b.rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


_BLOCK_WRITERS: dict[type, Callable] = {
    Paragraph: _paragraph,
    ListBlock: _list,
    BlockQuote: _quote,
    Table: _table,
}
