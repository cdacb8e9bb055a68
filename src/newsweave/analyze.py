"""Per-story analysis: entities, quotes, timeline, claims and unique facts, from one parse of the articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from newsweave.claims import find_stances, number_claims, stance_claims
from newsweave.entities import build_entities, mentions_of
from newsweave.entities.canonical import CAPITALS, EntityIndex, Mention, decide_kinds, storm_names
from newsweave.extract.dates import WEAK_CONFIDENCE
from newsweave.nlp import parse
from newsweave.quotes.story import story_quotes
from newsweave.summarize.cite import UNPLACED_MARGIN, cite
from newsweave.summarize.standalone import standalone_line
from newsweave.timeline import Reference, build_timeline, references
from newsweave.timeline.build import date_outliers, past_weekdays, references_from_weekdays
from newsweave.timeline.resolve import CONTEXT_COARSE_CONFIDENCE, CONTEXT_DAY_CONFIDENCE
from newsweave.types import (
    Article,
    Citation,
    Claim,
    Entity,
    PublishedDate,
    Quote,
    SummaryLine,
    TimelineEntry,
    UniqueFact,
)

UNIQUE_MIN_WORDS = 8


@dataclass(frozen=True)
class Analysis:
    timeline: tuple[TimelineEntry, ...]
    entities: tuple[Entity, ...]
    claims: tuple[Claim, ...]
    unique: tuple[UniqueFact, ...]
    quotes: tuple[Quote, ...]
    refined_dates: tuple[tuple[str, PublishedDate], ...] = ()
    """(article id, better publication date) where the story context dates an article more precisely."""


class SentenceSpace:
    """Sentence vectors of a story's articles addressed by (article position, sentence index)."""

    def __init__(self, arts: Sequence[Article], vectors: np.ndarray) -> None:
        self.rows: dict[tuple[int, int], int] = {}
        for ai, a in enumerate(arts):
            for si in range(len(a.sentences)):
                self.rows[(ai, si)] = len(self.rows)
        if len(self.rows) != len(vectors):
            raise ValueError(f"expected {len(self.rows)} sentence vectors, got {len(vectors)}")
        self.vectors = vectors

    def similarity(self, x: tuple[int, int], y: tuple[int, int]) -> float:
        return float(self.vectors[self.rows[x]] @ self.vectors[self.rows[y]])

    def lead_similarity(self, i: int, j: int) -> float:
        """Similarity of two articles' leads (first sentences): what news the articles are pegged to."""
        if (i, 0) not in self.rows or (j, 0) not in self.rows:
            return 0.0
        return self.similarity((i, 0), (j, 0))


SentenceKey = tuple[str, int]
"""(article id, sentence index): a sentence as citations name it."""


def _keys(citations: Sequence[Citation]) -> set[SentenceKey]:
    return {(c.article_id, c.sentence_index) for c in citations}


def told_elsewhere(
    arts: Sequence[Article], summary: Sequence[SummaryLine], timeline: Sequence[TimelineEntry]
) -> set[SentenceKey]:
    """Sentences the rest of the brief already tells: every sentence a summary line cites, and every sentence of
    a timeline entry that merged more than one outlet's report (cited or, when it does not pass the support test
    for the entry's words, kept as one of its ``reports``)."""
    source = {a.id: a.source_key for a in arts}
    out: set[SentenceKey] = set()
    for line in summary:
        out |= _keys(line.citations)
    for entry in timeline:
        merged = (*entry.citations, *entry.reports)
        if len({source.get(c.article_id) for c in merged}) > 1:
            out |= _keys(merged)
    return out


def unique_facts(
    arts: Sequence[Article],
    space: SentenceSpace,
    threshold: float,
    told: AbstractSet[SentenceKey] = frozenset(),
    summary_sources: AbstractSet[SentenceKey] = frozenset(),
) -> tuple[UniqueFact, ...]:
    """Sentences of each outlet that no sentence of another outlet supports, by the citations' own support test
    (``summarize.cite.cite``: similarity at least ``threshold``, no conflicting figures or places), and that the
    rest of the brief does not already tell (``told``: a summary line's citations, a timeline entry merged across
    outlets; nor a sentence citing one of those; nor one that restates a summary line, ``summary_sources``, with
    other figures, as the summary's own repeat check has it), printed as ``standalone_line`` prints them (none
    opening with "He said ..."). Only named outlets' facts are listed: an article whose outlet is unknown still
    counts as another source (what it says is not unique to anyone else), but "only this outlet reports" cannot
    be said of it (two unnamed files may be one outlet; the 500 DUC files listed ~1,100 such facts by file name).
    All of them: the renderers show a few per outlet and say how many more there are."""
    labels = [a.source_key for a in arts]
    if len(set(labels)) < 2:
        return ()
    by_id = {a.id: k for k, a in enumerate(arts)}
    lines = [space.rows[(by_id[aid], si)] for aid, si in sorted(summary_sources) if aid in by_id]
    line_vecs = space.vectors[lines] if lines else None
    out: list[UniqueFact] = []
    for ai, a in enumerate(arts):
        if not a.outlet:
            continue
        others = [space.rows[(bj, sj)] for bj, b in enumerate(arts) if labels[bj] != labels[ai]
                  for sj in range(len(b.sentences))]
        if not others:
            continue
        other_vecs = space.vectors[others]
        for si in range(len(a.sentences)):
            text = standalone_line(a.sentence_text(si))  # read alone, like a summary line
            if text is None or len(text.split()) < UNIQUE_MIN_WORDS or (a.id, si) in told:
                continue
            vec = space.vectors[space.rows[(ai, si)]]
            if line_vecs is not None and float((line_vecs @ vec).max()) >= threshold + UNPLACED_MARGIN:
                continue  # "roughly 40,000 vehicles a day" beside the line "about 42,000 vehicles a day"
            if float((other_vecs @ vec).max()) >= threshold:
                # the loose link, not the support test: "only this outlet says it" needs no other outlet
                # saying much the same (a fact another outlet tells in part is not unique)
                support = cite(arts, space.vectors, (ai, si), threshold, check_support=False)[1:]
                if any(labels[by_id[c.article_id]] != labels[ai] for c in support) or _keys(support) & told:
                    continue
            out.append(UniqueFact(a.label, text, a.cite(si)))
    return tuple(out)


def sentence_entities(
    arts: Sequence[Article], mentions: Sequence[Mention], index: EntityIndex
) -> dict[tuple[int, int], frozenset[str]]:
    """The canonical names of the entities each sentence names, by (article position, sentence index)."""
    position = {a.id: ai for ai, a in enumerate(arts)}
    names: dict[tuple[int, int], set[str]] = {}
    for m in mentions:
        ai = position.get(m.article_id)
        if ai is None:
            continue
        si = next((s.index for s in arts[ai].sentences if s.start <= m.start < s.end), None)
        if si is not None:
            names.setdefault((ai, si), set()).add(index.resolve(m.text, m.kind) or m.text)
    return {k: frozenset(v) for k, v in names.items()}


def analyze(
    arts: Sequence[Article],
    vectors: np.ndarray,
    citation_threshold: float,
    summary: Sequence[SummaryLine] = (),
    docs: Sequence[Any] | None = None,
) -> Analysis:
    """Everything but the summary for one story. ``vectors`` are the sentence embeddings of ``arts`` in order;
    ``summary`` is the story's summary, which the unique facts do not repeat; ``docs`` the spaCy parses of the
    articles' texts, in order, when the caller has them (``nlp.parse_ahead``), else they are parsed here."""
    space = SentenceSpace(arts, vectors)
    docs = parse([a.text for a in arts]) if docs is None else docs
    storms = frozenset().union(*(storm_names(a.text) for a in arts))  # each article's own among them
    mentions = decide_kinds([m for a, d in zip(arts, docs, strict=True)
                             for m in mentions_of(a.id, d, a.sentences, storms)])
    entities, index = build_entities(mentions, {a.id: a.label for a in arts})
    kind_of = {e.name: e.kind for e in entities}

    def resolve(name: str) -> str | None:
        return CAPITALS.get(name.strip()) or index.resolve(name)

    quotes = story_quotes(arts, mentions, index, kind_of, docs)

    dated, demoted = demote_outliers(arts)
    refs = references(dated, docs, space.lead_similarity)
    timeline = build_timeline(arts, docs, space.similarity, refs, entities=sentence_entities(arts, mentions, index))
    report_dates: dict[str, dt.date | None] = {
        a.id: (r.date if r is not None else None) for a, r in zip(arts, refs, strict=True)
    }
    stances = stance_claims(arts, find_stances(arts, docs, resolve), report_dates)
    def is_place(name: str) -> bool:
        return kind_of.get(index.resolve(name) or name.strip()) == "place" or name.strip() in CAPITALS

    claims = number_claims(arts, report_dates, resolve=resolve, is_place=is_place, docs=docs) + stances
    refined = tuple({**demoted, **refined_dates(dated, refs)}.items())
    sources = {(line.citations[0].article_id, line.citations[0].sentence_index) for line in summary if line.citations}
    unique = unique_facts(arts, space, citation_threshold, told_elsewhere(arts, summary, timeline), sources)
    return Analysis(timeline, entities, claims, unique, quotes, refined)


_RANK = {"day": 0, "month": 1, "year": 2}


def story_dates(
    arts: Sequence[Article], lead_vectors: np.ndarray, weekdays: Sequence[Sequence[int]] | None = None
) -> dict[str, PublishedDate]:
    """Publication dates the story context makes more precise, without the rest of the analysis (what the
    store keeps for each article after an ingest). ``lead_vectors`` are the embeddings of each article's first
    sentence, in the order of ``arts`` (give the articles oldest first, as ``analyze`` gets them);
    ``weekdays`` each article's ``past_weekdays`` if the caller kept them (else the texts are parsed)."""
    if weekdays is None:
        weekdays = [past_weekdays(d) for d in parse([a.text for a in arts])]

    def lead_similarity(i: int, j: int) -> float:
        if not (arts[i].sentences and arts[j].sentences):
            return 0.0
        return float(lead_vectors[i] @ lead_vectors[j])

    dated, demoted = demote_outliers(arts)
    return {**demoted, **refined_dates(dated, references_from_weekdays(dated, weekdays, lead_similarity))}


def demote_outliers(arts: Sequence[Article]) -> tuple[list[Article], dict[str, PublishedDate]]:
    """``arts`` with the dates that lie far from the rest of their story (``date_outliers``) no longer trusted, and
    those dates (article id -> the demoted date, a mere lower bound). A demoted article then borrows the date of
    the article whose lead is most like its own, as an undated one does."""
    demoted = {arts[i].id: PublishedDate(p.date, p.precision, WEAK_CONFIDENCE,
                                         f"{p.evidence}; far from every other dated report of the story: not trusted")
               for i in date_outliers(arts) if (p := arts[i].published).date is not None}
    return [replace(a, published=demoted[a.id]) if a.id in demoted else a for a in arts], demoted


def refined_dates(arts: Sequence[Article], refs: Sequence[Reference | None]) -> dict[str, PublishedDate]:
    """(article id -> better publication date) where the story context dates an article more precisely."""
    return {a.id: p for a, r in zip(arts, refs, strict=True) if (p := refined_date(a, r)) is not None}


def refined_date(a: Article, ref: Reference | None) -> PublishedDate | None:
    """A publication date from the story context when it is more precise than the article's own."""
    own = a.published
    if ref is None or ref.date == own.date and ref.precision == own.precision:
        return None
    untrusted = own.trusted is None
    if untrusted or _RANK[ref.precision] < _RANK[own.precision or "year"]:
        conf = CONTEXT_DAY_CONFIDENCE if ref.precision == "day" else CONTEXT_COARSE_CONFIDENCE
        return PublishedDate(ref.date, ref.precision, conf, f"inferred in the story context: {ref.evidence}")
    return None
