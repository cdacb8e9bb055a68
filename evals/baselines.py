"""Classic extractive baselines for multi-document summarization, on numpy / scikit-learn.

Each baseline ranks sentences; :func:`fill` then takes them in rank order, skipping near-duplicates
(cosine > 0.5 to an already chosen sentence), until the word budget is reached. As in the DUC systems,
the last sentence may overshoot the budget; ROUGE's ``-l`` cut truncates it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from newsweave.summarize.select import stem_tokens
from newsweave.textutil import STOPWORDS

Ranker = Callable[["SentencePool"], list[int]]


@dataclass(frozen=True)
class SentencePool:
    """All sentences of a cluster, flattened, with their (doc, position) and a TF-IDF matrix (rows L2-normed)."""

    texts: tuple[str, ...]
    where: tuple[tuple[int, int], ...]
    tfidf: np.ndarray


def _analyzer(text: str) -> list[str]:
    return [t for t in stem_tokens(text) if t not in STOPWORDS and not t.isdigit()]


def build_pool(docs: Sequence[Sequence[str]], min_words: int = 5) -> SentencePool:
    texts: list[str] = []
    where: list[tuple[int, int]] = []
    for i, doc in enumerate(docs):
        for j, s in enumerate(doc):
            if len(s.split()) >= min_words and not s.rstrip("'\" ").endswith("?"):
                texts.append(s)
                where.append((i, j))
    if not texts:
        return SentencePool((), (), np.zeros((0, 0)))
    vec = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=False)
    try:
        m = vec.fit_transform(texts).toarray()
    except ValueError:  # empty vocabulary
        m = np.zeros((len(texts), 1))
    return SentencePool(tuple(texts), tuple(where), m)


def _pagerank(sim: np.ndarray, damping: float = 0.85, iters: int = 100, tol: float = 1e-8) -> np.ndarray:
    n = sim.shape[0]
    rowsum = sim.sum(axis=1, keepdims=True)
    trans = np.divide(sim, rowsum, out=np.full_like(sim, 1.0 / max(n, 1)), where=rowsum > 0)
    p = np.full(n, 1.0 / n)
    for _ in range(iters):
        nxt = (1 - damping) / n + damping * trans.T @ p
        if np.abs(nxt - p).sum() < tol:
            return nxt
        p = nxt
    return p


def _order(scores: np.ndarray) -> list[int]:
    return sorted(range(len(scores)), key=lambda i: (-float(scores[i]), i))


def rank_lead(pool: SentencePool) -> list[int]:
    """Sentences of the first document in order (the DUC 'Lead' baseline)."""
    return [k for k, (d, _) in enumerate(pool.where) if d == 0]


def rank_centroid(pool: SentencePool) -> list[int]:
    """Cosine to the cluster's TF-IDF centroid (MEAD-style, without the position/length features)."""
    if not pool.texts:
        return []
    centroid = pool.tfidf.mean(axis=0)
    norm = np.linalg.norm(centroid)
    return _order(pool.tfidf @ (centroid / norm if norm else centroid))


def rank_lexrank(pool: SentencePool, threshold: float = 0.1) -> list[int]:
    """LexRank (Erkan & Radev 2004): PageRank on the thresholded TF-IDF cosine graph."""
    if not pool.texts:
        return []
    sim = pool.tfidf @ pool.tfidf.T
    adj = (sim > threshold).astype(float)
    return _order(_pagerank(adj))


def rank_textrank(pool: SentencePool) -> list[int]:
    """TextRank (Mihalcea & Tarau 2004): PageRank on word overlap / (log|a| + log|b|)."""
    n = len(pool.texts)
    if not n:
        return []
    bags = [set(_analyzer(t)) for t in pool.texts]
    lens = [max(len(b), 2) for b in bags]
    sim = np.zeros((n, n))
    for a in range(n):
        for b in range(a + 1, n):
            ov = len(bags[a] & bags[b])
            if ov:
                sim[a, b] = sim[b, a] = ov / (np.log(lens[a]) + np.log(lens[b]))
    return _order(_pagerank(sim))


def fill(pool: SentencePool, ranking: Sequence[int], budget: int, max_sim: float = 0.5) -> list[str]:
    """Take ranked sentences until ``budget`` words are reached, skipping near-duplicates."""
    chosen: list[int] = []
    used = 0
    for k in ranking:
        if used >= budget:
            break
        if any(float(pool.tfidf[k] @ pool.tfidf[c]) > max_sim for c in chosen):
            continue
        chosen.append(k)
        used += len(pool.texts[k].split())
    return [pool.texts[k] for k in chosen]


BASELINES: dict[str, Ranker] = {
    "Lead": rank_lead,
    "Centroid": rank_centroid,
    "LexRank": rank_lexrank,
    "TextRank": rank_textrank,
}


def summarize_baseline(name: str, docs: Sequence[Sequence[str]], budget: int) -> list[str]:
    pool = build_pool(docs)
    ranking = BASELINES[name](pool)
    if name == "Lead":
        return fill(pool, ranking, budget, max_sim=1.01)
    return fill(pool, ranking, budget)
