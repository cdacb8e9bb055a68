"""A story's summary lines: sentences chosen by the selector, each with its citations, none repeating another."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsweave.config import Settings
from newsweave.summarize.cite import cite
from newsweave.summarize.select import select_sentences
from newsweave.types import Article, Citation, SummaryLine

MAX_RESELECT = 3
"""Rounds of re-selection after dropping lines that say what an earlier line says (see ``summary_lines``)."""


def summary_lines(
    arts: Sequence[Article],
    docs: Sequence[Sequence[str]],
    selectable: Sequence[Sequence[str]],
    vectors: np.ndarray,
    settings: Settings,
) -> tuple[SummaryLine, ...]:
    """Selected sentences with their citations, none repeating another.

    The selector keeps near-identical wording apart, but two outlets' paraphrases of one fact ("the bridge would
    stay shut until a full survey is finished" / "the crossing would remain closed until a survey is complete")
    can both be chosen. Citations say when that happened: a line whose sentence is among an earlier line's
    citations, or which cites an earlier line's sentence, says the same thing. Such sentences are made
    unselectable and the selection re-run, a few rounds at most. Print order: oldest article first, then position
    in the article (reads as the story unfolding).
    """
    position = {a.id: k for k, a in enumerate(arts)}
    eligible = [list(doc) for doc in selectable]  # a copy: the caller's sentences are not touched
    rounds = 0
    while True:
        picks = sorted(select_sentences(eligible, settings.summary_words))
        cited = [cite(arts, vectors, (ai, si), settings.citation_threshold) for ai, si in picks]
        repeats = _repeats(picks, cited, position)
        if not repeats or rounds == MAX_RESELECT:  # rounds exhausted: drop what is still repeated
            return tuple(
                SummaryLine(docs[ai][si], cs)
                for (ai, si), cs in zip(picks, cited, strict=True)
                if (ai, si) not in repeats
            )
        for ai, si in repeats:
            eligible[ai][si] = ""  # keeps indices; an empty sentence is never eligible
        rounds += 1


def _repeats(
    picks: Sequence[tuple[int, int]], cited: Sequence[Sequence[Citation]], position: dict[str, int]
) -> set[tuple[int, int]]:
    """Picks (in print order) cited by an earlier kept pick, or citing one."""
    covered: set[tuple[int, int]] = set()  # sentences cited by the lines kept so far (their sources too)
    kept: set[tuple[int, int]] = set()
    repeats: set[tuple[int, int]] = set()
    for pick, cs in zip(picks, cited, strict=True):
        mine = {(position[c.article_id], c.sentence_index) for c in cs}
        if pick in covered or mine & kept:
            repeats.add(pick)
        else:
            covered |= mine
            kept.add(pick)
    return repeats
