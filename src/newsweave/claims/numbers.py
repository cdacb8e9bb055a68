"""Numbers with what they count, grouped across outlets.

A quantity is a number (optionally qualified: "more than", "at least", "as high as") with the thing it counts:
the noun after it ("22 seats", "a 60-member coalition") or, for death tolls, "people killed" whenever the clause
speaks of killing, deaths, lives or a death toll. Quantities that count the same thing in at least two articles
form a claim when at least two outlets report them. Each value keeps the source its sentence names ("the U.N.
estimated ..."); the same value from the same sentence is listed once. Verdict, per source (the outlets' own
unattributed figures are one group): ``agree`` (every two reports can be telling the same figure: they share a
value, or one's value lies in the span the other's qualifier allows, ``span_of``), ``changed_over_time`` (every
later report is at least as high as every earlier one, and reports of the same days agree), otherwise ``differ``;
a claim differs when any group does, and is ``sources_differ`` when only different named sources give figures
that cannot be the same.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsweave.calendar_words import MONTHS
from newsweave.claims.reading import read_figure
from newsweave.claims.sources import figure_source
from newsweave.summarize.support import POSSESSIVE, place_mentions, places_differ
from newsweave.types import Article, Claim, ClaimValue, Verdict

_QUAL = (r"more than|at least|at most|up to|as (?:many|high|much) as|almost|nearly|about|around|over|some|roughly|"
         r"an estimated|fewer than|less than|close to")
_NUM = re.compile(
    rf"(?P<qual>(?:{_QUAL})\s+)?(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:\s+(?P<mult>million|billion|thousand))?"
    r"(?P<hyph>-(?P<hnoun>[a-z]+))?(?=(?P<rest>(?:\s+[\w'’-]+){0,3}))",  # a look-ahead: "Covid-19 among the more
    # than 43,000" leaves "more than" to the next figure
    re.I,
)
_KILL = re.compile(r"\b(?:kill(?:ed|ing|s)?|died|dead|deaths?|death toll|lives|lost|casualties|fatalities)\b", re.I)
_KILLED = re.compile(r"killed|died|dead", re.I)
"""The words right after a figure that make it a death toll by themselves."""
_DEATHS = {"deaths", "death", "fatalities"}
"""Nouns of a death toll: "160 deaths" counts what "killed 160 people" counts, one measure."""
_HURT = re.compile(r"\b(?:injur(?:ed|ing|ies|y)|wound(?:ed|ing)|hurt|hospitali[sz]ed)\b", re.I)
"""Words of an injury count: "killed 213 people ... and injured 5,400" counts two things."""
_CLAUSE_END = re.compile(r"[,;:]|\s(?:and|but|or|while|as)\b", re.I)
_TOLL_BEFORE = re.compile(r"\b(?:death|casualty) toll\b(?:\s+\S+){0,8}\s*$", re.I)
_PEOPLE = {"people", "person", "persons", "civilians", "lives", "life", "syrians", "dead", "men", "women",
           "children", "soldiers", "fighters"}
_SKIP_NOUNS = {"am", "pm", "percent", "years", "year", "months", "month", "days", "day", "weeks", "week", "hours",
               "hour", "minutes", "minute", "seconds", "second", "decades", "decade", "times", "of", "and", "or",
               "to", "in", "strong", "old", "long", "point", "page", "mile", "foot", "inch", "odd", "on", "at", "by",
               "for", "from", "with", "after", "before", "since", "as", "a", "an", "the", "per", "pc", "degrees",
               "degree", "bn", "m", "mn", "tn", "k", "pence", "p", "basis", "ft", "fts", "q"}
"""Also amounts of money without the thing they pay for ("$ 2.65 bn", "# 3.9 m": a fund, a fine, a profit and a
spill's cost alike), share prices in pence and basis points: no one quantity to compare."""
_DISTANCES = {"miles", "kilometers", "kilometres", "kms", "km", "feet", "meters", "metres", "yards", "inches"}
"""Distances count nothing an outlet could report differently: 200 miles is one town's distance from another."""
_AUX = {"were", "was", "are", "is", "have", "has", "had", "been", "be", "being"}
"""Verbs between a figure and what it counts ("85 were injured"): never the thing counted."""
_ADJ = {"other", "of", "the", "its", "their", "annual"}
_INCREMENT = {"new", "more", "additional", "extra", "further"}
"""An increment is a quantity of its own: "61 new cases" on a day is not the total of "500 cases"."""
_KINDS = {"confirmed", "suspected", "probable", "possible", "reported", "suspect"}
"""Words that say which count of a noun it is: "79 confirmed cases" and "300 suspected cases" are two quantities."""
_COUNTED_PEOPLE = _PEOPLE | {"passengers", "residents", "patients", "students", "workers", "troops", "guests",
                              "pupils", "persons"}
"""Nouns of people: counted only with what happened to them (``_PEOPLE_VERB``), or as a toll."""
_NOT_PARTICIPLES = {"when", "then", "often", "even", "between", "women", "children", "seven", "eleven", "open",
                    "hundred", "golden", "wooden", "sudden", "listen", "happen", "garden", "kitchen", "red", "bed",
                    "need", "indeed", "speed", "seed", "feed", "hundreds"}
_PEOPLE_VERB = re.compile(
    r"^\s+(?:(?:more|other|new)\s+)?(?:" + "|".join(sorted(_COUNTED_PEOPLE)) + r")\s+(?:(?:have|had|has|were|was|are|is|"
    r"been|being|now|already|reportedly|so far|also)\s+)*(?P<verb>[a-z]+(?:ed|en))\b"
)
"""A count of people with what happened to them: "1,324 people had been admitted", "400 people quarantined"."""
_NOT_A_COUNT_AFTER = re.compile(
    r"^\s*(?:%|per\s*cent\b|percent\b|a\.m\.|p\.m\.|[ap]m\b|-\s*\d|to\s+\d|(?:st|nd|rd|th)\b|"
    r"(?:" + "|".join(m.capitalize() for m in sorted(MONTHS, key=len, reverse=True)) + r")\b)"
)
"""After a figure, words that make it no count: a percentage ("100 %", "5 per cent"), a time ("5 a.m."), the
first figure of a range ("80-90", "20 to 30": the range's figures are read on their own), an ordinal or the day
of a date as British outlets write it ("25 April 2009", "30th Apr")."""
_RATIO_BEFORE = re.compile(r"\b\d+\s+(?:in|out of)\s+$")
"""The second figure of a ratio: "1 in 100 people", "9 out of 10"."""
_FORECAST = re.compile(r"\b(?:expect(?:s|ed|ing|ations?)?|forecasts?|forecaster|predict(?:s|ed|ing|ions?)?|projected|"
                       r"looking for|anticipat(?:e|es|ed|ing))\b", re.I)
_SUPERSEDED_BEFORE = re.compile(r"\b(?:up|down)\s+from\s+(?:(?!to\b)[^\W\d][\w'’]*\s+){0,4}$|\bfrom\s+$", re.I)
_SUPERSEDED_AFTER = re.compile(rf"^\s+(?:[a-z]+\s+){{0,2}}to\s+(?:(?:{_QUAL})\s+)?\d", re.I)
"""A figure the sentence itself says was replaced: "down from officials' earlier estimate of 7,000", "lowered the
toll from 7,000 to about 6,100" (``_SUPERSEDED_BEFORE`` "from" only with ``_SUPERSEDED_AFTER``'s "to <figure>")."""
SAME_TIME_DAYS = 3
MAX_SPREAD = 2.0
"""Figures of one quantity of one event lie within this factor of each other (70,000 / 80,000 / 94,000 / 120,000
killed in Syria); a measure whose figures spread further counts different things (11 killed in Dar es Salaam,
213 in Nairobi, 5,400 hurt) and is split."""
_MULT = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


@dataclass(frozen=True)
class Quantity:
    value: float
    text: str
    measure: str
    """What is counted, normalised: 'people killed', 'seats', 'members', ..."""
    article: int
    sentence: int
    source: str | None = None
    """The source the sentence names for the figure, as written (``figure_source``)."""
    start: int = 0
    """Where the figure starts in its sentence."""


def _harm(m: re.Match[str], sent: str) -> str | None:
    """"people killed" or "people injured" when the words about the number say which: a kill or injury word
    within its next four words before a comma or conjunction ("11 people were killed and 85 were injured"),
    else the nearer of the two in the 80 characters before it ("killed 213 people, 12 of them Americans, and
    injured 5,400"); None when neither is there."""
    after = _CLAUSE_END.split(" ".join(sent[m.end("num"):].split()[:4]), maxsplit=1)[0]  # "20 | and wounded 50"
    kill, hurt = _KILL.search(after), _HURT.search(after)
    if kill or hurt:
        return "people injured" if hurt and (not kill or hurt.start() < kill.start()) else "people killed"
    before = sent[max(0, m.start() - 80): m.start()]
    last_kill = max((k.end() for k in _KILL.finditer(before)), default=-1)
    last_hurt = max((h.end() for h in _HURT.finditer(before)), default=-1)
    if last_kill < 0 and last_hurt < 0:
        return None
    return "people injured" if last_hurt > last_kill else "people killed"


def _plural(noun: str) -> str:
    """The measure's name for a counted noun: "seats" for "seat" or "seats"."""
    return noun if noun.endswith("s") else noun + "s"


def _figure_end(m: re.Match[str]) -> int:
    """Where the figure of ``_NUM``'s match ends: after its "million" / "billion" / "thousand" when it has one."""
    return m.end("mult") if m.group("mult") else m.end("num")


def _a_noun(word: str) -> bool:
    """Whether ``word`` can be what a figure counts (not a function word, a unit of time, a kill or hurt word)."""
    return (word.isalpha() and word not in _SKIP_NOUNS and word not in ("than", "that", "who", "which")
            and not _KILL.fullmatch(word) and not _HURT.fullmatch(word))


def _measure(m: re.Match[str], clause: str, sent: str) -> str | None:
    if m.group("hnoun"):
        noun = m.group("hnoun").lower()
        return None if noun in _SKIP_NOUNS else _plural(noun)
    if _TOLL_BEFORE.search(clause[: clause.find(m.group(0))] if m.group(0) in clause else ""):
        return "people killed"  # "the death toll rose to 2,000"
    words = [w.lower() for w in re.findall(r"[\w'’-]+", m.group("rest") or "")]
    k = next((i for i, w in enumerate(words) if w not in _ADJ and w not in _AUX), None)
    noun = None if k is None else words[k]
    if k is not None and noun in _INCREMENT:
        rest = next((w for w in words[k + 1:] if w not in _ADJ and w not in _AUX and w not in _INCREMENT), None)
        if rest is None or not _a_noun(rest) or rest in _COUNTED_PEOPLE:
            return None  # "11 more were killed", "14 more people", "12 more than last week"
        return f"new {_plural(rest)}"
    if k is not None and noun in _KINDS:
        kind = words[k + 1] if k + 1 < len(words) else None
        if kind is not None and (_KILL.fullmatch(kind) or _HURT.fullmatch(kind)):
            return "people injured" if _HURT.fullmatch(kind) else "people killed"  # "50 reported dead"
        if kind is None or not _a_noun(kind):
            return None  # "30 reported to hospitals", "the 12 suspected of involvement"
        return f"{noun} {_plural(kind)}"  # "79 confirmed cases"
    if noun is not None and _HURT.fullmatch(noun):
        return "people injured"  # "the more than 1,000 wounded", "85 were injured"
    if noun == "missing":
        return "people missing"  # "96 missing"
    if noun is not None and (_KILLED.fullmatch(noun) or noun in _DEATHS):
        return "people killed"  # "11 were killed", "250 dead", "160 deaths" (not "500 lost their homes")
    if (_KILL.search(clause) or _HURT.search(clause)) and (noun is None or noun in _PEOPLE or not noun.isalpha()):
        return _harm(m, sent) or "people killed"
    if noun is None or noun in _SKIP_NOUNS or not noun.isalpha():
        return None
    if noun in _COUNTED_PEOPLE:
        # people counted without what happened to them ("a country of 26 million people", "3000 people die every
        # day from malaria") are no one quantity: only "N people <verb>ed" says which
        said = _PEOPLE_VERB.match(sent[_figure_end(m):])
        verb = said.group("verb") if said else None
        return f"people {verb}" if verb and verb not in _NOT_PARTICIPLES else None
    plural = _plural(noun)
    after_noun = sent[m.end():]  # the look-ahead's words are not consumed: m.end() is right after the figure
    at = after_noun.lower().find(noun)
    tail = re.split(r"[,;:.]\s|\s(?:and|but|while|which|who)\s", after_noun[at + len(noun):], maxsplit=1)[0] if at >= 0 else ""
    rate = _RATE.search(" ".join(tail.split()[:6]))
    return f"{plural} a {rate.group('unit') or 'day'}" if rate else plural


_RATE = re.compile(r"\b(?:(?:a|per|each|every)\s+(?P<unit>day|year)|daily|a-day)\b", re.I)
"""A rate is a quantity of its own: "5,000 barrels a day" leaking is not the "364,500 barrels" recovered; the rate
is read in the next six words of the clause ("45,000 vehicles used the bridge each day")."""


def _superseded(sent: str, start: int, end: int) -> bool:
    """The figure at ``sent[start:end]`` is the old value of a revision the sentence reports."""
    before = _SUPERSEDED_BEFORE.search(sent, max(0, start - 60), start)
    if before is None:
        return False
    return before.group(0).lower().split()[0] in ("up", "down") or bool(_SUPERSEDED_AFTER.match(sent[end:]))


_RANGE_BEFORE = re.compile(
    r"(?:\bbetween\s+(?P<lo_b>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:million|billion|thousand))?\s+and"
    r"|(?<![\w.,–-])(?P<lo>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:million|billion|thousand))?\s*(?:to|-|–))"
    r"\s*$", re.I)
"""The first figure of a range before the second ("39 million to 111 million gallons", "840,000 to 1.2 million",
"between 20 and 30"): the range is one report, read as a span (``span_of``)."""


_REVISION_BEFORE = re.compile(
    r"\b(?:rose|risen|rises|raised|raising|lowered|lowering|increased|increasing|cut|revised|revising|climbed|fell|"
    r"fallen|jumped|dropped|up|down|grew|grown|went|changed|moved)\s+(?:[\w'’]+\s+){0,3}?from\s+$", re.I)
"""Before a "from X to Y", words of a revision ("the toll rose from 200 to 300", "raised the estimate from 5,000
to 12,000"): the report is the last figure, not a range ("anywhere from 39 million to 111 million" is one)."""


def find_quantities(arts: Sequence[Article], docs: Sequence[Any] | None = None,
                    years: Sequence[int | None] | None = None) -> list[Quantity]:
    """The figures of ``arts`` with what they count; a range ("39 million to 111 million gallons") is one figure
    whose text is the whole range. With ``docs`` (the articles' parses, ``claims.reading``), a figure of what
    only could happen ("could leak 100,000 barrels a day") is left out, and one the parse dates to a year well
    before its article's (``years``) measures that year's event ("the Exxon Valdez spilled 11 million gallons in
    1989": "gallons in 1989"), not the story's."""
    out: list[Quantity] = []
    for ai, a in enumerate(arts):
        doc = docs[ai] if docs is not None else None
        year = years[ai] if years is not None else None
        for s in a.sentences:
            sent = a.text[s.start : s.end]
            for m in _NUM.finditer(sent):
                raw = m.group("num").replace(",", "")
                value = float(raw) * _MULT.get((m.group("mult") or "").lower(), 1.0)
                if re.fullmatch(r"(?:19|20)\d\d", m.group("num")) and not m.group("qual"):
                    continue  # a year
                if value < 2:
                    continue
                if re.search(r"[A-Za-z]-$", sent[: m.start()]):
                    continue  # part of a name: "Covid-19", "G-20", "F-16"
                if re.search(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s*$", sent[: m.start()]):
                    continue  # the day of a date ("on May 26")
                end = _figure_end(m)
                if _NOT_A_COUNT_AFTER.match(sent[end:]) or _RATIO_BEFORE.search(sent[: m.start()]):
                    continue  # "100 %", "5 a.m.", "80-90", "25 April", "1 in 100"
                if _superseded(sent, m.start(), end):
                    continue  # the earlier figure of a revision the sentence reports: the new one is the report
                clause = sent[max(0, m.start() - 80) : m.end() + 60]
                if _FORECAST.search(sent[max(0, m.start() - 80) : m.start()]):
                    continue  # "economists had been looking for 845,000 new jobs": a forecast, not the count
                measure = _measure(m, clause, sent)
                if measure and measure not in _DISTANCES:
                    if doc is not None:
                        reading = read_figure(doc, s.start + m.start("num"), s.start + end, year)
                        if reading.hypothetical:
                            continue  # what only could happen: no report
                        if reading.past_year is not None:
                            measure = f"{measure} in {reading.past_year}"  # another, past event
                    begin = m.start()
                    lo = _RANGE_BEFORE.search(sent, max(0, begin - 40), begin) if not m.group("qual") else None
                    ranged = (lo is not None and _range_low(value, sent[lo.start() : end].strip()) is not None
                              and not _REVISION_BEFORE.search(sent, max(0, lo.start() - 60), lo.start()))
                    paired = re.search(r"\d\s?[-–]\s?$", sent[max(0, m.start() - 3) : m.start()])
                    if paired and (not ranged or re.match(r"\s*votes?\b", sent[end:], re.I)):
                        continue  # "a 54-35 vote", "a 47-52 vote": a tally's second figure counts no one thing
                    if ranged and lo is not None:
                        begin = lo.start()  # "39 million to 111 million": one report, its text the range
                        # (not "rose from 200 to 300": a revision, whose report is its last figure)
                    text = sent[begin : end].strip()
                    source = figure_source(sent, begin, end)
                    out.append(Quantity(value, text, measure, ai, s.index, source, begin))
    return out


Span = tuple[float, float]
_LOWER = re.compile(r"^(?:more than|at least|over|as (?:many|high|much) as|an? estimated more than)\b", re.I)
_UPPER = re.compile(r"^(?:at most|up to|fewer than|less than|almost|nearly|close to)\b", re.I)
_ABOUT = re.compile(r"^(?:about|around|some|roughly|an estimated|approximately)\b", re.I)


_RANGE_TEXT = re.compile(
    r"^(?:between\s+(?P<lo_b>[\d,.]+)(?:\s+(?P<lmult_b>million|billion|thousand))?\s+and"
    r"|(?P<lo>[\d,.]+)(?:\s+(?P<lmult>million|billion|thousand))?\s*(?:to|-|–))\s*", re.I)
_WRITTEN = re.compile(r"(?<![\d,.])(?P<num>\d+(?:\.(?P<dec>\d+))?)\s+(?:million|billion|thousand)\b", re.I)
RANGE_RATIO = 10.0
"""A range's low end is within this factor of its high end ("19 - 300" after "Covid" is no range)."""
MAX_ROUNDING = 0.05
"""What a written figure's last digit rounds is at most this share of it ("1 million" is not 0.5 to 1.5 million)."""


def _range_low(value: float, text: str) -> float | None:
    """The low end of a range written as ``text`` whose high end is ``value`` ("39 million to 111 million",
    "840,000 to 1.2 million"; a bare low end takes the high end's "million" when that keeps it below the high end:
    "20 to 30 million")."""
    m = _RANGE_TEXT.match(text)
    if m is None:
        return None
    try:
        lo = float((m.group("lo") or m.group("lo_b")).replace(",", "").rstrip("."))
    except ValueError:
        return None
    mult_word = m.group("lmult") or m.group("lmult_b")
    if mult_word:
        lo *= _MULT[mult_word.lower()]
    elif (high := _WRITTEN.match(text, m.end())) is not None:
        mult = _MULT[high.group(0).split()[-1].lower()]
        if lo * mult <= value:
            lo *= mult  # "20 to 30 million": 20 million ("840,000 to 1.2 million" stays bare)
    return lo if value / RANGE_RATIO <= lo <= value else None


def span_of(value: float, text: str) -> Span:
    """The values a figure as written allows: "more than 43,000" is 43,000 to a tenth above it (43,538 agrees
    with it; "at least 80,000" and 94,000 do not), "nearly 50" a tenth below to 50, "about 5,000" a tenth either
    way, a range its two ends ("840,000 to 1.2 million"), a figure in thousands, millions or billions what its
    last digit rounds, at most ``MAX_ROUNDING`` of it ("206 million" is 205.5 to 206.5 million, so 205.8 million
    agrees with it; "1.2 million" 1.15 to 1.25; "1 million" 0.95 to 1.05), "213" itself."""
    t = text.strip()
    if (low := _range_low(value, t)) is not None:
        return (low, value)
    if _LOWER.match(t):
        return (value, value * 1.1)
    if _UPPER.match(t):
        return (value * 0.9, value)
    if _ABOUT.match(t):
        return (value * 0.9, value * 1.1)
    written = _WRITTEN.search(t)
    if written is not None and written.end() == len(t):
        half = value / float(written.group("num")) * 0.5 * 10 ** -len(written.group("dec") or "")
        half = min(half, MAX_ROUNDING * value)
        return (value - half, value + half)
    return (value, value)


def _spans(vs: frozenset[float] | frozenset[Span]) -> list[Span]:
    return [v if isinstance(v, tuple) else (float(v), float(v)) for v in vs]


def _consistent(v1: frozenset[float] | frozenset[Span], v2: frozenset[float] | frozenset[Span]) -> bool:
    """Two reports can be telling the same figure: some value of one lies within a value of the other. Reports
    that share a figure (both give "3 feet" and "6 feet") do not disagree, whatever else they list."""
    return any(a[0] <= b[1] and b[0] <= a[1] for a in _spans(v1) for b in _spans(v2))


def verdict(values: Sequence[tuple[dt.date | None, frozenset[float] | frozenset[Span]]]) -> Verdict:
    """``values``: per report, its date and the values it gives (numbers, or the spans ``span_of`` allows)."""
    if all(_consistent(v1, v2) for _d1, v1 in values for _d2, v2 in values):
        return "agree"
    dated = [(d, vs) for d, vs in values if d is not None]
    if len(dated) < len(values) or len({d for d, _ in dated}) < 2:
        return "differ"
    for d1, v1 in dated:
        for d2, v2 in dated:
            gap = (d2 - d1).days
            if abs(gap) <= SAME_TIME_DAYS and not _consistent(v1, v2):
                return "differ"
            if gap > SAME_TIME_DAYS and any(a[0] > b[1] for a in _spans(v1) for b in _spans(v2)):
                return "differ"
    return "changed_over_time"


def claim_verdict(
    groups: Mapping[str | None, Sequence[tuple[dt.date | None, frozenset[float] | frozenset[Span]]]],
) -> Verdict:
    """``groups``: per source (None: the outlets' own figures), per report its date and values."""
    verdicts = {src: verdict(reports) for src, reports in groups.items()}
    if "differ" in verdicts.values():
        return "differ"
    figures = {src: frozenset(sp for _d, vs in reports for sp in _spans(vs)) for src, reports in groups.items()}
    if any(not _consistent(f1, f2) for f1 in figures.values() for f2 in figures.values()):
        return "sources_differ"
    return "changed_over_time" if "changed_over_time" in verdicts.values() else "agree"


_NOTES: dict[Verdict, str] = {
    "differ": "outlets report different values for overlapping periods",
    "changed_over_time": "later reports give higher values",
    "sources_differ": "different sources give different figures; each source's reports agree",
}


UNDATED_DIFFER_NOTE = ("outlets report different values; some reports are undated, so the figure may have changed "
                       "between them")
"""A "differ" whose reports are not all dated: no period can be said to overlap."""


_WORLD = re.compile(r"\b(?:world-?wide|globally|(?:around|across|throughout) the (?:world|globe))\b(?!['’])", re.I)
"""A figure counted over the whole world is a place's too: "160 deaths worldwide" is not Mexico's 103."""


def figure_places(sentence: str, q: Quantity, is_place: Callable[[str], bool] | None = None) -> frozenset[str]:
    """Where the figure ``q`` of ``sentence`` was counted: its source when that is a place (``is_place``:
    "Guatemala reported 100 storm-related deaths" is Guatemala's toll, not the region's; "El Salvador's
    committee listed 174 dead"), else the place named nearest it in its part of the sentence (between
    semicolons), the last before it ("In Honduras, at least 231 deaths", "El Salvador _ where 140 people died _
    ..., as did Guatemala, where 21 people died") or else the first after it ("killed 6,076 people in
    Honduras"), "world" counting as a place ("worldwide", "around the globe"); empty when none is named."""
    owner = re.split(r"['’]s\b", q.source, maxsplit=1)[0].strip() if q.source else ""
    if owner and is_place is not None and is_place(owner):
        read = place_mentions(f"in {owner}")  # the key a mention of it gets ("Central America": "america")
        return frozenset({read[0][1] if read else POSSESSIVE.sub("", owner.split()[0].lower())})
    begin = sentence.rfind(";", 0, q.start) + 1
    end = sentence.find(";", q.start)
    part = sentence[begin : end if end >= 0 else len(sentence)]
    at = q.start - begin
    mentions = sorted([*place_mentions(part), *((m.start(), "world") for m in _WORLD.finditer(part))])
    before = [p for s, p in mentions if s < at]
    after = [p for s, p in mentions if s >= at]
    near = before[-1:] or after[:1]
    return frozenset(near)


def same_quantity(
    qs: Sequence[Quantity], sentence_of: Callable[[Quantity], str], is_place: Callable[[str], bool] | None = None,
) -> list[list[Quantity]]:
    """``qs`` (one measure) split into the groups that can be one quantity of one event: each figure within
    ``MAX_SPREAD`` of its group's smallest, and no two of a group's figures counted in different places
    ("in Honduras" / "in Nicaragua", "Guatemala reported" / "El Salvador reported": ``figure_places``). When
    the story counts the measure in two or more places (each placing two or more figures: a place named once, as
    where a statement was made, does not count), a figure naming no place may be any of them or their total
    ("more than 10,000 dead" beside Honduras's 6,076), so it joins only figures naming no place either; with
    one such place or none, it joins as any other. Greedy from the smallest figure; deterministic."""
    groups: list[list[Quantity]] = []
    where = {id(q): figure_places(sentence_of(q), q, is_place) for q in qs}
    counted: list[frozenset[str]] = []  # places that place two or more figures (not a stray "in Washington")
    for p in set(where.values()):
        if p and sum(not places_differ(p, x) for x in where.values() if x) >= 2:
            counted.append(p)
    several = any(places_differ(a, b) for a in counted for b in counted)

    def fits(q: Quantity, x: Quantity) -> bool:
        a, b = where[id(q)], where[id(x)]
        return not places_differ(a, b) and not (several and bool(a) != bool(b))

    for q in sorted(qs, key=lambda q: (q.value, q.article, q.sentence)):
        home = next((g for g in groups if q.value <= MAX_SPREAD * g[0].value and all(fits(q, x) for x in g)),
                    None)
        if home is None:
            groups.append([q])
        else:
            home.append(q)
    return groups


def number_claims(
    arts: Sequence[Article], report_dates: Mapping[str, dt.date | None], min_outlets: int = 2,
    resolve: Callable[[str], str | None] | None = None, is_place: Callable[[str], bool] | None = None,
    docs: Sequence[Any] | None = None,
) -> tuple[Claim, ...]:
    """Quantities measuring the same thing in articles of at least ``min_outlets`` outlets, one claim per
    quantity (a measure split by ``same_quantity``). ``resolve`` maps a source as written to the story's
    canonical entity name ("U.N." -> "United Nations"), so one source is one group; ``is_place`` says whether a
    source as written is a place (the story's entities), whose figures are that place's own; ``docs`` the
    articles' parses (``find_quantities``: hypotheticals and past events)."""
    by_measure: dict[str, list[Quantity]] = defaultdict(list)
    seen: set[tuple[int, int, float]] = set()
    years = [(d.year if (d := report_dates.get(a.id)) else None) for a in arts]
    for q in find_quantities(arts, docs, years):
        if (q.article, q.sentence, q.value) not in seen:  # "120,000 ... as high as 120,000": listed once
            seen.add((q.article, q.sentence, q.value))
            by_measure[q.measure].append(q)

    def source_of(q: Quantity) -> str | None:
        return None if q.source is None else ((resolve(q.source) if resolve else None) or q.source)

    def sentence_of(q: Quantity) -> str:
        return arts[q.article].sentence_text(q.sentence)

    claims = []
    quantities = [(measure, g) for measure, qs in by_measure.items() for g in same_quantity(qs, sentence_of, is_place)]
    for measure, qs in quantities:
        if len({arts[q.article].label for q in qs}) < min_outlets:
            continue
        values = []
        per_report: dict[tuple[str | None, int], set[Span]] = defaultdict(set)
        for q in sorted(qs, key=lambda q: (report_dates.get(arts[q.article].id) or dt.date.max, q.article, q.value)):
            a = arts[q.article]
            src = source_of(q)
            per_report[(src, q.article)].add(span_of(q.value, q.text))
            values.append(ClaimValue(q.value, q.text, a.label, a.id, report_dates.get(a.id), a.cite(q.sentence),
                                     source=src))
        groups: dict[str | None, list[tuple[dt.date | None, frozenset[Span]]]] = defaultdict(list)
        for (src, ai), vs in per_report.items():
            groups[src].append((report_dates.get(arts[ai].id), frozenset(vs)))
        v = claim_verdict(groups)
        note = _NOTES.get(v)
        if v == "agree" and len({x.value for x in values}) > 1:
            note = "the figures differ only within what their 'about' / 'more than' allows"
        elif v == "differ" and any(x.report_date is None for x in values):
            note = UNDATED_DIFFER_NOTE
        claims.append(Claim(subject=measure, values=tuple(values), verdict=v, kind="number", note=note))
    claims.sort(key=lambda c: (-len({x.article_id for x in c.values}), c.subject))
    return tuple(claims)
