"""Numbers as the report prints them: fixed decimals, a dash when undefined."""

from __future__ import annotations

import math


def decimal(value: float, digits: int = 3) -> str:
    if value is None or math.isnan(value):
        return "–"
    text = f"{value:.{digits}f}"
    # "-0.00" reads as a sign error; a value that rounds to zero is zero.
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def percent(value: float) -> str:
    """"72 %", "72.5 %": at most one decimal, none when whole."""
    if value is None or math.isnan(value):
        return "–"
    text = f"{value:.1f}".removesuffix(".0")
    return f"{text} %"
