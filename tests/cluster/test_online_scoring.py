"""Streaming scoring: average similarity to members, incremental storyline sums, batched adds, params."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pytest

from newsweave.cluster import ClusterParams, OnlineClusterer, StoryState
from newsweave.cluster.features import semantic_vectors
from newsweave.errors import ConfigError
from newsweave.types import Article, PublishedDate, Sentence


def _art(aid: str, day: dt.date | None = dt.date(2020, 1, 1)) -> Article:
    pub = PublishedDate(day, "day", 0.9) if day else PublishedDate()
    return Article(id=aid, path=aid, text="x" * 100, sentences=(), title=aid, published=pub)


def _unit(*xs: float) -> np.ndarray:
    v = np.asarray(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def _story(sid: str, members: Sequence[np.ndarray], line: str = "sl-x") -> StoryState:
    total = np.sum(members, axis=0).astype(np.float32)
    return StoryState(
        id=sid,
        storyline_id=line,
        centroid_sum=total,
        size=len(members),
        first_date=dt.date(2020, 1, 1),
        last_date=dt.date(2020, 1, 1),
        headline=sid,
        central_id=sid,
        central_vector=members[0],
    )


def test_a_diverse_story_does_not_attract_by_its_renormalised_centroid() -> None:
    # members a and b are orthogonal; v sits between them: cosine to the normalised centroid is 1.0, but the
    # average similarity to the members (offline average linkage) is only 0.71
    a, b = _unit(1, 0, 0), _unit(0, 1, 0)
    oc = OnlineClusterer(ClusterParams(threshold=0.75, stream_threshold=None), [_story("st-ab", [a, b])])
    asg = oc.add(_art("v"), _unit(1, 1, 0))
    assert asg.new_story
    assert asg.similarity == pytest.approx(np.sqrt(0.5), abs=1e-5)
    # the same article joins when the threshold allows the average similarity
    oc2 = OnlineClusterer(ClusterParams(threshold=0.7, stream_threshold=None), [_story("st-ab", [a, b])])
    assert oc2.add(_art("v"), _unit(1, 1, 0)).story_id == "st-ab"


def test_stream_threshold_overrides_threshold_for_streaming_only() -> None:
    assert ClusterParams(threshold=0.5, stream_threshold=None).assign_threshold == 0.5
    assert ClusterParams(threshold=0.5).assign_threshold == ClusterParams().stream_threshold != 0.5
    assert ClusterParams(threshold=0.5, stream_threshold=0.6).assign_threshold == 0.6
    a = _unit(1, 0, 0)
    oc = OnlineClusterer(ClusterParams(threshold=0.5, stream_threshold=0.95), [_story("st-a", [a])])
    assert oc.add(_art("v"), _unit(1, 0.4, 0)).new_story  # cosine 0.93


@pytest.mark.parametrize("bad", [-0.1, 1.5])
def test_stream_threshold_is_validated(bad: float) -> None:
    with pytest.raises(ConfigError, match="stream_threshold"):
        ClusterParams(stream_threshold=bad)


def test_title_weight_is_validated() -> None:
    with pytest.raises(ConfigError, match="title_weight"):
        ClusterParams(title_weight=-1.0)


def test_storyline_sums_stay_equal_to_the_sum_of_their_stories() -> None:
    rng = np.random.default_rng(0)
    oc = OnlineClusterer(ClusterParams(threshold=0.6, stream_storyline_threshold=0.5))
    base = rng.normal(size=(3, 16))
    for i in range(60):
        v = base[i % 3] + rng.normal(scale=0.8, size=16)
        oc.add(_art(f"a{i}"), (v / np.linalg.norm(v)).astype(np.float32))
    restored = OnlineClusterer(oc.params, oc.states())
    for clusterer in (oc, restored):
        expected: dict[str, np.ndarray] = {}
        for st in clusterer.states():
            expected[st.storyline_id] = expected.get(st.storyline_id, 0) + st.centroid_sum
        assert set(clusterer._line_ids) == set(expected)
        for line, total in expected.items():
            np.testing.assert_allclose(clusterer._lines[clusterer._line_row[line]], total, atol=1e-4)


def test_add_many_equals_one_by_one_and_skips_far_dated_stories() -> None:
    rng = np.random.default_rng(1)
    vecs = rng.normal(size=(40, 8)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    d0 = dt.date(2020, 1, 1)
    arts = [_art(f"a{i}", d0 + dt.timedelta(days=30 * (i % 5)) if i % 7 else None) for i in range(40)]
    one = OnlineClusterer(ClusterParams(threshold=0.3))
    many = OnlineClusterer(ClusterParams(threshold=0.3))
    assert [one.add(a, v) for a, v in zip(arts, vecs, strict=True)] == many.add_many(arts, vecs)
    # a dated article never joins a story whose dates are all beyond max_gap_days, however similar
    oc = OnlineClusterer(ClusterParams(max_gap_days=60))
    first = oc.add(_art("old", d0), vecs[0])
    assert oc.add(_art("new", d0 + dt.timedelta(days=61)), vecs[0]).story_id != first.story_id


class _FakeEmbedder:
    name = "fake"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 3), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, 0 if t.startswith("T") else 1] = 1.0
        return out


def test_title_weight_scales_the_title_embedding() -> None:
    text = "Body one. Body two."
    art = Article(
        id="a",
        path="a",
        text=text,
        sentences=(Sentence(0, 0, 9), Sentence(1, 10, 19)),
        title="Title",
        published=PublishedDate(),
    )
    emb = _FakeEmbedder()
    for w, expected in [(1.0, _unit(1, 2, 0)), (4.0, _unit(4, 2, 0)), (0.0, _unit(0, 1, 0))]:
        np.testing.assert_allclose(semantic_vectors([art], emb, 5, title_weight=w)[0], expected, atol=1e-6)


def test_local_scale_tightens_crowded_pairs_and_keeps_date_gates() -> None:
    from newsweave.cluster.offline import local_scale

    # articles 0-3 are a crowded neighbourhood, 4-5 a sparse pair; 6 is kept apart from all by dates (0)
    sim = np.full((7, 7), 0.1)
    sim[:4, :4] = 0.7
    sim[4, 5] = sim[5, 4] = 0.5
    sim[6, :] = sim[:, 6] = 0.0
    sim[6, 4] = sim[4, 6] = 0.0
    np.fill_diagonal(sim, 1.0)
    out = local_scale(sim, 2, 1.0)
    assert out[0, 1] < sim[0, 1]  # crowded: must be closer to merge
    assert out[4, 5] > sim[4, 5]  # sparse: the bar relaxes
    assert np.all(out[6, :6] == 0.0) and np.all(out[:6, 6] == 0.0)
    np.testing.assert_array_equal(np.diag(out), 1.0)
    np.testing.assert_allclose(out, out.T)
    np.testing.assert_array_equal(local_scale(sim, 0, 1.0), sim)  # off
    np.testing.assert_array_equal(local_scale(sim[:3, :3], 2, 1.0), sim[:3, :3])  # too few articles


def test_local_params_are_validated() -> None:
    with pytest.raises(ConfigError, match="local_k"):
        ClusterParams(local_k=-1)


def test_each_member_day_gets_its_own_date_factor() -> None:
    # story: member a on day 0, member b on day 33; window 3, max gap 63 -> factor 1 - (33-3)/60 = 0.5 for b
    d0 = dt.date(2020, 1, 1)
    p = ClusterParams(threshold=0.1, window_days=3, max_gap_days=63)
    a, b = _unit(1, 0, 0), _unit(0.6, 0.8, 0)
    oc = OnlineClusterer(p)
    sid = oc.add(_art("a", d0), a).story_id
    assert oc.add(_art("b", d0 + dt.timedelta(days=33)), b).story_id == sid
    days = oc.state(sid).day_sums
    assert sorted(ds.lo for ds in days if ds.lo) == [d0.toordinal(), d0.toordinal() + 33]
    np.testing.assert_allclose(np.sum([ds.vector_sum for ds in days], axis=0), oc.state(sid).centroid_sum)
    # an article on day 0 identical to a: (1.0 * 1 + a.b * 0.5) / 2, not one factor for the whole interval
    asg = OnlineClusterer(p, oc.states()).add(_art("v", d0), a)
    assert asg.story_id == sid
    assert asg.similarity == pytest.approx((1.0 + 0.6 * 0.5) / 2, abs=1e-5)
    # undated members are never penalised: day 0 article vs a story of one undated member
    oc2 = OnlineClusterer(p)
    u = oc2.add(_art("u", None), b)
    assert oc2.add(_art("w", d0 + dt.timedelta(days=500)), b).story_id == u.story_id


def test_a_story_without_day_sums_is_scored_over_its_interval() -> None:
    # stories stored before day sums existed: one sum over [first, last]
    d0 = dt.date(2020, 1, 1)
    legacy = replace(_story("st-old", [_unit(1, 0, 0)]), last_date=d0 + dt.timedelta(days=20))
    assert legacy.day_sums == ()
    p = ClusterParams(threshold=0.5, window_days=3, max_gap_days=63)
    oc = OnlineClusterer(p, [legacy])
    asg = oc.add(_art("v", d0 + dt.timedelta(days=10)), _unit(1, 0, 0))  # inside the interval: factor 1
    assert asg.story_id == "st-old" and asg.similarity == pytest.approx(1.0, abs=1e-5)
    grown = oc.state("st-old")
    assert grown.size == 2 and len(grown.day_sums) == 2  # the old interval sum kept, the new day added
    assert (grown.day_sums[0].lo, grown.day_sums[0].hi) == (d0.toordinal(), d0.toordinal() + 20)


def test_a_month_or_year_precise_date_stands_for_its_whole_month_or_year() -> None:
    from newsweave.cluster.features import date_span, span_factor_matrix

    d = dt.date(2013, 12, 26)
    assert date_span(d, "day") == (d.toordinal(), d.toordinal())
    assert date_span(d, "month") == (dt.date(2013, 12, 1).toordinal(), dt.date(2013, 12, 31).toordinal())
    assert date_span(dt.date(2013, 2, 9), "month")[1] == dt.date(2013, 2, 28).toordinal()
    assert date_span(d, "year") == (dt.date(2013, 1, 1).toordinal(), d.replace(day=31).toordinal())
    may8 = date_span(dt.date(2013, 5, 8), "day")
    may = date_span(dt.date(2013, 5, 26), "month")  # "May 26 mentioned", year inferred: any day of May
    june30 = date_span(dt.date(2013, 6, 30), "day")
    f = span_factor_matrix([may8, may, june30, None], window_days=3, max_gap_days=63)
    assert f[0, 1] == 1.0  # May 8 lies inside May
    assert f[1, 2] == pytest.approx(1 - (30 - 3) / 60)  # 30 days from May 31 to June 30
    assert f[0, 2] == pytest.approx(1 - (53 - 3) / 60)
    assert f[3, 0] == 1.0  # unknown dates are not penalised


def test_streaming_uses_the_span_of_a_month_precise_date() -> None:
    p = ClusterParams(threshold=0.9, window_days=3, max_gap_days=63)
    v = _unit(1, 0, 0)
    oc = OnlineClusterer(p)
    first = oc.add(_art("day", dt.date(2013, 5, 8)), v)
    month_only = Article(
        id="m", path="m", text="x" * 100, sentences=(), title="m",
        published=PublishedDate(dt.date(2013, 5, 26), "month", 0.55),
    )
    asg = oc.add(month_only, v)
    assert asg.story_id == first.story_id and asg.similarity == pytest.approx(1.0, abs=1e-5)
    days = {(ds.lo, ds.hi) for ds in oc.state(first.story_id).day_sums}
    assert (dt.date(2013, 5, 1).toordinal(), dt.date(2013, 5, 31).toordinal()) in days
