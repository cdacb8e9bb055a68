"""Offline story clustering: agglomerative clustering of article vectors with a publication-date penalty.

Similarity of two articles = cosine of their feature vectors (see ``features``) times a date factor (1 within
``window_days``, decaying after, 0 beyond ``max_gap_days``), then shifted by how crowded the two articles'
neighbourhoods are compared with the batch (``local_scale``). Stories are the clusters of average-linkage
agglomerative clustering cut at ``1 - threshold``. Storylines group stories whose members are similar when
dates are ignored (average linkage over stories, average member similarity, at ``storyline_threshold``).

Neither cut holds the whole article-by-article matrix: similarities are computed a block of rows at a time
(``ScaledSimilarity``), the articles split into the parts that pairs above the cut link (``linked_parts``, which
no cluster spans), and each part clustered alone from its condensed distances (``cut_parts``): the same stories,
in memory that grows with the largest part, not with the batch. "The same" up to exact ties: a block's float32
products can differ from the whole matrix's in the last bit (~2e-7), and scipy breaks exact ties by the order it
meets them, which a part alone can change."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Iterator, Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

from newsweave.cluster.features import (
    Span,
    SpanArrays,
    params_vectors,
    span_arrays,
    span_factor_between,
    usable_span,
)
from newsweave.cluster.ids import story_id, storyline_id
from newsweave.config import ClusterParams
from newsweave.embed import Embedder
from newsweave.types import Article, Story

BLOCK_CELLS = 1 << 22
"""Similarities computed a block of rows at a time, about this many cells (32 MB in float64) a block: the
whole article-by-article matrix of 10,000 articles would be 800 MB, and several of its copies 4.9 GB."""


PAIR_CELLS = 1 << 18
"""``linked_parts`` reads a block's pairs this many cells at a time (their index arrays are 8 bytes an entry, several
of them at once)."""


class ScaledSimilarity:
    """Cosine x date factor (over each publication date's span of days), then shifted by crowding
    (``local_scale``), computed for any rows and columns without holding the whole matrix.

    The crowding of every article (the mean similarity to its ``local_k`` nearest others) is measured once,
    a block of rows at a time; ``between`` then gives the scaled similarity of any two sets of articles, the
    same values as ``local_scale`` of the whole matrix."""

    def __init__(self, vectors: np.ndarray, spans: Sequence[Span | None], params: ClusterParams) -> None:
        self._v = vectors
        self._spans: SpanArrays = span_arrays(spans)
        self._params = params
        n = len(vectors)
        self.n = n
        self._crowd: np.ndarray | None = None
        self._mean = 0.0
        k, alpha = params.local_k, params.local_scaling
        if k <= 0 or alpha <= 0.0 or n < k + 2:
            return
        crowd = np.concatenate([_crowding(self.raw(rows, None), rows, k) for rows in row_blocks(n)])
        if np.all(np.isnan(crowd)):
            return
        self._crowd = np.where(np.isnan(crowd), np.nanmean(crowd), crowd)
        self._mean = float(self._crowd.mean())

    def raw(self, rows: np.ndarray, cols: np.ndarray | None) -> np.ndarray:
        """Cosine x date factor of ``rows`` against ``cols`` (all articles when None); an article against
        itself is 1."""
        v = self._v if cols is None else self._v[cols]
        spans = self._spans if cols is None else _take(self._spans, cols)
        p = self._params
        sim = np.clip(self._v[rows] @ v.T, 0.0, 1.0) * span_factor_between(
            _take(self._spans, rows), spans, p.window_days, p.max_gap_days
        )
        _set_self(sim, rows, cols, 1.0)
        return sim

    def between(self, rows: np.ndarray, cols: np.ndarray | None = None) -> np.ndarray:
        """The scaled similarity of ``rows`` against ``cols`` (all articles when None)."""
        sim = self.raw(rows, cols)
        if self._crowd is None:
            return sim
        col_crowd = self._crowd if cols is None else self._crowd[cols]
        return _shifted(sim, rows, cols, self._crowd[rows], col_crowd, self._mean, self._params.local_scaling)


def row_blocks(n: int) -> Iterator[np.ndarray]:
    """Row indices 0..n-1 in blocks of about ``BLOCK_CELLS`` cells of an n-column matrix."""
    step = max(1, BLOCK_CELLS // max(n, 1))
    return (np.arange(i, min(i + step, n)) for i in range(0, n, step))


def _take(spans: SpanArrays, idx: np.ndarray) -> SpanArrays:
    lo, hi, known = spans
    return lo[idx], hi[idx], known[idx]


def _self_cells(rows: np.ndarray, cols: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """(row position, column position) of the cells where an article meets itself."""
    if cols is None:
        return np.arange(len(rows)), rows
    where = {int(c): j for j, c in enumerate(cols)}
    pairs = [(i, where[int(r)]) for i, r in enumerate(rows) if int(r) in where]
    return np.array([p[0] for p in pairs], dtype=int), np.array([p[1] for p in pairs], dtype=int)


def _set_self(sim: np.ndarray, rows: np.ndarray, cols: np.ndarray | None, value: float) -> None:
    i, j = _self_cells(rows, cols)
    sim[i, j] = value


def _crowding(raw: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
    """Each row's mean similarity to its ``k`` nearest other articles among those with a similarity above 0
    (pairs kept apart by dates say nothing about crowding); NaN for a row with none. ``raw`` holds the rows
    against all articles."""
    vals = np.where(raw > 0.0, raw, -np.inf)
    _set_self(vals, rows, None, -np.inf)
    m = vals.shape[1]
    kk = min(k, m)
    top = np.partition(vals, m - kk, axis=1)[:, m - kk:]
    ok = np.isfinite(top)
    counts = ok.sum(axis=1)
    sums = np.where(ok, top, 0.0).sum(axis=1)
    return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


def _shifted(
    sim: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray | None,
    row_crowd: np.ndarray,
    col_crowd: np.ndarray,
    mean: float,
    alpha: float,
) -> np.ndarray:
    shift = alpha * (0.5 * (row_crowd[:, None] + col_crowd[None, :]) - mean)
    out = np.where(sim > 0.0, np.clip(sim - shift, 0.0, 1.0), 0.0)
    _set_self(out, rows, cols, 1.0)
    return out


def local_scale(sim: np.ndarray, k: int, alpha: float) -> np.ndarray:
    """Similarity relative to how crowded the two articles' neighbourhoods are.

    ``crowd[i]`` is the mean similarity of article ``i`` to its ``k`` nearest other articles (among those that
    the date factor lets it be compared with; an article with none gets the batch mean). A pair's
    similarity is lowered by ``alpha`` times how much the pair's mean crowding exceeds the batch's mean crowding
    (raised when it is below): in a crowded region (a dozen stories about one pandemic or one election) two
    articles must be closer than the global threshold to be one story, while in a sparse region the threshold
    relaxes. This is the self-tuning idea of Zelnik-Manor & Perona (2004), applied additively. Pairs kept apart
    by dates (similarity 0) stay apart; the diagonal stays 1. A no-op when ``k`` or ``alpha`` is 0 or the
    batch has fewer than ``k + 2`` articles. ``ScaledSimilarity`` computes the same a block at a time.
    """
    n = sim.shape[0]
    if k <= 0 or alpha <= 0.0 or n < k + 2:
        return sim
    rows = np.arange(n)
    crowd = _crowding(sim, rows, k)
    if np.all(np.isnan(crowd)):
        return sim
    crowd = np.where(np.isnan(crowd), np.nanmean(crowd), crowd)
    return _shifted(sim, rows, None, crowd, crowd, float(crowd.mean()), alpha)


def linked_parts(blocks: Iterable[tuple[np.ndarray, np.ndarray]], n: int, threshold: float) -> list[np.ndarray]:
    """The connected parts of the graph joining two of ``n`` items whose similarity is at least ``threshold``
    (either way round), from ``(rows, similarity of rows against all items)`` blocks; each part's items in
    order, parts by first item.

    Average (also single and complete) linkage never merges two clusters with no such pair between them (an
    average is at most the largest of its terms), so clustering each part alone and cutting at ``threshold``
    gives the clusters of the whole: the story cut holds one part's distances at a time. The pairs are never
    collected: each block's pairs join the parts found so far (only the pairs between two parts, once each),
    so memory is one block's, however densely the items are linked."""
    labels = np.arange(n)
    bar = threshold - 1e-9  # a superset of the pairs is harmless; rounding must not drop one
    step = max(1, PAIR_CELLS // max(n, 1))
    for rows, sim in blocks:
        for start in range(0, len(rows), step):  # the pairs of a few rows at a time: index arrays stay small
            i, j = np.nonzero(sim[start:start + step] >= bar)
            a, b = labels[rows[start + i]], labels[j]
            between = a != b
            if not between.any():
                continue
            lo, hi = np.minimum(a[between], b[between]), np.maximum(a[between], b[between])
            pairs = np.unique(lo.astype(np.int64) * n + hi)
            graph = coo_matrix((np.ones(len(pairs), dtype=np.int8), (pairs // n, pairs % n)), shape=(n, n))
            _count, joined = connected_components(graph, directed=False)
            labels = joined[labels]
    first: dict[int, list[int]] = {}
    for item, lab in enumerate(labels):
        first.setdefault(int(lab), []).append(item)
    return [np.array(m, dtype=int) for m in first.values()]


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
    """Flat cluster labels (0..k-1, numbered by first member) from a whole similarity matrix (symmetrised)."""
    n = sim.shape[0]
    if n <= 1:
        return np.zeros(n, dtype=int)
    dist = 1.0 - sim
    dist = (dist + dist.T) / 2.0
    np.fill_diagonal(dist, 0.0)
    return condensed_labels(squareform(np.clip(dist, 0.0, None), checks=False), n, threshold, method)


def headline_member(members: Sequence[int], sim: np.ndarray, articles: Sequence[Article]) -> int:
    """The article that heads a story: of the more central half, the one whose headline ranks best
    (``Article.headline_rank``: a title or a whole hard-news lead, then a shortened hard-news lead, then any
    other whole lead), the most central first among equals. A titled article always ranks best, so titled
    collections are headed by their most central article; untitled wire copy by a real report of the event,
    not a feature's opening line or a cut sentence when a better one is there."""
    if len(members) == 1:
        return members[0]
    scores = sim[np.ix_(members, members)].sum(axis=1)
    return members[head_by_scores(scores, [articles[i] for i in members])]


def head_by_scores(scores: np.ndarray, articles: Sequence[Article]) -> int:
    """``headline_member``'s choice (a position in ``articles``) from each article's total similarity to the
    others (ties by position)."""
    order = [int(i) for i in np.argsort(-scores, kind="stable")]
    central = order[: max(1, (len(order) + 1) // 2)]
    best = min(range(len(central)), key=lambda k: (articles[central[k]].headline_rank, k))
    return central[best]


def _head(members: list[int], sims: ScaledSimilarity, articles: Sequence[Article]) -> int:
    """``headline_member`` of a story, its members' total similarities summed a block of rows at a time (a
    story of thousands of articles never holds its whole matrix)."""
    if len(members) == 1:
        return members[0]
    idx = np.asarray(members)
    scores = np.concatenate([sims.between(idx[rows], idx).sum(axis=1) for rows in row_blocks(len(idx))])
    return members[head_by_scores(scores, [articles[i] for i in members])]


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

    def against(rows: np.ndarray, cols: np.ndarray | None) -> np.ndarray:
        sim = np.clip(means[rows] @ (means if cols is None else means[cols]).T, 0.0, 1.0)
        _set_self(sim, rows, cols, 1.0)
        return sim

    labels = np.zeros(len(means), dtype=int)
    for k, (part, local) in enumerate(cut_parts(len(means), against, threshold, "average")):
        labels[part] = k * len(means) + local  # distinct across parts; renumbered below
    first: dict[int, int] = {}
    return [first.setdefault(int(x), len(first)) for x in labels]


def cut_parts(
    n: int, against: Callable[[np.ndarray, np.ndarray | None], np.ndarray], threshold: float, method: str
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """``cluster_labels`` of ``n`` items cut at ``threshold``, one ``linked_parts`` part at a time:
    ``(part, its labels)`` for each part (by first item). ``against(rows, cols)`` is the similarity of items
    ``rows`` against ``cols`` (all items when None). ``method`` is average, complete or single linkage (the
    ones ``ClusterParams`` allows, none of which merges across parts). Memory is the largest part's condensed
    distances (8 bytes a pair, built a block of rows at a time), never the whole matrix."""
    if n == 0:
        return
    for part in linked_parts(((rows, against(rows, None)) for rows in row_blocks(n)), n, threshold):
        if len(part) == 1:
            yield part, np.zeros(1, dtype=int)
            continue
        yield part, condensed_labels(condensed_distances(part, against), len(part), threshold, method)


def condensed_distances(
    part: np.ndarray, against: Callable[[np.ndarray, np.ndarray | None], np.ndarray]
) -> np.ndarray:
    """``1 - similarity`` of every pair ``i < j`` of ``part`` in scipy's condensed order (the similarity of
    ``i`` to ``j``), a block of rows at a time."""
    m = len(part)
    out = np.empty(m * (m - 1) // 2, dtype=np.float64)
    for rows in row_blocks(m):
        sim = against(part[rows], part)
        for k, i in enumerate(rows):
            start = i * m - i * (i + 1) // 2
            out[start:start + m - i - 1] = 1.0 - sim[k, i + 1:]
    return np.clip(out, 0.0, None, out=out)


def condensed_labels(dist: np.ndarray, n: int, threshold: float, method: str) -> np.ndarray:
    """Flat cluster labels (0..k-1, numbered by first member) of ``n`` items from condensed distances."""
    raw = fcluster(linkage(dist, method=method), t=1.0 - threshold, criterion="distance")
    first: dict[int, int] = {}
    return np.array([first.setdefault(int(r), len(first)) for r in raw], dtype=int)


def group_vectors(
    articles: Sequence[Article], vectors: np.ndarray, params: ClusterParams, cut_size: int | None = None
) -> tuple[Story, ...]:
    """Stories from precomputed article vectors (rows aligned with ``articles``), cut at the similarity for a
    batch of ``cut_size`` articles (``batch_threshold``; default: as many as there are)."""
    if not articles:
        return ()
    sims = ScaledSimilarity(vectors, [usable_span(a, params) for a in articles], params)
    threshold = batch_threshold(cut_size or len(articles), params)
    members: list[list[int]] = []
    for part, labels in cut_parts(len(articles), sims.between, threshold, params.linkage):
        groups: dict[int, list[int]] = {}
        for item, lab in zip(part, labels, strict=True):
            groups.setdefault(int(lab), []).append(int(item))
        members.extend(groups.values())
    members.sort(key=lambda m: m[0])  # stories by first member, as one cut of the whole numbers them
    heads = [_head(m, sims, articles) for m in members]
    means = np.stack([vectors[m].mean(axis=0) for m in members])
    lines = storyline_groups(means, params.storyline_threshold)
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
