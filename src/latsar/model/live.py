"""An item as a live quiz game (Kahoot) shows it: one line of plain text, within the game's limits.

Kahoot takes a question of at most 120 characters and at most 4 answers of at most 75 (its
spreadsheet template's column heads say so; R/exams' `exams2kahoot` enforces the same), all as one
line of plain text, and our stems are mostly longer. An item may therefore carry a short form, `live_stem:` beside its `stem:` and
`live_text:` beside an option's `text:`, which only the live game shows; printed quizzes and the
other exports keep the full text. Here: the limits, the text the game shows, and the errors for a
short form that is itself too long (G2), and what the game's one line of plain text loses of an
item's layout; the lint that names the items the game would leave out or show changed (G1) is
`lint.left_out_of_kahoot`. Which option is the key never changes: a short
text belongs to its option.
"""

from __future__ import annotations

from typing import Iterator

from latsar.errors import Diagnostic
from latsar.messages import N_, t
from latsar.model.schema import Item, Option
from latsar.source.yamlfile import SourceDoc
from latsar.text.markdown import BlockQuote, ListBlock, Table, parse, plain_text

STEM_CHARS = 120
OPTION_CHARS = 75
ANSWERS = 4
# Blocks whose layout one line of plain text runs together (a paragraph break only becomes a space).
LAYOUTS: dict[type, str] = {Table: N_("table"), ListBlock: N_("list"), BlockQuote: N_("block quote")}


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


def short_form_errors(doc: SourceDoc, base: tuple, item: Item) -> Iterator[Diagnostic]:
    """G2: a short form written for the game that the game still cannot take."""
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
