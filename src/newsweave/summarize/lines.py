"""A story's summary lines: sentences chosen by the selector, each with its citations, none repeating another."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from newsweave.config import Settings
from newsweave.summarize.cite import UNPLACED_MARGIN, cite, places_conflict, sentence_matrix
from newsweave.summarize.select import n_words, next_best_sentence, select_sentences, without_orphans
from newsweave.summarize.standalone import printed_lines
from newsweave.types import Article, Citation, SummaryLine, names_news_day

MAX_RESELECT = 3
"""Rounds of re-selection after dropping lines that say what an earlier line says (see ``summary_lines``)."""


def summary_lines(
    arts: Sequence[Article],
    selectable: Sequence[Sequence[str]],
    vectors: np.ndarray,
    settings: Settings,
) -> tuple[SummaryLine, ...]:
    """Selected sentences with their citations, none repeating another.

    The selector keeps near-identical wording apart, but two outlets' paraphrases of one fact ("the bridge would
    stay shut until a full survey is finished" / "the crossing would remain closed until a survey is complete")
    can both be chosen. Citations say when that happened: a line whose sentence is among an earlier line's
    citations, or which cites an earlier line's sentence, says the same thing. Such sentences are made
    unselectable and the selection re-run, a few rounds at most. (The repeat check uses similarity links without
    the support test: a sentence that says part of an earlier line is still a repeat; the printed citations are
    the supported ones.) Print order: oldest article first, then position
    in the article (reads as the story unfolding); in a story without trusted dates, where that order says
    nothing, or when it would open on a line from inside an article ("The cause of the fire had not been
    determined", "A total of 37 yachts have been forced out"), the lead that says most of the story goes first
    (``main_event_first``), the rest in that order.

    Each line is its sentence as ``summary_line`` prints it (without a leading "However,", without "on Tuesday";
    a sentence opening with a pronoun that points outside it is never selected), and the word budget counts the
    printed words. The budget is a target: whole sentences within it, then, when they fall short of it, the
    next best sentence whole (``_filled``).
    """
    position = {a.id: k for k, a in enumerate(arts)}
    per_doc = [printed_lines(list(doc)) for doc in selectable]
    printed = [lines for lines, _ in per_doc]
    follows = frozenset((ai, j) for ai, (_, fs) in enumerate(per_doc) for j in fs)
    eligible = [list(doc) for doc in printed]  # a copy: re-selection blanks repeats here, not in ``printed``
    rounds = 0
    while True:
        picks = sorted(select_sentences(eligible, settings.summary_words, follows=follows))
        repeats = _all_repeats(arts, vectors, picks, position, settings)
        if not repeats or rounds == MAX_RESELECT:  # rounds exhausted: drop what is still repeated
            # a line that followed a dropped repeat goes with it (without_orphans)
            kept = _filled(without_orphans([p for p in picks if p not in repeats], follows), eligible,
                           settings.summary_words,
                           lambda cand: bool(_all_repeats(arts, vectors, cand, position, settings)), follows)
            kept = print_order(kept, arts, vectors, follows)
            return tuple(
                SummaryLine(printed[ai][si], cite(arts, vectors, (ai, si), settings.citation_threshold))
                for ai, si in kept
            )
        for ai, si in repeats:
            eligible[ai][si] = ""  # keeps indices; an empty sentence is never eligible
        rounds += 1


def _dated(arts: Sequence[Article]) -> bool:
    """At least half the articles have a trusted publication date (their order is the story's)."""
    return 2 * sum(a.published.trusted is not None for a in arts) >= len(arts)


def print_order(
    picks: Sequence[tuple[int, int]], arts: Sequence[Article], vectors: np.ndarray,
    follows: frozenset[tuple[int, int]] = frozenset(),
) -> list[tuple[int, int]]:
    """``picks`` (oldest article first, then position) in the order a summary prints them: as they are when the
    story is dated and the first opens its article; else (no trusted dates, or a first line from inside an
    article, which reads as no opening) the main event first (``main_event_first``)."""
    if _dated(arts) and picks and picks[0][1] == 0:
        return list(picks)
    return main_event_first(picks, arts, vectors, follows)


def main_event_first(
    picks: Sequence[tuple[int, int]], arts: Sequence[Article], vectors: np.ndarray,
    follows: frozenset[tuple[int, int]] = frozenset(),
) -> list[tuple[int, int]]:
    """``picks`` (in print order) with the lead that says most of the story moved to the front: of the picks that
    open their article (a reporter's summary of the event), else of all; of those, the ones that say when it
    happened as a report does ("... were indicted Wednesday": ``names_news_day``), else all; of those, the one
    closest to the story (cosine of its sentence vector to the mean of all the story's sentence vectors). The
    lines it leans on (``follows``) go with it and the rest keep their order."""
    if len(picks) < 2 or not len(vectors):
        return list(picks)
    row = {(ai, si): r for r, ai, si in sentence_matrix(arts, vectors)}
    centre = vectors.mean(axis=0)
    closeness = [float(vectors[row[p]] @ centre) for p in picks]
    news = [names_news_day(arts[ai].sentence_text(si)) for ai, si in picks]
    best = max(range(len(picks)), key=lambda k: (picks[k][1] == 0, news[k], closeness[k], -k))
    start = best
    while start > 0 and picks[start] in follows and picks[start - 1] == (picks[start][0], picks[start][1] - 1):
        start -= 1  # "He said ..." goes with the line it leans on
    end = best + 1
    while end < len(picks) and picks[end] in follows and picks[end - 1] == (picks[end][0], picks[end][1] - 1):
        end += 1
    return [*picks[start:end], *picks[:start], *picks[end:]]


def _all_repeats(
    arts: Sequence[Article], vectors: np.ndarray, picks: Sequence[tuple[int, int]], position: dict[str, int],
    settings: Settings,
) -> set[tuple[int, int]]:
    """Picks (sorted, print order) that say what an earlier pick says: linked by citations or restated."""
    linked = [cite(arts, vectors, p, settings.citation_threshold, check_support=False) for p in picks]
    return _repeats(picks, linked, position) | _restated(arts, vectors, picks, settings.citation_threshold)


def _filled(
    picks: list[tuple[int, int]],
    eligible: Sequence[Sequence[str]],
    budget: int,
    repeats: Callable[[list[tuple[int, int]]], bool] = lambda _picks: False,
    follows: frozenset[tuple[int, int]] = frozenset(),
) -> list[tuple[int, int]]:
    """``picks`` and, when their words fall short of ``budget``, the sentence adding the most uncovered content
    (``next_best_sentence``) among those that bring the summary closer to the budget (it may run past it by at
    most what was missing), printed whole: a reader asked for about ``budget`` words, and whole sentences under
    a hard cap often leave a third of it empty (a 30-word sentence alone in a 55-word budget). A candidate with
    which ``repeats`` finds a repeat among the lines is passed over for the next (a few at most); the chosen
    lines are never changed."""
    used = sum(n_words(eligible[ai][si]) for ai, si in picks)
    if used >= budget:
        return picks
    pool = [list(doc) for doc in eligible]
    for _ in range(MAX_RESELECT):
        extra = next_best_sentence(pool, picks, max_words=2 * (budget - used), follows=follows)
        if extra is None:
            return picks
        candidate = sorted([*picks, extra])
        if not repeats(candidate):
            return candidate
        pool[extra[0]][extra[1]] = ""
    return picks


def _restated(
    arts: Sequence[Article], vectors: np.ndarray, picks: Sequence[tuple[int, int]], threshold: float
) -> set[tuple[int, int]]:
    """Picks (in print order) that restate an earlier pick with other figures: at least ``UNPLACED_MARGIN`` above
    the citation threshold in similarity, and not placed elsewhere. Citations never link them (their figures
    conflict: "about 42,000 vehicles a day" / "roughly 40,000 vehicles each day"), yet they say one thing twice;
    the claims section is where differing figures are compared."""
    rows = {(ai, si): r for r, ai, si in sentence_matrix(arts, vectors)}
    kept: list[tuple[int, int]] = []
    out: set[tuple[int, int]] = set()
    for pick in picks:
        text = arts[pick[0]].sentence_text(pick[1])
        if any(
            float(vectors[rows[pick]] @ vectors[rows[k]]) >= threshold + UNPLACED_MARGIN
            and not places_conflict(text, arts[k[0]].sentence_text(k[1]))
            for k in kept
        ):
            out.add(pick)
        else:
            kept.append(pick)
    return out


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
