"""Page-break rules shared by the handout and the book: a part never ends with a stray page.

The last page of a part (a chapter, the evaluasi, the glossary …) holds at least a few lines: a
paragraph that would leave two lines alone gives the last page more of itself, and short last
units (a question, a reference, a pembahasan entry) travel together.
"""

from __future__ import annotations

import functools

import copy
import re
from typing import Any, NamedTuple

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from latsar.render.pdf.justify import SHORT_WORD, Setting, cost, line_stretches, loose, relieve

TAIL_LINES = 4  # the fewest lines a part's last page may hold
TAIL_FILL = 0.2  # a part's last page filled less than this is set again a little tighter


HYPHEN_RUN = 2  # the most lines in a row that may end in a hyphen
_WORD_END = re.compile(r"(\w+)-$")
_WORD_START = re.compile(r"^(\w+)")


def line_text(line) -> str:
    """The text of one broken line, whichever of reportlab's two line kinds it is."""
    if isinstance(line, tuple):
        return " ".join(line[1])
    return "".join(getattr(word, "text", "") for word in line.words)


def _overlong_run(lines: list) -> tuple[str, ...] | None:
    """The word hyphenated at the end of the first line that makes a run longer than HYPHEN_RUN."""
    texts = [line_text(line).rstrip() for line in lines]
    run = 0
    for index, text in enumerate(texts[:-1]):
        end = text.endswith("-") and _WORD_END.search(text)  # most lines end otherwise: no regex
        start = end and _WORD_START.search(texts[index + 1].lstrip())
        run = run + 1 if end and start else 0
        if run > HYPHEN_RUN:
            return (end[1] + start[1],)
    return None


def _lonely_tail(lines: list) -> tuple[str, ...] | None:
    """The word hyphenated before a paragraph's last line when that line holds nothing but the
    word's tail ("Pe-" / "merintah."): a fragment alone reads as a mistake."""
    if len(lines) < 2:
        return None
    last, before = line_text(lines[-1]).strip(), line_text(lines[-2]).rstrip()
    end, start = _WORD_END.search(before), _WORD_START.search(last)
    if end and start and " " not in last and "\xa0" not in last:
        return end[1] + start[1], f"{end[1]}-{start[1]}"  # either a word or a compound ("modern-dinamis")
    return None


_UNBROKEN = re.compile(r"<nobr>(.*?)</nobr>", re.S)


class BrokenOnce(Paragraph):
    """A paragraph whose lines are broken once per width: layout measures most paragraphs more
    than once at the same width (a group kept together, then each of its parts; a box's rows,
    then its table), and breaking lines is most of the cost of a page. Splitting forgets them
    (it may change the fragments they were broken from)."""

    _broken: tuple | None = None  # (widths, style, fragments after, state after, lines)

    def breakLines(self, width):
        widths = tuple(width) if isinstance(width, (list, tuple)) else width
        broken = self._broken
        if broken is not None and broken[0] == widths and broken[1] is self.style and broken[2] is self.frags:
            self.__dict__.update(broken[3])
            return broken[4]
        result = self._new_lines(width, widths)
        state = {name: self.__dict__[name] for name in _BREAK_STATE if name in self.__dict__}
        self._broken = (widths, self.style, self.frags, state, result)
        return result

    def _new_lines(self, width, widths):
        return Paragraph.breakLines(self, width)

    def split(self, availWidth, availHeight):
        self._broken = None
        return super().split(availWidth, availHeight)


class Para(BrokenOnce):
    """A paragraph that never hyphenates its <nobr> (italic) words, even where punctuation
    joins them to other text ("(cascading)"), never ends more than HYPHEN_RUN lines in a row
    with a hyphen, and never ends with a hyphenated word's tail alone on its last line: the
    word that would do either stays whole. Its lines are broken once per width (and, with a
    memo, once per words, style and widths in the process)."""

    _tails_alone = False  # whether a hyphenated word's tail may be the last line after all
    # Lines other paragraphs of the same words, style and widths were broken into (a
    # LayoutMemo's, set by the Writer on paragraphs made from their words); None: its own only.
    memo: dict[tuple, _Broken] | None = None
    _shared: tuple | None = None  # while its lines are the memo's too: their key
    # The rest of a split paragraph: (the whole's key in the memo, the lines left before it).
    # It breaks the same way wherever the same whole splits at the same line (in a part set
    # again tighter, or in the book), so its lines are kept under that key too.
    _origin: tuple | None = None

    def _new_lines(self, width, widths):
        """`_break_lines(width)`, or the lines it gave a paragraph of the same words, style and
        widths, with the state it left (fragments after, the style that won)."""
        key = self._memo_key(widths)
        if key is None:
            return self._break_lines(width)
        found = self.memo.get(key)
        if found is None:
            style = self.style
            result = self._break_lines(width)
            state = {name: self.__dict__[name] for name in _BREAK_STATE if name in self.__dict__}
            edited = tuple(width) if isinstance(width, list) else None
            found = self.memo[key] = _Broken(result, self.frags, self.style is not style, self._tails_alone, state,
                                             edited)
        else:
            self.__dict__.setdefault("_source_frags", self.frags)
            self.frags, self._tails_alone = found.frags, found.tails_alone
            if found.relaxed:
                self.style = self._relaxed(SHORT_WORD)
            self.__dict__.update(found.state)
            if found.widths is not None:
                width[:] = found.widths  # as breaking them edits them (a wide bullet)
        self._shared = key
        return found.result

    def _memo_key(self, widths) -> tuple | None:
        bullet = self.bulletText
        if self.memo is None or not isinstance(bullet, (str, type(None))):
            return None
        if self._origin is not None:
            return (self._origin, _breaking(self.style), bullet, widths, self._tails_alone)
        if self.text is None:
            return None
        return (self.text, _breaking(self.style), bullet, widths, self._tails_alone)

    def split(self, availWidth, availHeight):
        whole = self._shared
        self.own_lines()
        parts = super().split(availWidth, availHeight)
        whole = self._shared if self._shared is not None else whole  # if the split broke it again
        if whole is not None and len(parts) == 2 and type(parts[1]) is type(self):
            parts[1].memo, parts[1]._origin = self.memo, (whole, len(parts[0].blPara.lines))
        return parts

    def own_lines(self) -> None:
        """A copy of its lines (and of the fragments they hold) instead of the memo's, before
        anything edits them: a split does."""
        if self._shared is None:
            return
        self._shared = None
        self.blPara, self.frags = _own_copy(self.blPara, self.frags)
        self._broken = None

    def _break_lines(self, width):
        style = self.style
        if style.alignment != TA_JUSTIFY or not isinstance(width, list):
            return self._break(width)
        setting = Setting(style.fontName, style.fontSize, style.spaceShrinkage, bool(getattr(self, "_JustifyLast", 0)))
        result = relieve(self._break, width, setting)
        if loose(result, setting) and style.hyphenationMinWordLength > SHORT_WORD:
            # Still loose: it may also hyphenate shorter words ("sum-ber") and names. The style
            # that wins stays, so the parts of a split break their lines the same way.
            self.style = self._relaxed(SHORT_WORD)
            other = relieve(self._break, width, setting)
            if cost(other, setting) < cost(result, setting):
                result = other
            else:
                self.style = style
        if _worst(result, setting) > TOO_LOOSE:
            # A tail alone is the lesser evil next to a line this loose ("pembangun-" / "annya?").
            self._tails_alone = True
            other = relieve(self._break, width, setting)
            if cost(other, setting) < cost(result, setting):
                result = other
            else:
                self._tails_alone = False
        self.frags = result.frags_after  # the words as the chosen break split them (split() reads them)
        return result

    def _relaxed(self, length: int) -> ParagraphStyle:
        """The style hyphenating words from `length` letters, and capitalised ones."""
        base = self.style
        relaxed = getattr(base.hyphenationLang, "relaxed", base.hyphenationLang)
        return ParagraphStyle(base.name, parent=base, hyphenationMinWordLength=length, hyphenationLang=relaxed)

    def _break(self, width):
        # Always from the words as written: reportlab re-breaking words it has split before
        # joins "modern-" and "dinamis" without the compound's hyphen.
        source = self.__dict__.setdefault("_source_frags", self.frags)
        base = self.style
        refused = {w for span in _UNBROKEN.findall(self.text or "") for w in re.findall(r"\w+", span)}
        while True:
            if refused and base.hyphenationLang:
                self.style = ParagraphStyle(base.name, parent=base,
                                            hyphenationLang=_refusing(base.hyphenationLang, refused))
            widths = list(width) if isinstance(width, list) else width  # reportlab edits it for bullets
            self.frags = source
            result = Paragraph.breakLines(self, widths)
            forms = _overlong_run(result.lines) or (None if self._tails_alone else _lonely_tail(result.lines))
            if not forms or forms[0] in refused or len(refused) > 64:
                break
            refused.update(forms)
        self.style = base
        if isinstance(width, list):
            width[:] = widths
        result.frags_after = self.frags
        return result


def _own_copy(lines, frags: list) -> tuple[Any, list]:
    """Copies of a paragraph's broken lines and fragments one level deep: new lines, and new
    words and fragments in them (what a split edits: their class, a space after a word), the
    same fonts, colours and text they point to. A word or fragment held twice is copied once."""
    copies: dict[int, Any] = {}

    def own(item: Any) -> Any:
        if type(item) in (str, tuple):  # nothing in it can be edited
            return item
        found = copies.get(id(item))
        if found is None:
            found = copies[id(item)] = copy.copy(item)
        return found

    def own_line(line: Any) -> Any:
        if isinstance(line, tuple):
            return line[0], [own(word) for word in line[1]]
        line = copy.copy(line)
        line.words = [own(word) for word in line.words]
        return line

    frags = [own(frag) for frag in frags]
    lines = copy.copy(lines)
    lines.lines = [own_line(line) for line in lines.lines]
    if hasattr(lines, "frags_after"):
        lines.frags_after = [own(frag) for frag in lines.frags_after]
    return lines, frags


class _Broken(NamedTuple):
    """A paragraph's broken lines, and the state breaking them left on it."""

    result: Any
    frags: list
    relaxed: bool  # whether it took the style hyphenating shorter words (see `_break_lines`)
    tails_alone: bool
    state: dict[str, Any]
    widths: tuple[float, ...] | None  # the widths as breaking left them


TOO_LOOSE = 0.49  # extra space per word gap (ems) worse than a hyphenated tail alone on the last line


def _worst(result, setting: Setting) -> float:
    return max(line_stretches(result, setting.font_size, setting.justify_last), default=0.0)


# What Paragraph.breakLines sets on the paragraph besides its result.
_BREAK_STATE: tuple[str, ...] = ("_width_max", "height", "_splitLongWordCount", "_hyphenations")


def _refusing(hyphenate, refused: set[str]):
    words = frozenset(refused)
    if isinstance(hyphenate, str):
        import pyphen

        hyphenate = pyphen.Pyphen(lang=hyphenate).iterate

    def pairs(word: str):
        return iter(()) if word in words else hyphenate(word)

    return pairs


class TailParagraph(Para):
    """A paragraph that, when split, leaves at least `TAIL_LINES` lines for the next page."""

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        first = len(parts[0].blPara.lines)
        self.wrap(availWidth, 1e6)
        total = len(self.blPara.lines)
        if total - first >= TAIL_LINES:
            return parts
        keep = total - TAIL_LINES
        if keep < 2:
            return []
        return super().split(availWidth, keep * self.style.leading + 0.5)


def _height(flowable: Flowable, width: float) -> float:
    if isinstance(flowable, KeepTogether):  # it measures on a canvas; its parts need none
        return sum(_height(part, width) for part in flowable._content)
    return flowable.wrap(width, 1e6)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def keep_tail(flows: list[Flowable], width: float, leading: float, page_height: float) -> list[Flowable]:
    """`flows` with its last unit made safe: a long last paragraph keeps `TAIL_LINES` lines
    together; otherwise the last short units (a question, a reference, a signature and the
    paragraph before it) travel together."""
    end = len(flows)
    while end and isinstance(flows[end - 1], Spacer):
        end -= 1
    if not end:
        return flows
    last = flows[end - 1]
    if type(last) in (Paragraph, Para) and _height(last, width) >= (TAIL_LINES + 2) * leading:
        if isinstance(last, Para):
            last.own_lines()  # the tail is made from its fragments, which its splits will edit
        tail = TailParagraph(last.text, last.style, bulletText=last.bulletText, frags=last.frags)
        return [*flows[:end - 1], tail, *flows[end:]]
    # A few short units are enough: the page-fill check in render_outline does the rest by
    # setting the part tighter, which never leaves a half-empty page before the tail.
    start, height, units = end, 0.0, 0
    wanted = min(TAIL_LINES * leading * 1.5, TAIL_FILL * page_height)
    while start > 0 and units < 3 and height < wanted:
        candidate = flows[start - 1]
        if not isinstance(candidate, (Paragraph, KeepTogether, Spacer)):
            break
        height += _height(candidate, width)
        units += not isinstance(candidate, Spacer)
        start -= 1
    if units < 2 or height > page_height * 0.4:
        return flows
    # Nested KeepTogethers mismeasure (reportlab 5.1), so the group holds their parts.
    parts = [part for f in flows[start:end] for part in (f._content if isinstance(f, KeepTogether) else [f])]
    return [*flows[:start], KeepTogether(parts), *flows[end:]]


LINES_AFTER_HEADING = 3  # the fewest lines of text a heading needs below it on its page


class HeadingRoom(CondPageBreak):
    """Set before a heading: a page break unless the heading, a short intro after it and the
    first lines of the next block fit here. No page ends with a heading, or with a heading and
    the one sentence that introduces a list ("D. Latihan" at a page foot)."""

    def __init__(self, following: list[Flowable], most: float):
        super().__init__(0)
        self.following, self.most = following, most

    def wrap(self, availWidth, availHeight):
        self.height = self.needed(availWidth)
        return super().wrap(availWidth, availHeight)

    def needed(self, width: float) -> float:
        return min(room_after_heading(self.following, width), self.most)


class OpeningRoom(CondPageBreak):
    """Set before a part that follows on the page before (not on a new page): a page break
    unless its opening (what stands before its first heading) and the room that heading needs
    fit here, so a chapter title never ends a page alone."""

    def __init__(self, flows: list[Flowable]):
        super().__init__(0)
        self.flows = flows

    def wrap(self, availWidth, availHeight):
        first = next((i for i, f in enumerate(self.flows) if isinstance(f, HeadingRoom)), len(self.flows))
        rest = self.flows[first].needed(availWidth) if first < len(self.flows) else 0.0
        self.height = sum(_height(f, availWidth) for f in self.flows[:first]) + rest
        return super().wrap(availWidth, availHeight)


def room_after_heading(flows: list[Flowable], width: float) -> float:
    """Height of the headings at the start of `flows` and of the least that must follow them:
    LINES_AFTER_HEADING lines of text, whole blocks where a block cannot split that early."""
    total, lines = 0.0, 0
    for flowable in flows:
        if lines >= LINES_AFTER_HEADING:
            break
        height, count = _least_piece(flowable, width)
        total += height
        lines += count
    return total


def _least_piece(flowable: Flowable, width: float) -> tuple[float, int]:
    """(height, lines of text) of the smallest first part `flowable` may leave on a page."""
    full = _height(flowable, width)
    if isinstance(flowable, Spacer) or is_heading(flowable):
        return full, 0
    if isinstance(flowable, Paragraph):
        count = len(flowable.blPara.lines)
        if count <= LINES_AFTER_HEADING + 1:  # fewer would leave a widow or an orphan
            return full, count
        return flowable.getSpaceBefore() + LINES_AFTER_HEADING * flowable.style.leading, LINES_AFTER_HEADING
    least = getattr(flowable, "least_height", None)
    return (min(full, least(width)) if least else full), LINES_AFTER_HEADING


def is_heading(flowable: Flowable) -> bool:
    """A heading keeps with what follows it (its style says so)."""
    return isinstance(flowable, Paragraph) and bool(getattr(flowable.style, "keepWithNext", 0))


def guard_headings(flows: list[Flowable], most: float) -> list[Flowable]:
    """`flows` with a HeadingRoom before each heading that starts a run of headings."""
    out: list[Flowable] = []
    for index, flowable in enumerate(flows):
        if is_heading(flowable) and not (index and is_heading(flows[index - 1])):
            out.append(HeadingRoom(flows[index:], most))
        out.append(flowable)
    return out


# What in a style does not change where its lines break: a part set tighter (see
# theme.tightened) breaks its paragraphs as at its usual spacing.
_VERTICAL = frozenset({"name", "parent", "leading", "spaceBefore", "spaceAfter"})


@functools.lru_cache(maxsize=512)  # styles are few and live long; a key is asked for at every break
def _breaking(style: ParagraphStyle) -> tuple:
    """The style as far as breaking lines goes (values by identity where they are not hashable)."""
    return tuple((name, value if getattr(value, "__hash__", None) else id(value))
                 for name, value in sorted(style.__dict__.items()) if name not in _VERTICAL)
