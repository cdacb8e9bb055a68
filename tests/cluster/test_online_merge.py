"""Streaming story merges (``OnlineClusterer.merge_stories``): average linkage over stories from day sums."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np

from newsweave.cluster import ClusterParams, OnlineClusterer
from newsweave.types import Article, PublishedDate


def _art(aid: str, day: dt.date | None = None) -> Article:
    pub = PublishedDate(day, "day", 0.9) if day else PublishedDate()
    return Article(id=aid, path=aid, text="x" * 100, sentences=(), title=aid, published=pub)


def _unit(*xs: float) -> np.ndarray:
    v = np.asarray(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


# cos(U, W) = 0.6; V is orthogonal to both
U, W, V = _unit(1, 0, 0), _unit(0.6, 0.8, 0), _unit(0, 0, 1)
PARAMS = ClusterParams(stream_small_store=False, stream_threshold=0.75, merge_threshold=0.5)


def test_two_stories_closer_than_the_merge_threshold_become_one() -> None:
    oc = OnlineClusterer(PARAMS)
    a = oc.add(_art("a"), U)
    b = oc.add(_art("b"), W)
    c = oc.add(_art("c"), V)
    assert a.new_story and b.new_story and c.new_story  # 0.6 < the join threshold 0.75
    merges = oc.merge_stories([a.story_id, b.story_id, c.story_id])
    assert [(m.absorbed, m.into) for m in merges] == [(b.story_id, a.story_id)]  # equal sizes: the older keeps
    assert merges[0].similarity == np.float32(U @ W)
    assert oc.current(b.story_id) == a.story_id and oc.current(c.story_id) == c.story_id
    states = {s.id: s for s in oc.states()}
    assert set(states) == {a.story_id, c.story_id}
    assert states[a.story_id].size == 2
    assert np.allclose(states[a.story_id].centroid_sum, U + W)
    assert oc.members_added()[a.story_id] == ("a", "b")
    # average similarity 0.8 to the merged story: it joins it, never the absorbed id
    d = oc.add(_art("d"), W)
    assert not d.new_story and d.story_id == a.story_id


def test_the_bigger_story_keeps_its_id() -> None:
    oc = OnlineClusterer(PARAMS)
    first = oc.add(_art("a"), W)
    big = oc.add(_art("b"), U)
    oc.add(_art("c"), U)
    merges = oc.merge_stories([big.story_id])
    assert [(m.absorbed, m.into) for m in merges] == [(first.story_id, big.story_id)]


def test_no_merge_below_the_threshold_or_when_turned_off() -> None:
    for params in (ClusterParams(stream_small_store=False, stream_threshold=0.9, merge_threshold=0.7),
                   ClusterParams(stream_threshold=0.9, merge_threshold=None)):
        oc = OnlineClusterer(params)
        ids = [oc.add(_art("a"), U).story_id, oc.add(_art("b"), W).story_id]
        assert oc.merge_stories(ids) == ()
        assert len(oc.states()) == 2


def test_dates_too_far_apart_keep_identical_stories_apart() -> None:
    oc = OnlineClusterer(ClusterParams(stream_small_store=False, stream_threshold=0.9, merge_threshold=0.5))
    d0 = dt.date(2020, 1, 1)
    a = oc.add(_art("a", d0), U)
    b = oc.add(_art("b", d0 + dt.timedelta(days=60)), U)  # beyond max_gap_days: never the same story
    assert b.new_story
    assert oc.merge_stories([a.story_id, b.story_id]) == ()


def test_the_average_is_over_all_member_pairs() -> None:
    # story 1 = {U, U}, story 2 = {W}: average over the two pairs is 0.6 whatever the story sizes
    oc = OnlineClusterer(ClusterParams(stream_small_store=False, stream_threshold=0.9, merge_threshold=0.59))
    s1 = oc.add(_art("a"), U).story_id
    oc.add(_art("b"), U)
    s2 = oc.add(_art("c"), W).story_id
    assert [m.into for m in oc.merge_stories([s2])] == [s1]
    oc = OnlineClusterer(ClusterParams(stream_small_store=False, stream_threshold=0.9, merge_threshold=0.61))
    s1 = oc.add(_art("a"), U).story_id
    oc.add(_art("b"), U)
    s2 = oc.add(_art("c"), W).story_id
    assert oc.merge_stories([s2]) == ()


def test_merged_state_restores_and_storyline_sums_follow() -> None:
    oc = OnlineClusterer(PARAMS)
    ids = [oc.add(_art(x), v).story_id for x, v in (("a", U), ("b", W), ("c", V))]
    oc.merge_stories(ids)
    again = OnlineClusterer(PARAMS, oc.states())
    assert [s.id for s in again.states()] == [s.id for s in oc.states()]
    # the storyline sums equal the sums of their live stories (the absorbed story's sum moved with it)
    by_line: dict[str, np.ndarray] = {}
    for s in oc.states():
        by_line[s.storyline_id] = by_line.get(s.storyline_id, 0) + s.centroid_sum
    for line, total in by_line.items():
        assert np.allclose(oc._lines[oc._line_row[line]], total)


def test_a_small_store_merges_at_the_cut_offline_uses_for_a_batch_of_its_size() -> None:
    from newsweave.cluster.offline import batch_threshold

    small = ClusterParams(stream_threshold=0.9, merge_threshold=0.65)  # stream_small_store is the default
    drop = small.threshold - batch_threshold(2, small)
    assert drop > 0.05 and 0.65 - drop <= float(U @ W) < 0.65  # 0.6: merged only at the lowered cut
    for params, merged in ((small, True), (replace(small, stream_small_store=False), False)):
        oc = OnlineClusterer(params)
        ids = [oc.add(_art("a"), U).story_id, oc.add(_art("b"), W).story_id]
        assert bool(oc.merge_stories(ids)) is merged
    # from full_threshold_articles up, the cut is merge_threshold itself
    big = OnlineClusterer(replace(small, full_threshold_articles=2))
    ids = [big.add(_art("a"), U).story_id, big.add(_art("b"), W).story_id]
    assert big.lowered(big.n_articles()) == 0.0 and big.merge_stories(ids) == ()


def test_an_early_batch_of_a_big_run_merges_at_the_cut_for_the_runs_size() -> None:
    small = ClusterParams(stream_threshold=0.9, merge_threshold=0.65)
    for run_size, merged in ((0, True), (2, True), (small.full_threshold_articles, False)):
        oc = OnlineClusterer(small)
        ids = [oc.add(_art("a"), U).story_id, oc.add(_art("b"), W).story_id]
        assert bool(oc.merge_stories(ids, run_size)) is merged, run_size


def test_the_runs_end_merges_what_offline_groups_together_and_a_split_story_joins_neither() -> None:
    """``regroup``: stories whose run articles mostly fall in one offline group merge; a story split between
    two groups stays as it is; nothing when merges are off."""
    params = replace(PARAMS, stream_threshold=0.999, merge_threshold=0.999, lexical_weight=0.0,
                     full_threshold_articles=6, stream_regroup_min_articles=6)
    oc = OnlineClusterer(params)
    arts = [_art(k) for k in "abcdef"]
    vecs = np.stack([U, _unit(1, 0.05, 0), _unit(1, -0.05, 0), V, _unit(0.05, 0, 1), _unit(-0.05, 0, 1)])
    got = oc.add_many(arts, vecs)
    assert all(g.new_story for g in got)  # nothing joins at 0.999
    story_of = {g.article_id: g.story_id for g in got}
    merges = oc.regroup(arts, vecs, story_of)
    assert len(merges) == 4 and len(oc.states()) == 2
    assert {oc.current(story_of[k]) for k in "abc"} != {oc.current(story_of[k]) for k in "def"}
    assert len({oc.current(story_of[k]) for k in "abc"}) == 1
    # a story with one article near each group (it was joined by both): most of it is in neither
    oc2 = OnlineClusterer(params)
    got2 = oc2.add_many(arts, vecs)
    mixed = {g.article_id: g.story_id for g in got2}
    mixed["d"] = mixed["a"]  # pretend "a" and "d" share a story
    oc2._absorb(mixed["a"], got2[3].story_id)
    before = {s.id for s in oc2.states()}
    oc2.regroup(arts, vecs, mixed)
    assert mixed["a"] in {s.id for s in oc2.states()} and mixed["a"] in before
    assert OnlineClusterer(replace(params, merge_threshold=None)).regroup(arts, vecs, story_of) == ()
    small = OnlineClusterer(replace(params, stream_regroup_min_articles=7))  # a store under the regroup size
    small.add_many(arts, vecs)
    assert small.regroup(arts, vecs, story_of) == ()
    assert small.regroup(arts, vecs, story_of, run_size=7) != ()  # the store the run ends with counts
