"""Re-render the README's preview images (docs/previews/*.png, 600 px wide) from built PDFs.

    python scripts/previews.py BUILD_DIR [PEDOMAN_BUILD_DIR]

BUILD_DIR is a `latsar build` of the bundled curriculum; PEDOMAN_BUILD_DIR, if given, one built
with the pedoman example of the README (F4, liberation-sans 12 pt, spacing 1.5, duplex).
Pages are found by the words on them, so the previews follow the content.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2

PREVIEWS = Path(__file__).resolve().parents[1] / "docs" / "previews"
WIDTH = 600


def _page(pdf: pypdfium2.PdfDocument, words: str | None, index: int = 0) -> int:
    if words is None:
        return index
    for number in range(len(pdf)):
        if words in pdf[number].get_textpage().get_text_range():
            return number
    raise SystemExit(f"no page with {words!r}")


def render(pdf_path: Path, name: str, words: str | None = None, index: int = 0) -> None:
    pdf = pypdfium2.PdfDocument(str(pdf_path))
    page = pdf[_page(pdf, words, index)]
    image = page.render(scale=WIDTH / page.get_width()).to_pil()
    image.save(PREVIEWS / f"{name}.png", optimize=True)
    print(f"{name}.png  <- {pdf_path.name}")


def main(build: Path, pedoman: Path | None) -> None:
    wog = build / "modules" / "wog.pdf"
    render(wog, "handout-cover")
    render(wog, "handout-quotation", "hendaknya tidak lagi")
    render(wog, "handout-case-study", "STUDI KASUS (lanjutan)")
    render(build / "quizzes" / "post-test" / "soal-paket-A.pdf", "quiz-booklet")
    render(build / "quizzes" / "post-test" / "kisi-kisi.pdf", "quiz-kisi")
    render(build / "quizzes" / "post-test" / "lembar-jawaban.pdf", "quiz-sheet")
    if pedoman:
        wog = pedoman / "modules" / "wog.pdf"
        render(wog, "pedoman-f4-arial-title", None, 2)  # cover, blank back, title page
        render(wog, "pedoman-f4-arial-body", "PENDAHULUAN")
        render(wog, "pedoman-f4-arial-case", "STUDI KASUS")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
