"""The bundled fonts (Noto, and Liberation-derived Latsar faces; all OFL, see src/latsar/fonts/)
and their registration with reportlab.

reportlab keeps registered fonts in a process-wide table; we add ours when a build starts (not at
import) and only once, so `latsar --help` never reads a TTF and repeated builds stay cheap.
Every face is a TrueType-outline font, so reportlab embeds it as a subset (FontFile2).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Callable, Sequence, TypeVar

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from latsar.render.pdf.widths import Widths

T = TypeVar("T")

# Schema family name -> file stem of the bundled faces. LatsarSans and LatsarSerif are the
# Liberation fonts (metric-compatible with Arial and Times New Roman), subset and renamed as the
# OFL asks of a modified font (see OFL-Latsar.txt).
FAMILIES: dict[str, str] = {"noto-serif": "NotoSerif", "noto-sans": "NotoSans",
                            "liberation-sans": "LatsarSans", "liberation-serif": "LatsarSerif"}
FACES: tuple[str, ...] = ("Regular", "Bold", "Italic", "BoldItalic")


@dataclass(frozen=True)
class FontFamily:
    """Registered reportlab names of one family's four faces."""

    regular: str
    bold: str
    italic: str
    bold_italic: str

    @property
    def names(self) -> tuple[str, str, str, str]:
        return (self.regular, self.bold, self.italic, self.bold_italic)


def family(name: str) -> FontFamily:
    stem = FAMILIES[name]
    return FontFamily(*(f"{stem}-{face}" for face in FACES))


def font_file(font_name: str) -> str:
    return str(resources.files("latsar").joinpath("fonts", f"{font_name}.ttf"))


def register(*families: FontFamily) -> None:
    """Make the families known to reportlab (idempotent), including <b>/<i> mapping in paragraphs."""
    known = set(pdfmetrics.getRegisteredFontNames())
    for fam in families:
        for font_name in fam.names:
            if font_name not in known:
                font = KeptFont(font_name, font_file(font_name))
                font.face.__class__ = KeptSubsets  # reportlab makes a plain face; this adds a cache only
                pdfmetrics.registerFont(font)
        # Paragraph markup resolves <b> and <i> through this mapping, keyed by the regular face.
        for bold, italic, font_name in ((0, 0, fam.regular), (1, 0, fam.bold), (0, 1, fam.italic),
                                        (1, 1, fam.bold_italic)):
            addMapping(fam.regular, bold, italic, font_name)


KEPT = 4  # subsets kept per face: the booklets of a quiz all embed the same subset of each face


class KeptSubsets(TTFontFace):
    """A face that keeps the last few subsets it made (see KeptFont)."""

    def makeSubset(self, subset):
        return _keep(self, tuple(subset), lambda: super(KeptSubsets, self).makeSubset(subset))


class KeptFont(TTFont):
    """A TrueType font that keeps, for the last few subsets it embedded, what depends on the
    subset alone: the subset font and its ToUnicode map compressed, its widths formatted. The
    booklets of a quiz embed the same subsets (latsar.render.pdf.quiz.replay), and these are
    most of the cost of saving a short PDF. The bytes are reportlab's own.

    It also keeps the width of every text it measured: reportlab measures each word of a
    paragraph every time it breaks the paragraph's lines (and relieving a loose line breaks
    them again), and most words recur; a width is a function of the text and size alone."""

    # reportlab's getAscentDescent, asked at every word of every line broken, tries
    # `font.ascent` and falls back to the face's on the AttributeError a TrueType font raises.
    @property
    def ascent(self) -> float:
        return self.face.ascent

    @property
    def descent(self) -> float:
        return self.face.descent

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._sizes: dict[float, Widths] = {}

    def widths(self, size: float) -> Widths:
        """The widths of texts at `size`, each measured once for the process (the store that
        stringWidth and latsar's own line breakers, through widths.font_widths, share)."""
        known = self._sizes.get(size)
        if known is None:
            known = self._sizes[size] = Widths(functools.partial(TTFont.stringWidth, self), size)
        return known

    def stringWidth(self, text, size, encoding="utf8"):
        # Asked ~50,000 times a handout, nearly always for a width known: the shortest path.
        if encoding != "utf8":
            return super().stringWidth(text, size, encoding)
        try:
            return self._sizes[size][text]  # a text not yet measured is measured by Widths
        except KeyError:  # the first text at this size
            return self.widths(size)[text]

    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:
        """reportlab's objects for the subsets this font has in `doc`: made once for every
        document with the same subsets under the same names (KeptObjects)."""
        if not doc.compression or not isinstance(doc.encrypt, pdfdoc.NoEncryption) or doc not in self.state:
            return super().addObjects(doc)
        subsets = tuple((self.getSubsetInternalName(n, doc), tuple(s)) for n, s in enumerate(self.state[doc].subsets))
        kept = _shelf(self, "objects").get(subsets)
        if kept is None:
            _keep(self, subsets, lambda: KeptObjects.added(doc, self._new_objects), "objects")
        else:
            kept.add_to(doc)
            del self.state[doc]  # as reportlab's addObjects leaves it

    def _new_objects(self, doc: pdfdoc.PDFDocument) -> None:
        """reportlab's objects, with what depends on a subset alone kept for other documents."""
        subsets = [(self.getSubsetInternalName(n, doc)[1:], tuple(s)) for n, s in enumerate(self.state[doc].subsets)]
        super().addObjects(doc)
        for name, subset in subsets:
            pdf_font = doc.idToObject["BasicFonts"].dict[name]
            file_name = f"fontFile:{self.face.filename}({pdf_font.BaseFont})"
            streams = (doc.idToObject[file_name], doc.idToObject[f"toUnicodeCMap:{pdf_font.BaseFont}"])
            kept = _keep(self, subset, lambda: (KeptArray(pdf_font.Widths.sequence),
                                                *(pdfdoc.PDFZCompress.encode(s.content) for s in streams)))
            pdf_font.Widths = kept[0]
            for stream, data in zip(streams, kept[1:]):
                stream.content, stream.filters = data, None
                stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])


class KeptObjects:
    """The objects reportlab made for a font's subsets in one document (its subset fonts,
    descriptors, font files and ToUnicode maps), added to later documents with the same
    subsets: they refer only to one another, so each is formatted once for every numbering
    they get (a document of more pages numbers them later) and its bytes reused."""

    NUMBERINGS = 8  # kept per font's subsets: a few page counts

    def __init__(self, named: Sequence[tuple[str, pdfdoc.PDFObject]], listed: Sequence[str]):
        self.named = named  # (name, object) in the order reportlab registered them
        self.listed = listed  # the names of the subset fonts, as the document's font list holds them
        self._formatted: dict[tuple, dict[int, bytes]] = {}

    @classmethod
    def added(cls, doc: pdfdoc.PDFDocument, add: Callable[[pdfdoc.PDFDocument], None]) -> KeptObjects:
        """`add(doc)`, and what it added to `doc`, kept."""
        start, fonts = doc.objectcounter, doc.idToObject["BasicFonts"].dict
        before = set(fonts)
        add(doc)
        names = [doc.numberToId[number] for number in range(start + 1, doc.objectcounter + 1)]
        return cls([(name, doc.idToObject[name]) for name in names], [name for name in fonts if name not in before])

    def add_to(self, doc: pdfdoc.PDFDocument) -> None:
        """The objects registered in `doc` as reportlab registers them, in the same order."""
        for index, (name, _) in enumerate(self.named):
            doc.Reference(Formatted(self, index), name)
        fonts = doc.idToObject["BasicFonts"].dict
        for name in self.listed:
            fonts[name] = doc.idToObject[name]

    def formatted(self, index: int, doc: pdfdoc.PDFDocument) -> bytes:
        numbering = tuple(doc.idToObjectNumberAndVersion[name] for name, _ in self.named)
        if numbering not in self._formatted and len(self._formatted) >= self.NUMBERINGS:
            del self._formatted[next(iter(self._formatted))]
        done = self._formatted.setdefault(numbering, {})
        if index not in done:
            done[index] = pdfdoc.format(self.named[index][1], doc, toplevel=1)
        return done[index]


class Formatted(pdfdoc.PDFObject):
    """One of KeptObjects' objects in a document: its bytes as formatted for that numbering."""

    __RefOnly__ = 1

    def __init__(self, kept: KeptObjects, index: int):
        self.kept, self.index = kept, index

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        return self.kept.formatted(self.index, document)


class KeptArray(pdfdoc.PDFArray):
    """An array of numbers formatted once for every document that embeds it."""

    _formatted: bytes | None = None

    def format(self, document, IND=b"\n "):
        if self._formatted is None:
            self._formatted = super().format(document, IND)
        return self._formatted


def _keep(owner: object, key: tuple, make: Callable[[], T], shelf: str = "subsets") -> T:
    """`make()` kept on `owner` under `key`, with the KEPT last ones of its `shelf`."""
    kept = _shelf(owner, shelf)
    if key not in kept:
        if len(kept) >= KEPT:
            del kept[next(iter(kept))]
        kept[key] = make()
    return kept[key]


def _shelf(owner: object, shelf: str) -> dict:
    return owner.__dict__.setdefault(f"_latsar_kept_{shelf}", {})


def common_coverage() -> list[tuple[int, int]]:
    """The code points every bundled face can draw, as inclusive ranges: what
    `latsar/fonts/coverage.txt` holds for `latsar check` (which must not load reportlab)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    faces = [f"{stem}-{face}" for stem in FAMILIES.values() for face in FACES]
    common = set.intersection(*(set(TTFontFile(font_file(name)).charToGlyph) for name in faces))
    ranges: list[tuple[int, int]] = []
    for code in sorted(common):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def coverage_text() -> str:
    return "".join(f"{low:04X}-{high:04X}\n" for low, high in common_coverage())
