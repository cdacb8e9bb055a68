"""The offline story cut, made one linked part at a time and a block of rows at a time, gives the stories of the
cut of the whole similarity matrix (the algorithm the clusters were tuned with), and never holds that matrix."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

import newsweave.cluster.offline as offline
from newsweave.cluster.features import span_factor_matrix, usable_span
from newsweave.cluster.offline import (
    ScaledSimilarity,
    batch_threshold,
    group_vectors,
    headline_member,
    linked_parts,
    storyline_groups,
)
from newsweave.config import ClusterParams
from newsweave.types import Article, PublishedDate

P = ClusterParams()


def _articles(n: int, seed: int) -> list[Article]:
    """Articles with day, month-precision, low-confidence and no dates mixed, and titles or none."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        kind = rng.integers(4)
        day = dt.date(2020, 1, 1) + dt.timedelta(days=int(rng.integers(60)))
        pub = [PublishedDate(day, "day", 0.9), PublishedDate(day, "month", 0.8), PublishedDate(day, "day", 0.2),
               PublishedDate()][kind]
        out.append(Article(id=f"a{i:04d}", path=f"a{i}", text="x" * 100, sentences=(),
                           title=f"t{i}" if rng.random() < 0.5 else None, published=pub))
    return out


def _events(n: int, events: int, seed: int) -> np.ndarray:
    """Unit vectors in ``events`` groups of varying tightness, plus a shared topic direction for some groups
    (so that parts chain several events and the crowding varies)."""
    rng = np.random.default_rng(seed)
    dim = 256
    centres = rng.normal(size=(events, dim))
    topic = rng.normal(size=dim)
    centres[: events // 3] += 1.0 * topic
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    label = rng.integers(events, size=n)
    tight = rng.uniform(0.3, 0.9, size=events)[label]
    noise = rng.normal(size=(n, dim))
    noise /= np.linalg.norm(noise, axis=1, keepdims=True)
    v = np.sqrt(tight)[:, None] * centres[label] + np.sqrt(1 - tight)[:, None] * noise
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def _whole_matrix(vectors: np.ndarray, articles: list[Article], p: ClusterParams) -> np.ndarray:
    """The similarity matrix as the cut used to build it: all of it at once, crowding by a full sort."""
    sim = np.clip(vectors @ vectors.T, 0.0, 1.0) * span_factor_matrix(
        [usable_span(a, p) for a in articles], p.window_days, p.max_gap_days)
    np.fill_diagonal(sim, 1.0)
    n, k, alpha = len(sim), p.local_k, p.local_scaling
    off = np.where(sim > 0.0, sim, np.nan)
    np.fill_diagonal(off, np.nan)
    top = -np.sort(-off, axis=1)[:, :k]
    counts = np.sum(~np.isnan(top), axis=1)
    crowd = np.where(counts > 0, np.nansum(top, axis=1) / np.maximum(counts, 1), np.nan)
    crowd = np.where(np.isnan(crowd), np.nanmean(crowd), crowd)
    assert n >= k + 2
    shift = alpha * (0.5 * (crowd[:, None] + crowd[None, :]) - crowd.mean())
    out = np.where(sim > 0.0, np.clip(sim - shift, 0.0, 1.0), 0.0)
    np.fill_diagonal(out, 1.0)
    return out


def _whole_cut(sim: np.ndarray, threshold: float, method: str = "average") -> list[list[int]]:
    dist = 1.0 - sim
    dist = (dist + dist.T) / 2.0
    np.fill_diagonal(dist, 0.0)
    raw = fcluster(linkage(squareform(np.clip(dist, 0.0, None), checks=False), method=method),
                   t=1.0 - threshold, criterion="distance")
    groups: dict[int, list[int]] = {}
    for i, r in enumerate(raw):
        groups.setdefault(int(r), []).append(i)
    return sorted(groups.values())


@pytest.mark.parametrize(("seed", "method"), [(0, "average"), (1, "average"), (2, "average"), (3, "complete"),
                                              (4, "single")])
def test_stories_are_those_of_the_whole_cut(seed: int, method: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(offline, "BLOCK_CELLS", 2000)  # many blocks of rows even for 300 articles
    monkeypatch.setattr(offline, "PAIR_CELLS", 600 if seed % 2 else 1)  # a block's pairs read 2 rows / 1 row at a time
    n = 300
    arts, vectors = _articles(n, seed), _events(n, 40, seed)
    whole = _whole_matrix(vectors, arts, P)
    np.testing.assert_allclose(ScaledSimilarity(vectors, [usable_span(a, P) for a in arts], P)
                               .between(np.arange(n)), whole, atol=1e-6)
    threshold = batch_threshold(n, P)
    expected = _whole_cut(whole, threshold, method)
    parts = linked_parts([(np.arange(n), whole)], n, threshold)
    assert 1 < len(parts) < n - 20  # several parts, some of many articles
    if method != "single":  # single linkage's clusters are the parts
        assert 1 < len(parts) < len(expected) < n - 20  # parts of several stories of many sizes
    cells: list[int] = []
    between = ScaledSimilarity.between

    def spy(self: ScaledSimilarity, rows: np.ndarray, cols: np.ndarray | None = None) -> np.ndarray:
        out = between(self, rows, cols)
        cells.append(out.size)
        return out

    monkeypatch.setattr(ScaledSimilarity, "between", spy)
    stories = group_vectors(arts, vectors, replace(P, linkage=method))
    assert max(cells) <= 2000  # blocks of rows only: never n x n, nor a whole part's or story's matrix
    index = {a.id: i for i, a in enumerate(arts)}
    got = sorted(sorted(index[x] for x in s.article_ids) for s in stories)
    assert got == expected
    heads = {s.id: s.headline for s in stories}
    for s in stories:  # the headline member is the whole matrix's choice
        members = sorted(index[x] for x in s.article_ids)
        assert heads[s.id] == arts[headline_member(members, whole, arts)].headline()


def test_parts_join_items_above_the_bar_either_way_round() -> None:
    sim = np.array([[1.0, 0.5, 0.0, 0.0], [0.1, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.3, 1.0]])
    parts = linked_parts([(np.array([0, 1]), sim[:2]), (np.array([2, 3]), sim[2:])], 4, 0.3)
    assert [p.tolist() for p in parts] == [[0, 1], [2, 3]]
    chain = np.eye(5)  # 0-3 and 3-4 seen in the first block, 1-4 only in the last: one part across blocks
    chain[0, 3] = chain[3, 4] = chain[4, 1] = 0.9
    blocks = [(np.array([0]), chain[:1]), (np.array([1, 2]), chain[1:3]), (np.array([3, 4]), chain[3:])]
    assert [p.tolist() for p in linked_parts(blocks, 5, 0.5)] == [[0, 1, 3, 4], [2]]
    assert [p.tolist() for p in linked_parts([(np.arange(4), sim)], 4, 0.6)] == [[0], [1], [2], [3]]


def test_storylines_are_those_of_the_whole_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(offline, "BLOCK_CELLS", 500)
    means = _events(120, 12, 5) * 0.8  # story means are shorter than unit vectors
    sim = np.clip(means @ means.T, 0.0, 1.0)
    np.fill_diagonal(sim, 1.0)
    expected = _whole_cut(sim, P.storyline_threshold)
    assert 1 < len(expected) < 100
    labels = storyline_groups(means, P.storyline_threshold)
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        groups.setdefault(lab, []).append(i)
    assert sorted(groups.values()) == expected
    assert labels[0] == 0 and max(labels) == len(groups) - 1  # numbered by first member
