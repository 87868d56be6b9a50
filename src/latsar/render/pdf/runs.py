"""Lines of text in one size and colour whose words may change font (a foreign term in
italics), broken where reportlab's Paragraph breaks the same markup, without its parser.

A Paragraph parses its markup, breaks its lines and draws them with a text object of its own,
for every cell and header field of a kisi-kisi. Here the markup of plain text (escaped, `<i>`
around foreign terms: latsar.render.pdf.markup.plain) becomes runs of (font, text), broken by
the rules of Paragraph.breakLines for left-aligned text with more than one frag: words at
whitespace (not at a no-break space), a word running across a change of font, each space in the
piece Paragraph puts it in (so it is as wide as there), and lines that may overrun by a share
of their spaces (spaceShrinkage). Where Paragraph would do more (split a word wider than the
line, split a web address, hyphenate), `wrap_runs` answers None and the caller uses a Paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from string import whitespace
from typing import Sequence
from xml.sax.saxutils import unescape

from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.platypus.paragraph import lstrip, split, strip

from latsar.render.pdf.widths import Widths, font_widths

Piece = tuple[str, str]  # font name, text
Word = tuple[float, tuple[Piece, ...], bool]  # width, pieces, whether whitespace follows it
Line = list[list[str]]  # [font, text] pieces, in order
Broken = tuple[Line, float, int]  # a line, its width and its count of words


@dataclass(frozen=True)
class RunLine:
    """A line as Paragraph draws it: its pieces (none empty), and the word spacing (Tw) that
    squeezes a line overrunning its width back into it (0 for most lines)."""

    pieces: tuple[Piece, ...]
    spacing: float

    def __init__(self, pieces: tuple[Piece, ...], spacing: float):
        # Set at once, as grid.Text's: the dataclass's own sets each through object.__setattr__
        # (a line of every cell of runs and header field). Equality, hash and repr stay its own.
        self.__dict__.update(pieces=pieces, spacing=spacing)

_TAG = re.compile(r"(</?i>|</?nobr>)")


def markup_runs(markup: str, regular: str) -> tuple[Piece, ...]:
    """The runs of markup made by `plain` (escaped text, `<i><nobr>` around foreign terms), in
    `regular` and the italic of its family (as Paragraph's parser finds it)."""
    if "<" not in markup:  # no term in italics (most texts): one run, if any
        return ((regular, unescape(markup)),) if markup else ()
    family, bold, _ = ps2tt(regular)
    italic = tt2ps(family, bold, 1)
    pieces, slanted = [], False
    for part in _TAG.split(markup):
        if part in ("<i>", "</i>"):
            slanted = part == "<i>"
        elif part and part not in ("<nobr>", "</nobr>"):
            pieces.append((italic if slanted else regular, unescape(part)))
    while pieces and not pieces[-1][1].strip(whitespace):  # as Paragraph's parser drops them: a
        pieces.pop()  # space after a closing term would otherwise open a line of its own at a line's end
    return tuple(pieces)


def fragments(runs: Sequence[Piece], size: float) -> list[Word]:
    """Paragraph's words of text frags (_getFragWords): a word ends at whitespace, its width
    summed over its pieces in order as reportlab sums it."""
    words: list[Word] = []
    pieces: list[Piece] = []
    width, started = 0.0, False
    for font, text in runs:
        if not text:
            continue
        if not started:
            text = lstrip(text)
            if not text:
                continue
            started = True
        widths = font_widths(font, size)
        parts = split(text)
        if text[0] in whitespace or not parts:
            if pieces:
                words.append((width, tuple(pieces), False))
                pieces, width, spaced = [], 0.0, False
            else:
                spaced = bool(words) and words[-1][2]
            if not spaced:
                parts.insert(0, "")
            elif not parts:
                continue
        for part in parts[:-1]:
            pieces.append((font, part))
            width += widths[part]
            words.append((width, tuple(pieces), True))
            pieces, width = [], 0.0
        pieces.append((font, parts[-1]))
        width += widths[parts[-1]]
        if text[-1] in whitespace:
            words.append((width, tuple(pieces), True))
            pieces, width = [], 0.0
    return words + [(width, tuple(pieces), False)] if pieces else words


def break_lines(runs: Sequence[Piece], size: float, width: float, shrinkage: float) -> list[RunLine] | None:
    """Lines of the runs at `width`, as a left-aligned Paragraph of their markup breaks and
    draws them (without hyphenation); None where it would split a word (too wide, or a web
    address)."""
    if len(runs) == 1:  # most texts: one run in one font
        font, text = runs[0]
        broken = None if "://" in text or "\xad" in text else wrap_single(font, text, size, width, shrinkage)
    elif any("://" in text or "\xad" in text for _, text in runs):
        return None
    else:
        broken = wrap_runs(runs, size, width, shrinkage)
    return None if broken is None else [_drawn(line, width - used, count) for line, used, count in broken]


def _drawn(line: Line, extra: float, count: int) -> RunLine:
    """A broken line as drawn: an overrunning line's spaces (and no-break spaces) share the overrun."""
    pieces = tuple([(font, text) for font, text in line if text])
    if extra > -1e-8:  # most lines: within their width
        return RunLine(pieces, 0.0)
    spaces = count + sum(text.count("\xa0") for _, text in line) - 1
    return RunLine(pieces, extra / spaces if spaces > 0 else 0.0)


def wrap_runs(runs: Sequence[Piece], size: float, width: float, shrinkage: float) -> list[Broken] | None:
    """Paragraph.breakLines for more than one frag of one size and colour."""
    lines: list[Broken] = []
    line: Line = []
    count, space, used = 0, 0.0, 0.0
    for word_width, pieces, spaced in fragments(runs, size):
        if not line:
            count, space, used = 0, 0.0, 0.0
        wider = used + space + word_width if word_width > 0 else used
        # A line within its width overruns it only by a negative shrinkage (adding what it may shrink
        # by, if not negative, never lessens the width): its spaces are counted only past the width.
        overrun = (wider > width or shrinkage < 0) and wider > width + _shrink(line, space, size, shrinkage)
        if overrun and word_width > width:
            return None  # Paragraph splits it between characters
        if overrun and count > 0:
            lines.append((line, used, count))
            line, count, used = [[*p] for p in pieces], 1, word_width
        else:
            _join(line, pieces, space)
            count, used = count + _counted(pieces), wider
        space = font_widths(pieces[-1][0], size)[" "] if spaced else 0.0
    return lines + [(line, used, count)] if line else lines


def _shrink(line: Line, space: float, size: float, shrinkage: float) -> float:
    """How far a line may overrun: a share of its spaces' widths (Paragraph's spaceShrink)."""
    if not shrinkage:
        return 0.0
    for font, text in line:
        spaces = text.count(" ")
        if spaces:
            space += spaces * font_widths(font, size)[" "]
    return space * shrinkage


def _join(line: Line, pieces: tuple[Piece, ...], space: float) -> None:
    """A word added to a line as Paragraph adds it: into the line's last piece when in its font
    (after a space if one follows the word before), else as a piece of its own (the space, if
    any, ending the piece before)."""
    (font, text), rest = pieces[0], pieces[1:]
    last = line[-1] if line else None
    if last is None:
        line.append([font, text])
    elif last[0] != font:
        if space and not last[1].endswith(" "):
            last[1] += " "
        line.append([font, text])
    elif space and not last[1].endswith(" "):
        last[1] += " " + text
    else:
        last[1] += text
    line.extend([*p] for p in rest)


def _counted(pieces: tuple[Piece, ...]) -> int:
    """Paragraph's count of the words on a line (a word only of empty pieces does not count)."""
    return 1 if pieces[0][1] or any(text for _, text in pieces[1:]) else 0


def wrap_single(font: str, text: str, size: float, width: float, shrinkage: float) -> list[Broken] | None:
    """Lines of one run as Paragraph.breakLines makes them for a single frag; None where it
    would split a word that does not fit. A text of words between single spaces that fits
    whole is its one line, found by one width rather than word by word (most header fields):
    every line is at least as wide as its width (shrinkage not negative), and the words'
    widths and spaces sum to the whole's, so `_wrap_words` would keep every word on it."""
    widths = font_widths(font, size)
    if shrinkage >= 0 and _single_spaced(text):
        whole = widths[text]
        if whole < width - 1e-6:  # clear of the sum's rounding
            return [([[font, text]], whole, text.count(" ") + 1)]
    return _wrap_words(font, text, widths, width, shrinkage)


def _single_spaced(text: str) -> bool:
    """Whether Paragraph's split finds the words of `text` at its single spaces and nowhere
    else: no other whitespace, none at an end, no run of spaces. str.split's whitespace is
    Paragraph's but for the zero-width space (Paragraph's only) and the no-break space (which
    Paragraph keeps in a word)."""
    return "\xa0" not in text and "\u200b" not in text and text.split(" ") == text.split()


def _wrap_words(font: str, text: str, widths: Widths, width: float, shrinkage: float) -> list[Broken] | None:
    """wrap_single word by word."""
    space = widths[" "]
    lines: list[tuple[list[str], float]] = []
    line: list[str] = []
    used = -space
    for word in split(strip(text)) if strip(text) else ():
        word_width = widths[word]
        wider, limit = used + space + word_width, width + shrinkage * space * len(line)
        if wider > limit and word_width > width:
            return None
        if wider <= limit or not line:
            line.append(word)
            used = wider
        else:
            lines.append((line, used))
            line, used = [word], word_width
    return [([[font, " ".join(words)]], used, len(words)) for words, used in lines + ([(line, used)] if line else [])]
