"""The citation-support eval: stratified draw, blind file, and the strata-weighted shares."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.support_eval import Pair, draw, read_judged, score, write_blind


def _pair(k: int, cosine: bool, support: bool) -> Pair:
    return Pair(f"k{k}", "item", "summary", f"line {k}", f"cited {k}", 0.8, 0.7, cosine, support)


def test_draw_takes_each_stratum_up_to_its_size_and_once_per_pair() -> None:
    pairs = [_pair(k, True, True) for k in range(10)] + [_pair(k, True, False) for k in range(10, 40)]
    pairs.append(_pair(0, True, True))  # the same (line, cited) again: one pair
    sample = draw(pairs, cited_now=5, cosine_only=50)
    assert sum(p.support for p in sample) == 5
    assert sum(not p.support for p in sample) == 30
    assert len({p.key for p in sample}) == len(sample)
    assert draw(pairs, 5, 50) == sample  # seeded


def test_blind_file_shows_neither_rule(tmp_path: Path) -> None:
    out = tmp_path / "blind.jsonl"
    write_blind(out, [_pair(1, True, False)])
    row = json.loads(out.read_text())
    assert set(row) == {"key", "line", "cited"}


def test_shares_weight_the_strata_by_their_sizes() -> None:
    # 2 pairs cited now (both judged S), 8 only by the cosine rule (2 judged: one S, one N)
    pairs = [_pair(k, True, True) for k in range(2)] + [_pair(k, True, False) for k in range(2, 10)]
    judged = {"k0": "S", "k1": "S", "k2": "S", "k3": "N"}
    by_rule = {s.rule: s for s in score(pairs, judged)}
    assert by_rule["support"].citations == 2 and by_rule["support"].supports == pytest.approx(1.0)
    # cosine: 2/10 of its citations at 100% S, 8/10 at 50% S
    assert by_rule["cosine"].citations == 10 and by_rule["cosine"].judged == 4
    assert by_rule["cosine"].supports == pytest.approx(0.2 + 0.8 * 0.5)
    assert by_rule["cosine"].not_ == pytest.approx(0.8 * 0.5)


def test_judged_labels_must_be_s_p_or_n(tmp_path: Path) -> None:
    f = tmp_path / "j.tsv"
    f.write_text("# comment\nk1\tS\tsame claim\nk2\tP\n")
    assert read_judged(f) == {"k1": "S", "k2": "P"}
    f.write_text("k1\tyes\n")
    with pytest.raises(ValueError, match="not S, P or N"):
        read_judged(f)
