"""The booklet's cover block: title and version badge, identity fields, and the tinted petunjuk
box with its facts (time allowed, number of questions, version).

What it says is the same in every version but for the version code, the petunjuk that names it
and the facts. So the cover is laid out in tables once, its paragraphs standing in as Slots:
the tables' rules and tints are recorded with where each paragraph lands (CoverLayouts, see
latsar.render.pdf.quiz.replay), the paragraphs every version shares are recorded once, and a
version only sets its own few paragraphs where their slots are. A version whose paragraphs are
taller or shorter than those the layout was made with gets a layout of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from latsar.plan.quizdocs import Booklet
from latsar.render.pdf.markup import Writer, plain
from latsar.render.pdf.memo import LayoutMemo
from latsar.render.pdf.quiz.common import ItemBlock, para, quiz_styles
from latsar.render.pdf.quiz.replay import Drawn, Placed, Recorder, Replayed
from latsar.render.pdf.theme import Theme, table_commands

BADGE_WIDTH = 27 * mm


@dataclass(frozen=True)
class Shared:
    """The cover's paragraphs every version prints alike."""

    masthead: Sequence[Flowable]  # kicker, title, detail lines
    badge_label: Flowable
    labels: Sequence[Flowable]  # name, ID number, agency, date
    heading: Flowable


@dataclass(frozen=True)
class Own:
    """The cover's paragraphs of one version: its code, the petunjuk (paragraphs and spacers),
    the facts line."""

    code: Flowable
    petunjuk: Sequence[Flowable]
    facts: Flowable

    @property
    def parts(self) -> list[Flowable]:
        return [self.code, *self.petunjuk, self.facts]


def shared_paragraphs(theme: Theme, booklet: Booklet) -> Shared:
    styles, labels, terms = quiz_styles(theme), theme.labels, theme.foreign_terms
    masthead = [para(styles, labels["quiz_booklet"].upper(), "q-kicker"), para(styles, booklet.info.title, "q-title", terms)]
    masthead += [para(styles, line, "q-detail", terms) for line in booklet.details]
    names = [para(styles, labels[key], "q-label") for key in ("quiz_name", "quiz_id_number", "quiz_agency", "quiz_date")]
    return Shared(masthead, para(styles, labels["quiz_version"].upper(), "q-badge-label"), names,
                  para(styles, labels["quiz_instructions"], "q-heading"))


def own_paragraphs(booklet: Booklet, petunjuk: Writer) -> Own:
    facts = "\u2002·\u2002".join(f"<b>{escape(label)}:</b> {escape(value)}" for label, value in booklet.facts)
    return Own(petunjuk.paragraph(plain(booklet.version.code), "q-badge"),
               petunjuk.flowables(booklet.instructions, "q-small"), petunjuk.paragraph(facts, "q-small"))


class CoverBlock(ItemBlock):
    """The cover's tables stacked as one block (not a question)."""


def cover_block(theme: Theme, shared: Shared, own: Own, page_height: float) -> CoverBlock:
    parts = [_masthead(theme, shared, own), Spacer(1, 10), _identity(theme, shared), Spacer(1, 10),
             _instructions(theme, shared, own), Spacer(1, theme.leading)]
    return CoverBlock(parts, 0.0, page_height)


def _masthead(theme: Theme, shared: Shared, own: Own) -> Table:
    """Title and programme on the left; the version code in an accent badge on the right."""
    table = Table([[list(shared.masthead), [shared.badge_label, own.code]]],
                  colWidths=[theme.frame_width - BADGE_WIDTH, BADGE_WIDTH])
    table.setStyle(TableStyle(table_commands(
        theme, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (0, 0), 0), ("RIGHTPADDING", (0, 0), (0, 0), 10),
        ("BACKGROUND", (1, 0), (1, 0), theme.colour("accent")),
        ("TOPPADDING", (1, 0), (1, 0), 8), ("BOTTOMPADDING", (1, 0), (1, 0), 10),
        ("LINEBELOW", (0, 0), (0, 0), 1.5, theme.colour("accent")),
        ("BOTTOMPADDING", (0, 0), (0, 0), 8),
    )))
    return table


def _identity(theme: Theme, shared: Shared) -> Table:
    """Name, ID, agency and date, each with a line to write on."""
    name, number, agency, date = shared.labels
    labels, style, width = theme.labels, quiz_styles(theme)["q-label"], theme.frame_width

    def room(*keys: str) -> float:  # the longest label of a column, within reason
        longest = max(stringWidth(labels[k], style.fontName, style.fontSize) for k in keys)
        return min(longest + 10, width * 0.3)

    label_left, label_right = room("quiz_name", "quiz_agency"), room("quiz_id_number", "quiz_date")
    widths = [label_left, width * 0.5 - label_left - 8, label_right + 16, width * 0.5 - label_right - 8]
    table = Table([[name, "", number, ""], [agency, "", date, ""]], colWidths=widths, rowHeights=[24, 24],
                  hAlign="LEFT")
    table.setStyle(TableStyle(table_commands(
        theme, ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (2, 0), (2, -1), 16),
        ("LINEBELOW", (1, 0), (1, -1), 0.6, theme.colour("muted")),
        ("LINEBELOW", (3, 0), (3, -1), 0.6, theme.colour("muted")),
    )))
    return table


def _instructions(theme: Theme, shared: Shared, own: Own) -> Table:
    """A tinted box: the petunjuk, then its facts (time allowed, number of questions, …) on one line."""
    rows = [[shared.heading], *([f] for f in own.petunjuk), [own.facts]]
    table = Table(rows, colWidths=[theme.frame_width])
    table.setStyle(TableStyle(table_commands(
        theme, ("BACKGROUND", (0, 0), (-1, -1), theme.colour("tint")),
        ("LINEBEFORE", (0, 0), (0, -1), 3, theme.colour("accent")),
        ("LEFTPADDING", (0, 0), (-1, -1), 12), ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, 0), 8), ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
        ("TOPPADDING", (0, -1), (-1, -1), 4),
    )))
    return table


# --------------------------------------------------------------------------- laid out once


class Slot(Flowable):
    """Stands in a table for a paragraph set apart (recorded, or a version's own): measured as
    the paragraph, its drawing only notes the width it was given and where it lands, in the
    order the table draws (`drawn`, shared by the slots of one layout)."""

    def __init__(self, content: Flowable | Drawn, drawn: list[Slot]):
        super().__init__()
        self.content, self._drawn = content, drawn
        self.given, self.at = 0.0, (0.0, 0.0)

    def wrap(self, availWidth, availHeight):
        self.given = availWidth
        if isinstance(self.content, Drawn):
            self.width, self.height = availWidth, self.content.height
        else:
            self.width, self.height = self.content.wrap(availWidth, availHeight)
        return self.width, self.height

    def getSpaceBefore(self):
        content = self.content
        return content.space_before if isinstance(content, Drawn) else content.getSpaceBefore()

    def getSpaceAfter(self):
        content = self.content
        return content.space_after if isinstance(content, Drawn) else content.getSpaceAfter()

    def draw(self):
        self.at = tuple(self.canv._currentMatrix[4:])
        self._drawn.append(self)


class Cover(Replayed):
    """A version's cover: the recorded tables, the shared paragraphs and its own."""


@dataclass(frozen=True)
class Layout:
    chrome: Drawn  # the tables' rules and tints
    height: float
    places: tuple[tuple[int, float, float], ...]  # (index among shared + own, x, y), in drawing order


class CoverLayouts:
    """The cover's tables laid out and recorded once for the paragraph heights they hold; the
    shared paragraphs recorded once. Built before the recorder is sealed (`booklet` any version
    of the quiz: the shared paragraphs and the tables' widths are the same in all)."""

    def __init__(self, theme: Theme, booklet: Booklet, recorder: Recorder, page_height: float):
        self.theme, self.recorder, self.page_height = theme, recorder, page_height
        # parses a paragraph once for every version that prints it (most of the petunjuk's lines)
        self.petunjuk = Writer(theme, quiz_styles(theme), LayoutMemo(theme))
        self._own: dict[tuple, Drawn] = {}
        shared, own = shared_paragraphs(theme, booklet), own_paragraphs(booklet, self.petunjuk)
        given = self._measure(_flat(shared), own)
        self.shared = [recorder.record(p, width, page_height) for p, width in zip(_flat(shared), given)]
        self._widths = {len(own.parts): given[len(self.shared):]}  # own paragraphs' widths, by their count
        self._layouts: dict[tuple[float, ...], Layout] = {}

    def _slots(self, shared: Sequence[Flowable | Drawn], own: Own, drawn: list[Slot]) -> tuple[Shared, Own, list[Slot]]:
        """Slots for the shared paragraphs (in the order of _flat) and a version's own ones."""
        made = [Slot(content, drawn) for content in [*shared, *own.parts]]
        s, o = made[:len(shared)], made[len(shared):]
        masthead = len(s) - 6  # the badge label, four field labels and the heading follow it
        return (Shared(s[:masthead], s[masthead], s[masthead + 1:masthead + 5], s[masthead + 5]),
                Own(o[0], o[1:-1], o[-1]), made)

    def _measure(self, shared: Sequence[Flowable | Drawn], own: Own) -> list[float]:
        """The widths the tables give each paragraph (a table of fixed row heights gives them
        only as it draws: the layout is recorded and forgotten)."""
        shared_slots, own_slots, made = self._slots(shared, own, [])
        block = cover_block(self.theme, shared_slots, own_slots, self.page_height)
        self.recorder.record(block, self.theme.frame_width, self.page_height)
        return [slot.given for slot in made]

    def cover(self, booklet: Booklet) -> Cover:
        own = own_paragraphs(booklet, self.petunjuk)
        widths = self._widths.get(len(own.parts)) or self._own_widths(own)
        drawn = [self._own_drawn(part, width) for part, width in zip(own.parts, widths)]
        heights = tuple(d.height for d in drawn)
        layout = self._layouts.get(heights) or self._lay_out(own, heights)
        contents = [*self.shared, *drawn]
        placed = [Placed(0.0, 0.0, layout.chrome)]
        placed += [Placed(x, layout.height - y - contents[i].height, contents[i]) for i, x, y in layout.places]
        return Cover(placed, layout.height, 0.0)

    def _own_drawn(self, part: Flowable, width: float) -> Drawn:
        """A version's own paragraph recorded once for every version that prints it (drawn anew
        each time when the recorder has no code for one of its characters: see Recorder.record)."""
        if not isinstance(part, Paragraph):
            return Drawn(None, part.wrap(width, self.page_height)[1], 0.0, 0.0, frozenset(), part)
        key = (part.text, part.style.name, part.bulletText, width)
        if key not in self._own:
            self._own[key] = self.recorder.record(part, width, self.page_height, bullet_apart=False)
        return self._own[key]

    def _own_widths(self, own: Own) -> list[float]:
        """The widths the tables give a version's own paragraphs (when they come in another number)."""
        return self._widths.setdefault(len(own.parts), self._measure(self.shared, own)[len(self.shared):])

    def _lay_out(self, own: Own, heights: tuple[float, ...]) -> Layout:
        drawn: list[Slot] = []
        shared_slots, own_slots, _ = self._slots(self.shared, own, drawn)
        block = cover_block(self.theme, shared_slots, own_slots, self.page_height)
        chrome = self.recorder.record(block, self.theme.frame_width, self.page_height)
        index = {id(content): k for k, content in enumerate([*self.shared, *own.parts])}
        places = tuple((index[id(s.content)], *s.at) for s in drawn)
        return self._layouts.setdefault(heights, Layout(chrome, block.height, places))


def _flat(shared: Shared) -> list[Flowable]:
    return [*shared.masthead, shared.badge_label, *shared.labels, shared.heading]
