"""Reading rendered PDFs back: lines with their positions, the daftar isi, fonts and outline."""

from __future__ import annotations

import re
from collections import defaultdict

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

BASE14 = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica", "Helvetica-Bold",
    "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold", "Times-Italic",
    "Times-BoldItalic", "Symbol", "ZapfDingbats",
}
_ENTRY = re.compile(r"^(?P<title>.*?\S)\s*(?:\.\s*){3,}(?P<page>[0-9]+|[ivxlcdm]+)$")


def lines(page) -> list[str]:
    """The page's text as visual lines, top to bottom (fragments on one baseline joined by x)."""
    rows: dict[int, list[tuple[float, str]]] = defaultdict(list)

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            rows[round(y)].append((x, text))

    page.extract_text(visitor_text=visit)
    return [" ".join(t.strip() for _, t in sorted(rows[y])) for y in sorted(rows, reverse=True)]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def contents_entries(reader: PdfReader, first: int, last: int) -> list[tuple[str, str]]:
    """(title, printed page) of every daftar isi entry on pages first..last (0-based, inclusive)."""
    entries, pending = [], ""
    for index in range(first, last + 1):
        for line in lines(reader.pages[index])[1:-1]:  # skip the running head / heading and the folio
            match = _ENTRY.match(line.replace("\u2002", " "))
            if match:
                entries.append(((pending + " " + match["title"]).strip(), match["page"]))
                pending = ""
            else:  # a long title wraps; its number is on its last line
                pending = (pending + " " + line).strip()
    return entries


def fonts(reader: PdfReader) -> dict[str, DictionaryObject]:
    """Every font used on any page, by BaseFont name."""
    found = {}
    for page in reader.pages:
        resources = page.get("/Resources", {})
        for ref in resources.get("/Font", {}).values():
            font = ref.get_object()
            found[str(font["/BaseFont"])] = font
    return found


def outline_titles(reader: PdfReader) -> list[str]:
    def walk(items):
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield item.title
    return list(walk(reader.outline))
