"""Date expressions resolved against an article's publication date.

``reference_of`` estimates the date an article speaks from (its publication date, refined by weekday mentions
when the publication date is only a lower bound); ``resolve`` turns one expression ("on Wednesday", "last June",
"May 22", "in June 2012", "since March 2011") into a date with a precision. Past-tense weekday and month
references resolve backwards from the reference, future ones forwards; a month-day without a year takes the
year that puts it nearest the reference (at most ~2 months ahead, otherwise in the past).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsweave.calendar_words import MONTH_ALTERNATION as _MONTH_NAMES
from newsweave.calendar_words import WEEKDAY_ALTERNATION as _WD
from newsweave.calendar_words import WEEKDAYS, month_number
from newsweave.datemath import add_months, month_start, shift_days, year_start
from newsweave.extract.dates import full_dates
from newsweave.types import Article, Precision

_TIME_RE = re.compile(r"\b(\d{1,2}):(\d{2})\s*(am|pm)?\b|T(\d{2}):\d{2}", re.I)

Resolved = tuple[dt.date, Precision]
_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50})
_NUMBER_WORDS = "|".join(sorted(_NUMBERS, key=len, reverse=True))


CONTEXT_DAY_CONFIDENCE = 0.45
"""The confidence of a publication date the story context gives to the day (a borrowed date made precise by
weekdays named in the past tense); other such dates get ``CONTEXT_COARSE_CONFIDENCE``. Only an article at least
this sure of its own date lends it to others (``timeline.build.references_from_weekdays``)."""
CONTEXT_COARSE_CONFIDENCE = 0.35


@dataclass(frozen=True)
class Reference:
    """The date an article speaks from."""

    date: dt.date
    precision: Precision
    early_morning: bool = False
    """Published before 06:00: undated lead events most likely happened the previous day."""
    evidence: str = ""


def _early(evidence: str | None) -> bool:
    m = _TIME_RE.search(evidence or "")
    if not m:
        return False
    if m.group(4):
        return int(m.group(4)) < 6
    hour = int(m.group(1)) % 12 + (12 if (m.group(3) or "").lower() == "pm" else 0)
    return hour < 6


def _first_on_or_after(d: dt.date, weekday: int) -> dt.date:
    return shift_days(d, (weekday - d.weekday()) % 7)


def _last_on_or_before(d: dt.date, weekday: int) -> dt.date:
    return shift_days(d, -((d.weekday() - weekday) % 7))


def _nearest(d: dt.date, weekday: int) -> dt.date:
    """The day with ``weekday`` within three days of ``d``."""
    delta = (weekday - d.weekday()) % 7
    return shift_days(d, delta if delta <= 3 else delta - 7)


_ELAPSED_RE = re.compile(
    rf"\b(\d{{1,3}}|{_NUMBER_WORDS})\s+(day|week|month)s?\s+(?:after|later|since)\b", re.I
)
_FUTURE_BEFORE_RE = re.compile(r"\b(?:will|would|could|expected|plans?|planned|is to|are to)\b[^.!?,;:]*$", re.I)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}


def elapsed_days(text: str) -> int:
    """The longest time the article says has passed since an earlier event ("11 weeks after it was closed",
    "three days later"), in days; 0 when it says none. Future statements in the same clause ("will reopen two
    weeks after") do not count."""
    best = 0
    for m in _ELAPSED_RE.finditer(text):
        if _FUTURE_BEFORE_RE.search(text[max(0, m.start() - 60) : m.start()]):
            continue
        n = _NUMBERS.get(m.group(1).lower()) if not m.group(1).isdigit() else int(m.group(1))
        best = max(best, (n or 0) * _UNIT_DAYS[m.group(2).lower()])
    return best


def reference_of(
    article: Article, past_weekdays: list[int], context_date: dt.date | None
) -> Reference | None:
    """Best estimate of the date ``article`` speaks from.

    A day-precise publication date is used as is. Otherwise a trusted publication date is a lower bound ``L``:
    when the article names weekdays in the past tense, it was published on the latest of their first occurrences
    on or after ``L``; a dated mention that the article calls "last week" moves ``L`` to the following week.
    An article without a trusted date borrows ``context_date`` (the date of the dated article whose lead is most
    like its own), moved on by the time the article says has passed since an earlier event ("11 weeks after it
    was closed": it cannot speak from the day of the closure): its past-tense weekdays are the occurrences nearest
    that date, else it is dated to its month.
    """
    p = article.published
    if p.date and p.precision == "day" and p.confidence >= 0.6:
        return Reference(p.date, "day", _early(p.evidence), p.evidence or "")
    lower: dt.date | None = p.trusted
    precision: Precision = p.precision or "month"
    evidence = p.evidence or ""
    if lower is None:
        if context_date is None:
            return None
        evidence = f"date of the article with the most similar lead ({context_date.isoformat()})"
        if (elapsed := elapsed_days(article.text)) > 0:
            context_date = shift_days(context_date, elapsed)
            evidence += f", {elapsed} days on as the article says"
        if past_weekdays:
            est = max(_nearest(context_date, w) for w in past_weekdays)
            return Reference(est, "day", False, f"{evidence}; weekdays named in the past tense")
        return Reference(context_date, "month", False, evidence)
    if precision == "year":
        return Reference(lower, "year", False, evidence)
    if (p.evidence or "").startswith("latest date in the text") and re.search(r"\blast week\b", article.text, re.I):
        lower = shift_days(lower, 7 - lower.weekday())
        evidence += "; the article calls it last week"
    if past_weekdays:
        est = max(_first_on_or_after(lower, w) for w in past_weekdays)
        return Reference(est, "day", False, f"{evidence}; weekdays named in the past tense")
    return Reference(lower, "month", False, evidence)


Tense = str  # "past", "future" or "unknown"


def resolve(expr: str, ref: Reference, tense: Tense = "unknown") -> Resolved | None:
    """One date expression as (date, precision), or None when it is not a point in time (e.g. a duration)."""
    e = expr.strip().lower().replace("’", "'")
    e = re.sub(r"'s$", "", e)
    e = re.sub(r"^(?:on|in|by|since|from|until|during|over|at|early|late|mid|the end of|the start of)\s+", "", e)
    e = re.sub(r"^the\s+", "", e)
    # "Monday, Dec. 12": the explicit date decides, the weekday only restates it.
    e = re.sub(rf"^(?:{_WD}),?\s+(?=(?:{_MONTH_NAMES})\.?\s+\d)", "", e)
    e = re.sub(r"^(?:earlier|later) (?=this (?:week|month|year)$)", "", e)
    if m := re.fullmatch(rf"(a|one|{_NUMBER_WORDS}|\d{{1,3}}) (year|day)s? ago", e):
        n = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS.get(m.group(1), 1)
        if m.group(2) == "day":
            return shift_days(ref.date, -n), ref.precision
        return year_start(ref.date.year - n), "year"
    if m := re.fullmatch(r"(last|next|this) year", e):
        return year_start(ref.date.year + {"last": -1, "next": 1, "this": 0}[m.group(1)]), "year"
    if re.search(r"\b(?:years?|months?|weeks?|days?|hours?)\b", e) and not re.fullmatch(
        r"(?:last|next|this) (?:week|month)", e
    ):
        return None  # durations: "the past four days", "almost 5 years"
    fd = full_dates(expr)
    if fd:
        return fd[0][0], "day"
    coarse = ref.precision == "year"
    if m := re.fullmatch(rf"({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?", e):
        month, day = month_number(m.group(1)), int(m.group(2))
        for year in (ref.date.year, ref.date.year - 1, ref.date.year + 1):
            try:
                cand = dt.date(year, month, day)
            except ValueError:
                return None
            if -300 <= (cand - ref.date).days <= 62:
                return cand, "day"
        return None
    if m := re.fullmatch(rf"({_MONTH_NAMES})\.?,?\s+((?:19|20)\d\d)", e):
        return dt.date(int(m.group(2)), month_number(m.group(1)), 1), "month"
    if m := re.fullmatch(r"((?:19|20)\d\d)", e):
        return dt.date(int(m.group(1)), 1, 1), "year"
    if m := re.fullmatch(rf"(last|next|this)?\s*({_MONTH_NAMES})", e):
        if m.group(2) in ("may",) and not m.group(1) and expr.strip()[:1].islower():
            return None  # the verb "may"
        month = month_number(m.group(2))
        if coarse:
            return dt.date(ref.date.year, month, 1), ("month" if m.group(1) != "last" else "year")
        here = dt.date(ref.date.year, month, 1)
        before = here if here <= ref.date.replace(day=1) else month_start(ref.date.year - 1, month)
        after = here if here >= ref.date.replace(day=1) else month_start(ref.date.year + 1, month)
        if m.group(1) == "last":
            return (before if before < ref.date.replace(day=1) else month_start(before.year - 1, month)), "month"
        if m.group(1) == "next" or tense == "future":
            return after, "month"
        if tense == "past":
            return before, "month"
        # No tense cue ("preparing for a conference in June"): the nearer of the two.
        nearer = after if (after - ref.date).days <= (ref.date - before).days else before
        return nearer, "month"
    if coarse:
        if re.fullmatch(rf"(?:(?:last|next|this)\s+)?(?:{_WD})(?:\s+(?:night|morning|afternoon|evening))?|today|"
                        r"yesterday|tonight|last night|(?:last|next|this) (?:week|month)|weekend", e):
            return dt.date(ref.date.year, 1, 1), "year"
        return None
    if m := re.fullmatch(rf"(last|next|this)?\s*({_WD})(?:\s+(?:night|morning|afternoon|evening))?", e):
        wd = WEEKDAYS[m.group(2)]
        if m.group(1) == "next":
            d = shift_days(ref.date, ((wd - ref.date.weekday() - 1) % 7) + 1)
        elif tense == "future" and m.group(1) != "last":
            # A bare weekday is within the coming week, and the reference's own weekday is the reference day
            # ("Ecevit was expected to meet Yilmaz on Thursday" in a Thursday story); a week later is "next".
            d = _first_on_or_after(ref.date, wd)
        else:
            d = _last_on_or_before(ref.date, wd)
        return d, ("day" if ref.precision == "day" else "month")
    if e in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return ref.date, ref.precision
    if e in ("yesterday", "last night"):
        return shift_days(ref.date, -1), ref.precision
    if e in ("weekend", "this weekend", "past weekend", "last weekend"):
        wp: Precision = "day" if ref.precision == "day" else "month"
        if e in ("weekend", "this weekend") and ref.date.weekday() >= 5:
            return _last_on_or_before(ref.date, 5), wp  # said on a Saturday or Sunday: the current weekend
        if e in ("weekend", "this weekend") and tense == "future":
            return _first_on_or_after(ref.date, 5), wp
        return _last_on_or_before(shift_days(ref.date, -1), 5), wp
    if e == "this week":
        return ref.date, "month"
    if e == "last week":
        return shift_days(ref.date, -7), "month"
    if e == "next week":
        return shift_days(ref.date, 7), "month"
    if e == "last month":
        return add_months(ref.date, -1), "month"
    if e == "next month":
        return add_months(ref.date, 1), "month"
    if e in ("month", "this month"):
        return ref.date.replace(day=1), "month"
    return None
