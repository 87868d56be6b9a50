"""Pictures for a person settling a flagged sheet: the whole page, upright, with what was read
outlined (green: marked, red: a doubt), and a crop of each flagged field's bubbles."""

from __future__ import annotations

from latsar import sheet_geometry as geo
from latsar.scan.qr import upright_crop
from latsar.scan.register import Registration

SHEET_PX_PER_MM = 3.0
CROP_PX_PER_MM = 8.0
CROP_MARGIN = (14.0, 4.0)  # mm left of the bubbles (room for the question number) and around
GREEN, RED = (40, 150, 40), (30, 30, 220)  # BGR


def draw_pictures(reading, grey, registration: Registration) -> None:
    """Fill `reading.pictures`: "sheet" (JPEG) and one PNG per review token that has bubbles."""
    import cv2

    sheet = cv2.cvtColor(upright_crop(grey, registration, (0, 0, *geo.PAGE_SIZE), SHEET_PX_PER_MM),
                         cv2.COLOR_GRAY2BGR)
    for (field, group), choice in reading.choices.items():
        _outline(sheet, reading, field, group, choice)
    reading.pictures["sheet"] = cv2.imencode(".jpg", sheet, [cv2.IMWRITE_JPEG_QUALITY, 80])[1].tobytes()
    for token in reading.review:
        box = reading.boxes.get(token)
        if box is not None:
            reading.pictures[token] = _crop(grey, registration, box)


def _outline(sheet, reading, field: str, group: str, choice) -> None:
    """Circles on the marked bubbles (green), or on the whole group when in doubt (red)."""
    import cv2

    token = f"q{group}" if field == "answers" else field
    doubtful = choice.doubtful or token in reading.review
    centres = reading.centres.get((field, group), {})
    for value, (x, y) in centres.items():
        if doubtful or value in choice.value:
            colour = RED if doubtful else GREEN
            centre = (int(round(x * SHEET_PX_PER_MM)), int(round(y * SHEET_PX_PER_MM)))
            cv2.circle(sheet, centre, int(geo.RADIUS * SHEET_PX_PER_MM + 2), colour, 2 if doubtful else 1)


def _crop(grey, registration: Registration, box: tuple[float, float, float, float]) -> bytes:
    import cv2

    left, top, right, bottom = box
    margin_left, margin = CROP_MARGIN
    area = (left - margin_left, top - margin, right + margin, bottom + margin)
    crop = upright_crop(grey, registration, area, CROP_PX_PER_MM)
    return cv2.imencode(".png", crop, [cv2.IMWRITE_PNG_COMPRESSION, 9])[1].tobytes()
