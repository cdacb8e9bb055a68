from __future__ import annotations

import pytest

from evals.metrics import (
    PRF,
    ShingleCounts,
    SnippetCounts,
    day_exact,
    mean_prf,
    shingle_counts,
    shingles,
    snippet_counts,
)


def test_shingles() -> None:
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("a b") == {("a", "b"): 1}
    assert shingles("") == {}


def test_shingle_counts_hand_computed() -> None:
    # truth: 3 shingles (a b c d, b c d e, c d e f); predicted: 2 (a b c d, b c d x)
    c = shingle_counts("a b c d e f", "a b c d x")
    assert c == ShingleCounts(tp=1, fp=1, fn=2)
    prf = c.prf()
    assert prf.precision == pytest.approx(1 / 2)
    assert prf.recall == pytest.approx(1 / 3)
    assert prf.f1 == pytest.approx(2 * (1 / 2) * (1 / 3) / (1 / 2 + 1 / 3))


def test_mean_prf_averages_pages_then_f1() -> None:
    pages = [ShingleCounts(1, 1, 2), ShingleCounts(4, 0, 0), ShingleCounts(0, 0, 3)]
    m = mean_prf(pages)
    p = (0.5 + 1.0 + 0.0) / 3
    r = (1 / 3 + 1.0 + 0.0) / 3
    assert m.precision == pytest.approx(p)
    assert m.recall == pytest.approx(r)
    assert m.f1 == pytest.approx(2 * p * r / (p + r))
    assert mean_prf([]) == PRF(0.0, 0.0, 0.0)


def test_snippets() -> None:
    c = snippet_counts("Hello  big\nworld. Footer", ["big world", "missing"], ["Footer", "Impressum"])
    assert c == SnippetCounts(tp=1, fn=1, fp=1, tn=1)
    total = c + SnippetCounts(1, 0, 0, 1)
    assert total.kept == pytest.approx(2 / 3)
    assert total.removed == pytest.approx(2 / 3)
    assert total.prf().precision == pytest.approx(2 / 3)


def test_day_exact() -> None:
    assert day_exact("2020-06-07", "2020-06-07")
    assert day_exact("2020-06-07T10:00:00", "2020-06-07")
    assert not day_exact(None, "2020-06-07")
    assert not day_exact("2020-06-08", "2020-06-07")
