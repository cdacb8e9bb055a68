"""Small metrics for extraction evaluations: token-shingle P/R/F1, snippet retention, date accuracy."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Word n-gram multiset as in the Zyte article-extraction-benchmark (``\\w+`` tokens, case kept)."""
    toks = _TOKEN_RE.findall(text or "")
    if len(toks) < n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


@dataclass(frozen=True)
class ShingleCounts:
    tp: int
    fp: int
    fn: int

    def prf(self) -> PRF:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return PRF(p, r, f1(p, r))


def shingle_counts(truth: str, predicted: str, n: int = 4) -> ShingleCounts:
    t, p = shingles(truth, n), shingles(predicted, n)
    tp = sum((t & p).values())
    return ShingleCounts(tp, sum(p.values()) - tp, sum(t.values()) - tp)


def mean_prf(items: Sequence[ShingleCounts]) -> PRF:
    """Benchmark convention: per-page precision and recall averaged over pages; F1 of the two averages.

    A page where the extractor returns nothing scores precision 0 (unless the truth is also empty: 1/1).
    """
    if not items:
        return PRF(0.0, 0.0, 0.0)
    ps: list[float] = []
    rs: list[float] = []
    for c in items:
        if c.tp + c.fp + c.fn == 0:
            ps.append(1.0)
            rs.append(1.0)
            continue
        prf = c.prf()
        ps.append(prf.precision)
        rs.append(prf.recall)
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    return PRF(p, r, f1(p, r))


def _norm_ws(s: str) -> str:
    return " ".join(s.split())


@dataclass(frozen=True)
class SnippetCounts:
    """trafilatura-eval: 'with' snippets found (tp) / missed (fn); 'without' found (fp) / absent (tn)."""

    tp: int
    fn: int
    fp: int
    tn: int

    def __add__(self, other: SnippetCounts) -> SnippetCounts:
        return SnippetCounts(self.tp + other.tp, self.fn + other.fn, self.fp + other.fp, self.tn + other.tn)

    @property
    def kept(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def removed(self) -> float:
        return self.tn / (self.tn + self.fp) if self.tn + self.fp else 0.0

    def prf(self) -> PRF:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        return PRF(p, self.kept, f1(p, self.kept))


def snippet_counts(text: str, with_: Sequence[str], without: Sequence[str]) -> SnippetCounts:
    """Whitespace-normalised substring tests of each snippet in the extracted text."""
    t = _norm_ws(text or "")
    found_with = sum(1 for s in with_ if _norm_ws(s) in t)
    found_without = sum(1 for s in without if _norm_ws(s) in t)
    return SnippetCounts(found_with, len(with_) - found_with, found_without, len(without) - found_without)


def day_exact(predicted: str | None, gold: str) -> bool:
    """True when the predicted ISO date starts with the gold YYYY-MM-DD."""
    return bool(predicted) and str(predicted)[:10] == gold[:10]
