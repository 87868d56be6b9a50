"""Text that would not print as written (T1, T2, T3): Markdown outside the supported subset,
characters the bundled fonts cannot draw, and invisible controls. Each is a located warning at
`latsar check` (and before every build), instead of a silent gap in the PDF or export.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from latsar.errors import Diagnostic, Location
from latsar.messages import t
from latsar.source.yamlfile import SourceDoc, texts
from latsar.text.glyphs import INVISIBLE, common_only, describe, undrawable
from latsar.text.markdown import unsupported

if TYPE_CHECKING:
    from latsar.model.load import Loaded

# Values that are not prose: identifiers, references, file names and seed quotations (the seed's
# own words, checked against the seed).
NOT_PROSE = frozenset({"id", "objective", "module", "seed", "file", "logo", "quote", "section", "level",
                       "difficulty", "rule", "seeds", "language", "font", "enemies", "exclude", "mode"})


def _at(doc: SourceDoc, path: tuple, text: str, line: int) -> Location:
    return doc.locate_line(doc.locate(path), text, line)


def check_text(doc: SourceDoc, path: tuple, text: str) -> Iterator[Diagnostic]:
    for found in unsupported(text):
        yield Diagnostic(_at(doc, path, text, found.line),
                         t("{construct} is outside the Markdown that latsar prints, so it would not appear in "
                           "the documents", construct=t(found.construct)),
                         t("write it as paragraphs, **bold**, *italic*, lists, block quotes or tables"),
                         severity="warning", rule="T1")
    if common_only(text):
        return
    characters = set(text)  # each distinct character once: texts are long, alphabets short
    missing = [c for c in undrawable(characters) if c not in INVISIBLE]
    if missing:
        line = text[:text.index(missing[0])].count("\n") + 1
        shown = ", ".join(describe(c) for c in missing[:3])
        shown += t(" and {count} more", count=len(missing) - 3) if len(missing) > 3 else ""
        yield Diagnostic(_at(doc, path, text, line),
                         t("the document fonts cannot draw {characters}; it would print as a blank or a box",
                           characters=shown),
                         t("write it with Latin letters, or leave it out"), severity="warning",
                         rule="T2")
    hidden = sorted(characters & INVISIBLE)
    if hidden:
        line = text[:text.index(hidden[0])].count("\n") + 1
        yield Diagnostic(_at(doc, path, text, line),
                         t("invisible character {character} in the text", character=describe(hidden[0])),
                         t("delete it (it comes with text pasted from web pages or PDFs)"), severity="warning",
                         rule="T3")


def run(loaded: "Loaded") -> list[Diagnostic]:
    docs = [loaded.programme[0]] + [doc for files in loaded.files.values() for doc, _ in files]
    return [problem for doc in docs for path, text in texts(doc.data, NOT_PROSE)
            for problem in check_text(doc, path, text)]
