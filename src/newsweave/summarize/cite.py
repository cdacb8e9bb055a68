"""Citation alignment: every summary line cites the article it came from and every other article that says
the same thing (its most similar sentence, when the cosine similarity of sentence embeddings is high enough).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsweave.types import Article, Citation


def sentence_matrix(articles: Sequence[Article], vectors: np.ndarray) -> list[tuple[int, int, int]]:
    """Row layout of ``vectors``: (row, article position, sentence index) for every sentence in order."""
    rows: list[tuple[int, int, int]] = []
    r = 0
    for ai, a in enumerate(articles):
        for si in range(len(a.sentences)):
            rows.append((r, ai, si))
            r += 1
    if r != len(vectors):
        raise ValueError(f"expected {r} sentence vectors, got {len(vectors)}")
    return rows


def citation(article: Article, sentence_index: int, similarity: float = 1.0) -> Citation:
    s = article.sentences[sentence_index]
    return Citation(article.id, sentence_index, s.start, s.end, round(float(similarity), 4))


def cite(
    articles: Sequence[Article],
    vectors: np.ndarray,
    source: tuple[int, int],
    threshold: float,
) -> tuple[Citation, ...]:
    """Citations for the sentence ``source`` = (article position, sentence index).

    The source comes first; then, for each other article, its best-matching sentence if its similarity is at
    least ``threshold``, in decreasing similarity.
    """
    rows = sentence_matrix(articles, vectors)
    offsets = {(ai, si): r for r, ai, si in rows}
    src_vec = vectors[offsets[source]]
    sims = vectors @ src_vec
    best: dict[int, tuple[float, int]] = {}
    for r, ai, si in rows:
        if ai == source[0]:
            continue
        if ai not in best or sims[r] > best[ai][0]:
            best[ai] = (float(sims[r]), si)
    out = [citation(articles[source[0]], source[1])]
    for ai, (sim, si) in sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0])):
        if sim >= threshold:
            out.append(citation(articles[ai], si, sim))
    return tuple(out)
