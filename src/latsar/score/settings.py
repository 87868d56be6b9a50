"""Thresholds of the item analysis: one frozen dataclass, defaults from the literature.

Every default names its source here and in docs/item-analysis.md; those marked [tool default]
are latsar's own choice where the sources give none. A trainer who follows another convention
(e.g. 0.30–0.69 for *sedang*) passes another `Settings`; nothing else changes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Band:
    """Values up to `upper` get `label`; `inclusive` says whether `upper` itself belongs here."""

    upper: float
    label: str
    inclusive: bool = True

    def holds(self, value: float) -> bool:
        return value <= self.upper if self.inclusive else value < self.upper


@dataclass(frozen=True)
class Bands:
    """Ordered bands; the first that holds a value names it. The last band should be open (inf)."""

    name: str  # the scheme, as the report states it, e.g. "Arikunto"
    bands: tuple[Band, ...]

    def label(self, value: float | None) -> str:
        if value is None or math.isnan(value):
            return "-"
        for band in self.bands:
            if band.holds(value):
                return band.label
        return self.bands[-1].label


INF = math.inf

# Arikunto: 0.00–0.30 sukar, 0.31–0.70 sedang, 0.71–1.00 mudah.
ARIKUNTO_DIFFICULTY = Bands("Arikunto", (Band(0.30, "sukar"), Band(0.70, "sedang"), Band(INF, "mudah")))
# Arikunto: D < 0 tidak baik (buang); 0.00–0.20 jelek; 0.21–0.40 cukup; 0.41–0.70 baik;
# 0.71–1.00 baik sekali.
ARIKUNTO_DISCRIMINATION = Bands("Arikunto", (
    Band(0.0, "tidak baik", inclusive=False), Band(0.20, "jelek"), Band(0.40, "cukup"),
    Band(0.70, "baik"), Band(INF, "baik sekali"),
))
# Ebel (via Azwar 1996): ≥ 0.40 very satisfactory; 0.30–0.39 satisfactory; 0.20–0.29 revise;
# ≤ 0.19 reject. Applied to the corrected point-biserial, as Iteman-style reports do.
EBEL_POINT_BISERIAL = Bands("Ebel", (
    Band(0.20, "buang", inclusive=False), Band(0.30, "revisi", inclusive=False),
    Band(0.40, "baik", inclusive=False), Band(INF, "sangat baik"),
))
# The convention reported with KR-20 worked examples: 0.00–0.20 sangat rendah … 0.81–1.00
# sangat tinggi.
RELIABILITY = Bands("KR-20", (
    Band(0.20, "sangat rendah"), Band(0.40, "rendah"), Band(0.60, "sedang"), Band(0.80, "tinggi"),
    Band(INF, "sangat tinggi"),
))
# Hake (1998): high g ≥ 0.7, medium 0.3 ≤ g < 0.7, low g < 0.3.
HAKE_GAIN = Bands("Hake", (
    Band(0.3, "rendah", inclusive=False), Band(0.7, "sedang", inclusive=False), Band(INF, "tinggi"),
))


@dataclass(frozen=True)
class Settings:
    difficulty: Bands = ARIKUNTO_DIFFICULTY
    discrimination: Bands = ARIKUNTO_DISCRIMINATION
    point_biserial: Bands = EBEL_POINT_BISERIAL
    reliability: Bands = RELIABILITY
    gain: Bands = HAKE_GAIN
    # Kelley (1939): upper and lower 27 % groups; 0.5 gives the halves used for small classes.
    group_fraction: float = 0.27
    # A distractor "functions" when at least 5 % of all examinees choose it (Arikunto 2012;
    # Sudijono 2011).
    distractor_min_share: float = 0.05
    # Omits up to 10 % are considered fine (same sources).
    omit_max_share: float = 0.10
    # Items with D at or below this (Arikunto "jelek") are recommended for revision.
    revise_discrimination: float = 0.20
    # Items with a corrected point-biserial below this (Ebel's "reject" band) are revised too.
    revise_point_biserial: float = 0.20
    # Below this N no item is dropped automatically: P and D are unstable in small cohorts
    # (≈ 30 is a Latsar angkatan) [tool default].
    min_n_for_drop: int = 30
    # A reliability at or above this is reported as acceptable (common practice; unconfirmed in
    # the sources read, hence a setting).
    reliable_from: float = 0.70
    # Mastery of an objective: the class's mean sub-score reaches this percentage; None means the
    # blueprint's pass mark [tool default].
    mastery_percent: float | None = None
    # The source each method follows, as the report cites it: (method, source). The report words
    # each line with the label `method_<method>` in its own language, quoting the settings above.
    sources: tuple[tuple[str, str], ...] = field(default=(
        ("difficulty", "Arikunto"), ("discrimination", "Arikunto"), ("groups", "Kelley 1939"),
        ("point_biserial", "Ebel via Azwar 1996"), ("distractors", "Arikunto 2012; Sudijono 2011"),
        ("reliability", "KR-20"), ("gain", "Hake 1998"),
    ))
