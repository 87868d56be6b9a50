"""What every importer produces: the items a foreign bank holds, as plain data, and the problems
it found on the way (each at its place in the source file)."""

from __future__ import annotations

from dataclasses import dataclass, field

from latsar.errors import Diagnostic, Location
from latsar.messages import t

# Tags latsar's own exports write for fields an LMS has no place for; an import reads them back.
FIELD_TAGS: tuple[str, ...] = ("level", "objective", "difficulty")


@dataclass
class ImportedOption:
    text: str  # Markdown
    correct: bool
    reason: str | None = None  # Markdown: the option's feedback, when the source has one
    live_text: str | None = None  # the option's short form for live quizzes (latsar's template only)


@dataclass
class ImportedItem:
    """One multiple-choice item as the source gives it; None where the source says nothing."""

    where: Location
    stem: str  # Markdown
    options: list[ImportedOption]
    name: str | None = None  # the source's id, name or title
    explanation: str | None = None  # Markdown: general feedback, pembahasan
    objective: str | None = None
    level: str | None = None
    difficulty: str | None = None
    indicator: str | None = None
    live_stem: str | None = None  # the stem's short form for live quizzes (latsar's template only)
    tags: list[str] = field(default_factory=list)
    pin_options: bool = False

    def take_field_tags(self) -> None:
        """`level:C2`, `objective:wog-1`, `difficulty:sedang` tags fill the fields they name."""
        kept = []
        for tag in self.tags:
            name, _, value = tag.partition(":")
            if name in FIELD_TAGS and value and getattr(self, name) is None:
                setattr(self, name, value)
            elif name not in FIELD_TAGS:
                kept.append(tag)
        self.tags = kept


@dataclass
class Imported:
    """A source file read: its items and every problem, all of them (nothing stops at the first)."""

    items: list[ImportedItem] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def problem(self, where: Location, message: str, hint: str = "") -> None:
        self.problems.append(Diagnostic(where, message, hint))


def decoded(display: str, data: bytes, found: Imported) -> str | None:
    """The file as UTF-8 text, or None with the place of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        found.problem(Location(display, line, column), t("not UTF-8 text (byte 0x{byte:02X})", byte=data[exc.start]),
                      t("save the file as UTF-8 (in Notepad: Save as › Encoding UTF-8)"))
        return None
