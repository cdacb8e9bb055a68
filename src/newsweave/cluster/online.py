"""Streaming story assignment: each new article joins the most similar live story or starts a new one.

No re-clustering: the state of a story is the sum of its members' vectors per publication day (``DaySum``),
so an article costs one matrix-vector product over the day sums within ``max_gap_days`` of it. The score of a
story is the article's *date-weighted average* similarity to the story's members,
``sum_day f(gap to day) * (day_sum . v) / size``: the offline average-linkage criterion with the same per-pair
date factor (1 within ``window_days``, falling linearly to 0 at ``max_gap_days``; undated members and articles
are not penalised). Not the cosine to the re-normalised centroid: that grows as a story gets more diverse (the
mean vector shrinks and re-normalising inflates every cosine), which made big generic stories swallow
everything (AllSides ARI 0.14). And not one factor for the story's whole [first, last] interval: with a short
window that keeps out an article that arrives before the story's later members even when the story also
holds undated or same-day members (the seeds, fed in file order).
The article joins the best story only if that score is at least ``stream_threshold`` (default: the offline
``threshold``); otherwise it starts a new story. After a batch, ``merge_stories`` joins any story the batch
touched to another whose average similarity over all pairs of members (with the same date factors, from the day
sums) reaches ``merge_threshold``: average linkage over stories, so an event whose coverage began as two
stories (its first article off-angle, or early) becomes one once later articles bridge them. A new story joins the storyline of the most similar existing
story (dates ignored) when that similarity is at least ``stream_storyline_threshold``.

Stories made here keep the id they were born with (``st-`` + hash of the founding article id), so the store
can update them in place as they grow; the offline clusterer instead names a story after all its members.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace

import numpy as np
from threadpoolctl import ThreadpoolController

from newsweave.cluster.features import Span, gap_factor, params_vectors, span_gap, usable_date, usable_span
from newsweave.cluster.ids import story_id, storyline_id
from newsweave.cluster.offline import batch_threshold
from newsweave.config import ClusterParams
from newsweave.embed import Embedder
from newsweave.types import Article, Story


@dataclass(frozen=True)
class DaySum:
    """The sum of the vectors of a story's members published in days ``lo..hi`` (date ordinals): one day, or
    the month or year of members dated only that precisely; both None for undated members. Stories stored
    before day sums existed have one sum over their whole [first, last] interval."""

    lo: int | None
    hi: int | None
    vector_sum: np.ndarray


@dataclass(frozen=True)
class StoryState:
    """What the streaming clusterer remembers about one story (persisted by the store)."""

    id: str
    storyline_id: str
    centroid_sum: np.ndarray
    size: int
    first_date: dt.date | None
    last_date: dt.date | None
    headline: str
    central_id: str
    central_vector: np.ndarray
    day_sums: tuple[DaySum, ...] = ()
    """Per-day vector sums (adding up to ``centroid_sum``); empty means one sum over [first, last]."""

    def days(self) -> tuple[DaySum, ...]:
        """``day_sums``, or the one interval-wide sum of a story that has none."""
        if self.day_sums:
            return self.day_sums
        lo = self.first_date or self.last_date
        hi = self.last_date or self.first_date
        return (
            DaySum(
                lo.toordinal() if lo else None,
                hi.toordinal() if hi else None,
                self.centroid_sum,
            ),
        )

    @property
    def centroid(self) -> np.ndarray:
        c = self.centroid_sum / max(self.size, 1)
        n = float(np.linalg.norm(c))
        return c / n if n > 0 else c


@dataclass(frozen=True)
class Assignment:
    article_id: str
    story_id: str
    similarity: float
    new_story: bool


@dataclass(frozen=True)
class Merge:
    """Story ``absorbed`` joined story ``into`` (its members now belong to ``into``; its id is gone)."""

    absorbed: str
    into: str
    similarity: float


def _with_day(days: tuple[DaySum, ...], span: Span | None, vector: np.ndarray) -> tuple[DaySum, ...]:
    """``days`` with ``vector`` added to the sum of ``span`` (a day, or the month or year of a less precise
    date; None for undated), a new sum if there is none yet."""
    lo, hi = span if span is not None else (None, None)
    out = list(days)
    for i, ds in enumerate(out):
        if ds.lo == lo and ds.hi == hi:
            out[i] = DaySum(lo, hi, ds.vector_sum + vector)
            return tuple(out)
    return (*out, DaySum(lo, hi, vector.astype(np.float32).copy()))


def _min(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else min(a, b)


def _max(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else max(a, b)


_BLAS: ThreadpoolController | None = None


def one_blas_thread() -> AbstractContextManager[object]:
    """BLAS held to one thread in the block. The controller (which scans the loaded libraries, ~30 ms) is made
    once per process, not once per batch."""
    global _BLAS
    if _BLAS is None:
        _BLAS = ThreadpoolController()
    return _BLAS.limit(limits=1, user_api="blas")


_NO_DATE_LO = -(10**9)
_NO_DATE_HI = 10**9
_GONE_DAY = -(10**12)
"""Day bounds of an absorbed story's day sums: further from every date than ``max_gap_days``, so never scored."""


class OnlineClusterer:
    """Incremental clusterer; ``states()`` / ``OnlineClusterer(params, states)`` persist and restore it.

    Mean vectors and sizes (one row per story) and day sums with their day bounds (one row per story and day)
    are also kept in arrays, so that assigning an article is a few vector operations, not a Python loop over
    all stories.
    """

    def __init__(self, params: ClusterParams, states: Iterable[StoryState] = ()) -> None:
        self.params = params
        self._stories: dict[str, StoryState] = {}
        self._row: dict[str, int] = {}
        self._ids: list[str] = []
        self._cent = np.zeros((0, 0), dtype=np.float32)
        self._size = np.zeros(0, dtype=np.float64)
        self._day_row: dict[tuple[str, int | None, int | None], int] = {}
        self._days = np.zeros((0, 0), dtype=np.float32)
        self._day_lo = np.zeros(0, dtype=np.int64)
        self._day_hi = np.zeros(0, dtype=np.int64)
        self._day_story = np.zeros(0, dtype=np.int64)
        self._live = np.zeros(0, dtype=bool)
        self._story_days: dict[str, list[int]] = {}
        self._merged: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        self._line_row: dict[str, int] = {}
        self._line_ids: list[str] = []
        self._lines = np.zeros((0, 0), dtype=np.float64)
        for st in states:
            self._put(st)

    def _put(self, st: StoryState) -> None:
        c = (st.centroid_sum / max(st.size, 1)).astype(np.float32)  # mean, NOT re-normalised
        old = self._stories.get(st.id)
        self._add_to_line(st.storyline_id, st.centroid_sum, None if old is None else old.centroid_sum)
        if st.id in self._row:
            r = self._row[st.id]
        else:
            if self._cent.shape[0] == 0:
                self._cent = np.zeros((0, c.shape[0]), dtype=np.float32)
            if len(self._ids) == self._cent.shape[0]:  # grow geometrically
                grow = max(16, self._cent.shape[0])
                self._cent = np.vstack([self._cent, np.zeros((grow, c.shape[0]), dtype=np.float32)])
                self._size = np.concatenate([self._size, np.zeros(grow, dtype=np.float64)])
                self._live = np.concatenate([self._live, np.zeros(grow, dtype=bool)])
            r = len(self._ids)
            self._row[st.id] = r
            self._ids.append(st.id)
        self._cent[r] = c
        self._size[r] = max(st.size, 1)
        self._live[r] = True
        for ds in st.days():
            self._put_day(st.id, r, ds)
        self._stories[st.id] = st

    def _put_day(self, story: str, row: int, ds: DaySum) -> None:
        # Rows are added or overwritten, never removed: a story's day sums only ever gain days (``_with_day``),
        # and a legacy interval-wide sum keeps its key once the story has grown.
        key = (story, ds.lo, ds.hi)
        b = self._day_row.get(key)
        if b is None:
            dim = ds.vector_sum.shape[0]
            if self._days.shape[0] == 0:
                self._days = np.zeros((0, dim), dtype=np.float32)
            b = len(self._day_row)
            if b == self._days.shape[0]:  # grow geometrically
                grow = max(16, self._days.shape[0])
                self._days = np.vstack([self._days, np.zeros((grow, dim), dtype=np.float32)])
                self._day_lo = np.concatenate([self._day_lo, np.zeros(grow, dtype=np.int64)])
                self._day_hi = np.concatenate([self._day_hi, np.zeros(grow, dtype=np.int64)])
                self._day_story = np.concatenate([self._day_story, np.zeros(grow, dtype=np.int64)])
            self._day_row[key] = b
            self._day_lo[b] = _NO_DATE_LO if ds.lo is None else ds.lo
            self._day_hi[b] = _NO_DATE_HI if ds.hi is None else ds.hi
            self._day_story[b] = row
            self._story_days.setdefault(story, []).append(b)
        self._days[b] = ds.vector_sum

    def _add_to_line(self, line: str, new: np.ndarray, old: np.ndarray | None) -> None:
        """Keep each storyline's vector sum up to date (one row per storyline), so that placing a new story is
        one matrix-vector product instead of a Python loop over every story."""
        if line not in self._line_row:
            if self._lines.shape[0] == 0:
                self._lines = np.zeros((0, new.shape[0]), dtype=np.float64)
            if len(self._line_ids) == self._lines.shape[0]:
                grow = max(16, self._lines.shape[0])
                self._lines = np.vstack([self._lines, np.zeros((grow, new.shape[0]), dtype=np.float64)])
            self._line_row[line] = len(self._line_ids)
            self._line_ids.append(line)
        r = self._line_row[line]
        self._lines[r] += new
        if old is not None:
            self._lines[r] -= old

    def states(self) -> tuple[StoryState, ...]:
        return tuple(self._stories[i] for i in self._ids if i in self._stories)

    def current(self, story_id: str) -> str:
        """The live story ``story_id`` now is (itself, or the story it was merged into)."""
        while story_id in self._merged:
            story_id = self._merged[story_id]
        return story_id

    def state(self, story_id: str) -> StoryState:
        return self._stories[story_id]

    def _best(self, vector: np.ndarray, span: Span | None) -> tuple[StoryState | None, float]:
        """The story with the highest date-weighted average similarity to its members; only stories with a
        member within ``max_gap_days`` of a dated article are scored (the others have a date factor of 0)."""
        n = len(self._ids)
        if n == 0:
            return None, 0.0
        if span is None:
            sims = np.where(self._live[:n], self._cent[:n] @ vector, -np.inf)
            i = int(np.argmax(sims))
            return self._stories[self._ids[i]], float(sims[i])
        f = self._date_factors(np.asarray(span[0]), np.asarray(span[1]), len(self._day_row))
        days = np.flatnonzero(f > 0.0)
        if len(days) == 0:
            return None, 0.0
        contrib = (self._days[days] @ vector).astype(np.float64) * f[days]
        owners = self._day_story[days]
        total = np.bincount(owners, weights=contrib, minlength=n)
        rows = np.unique(owners)
        scores = np.where(self._live[rows], total[rows] / self._size[rows], -np.inf)
        i = int(np.argmax(scores))
        return self._stories[self._ids[int(rows[i])]], float(scores[i])

    def _date_factors(self, lo: np.ndarray, hi: np.ndarray, nb: int) -> np.ndarray:
        """Offline's date factor, measured from days [``lo``, ``hi``] (an article's span, or a column of day sums'
        bounds for one row each) to each of the first ``nb`` day sums' [lo, hi] days."""
        gap = span_gap(lo, hi, self._day_lo[:nb], self._day_hi[:nb])
        return gap_factor(gap, self.params.window_days, self.params.max_gap_days)

    def _storyline_for(self, vector: np.ndarray, founder: str) -> str:
        """The storyline whose centroid (size-weighted mean of its stories) is most similar, if close enough."""
        k = len(self._line_ids)
        if k:
            m = self._lines[:k]
            sims = (m @ vector) / np.maximum(np.linalg.norm(m, axis=1), 1e-12)
            i = int(np.argmax(sims))
            if sims[i] >= self.params.stream_storyline_threshold:
                return self._line_ids[i]
        return storyline_id([founder])

    def n_articles(self) -> int:
        """Articles in the live stories."""
        n = len(self._ids)
        return int(self._size[:n][self._live[:n]].sum())

    def lowered(self, n: int) -> float:
        """How much lower than ``merge_threshold`` the merge cut is in a store of ``n`` articles: as much as
        offline's cut is for a batch of ``n`` (``stream_small_store``; 0 from ``full_threshold_articles``)."""
        p = self.params
        return p.threshold - batch_threshold(n, p) if p.stream_small_store else 0.0

    def add(self, article: Article, vector: np.ndarray) -> Assignment:
        """Assign one article (with its feature vector) and update the state; returns where it went."""
        d = usable_date(article, self.params)
        span = usable_span(article, self.params)
        best, sim = self._best(vector, span)
        if best is not None and sim >= self.params.assign_threshold:
            total = best.centroid_sum + vector
            new_c = total / max(float(np.linalg.norm(total)), 1e-12)
            keep_central = float(best.central_vector @ new_c) >= float(vector @ new_c)
            self._put(
                replace(
                    best,
                    centroid_sum=total,
                    size=best.size + 1,
                    first_date=_min(best.first_date, d),
                    last_date=_max(best.last_date, d),
                    # a new central article heads the story only with a title or a whole hard-news lead
                    headline=best.headline if keep_central or article.headline_rank else article.headline(),
                    central_id=best.central_id if keep_central else article.id,
                    central_vector=best.central_vector if keep_central else vector,
                    day_sums=_with_day(best.days(), span, vector),
                )
            )
            self._members.setdefault(best.id, []).append(article.id)
            return Assignment(article.id, best.id, sim, False)
        sid = story_id([article.id])  # named after its founder: the id stays as the story grows
        self._put(
            StoryState(
                id=sid,
                storyline_id=self._storyline_for(vector, article.id),
                centroid_sum=vector.astype(np.float32).copy(),
                size=1,
                first_date=d,
                last_date=d,
                headline=article.headline(),
                central_id=article.id,
                central_vector=vector.astype(np.float32).copy(),
                day_sums=_with_day((), span, vector),
            )
        )
        self._members.setdefault(sid, []).append(article.id)
        return Assignment(article.id, sid, sim, True)

    def _story_scores(self, story_id: str) -> np.ndarray:
        """Average date-weighted similarity over all member pairs of ``story_id`` and each story (one entry a
        row; -inf for itself and absorbed stories): the offline average-linkage criterion, from day sums."""
        n, nb = len(self._ids), len(self._day_row)
        r = self._row[story_id]
        mine = np.asarray(self._story_days[story_id], dtype=np.int64)
        f = self._date_factors(self._day_lo[mine][:, None], self._day_hi[mine][:, None], nb)
        contrib = ((self._days[mine] @ self._days[:nb].T).astype(np.float64) * f).sum(axis=0)
        total = np.bincount(self._day_story[:nb], weights=contrib, minlength=n)
        scores = total / (self._size[r] * self._size[:n])
        scores[r] = -np.inf
        scores[~self._live[:n]] = -np.inf
        return scores

    def _absorb(self, keep_id: str, gone_id: str) -> None:
        """Merge story ``gone_id`` into ``keep_id``: sums, sizes, dates and day sums added; the more central of
        the two central articles (to the merged centroid) heads it; ``gone_id`` is no longer scored."""
        keep, gone = self._stories[keep_id], self._stories[gone_id]
        days = keep.days()
        for ds in gone.days():
            days = _with_day(days, None if ds.lo is None or ds.hi is None else (ds.lo, ds.hi), ds.vector_sum)
        total = keep.centroid_sum + gone.centroid_sum
        c = total / max(float(np.linalg.norm(total)), 1e-12)
        own = float(keep.central_vector @ c) >= float(gone.central_vector @ c)
        head = keep if own else gone
        merged = replace(
            keep,
            centroid_sum=total,
            size=keep.size + gone.size,
            first_date=_min(keep.first_date, gone.first_date),
            last_date=_max(keep.last_date, gone.last_date),
            headline=head.headline,
            central_id=head.central_id,
            central_vector=head.central_vector,
            day_sums=days,
        )
        r = self._row[gone_id]
        self._live[r] = False
        self._cent[r] = 0.0
        for b in self._story_days.pop(gone_id, []):
            self._days[b] = 0.0
            self._day_lo[b] = self._day_hi[b] = _GONE_DAY
        self._lines[self._line_row[gone.storyline_id]] -= gone.centroid_sum
        del self._stories[gone_id]
        self._put(merged)
        self._members.setdefault(keep_id, []).extend(self._members.pop(gone_id, []))
        self._merged[gone_id] = keep_id

    def merge_stories(self, candidates: Iterable[str], run_size: int = 0) -> tuple[Merge, ...]:
        """Merge, best pair first, each of ``candidates`` (the stories a batch touched) with the story closest
        to it while their average-linkage similarity is at least ``merge_threshold``; the bigger (then older)
        story keeps its id. Returns the merges in order (none if ``merge_threshold`` is None).

        In a store that holds, and will hold at the end of this run (``run_size``: the articles stored before
        the run plus those it brings, 0 if unknown), fewer than ``full_threshold_articles``, the cut is
        ``lowered`` as offline's is for a batch of that size (``stream_small_store``): the merge is offline's
        criterion, so it gets offline's cut. The run's size, not the store's so far, sets it: an early batch of
        a 450-article ingest merged at a 32-article cut joins stories the rest of the run keeps apart (AllSides'
        first 150 stories streamed, B-cubed 0.82 -> 0.80)."""
        if self.params.merge_threshold is None:
            return ()
        th = self.params.merge_threshold - self.lowered(max(self.n_articles(), run_size))
        todo = [c for c in dict.fromkeys(self.current(c) for c in candidates) if c in self._stories]
        merges: list[Merge] = []
        with one_blas_thread():
            scores = {c: self._story_scores(c) for c in todo}
            while scores:
                best_c = max(scores, key=lambda c: float(scores[c].max()))
                row = scores[best_c]
                j = int(np.argmax(row))
                if not row[j] >= th:
                    break
                other = self._ids[j]
                a, b = self._stories[best_c], self._stories[other]
                keep, gone = (a, b) if (a.size, -self._row[a.id]) >= (b.size, -self._row[b.id]) else (b, a)
                self._absorb(keep.id, gone.id)
                merges.append(Merge(gone.id, keep.id, float(row[j])))
                scores.pop(gone.id, None)
                merged_row = scores[keep.id] = self._story_scores(keep.id)
                kr, gr = self._row[keep.id], self._row[gone.id]
                for c, sc in scores.items():  # similarity is symmetric: the merged story's row has them all
                    if c != keep.id:
                        sc[kr] = merged_row[self._row[c]]
                        sc[gr] = -np.inf
        return tuple(merges)

    def regroup(
        self, articles: Sequence[Article], vectors: np.ndarray, story_of: Mapping[str, str], run_size: int = 0
    ) -> tuple[Merge, ...]:
        """The end of an ingest run: ``articles`` (the run's, with their feature vectors; ``story_of`` the story
        each was assigned to) grouped offline, as ``digest`` would group them, and every two stories that
        grouping puts together merged: a story joins another when most of its run articles are in one offline
        group with it (a story split over two groups joins neither). Merges only, never a split, so stored ids
        stay; the bigger (then older) story keeps its id. ``run_size`` is as for ``merge_stories`` (the articles
        the store holds at the run's end); the grouping is cut as for a batch of that many. Only in a store of
        ``stream_regroup_min_articles`` or more and for at most ``stream_regroup_max_articles`` articles
        (``regroups``); nothing when merges are off."""
        size = max(len(articles), run_size)
        if not self.regroups(len(articles), run_size):
            return ()
        from newsweave.cluster.offline import group_vectors

        groups = group_vectors(articles, vectors, self.params, cut_size=size)
        in_run: dict[str, int] = {}
        for a in articles:
            sid = self.current(story_of[a.id])
            in_run[sid] = in_run.get(sid, 0) + 1
        merges: list[Merge] = []
        for g in groups:
            here: dict[str, int] = {}
            for aid in g.article_ids:
                sid = self.current(story_of[aid])
                here[sid] = here.get(sid, 0) + 1
            joining = [s for s, n in here.items() if s in self._stories and 2 * n > in_run[s]]
            if len(joining) < 2:
                continue
            keep = max(joining, key=lambda s: (self._stories[s].size, -self._row[s]))
            for gone in sorted(s for s in joining if s != keep):
                similarity = float(self._story_scores(keep)[self._row[gone]])
                self._absorb(keep, gone)
                merges.append(Merge(gone, keep, similarity))
                in_run[keep] += in_run.pop(gone)
        return tuple(merges)

    @property
    def regrouping(self) -> bool:
        """Whether runs are regrouped at their end at all (merges on, ``stream_regroup_max_articles`` above 0)."""
        return self.params.merge_threshold is not None and self.params.stream_regroup_max_articles > 0

    def regroups(self, n_articles: int, run_size: int = 0) -> bool:
        """Whether ``regroup`` of ``n_articles`` run articles, the store holding ``run_size``, would group them."""
        p = self.params
        return (self.regrouping and max(n_articles, run_size) >= p.stream_regroup_min_articles
                and 2 <= n_articles <= p.stream_regroup_max_articles)

    def add_many(self, articles: Sequence[Article], vectors: np.ndarray) -> list[Assignment]:
        """``add`` each article in order.

        BLAS is held to one thread meanwhile: every step is a matrix-vector product too small to split, and
        waking a thread pool for each one cost ~8 ms per product on 2 busy cores (0.1 ms single-threaded).
        """
        with one_blas_thread():
            return [self.add(a, v) for a, v in zip(articles, vectors, strict=True)]

    def members_added(self) -> dict[str, tuple[str, ...]]:
        """Article ids assigned in this session, per story."""
        return {k: tuple(v) for k, v in self._members.items()}


def stream_stories(
    articles: Sequence[Article], embedder: Embedder, params: ClusterParams
) -> tuple[Story, ...]:
    """Feed ``articles`` in the given order through a fresh ``OnlineClusterer``; return the stories."""
    oc = OnlineClusterer(params)
    p = oc.params
    vectors = params_vectors(articles, embedder, p)
    oc.add_many(articles, vectors)
    members = oc.members_added()
    return tuple(
        Story(
            id=s.id,
            article_ids=tuple(sorted(members[s.id])),
            headline=s.headline,
            first_date=s.first_date,
            last_date=s.last_date,
            storyline_id=s.storyline_id,
        )
        for s in oc.states()
    )
