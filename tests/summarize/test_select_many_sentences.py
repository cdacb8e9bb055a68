"""Huge inputs (one 100k-line scrape): the ILP sees a bounded candidate set."""

from __future__ import annotations

import random

import pytest

import newsweave.summarize.select as select_mod
from newsweave.summarize.select import SelectConfig, select_sentences

WORDS = ("council budget road repair mayor city bridge engineers traffic vehicles report officials minister "
         "government vote plan school week river tax").split()


def _doc(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return [" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(9, 18))).capitalize() + "." for _ in range(n)]


def test_thousands_of_sentences_reach_the_solver_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    # pairwise redundancy over every sentence took ~30 s here; the ILP must only see max_candidates of them
    # (speed itself is measured in benchmarks, not asserted in tests)
    seen: list[int] = []
    real = select_mod._solve_ilp

    def spy(cands, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(len(cands))
        return real(cands, *args, **kwargs)

    monkeypatch.setattr(select_mod, "_solve_ilp", spy)
    docs = [_doc(4000, 1), _doc(4000, 2)]
    picks = select_sentences(docs, 120)
    assert seen and seen[0] <= SelectConfig().max_candidates < 8000
    assert picks and sum(len(docs[d][s].split()) for d, s in picks) <= 120


def test_candidate_cap_keeps_the_sentence_every_document_shares() -> None:
    lead = "The mayor said the bridge over the river will close for repairs next week."
    docs = [[lead, *_doc(50, 3 + k)] for k in range(4)]
    for cap in (10**6, 20):
        picks = select_sentences(docs, 60, config=SelectConfig(max_candidates=cap))
        assert (0, 0) in picks
        assert sum(len(docs[d][s].split()) for d, s in picks) <= 60
