"""Reading a quiz set back: booklet items with their printed options, CSV rows, and the answer
sheet as a scanner would see it (rendered to pixels, read through the sheet geometry)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from pypdf import PdfReader

from latsar import sheet_geometry as geo
from pdftext import lines
from quizbank import MODULES

STEM = re.compile(r"^(\d+)\. Soal ([LK]\d+):")
OPTION = re.compile(r"\b([A-E])\. (?:jawaban sedang |pernyataan panjang )?([LK])(\d+)-(\d)\b")
MODULE_OF = {letter: module for module, letter in MODULES.items()}
MM = 72 / 25.4  # points per millimetre


@dataclass(frozen=True)
class PrintedItem:
    number: int
    item_id: str
    options: tuple[tuple[str, int], ...]  # (letter, authored index) in printed order
    pages: tuple[int, ...]  # pages the item's lines are on


def item_id(code: str) -> str:
    return f"{MODULE_OF[code[0]]}-q{int(code[1:]):02d}"


def content_lines(reader: PdfReader) -> list[tuple[int, str]]:
    """(page index, line) of every line but the running head (pages after the first) and folio."""
    out = []
    for index, page in enumerate(reader.pages):
        page_lines = lines(page)
        body = page_lines[1 if index else 0:-1]
        out += [(index, line) for line in body]
    return out


def booklet_items(reader: PdfReader) -> list[PrintedItem]:
    items: list[list] = []
    for page, line in content_lines(reader):
        match = STEM.match(line)
        if match:
            items.append([int(match[1]), item_id(match[2]), [], [page], []])
        elif items:
            items[-1][3].append(page)
        if items:
            items[-1][4].append(line)
    out = []
    for number, iid, _, pages, text in items:
        options = tuple((m[1], int(m[4])) for m in OPTION.finditer(" ".join(text))
                        if item_id(m[2] + m[3]) == iid)
        out.append(PrintedItem(number, iid, options, tuple(sorted(set(pages)))))
    return out


def folios(reader: PdfReader) -> list[str]:
    return [lines(page)[-1] for page in reader.pages]


def csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# --------------------------------------------------------------------------- the sheet as pixels


class ScannedSheet:
    """The answer sheet's pages as greyscale images; darkness read at geometry positions."""

    def __init__(self, pdf: bytes, scale: float = 3.0):
        import pypdfium2

        document = pypdfium2.PdfDocument(pdf)
        self.scale = scale
        self.pages = [document[i].render(scale=scale).to_pil().convert("L") for i in range(len(document))]

    def px(self, value_mm: float) -> float:
        return value_mm * MM * self.scale

    def fill(self, page: int, centre: tuple[float, float], radius: float) -> None:
        """Mark a bubble the way a pencil does: a dark disc slightly smaller than the ring."""
        from PIL import ImageDraw

        x, y, r = self.px(centre[0]), self.px(centre[1]), self.px(radius * 0.85)
        ImageDraw.Draw(self.pages[page - 1]).ellipse((x - r, y - r, x + r, y + r), fill=20)

    def darkness(self, page: int, x: float, y: float, radius: float) -> float:
        """Share of dark pixels inside the inner 70 % of the circle (clear of the printed ring)."""
        image = self.pages[page - 1]
        cx, cy, r = self.px(x), self.px(y), self.px(radius * 0.7)
        dark = total = 0
        for dx in range(-int(r), int(r) + 1):
            for dy in range(-int(r), int(r) + 1):
                if dx * dx + dy * dy <= r * r:
                    total += 1
                    dark += image.getpixel((int(cx + dx), int(cy + dy))) < 128
        return dark / total

    def ink_at(self, page: int, x: float, y: float) -> bool:
        """Whether anything is printed within a pixel of (x, y)."""
        image = self.pages[page - 1]
        cx, cy = int(self.px(x)), int(self.px(y))
        return min(image.getpixel((cx + dx, cy + dy)) for dx in (-1, 0, 1) for dy in (-1, 0, 1)) < 200


def ring_is_printed(sheet: ScannedSheet, page: int, grid: geo.Grid, centre: tuple[float, float]) -> bool:
    """The bubble's outline is where the geometry says: ink on its circle at 8 angles."""
    import math

    hits = sum(sheet.ink_at(page, centre[0] + grid.radius * math.cos(a * math.pi / 4),
                            centre[1] + grid.radius * math.sin(a * math.pi / 4)) for a in range(8))
    return hits >= 7
