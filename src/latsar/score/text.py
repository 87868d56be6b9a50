"""Numbers and sentences as the scoring outputs print them.

Numbers: fixed decimals with a dot (as the tables and the CSV files), a dash when undefined.
Sentences (item flags, reasons for rejecting a row, method lines) are kept as `Phrase`s, a label
key and the values it quotes, and worded only when written: the report in the programme's
language, the CLI, the CSV files and the statistics files in English (they are data, compared
across cohorts).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Mapping

from latsar.labels import Labels, labels_for


def decimal(value: float, digits: int = 3) -> str:
    if value is None or math.isnan(value):
        return "–"
    text = f"{value:.{digits}f}"
    # "-0.00" reads as a sign error; a value that rounds to zero is zero.
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def percent(value: float) -> str:
    """"72%", "72.5%": at most one decimal, none when whole; the sign follows the number
    without a space, as PUEBI writes it (one rule in every document)."""
    if value is None or math.isnan(value):
        return "–"
    text = f"{value:.1f}".removesuffix(".0")
    return f"{text}%"


def _share(value: float) -> str:
    return percent(100 * value)


# How a phrase prints a quoted value, by the value's name: coefficients with two decimals,
# shares (0–1) as percentages; any other value as it is.
FORMATS: dict[str, Callable[[object], str]] = {
    "d": lambda value: decimal(value, 2),
    "r": lambda value: decimal(value, 2),
    **dict.fromkeys(("share", "upper", "lower", "limit", "groups"), _share),
}


@dataclass(frozen=True)
class Phrase:
    """A sentence of the scoring outputs as data: the label key of its template and the values
    it quotes (name, value), so each output words it in its own language."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, labels: Mapping[str, str]) -> str:
        return labels[self.key].format(**{name: FORMATS.get(name, str)(value) for name, value in self.values})


def phrase(key: str, **values: object) -> Phrase:
    return Phrase(key, tuple(values.items()))


def english() -> Labels:
    """The built-in English labels, for the outputs that are data (CSV, statistics, CLI)."""
    return labels_for("en")
