"""Offline story clustering: agglomerative clustering of article vectors with a publication-date penalty.

Similarity of two articles = cosine of their feature vectors (see ``features``) times a date factor (1 within
``window_days``, decaying after, 0 beyond ``max_gap_days``), then shifted by how crowded the two articles'
neighbourhoods are compared with the batch (``local_scale``). Stories are the clusters of average-linkage
agglomerative clustering cut at ``1 - threshold``. Storylines group stories whose members are similar when
dates are ignored (average linkage over stories, average member similarity, at ``storyline_threshold``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from newsweave.cluster.features import Span, params_vectors, span_factor_matrix, usable_span
from newsweave.cluster.ids import story_id, storyline_id
from newsweave.config import ClusterParams
from newsweave.embed import Embedder
from newsweave.types import Article, Story


def similarity_matrix(vectors: np.ndarray, spans: Sequence[Span | None], params: ClusterParams) -> np.ndarray:
    """Cosine x date factor (over each publication date's span of days), then ``local_scale``."""
    sim = np.clip(vectors @ vectors.T, 0.0, 1.0) * span_factor_matrix(
        spans, params.window_days, params.max_gap_days
    )
    np.fill_diagonal(sim, 1.0)
    return local_scale(sim, params.local_k, params.local_scaling)


def local_scale(sim: np.ndarray, k: int, alpha: float) -> np.ndarray:
    """Similarity relative to how crowded the two articles' neighbourhoods are.

    ``crowd[i]`` is the mean similarity of article ``i`` to its ``k`` nearest other articles (among those that
    the date factor lets it be compared with; an article with none gets the batch mean). A pair's
    similarity is lowered by ``alpha`` times how much the pair's mean crowding exceeds the batch's mean crowding
    (raised when it is below): in a crowded region (a dozen stories about one pandemic or one election) two
    articles must be closer than the global threshold to be one story, while in a sparse region the threshold
    relaxes. This is the self-tuning idea of Zelnik-Manor & Perona (2004), applied additively. Pairs kept apart
    by dates (similarity 0) stay apart; the diagonal stays 1. A no-op when ``k`` or ``alpha`` is 0 or the
    batch has fewer than ``k + 2`` articles.
    """
    n = sim.shape[0]
    if k <= 0 or alpha <= 0.0 or n < k + 2:
        return sim
    off = np.where(sim > 0.0, sim, np.nan)  # pairs kept apart by dates say nothing about crowding
    np.fill_diagonal(off, np.nan)
    top = -np.sort(-off, axis=1)[:, :k]  # descending, NaNs last
    counts = np.sum(~np.isnan(top), axis=1)
    crowd = np.where(counts > 0, np.nansum(top, axis=1) / np.maximum(counts, 1), np.nan)
    if np.all(np.isnan(crowd)):
        return sim
    crowd = np.where(np.isnan(crowd), np.nanmean(crowd), crowd)
    shift = alpha * (0.5 * (crowd[:, None] + crowd[None, :]) - crowd.mean())
    out = np.where(sim > 0.0, np.clip(sim - shift, 0.0, 1.0), 0.0)
    np.fill_diagonal(out, 1.0)
    return out


def batch_threshold(n: int, params: ClusterParams) -> float:
    """The similarity cut for a batch of ``n`` articles: ``threshold`` from ``full_threshold_articles`` up;
    below, ``small_batch_slope`` x ln(full / n) lower, never under ``min_threshold``.

    An article is compared with every other of its batch, and the best of n chance similarities grows like
    log n: in a 500-article day of news some article of another event is nearly as close as the article's own
    event, which is what ``threshold`` was tuned against; in a folder of ten articles on one event nothing is,
    and the same cut splits the event (31 of DUC 2004's 50 clusters digested alone, 121 of 303 AllSides val
    items of three articles). Local scaling cannot see this: in a batch smaller than ``local_k`` + 2 there is
    no crowding to compare, and in a small one every article's neighbourhood is its own event.
    """
    if n >= params.full_threshold_articles:
        return params.threshold
    lowered = params.threshold - params.small_batch_slope * math.log(params.full_threshold_articles / max(n, 1))
    return max(min(params.min_threshold, params.threshold), lowered)


def cluster_labels(sim: np.ndarray, threshold: float, method: str = "average") -> np.ndarray:
    """Flat cluster labels (0..k-1, numbered by first member) from a similarity matrix."""
    n = sim.shape[0]
    if n == 0:
        return np.zeros(0, dtype=int)
    if n == 1:
        return np.zeros(1, dtype=int)
    dist = 1.0 - sim
    dist = (dist + dist.T) / 2.0
    np.fill_diagonal(dist, 0.0)
    z = linkage(squareform(np.clip(dist, 0.0, None), checks=False), method=method)
    raw = fcluster(z, t=1.0 - threshold, criterion="distance")
    first: dict[int, int] = {}
    return np.array([first.setdefault(int(r), len(first)) for r in raw], dtype=int)


def _by_centrality(members: Sequence[int], sim: np.ndarray) -> list[int]:
    """``members`` most central first (highest total similarity to the others; ties by position)."""
    if len(members) == 1:
        return list(members)
    scores = sim[np.ix_(members, members)].sum(axis=1)
    return [members[int(i)] for i in np.argsort(-scores, kind="stable")]


def headline_member(members: Sequence[int], sim: np.ndarray, articles: Sequence[Article]) -> int:
    """The article that heads a story: of the more central half, the one whose headline ranks best
    (``Article.headline_rank``: a title or a whole hard-news lead, then a shortened hard-news lead, then any
    other whole lead), the most central first among equals. A titled article always ranks best, so titled
    collections are headed by their most central article; untitled wire copy by a real report of the event,
    not a feature's opening line or a cut sentence when a better one is there."""
    order = _by_centrality(members, sim)
    central = order[: max(1, (len(order) + 1) // 2)]
    best = min(range(len(central)), key=lambda k: (articles[central[k]].headline_rank, k))
    return central[best]


def _dates(articles: Sequence[Article]) -> list[dt.date]:
    """Trusted publication dates only (low-confidence dates do not bound a story)."""
    return [d for a in articles if (d := a.published.trusted) is not None]


def make_story(members: Sequence[Article], central: Article, storyline: str | None = None) -> Story:
    dates = _dates(members)
    return Story(
        id=story_id(a.id for a in members),
        article_ids=tuple(sorted(a.id for a in members)),
        headline=central.headline(),
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
        storyline_id=storyline,
    )


def storyline_groups(means: np.ndarray, threshold: float) -> list[int]:
    """Average-linkage groups of stories (dates ignored) at similarity ``threshold``, two stories' similarity
    being the average similarity of their members' vectors (``means`` are the stories' mean vectors, not
    re-normalised: ``mean_a . mean_b`` is that average). Not the cosine of re-normalised centroids: that grows
    as a story gets bigger and more diverse (its mean vector shrinks), so a few large stories pulled whole
    topics together (Timeline17 storylines 0.825 -> 0.513 when the stories grew)."""
    sim = np.clip(means @ means.T, 0.0, 1.0)
    np.fill_diagonal(sim, 1.0)
    return [int(x) for x in cluster_labels(sim, threshold, "average")]


def group_vectors(
    articles: Sequence[Article], vectors: np.ndarray, params: ClusterParams, cut_size: int | None = None
) -> tuple[Story, ...]:
    """Stories from precomputed article vectors (rows aligned with ``articles``), cut at the similarity for a
    batch of ``cut_size`` articles (``batch_threshold``; default: as many as there are)."""
    if not articles:
        return ()
    sim = similarity_matrix(vectors, [usable_span(a, params) for a in articles], params)
    labels = cluster_labels(sim, batch_threshold(cut_size or len(articles), params), params.linkage)
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        groups.setdefault(int(lab), []).append(i)
    members = list(groups.values())
    means = np.stack([vectors[m].mean(axis=0) for m in members])
    lines = storyline_groups(means, params.storyline_threshold)
    heads = [headline_member(m, sim, articles) for m in members]
    bare = [make_story([articles[i] for i in m], articles[h]) for m, h in zip(members, heads, strict=True)]
    line_members: dict[int, list[str]] = {}
    for s, line in zip(bare, lines, strict=True):
        line_members.setdefault(line, []).append(s.id)
    stories = [
        make_story([articles[i] for i in m], articles[h], storyline_id(line_members[line]))
        for m, h, line in zip(members, heads, lines, strict=True)
    ]
    return tuple(sorted(stories, key=_story_order))


def _story_order(s: Story) -> tuple[int, dt.date, int, str]:
    d = s.first_date
    return (0 if d is not None else 1, d or dt.date.max, -len(s.article_ids), s.id)


def group_stories(
    articles: Sequence[Article],
    embedder: Embedder,
    params: ClusterParams,
    vectors_of: Callable[[Sequence[Article]], np.ndarray] | None = None,
) -> tuple[Story, ...]:
    """Group articles into stories and link stories on the same topic into storylines.

    Deterministic: the result does not depend on the order of ``articles`` up to floating-point ties.
    Stories are ordered by first date (undated last), then size.
    ``vectors_of`` computes the clustering vectors of the (id-sorted) articles elsewhere, e.g. in parts on an
    executor; by default ``params_vectors`` here.
    """
    uniq = sorted({a.id: a for a in articles}.values(), key=lambda a: a.id)
    if not uniq:
        return ()
    vectors = vectors_of(uniq) if vectors_of is not None else params_vectors(uniq, embedder, params)
    return group_vectors(uniq, vectors, params)
