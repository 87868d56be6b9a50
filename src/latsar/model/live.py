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
from latsar.model.phrases import emphasis_lost_in_plain_text
from latsar.model.schema import Item, Option
from latsar.source.yamlfile import SourceDoc
from latsar.text.markdown import BlockQuote, ListBlock, Table, parse, plain_text

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
    kinds = {type(block) for block in parse(markdown).blocks}
    return [name for kind, name in LAYOUTS.items() if kind in kinds]


def not_plain(markdown: str) -> list[str]:
    """What of `markdown` the game's one line of plain text cannot show: a table, list or block quote
    (run together), a heading, code or an image (left out)."""
    left_out = [LEFT_OUT.get(construct.kind, construct.kind) for construct in parse(markdown).unsupported]
    return list(dict.fromkeys(lost_layouts(markdown) + left_out))


def short_form_errors(doc: SourceDoc, base: tuple, item: Item) -> Iterator[Diagnostic]:
    """G2: a short form written for the game that the game still cannot take: too long, or more
    than one line of plain text."""
    yield from _too_long(doc, base, item)
    for path, text, field in _short_forms(item):
        yield from _not_plain_text(doc.locate(base + path), item.id, text, field)


def _short_forms(item: Item) -> Iterator[tuple[tuple, str, str]]:
    """Each short form the item has: its YAML path, its text, and how a message names it."""
    if item.live_stem is not None:
        yield ("live_stem",), item.live_stem, "`live_stem`"
    for n, option in enumerate(item.options):
        if option.live_text is not None:
            yield ("options", n, "live_text"), option.live_text, t("option {n}'s `live_text`", n=n + 1)


def _not_plain_text(where: Location, item_id: str, text: str, field: str) -> Iterator[Diagnostic]:
    for structure in not_plain(text):
        yield Diagnostic(where, t("[G2] item '{id}': {field} is not plain text: Kahoot cannot show its {structure}",
                                  id=item_id, field=field, structure=t(structure)),
                         t("write it as one line of plain text, the only text Kahoot shows"))
    for word in emphasis_lost_in_plain_text(text):
        yield Diagnostic(where, t("[G2] item '{id}': {field} emphasises '{word}' in bold or italics only, which "
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
