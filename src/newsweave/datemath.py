"""Date arithmetic that stays inside the calendar.

``datetime.date`` covers years 1-9999 and raises (``OverflowError``, ``ValueError``) one step past either end. A
publication date read from an input can be ``0001-01-01`` or ``9999-12-31``, so every shift of a date by days,
months or years goes through these helpers, which stop at ``dt.date.min`` / ``dt.date.max`` instead of raising.
"""

from __future__ import annotations

import datetime as dt

MIN_YEAR = dt.MINYEAR
MAX_YEAR = dt.MAXYEAR


def shift_days(d: dt.date, days: int) -> dt.date:
    """``d + days`` days, saturating at the first / last day of the calendar."""
    ordinal = d.toordinal() + days
    return dt.date.fromordinal(min(max(ordinal, dt.date.min.toordinal()), dt.date.max.toordinal()))


def year_start(year: int) -> dt.date:
    """1 January of ``year``, the year clamped to the calendar (1-9999)."""
    return dt.date(min(max(year, MIN_YEAR), MAX_YEAR), 1, 1)


def month_start(year: int, month: int) -> dt.date:
    """The first day of ``month`` (1-12, may run past either end: 13 is January of the next year) of ``year``,
    clamped to the calendar's first / last month."""
    y, m = divmod(year * 12 + month - 1, 12)
    if y < MIN_YEAR:
        return dt.date.min
    if y > MAX_YEAR:
        return dt.date(MAX_YEAR, 12, 1)
    return dt.date(y, m + 1, 1)


def add_months(d: dt.date, k: int) -> dt.date:
    """The first day of the month ``k`` months from ``d``'s (clamped to the calendar)."""
    return month_start(d.year, d.month + k)


def month_end(d: dt.date) -> dt.date:
    """The last day of ``d``'s month."""
    if (d.year, d.month) == (MAX_YEAR, 12):
        return dt.date.max
    return shift_days(month_start(d.year, d.month + 1), -1)
