"""Which day each sentence reports on: the day of a resolved date expression in it, else its article's trusted
publication date. Planned events (a day after the article's publication, or a future-tense expression) are kept
apart, never placed as past events.

Only sentences that name a calendar word are parsed (spaCy DATE entities, in batches with ``nlp.pipe``); the
rest are dated by their article's publication date without a parse. That keeps dating thousands of articles
within minutes on two cores.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsweave.calendar_words import MONTH_ALTERNATION, WEEKDAY_ALTERNATION
from newsweave.timeline.build import tense_of
from newsweave.timeline.resolve import Reference, reference_of, resolve
from newsweave.types import Article

_CALENDAR_WORD = re.compile(
    rf"\b(?:{MONTH_ALTERNATION}|{WEEKDAY_ALTERNATION}|today|tonight|yesterday|last night|this morning|"
    r"this afternoon|this evening|weekend|(?:19|20)\d\d)\b",
    re.I,
)

Parser = Callable[[Sequence[str]], list[Any]]
"""Texts -> spaCy Docs in order (``newsweave.nlp.parse``; tests may pass a stub)."""


@dataclass(frozen=True)
class DatedSentence:
    """Sentence ``sentence`` of article ``article`` (positions in the collection) reports on ``date``.

    ``mentioned``: the day comes from a date expression in the sentence (else from the publication date);
    ``planned``: the day lies after the article's publication or is said in the future tense (a plan or a
    schedule, not an event that happened); ``expression``: the date expression as written."""

    article: int
    sentence: int
    date: dt.date
    published: dt.date
    mentioned: bool
    planned: bool = False
    expression: str | None = None

    @property
    def lag(self) -> int:
        """Days from the event to the report (negative for a planned event)."""
        return (self.published - self.date).days


def has_calendar_word(text: str) -> bool:
    """Whether a sentence names a month, weekday, year or relative day: the only ones worth parsing for dates."""
    return _CALENDAR_WORD.search(text) is not None


def _reference(a: Article) -> Reference | None:
    return reference_of(a, [], None) if a.published.trusted else None


def _day_mentions(doc: Any, ref: Reference) -> list[tuple[dt.date, str, bool]]:
    """(day, expression, future tense) of every DATE entity of the sentence that resolves to a single day."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        tense = tense_of(ent)
        r = resolve(ent.text, ref, tense)
        if r is not None and r[1] == "day":
            out.append((r[0], ent.text, tense == "future"))
    return out


def date_sentences(articles: Sequence[Article], parser: Parser) -> list[DatedSentence]:
    """Every sentence of every article with a trusted day-precise reference date, dated to the day it reports.

    A sentence with day-resolving date expressions reports on the first of them that is neither later than the
    publication nor said in the future tense (a sentence that names only such days is planned, dated to the first
    of them). A sentence whose date expressions resolve only to months or years reports on no single day and is
    left out; a sentence without a date expression reports on its article's publication date.
    """
    refs = [_reference(a) for a in articles]
    todo: list[tuple[int, int]] = []
    for ai, (a, ref) in enumerate(zip(articles, refs, strict=True)):
        if ref is None or ref.precision != "day":
            continue
        todo += [(ai, s.index) for s in a.sentences if has_calendar_word(a.sentence_text(s.index))]
    docs = parser([articles[ai].sentence_text(si) for ai, si in todo])
    parsed = dict(zip(todo, docs, strict=True))
    out: list[DatedSentence] = []
    for ai, (a, ref) in enumerate(zip(articles, refs, strict=True)):
        if ref is None or ref.precision != "day":
            continue
        pub = ref.date
        for s in a.sentences:
            doc = parsed.get((ai, s.index))
            if doc is None:
                out.append(DatedSentence(ai, s.index, pub, pub, False))
                continue
            days = _day_mentions(doc, ref)
            if not days:
                if any(e.label_ == "DATE" and resolve(e.text, ref, tense_of(e)) for e in doc.ents):
                    continue  # "in June", "last year": not one day, and not the publication day either
                out.append(DatedSentence(ai, s.index, pub, pub, False))
                continue
            past = [(d, e) for d, e, future in days if d <= pub and not future]
            if past:
                d, e = past[0]
                out.append(DatedSentence(ai, s.index, d, pub, True, False, e))
            else:
                d, e, _f = days[0]
                out.append(DatedSentence(ai, s.index, d, pub, True, True, e))
    return out
