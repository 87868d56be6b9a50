"""Scan files into page images: greyscale numpy arrays, one page at a time.

PDFs are rasterised with pypdfium2, TIFFs (1-bit G4 included) and other images decoded with
OpenCV. A file is named by a `PageRef` (path and 0-based page), so worker processes open the
pages they read themselves and only small results travel back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from latsar.messages import N_, t

PDF_DPI = 150  # enough for 4 mm bubbles and the QR code; a scan PDF's images are rarely finer
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp")
SCAN_SUFFIXES = (".pdf",) + IMAGE_SUFFIXES


NOT_AN_IMAGE = N_("not an image or PDF that latsar can read (PDF, PNG, JPEG or TIFF)")


class FileProblem(Exception):
    """A file that cannot be read at all: one line saying why."""


@dataclass(frozen=True)
class PageRef:
    path: Path
    display: str  # the path as given, for the CSV and messages
    index: int  # 0-based page within the file


def scan_files(arguments: list[Path]) -> list[Path]:
    """The files named, folders expanded to their scan files in name order."""
    files: list[Path] = []
    for argument in arguments:
        if argument.is_dir():
            files += sorted(p for p in argument.rglob("*") if p.suffix.lower() in SCAN_SUFFIXES and p.is_file())
        else:
            files.append(argument)
    return files


def page_count(path: Path) -> int:
    """Pages in a scan file; FileProblem when it cannot be opened."""
    if not path.is_file():
        raise FileProblem(t("file not found"))
    head = path.read_bytes()[:8]
    if head.startswith(b"%PDF"):
        return _pdf_pages(path)
    if path.suffix.lower() in (".tif", ".tiff") or head[:4] in (b"II*\x00", b"MM\x00*"):
        return _tiff_pages(path)
    import cv2

    if not cv2.haveImageReader(str(path)):  # the signature only: the workers decode
        raise FileProblem(t(NOT_AN_IMAGE))
    return 1


def load_page(path: Path, index: int):
    """The page as a 2-D uint8 array (0 black, 255 white)."""
    head = path.read_bytes()[:8]
    if head.startswith(b"%PDF"):
        return _pdf_page(path, index)
    if path.suffix.lower() in (".tif", ".tiff") or head[:4] in (b"II*\x00", b"MM\x00*"):
        return _tiff_page(path, index)
    return _decode(path)


def _open_pdf(path: Path):
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as error:
        if "password" in str(error).lower():
            raise FileProblem(t("password-protected PDF; save the scan again without a password")) from None
        raise FileProblem(t("not a readable PDF ({error})", error=error)) from None


def _pdf_pages(path: Path) -> int:
    document = _open_pdf(path)
    try:
        return len(document)
    finally:
        document.close()


def _pdf_page(path: Path, index: int):
    document = _open_pdf(path)
    try:
        pixels = document[index].render(scale=PDF_DPI / 72, grayscale=True).to_numpy()
        return (pixels if pixels.ndim == 2 else pixels[:, :, 0]).copy()
    finally:
        document.close()


def _tiff_pages(path: Path) -> int:
    import cv2

    count = cv2.imcount(str(path))
    if count < 1:
        raise FileProblem(t("not a readable TIFF image"))
    return count


def _tiff_page(path: Path, index: int):
    import cv2

    ok, pages = cv2.imreadmulti(str(path), start=index, count=1, flags=cv2.IMREAD_GRAYSCALE)
    if not ok or not pages:
        raise FileProblem(t("page {page} of the TIFF cannot be decoded", page=index + 1))
    return pages[0]


def _decode(path: Path):
    import cv2
    import numpy

    image = cv2.imdecode(numpy.fromfile(str(path), dtype=numpy.uint8), cv2.IMREAD_GRAYSCALE)
    if image is None:
        raise FileProblem(t(NOT_AN_IMAGE))
    return image
