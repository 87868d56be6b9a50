"""The Markdown subset of curriculum text, parsed once into a small tree.

markdown-it-py does the parsing; this module only narrows its token tree to the blocks and spans
latsar supports. Writers (PDF flowables, HTML for LMS exports, plain text) walk this tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Union

from latsar.messages import N_

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode


@dataclass(frozen=True)
class Span:
    """An inline run: `text` (plain), `strong`, `em`, `code` (text only) or `br` (line break)."""

    kind: str
    text: str = ""
    children: tuple["Span", ...] = ()


@dataclass(frozen=True)
class Paragraph:
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    start: int
    items: tuple[tuple["Block", ...], ...]


@dataclass(frozen=True)
class BlockQuote:
    blocks: tuple["Block", ...]


@dataclass(frozen=True)
class Table:
    header: tuple[tuple[Span, ...], ...]
    rows: tuple[tuple[tuple[Span, ...], ...], ...]


Block = Union[Paragraph, ListBlock, BlockQuote, Table]


@dataclass(frozen=True)
class Unsupported:
    """A construct outside the subset, with its line (1-based) inside the text and markdown-it's
    name for it (`heading`, `fence`, `image`, …)."""

    construct: str
    line: int
    kind: str = ""


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]
    unsupported: tuple[Unsupported, ...]


@lru_cache(maxsize=2)
def _parser(typographic: bool) -> "MarkdownIt":
    """Print wants curly quotes; exports keep the characters as written, so they round-trip.
    Made at the first text with markup: texts without any never load markdown-it."""
    from markdown_it import MarkdownIt

    # Raw HTML stays text: a stem such as "<b> & </b>" must print as written.
    parser = MarkdownIt("commonmark", {"html": False, "typographer": typographic, "quotes": "“”‘’"})
    return parser.enable(["table", "smartquotes"] if typographic else "table")

_SPAN_KINDS = {"strong": "strong", "em": "em"}
_UNSUPPORTED_BLOCKS = {
    "heading": N_("heading (the module structure makes headings; use a new section instead)"),
    "code_block": N_("indented code block (remove the leading spaces)"),
    "fence": N_("code fence"),
    "hr": N_("horizontal rule"),
    "html_block": N_("raw HTML"),
}


# Text in which Markdown can see no markup but emphasis and simple lists: paragraphs and lists (one
# blank line apart) of lines without any character that starts or ends a construct, none beginning
# with a hash or a space (a heading, a code block) nor ending in a space (a line break), whose
# stars (if any) pair as `*words*` or `**words**` (see `_emphasis_only`); a list is a run of items
# each opening with `- ` or a number and `. ` (one kind per list), each a paragraph whose lines after
# the first are its own. Most options and stems, and much prose, are such text; markdown-it would
# make of it the same blocks (a test compares both on every bundled text and on generated ones), at
# many times the cost. `!` makes an image only before `[`, `#` a heading only at a line's start:
# alone they are text.
_MARKUP = re.compile(r"[\x00-\x09\x0b-\x1f\x7f\\`_\[\]<>&|~=+{}]")  # line feeds apart: they make the lines
_QUOTES = re.compile("[\"']")  # curled when typographic
_ORDERED = re.compile(r"\d{1,9}[.)](?:\s|$)")  # how an ordered list's item may begin
_ITEM = re.compile(r"(?:(-)|(\d{1,9})\.) ")  # how a simple list's item begins: a dash, or a number (group 2)
_STARS = re.compile(r"(\*+)")
# What makes stars only open or only close emphasis (CommonMark's flanking rules): opening stars
# come after a space, a line break or "(" (or at the paragraph's start), closing ones before a
# space, a line break or one of these marks (or at its end); next to the words they mark a letter
# or digit, or another character when a space or line break is on their other side.
_BEFORE_OPENING = frozenset(" \n(")
_AFTER_CLOSING = frozenset(" \n.,;:?!)")
_EMPHASIS = {"*": "em", "**": "strong"}


def simple_blocks(source: str, typographic: bool) -> tuple[Block, ...] | None:
    """The blocks of `source` when it holds no markup but emphasis and simple lists, else None."""
    text = source.strip("\n")
    if not text or "\n\n\n" in text or _MARKUP.search(text) or (typographic and _QUOTES.search(text)):
        return None  # an empty line inside a paragraph, or a character of markup
    blocks: list[Block] = []
    for chunk in text.split("\n\n"):
        lines = chunk.split("\n")
        block = _simple_list(lines) if _ITEM.match(lines[0]) else _simple_paragraph(lines)
        if block is None:
            return None
        if isinstance(block, ListBlock) and blocks and isinstance(blocks[-1], ListBlock) \
                and blocks[-1].ordered == block.ordered:  # one list, its items a blank line apart
            previous = blocks.pop()
            block = ListBlock(block.ordered, previous.start, previous.items + block.items)
        blocks.append(block)
    return tuple(blocks)


def _simple_paragraph(lines: list[str]) -> Paragraph | None:
    text = "\n".join(lines)
    if not all(map(_simple_line, lines)) or "*" in text and not _emphasis_only(text):
        return None
    return Paragraph(tuple(_paragraph_spans(text)))


def _simple_list(lines: list[str]) -> ListBlock | None:
    """A list whose every item is one paragraph: its first line after the marker, the lines up to
    the next marker (spaces before them dropped) its own."""
    first = _ITEM.match(lines[0])
    ordered = first.group(2) is not None
    items: list[list[str]] = []
    for line in lines:
        marker = _ITEM.match(line)
        if marker is not None and (marker.group(2) is not None) == ordered:
            items.append([line[marker.end():]])
        else:
            items[-1].append(line.lstrip(" "))
    paragraphs = [_simple_paragraph(item) for item in items]
    if None in paragraphs:
        return None
    return ListBlock(ordered, int(first.group(2)) if ordered else 1, tuple((p,) for p in paragraphs))


def _simple_line(line: str) -> bool:
    """A line of a paragraph that markdown-it can only read as its text (and emphasis)."""
    return not (not line or line[0] in "-#" or line[0].isspace() or line[-1].isspace() or _ORDERED.match(line))


def _emphasis_only(text: str) -> bool:
    """Whether the stars of a paragraph mark `*words*` or `**words**` (the one may hold the other),
    each run of stars one that can only open or only close, so markdown-it pairs them as written."""
    parts = _STARS.split(text)  # text, stars, text, …, stars, text
    opened: list[str] = []
    for n in range(1, len(parts), 2):
        stars, role = parts[n], _role(parts, n)
        if stars not in _EMPHASIS or role is None:
            return False
        if role == "open" and stars not in opened:
            opened.append(stars)
        elif role == "open" or not opened or opened.pop() != stars:
            return False
    return not opened


def _role(parts: list[str], n: int) -> str | None:
    """"open" or "close" when the stars at `parts[n]` can only open or only close emphasis, else None."""
    before = parts[n - 1][-1:] or "\n"  # the paragraph's start and end count as line breaks
    after = parts[n + 1][:1] or "\n"
    opens = before in _BEFORE_OPENING and not after.isspace() and (after.isalnum() or before in " \n")
    closes = after in _AFTER_CLOSING and not before.isspace() and (before.isalnum() or after in " \n")
    return None if opens == closes else "open" if opens else "close"


def _paragraph_spans(text: str) -> list[Span]:
    """A paragraph's text and emphasis; a line break is a space. Outside strong emphasis markdown-it
    leaves a text, empty when nothing is written there (what its stars were), so the spans keep one."""
    parts = _STARS.split(text)  # as _emphasis_only reads them
    levels: list[list[Span]] = [[]]  # the paragraph's spans, then those of each emphasis open
    for n, part in enumerate(parts):
        if n % 2 == 0:
            strong_ends = n > 0 and parts[n - 1] == "**" and _role(parts, n - 1) == "close"
            strong_starts = n + 1 < len(parts) and parts[n + 1] == "**" and _role(parts, n + 1) == "open"
            levels[-1] += _text_spans(part, strong_ends, strong_starts)
        elif _role(parts, n) == "open":
            levels.append([])
        else:
            children = levels.pop()
            levels[-1].append(Span(_EMPHASIS[part], children=tuple(children)))
    return levels[0]


def _text_spans(text: str, strong_before: bool, strong_after: bool) -> list[Span]:
    lines = text.split("\n")
    spans = []
    for k, line in enumerate(lines):
        if k:
            spans.append(Span("text", " "))
        if line or k == 0 and strong_before or k == len(lines) - 1 and strong_after:
            spans.append(Span("text", line))
    return spans


@lru_cache(maxsize=4096)
def parse(source: str, typographic: bool = False) -> Document:
    """Parse curriculum text; `typographic` turns straight quotes into curly ones (for print).
    Cached because the same stem is written by many renderers."""
    blocks = simple_blocks(source, typographic)
    if blocks is not None:
        return Document(blocks, ())
    return parse_markdown(source, typographic)


# How a block quote's or a list item's marker opens a line (after at most three spaces), with the
# space after it; and how a heading or a code fence opens one.
_MARKER = re.compile(r"(?:>|(?:[-+*]|\d{1,9}[.)])(?= |$)) ?")
_HEADING_OR_FENCE = re.compile(r"#{1,6}(?: |$)|```|~~~")
_RULE_OR_UNDERLINE = frozenset("-*_= ")  # what a thematic break or a setext heading's underline is made of
# A line that opens (after at most three spaces) with a space, or with what a marker, a heading, a
# fence, a rule or an underline opens with: only such lines are read marker by marker.
_LINE_TO_READ = re.compile(r"^ {0,3}(?:[^\S\n]|[-*_=#`~>+0-9])", re.M)


def unsupported(source: str) -> tuple[Unsupported, ...]:
    """`parse(source).unsupported`, without parsing a text whose lines cannot hold anything
    outside the subset (most texts): the T1 check (`latsar check`) asks only this."""
    return parse(source).unsupported if _may_hold_unsupported(source) else ()


def _may_hold_unsupported(source: str) -> bool:
    """False when no block of `source` can be a heading, code, a fence or a rule, and no span an
    image. Each line is read as markdown-it reads it, marker by marker (quote, list item), each
    after at most three spaces: four spaces are code, and a line made of `-*_=` and spaces may be a
    rule or a heading's underline. Tabs and carriage returns (which change how lines are read) count
    as may."""
    if "![" in source or any(c in source for c in "\t\r\x0b\x0c"):
        return True
    if _LINE_TO_READ.search(source) is None:
        return False
    for line in source.split("\n"):
        text = line
        while body := text.lstrip(" "):
            if len(text) - len(body) > 3 or body[0].isspace() or _HEADING_OR_FENCE.match(body) \
                    or set(body) <= _RULE_OR_UNDERLINE:
                return True
            marker = _MARKER.match(body)
            if marker is None:
                break
            text = body[marker.end():]
    return False


# markdown-it's token opening each kind of block that one line of plain text runs together.
_OPENERS: dict[str, type] = {"table_open": Table, "bullet_list_open": ListBlock, "ordered_list_open": ListBlock,
                             "blockquote_open": BlockQuote}


def block_lines(source: str) -> dict[type, int]:
    """The line (1-based) where the first Table, ListBlock and BlockQuote of `source` opens (for
    a message pointing at one: the blocks keep no lines)."""
    lines: dict[type, int] = {}
    for token in _parser(False).parse(source):
        kind = _OPENERS.get(token.type)
        if kind is not None and token.map:
            lines.setdefault(kind, token.map[0] + 1)
    return lines


def parse_markdown(source: str, typographic: bool = False) -> Document:
    """`parse` by markdown-it, whatever the text."""
    from markdown_it.tree import SyntaxTreeNode

    root = SyntaxTreeNode(_parser(typographic).parse(source))
    unsupported: list[Unsupported] = []
    blocks = tuple(_blocks(root.children, unsupported))
    return Document(blocks, tuple(unsupported))


def _line(node: SyntaxTreeNode) -> int:
    return (node.map[0] + 1) if node.map else 1


def _blocks(nodes, unsupported: list[Unsupported]):
    for node in nodes:
        kind = node.type
        if kind == "paragraph":
            yield Paragraph(_inline(node.children[0], unsupported, _line(node)))
        elif kind in ("bullet_list", "ordered_list"):
            start = int(node.attrs.get("start", 1)) if kind == "ordered_list" else 1
            items = tuple(tuple(_blocks(li.children, unsupported)) for li in node.children)
            yield ListBlock(kind == "ordered_list", start, items)
        elif kind == "blockquote":
            yield BlockQuote(tuple(_blocks(node.children, unsupported)))
        elif kind == "table":
            yield _table(node, unsupported)
        else:
            unsupported.append(Unsupported(_UNSUPPORTED_BLOCKS.get(kind, kind), _line(node), kind))


def _table(node: SyntaxTreeNode, unsupported: list[Unsupported]) -> Table:
    header: tuple = ()
    rows: list = []
    for part in node.children:
        for tr in part.children:
            cells = tuple(_inline(td.children[0], unsupported, _line(tr)) if td.children else ()
                          for td in tr.children)
            if part.type == "thead":
                header = cells
            else:
                rows.append(cells)
    return Table(header, tuple(rows))


def _inline(node: SyntaxTreeNode, unsupported: list[Unsupported], line: int) -> tuple[Span, ...]:
    return tuple(_spans(node.children, unsupported, line))


def _spans(nodes, unsupported: list[Unsupported], line: int):
    for node in nodes:
        kind = node.type
        if kind == "text":
            yield Span("text", node.content)
        elif kind in ("softbreak",):
            yield Span("text", " ")
        elif kind == "hardbreak":
            yield Span("br")
        elif kind == "code_inline":
            yield Span("code", node.content)
        elif kind in _SPAN_KINDS:
            yield Span(_SPAN_KINDS[kind], children=tuple(_spans(node.children, unsupported, line)))
        elif kind == "link":
            # Links keep their words; printed handouts have nowhere to click.
            yield from _spans(node.children, unsupported, line)
        else:
            unsupported.append(Unsupported(kind, line, kind))


def plain_spans(spans: tuple[Span, ...]) -> str:
    return "".join(s.text if s.kind in ("text", "code") else ("\n" if s.kind == "br" else plain_spans(s.children))
                   for s in spans)


@lru_cache(maxsize=4096)
def plain_text(source: str) -> str:
    """The words of a text without markup, blocks separated by blank lines (for CSV, Aiken, lint).
    Cached like `parse`: the lint rules read each item's words several times."""
    return "\n\n".join(_plain_block(b) for b in parse(source).blocks)


def _plain_block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return plain_spans(block.spans)
    if isinstance(block, ListBlock):
        lines = []
        for n, item in enumerate(block.items, start=block.start):
            marker = f"{n}." if block.ordered else "-"
            lines.append(f"{marker} " + " ".join(_plain_block(b) for b in item))
        return "\n".join(lines)
    if isinstance(block, BlockQuote):
        return "\n\n".join(_plain_block(b) for b in block.blocks)
    rows = [block.header, *block.rows]
    return "\n".join(" | ".join(plain_spans(c) for c in row) for row in rows)
