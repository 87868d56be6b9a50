"""Synthetic filled answer sheets with their ground truth, degraded the way scanners and phones
degrade them. Images are made with numpy and OpenCV (the blank sheet is rendered once per
resolution), so a test reads dozens of sheets in seconds. The benchmark in bench/ uses it too.
"""

from __future__ import annotations

import functools
import math
import random
from dataclasses import dataclass, field

import cv2
import numpy as np

from latsar import sheet_geometry as geo

LETTER_MM = (215.9, 279.4)


@dataclass
class Truth:
    """What a participant marked, and how (mark styles per question)."""

    participant: str = ""
    ndh: str = ""
    version: str = ""
    answers: dict[int, str] = field(default_factory=dict)  # question -> letters ("" blank, "AC" double)
    styles: dict[int, str] = field(default_factory=dict)  # question -> fill|light|partial|tick|erased
    page: int = 1


def random_truth(layout: geo.SheetLayout, rng: random.Random, page: int = 1, blanks: float = 0.05,
                 doubles: float = 0.02) -> Truth:
    first, last = layout.pages[page - 1].questions
    truth = Truth("".join(rng.choice("0123456789") for _ in range(layout.digits)),
                  f"{rng.randint(1, 45):02d}", rng.choice(layout.version_codes), page=page)
    for number in range(first, last + 1):
        roll = rng.random()
        if roll < blanks:
            truth.answers[number] = ""
        elif roll < blanks + doubles:
            truth.answers[number] = "".join(sorted(rng.sample(layout.options, 2)))
        else:
            truth.answers[number] = rng.choice(layout.options)
    return truth


@functools.lru_cache(maxsize=16)
def _blank(pdf: bytes, page: int, dpi: int) -> np.ndarray:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    pixels = document[page - 1].render(scale=dpi / 72, grayscale=True).to_numpy()
    return (pixels if pixels.ndim == 2 else pixels[:, :, 0]).copy()


def blank_page(pdf: bytes, page: int, dpi: int) -> np.ndarray:
    return _blank(pdf, page, dpi).copy()


class Pen:
    """Draws marks on an upright page image at `dpi`."""

    def __init__(self, image: np.ndarray, dpi: int, rng: random.Random):
        self.image, self.scale, self.rng = image, dpi / 25.4, rng

    def px(self, value: float) -> int:
        return int(round(value * self.scale))

    def disc(self, centre, radius_mm: float, level: int) -> None:
        jitter = (self.rng.uniform(-0.25, 0.25), self.rng.uniform(-0.25, 0.25))
        x, y = centre[0] + jitter[0], centre[1] + jitter[1]
        cv2.circle(self.image, (self.px(x), self.px(y)), max(1, self.px(radius_mm)), level, -1, cv2.LINE_AA)

    def mark(self, centre, style: str) -> None:
        draw = {"fill": lambda: self.disc(centre, geo.RADIUS * 0.9, self.rng.randint(15, 60)),
                "light": lambda: self.disc(centre, geo.RADIUS * 0.9, self.rng.randint(105, 150)),
                "partial": lambda: self._partial(centre),
                "tick": lambda: self._tick(centre),
                "erased": lambda: self.disc(centre, geo.RADIUS * 0.9, self.rng.randint(215, 232))}
        draw[style]()

    def _partial(self, centre) -> None:
        """A fill that leaves a crescent: about two thirds of the bubble."""
        x, y = centre
        self.disc((x + 0.45, y), geo.RADIUS * 0.7, self.rng.randint(20, 60))

    def _tick(self, centre) -> None:
        x, y = centre
        points = [(x - 1.4, y), (x - 0.3, y + 1.3), (x + 1.6, y - 1.7)]
        pixels = np.array([(self.px(a), self.px(b)) for a, b in points], dtype=np.int32)
        cv2.polylines(self.image, [pixels], False, self.rng.randint(10, 50), max(1, self.px(0.5)), cv2.LINE_AA)


def _bubble(layout: geo.SheetLayout, page: int, field_name: str, group: str, value: str):
    for grid in layout.pages[page - 1].field(field_name):
        if group in grid.groups and value in grid.values:
            return grid.centre(grid.groups.index(group), grid.values.index(value))
    raise KeyError((field_name, group, value))


def fill(layout: geo.SheetLayout, pdf: bytes, truth: Truth, dpi: int, rng: random.Random) -> np.ndarray:
    """The blank page with the truth's marks drawn in."""
    image = blank_page(pdf, truth.page, dpi)
    pen = Pen(image, dpi, rng)
    for position, digit in enumerate(truth.participant, start=1):
        pen.mark(_bubble(layout, truth.page, "participant", str(position), digit), "fill")
    for position, digit in enumerate(truth.ndh, start=1):
        pen.mark(_bubble(layout, truth.page, "ndh", str(position), digit), "fill")
    width = max(len(code) for code in layout.version_codes)
    for position, letter in enumerate(truth.version.rjust(width), start=1):
        if letter != " ":
            pen.mark(_bubble(layout, truth.page, "version", str(position), letter), "fill")
    for number, letters in truth.answers.items():
        style = truth.styles.get(number, "fill")
        for letter in letters:
            pen.mark(_bubble(layout, truth.page, "answers", str(number), letter),
                     "fill" if style == "erased" else style)
        if style == "erased":  # an erased first choice beside the final one
            others = [o for o in layout.options if o not in letters]
            pen.mark(_bubble(layout, truth.page, "answers", str(number), rng.choice(others)), "erased")
    return image


# --------------------------------------------------------------------------- degradations


def rotate(image: np.ndarray, degrees: float) -> np.ndarray:
    height, width = image.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    size = (int(height * sin + width * cos), int(height * cos + width * sin))
    matrix[0, 2] += size[0] / 2 - width / 2
    matrix[1, 2] += size[1] / 2 - height / 2
    return cv2.warpAffine(image, matrix, size, flags=cv2.INTER_LINEAR, borderValue=255)


def blur(image: np.ndarray, sigma: float) -> np.ndarray:
    return cv2.GaussianBlur(image, (0, 0), sigma)


def noise(image: np.ndarray, rng: random.Random, sigma: float = 12.0) -> np.ndarray:
    generator = np.random.default_rng(rng.randint(0, 2**31))
    noisy = image.astype(np.float32) + generator.normal(0, sigma, image.shape).astype(np.float32)
    return np.clip(noisy, 0, 255).astype(np.uint8)


def jpeg(image: np.ndarray, quality: int) -> np.ndarray:
    data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])[1]
    return cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)


def threshold(image: np.ndarray, level: int = 150) -> np.ndarray:
    """A cheap multifunction printer's 1-bit scan: everything darker than `level` is black."""
    return np.where(image < level, 0, 255).astype(np.uint8)


BAYER = np.array([[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]], dtype=np.float32)


def dither(image: np.ndarray) -> np.ndarray:
    """1-bit ordered dithering (what scanners do for grey in B/W mode)."""
    height, width = image.shape
    tiles = np.tile((BAYER + 0.5) * 16, (height // 4 + 1, width // 4 + 1))[:height, :width]
    return np.where(image < tiles, 0, 255).astype(np.uint8)


def letter(image: np.ndarray, dpi: int) -> np.ndarray:
    """A4 printed fit-to-page on Letter, scanned as Letter: shrunk and centred."""
    scale = LETTER_MM[1] / geo.PAGE_SIZE[1]
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    canvas = np.full((int(LETTER_MM[1] * dpi / 25.4), int(LETTER_MM[0] * dpi / 25.4)), 255, np.uint8)
    small = small[:canvas.shape[0], :canvas.shape[1]]
    top, left = (canvas.shape[0] - small.shape[0]) // 2, (canvas.shape[1] - small.shape[1]) // 2
    canvas[top:top + small.shape[0], left:left + small.shape[1]] = small
    return canvas


def photo(image: np.ndarray, rng: random.Random, keystone: float = 0.06, bulge: float = 1.2) -> np.ndarray:
    """A phone photo: the page on a darker table, in perspective, the paper bulging."""
    height, width = image.shape
    margin = int(0.08 * width)
    canvas_size = (width + 2 * margin, height + 2 * margin)
    source = np.float32([(0, 0), (width, 0), (0, height), (width, height)])
    k = keystone * width
    target = np.float32([(margin + k * rng.uniform(0.5, 1), margin), (margin + width - k * rng.uniform(0.5, 1), margin),
                         (margin, margin + height), (margin + width, margin + height - k * rng.uniform(0, 0.4))])
    matrix = cv2.getPerspectiveTransform(source, target)
    warped = cv2.warpPerspective(image, matrix, canvas_size, borderValue=0)
    mask = cv2.warpPerspective(np.full_like(image, 255), matrix, canvas_size, borderValue=0)
    table = np.full_like(warped, rng.randint(60, 110))
    page = np.where(mask > 0, warped, table)
    ys, xs = np.mgrid[0:canvas_size[1], 0:canvas_size[0]].astype(np.float32)
    amplitude = bulge * image.shape[1] / 210  # mm -> px
    map_x = xs + amplitude * np.sin(ys / canvas_size[1] * math.pi) * np.sin(xs / canvas_size[0] * 2 * math.pi)
    map_y = ys + amplitude * np.sin(xs / canvas_size[0] * math.pi)
    return cv2.remap(page, map_x, map_y, cv2.INTER_LINEAR, borderValue=80)


def shadow(image: np.ndarray, rng: random.Random, depth: float = 0.45) -> np.ndarray:
    """A soft shadow across one side (a hand or the phone)."""
    height, width = image.shape
    xs = np.linspace(0, 1, width, dtype=np.float32)
    side = xs if rng.random() < 0.5 else xs[::-1]
    light = 1 - depth * np.clip(1 - side * 1.6, 0, 1)
    return (image.astype(np.float32) * light[None, :]).astype(np.uint8)


def fold(image: np.ndarray, corner: str = "top-right", size: float = 0.12) -> np.ndarray:
    """A folded corner: the triangle shows the back of the paper, hiding the marker."""
    height, width = image.shape
    side = int(size * width)
    xs = {"top-left": (0, side), "top-right": (width, width - side), "bottom-left": (0, side),
          "bottom-right": (width, width - side)}[corner]
    y0 = 0 if corner.startswith("top") else height
    y1 = side if corner.startswith("top") else height - side
    triangle = np.array([(xs[0], y0), (xs[1], y0), (xs[0], y1)], dtype=np.int32)
    folded = image.copy()
    cv2.fillPoly(folded, [triangle], 235)
    cv2.polylines(folded, [triangle], True, 170, 1)
    return folded


def write(image: np.ndarray, path, quality: int = 92) -> None:
    suffix = str(path).rsplit(".", 1)[-1].lower()
    params = [cv2.IMWRITE_JPEG_QUALITY, quality] if suffix in ("jpg", "jpeg") else []
    if suffix in ("tif", "tiff"):
        params = [cv2.IMWRITE_TIFF_COMPRESSION, 4] if image.max() > 1 and set(np.unique(image)) <= {0, 255} else []
    cv2.imwrite(str(path), image, params)


def degradations(dpi: int) -> dict:
    """Each kind of degradation the tests and the benchmark hold the scanner to, by name: a
    function (image, rng) -> image for pages made at `dpi`."""
    return {
        "clean": lambda im, r: im,
        "skew ±4°": lambda im, r: rotate(im, r.uniform(-4, 4)),
        "upside down": lambda im, r: rotate(im, 180 + r.uniform(-2, 2)),
        "blur": lambda im, r: blur(im, 0.28 * dpi / 25.4),
        "noise": lambda im, r: noise(im, r, 14),
        "jpeg q40": lambda im, r: jpeg(rotate(im, r.uniform(-2, 2)), 40),
        "jpeg q90": lambda im, r: jpeg(im, 90),
        "1-bit threshold": lambda im, r: threshold(rotate(im, r.uniform(-2, 2))),
        "1-bit dither": lambda im, r: dither(im),
        "letter scaling": lambda im, r: letter(im, dpi),
        "photo keystone+bulge": lambda im, r: jpeg(photo(im, r), 80),
        "photo with shadow": lambda im, r: jpeg(shadow(photo(im, r), r), 80),
        "folded corner": lambda im, r: fold(im, r.choice(["top-left", "top-right", "bottom-left", "bottom-right"])),
    }
