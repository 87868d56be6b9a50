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
    """A construct outside the subset, with its line (1-based) inside the text."""

    construct: str
    line: int


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


# Text in which Markdown can see no markup but emphasis: paragraphs (one blank line apart) of lines
# without any character that starts or ends a construct, none beginning with a list's marker, a
# hash or a space (a list, a heading, a code block) nor ending in a space (a line break), whose
# stars (if any) pair as `*words*` or `**words**` (see `_emphasis_only`). Most options and stems,
# and much prose, are such text; markdown-it would make of it the same paragraphs (a test compares
# both on every bundled text and on generated ones), at many times the cost. `!` makes an image
# only before `[`, `#` a heading only at a line's start: alone they are text.
_MARKUP = re.compile(r"[\x00-\x09\x0b-\x1f\x7f\\`_\[\]<>&|~=+{}]")  # line feeds apart: they make the lines
_QUOTES = re.compile("[\"']")  # curled when typographic
_ORDERED = re.compile(r"\d{1,9}[.)](?:\s|$)")  # how an ordered list's item begins
_STARS = re.compile(r"(\*+)")
# Around a pair of stars, what makes the first only open and the second only close emphasis
# (CommonMark's flanking rules): before the first a space or "(" (or the line's start), after the
# second a space or one of these marks (or the line's end), and a letter or digit inside each.
_BEFORE_OPENING = frozenset(" (")
_AFTER_CLOSING = frozenset(" .,;:?!)")
_EMPHASIS = {"*": "em", "**": "strong"}


def plain_paragraphs(source: str, typographic: bool) -> list[list[str]] | None:
    """The lines of each paragraph of `source` when it holds no markup but emphasis, else None."""
    text = source.strip("\n")
    if not text or "\n\n\n" in text or _MARKUP.search(text) or (typographic and _QUOTES.search(text)):
        return None  # an empty line inside a paragraph, or a character of markup
    paragraphs = [paragraph.split("\n") for paragraph in text.split("\n\n")]
    for lines in paragraphs:
        for line in lines:  # what regular expressions call \s, as str.isspace
            if line[0] in "-#" or line[0].isspace() or line[-1].isspace() or _ORDERED.match(line):
                return None  # a list, a heading, a code block or a line break
            if "*" in line and not _emphasis_only(line):
                return None
    return paragraphs


def _emphasis_only(line: str) -> bool:
    """Whether the stars of `line` pair as `*words*` or `**words**`, each pair emphasis and nothing
    else: its first stars can only open, its second only close, so markdown-it pairs them as written."""
    parts = _STARS.split(line)  # text, stars, text, stars, …, text: the text inside a pair at 2, 6, 10, …
    if len(parts) % 4 != 1:
        return False
    for n in range(2, len(parts), 4):
        opening, inside, closing = parts[n - 1], parts[n], parts[n + 1]
        before, after = parts[n - 2], parts[n + 2]
        if opening != closing or opening not in _EMPHASIS or not (inside[0].isalnum() and inside[-1].isalnum()):
            return False
        if (before[-1] not in _BEFORE_OPENING) if before else n > 2:
            return False
        if (after[0] not in _AFTER_CLOSING) if after else n + 3 < len(parts):
            return False
    return True


def _paragraph(lines: list[str]) -> Paragraph:
    spans = _line_spans(lines[0])
    for line in lines[1:]:
        spans += [Span("text", " "), *_line_spans(line)]  # a line break inside a paragraph is a space
    return Paragraph(tuple(spans))


def _line_spans(line: str) -> list[Span]:
    """A line's text and emphasis. Beside strong emphasis markdown-it leaves a text, empty when
    nothing is written there (what its stars were), so the spans keep one too."""
    if "*" not in line:
        return [Span("text", line)]
    parts = _STARS.split(line)  # as _emphasis_only reads them
    spans = []
    for n in range(0, len(parts), 4):  # the text before each pair, and after the last
        stars_beside = (parts[n - 1] if n else "", parts[n + 1] if n + 1 < len(parts) else "")
        if parts[n] or "**" in stars_beside:
            spans.append(Span("text", parts[n]))
        if n + 2 < len(parts):
            spans.append(Span(_EMPHASIS[parts[n + 1]], children=(Span("text", parts[n + 2]),)))
    return spans


@lru_cache(maxsize=4096)
def parse(source: str, typographic: bool = False) -> Document:
    """Parse curriculum text; `typographic` turns straight quotes into curly ones (for print).
    Cached because the same stem is written by many renderers."""
    paragraphs = plain_paragraphs(source, typographic)
    if paragraphs is not None:
        return Document(tuple(map(_paragraph, paragraphs)), ())
    return parse_markdown(source, typographic)


# How a block quote's or a list item's marker opens a line (after at most three spaces), with the
# space after it; and how a heading or a code fence opens one.
_MARKER = re.compile(r"(?:>|(?:[-+*]|\d{1,9}[.)])(?= |$)) ?")
_HEADING_OR_FENCE = re.compile(r"#{1,6}(?: |$)|```|~~~")
_RULE_OR_UNDERLINE = frozenset("-*_= ")  # what a thematic break or a setext heading's underline is made of


def unsupported(source: str) -> tuple[Unsupported, ...]:
    """`parse(source).unsupported`, without parsing a text whose lines cannot hold anything
    outside the subset: a text that is only checked (`latsar check`) need not load markdown-it."""
    if plain_paragraphs(source, False) is None and _may_hold_unsupported(source):
        return parse(source).unsupported
    return ()


def _may_hold_unsupported(source: str) -> bool:
    """False when no block of `source` can be a heading, code, a fence or a rule, and no span an
    image. Each line is read as markdown-it reads it, marker by marker (quote, list item), each
    after at most three spaces: four spaces are code, and a line made of `-*_=` and spaces may be a
    rule or a heading's underline. Tabs and carriage returns (which change how lines are read) count
    as may."""
    if "![" in source or any(c in source for c in "\t\r\x0b\x0c"):
        return True
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
            unsupported.append(Unsupported(_UNSUPPORTED_BLOCKS.get(kind, kind), _line(node)))


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
            unsupported.append(Unsupported("image" if kind == "image" else kind, line))


def plain_spans(spans: tuple[Span, ...]) -> str:
    return "".join(s.text if s.kind in ("text", "code") else ("\n" if s.kind == "br" else plain_spans(s.children))
                   for s in spans)


def plain_text(source: str) -> str:
    """The words of a text without markup, blocks separated by blank lines (for CSV, Aiken, lint)."""
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
