"""Where the sheet lies in an image: the corner markers found, the page's orientation decided,
and a projective map from sheet millimetres to image pixels.

Any three markers fix the page (a folded corner loses one); the markers' rectangle is not a
square, so three of them leave only 0° or 180°, which the orientation bar beside the top-left
marker tells apart. Four markers give a full perspective map (phone photos), three an affine one.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from latsar import sheet_geometry as geo
from latsar.messages import t

FIND_SIDE = 1000  # long side, in pixels, of the copy the markers are looked for in
MAX_CANDIDATES = 10
CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")


class PageProblem(Exception):
    """A page that cannot be read: the reason goes to the `review` column as `unreadable: …`."""


@dataclass(frozen=True)
class Blob:
    x: float
    y: float
    side: float


@dataclass(frozen=True)
class Registration:
    matrix: object  # 3 × 3 homography, sheet mm → image px
    markers_found: int

    def to_pixels(self, points):
        """(n, 2) sheet mm → (n, 2) image px."""
        import cv2
        import numpy

        points = numpy.asarray(points, dtype=numpy.float32).reshape(-1, 1, 2)
        return cv2.perspectiveTransform(points, numpy.asarray(self.matrix, dtype=numpy.float64)).reshape(-1, 2)

    def px_per_mm(self) -> float:
        a, b = self.to_pixels([(100.0, 140.0), (110.0, 140.0)])
        return float(math.hypot(*(b - a)) / 10.0)


def register(grey) -> Registration:
    """The registration of a page image, or PageProblem saying why there is none."""
    blobs = marker_candidates(grey)
    corners = best_corners(blobs)
    if corners is None:
        raise PageProblem(t("no answer-sheet corner markers found (not a latsar sheet, or a blank page)"))
    for candidate in (corners, _turned(corners)):
        registration = _fit(candidate)
        if _orientation_ok(grey, registration):
            return registration
    raise PageProblem(t("the orientation bar beside the top-left marker is not where it should be"))


def marker_candidates(grey) -> list[Blob]:
    """Solid, square-ish dark blobs (in full-image pixels), largest first."""
    import cv2

    scale = min(1.0, FIND_SIDE / max(grey.shape))
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    block = int(max(small.shape) / 12) | 1
    binary = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 25)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))
    binary = cv2.morphologyEx(binary, cv2.MORPH_OPEN, kernel)
    # Components' outer boundaries, also those lying inside another (the page inside a dark table).
    contours, hierarchy = cv2.findContours(binary, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    contours = [c for c, h in zip(contours, hierarchy[0] if hierarchy is not None else []) if h[3] < 0]
    least = (max(small.shape) / 297 * 3.5) ** 2  # a marker is never smaller than a 3.5 mm square on a full page
    blobs = [b for b in (_square(c, least) for c in contours) if b is not None]
    blobs.sort(key=lambda b: -b.side)
    return [Blob(b.x / scale, b.y / scale, b.side / scale) for b in blobs[:MAX_CANDIDATES]]


def _square(contour, least: float) -> Blob | None:
    import cv2

    area = cv2.contourArea(contour)
    if area < least * 0.5:
        return None
    (x, y), (w, h), _ = cv2.minAreaRect(contour)
    if min(w, h) <= 0 or max(w, h) / min(w, h) > 1.35 or area / (w * h) < 0.82:
        return None
    return Blob(x, y, math.sqrt(area))


def best_corners(blobs: list[Blob]) -> dict[str, Blob] | None:
    """The markers among the blobs: the triple of similar blobs that best forms the markers'
    rectangle (and the fourth, when present), keyed by corner as if the page were upright."""
    best, best_error = None, 0.35
    for triple in itertools.combinations(blobs, 3):
        for corner, along_x, along_y in ((triple[i], *[b for j, b in enumerate(triple) if j != i]) for i in range(3)):
            for short, long in ((along_x, along_y), (along_y, along_x)):
                error = _l_error(corner, short, long)
                if error < best_error:
                    best, best_error = (corner, short, long), error
    if best is None:
        return None
    return _label(*best, blobs)


def _l_error(corner: Blob, short: Blob, long: Blob) -> float:
    """How far three blobs are from the markers' L: a right angle, the sides' ratio, the
    markers' size against the sides, and similar sizes."""
    ax, ay = short.x - corner.x, short.y - corner.y
    bx, by = long.x - corner.x, long.y - corner.y
    la, lb = math.hypot(ax, ay), math.hypot(bx, by)
    if la == 0 or lb == 0:
        return math.inf
    width, height = geo.MARKER_X[1] - geo.MARKER_X[0], geo.MARKER_Y[1] - geo.MARKER_Y[0]
    cosine = abs(ax * bx + ay * by) / (la * lb)
    ratio = abs(math.log((lb / la) / (height / width)))
    sides = [b.side for b in (corner, short, long)]
    size = abs(math.log(sum(sides) / 3 / la * width / geo.MARKER_SIZE))
    spread = math.log(max(sides) / min(sides))
    return cosine + ratio + 0.3 * size + 0.3 * spread


def _label(corner: Blob, short: Blob, long: Blob, blobs: list[Blob]) -> dict[str, Blob]:
    """Corners named for the upright page. Scans are never mirrored: the turn from the short
    side to the long side tells whether the right-angle corner is top-left/bottom-right or
    top-right/bottom-left; 180° is settled later by the orientation bar."""
    cross = (short.x - corner.x) * (long.y - corner.y) - (short.y - corner.y) * (long.x - corner.x)
    if cross > 0:  # clockwise in image axes: corner is top-left, short goes right, long goes down
        found = {"top-left": corner, "top-right": short, "bottom-left": long}
        missing = "bottom-right"
    else:  # corner is top-right: short goes left to top-left, long goes down to bottom-right
        found = {"top-right": corner, "top-left": short, "bottom-right": long}
        missing = "bottom-left"
    fourth = _fourth(found, missing, blobs)
    if fourth is not None:
        found[missing] = fourth
    return found


def _fourth(found: dict[str, Blob], missing: str, blobs: list[Blob]) -> Blob | None:
    """The blob where the parallelogram of the three puts the fourth corner, if one is near."""
    opposite = {"bottom-right": ("top-right", "bottom-left", "top-left"),
                "bottom-left": ("top-left", "bottom-right", "top-right")}[missing]
    a, b, c = (found[k] for k in opposite)
    x, y = a.x + b.x - c.x, a.y + b.y - c.y
    side = sum(f.side for f in found.values()) / 3
    near = [blob for blob in blobs if math.hypot(blob.x - x, blob.y - y) < 4 * side
            and blob not in found.values() and 0.6 < blob.side / side < 1.6]
    return min(near, key=lambda blob: math.hypot(blob.x - x, blob.y - y)) if near else None


def _turned(corners: dict[str, Blob]) -> dict[str, Blob]:
    """The same markers named for a page turned by 180°."""
    swap = dict(zip(CORNERS, reversed(CORNERS)))
    return {swap[name]: blob for name, blob in corners.items()}


def _fit(corners: dict[str, Blob]) -> Registration:
    import cv2
    import numpy

    mm = {name: marker.centre for name, marker in zip(CORNERS, geo.corner_markers())}
    names = [name for name in CORNERS if name in corners]
    source = numpy.float32([mm[n] for n in names])
    target = numpy.float32([(corners[n].x, corners[n].y) for n in names])
    if len(names) == 4:
        matrix = cv2.getPerspectiveTransform(source, target)
    else:
        matrix = numpy.vstack([cv2.getAffineTransform(source, target), [0, 0, 1]])
    return Registration(matrix, len(names))


def _orientation_ok(grey, registration: Registration) -> bool:
    """The bar is dark and its 180° image (white paper) is light."""
    left, top, right, bottom = geo.ORIENTATION_BAR
    turn_x, turn_y = sum(geo.MARKER_X), sum(geo.MARKER_Y)
    bar = _mean_grey(grey, registration, [(x, (top + bottom) / 2) for x in _steps(left + 1, right - 1)])
    mirror = _mean_grey(grey, registration, [(turn_x - x, turn_y - (top + bottom) / 2)
                                             for x in _steps(left + 1, right - 1)])
    return mirror - bar > 60


def _steps(start: float, stop: float, count: int = 12) -> list[float]:
    return [start + (stop - start) * i / (count - 1) for i in range(count)]


def _mean_grey(grey, registration: Registration, points) -> float:
    import numpy

    pixels = registration.to_pixels(points).round().astype(int)
    height, width = grey.shape
    inside = (pixels[:, 0] >= 0) & (pixels[:, 0] < width) & (pixels[:, 1] >= 0) & (pixels[:, 1] < height)
    if not inside.all():
        return 255.0
    return float(numpy.mean(grey[pixels[:, 1], pixels[:, 0]]))
