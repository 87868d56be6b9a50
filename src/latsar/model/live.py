"""An item as a live quiz game (Kahoot) shows it: one line of plain text, within the game's limits.

Kahoot takes a question of at most 120 characters and at most 4 answers of at most 75 (its
spreadsheet template's column heads say so; R/exams' `exams2kahoot` enforces the same), all as one
line of plain text, and our stems are mostly longer. An item may therefore carry a short form, `live_stem:` beside its `stem:` and
`live_text:` beside an option's `text:`, which only the live game shows; printed quizzes and the
other exports keep the full text. Here: the limits, the text the game shows, and the errors for a
short form that is itself too long or more than plain text (G2), and what the game's one line of
plain text loses of an item's layout; the lint that names the items the game would leave out or show changed (G1) is
`lint.left_out_of_kahoot`. Which option is the key never changes: a short
text belongs to its option.
"""

from __future__ import annotations

from typing import Iterator

from latsar.errors import Diagnostic, Location
from latsar.messages import N_, t
from latsar.model.phrases import emphasis_lost_in_plain_text, has_phrase
from latsar.model.schema import Item, Option
from latsar.source.yamlfile import SourceDoc
from latsar.text.markdown import BlockQuote, ListBlock, Table, block_lines, parse, plain_text

STEM_CHARS = 120
OPTION_CHARS = 75
ANSWERS = 4
# Blocks whose layout one line of plain text runs together (a paragraph break only becomes a space).
LAYOUTS: dict[type, str] = {Table: N_("table"), ListBlock: N_("list"), BlockQuote: N_("block quote")}
# What one line of plain text leaves out (markdown-it's names; T1 warns of them in any text).
LEFT_OUT: dict[str, str] = {"heading": N_("heading"), "code_block": N_("code block"), "fence": N_("code block"),
                            "hr": N_("horizontal rule"), "image": N_("image")}


def one_line(markdown: str) -> str:
    """Plain text with every run of whitespace (line breaks too) folded to one space."""
    return " ".join(plain_text(markdown).split())


def live_stem(item: Item) -> str:
    """The question as the game shows it: the short form when written, else the stem."""
    return one_line(item.live_stem or item.stem)


def live_text(option: Option) -> str:
    """An answer as the game shows it: the short form when written, else the option's text."""
    return one_line(option.live_text or option.text)


def lost_layouts(markdown: str) -> list[str]:
    """The kinds of block (table, list, block quote) in `markdown` that the game runs into one line."""
    return [LAYOUTS[kind] for kind in _lost_kinds(markdown)]


def _lost_kinds(markdown: str) -> list[type]:
    kinds = {type(block) for block in parse(markdown).blocks}
    return [kind for kind in LAYOUTS if kind in kinds]


def not_plain(markdown: str) -> list[str]:
    """What of `markdown` the game's one line of plain text cannot show: a table, list or block quote
    (run together), a heading, code or an image (left out)."""
    return list(not_plain_lines(markdown))


def not_plain_lines(markdown: str) -> dict[str, int]:
    """`not_plain`, each with the line (1-based) of `markdown` where it first stands."""
    kinds = _lost_kinds(markdown)
    opened = block_lines(markdown) if kinds else {}
    found = {LAYOUTS[kind]: opened.get(kind, 1) for kind in kinds}
    for construct in parse(markdown).unsupported:
        found.setdefault(LEFT_OUT.get(construct.kind, construct.kind), construct.line)
    return found


def emphasis_line(markdown: str, word: str) -> int:
    """The first line (1-based) of `markdown` holding `word` beside an emphasis mark, else holding it."""
    lines = markdown.split("\n")
    holding = [number for number, line in enumerate(lines, start=1) if has_phrase(line, word)]
    marked = [number for number in holding if "*" in lines[number - 1] or "_" in lines[number - 1]]
    return (marked or holding or [1])[0]


def short_form_errors(doc: SourceDoc, base: tuple, item: Item) -> Iterator[Diagnostic]:
    """G2: a short form written for the game that the game still cannot take: too long, or more
    than one line of plain text."""
    yield from _too_long(doc, base, item)
    for path, text, field in _short_forms(item):
        yield from _not_plain_text(doc, doc.locate(base + path), item.id, text, field)


def _short_forms(item: Item) -> Iterator[tuple[tuple, str, str]]:
    """Each short form the item has: its YAML path, its text, and how a message names it."""
    if item.live_stem is not None:
        yield ("live_stem",), item.live_stem, "`live_stem`"
    for n, option in enumerate(item.options):
        if option.live_text is not None:
            yield ("options", n, "live_text"), option.live_text, t("option {n}'s `live_text`", n=n + 1)


def _not_plain_text(doc: SourceDoc, where: Location, item_id: str, text: str, field: str) -> Iterator[Diagnostic]:
    """Each located at the line it is on (inside a block scalar, not at its `|`)."""
    for structure, line in not_plain_lines(text).items():
        yield Diagnostic(doc.locate_line(where, text, line),
                         t("[G2] item '{id}': {field} is not plain text: Kahoot cannot show its {structure}",
                           id=item_id, field=field, structure=t(structure)),
                         t("write it as one line of plain text, the only text Kahoot shows"))
    for word in emphasis_lost_in_plain_text(text):
        yield Diagnostic(doc.locate_line(where, text, emphasis_line(text, word)),
                         t("[G2] item '{id}': {field} emphasises '{word}' in bold or italics only, which "
                           "Kahoot loses: it shows plain text", id=item_id, field=field, word=word),
                         t("write it in capitals ({capitals}), which Kahoot keeps", capitals=word.upper()))


def _too_long(doc: SourceDoc, base: tuple, item: Item) -> Iterator[Diagnostic]:
    if item.live_stem is not None and len(stem := one_line(item.live_stem)) > STEM_CHARS:
        yield Diagnostic(doc.locate(base + ("live_stem",)),
                         t("[G2] item '{id}': `live_stem` has {count} characters as Kahoot shows it, Kahoot takes "
                           "at most {most}", id=item.id, count=len(stem), most=STEM_CHARS),
                         t("shorten it further: the short form is what the live quiz shows in place of the stem"))
    for n, option in enumerate(item.options):
        if option.live_text is not None and len(text := one_line(option.live_text)) > OPTION_CHARS:
            yield Diagnostic(doc.locate(base + ("options", n, "live_text")),
                             t("[G2] item '{id}': option {n}'s `live_text` has {count} characters as Kahoot shows "
                               "it, Kahoot takes at most {most}", id=item.id, n=n + 1, count=len(text),
                               most=OPTION_CHARS),
                             t("shorten it further: the short form is what the live quiz shows in place of the "
                               "option"))
