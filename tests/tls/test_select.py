"""Key-date selection: off-topic articles make no burst and summarize no day; split fragments and page time
stamps are never a key date's line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from newsweave.tls import TlsParams, key_dates
from newsweave.tls.dating import DatedSentence
from newsweave.tls.select import article_relevance, date_scores, is_story_sentence
from tests.tls.test_dating import article

SPILL = [
    "Oil from the ruptured well spread across the gulf as engineers tried to cap the leaking well.",
    "The oil company said engineers would try again to cap the well with a containment dome.",
    "Fishermen said the oil slick had closed the fishing grounds along the gulf coast.",
]
OTHER = [
    "The football club sacked its manager after a run of six defeats in the league.",
    "Supporters had called for the manager to go after the cup exit last month.",
]


def test_fragments_and_time_stamps_are_no_story_sentences() -> None:
    assert not is_story_sentence("-RRB- wants the oil giant to suspend its dividend payments .")
    assert not is_story_sentence("and then the well was capped by engineers working through the night.")
    assert not is_story_sentence("Wednesday 19 January 2005 14.24 GMT Photograph number nine of a set of 22")
    assert is_story_sentence("BP capped the leaking well on July 15 after 87 days.")
    assert is_story_sentence("\u201cWe will cap it,\u201d the chief executive said on Tuesday.")


def test_off_topic_article_is_least_relevant_and_counts_less() -> None:
    day1, day2, day3 = dt.date(2010, 5, 1), dt.date(2010, 5, 2), dt.date(2010, 5, 3)
    arts = [article("s1", day1, SPILL), article("s2", day1, SPILL[::-1]),
            article("o1", day2, OTHER), article("o2", day2, OTHER[::-1]),
            article("s3", day3, SPILL[1:]), article("s4", day3, SPILL[:2])]
    rel = article_relevance(arts)
    assert min(rel[i] for i in (0, 1, 4, 5)) > max(rel[2], rel[3])
    dated = [DatedSentence(i, j, a.published.trusted or day1, a.published.trusted or day1, False)
             for i, a in enumerate(arts) for j in range(len(a.sentences))]
    plain = date_scores(dated, TlsParams(1, 1))
    weighed = date_scores(dated, TlsParams(1, 1), rel)
    assert plain[day1] == plain[day2]  # two articles each
    assert weighed[day1] > weighed[day2]
    assert day2 not in {k.date for k in key_dates(arts, dated, TlsParams(2, 1))}


def test_a_fragment_is_never_chosen() -> None:
    day = dt.date(2010, 5, 1)
    arts = [article("a", day, ["-RRB- wants the oil giant to cap the leaking well in the gulf now .",
                               "Engineers tried to cap the leaking oil well in the gulf on Saturday ."]),
            article("b", day, ["-RRB- said the leaking oil well in the gulf would be capped .",
                               "The leaking oil well in the gulf was not capped by engineers ."])]
    dated = [DatedSentence(i, j, day, day, False) for i, a in enumerate(arts) for j in range(2)]
    lines = [line.text for k in key_dates(arts, dated, TlsParams(1, 4, redundancy=1.0)) for line in k.lines]
    assert len(lines) == 2 and not any(t.startswith("-RRB-") for t in lines)
    unfiltered = key_dates(arts, dated, TlsParams(1, 4, redundancy=1.0, drop_fragments=False))
    assert sum(line.text.startswith("-RRB-") for k in unfiltered for line in k.lines) == 2


class _Meaning:
    """A stub embedder: ``near`` points where the day's mean points, every other sentence elsewhere."""

    name = "stub"

    def __init__(self, near: str) -> None:
        self.near = near
        self.calls: list[int] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(len(texts))
        rows = [[1.0, 0.0, 0.0] if t == self.near else [0.6, 0.8 * (-1) ** i, 0.0] for i, t in enumerate(texts)]
        return np.asarray(rows, dtype=np.float32)


def test_a_days_sentences_are_ranked_by_meaning_too() -> None:
    day = dt.date(2010, 5, 1)
    paraphrase = "Crews working offshore stopped the crude from escaping the damaged seabed pipe on Saturday."
    texts = [SPILL[0], SPILL[1], paraphrase]
    arts = [article(f"a{i}", day, [t]) for i, t in enumerate(texts)]
    dated = [DatedSentence(i, 0, day, day, False) for i in range(len(arts))]
    by_words = [line.text for k in key_dates(arts, dated, TlsParams(1, 1)) for line in k.lines]
    assert by_words != [paraphrase]  # it shares few words with the day's other reports
    meaning = _Meaning(paraphrase)
    chosen = [line.text for k in key_dates(arts, dated, TlsParams(1, 1, semantic_weight=5.0), meaning)
              for line in k.lines]
    assert chosen == [paraphrase] and meaning.calls == [3]  # all candidates embedded in one call
    unweighed = key_dates(arts, dated, TlsParams(1, 1, semantic_weight=0.0), meaning)
    assert [line.text for k in unweighed for line in k.lines] == by_words and meaning.calls == [3]


def test_a_day_that_stands_out_from_its_week_outscores_one_as_busy_as_its_neighbours() -> None:
    """The burst term: three articles on a day of a quiet week beat three on a day whose week has three a day;
    without the term (weight 0) the two days tie; a bad window is refused."""
    import pytest

    quiet = dt.date(2010, 5, 3)
    busy = dt.date(2010, 6, 10)
    days = [quiet] * 3 + [busy + dt.timedelta(k) for k in range(-3, 4) for _ in range(3)]
    dated = [DatedSentence(i, 0, d, d, False) for i, d in enumerate(days)]
    with_burst = date_scores(dated, TlsParams(1, 1))
    without = date_scores(dated, TlsParams(1, 1, burst_weight=0.0))
    assert without[quiet] == without[busy]
    assert with_burst[quiet] > with_burst[busy]
    assert with_burst[quiet] - without[quiet] == pytest.approx(1.0)  # the largest burst, scaled to 1
    with pytest.raises(ValueError, match="burst_window_days"):
        TlsParams(1, 1, burst_window_days=0)


def test_bursts_at_the_ends_of_the_calendar() -> None:
    first, last = dt.date.min, dt.date.max
    dated = [DatedSentence(0, 0, first, first, False), DatedSentence(1, 0, last, last, False)]
    scores = date_scores(dated, TlsParams(1, 1))
    assert set(scores) == {first, last} and scores[first] == scores[last]
