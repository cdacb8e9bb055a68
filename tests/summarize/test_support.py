"""The support test of further citations: conflicts, coverage and similarity (see ``summarize.support``)."""

from __future__ import annotations

import numpy as np

from newsweave.summarize.cite import cite
from newsweave.summarize.support import coverage, figures_conflict, figures_in, stems_in, support
from tests.summarize.test_cite import art


def test_figures_are_counts_not_clock_times_or_names() -> None:
    assert figures_in("62 people were infected and 1,200 tested") == {"62", "1200"}
    assert figures_in("The vote is at 10 a.m. on Flight 103 day 7") == frozenset()
    assert figures_in("Talks resume at 10:30 in room 4") == frozenset()
    assert figures_conflict("62 were infected, officials said.", "Officials reported 61 cases.")
    assert not figures_conflict("62 were infected.", "Health officials said 62 people had fallen ill.")
    assert not figures_conflict("62 were infected.", "Many people were infected.")  # no figure: no conflict


def test_a_single_digit_of_millions_is_a_count() -> None:
    assert figures_in("The mayor will propose $5 trillion in new spending over 9 years") == {"5"}
    assert figures_in("a 2.5 billion dollar plan, 3 bn more, on day 4") == {"2.5", "3"}
    assert figures_conflict("The council will propose $5 trillion in new spending.",
                            "The council will propose a $6 trillion budget on Friday.")


def test_a_sentence_about_the_same_people_that_says_something_else_does_not_support() -> None:
    line = "Two Mossad agents were released by Cyprus on Friday after two months in custody."
    other = "Netanyahu has admitted that the two men arrested in Cyprus are Mossad agents."
    assert coverage(stems_in(line), stems_in(other)) < 0.5
    verdict = support(line, other, 0.76)
    assert not verdict.supported and verdict.reason == "too little in common"


def test_a_paraphrase_of_the_claim_supports() -> None:
    line = "City engineers closed the Old Harbour Bridge after inspectors found cracks in two support beams."
    other = "The Old Harbour Bridge was closed by city engineers after inspectors found cracks in its support beams."
    verdict = support(line, other, 0.86)
    assert verdict.supported and verdict.reason == "supported" and verdict.probability >= 0.6
    half = "City engineers met inspectors at the Old Harbour Bridge to discuss a new paint job."
    assert 0.3 < coverage(stems_in(line), stems_in(half)) < 0.6
    assert not support(line, half, 0.72).supported  # at the citation threshold, half the claim: not enough


def test_conflicts_decide_before_the_model() -> None:
    assert support("Officials said 62 people were infected.", "Officials said 61 people were infected.",
                   0.99).reason == "figures differ"


def test_cite_keeps_only_supporting_sentences_and_picks_the_best_that_supports() -> None:
    arts = [
        art("a", ["City engineers closed the Old Harbour Bridge after inspectors found cracks in two beams."]),
        # b's most similar sentence shares the topic, not the claim; its second one says the same thing
        art("b", ["The bridge has carried traffic since it opened.",
                  "City engineers closed the Old Harbour Bridge when inspectors found cracks in two beams."]),
        art("c", ["The Old Harbour Bridge is a landmark of the city."]),
    ]
    vecs = np.array([[1.0, 0.0, 0.0, 0.0], [0.9, np.sqrt(1 - 0.81), 0.0, 0.0],
                     [0.85, 0.0, np.sqrt(1 - 0.85**2), 0.0], [0.8, 0.0, 0.0, 0.6]], dtype=np.float32)
    cs = cite(arts, vecs, (0, 0), threshold=0.72)
    assert [(c.article_id, c.sentence_index) for c in cs] == [("a", 0), ("b", 1)]
    loose = cite(arts, vecs, (0, 0), threshold=0.72, check_support=False)
    assert [(c.article_id, c.sentence_index) for c in loose] == [("a", 0), ("b", 0), ("c", 0)]


def test_a_shared_distance_does_not_hide_counts_that_differ() -> None:
    line = "A total of 37 yachts have been forced out of the 1,160-kilometer (725-mile) race."
    other = "About half of the 115-yacht fleet have been forced out of the 1,160-kilometer (725-mile) race."
    assert figures_in(line) == frozenset({"37"}) and "1160" not in figures_in(other)
    assert figures_conflict(line, other)
    assert figures_in("The quake struck 50 km south of the city and 30 miles from the coast.") == frozenset()


def test_a_shared_figure_does_not_hide_another_of_the_same_unit_that_differs() -> None:
    line = "The dam will cost at least $40 billion, with the state paying $24 billion of it."
    other = "The dam, 500 feet high, will cost at least $40 billion, with the state paying $21 billion."
    assert figures_conflict(line, other)
    assert support(line, other, 0.95).reason == "figures differ"
    # the same figure rounded two ways, and a figure of another unit, are no conflict
    assert not figures_conflict("The deficit grew 26% to $984.4 billion in 2019.", "The 2019 deficit is $984 billion.")
    assert not figures_conflict("Floods killed 12 people in the valley.", "Floods killed 12 people; 40 homes were lost.")
