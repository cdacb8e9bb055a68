"""Publication dates: from metadata when there is some, otherwise inferred from the text with a confidence.

A date written in the body is evidence about the past, not the publication date, unless the text marks it as
the article's own. Evidence, strongest first, with the confidence it is given (calibrated on Timeline17's
articles, whose true dates are known; see ``evals/pubdates.py`` and benchmarks/RESULTS.md, "pubdates"):

1. a JSONL ``published`` field (0.95) or the page's own metadata (htmldate via trafilatura, 0.85);
2. a labelled date line ("Update : 08 May 2013", "Published: ...", a byline line with a date; 0.9);
3. a dateline: a full date written with its matching weekday ("Saturday, 25 April 2009"), the article's own
   day (0.85; 98% within a week on Timeline17);
4. a full date in the first 200 characters of the body, not just after 'since', 'born', 'resigned'... (0.45:
   trusted, not confident; 67% within a week on Timeline17) or in
   a photo caption (0.4, month precision: the photo's day is a lower bound), unless the date is a birth or an
   anniversary ("Born on November 21 1985, in ..." on a line dropped from the body);
5. month-day mentions without a year ("on May 26") once the year is known from a duration in the present
   perfect after a start the batch names ("has raged for almost 5 years" + "since ... March 2011", the two
   sentences sharing a name), and that year alone (0.45);
6. last resorts, kept as lower bounds but not trusted (below ``TRUSTED_CONFIDENCE``): the latest full date
   anywhere else in the text (a history, an anniversary: 37% within a week), and an unlabelled date line at the
   top of a scrape (often the day the page was saved). A month-year alone ("in March 2011") is no evidence:
   as a lower bound it was right for 7% of Timeline17's articles, so such articles stay undated.

Dates in sentences about the future ("will", "scheduled", "until"...) are not lower bounds and are skipped.
An inferred date is never later than the evidence allows: month-day mentions resolve to the latest such date
not after the reference, and durations count forward from their anchor.

Sentences are the article's own (``extract.sentences.split_sentences``, split once per article and passed in
as ``Sentence`` spans over the body): this module has no sentence splitter of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import dateparser

from newsweave.calendar_words import MONTHS, WEEKDAY_NAMES, WEEKDAYS, month_number
from newsweave.extract.wire import Dateline
from newsweave.types import PublishedDate, Sentence

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
_FUTURE_RE = re.compile(
    r"\b(?:will|would|could|might|shall|scheduled|schedule|due to|expected to|set to|plans? to|until|deadline|"
    r"next|upcoming|ahead of|by the end of)\b",
    re.I,
)
_PRESENT_PERFECT_RE = re.compile(r"\b(?:has|have|'s|'ve)\b|\b(?:the|these) (?:past|last)\b", re.I)
"""A duration counts up to the present only in the present perfect: 'has raged for', 'in the past two years'."""
_NARRATIVE_RE = re.compile(r"\b(?:had|later|previous|earlier|after|before|then)\b", re.I)
_PAST_CUE_RE = re.compile(r"\b(?:since|anniversary|born|died|ago|years?|decades?|former(?:ly)?|until|before|after|"
                          r"resigned|began|in)\b[^.]{0,30}$", re.I)
"""Words just before a full date that make it a date of the past, not a dateline ('since', 'resigned on')."""
_LIFE_CUE_RE = re.compile(r"\b(?:born|birth|anniversary)\b[^.]{0,30}$", re.I)
_AGO_RE = re.compile(r"\bago\b|\bearlier\b", re.I)
_WEEKDAY_BEFORE_RE = re.compile(rf"\b(?P<wd>{WEEKDAY_NAMES})\b[^.\n]{{0,12}}$")
_BYLINE_RE = re.compile(r"^\s*by\s+[A-Z]", re.I)
LEAD_CHARS = 200
"""A full date this close to the start of the body is likely the article's dateline."""
DATELINE_CONFIDENCE = 0.85
LEAD_CONFIDENCE = 0.45
CAPTION_CONFIDENCE = 0.4
ANCHORED_CONFIDENCE = 0.45
WEAK_CONFIDENCE = 0.25
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


def _match_date(m: re.Match[str]) -> dt.date | None:
    """The date of one ``FULL_DATE_RE`` match (None for an impossible day such as 30 February)."""
    if m.group("y1"):
        return _safe_date(int(m.group("y1")), month_number(m.group("m1")), int(m.group("d1")))
    if m.group("y2"):
        return _safe_date(int(m.group("y2")), month_number(m.group("m2")), int(m.group("d2")))
    return _safe_date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))


def full_dates(text: str) -> list[tuple[dt.date, str]]:
    """Every explicit day-month-year date in the text, with the matched string."""
    return [(d, m.group(0)) for m in FULL_DATE_RE.finditer(text) if (d := _match_date(m))]


Body = tuple[str, Sequence[Sentence]]
"""An article body and its own sentences (``split_sentences(text)``): spans over the text."""


def _texts(text: str, sentences: Sequence[Sentence]) -> Iterable[str]:
    return (text[s.start : s.end] for s in sentences)


def find_anchors(bodies: Iterable[Body]) -> DateContext:
    """Starts of ongoing events named in any body: 'since it began ... in March 2011'."""
    anchors: dict[dt.date, str] = {}
    for text, sentences in bodies:
        for sent in _texts(text, sentences):
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


_CALENDAR = set(MONTHS) | {w.lower() for w in WEEKDAYS}


def _shares_subject(sentence: str, anchor: str) -> bool:
    """Whether a duration sentence and an anchor sentence speak of the same thing: a capitalised word (not the
    first) in common when both name something, else a conflict word in common."""

    def words(t: str) -> tuple[set[str], set[str]]:
        toks = re.findall(r"[A-Za-z][\w-]+", t)
        names = {w for w in toks[1:] if w[0].isupper() and len(w) >= 4 and w.lower() not in _CALENDAR}
        return names, {w.lower() for w in toks if _CONFLICT_RE.fullmatch(w)}

    (names, conflict), (anchor_names, anchor_conflict) = words(sentence), words(anchor)
    if names and anchor_names:
        return bool(names & anchor_names)
    return bool(conflict & anchor_conflict)


def _duration_year(text: str, sentences: Sequence[Sentence], ctx: DateContext) -> tuple[int, str] | None:
    """Year reached by 'for almost 5 years' / 'in the past two years' counted from a batch anchor on the same
    subject (not 'years ago', not a future 'could drag on for years')."""
    if not ctx.anchors:
        return None
    best: tuple[int, str] | None = None
    for sent in _texts(text, sentences):
        if not _CONFLICT_RE.search(sent):
            continue
        anchor = next((a for a in ctx.anchors if _shares_subject(sent, a.evidence)), None)
        if anchor is None:
            continue
        for m in DURATION_RE.finditer(sent):
            before = sent[max(0, m.start() - 40) : m.start()]
            if (_AGO_RE.search(sent[m.end() : m.end() + 8]) or _FUTURE_RE.search(before[-30:])
                    or not _PRESENT_PERFECT_RE.search(before) or _NARRATIVE_RE.search(before)):
                continue
            n_raw = m.group("n").lower()
            n = int(n_raw) if n_raw.isdigit() else _NUM[n_raw]
            if n > 30:
                continue
            q = (m.group("q") or "").lower()
            months = n * 12 - (1 if q in ("almost", "nearly") else 0) + (2 if q in ("more than", "over") else 0)
            total = anchor.date.year * 12 + (anchor.date.month - 1) + months
            year = total // 12
            ev = f"{sent.strip()} [counted from: {anchor.evidence}]"
            if best is None or year > best[0]:
                best = (year, ev)
    return best


@dataclass(frozen=True)
class Mention:
    """A full date written in the text, with what marks it as the article's own day."""

    date: dt.date
    text: str
    start: int
    """Offset in the body (-1 for a line outside the body: captions, labels)."""
    weekday: bool
    """Written after its own weekday ("Saturday, 25 April 2009")."""
    future: bool
    """In a sentence about what will happen (not a lower bound)."""
    caption: bool
    """On a line dropped from the body (a photo caption, a label): the day of a picture, a lower bound."""
    past_cue: bool = False
    """Just after a word that dates the past ('since', 'resigned on', 'born')."""
    life_cue: bool = False
    """Just after a birth or an anniversary: a date of the past even on a caption's line, where "in Moscow, May 8,
    2013" (or "where 130 died, on November 14, 2015") is the picture's day."""


_FUTURE_WINDOW = 60
"""A future cue this close before a date (in its sentence) makes the date a plan, not a lower bound."""


def mentions(text: str, sentences: Sequence[Sentence] | None = None, caption: bool = False) -> list[Mention]:
    """Every full date of ``text`` as a ``Mention``: a body with its ``sentences``, or (``None``) a single line
    outside the body (a caption, a label), which is one sentence and has no offset in the body."""
    starts = [s.start for s in sentences] if sentences is not None else [0]
    out: list[Mention] = []
    for m in FULL_DATE_RE.finditer(text):
        d = _match_date(m)
        if d is None:
            continue
        wd = _WEEKDAY_BEFORE_RE.search(text[max(0, m.start() - 24) : m.start()])
        own_weekday = wd is not None and WEEKDAYS[wd.group("wd")] == d.weekday()
        i = bisect_right(starts, m.start()) - 1
        before = text[starts[i] if i >= 0 else 0 : m.start()]
        out.append(Mention(d, m.group(0), m.start() if sentences is not None else -1, own_weekday,
                           bool(_FUTURE_RE.search(before[-_FUTURE_WINDOW:])), caption,
                           bool(_PAST_CUE_RE.search(before[-40:])), bool(_LIFE_CUE_RE.search(before[-40:]))))
    return out


def infer_published(
    body: str,
    sentences: Sequence[Sentence],
    extra_lines: Sequence[str] = (),
    *,
    head_date_lines: Sequence[str] = (),
    hint: str | None = None,
    html_date: str | None = None,
    ctx: DateContext = DateContext(),
    dateline: Dateline | None = None,
) -> PublishedDate:
    """Best publication date for one article.

    ``sentences`` are the body's own (``split_sentences(body)``), computed once per article by the caller;
    ``extra_lines`` are lines removed as boilerplate (captions, labels, bylines) that may still carry dates;
    ``head_date_lines`` are unlabelled date-only lines from the top of a scrape. ``dateline`` is the wire dateline
    extraction split off the start of the body ("MOSCOW, May 7 (Reuters)"): a date in it is read as written at the
    start of the text, and a month-day in it ("May 7") as a month-day mention of the body.
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
        if _BYLINE_RE.match(line) and (fd := full_dates(line)):
            return PublishedDate(fd[0][0], "day", 0.9, line.strip())

    opening = dateline.text if dateline is not None else ""
    in_dateline = mentions(opening, (Sentence(0, 0, len(opening)),)) if opening else []
    found = in_dateline + mentions(body, sentences) + [x for line in extra_lines for x in mentions(line, caption=True)]
    past = [x for x in found if not x.future]
    own = [x for x in past if x.weekday]
    if own:  # the first: a blog page or a live page lists later posts after the article's own (36 vs 35 of 37)
        x = own[0]
        return PublishedDate(x.date, "day", DATELINE_CONFIDENCE, f"dateline: {x.text} (written with its weekday)")
    lead = [x for x in past if 0 <= x.start < LEAD_CHARS and not x.past_cue]
    if lead:
        x = lead[0]
        evidence = f"dateline: {opening}" if x in in_dateline else f"date at the start of the text: {x.text}"
        return PublishedDate(x.date, "day", LEAD_CONFIDENCE, evidence)
    captions = [x for x in past if x.caption and not x.life_cue]  # "Born on November 21 1985, in ..."
    if captions:
        x = max(captions, key=lambda x: x.date)
        return PublishedDate(x.date, "month", CAPTION_CONFIDENCE,
                             f"date in a caption: {x.text} (published on or after it)")

    anchored = _duration_year(body, sentences, ctx)
    if anchored:
        year, ev = anchored
        month_days = [
            d
            for m in MONTH_DAY_RE.finditer(f"{opening}\n{body}")
            if (d := _safe_date(year, month_number(m.group("m")), int(m.group("d"))))
        ]
        if month_days:
            d = max(month_days)
            return PublishedDate(d, "month", ANCHORED_CONFIDENCE, f"{d:%B} {d.day} mentioned; year from: {ev}")
        return PublishedDate(dt.date(year, 1, 1), "year", ANCHORED_CONFIDENCE, ev)
    if past:
        x = max(past, key=lambda x: x.date)
        return PublishedDate(x.date, "month", WEAK_CONFIDENCE,
                             f"latest date in the text: {x.text} (published on or after it; may be a date in the past)")
    for line in head_date_lines:
        fd = full_dates(line)
        if fd:
            return PublishedDate(fd[0][0], "day", 0.2, f"unlabelled date at the top of the page: {line.strip()}")
    return PublishedDate()
