"""Calendar words in one place: English month and weekday names, their abbreviations and number lookups,
and the regex alternations built from them (used by extraction, publication dates and the timeline)."""

from __future__ import annotations

import calendar

_MONTH_NAMES: tuple[tuple[str, ...], ...] = (
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec"),
)
MONTHS: dict[str, int] = {m: i for i, names in enumerate(_MONTH_NAMES, start=1) for m in names}
"""Lower-case month names and abbreviations -> month number (1-12)."""

WEEKDAYS: dict[str, int] = {name: i for i, name in enumerate(calendar.day_name)}
WEEKDAYS.update({name.lower(): i for name, i in list(WEEKDAYS.items())})
"""Weekday names as written ("Monday") and lower-case -> weekday number (Monday = 0)."""

MONTH_ALTERNATION = "|".join(sorted(MONTHS, key=len, reverse=True))
"""Every lower-case month name and abbreviation, longest first (for case-insensitive regexes)."""
WEEKDAY_ALTERNATION = "|".join(d.lower() for d in calendar.day_name)
"""Full lower-case weekday names, Monday first."""
WEEKDAY_NAMES = "|".join(calendar.day_name)
"""Full weekday names as written ("Monday|Tuesday|..."), for case-sensitive regexes."""
WEEKDAY_ABBREVIATIONS = "|".join(d.lower() for d in calendar.day_abbr)


def month_number(name: str) -> int:
    """``"Sept."`` -> 9 (case and a trailing dot ignored)."""
    return MONTHS[name.lower().rstrip(".")]
