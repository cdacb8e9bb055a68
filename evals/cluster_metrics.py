"""Clustering metrics: B-cubed precision / recall / F1 (Bagga & Baldwin 1998) and the adjusted Rand index."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from sklearn.metrics import adjusted_rand_score


@dataclass(frozen=True)
class BCubed:
    precision: float
    recall: float
    f1: float


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> BCubed:
    """Item-averaged B-cubed scores of a predicted clustering against gold labels (aligned sequences).

    For item ``i``: precision = |pred(i) ∩ gold(i)| / |pred(i)|, recall = |pred(i) ∩ gold(i)| / |gold(i)|.
    """
    if len(predicted) != len(gold):
        raise ValueError(f"predicted has {len(predicted)} items, gold has {len(gold)}")
    n = len(gold)
    if n == 0:
        raise ValueError("bcubed needs at least one item")
    both = Counter(zip(predicted, gold, strict=True))
    psize = Counter(predicted)
    gsize = Counter(gold)
    p = sum(c * c / psize[pl] for (pl, _), c in both.items()) / n
    r = sum(c * c / gsize[gl] for (_, gl), c in both.items()) / n
    f = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return BCubed(precision=p, recall=r, f1=f)


def ari(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """Adjusted Rand index (sklearn) over labels mapped to integers."""
    pmap: dict[Hashable, int] = {}
    gmap: dict[Hashable, int] = {}
    return float(
        adjusted_rand_score(
            [gmap.setdefault(g, len(gmap)) for g in gold], [pmap.setdefault(p, len(pmap)) for p in predicted]
        )
    )
