"""ISO dates and intervals as (first day, last day): '2024' is the whole year, '2024-04' April."""

from __future__ import annotations

import calendar
from datetime import date


def bounds(text: str | None) -> tuple[date, date] | None:
    """'2024' → 2024-01-01..2024-12-31; '2025-08-10/2025-08-13' → those days; None if not ISO."""
    if not text:
        return None
    if "/" in text:
        first, _, last = text.partition("/")
        a, b = bounds(first), bounds(last)
        return (a[0], b[1]) if a and b else None
    parts = text.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return date(year, 1, 1), date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if len(parts) == 3:
            day = date(year, month, int(parts[2]))
            return day, day
    except ValueError:
        return None
    return None


def inside(inner: str, outer: str) -> bool:
    """True when every day of `inner` lies within `outer`."""
    a, b = bounds(str(inner)), bounds(str(outer))
    return bool(a and b and b[0] <= a[0] and a[1] <= b[1])


def overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]
