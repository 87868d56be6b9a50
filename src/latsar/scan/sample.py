"""Darkness at the bubbles: the page normalised against its own paper (shadows and uneven light
removed), each grid nudged onto its printed rings (paper bulge, a slightly wrong fit), then
each bubble's inside averaged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from latsar import sheet_geometry as geo
from latsar.scan.register import Registration

WORK_PX_PER_MM = 6.0  # sampling resolution (about 150 dpi): finer adds time, not accuracy
PAPER_WINDOW_MM = 12.0  # the paper level is the lightest grey within this window
SEARCH_MM = 1.4  # how far a grid may sit from where the page fit puts it
SEARCH_STEP_MM = 0.35
INNER = 0.68  # share of the radius sampled for a mark (clear of the printed ring)
RING_ANGLES = 16
INK = 0.45
DOTS_MM = 0.3  # blur of a 1-bit scan before sampling  # darkness from which a sampled point counts as covered by a stroke


@dataclass(frozen=True)
class Sampled:
    """Per bubble of a grid, in `grid.bubbles()` order."""

    darkness: list[float]
    cover: list[float]
    offset: tuple[float, float]  # mm the grid was moved by the local fit


def working_copy(grey, registration: Registration):
    """The page at the sampling resolution, as darkness 0..1 against the local paper, and the
    registration for that copy."""
    import cv2
    import numpy

    scale = min(1.0, WORK_PX_PER_MM / registration.px_per_mm())
    if _bilevel(grey):  # 1-bit scans: dither dots averaged into the grey they stand for
        grey = cv2.GaussianBlur(grey, (0, 0), DOTS_MM * registration.px_per_mm())
    image = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    window = int(PAPER_WINDOW_MM * registration.px_per_mm() * scale) | 1
    small = cv2.resize(image, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, window // 4), max(3, window // 4)))
    paper = cv2.dilate(small, kernel)
    paper = cv2.GaussianBlur(paper, (0, 0), max(1.0, window / 8))
    paper = cv2.resize(paper, (image.shape[1], image.shape[0]), interpolation=cv2.INTER_LINEAR)
    darkness = 1.0 - image.astype(numpy.float32) / numpy.maximum(paper.astype(numpy.float32), 40.0)
    matrix = numpy.diag([scale, scale, 1.0]) @ numpy.asarray(registration.matrix)
    return numpy.clip(darkness, 0.0, 1.0), Registration(matrix, registration.markers_found)


def _bilevel(grey) -> bool:
    import numpy

    sample = grey[::7, ::7]
    return not numpy.count_nonzero((sample > 0) & (sample < 255))


def _remap(darkness, registration: Registration, points_mm):
    """Darkness at many sheet points (array (..., 2) in mm), bilinear."""
    import cv2
    import numpy

    shape = points_mm.shape[:-1]
    pixels = registration.to_pixels(points_mm.reshape(-1, 2)).astype(numpy.float32)
    count = len(pixels)
    width = 4096  # remap's maps must stay under 32,767 pixels a side
    padded = numpy.zeros((-(-count // width) * width, 2), dtype=numpy.float32)
    padded[:count] = pixels
    mapped = cv2.remap(darkness, padded[:, 0].reshape(-1, width), padded[:, 1].reshape(-1, width),
                       cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0.0)
    return mapped.reshape(-1)[:count].reshape(shape)


def _inner_offsets(radius: float):
    """Sample points (mm, relative to a centre) filling the inner disc."""
    import numpy

    step = radius * INNER / 3.5
    grid = numpy.arange(-3, 4) * step
    xs, ys = numpy.meshgrid(grid, grid)
    keep = xs ** 2 + ys ** 2 <= (radius * INNER) ** 2
    return numpy.stack([xs[keep], ys[keep]], axis=1)


def _ring_offsets(radius: float):
    import numpy

    angles = numpy.arange(RING_ANGLES) * 2 * math.pi / RING_ANGLES
    unit = numpy.stack([numpy.cos(angles), numpy.sin(angles)], axis=1)
    return unit * radius, unit * (radius + 1.0)


def fit_offset(darkness, registration: Registration, grid: geo.Grid) -> tuple[float, float]:
    """The shift (mm) that puts the grid's bubbles on the printed rings: the ring darker than
    the paper just outside it, summed over the grid."""
    import numpy

    centres = numpy.array([centre for _, _, centre in grid.bubbles()])
    steps = numpy.arange(-SEARCH_MM, SEARCH_MM + 1e-9, SEARCH_STEP_MM)
    shifts = numpy.array([(dx, dy) for dy in steps for dx in steps])
    on, off = _ring_offsets(grid.radius)
    points_on = shifts[:, None, None, :] + centres[None, :, None, :] + on[None, None, :, :]
    points_off = shifts[:, None, None, :] + centres[None, :, None, :] + off[None, None, :, :]
    score = _remap(darkness, registration, points_on).mean(axis=(1, 2)) \
        - _remap(darkness, registration, points_off).mean(axis=(1, 2))
    best = int(numpy.argmax(score - 0.02 * numpy.hypot(shifts[:, 0], shifts[:, 1])))
    return float(shifts[best, 0]), float(shifts[best, 1])


def sample_grid(darkness, registration: Registration, grid: geo.Grid) -> Sampled:
    import numpy

    offset = fit_offset(darkness, registration, grid)
    centres = numpy.array([centre for _, _, centre in grid.bubbles()]) + numpy.array(offset)
    inner = _inner_offsets(grid.radius)
    values = _remap(darkness, registration, centres[:, None, :] + inner[None, :, :])
    return Sampled([float(v) for v in values.mean(axis=1)], [float(v) for v in (values > INK).mean(axis=1)], offset)
