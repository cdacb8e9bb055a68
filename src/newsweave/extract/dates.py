"""Publication dates: from metadata when there is some, otherwise inferred from the text with a confidence.

Evidence, strongest first:
1. a JSONL ``published`` field or the page's own metadata (htmldate via trafilatura);
2. a labelled date line ("Update : 08 May 2013", "Published: ...");
3. the latest full date written in the text or its captions ("May 8, 2013"): the article is not older, so
   we report that date as a lower bound at month precision;
4. month-day mentions without a year ("on May 26") once a year is known, and
5. a year from a duration after a known start ("raged for almost 5 years" + "since ... March 2011"), where
   the start may come from any article of the batch (``DateContext.anchors``);
6. an unlabelled date line at the top of a scrape (often the day the page was saved): weak, last resort.

An inferred date is never later than the evidence allows: month-day mentions resolve to the latest such date
not after the reference, and durations count forward from their anchor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import dateparser

from newsweave.calendar_words import month_number
from newsweave.types import PublishedDate

_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
FULL_DATE_RE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_RE})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_RE}),?\s+(?P<y2>(?:19|20)\d\d)"
    rf"|(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d))\b"
)
MONTH_DAY_RE = re.compile(rf"\b(?P<m>{_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+(?:19|20)\d\d)")
MONTH_YEAR_RE = re.compile(rf"\b(?P<m>{_MONTH_RE})\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)\b")
LABEL_RE = re.compile(
    r"\b(?:updated?|published|posted|last modified|first published|date)\b\s*(?:on)?\s*:?\s*(?P<rest>.{6,60})", re.I
)
_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "a": 1}
DURATION_RE = re.compile(
    r"\b(?P<q>almost|nearly|more than|over|about|around|roughly|some|the past|the last|past|last)?\s*"
    r"(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s+years?\b",
    re.I,
)
_START_RE = re.compile(r"\b(?:since|began|begun|beginning|start(?:ed)?|erupted|broke out|outbreak)\b", re.I)
_CONFLICT_RE = re.compile(r"\b(?:war|conflict|uprising|violence|fighting|crisis|protests?|revolution|insurgency)\b",
                          re.I)


@dataclass(frozen=True)
class Anchor:
    """A known start of something ongoing (e.g. an uprising in March 2011), usable to date durations."""

    date: dt.date
    evidence: str


@dataclass(frozen=True)
class DateContext:
    """Batch-level knowledge shared by all articles of a run (pure data, built by ``find_anchors``)."""

    anchors: tuple[Anchor, ...] = ()


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def full_dates(text: str) -> list[tuple[dt.date, str]]:
    """Every explicit day-month-year date in the text, with the matched string."""
    out: list[tuple[dt.date, str]] = []
    for m in FULL_DATE_RE.finditer(text):
        if m.group("y1"):
            d = _safe_date(int(m.group("y1")), month_number(m.group("m1")), int(m.group("d1")))
        elif m.group("y2"):
            d = _safe_date(int(m.group("y2")), month_number(m.group("m2")), int(m.group("d2")))
        else:
            d = _safe_date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
        if d:
            out.append((d, m.group(0)))
    return out


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def find_anchors(texts: Iterable[str]) -> DateContext:
    """Starts of ongoing events named in any text: 'since it began ... in March 2011'."""
    anchors: dict[dt.date, str] = {}
    for text in texts:
        for sent in _sentences(text):
            if not (_START_RE.search(sent) and _CONFLICT_RE.search(sent)):
                continue
            for m in MONTH_YEAR_RE.finditer(sent):
                d = dt.date(int(m.group("y")), month_number(m.group("m")), 1)
                anchors.setdefault(d, sent.strip())
    return DateContext(tuple(Anchor(d, e) for d, e in sorted(anchors.items())))


def _parse_label(rest: str) -> dt.date | None:
    fd = full_dates(rest)
    if fd:
        return fd[0][0]
    parsed = dateparser.parse(
        rest.split(",")[0] if len(rest) > 30 else rest,
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return parsed.date() if parsed else None


def _duration_year(text: str, ctx: DateContext) -> tuple[int, str] | None:
    """Year reached by 'for almost 5 years' / 'in the past two years' counted from a batch anchor."""
    if not ctx.anchors:
        return None
    best: tuple[int, str] | None = None
    for sent in _sentences(text):
        if not _CONFLICT_RE.search(sent):
            continue
        for m in DURATION_RE.finditer(sent):
            n_raw = m.group("n").lower()
            n = int(n_raw) if n_raw.isdigit() else _NUM[n_raw]
            if n > 30:
                continue
            anchor = ctx.anchors[0]
            q = (m.group("q") or "").lower()
            months = n * 12 - (1 if q in ("almost", "nearly") else 0) + (2 if q in ("more than", "over") else 0)
            total = anchor.date.year * 12 + (anchor.date.month - 1) + months
            year = total // 12
            ev = f"{sent.strip()} [counted from: {anchor.evidence}]"
            if best is None or year > best[0]:
                best = (year, ev)
    return best


def infer_published(
    body: str,
    extra_lines: Sequence[str] = (),
    *,
    head_date_lines: Sequence[str] = (),
    hint: str | None = None,
    html_date: str | None = None,
    ctx: DateContext = DateContext(),
) -> PublishedDate:
    """Best publication date for one article.

    ``extra_lines`` are lines removed as boilerplate (captions, labels) that may still carry dates;
    ``head_date_lines`` are unlabelled date-only lines from the top of a scrape.
    """
    if hint:
        parsed = dateparser.parse(hint, settings={"RETURN_AS_TIMEZONE_AWARE": False})
        if parsed:
            return PublishedDate(parsed.date(), "day", 0.95, f"metadata: {hint}")
    if html_date:
        try:
            return PublishedDate(dt.date.fromisoformat(html_date[:10]), "day", 0.85, f"page metadata: {html_date}")
        except ValueError:
            pass
    for line in extra_lines:
        m = LABEL_RE.search(line)
        if m and (d := _parse_label(m.group("rest"))):
            return PublishedDate(d, "day", 0.9, line.strip())

    all_text = "\n".join([*extra_lines, body])
    explicit = full_dates(all_text)
    if explicit:
        latest, s = max(explicit, key=lambda x: x[0])
        return PublishedDate(latest, "month", 0.5, f"latest date in the text: {s} (published on or after it)")

    year_ev: tuple[int, str] | None = _duration_year(body, ctx)
    mentioned_years = [int(m.group("y")) for m in MONTH_YEAR_RE.finditer(all_text)]
    if year_ev is None and mentioned_years:
        # Only a lower bound: the article is no older than the latest month it names.
        y = max(mentioned_years)
        year_ev = (y, f"latest month-year named in the text ({y})")
        year_conf = 0.25
    else:
        year_conf = 0.45
    if year_ev:
        year, ev = year_ev
        month_days = [
            d
            for m in MONTH_DAY_RE.finditer(body)
            if (d := _safe_date(year, month_number(m.group("m")), int(m.group("d"))))
        ]
        if month_days:
            d = max(month_days)
            return PublishedDate(d, "month", min(0.6, year_conf + 0.1),
                                 f"{d:%B} {d.day} mentioned; year from: {ev}")
        return PublishedDate(dt.date(year, 1, 1), "year", year_conf, ev)
    for line in head_date_lines:
        fd = full_dates(line)
        if fd:
            return PublishedDate(fd[0][0], "day", 0.2, f"unlabelled date at the top of the page: {line.strip()}")
    return PublishedDate()
