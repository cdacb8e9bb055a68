"""MinHash LSH near-duplicate detection over word shingles of article bodies.

Candidates come from a datasketch ``MinHashLSH`` index (banding is symmetric: if ``a`` collides with ``b``
then ``b`` collides with ``a``); each candidate pair is then checked with the exact Jaccard similarity of the
shingle sets, so the links do not depend on the order in which articles arrive. Within each linked pair the
*earlier* article is the original: earlier publication date first, undated articles last, ties broken by
article id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsweave.textutil import lower_words
from newsweave.types import Article, DuplicateLink

SHINGLE_WORDS = 5
SCHEME = "affine32"
"""datasketch hashing scheme; stored signatures are only comparable within one scheme."""


def shingles(text: str, k: int = SHINGLE_WORDS) -> frozenset[str]:
    """Word ``k``-shingles of ``text`` (lower-cased word tokens); a short text is one shingle."""
    if k <= 0:
        raise ValueError(f"k must be positive, got {k}")
    toks = lower_words(text)
    if not toks:
        return frozenset()
    if len(toks) < k:
        return frozenset({" ".join(toks)})
    return frozenset(" ".join(toks[i : i + k]) for i in range(len(toks) - k + 1))


def signature(shingle_set: Iterable[str], *, num_perm: int = 128, seed: int = 1) -> MinHash:
    """A seeded MinHash of a shingle set (same input + seed -> same signature on every machine)."""
    m = MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in sorted(shingle_set)])
    return m


def exact_jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def _order_key(article: Article) -> tuple[int, dt.date, str]:
    d = article.published.date
    return (0, d, article.id) if d is not None else (1, dt.date.max, article.id)


def _check_params(threshold: float, num_perm: int) -> None:
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    if num_perm < 16:
        raise ValueError(f"num_perm must be at least 16, got {num_perm}")


def find_duplicates(
    articles: Sequence[Article], *, threshold: float = 0.8, num_perm: int = 128, seed: int = 1
) -> tuple[DuplicateLink, ...]:
    """Link every near-copy to its earliest near-copy.

    Each article whose body has Jaccard similarity >= ``threshold`` (word 5-shingles) with an earlier article
    gets one link, to the earliest such article. Output is sorted by ``article_id``.
    """
    _check_params(threshold, num_perm)
    by_id: dict[str, Article] = {}
    for a in articles:
        by_id.setdefault(a.id, a)
    sets = {aid: shingles(a.text) for aid, a in by_id.items()}
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sigs: dict[str, MinHash] = {}
    for aid in sorted(by_id):
        if not sets[aid]:
            continue
        sigs[aid] = signature(sets[aid], num_perm=num_perm, seed=seed)
        lsh.insert(aid, sigs[aid])
    links: list[DuplicateLink] = []
    for aid in sorted(sigs):
        me = _order_key(by_id[aid])
        best: tuple[tuple[int, dt.date, str], str, float] | None = None
        for other in lsh.query(sigs[aid]):
            if other == aid:
                continue
            key = _order_key(by_id[other])
            if key >= me:
                continue
            sim = exact_jaccard(sets[aid], sets[other])
            if sim >= threshold and (best is None or key < best[0]):
                best = (key, other, sim)
        if best is not None:
            links.append(DuplicateLink(article_id=aid, duplicate_of=best[1], similarity=round(best[2], 6)))
    return tuple(links)


class MinHashIndex:
    """An incremental LSH index for streaming ingest (the store keeps the signatures and rebuilds it).

    ``query`` returns ``(id, estimated Jaccard)`` for stored items whose estimate is >= ``threshold``, sorted
    by insertion order so the earliest ingested copy comes first.
    """

    def __init__(self, *, threshold: float = 0.8, num_perm: int = 128, seed: int = 1) -> None:
        _check_params(threshold, num_perm)
        self.threshold = threshold
        self.num_perm = num_perm
        self.seed = seed
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._order: dict[str, int] = {}
        self._sigs: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, key: object) -> bool:
        return key in self._order

    def signature_of(self, text: str) -> MinHash | None:
        sh = shingles(text)
        return signature(sh, num_perm=self.num_perm, seed=self.seed) if sh else None

    def add(self, key: str, sig: MinHash) -> None:
        if key in self._order:
            return
        self._order[key] = len(self._order)
        self._sigs[key] = sig
        self._lsh.insert(key, sig)

    def query(self, sig: MinHash) -> list[tuple[str, float]]:
        hits = []
        for k in self._lsh.query(sig):
            sim = float(sig.jaccard(self._sigs[k]))
            if sim >= self.threshold:
                hits.append((k, sim))
        return sorted(hits, key=lambda h: self._order[h[0]])


def signature_to_bytes(sig: MinHash) -> bytes:
    return np.asarray(sig.hashvalues, dtype=np.uint64).tobytes()


def signature_from_bytes(data: bytes, *, seed: int = 1) -> MinHash:
    hv = np.frombuffer(data, dtype=np.uint64)
    return MinHash(num_perm=len(hv), seed=seed, hashvalues=hv, scheme=SCHEME)
