"""Foreign text into latsar's Markdown subset: HTML (Moodle XML, GIFT `[html]`) and plain text.

HTML is read with the standard library's HTML parser into latsar's own Markdown tree (paragraphs,
bold, italic, code, line breaks, lists, block quotes, tables; any other element keeps its words),
then written as Markdown. The writer escapes as little as it can, then proves the result: the
Markdown is parsed back and must give the same tree, else every punctuation mark of the text is
escaped (CommonMark allows a backslash before any of them). So an imported text always means
exactly what the source said, and usually reads as a person would write it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Iterable

from latsar.text.markdown import Block, BlockQuote, ListBlock, Paragraph, Span, Table, parse

_LIGHT = re.compile(r"([\\`*_\[\]])")
_FULL = re.compile(r"([!-/:-@\[-`{-~])")
_INLINE = {"strong": "strong", "b": "strong", "em": "em", "i": "em"}


# --------------------------------------------------------------------------- HTML → tree


class _Reader(HTMLParser):
    """Builds Markdown blocks from an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = [{"kind": "root", "blocks": [], "spans": None}]
        self.marks: list[list[Span]] = []  # open inline elements' children
        self.inline_kinds: list[str] = []

    # ------------------------------------------------------------- helpers

    @property
    def top(self) -> dict:
        return self.stack[-1]

    def _spans(self) -> list[Span]:
        """Where inline content goes now: an open inline element, else the current paragraph."""
        if self.marks:
            return self.marks[-1]
        if self.top["spans"] is None:
            self.top["spans"] = []
        return self.top["spans"]

    def _flush(self) -> None:
        """Close the paragraph being filled (text outside <p> makes one too)."""
        while self.marks:
            self._close_inline()
        spans = self.top["spans"]
        if spans is not None:
            self.top["spans"] = None
            if _has_words(spans):
                self.top["blocks"].append(Paragraph(tuple(_trim(spans))))

    def _close_inline(self) -> None:
        children = self.marks.pop()
        kind = self.inline_kinds.pop()
        self._spans().append(Span(kind, children=tuple(children)) if kind != "code" else
                             Span("code", "".join(s.text for s in _flat(children))))

    # ------------------------------------------------------------- events

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _INLINE or tag == "code":
            self.marks.append([])
            self.inline_kinds.append(_INLINE.get(tag, "code"))
        elif tag == "br":
            self._spans().append(Span("br"))
        elif tag in ("p", "div"):
            self._flush()
        elif tag in ("ul", "ol", "blockquote", "li", "table", "tr", "th", "td"):
            self._flush()
            start = dict(attrs).get("start") or "1"
            self.stack.append({"kind": tag, "blocks": [], "spans": None, "items": [], "rows": [],
                               "start": int(start) if start.isdigit() else 1})

    def handle_endtag(self, tag: str) -> None:
        if (tag in _INLINE or tag == "code") and self.inline_kinds:
            self._close_inline()
        elif tag in ("p", "div"):
            self._flush()
        elif tag in ("ul", "ol", "blockquote", "li", "table", "tr", "th", "td"):
            self._close_block(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag == "br":
            self._spans().append(Span("br"))

    def handle_data(self, data: str) -> None:
        if not data.strip() and self.top["kind"] in ("ul", "ol", "table", "tr") and not self.marks:
            return  # whitespace between structural elements
        self._spans().append(Span("text", " ".join(data.split("\n")) if "\n" in data else data))

    def _close_block(self, tag: str) -> None:
        if not any(frame["kind"] == tag for frame in self.stack[1:]):
            return  # a stray end tag
        self._flush()
        while self.top["kind"] != tag:
            self._close_block(self.top["kind"])
        frame = self.stack.pop()
        parent = self.top
        if tag == "li":
            parent.setdefault("items", []).append(tuple(frame["blocks"]))
        elif tag in ("ul", "ol"):
            parent["blocks"].append(ListBlock(tag == "ol", frame["start"] if tag == "ol" else 1, tuple(frame["items"])))
        elif tag == "blockquote":
            parent["blocks"].append(BlockQuote(tuple(frame["blocks"])))
        elif tag in ("th", "td"):
            cell = tuple(s for b in frame["blocks"] if isinstance(b, Paragraph) for s in b.spans)
            parent["rows"].append((tag == "th", cell))
        elif tag == "tr":  # thead and tbody are not frames: a row's parent is its table
            parent.setdefault("table_rows", []).append(frame["rows"])
        elif tag == "table":
            rows = frame.get("table_rows", [])
            header = tuple(cell for _, cell in rows[0]) if rows and all(h for h, _ in rows[0]) else ()
            body = rows[1:] if header else rows
            parent["blocks"].append(Table(header, tuple(tuple(cell for _, cell in row) for row in body)))

    def blocks(self) -> tuple[Block, ...]:
        self.close()
        while len(self.stack) > 1:
            self._close_block(self.top["kind"])
        self._flush()
        return tuple(self.stack[0]["blocks"])


def _flat(spans: Iterable[Span]) -> Iterable[Span]:
    for span in spans:
        yield span
        yield from _flat(span.children)


def _has_words(spans: list[Span]) -> bool:
    return any(s.kind == "br" or s.text.strip() or _has_words(list(s.children)) for s in spans)


def _trim(spans: list[Span]) -> list[Span]:
    """Drop the whitespace HTML allows around a paragraph's content."""
    spans = list(spans)
    if spans and spans[0].kind == "text":
        spans[0] = Span("text", spans[0].text.lstrip())
    if spans and spans[-1].kind == "text":
        spans[-1] = Span("text", spans[-1].text.rstrip())
    return [s for s in spans if not (s.kind == "text" and not s.text)]


def html_blocks(source: str) -> tuple[Block, ...]:
    reader = _Reader()
    reader.feed(source)
    return reader.blocks()


# --------------------------------------------------------------------------- tree → Markdown


def html_to_markdown(source: str) -> str:
    """Markdown that means what the HTML fragment says."""
    return blocks_to_markdown(html_blocks(source))


def text_to_markdown(text: str) -> str:
    """Markdown whose words are exactly `text` (plain text: Aiken, GIFT without a format, cells)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    blocks = tuple(Paragraph(_line_spans(p)) for p in paragraphs)
    return blocks_to_markdown(blocks)


def _line_spans(paragraph: str) -> tuple[Span, ...]:
    lines = [line.strip() for line in paragraph.split("\n")]
    spans: list[Span] = []
    for index, line in enumerate(lines):
        if index:
            spans.append(Span("br"))
        spans.append(Span("text", line))
    return tuple(s for s in spans if s.kind == "br" or s.text)


def blocks_to_markdown(blocks: tuple[Block, ...]) -> str:
    for escape in (_LIGHT, _FULL):
        text = "\n\n".join(_block(b, escape) for b in blocks)
        if same_meaning(text, blocks):
            return text
    raise ValueError(f"cannot write as Markdown exactly: {blocks!r}")


def same_meaning(markdown: str, blocks: tuple[Block, ...]) -> bool:
    """Whether `markdown` parses to `blocks` (adjacent text runs joined, as a reader sees them)."""
    return normal(parse(markdown).blocks) == normal(blocks)


def normal(blocks: Iterable[Block]) -> tuple:
    out = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(("p", _normal_spans(block.spans)))
        elif isinstance(block, ListBlock):
            out.append(("list", block.ordered, block.start, tuple(normal(item) for item in block.items)))
        elif isinstance(block, BlockQuote):
            out.append(("quote", normal(block.blocks)))
        else:
            out.append(("table", tuple(_normal_spans(c) for c in block.header),
                        tuple(tuple(_normal_spans(c) for c in row) for row in block.rows)))
    return tuple(out)


def _normal_spans(spans: Iterable[Span]) -> tuple:
    out: list = []
    for span in spans:
        if span.kind == "text":
            if out and out[-1][0] == "text":
                out[-1] = ("text", out[-1][1] + span.text)
            elif span.text:
                out.append(("text", span.text))
        elif span.kind in ("strong", "em"):
            out.append((span.kind, _normal_spans(span.children)))
        else:
            out.append((span.kind, span.text))
    return tuple(out)


def _block(block: Block, escape: re.Pattern, indent: str = "") -> str:
    if isinstance(block, Paragraph):
        return _inline(block.spans, escape).replace("\n", "\n" + indent)
    if isinstance(block, ListBlock):
        lines = []
        for number, item in enumerate(block.items, start=block.start):
            marker = f"{number}. " if block.ordered else "- "
            inner = indent + " " * len(marker)
            body = "\n\n".join(_block(b, escape, inner) for b in item).replace("\n", "\n" + " " * len(marker))
            lines.append(marker + body)
        return ("\n" + indent).join(lines)
    if isinstance(block, BlockQuote):
        body = "\n\n".join(_block(b, escape) for b in block.blocks)
        return "\n".join(f"> {line}" if line else ">" for line in body.split("\n"))
    header = "| " + " | ".join(_cell(c, escape) for c in block.header) + " |"
    rule = "|" + "|".join("---" for _ in block.header) + "|"
    rows = ["| " + " | ".join(_cell(c, escape) for c in row) + " |" for row in block.rows]
    return "\n".join([header, rule, *rows])


def _cell(spans: tuple[Span, ...], escape: re.Pattern) -> str:
    return _inline(spans, escape).replace("|", "\\|")


def _inline(spans: tuple[Span, ...], escape: re.Pattern) -> str:
    out = []
    for span in spans:
        if span.kind == "text":
            out.append(escape.sub(r"\\\1", span.text))
        elif span.kind == "br":
            out.append("\\\n")
        elif span.kind == "code":
            ticks = "`" * (max((len(run) for run in re.findall("`+", span.text)), default=0) + 1)
            pad = " " if span.text.startswith("`") or span.text.endswith("`") else ""
            out.append(f"{ticks}{pad}{span.text}{pad}{ticks}")
        else:
            mark = "**" if span.kind == "strong" else "*"
            out.append(f"{mark}{_inline(span.children, escape)}{mark}")
    return "".join(out)
