"""A summary short of its budget takes one more whole sentence when that brings it closer to the budget."""

from __future__ import annotations

from newsweave.summarize.lines import _filled
from newsweave.summarize.select import n_words

DOCS = [
    [
        "The harbour authority closed the old bridge on Thursday after divers found cracks in two beams.",
        "Engineers said the bridge would stay closed until a full survey of the beams is finished next month.",
        "Ferry services between the two districts were doubled on Friday to carry commuters across the river.",
    ],
    [
        "The old bridge was closed on Thursday after divers found cracks in two of its support beams.",
        "Commuters crowded the ferries on Friday as the harbour authority doubled the number of crossings.",
        "A full survey of the beams will decide whether the bridge can reopen, engineers said on Friday.",
    ],
]


def test_short_summary_takes_the_next_best_sentence_whole() -> None:
    picks = [(0, 0)]
    budget = 30
    filled = _filled(picks, DOCS, budget)
    assert len(filled) == 2 and (0, 0) in filled
    words = sum(n_words(DOCS[a][s]) for a, s in filled)
    used = n_words(DOCS[0][0])
    assert budget < words and words - budget <= budget - used  # closer to the budget than before


def test_no_fill_past_the_overrun_or_when_the_budget_is_met() -> None:
    used = n_words(DOCS[0][0])
    assert _filled([(0, 0)], DOCS, used) == [(0, 0)]  # budget met
    assert _filled([(0, 0)], DOCS, used + 1) == [(0, 0)]  # every other sentence overshoots by more than 1
    assert _filled([(0, 0), (0, 1)], DOCS, 10) == [(0, 0), (0, 1)]
