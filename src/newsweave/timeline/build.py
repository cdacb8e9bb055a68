"""A story's timeline: dated events from every article, merged across outlets, background marked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsweave.calendar_words import WEEKDAYS
from newsweave.datemath import month_end, shift_days
from newsweave.timeline.resolve import Reference, Tense, reference_of, resolve
from newsweave.types import Article, Precision, TimelineEntry

_RANK = {"day": 0, "month": 1, "year": 2}
_FUTURE_AUX = {"will", "would", "'ll", "shall", "to", "wo"}
_SCHEDULING = ("schedul", "rescheduled", "set", "slated", "planned", "postpone", "delay", "adjourn", "called",
               "fixed", "due")
BACKGROUND_DAYS = 30
MAX_WORDS = 40

Similarity = Callable[[tuple[int, int], tuple[int, int]], float]


@dataclass(frozen=True)
class Candidate:
    date: dt.date
    precision: Precision
    article: int
    sentence: int
    expression: str | None


def tense_of(ent: Any) -> Tense:
    """Past, future or unknown, from the verb that governs a date expression (spaCy span)."""
    verb = next((t for t in [ent.root, *ent.root.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return "unknown"
    if _scheduled_for(ent.root):
        return "future"  # "elections scheduled for April", "consultations set for Wednesday"
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    head = verb
    while not aux and head.dep_ == "conj" and head.head is not head:
        head = head.head  # "will debate the motion on Monday and hold the vote Wednesday": shared auxiliary
        aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    if aux & _FUTURE_AUX:
        return "future"
    if ent.root.lower_ in WEEKDAYS and verb.tag_ in ("VBZ", "VBP"):
        return "future"  # "the embargo expires Friday"
    if verb.tag_ in ("VBD", "VBN"):
        return "past"
    return "unknown"


def _scheduled_for(root: Any) -> bool:
    """The date is the object of "for" after a scheduling verb ("scheduled for April", "set for Dec. 18")."""
    t = root
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    prep = t.head
    return (t.dep_ == "pobj" and prep.lower_ == "for" and prep.head.pos_ == "VERB"
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
    refs: list[Reference | None] = []
    for i, (a, doc) in enumerate(zip(arts, docs, strict=True)):
        dated = [(j, d) for j, x in enumerate(arts) if j != i and (d := x.published.trusted)]
        context: dt.date | None = None
        if dated:
            if article_similarity is None:
                context = max(d for _j, d in dated)
            else:
                context = max(dated, key=lambda jd: (article_similarity(i, jd[0]), jd[1]))[1]
        past_wd = [w for ent in doc.ents if ent.label_ == "DATE" and (w := _weekday_of(ent)) is not None
                   and tense_of(ent) != "future"]
        refs.append(reference_of(a, past_wd, context))
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
        for s in a.sentences:
            found = []
            for ent in ents:
                if s.start <= ent.start_char < s.end:
                    r = resolve(ent.text, ref, tense_of(ent))
                    if r:
                        found.append((r, ent.text))
            if found:
                (d, p), expr = min(found, key=lambda x: _RANK[x[0][1]])
                out.append(Candidate(d, p, ai, s.index, expr))
            elif s.index == 0:
                d = shift_days(ref.date, -1) if (ref.early_morning and ref.precision == "day") else ref.date
                out.append(Candidate(d, ref.precision, ai, 0, None))
    return out


def build_timeline(
    arts: Sequence[Article],
    docs: Sequence[Any],
    similarity: Similarity,
    refs: Sequence[Reference | None] | None = None,
    merge_threshold: float = 0.6,
) -> tuple[TimelineEntry, ...]:
    """Events of a story in date order; the same event reported by several outlets is one entry citing all."""
    refs = list(refs) if refs is not None else references(arts, docs)
    cands = candidates(arts, docs, refs)
    groups: list[list[Candidate]] = []
    for c in sorted(cands, key=lambda c: (_RANK[c.precision], c.date, c.article, c.sentence)):
        best: tuple[float, int] | None = None
        for gi, g in enumerate(groups):
            if any(m.article == c.article for m in g) or not _compatible(g[0], c):
                continue
            sim = max(similarity((m.article, m.sentence), (c.article, c.sentence)) for m in g)
            # Among similar enough events, the most similar and nearest in time wins.
            score = sim - 0.01 * abs((g[0].date - c.date).days)
            if sim >= merge_threshold and (best is None or score > best[0]):
                best = (score, gi)
        if best is None:
            groups.append([c])
        else:
            groups[best[1]].append(c)
    starts = [r.date for r in refs if r is not None and r.precision != "year"]
    story_start = min(starts) if starts else None
    entries = []
    for g in groups:
        head = g[0]
        a = arts[head.article]
        background = story_start is not None and _period_end(head.date, head.precision) < (
            shift_days(story_start, -BACKGROUND_DAYS)
        )
        cites = tuple(arts[m.article].cite(m.sentence) for m in sorted(g, key=lambda m: (m.article, m.sentence)))
        entries.append(TimelineEntry(
            date=head.date,
            precision=head.precision,
            text=_short(a.sentence_text(head.sentence)),
            citations=cites,
            background=background,
            expression=head.expression,
        ))
    entries.sort(key=lambda e: (e.date, _RANK[e.precision], e.text))
    return tuple(entries)
