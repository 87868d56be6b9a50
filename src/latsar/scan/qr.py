"""The sheet's QR code: cut out upright from where the geometry puts it, decoded by zxing-cpp."""

from __future__ import annotations

from latsar import sheet_geometry as geo
from latsar.scan.register import Registration

QR_PX_PER_MM = 8.0
QR_BOX = (geo.QR_RIGHT - 32.0, geo.QR_TOP - 4.0, geo.QR_RIGHT + 4.0, geo.QR_TOP + 30.0)  # mm, with quiet zone


def upright_crop(grey, registration: Registration, box: tuple[float, float, float, float], px_per_mm: float):
    """The part of the page inside `box` (mm: left, top, right, bottom), straightened."""
    import cv2
    import numpy

    left, top, right, bottom = box
    scale = numpy.diag([1 / px_per_mm, 1 / px_per_mm, 1.0])
    shift = numpy.array([[1, 0, left], [0, 1, top], [0, 0, 1]], dtype=float)
    matrix = numpy.asarray(registration.matrix) @ shift @ scale  # crop px -> image px
    size = (int(round((right - left) * px_per_mm)), int(round((bottom - top) * px_per_mm)))
    return cv2.warpPerspective(grey, matrix, size, flags=cv2.WARP_INVERSE_MAP | cv2.INTER_AREA,
                               borderMode=cv2.BORDER_CONSTANT, borderValue=255)


def read_qr(grey, registration: Registration) -> str | None:
    """The QR code's text, or None when no code can be decoded."""
    import zxingcpp

    crop = upright_crop(grey, registration, QR_BOX, QR_PX_PER_MM)
    for image in (crop, _cleaned(crop)):
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        if found:
            return found[0].text
    return None


def _cleaned(crop):
    """A blurred, thresholded copy: dithered or noisy scans decode better so."""
    import cv2

    blurred = cv2.GaussianBlur(crop, (0, 0), 1.2)
    return cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]
