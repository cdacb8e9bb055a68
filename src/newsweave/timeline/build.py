"""A story's timeline: dated events from every article, merged across outlets, background and plans marked.

A sentence is dated by the date of its own event: a date expression in a relative clause ("the embargo, which
expires Friday") dates what that clause describes, and does not date the sentence when the clause and the main
verb are one past and one future ("EU ministers had gathered ..."; "Kerry and Lavrov, who met on Tuesday,
emphasised ..." keeps Tuesday); such a sentence is what its article reports that day. An event later than the
article's date, or said in the future tense, is planned. Entries of one date that report the same event (alike
sentences, or fairly alike ones naming the same people, organisations and places) are one entry citing every
sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsweave.calendar_words import WEEKDAY_ALTERNATION, WEEKDAYS
from newsweave.datemath import month_end, shift_days
from newsweave.extract.wire import is_dateline_only
from newsweave.nlp import is_verb
from newsweave.summarize.standalone import standalone_line
from newsweave.summarize.support import support
from newsweave.timeline.resolve import CONTEXT_DAY_CONFIDENCE, Reference, Tense, reference_of, resolve
from newsweave.types import Article, Precision, TimelineEntry

_RANK = {"day": 0, "month": 1, "year": 2}
_FUTURE_AUX = {"will", "would", "'ll", "shall", "to", "wo"}
_SCHEDULING = ("schedul", "rescheduled", "set", "slated", "planned", "postpone", "delay", "adjourn", "called",
               "fixed", "due")
BACKGROUND_DAYS = 30
MAX_WORDS = 40
ENTITY_MERGE_THRESHOLD = 0.45
"""Sentences of different articles this similar that name at least ``SHARED_ENTITIES`` of the same people,
organisations or places report the same event (the merge threshold alone is for sentences without that
evidence). Within one article the shared names say little (its sentences share its topic): it needs the
merge threshold."""
SHARED_ENTITIES = 2

Similarity = Callable[[tuple[int, int], tuple[int, int]], float]
SentenceKey = tuple[int, int]
"""(article position, sentence index) in the story."""


@dataclass(frozen=True)
class Candidate:
    date: dt.date
    precision: Precision
    article: int
    sentence: int
    expression: str | None
    planned: bool = False


def _governing_verb(token: Any) -> Any | None:
    return next((t for t in [token, *token.ancestors] if is_verb(t)), None)


def verb_tense(verb: Any) -> Tense:
    """Past, future or unknown, from a verb's auxiliaries (shared along a conjunction) and tag."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    head = verb
    while not aux and head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # "will debate the motion on Monday and hold the vote Wednesday": shared auxiliary
        aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    if aux & _FUTURE_AUX:
        return "future"
    if verb.tag_ in ("VBD", "VBN") or aux & {"had", "has", "have", "was", "were", "did"}:
        return "past"
    return "unknown"


def tense_of(ent: Any) -> Tense:
    """Past, future or unknown, from the verb that governs a date expression (spaCy span)."""
    verb = _governing_verb(ent.root)
    if verb is None:
        return "unknown"
    if _scheduled_for(ent.root):
        return "future"  # "elections scheduled for April", "consultations set for Wednesday"
    tense = verb_tense(verb)
    if tense == "future":
        return tense
    if ent.root.lower_ in WEEKDAYS and verb.tag_ in ("VBZ", "VBP"):
        return "future"  # "the embargo expires Friday"
    return "past" if verb.tag_ in ("VBD", "VBN") else "unknown"


def in_relative_clause(ent: Any) -> bool:
    """The date expression belongs to a relative clause ("the embargo, which expires Friday"; "Kerry, who
    arrived on Monday"): it describes what that clause says, not necessarily the sentence's main event."""
    return any(t.dep_ == "relcl" for t in [ent.root, *ent.root.ancestors])


def main_tense(ent: Any) -> Tense:
    """The tense of the main verb of the sentence holding ``ent``."""
    root = ent.sent.root
    verb = root if is_verb(root) else None
    return verb_tense(verb) if verb is not None else "unknown"


def dates_the_sentence(ent: Any) -> bool:
    """Whether a date expression may date its sentence: any of the main clause, and one of a relative clause
    unless the clause and the main verb are one past and one future (a past main event is not dated by "which
    expires Friday"; "the aim is to revive an agreement that was reached last June" is dated by the agreement)."""
    return not in_relative_clause(ent) or {tense_of(ent), main_tense(ent)} != {"past", "future"}


def is_planned(date: dt.date, precision: Precision, tense: Tense, ref: Reference) -> bool:
    """An event after the article's date, or one said in the future tense that is not over by then."""
    return date > ref.date or (tense == "future" and _period_end(date, precision) >= ref.date)


def _scheduled_for(root: Any) -> bool:
    """The date is the object of "for" after a scheduling verb ("scheduled for April", "set for Dec. 18")."""
    t = root
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    prep = t.head
    return (t.dep_ == "pobj" and prep.lower_ == "for" and is_verb(prep.head)
            and prep.head.lower_.startswith(_SCHEDULING))


def _weekday_of(ent: Any) -> int | None:
    words = [t.lower_ for t in ent if t.lower_ in WEEKDAYS]
    return WEEKDAYS[words[0]] if len(words) == 1 and len(ent) <= 3 else None


def _short(text: str) -> str:
    words = text.split()
    return text if len(words) <= MAX_WORDS else " ".join(words[:MAX_WORDS]) + " …"


def _compatible(a: Candidate, b: Candidate) -> bool:
    coarse = max(_RANK[a.precision], _RANK[b.precision])
    if coarse == 0:
        return a.date == b.date
    if coarse == 1:
        return (a.date.year, a.date.month) == (b.date.year, b.date.month)
    return a.date.year == b.date.year


def _period_end(d: dt.date, p: Precision) -> dt.date:
    if p == "year":
        return dt.date(d.year, 12, 31)
    if p == "month":
        return month_end(d)
    return d


ArticleSimilarity = Callable[[int, int], float]


def references(
    arts: Sequence[Article], docs: Sequence[Any], article_similarity: ArticleSimilarity | None = None
) -> list[Reference | None]:
    """The date each article speaks from (see ``reference_of``). An undated article borrows the date of the dated
    article most like it (by ``article_similarity``, e.g. of their leads; without it, the latest dated one)."""
    return references_from_weekdays(arts, [past_weekdays(doc) for doc in docs], article_similarity)


def past_weekdays(doc: Any) -> tuple[int, ...]:
    """The weekdays (0 = Monday) a parsed article names as past days: all of its text ``references`` needs, so a
    caller that dates the same article again (``ingest``, batch after batch) can keep these instead of the Doc."""
    return tuple(w for ent in doc.ents if ent.label_ == "DATE" and (w := _weekday_of(ent)) is not None
                 and tense_of(ent) != "future")


_WEEKDAY_WORD = re.compile(rf"\b(?:{WEEKDAY_ALTERNATION})\b", re.I)


def weekday_sentences(a: Article) -> list[str]:
    """The article's sentences that name a weekday: all of its text that ``past_weekdays`` can find anything
    in (a date expression of one weekday word), so a caller with no other use for a parse parses only these."""
    return [t for i in range(len(a.sentences)) if _WEEKDAY_WORD.search(t := a.sentence_text(i))]


OUTLIER_DAYS = 60
"""A report this far from every other dated report of its story is not of its time: the clustering gives two
articles ``ClusterParams.max_gap_days`` (14) apart no similarity at all, so such an article joined its story by
its text, undated or misdated; the margin is wide so that a story's late follow-ups keep their dates."""
SURE_CONFIDENCE = 0.6
"""A publication date at least this sure (metadata, a labelled line, a dateline with its weekday) is never an
outlier; below it the date was read off the text."""


def date_outliers(arts: Sequence[Article]) -> frozenset[int]:
    """Positions of the articles whose date was read off their text (below ``SURE_CONFIDENCE``) and lies more than
    ``OUTLIER_DAYS`` from the trusted date of every other report of the story, while other reports do agree among
    themselves (two or more within that window of each other): a past event taken for the day of the report ("The
    first ever Match of the Day was broadcast on 22 August 1964", opening a report of 2007 on TV rights). Copies
    count once (reports are told apart by their opening), so two copies of a misdated report do not vouch for
    each other; a story whose dates are all far apart has no group to differ from, and keeps them. Sorted dates
    and a sliding window: no pair is compared."""
    dated = sorted((d.toordinal(), _opening(a), i) for i, a in enumerate(arts) if (d := a.published.trusted))
    if len(dated) < 3:
        return frozenset()
    in_window: Counter[str] = Counter()
    lo = hi = 0
    alone: list[int] = []
    grouped = False
    for day, _own, i in dated:
        while hi < len(dated) and dated[hi][0] <= day + OUTLIER_DAYS:
            in_window[dated[hi][1]] += 1
            hi += 1
        while dated[lo][0] < day - OUTLIER_DAYS:
            in_window[dated[lo][1]] -= 1
            if not in_window[dated[lo][1]]:
                del in_window[dated[lo][1]]
            lo += 1
        if len(in_window) > 1:  # another report (not a copy of this one) is dated near it
            grouped = True
        elif arts[i].published.confidence < SURE_CONFIDENCE:
            alone.append(i)
    return frozenset(alone) if grouped else frozenset()


def _opening(a: Article) -> str:
    """What tells two reports apart (copies share it): the first 200 characters of the text, spaces collapsed."""
    return " ".join(a.text[:200].split()).lower()


def references_from_weekdays(
    arts: Sequence[Article], weekdays: Sequence[Sequence[int]], article_similarity: ArticleSimilarity | None = None
) -> list[Reference | None]:
    """``references`` from each article's ``past_weekdays``.

    An article lends its date only when it is at least as sure of it as a borrower becomes
    (``CONTEXT_DAY_CONFIDENCE``): a photo caption's lower bound (0.4) dated all 132 articles of a Paris attacks
    story from a "Born on November 21 1985" line. Only an article without a trusted date of its own reads a
    context date (``reference_of`` ignores it otherwise), so the search over the story's dated articles runs for
    those alone: a story dated again after every ingest batch that adds to it no longer compares every article
    with every other."""
    all_dated = [(j, d) for j, x in enumerate(arts)
                 if (d := x.published.trusted) and x.published.confidence >= CONTEXT_DAY_CONFIDENCE]
    refs: list[Reference | None] = []
    for i, (a, past_wd) in enumerate(zip(arts, weekdays, strict=True)):
        context: dt.date | None = None
        dated = all_dated if a.published.trusted is None else []  # an undated article is never among them
        if dated:
            if article_similarity is None:
                context = max(d for _j, d in dated)
            else:
                context = max(dated, key=lambda jd: (article_similarity(i, jd[0]), jd[1]))[1]
        refs.append(reference_of(a, list(past_wd), context))
    return refs


def candidates(
    arts: Sequence[Article], docs: Sequence[Any], refs: Sequence[Reference | None]
) -> list[Candidate]:
    """Dated sentences of every article (and each article's lead, dated by its reference date)."""
    out: list[Candidate] = []
    for ai, (a, doc, ref) in enumerate(zip(arts, docs, refs, strict=True)):
        if ref is None:
            continue
        ents = [e for e in doc.ents if e.label_ == "DATE"]
        report_day = shift_days(ref.date, -1) if (ref.early_morning and ref.precision == "day") else ref.date
        for s in a.sentences:
            text = a.text[s.start : s.end]
            if is_dateline_only(text) or standalone_line(text) is None:
                continue  # "ISTANBUL, Turkey _" is no event; "He said on Monday ..." cannot be read alone
            found: list[tuple[dt.date, Precision, str, bool]] = []
            other_events = False
            for ent in ents:
                if not s.start <= ent.start_char < s.end:
                    continue
                tense = tense_of(ent)
                r = resolve(ent.text, ref, tense)
                if r is None:
                    continue
                if not dates_the_sentence(ent):
                    other_events = other_events or main_tense(ent) == "past"
                    continue
                found.append((r[0], r[1], ent.text, is_planned(r[0], r[1], tense, ref)))
            if found:
                d, p, expr, planned = min(found, key=lambda x: _RANK[x[1]])
                out.append(Candidate(d, p, ai, s.index, expr, planned))
            elif s.index == 0 or other_events:
                # The lead, or a sentence reporting a past event whose only dates describe something else:
                # what the article reports that day.
                out.append(Candidate(report_day, ref.precision, ai, s.index, None))
    return out


def same_event(
    x: SentenceKey, y: SentenceKey, similarity: Similarity, entities: Mapping[SentenceKey, frozenset[str]],
    threshold: float,
) -> bool:
    """Two dated sentences report one event: alike (``threshold``), or, from different articles, fairly alike
    (``ENTITY_MERGE_THRESHOLD``) and naming at least ``SHARED_ENTITIES`` of the same entities."""
    sim = similarity(x, y)
    if sim >= threshold:
        return True
    if x[0] == y[0] or sim < ENTITY_MERGE_THRESHOLD:
        return False
    return len(entities.get(x, frozenset()) & entities.get(y, frozenset())) >= SHARED_ENTITIES


def _supports(arts: Sequence[Article], head: Candidate, m: Candidate, similarity: Similarity) -> bool:
    """Whether a merged report of the event may be cited for the entry worded by ``head``: the support test of
    every further citation (``summarize.support``); the event grouping alone allows sentences that report the
    same event but say something else about it."""
    sim = similarity((head.article, head.sentence), (m.article, m.sentence))
    return support(arts[head.article].sentence_text(head.sentence), arts[m.article].sentence_text(m.sentence),
                   sim).supported


def build_timeline(
    arts: Sequence[Article],
    docs: Sequence[Any],
    similarity: Similarity,
    refs: Sequence[Reference | None] | None = None,
    merge_threshold: float = 0.6,
    entities: Mapping[SentenceKey, frozenset[str]] | None = None,
) -> tuple[TimelineEntry, ...]:
    """Events of a story in date order; the same event reported by several outlets, or twice by one, is one
    entry citing every sentence (``same_event``; ``entities``: the canonical entity names of each sentence)."""
    refs = list(refs) if refs is not None else references(arts, docs)
    names = entities or {}
    cands = candidates(arts, docs, refs)
    groups: list[list[Candidate]] = []
    for c in sorted(cands, key=lambda c: (_RANK[c.precision], c.date, c.article, c.sentence)):
        key = (c.article, c.sentence)
        best: tuple[float, int] | None = None
        for gi, g in enumerate(groups):
            if not _compatible(g[0], c):
                continue
            alike = [m for m in g if same_event((m.article, m.sentence), key, similarity, names, merge_threshold)]
            if not alike:
                continue
            # Among the events it matches, the most similar and nearest in time wins.
            score = max(similarity((m.article, m.sentence), key) for m in alike) - 0.01 * abs((g[0].date - c.date).days)
            if best is None or score > best[0]:
                best = (score, gi)
        if best is None:
            groups.append([c])
        else:
            groups[best[1]].append(c)
    starts = [r.date for r in refs if r is not None and r.precision != "year"]
    story_start = min(starts) if starts else None
    entries = []
    for g in groups:
        # The finest date; worded by a report of what happened rather than of the plan, when there is one.
        head = min(g, key=lambda m: (_RANK[m.precision], m.planned, m.date, m.article, m.sentence))
        a = arts[head.article]
        background = story_start is not None and _period_end(head.date, head.precision) < (
            shift_days(story_start, -BACKGROUND_DAYS)
        )
        others = sorted((m for m in g if m is not head), key=lambda m: (m.article, m.sentence))
        ok = {id(m) for m in others if _supports(arts, head, m, similarity)}
        cites = (a.cite(head.sentence), *(arts[m.article].cite(m.sentence) for m in others if id(m) in ok))
        reports = tuple(arts[m.article].cite(m.sentence) for m in others if id(m) not in ok)
        entries.append(TimelineEntry(
            date=head.date,
            precision=head.precision,
            text=_short(standalone_line(a.sentence_text(head.sentence)) or a.sentence_text(head.sentence)),
            citations=cites,
            background=background,
            expression=head.expression,
            planned=all(m.planned for m in g),
            reports=reports,
        ))
    entries.sort(key=lambda e: (e.date, _RANK[e.precision], e.text))
    return tuple(entries)
