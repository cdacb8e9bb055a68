"""Key dates and their sentences: date selection by how many reports refer back to a day and how many were
published on it (each article counted by how close it is to the collection, so that the off-topic articles a
keyword search gathers make no burst), then date-wise summarization (for each key date, the sentences dated to it,
ranked by lexical closeness to the day's centroid and to the collection's, and kept only when they do not repeat
one already chosen; split fragments and page time stamps left out).

Learned from the date-wise approach of Gholipour Ghalandari & Ifrim (2020, "Examining the state of the art in news
timeline summarization": rank dates, then summarize each date from the sentences that refer to it) and from
Martschat & Markert (2018) and Tran et al. (2013) on date importance from references and publication bursts.
Unsupervised: nothing is fitted to a reference timeline.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from newsweave.embed.base import Embedder
from newsweave.summarize.cite import numbers_conflict, places_conflict
from newsweave.tls.dating import DatedSentence
from newsweave.types import Article, Citation, KeyDate, SummaryLine


@dataclass(frozen=True)
class TlsParams:
    """How many dates and sentences, and the knobs of selection (validated here)."""

    dates: int
    sentences: int
    start: dt.date | None = None
    end: dt.date | None = None
    publication_weight: float = 1.0
    """Weight of the day's publication count against the count of later reports referring back to it."""
    burst_weight: float = 1.0
    """Weight of the day's publication burst: its publication count above the mean of the ``burst_window_days``
    days either side (0 when not above), scaled by its largest value. A day that stands out from its week is news;
    a day as busy as its neighbours is the coverage going on (Timeline17 side runs: see RESULTS.md, tls)."""
    burst_window_days: int = 7
    planned_weight: float = 0.5
    """A report announcing a day ahead counts this much of one referring back to it."""
    max_lag_days: int = 60
    """A sentence reporting a day more than this long after it is background, not that day's news."""
    lead_sentences: int | None = 5
    """A sentence dated only by its article's publication is a candidate when it is among the article's first
    this many (the lead says what happened that day; later ones are mostly background); None: all."""
    topic_weight: float = 1.0
    """Weight of a sentence's closeness to the whole collection (its TF-IDF centroid) beside its closeness to
    its day's: a collection gathered by keyword holds articles on other matters, whose days are otherwise
    summarized by them."""
    semantic_weight: float = 1.0
    """Weight of a sentence's closeness in meaning to its day's sentences (cosine of its sentence embedding to
    their mean) beside the two lexical closenesses; used when ``key_dates`` is given an embedder. Words shared
    with the day's reports favour the sentence that repeats their vocabulary; the embedding also credits the
    one that says the same in other words."""
    weigh_by_relevance: bool = True
    """Count each article in a day's score by its closeness to the collection (scaled to the closest), so that
    a day of off-topic articles does not look like a burst."""
    drop_fragments: bool = True
    """Leave out what is no sentence of the story: the rest of a sentence split in the middle (opening in lower
    case or on a closing bracket), or a page's time stamp line ("Wednesday 19 January 2005 14.24 GMT ...")."""
    min_words: int = 6
    max_words: int = 60
    redundancy: float = 0.5
    """A sentence this similar (TF-IDF cosine) to one already chosen for the timeline repeats it."""
    citation_threshold: float = 0.5
    """Another outlet's sentence of the same day this similar to a chosen one reports it too (and is cited)."""

    def __post_init__(self) -> None:
        if self.dates < 1:
            raise ValueError(f"dates must be at least 1, got {self.dates}")
        if self.sentences < 1:
            raise ValueError(f"sentences must be at least 1, got {self.sentences}")
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"start {self.start} is after end {self.end}")
        if not 0 <= self.redundancy <= 1 or not 0 <= self.citation_threshold <= 1:
            raise ValueError("redundancy and citation_threshold must be in [0, 1]")
        if self.topic_weight < 0 or self.semantic_weight < 0 or self.burst_weight < 0:
            raise ValueError("topic_weight, semantic_weight and burst_weight must be >= 0")
        if self.burst_window_days < 1:
            raise ValueError(f"burst_window_days must be at least 1, got {self.burst_window_days}")


def default_size(articles: Sequence[Article]) -> tuple[int, int]:
    """L dates and K sentences a date for a collection: more dates for more days with coverage (about two per
    square root of those days, 3 to 40), two sentences a date once there are enough reports (30 or more)."""
    days = {a.published.trusted for a in articles if a.published.trusted}
    n_days = max(1, len(days))
    dates = max(3, min(40, round(2 * math.sqrt(n_days))))
    return dates, (2 if len(articles) >= 30 else 1)


def _within(d: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    return (start is None or d >= start) and (end is None or d <= end)


def article_relevance(articles: Sequence[Article]) -> list[float]:
    """Each article's closeness to the collection: TF-IDF cosine of its text to the collection's centroid,
    scaled so the closest is 1 (all 1 when there is nothing to compare)."""
    if not articles:
        return []
    # scikit-learn costs ~0.5 s of start-up to import: only where a timeline is summarised
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, lowercase=True, min_df=2)
    try:
        m = vectorizer.fit_transform([a.text for a in articles])
    except ValueError:
        return [1.0] * len(articles)
    centroid = np.asarray(m.mean(axis=0)).ravel()
    sims = np.asarray(m @ centroid).ravel()
    top = float(sims.max())
    return [float(x) / top for x in sims] if top > 0 else [1.0] * len(articles)


def date_scores(
    dated: Sequence[DatedSentence], params: TlsParams, relevance: Sequence[float] | None = None
) -> dict[dt.date, float]:
    """Importance of each day: the articles that refer back to it (from a later day; announcements ahead at
    ``planned_weight``), plus ``publication_weight`` times the articles published on it, plus ``burst_weight``
    times how far that count stands above the mean of the ``burst_window_days`` days either side, each term
    scaled by its largest value so none dominates by scale. With ``relevance`` (by article position, as
    ``article_relevance``) each article counts that much, else 1."""
    referring: dict[dt.date, set[int]] = defaultdict(set)
    announcing: dict[dt.date, set[int]] = defaultdict(set)
    published: dict[dt.date, set[int]] = defaultdict(set)
    for s in dated:
        published[s.published].add(s.article)
        if s.mentioned and s.date != s.published:
            (announcing if s.planned else referring)[s.date].add(s.article)

    def count(ids: set[int]) -> float:
        return float(len(ids)) if relevance is None else sum(relevance[i] for i in ids)

    refs = {d: count(referring.get(d, set())) + params.planned_weight * count(announcing.get(d, set()))
            for d in set(referring) | set(announcing)}
    pubs = {d: count(v) for d, v in published.items()}
    days = set(refs) | set(pubs)
    bursts = _bursts(pubs, days, params.burst_window_days) if params.burst_weight else {}
    top_ref = max(refs.values(), default=0) or 1.0
    top_pub = max(pubs.values(), default=0) or 1.0
    top_burst = max(bursts.values(), default=0) or 1.0
    return {d: refs.get(d, 0) / top_ref + params.publication_weight * pubs.get(d, 0) / top_pub
            + params.burst_weight * bursts.get(d, 0) / top_burst for d in days}


def _bursts(pubs: dict[dt.date, float], days: set[dt.date], window: int) -> dict[dt.date, float]:
    """Each day's publication count above the mean count of the ``window`` days before and after it (0 if not)."""
    by_day = {d.toordinal(): v for d, v in pubs.items()}  # ordinals: no overflow at the calendar's ends
    out: dict[dt.date, float] = {}
    for d in days:
        o = d.toordinal()
        around = sum(by_day.get(o + k, 0.0) for k in range(-window, window + 1) if k)
        out[d] = max(0.0, by_day.get(o, 0.0) - around / (2 * window))
    return out


def _eligible(s: DatedSentence, articles: Sequence[Article], params: TlsParams) -> bool:
    if s.planned or not 0 <= s.lag <= params.max_lag_days:
        return False
    if not s.mentioned and params.lead_sentences is not None and s.sentence >= params.lead_sentences:
        return False
    text = articles[s.article].sentence_text(s.sentence)
    n = len(text.split())
    if params.drop_fragments and not is_story_sentence(text):
        return False
    return params.min_words <= n <= params.max_words and not text.rstrip().endswith("?")


_FRAGMENT = re.compile(r"^\s*(?:[a-z]|-[LR][RCS]B-|[)\]}\-–—,;:.])")
"""The rest of a sentence split in the middle ("-RRB- wants the oil giant to ...", "and then ...")."""
_TIMESTAMP = re.compile(r"\b\d{1,2}[.:]\d{2}\s*(?:GMT|BST|UTC|CET|EST|EDT|PST|PDT|ET)\b")


def is_story_sentence(text: str) -> bool:
    """Neither the rest of a sentence split in the middle nor a line carrying a page's time stamp."""
    return _TIMESTAMP.search(text) is None and _FRAGMENT.match(text) is None


def key_dates(
    articles: Sequence[Article], dated: Sequence[DatedSentence], params: TlsParams, embedder: Embedder | None = None
) -> tuple[KeyDate, ...]:
    """At most ``params.dates`` key dates in date order, each with at most ``params.sentences`` cited lines.
    With ``embedder`` (unit vectors, as every newsweave embedder gives), a day's sentences are also ranked by
    closeness in meaning (``params.semantic_weight``); without, by words alone."""
    relevance = article_relevance(articles) if params.weigh_by_relevance else None
    scores = {d: v for d, v in date_scores(dated, params, relevance).items() if _within(d, params.start, params.end)}
    pool: dict[dt.date, list[DatedSentence]] = defaultdict(list)
    for s in dated:
        if s.date in scores and _eligible(s, articles, params):
            pool[s.date].append(s)
    if not pool:
        return ()
    order = sorted(pool, key=lambda d: (-scores[d], d))
    rows = [s for d in order for s in sorted(pool[d], key=lambda s: (articles[s.article].id, s.sentence))]
    texts = [articles[s.article].sentence_text(s.sentence) for s in rows]
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, lowercase=True)
    try:
        matrix = vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # only stop words: nothing to compare
        matrix = sparse.csr_matrix(np.ones((len(texts), 1)))
    row_of = {(s.article, s.sentence): i for i, s in enumerate(rows)}
    topic = _unit(np.asarray(matrix.mean(axis=0)).ravel())
    meaning = embedder.encode(texts) if embedder is not None and params.semantic_weight else None
    chosen_rows: list[int] = []
    out: list[KeyDate] = []
    for d in order:
        if len(out) >= params.dates:
            break
        idx = [row_of[(s.article, s.sentence)] for s in pool[d]]
        lines = _summarize_day(articles, rows, matrix, idx, chosen_rows, params, topic, meaning)
        if lines:
            out.append(KeyDate(d, lines, round(scores[d], 4)))
    return tuple(sorted(out, key=lambda k: k.date))


def _unit(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return v / norm if norm else v


def _summarize_day(
    articles: Sequence[Article],
    rows: Sequence[DatedSentence],
    matrix: sparse.csr_matrix,
    idx: list[int],
    chosen_rows: list[int],
    params: TlsParams,
    topic: np.ndarray,
    meaning: np.ndarray | None = None,
) -> tuple[SummaryLine, ...]:
    """The day's most central sentences (cosine to the TF-IDF centroid of the day's sentences, plus
    ``topic_weight`` times the cosine to the collection's, ``topic``, plus ``semantic_weight`` times the cosine
    of the sentence embedding, a row of ``meaning``, to the mean of the day's), skipping any that repeat a
    sentence already chosen anywhere in the timeline; ``chosen_rows`` grows with the picks."""
    day = matrix[idx]
    central = np.asarray(day @ _unit(np.asarray(day.mean(axis=0)).ravel())).ravel()
    if params.topic_weight:
        central = central + params.topic_weight * np.asarray(day @ topic).ravel()
    if meaning is not None:
        vecs = meaning[idx]
        central = central + params.semantic_weight * (vecs @ _unit(vecs.mean(axis=0)))
    ranked = sorted(range(len(idx)), key=lambda k: (-round(float(central[k]), 9), idx[k]))
    lines: list[SummaryLine] = []
    for k in ranked:
        if len(lines) >= params.sentences:
            break
        r = idx[k]
        if chosen_rows:
            sims = (matrix[chosen_rows] @ matrix[r].T).toarray().ravel()
            if float(sims.max()) > params.redundancy:
                continue
        chosen_rows.append(r)
        s = rows[r]
        lines.append(SummaryLine(articles[s.article].sentence_text(s.sentence),
                                 _citations(articles, rows, matrix, idx, r, params.citation_threshold)))
    return tuple(lines)


def _citations(
    articles: Sequence[Article],
    rows: Sequence[DatedSentence],
    matrix: sparse.csr_matrix,
    idx: list[int],
    source: int,
    threshold: float,
) -> tuple[Citation, ...]:
    """The chosen sentence's own article first, then for every other outlet its sentence of the same day most
    like it (at least ``threshold``, with no conflicting figures or places), most similar first."""
    src = rows[source]
    src_article = articles[src.article]
    src_text = src_article.sentence_text(src.sentence)
    sims = (matrix[idx] @ matrix[source].T).toarray().ravel()
    best: dict[str, tuple[float, int]] = {}
    for k, r in enumerate(idx):
        s = rows[r]
        a = articles[s.article]
        if a.source_key == src_article.source_key or sims[k] < threshold:
            continue
        other = a.sentence_text(s.sentence)
        if numbers_conflict(src_text, other) or places_conflict(src_text, other):
            continue
        key = a.source_key
        if key not in best or (-sims[k], r) < (-best[key][0], best[key][1]):
            best[key] = (float(sims[k]), r)
    cites = [src_article.cite(src.sentence)]
    for _key, (sim, r) in sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0])):
        s = rows[r]
        cites.append(articles[s.article].cite(s.sentence, sim))
    return tuple(cites)
