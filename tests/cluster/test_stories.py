from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from newsweave.cluster import ClusterParams, OnlineClusterer, group_stories, story_id, stream_stories
from newsweave.cluster.features import date_factor
from newsweave.embed import MiniLMEmbedder
from newsweave.types import Article, PublishedDate


def _by_2016(stories):  # type: ignore[no-untyped-def]
    return {s.first_date is not None and s.first_date.year == 2016: s for s in stories}


@pytest.mark.parametrize("cluster", [group_stories, stream_stories])
def test_seeds_make_two_stories_in_one_storyline(
    seeds: list[Article], minilm: MiniLMEmbedder, cluster
) -> None:  # type: ignore[no-untyped-def]
    stories = cluster(seeds, minilm, ClusterParams())
    assert len(stories) == 2
    assert len({s.storyline_id for s in stories}) == 1
    parts = _by_2016(stories)
    assert len(parts[False].article_ids) == 4
    assert len(parts[True].article_ids) == 1
    assert parts[False].first_date is not None and parts[False].first_date.year == 2013
    assert parts[False].headline in {a.title for a in seeds}


def test_offline_ids_are_stable_and_order_free(seeds: list[Article], minilm: MiniLMEmbedder) -> None:
    a = group_stories(seeds, minilm, ClusterParams())
    b = group_stories(list(reversed(seeds)), minilm, ClusterParams())
    assert a == b
    for s in a:
        assert s.id == story_id(s.article_ids)


def test_date_factor() -> None:
    d = dt.date(2013, 5, 1)
    assert date_factor(d, d + dt.timedelta(days=14), 14, 60) == 1.0
    assert date_factor(d, d + dt.timedelta(days=37), 14, 60) == pytest.approx(0.5)
    assert date_factor(d, d + dt.timedelta(days=90), 14, 60) == 0.0
    assert date_factor(None, d, 14, 60) == 1.0


def _art(aid: str, day: dt.date | None) -> Article:
    pub = PublishedDate(day, "day", 0.9) if day else PublishedDate()
    return Article(id=aid, path=aid, text="x" * 100, sentences=(), title=aid, published=pub)


def test_online_time_window_separates_same_topic_months_apart() -> None:
    v = np.ones(4, dtype=np.float32) / 2.0
    oc = OnlineClusterer(ClusterParams(window_days=7))
    d0 = dt.date(2020, 1, 1)
    a1 = oc.add(_art("a", d0), v)
    a2 = oc.add(_art("b", d0 + dt.timedelta(days=5)), v)
    a3 = oc.add(_art("c", d0 + dt.timedelta(days=120)), v)
    a4 = oc.add(_art("d", None), v)
    assert a1.new_story and not a2.new_story and a2.story_id == a1.story_id
    assert a3.new_story
    assert not a4.new_story
    st = oc.state(a1.story_id)
    assert (st.first_date, st.last_date, st.size) == (d0, d0 + dt.timedelta(days=5), 3)
    assert oc.state(a3.story_id).storyline_id == st.storyline_id


def test_online_state_round_trips() -> None:
    v = np.array([1, 0, 0, 0], dtype=np.float32)
    w = np.array([0, 1, 0, 0], dtype=np.float32)
    oc = OnlineClusterer(ClusterParams())
    first = oc.add(_art("a", dt.date(2020, 1, 1)), v)
    restored = OnlineClusterer(oc.params, oc.states())
    assert restored.add(_art("b", dt.date(2020, 1, 2)), v).story_id == first.story_id
    assert restored.add(_art("c", dt.date(2020, 1, 2)), w).new_story
