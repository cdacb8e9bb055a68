"""The service layer shared by the JSON API and the HTML pages.

Writes (ingest, and report builds, which store the summary they make) happen one at a time on one dedicated
thread that owns the store's write connection (``StoreThread.run``): one writer at a time is what SQLite wants.
Reads (health, the story list, search, articles, briefs already built) run on a few read threads, each with its
own read-only connection (``StoreThread.read``; WAL lets them read while the writer writes), so a read never
waits behind an ingest, a slow search or a first-time report build. Routes stay ``async`` and never block the
event loop on the store, extraction or report building.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from newsweave import __version__
from newsweave.embed import Embedder, for_sentences, get_embedder
from newsweave.errors import QueryError, StoreMismatchError, StoreReadOnlyError, StoreWriteError
from newsweave.incremental import StoreIngestor
from newsweave.ingest import IngestResult
from newsweave.pipeline import story_digest
from newsweave.render.views import rank_key
from newsweave.serve.errors import ApiError
from newsweave.serve.settings import ApiSettings
from newsweave.store import SearchHit, Store, StoryRow, open_store
from newsweave.store.brief import StoryInputs, story_inputs, summary_text
from newsweave.store.reader import SQLiteReader
from newsweave.types import UNKNOWN_OUTLET, Article, Digest, DuplicateLink, Reject, StoryReport

log = logging.getLogger(__name__)

T = TypeVar("T")
SEARCH_POOL = 1000
"""How many search hits a ``q`` filter on the story list looks at."""
READ_THREADS = 4
"""Threads (each with its own read-only store connection) that serve the reads beside the one writer thread."""


@dataclass(frozen=True)
class StoryFilter:
    since: dt.date | None = None
    until: dt.date | None = None
    outlet: str | None = None
    q: str | None = None
    storyline: str | None = None

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return any((self.since, self.until, self.outlet, self.q, self.storyline))


Order = Literal["newest", "front"]
"""``newest``: newest first (the JSON list); ``front``: the front page's rank (``render.views.rank_key``)."""


@dataclass(frozen=True)
class StoryPage:
    total: int
    limit: int
    offset: int
    rows: tuple[StoryRow, ...]
    ranked: bool = False
    """Rows in the front page's order (one-article stories last), not by search relevance or date."""
    outlets: tuple[str, ...] = ()
    """Every outlet of the store (for an outlet filter), ``UNKNOWN_OUTLET`` last."""
    storylines: Mapping[str, int] = field(default_factory=dict)
    """How many stories of the store each storyline of ``rows`` holds."""

    def storyline_others(self, row: StoryRow) -> int:
        """How many other stories of the store share ``row``'s storyline."""
        line = row.story.storyline_id
        return max(0, self.storylines.get(line, 1) - 1) if line else 0


@dataclass(frozen=True)
class StoryBrief:
    """A story's report with the articles and near-copy links it was built from."""

    report: StoryReport
    articles: tuple[Article, ...]
    duplicates: tuple[DuplicateLink, ...]

    def digest(self) -> Digest:
        """As a one-story ``Digest``: what ``newsweave.render`` takes (the CLI's shapes for md/json/html)."""
        return Digest(articles=self.articles, rejected=(), stories=(self.report,), duplicates=self.duplicates)


@dataclass(frozen=True)
class IngestedArticle:
    id: str
    story_id: str | None
    title: str | None
    outlet: str | None


@dataclass(frozen=True)
class DuplicateInfo:
    """``exact``: the same article is already stored (not written again); ``near``: stored, linked as a copy."""

    id: str
    duplicate_of: str
    similarity: float
    kind: str
    story_id: str | None


@dataclass(frozen=True)
class IngestOutcome:
    ingested: tuple[IngestedArticle, ...]
    duplicates: tuple[DuplicateInfo, ...]
    rejected: tuple[Reject, ...]


def touched_stories(outcome: IngestOutcome) -> tuple[str, ...]:
    """The stories a write added articles or near-copies to, in the order the outcome names them."""
    ids = [a.story_id for a in outcome.ingested] + [d.story_id for d in outcome.duplicates if d.kind == "near"]
    return tuple(dict.fromkeys(i for i in ids if i))


ReportKey = tuple[str, tuple[str, ...], tuple[DuplicateLink, ...]]


class ReportCache:
    """LRU of built briefs keyed by story id + article set (+ copy links): a grown story is rebuilt."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[ReportKey, StoryBrief] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: ReportKey) -> StoryBrief | None:
        with self._lock:
            report = self._items.get(key)
            if report is not None:
                self._items.move_to_end(key)
            return report

    def put(self, key: ReportKey, report: StoryBrief) -> None:
        if self.size == 0:
            return
        with self._lock:
            self._items[key] = report
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


def story_date(row: StoryRow) -> dt.date | None:
    return row.story.last_date or row.story.first_date


def matches(row: StoryRow, f: StoryFilter) -> bool:
    s = row.story
    if f.since and not ((d := story_date(row)) and d >= f.since):
        return False
    if f.until and not ((d := s.first_date or s.last_date) and d <= f.until):
        return False
    if f.storyline and s.storyline_id != f.storyline:
        return False
    return not (f.outlet and f.outlet.casefold() not in {o.casefold() for o in row.outlets})


def newest_first(rows: Sequence[StoryRow]) -> list[StoryRow]:
    by_id = sorted(rows, key=lambda r: r.story.id)
    return sorted(by_id, key=lambda r: (story_date(r) is None, -(story_date(r) or dt.date.min).toordinal()))


def front_page_order(rows: Sequence[StoryRow]) -> list[StoryRow]:
    """The digest's front-page rank (``rank_key``), stories of one article after all others. The outlets
    counted are the row's names, where every unnamed source is one "unknown outlet"."""
    ranked = sorted(rows, key=lambda r: rank_key(len(r.outlets), r.n_articles, story_date(r), r.story.id))
    return [r for r in ranked if r.n_articles > 1] + [r for r in ranked if r.n_articles <= 1]


def store_outlets(rows: Sequence[StoryRow]) -> tuple[str, ...]:
    """The outlets of ``rows``, sorted case-insensitively, ``UNKNOWN_OUTLET`` last."""
    names = {o for r in rows for o in r.outlets}
    named = sorted(names - {UNKNOWN_OUTLET}, key=lambda o: (o.casefold(), o))
    return (*named, UNKNOWN_OUTLET) if UNKNOWN_OUTLET in names else tuple(named)


def ranked_story_ids(hits: Sequence[SearchHit]) -> list[str]:
    """Story ids in order of their best hit (hits come best first)."""
    return list(dict.fromkeys(h.story_id for h in hits if h.story_id))


class NewsService:
    """Everything the API and the pages do, as plain synchronous methods over a ``Store``."""

    def __init__(self, settings: ApiSettings, store: Store | None = None, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self._store = store
        self._embedder = embedder
        self._ingestor: StoreIngestor | None = None
        self._articles_after_write = -1
        self.cache = ReportCache(settings.report_cache_size)
        self._given_store = store is not None
        self._local = threading.local()
        self._readers: list[SQLiteReader] = []
        self._readers_lock = threading.Lock()

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.settings.db_path)
            log.info("opened store %s", self.settings.db_path)
        return self._store

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder(self.settings.embedder)
        return self._embedder

    def stories_without_brief(self) -> list[str]:
        """Ids of the stories whose brief was never built (no stored summary), most articles first; none on a
        read-only store, which cannot keep what a build stores (each start would build them all again)."""
        if getattr(self.store, "read_only", False):
            return []
        rows = [r for r in self.store.story_rows() if not r.summary]
        return [r.story.id for r in sorted(rows, key=lambda r: (-r.n_articles, r.story.id))]

    def warm_up(self) -> None:
        """Open the store and load every model a request can need (embedder, the spaCy pipeline that splits
        sentences and parses for the analysis, the HTML extractor), so the first request is as fast as the next."""
        from newsweave.extract.sentences import sentence_model
        from newsweave.nlp import analysis_model

        self.store.counts()
        self.embedder.encode(["warm-up"])
        for_sentences(self.embedder).encode(["warm-up"])
        sentence_model()
        if self.settings.pipeline.analyze:
            analysis_model()
        import trafilatura  # noqa: F401 - the import itself is what costs (HTML uploads)

    @property
    def concurrent_reads(self) -> bool:
        """Whether reads may run on threads of their own: over a given store (usable from any thread) or a store
        file (each read thread opens its own connection), not over a private ``:memory:`` store."""
        return self._given_store or str(self.settings.db_path) != ":memory:"

    @property
    def reader(self) -> Store:
        """The store to read from: this thread's read-only connection on a read thread (``read``), else
        ``store``."""
        local: SQLiteReader | None = getattr(self._local, "reader", None)
        return local if local is not None else self.store

    def read(self, fn: Callable[[NewsService], T]) -> T:
        """``fn(self)`` on a read thread: its reads (``reader``) go to this thread's own read-only connection,
        opened on first use, and see one state of the store (one read transaction)."""
        if self._given_store:
            return fn(self)
        reader: SQLiteReader | None = getattr(self._local, "reader", None)
        if reader is None:
            reader = SQLiteReader(self.settings.db_path)
            with self._readers_lock:
                self._readers.append(reader)
            self._local.reader = reader
        with reader.snapshot():
            return fn(self)

    def close(self) -> None:
        with self._readers_lock:
            for reader in self._readers:
                reader.close()
            self._readers.clear()
        if self._store is not None:
            self._store.close()
            self._store = None
            self._ingestor = None

    # -- reads ----------------------------------------------------------------------------------------------

    def list_stories(self, f: StoryFilter, limit: int, offset: int, order: Order = "newest") -> StoryPage:
        """The stories ``f`` lets through: by search relevance when ``f.q`` is set, else in ``order``."""
        hits = self._search(f.q, SEARCH_POOL) if f.q else []
        everything = self.reader.story_rows()
        rows = [r for r in everything if matches(r, f)]
        if f.q:
            rank = {sid: i for i, sid in enumerate(ranked_story_ids(hits))}
            rows = sorted((r for r in rows if r.story.id in rank), key=lambda r: rank[r.story.id])
        elif order == "front":
            rows = front_page_order(rows)
        else:
            rows = newest_first(rows)
        shown = tuple(rows[offset : offset + limit])
        sizes = Counter(r.story.storyline_id for r in everything if r.story.storyline_id)
        lines = {r.story.storyline_id: sizes[r.story.storyline_id] for r in shown if r.story.storyline_id}
        return StoryPage(len(rows), limit, offset, shown, ranked=order == "front" and not f.q,
                         outlets=store_outlets(everything), storylines=lines)

    @staticmethod
    def _inputs(store: Store, story_id: str) -> tuple[StoryInputs, ReportKey]:
        inputs = story_inputs(store, story_id)
        if inputs is None:
            raise ApiError(404, "not_found", f"no story with id {story_id!r}", {"story_id": story_id})
        return inputs, (inputs.story.id, inputs.story.article_ids, inputs.duplicates)

    def cached_brief(self, story_id: str) -> StoryBrief | None:
        """The story's brief if it is built already (a read), else None (``story_brief`` builds it)."""
        return self.cache.get(self._inputs(self.reader, story_id)[1])

    def story_brief(self, story_id: str) -> StoryBrief:
        """The story's brief, built (and its summary stored for search) on a cache miss: a write."""
        inputs, key = self._inputs(self.store, story_id)
        story, articles, dups = inputs.story, inputs.articles, inputs.duplicates
        brief = self.cache.get(key)
        if brief is None:
            d = story_digest(story, articles, self.settings.pipeline, self.embedder, dups)
            brief = StoryBrief(d.stories[0], d.articles, dups)
            self.cache.put(key, brief)
            # Like `newsweave story`: index the summary so /search and ?q= find the story by it.
            self.store.set_story_summary(story.id, summary_text(brief.report))
        return brief

    def article(self, article_id: str) -> tuple[Article, str | None]:
        try:
            (article,) = self.reader.articles([article_id])
        except KeyError as e:
            raise ApiError(404, "not_found", f"no article with id {article_id!r}",
                           {"article_id": article_id}) from e
        return article, self.reader.story_of(article_id)

    def _search(self, q: str, limit: int) -> list[SearchHit]:
        try:
            return self.reader.search(q, limit)
        except QueryError as e:  # nothing to search for, or more words than a search looks up
            raise ApiError(422, "validation_error", str(e), {"q": q}) from e

    def search(self, q: str, limit: int) -> list[SearchHit]:
        return self._search(q, limit)

    def health(self) -> dict[str, object]:
        return {"status": "ok", "version": __version__, "counts": self.reader.counts()}

    # -- writes ---------------------------------------------------------------------------------------------

    def _article_count(self) -> int:
        return int(self.store.counts().get("articles", 0))

    @property
    def ingestor(self) -> StoreIngestor:
        """The streaming dedup/cluster state, loaded once; reloaded when another process (e.g. ``newsweave
        ingest``) has written to the store since our last write, so its stories are not overwritten."""
        if self._ingestor is None or self._article_count() != self._articles_after_write:
            self._ingestor = StoreIngestor(self.store, self.settings.pipeline, self.embedder)
        return self._ingestor

    def ingest(self, src: IngestResult) -> IngestOutcome:
        """Extract, dedup, cluster and store the documents of one request (one store transaction), then regroup
        them as the end of an ingest run does (``StoreIngestor.regroup_pending``: a second one, merges only)."""
        ingestor = self.ingestor
        articles, extract_rejects = ingestor.extract(src.docs)
        rejects = tuple(src.rejected) + tuple(extract_rejects)
        sorted_out = ingestor.sort_out(articles)  # as process_articles sorts them: copies get their own id
        known = {was.id for _, was in sorted_out.known}
        try:
            ingestor.process_articles(articles, rejects=[(None, r) for r in rejects])
            ingestor.regroup_pending()
        except StoreMismatchError as e:
            raise ApiError(409, "store_mismatch", str(e)) from e
        except StoreReadOnlyError as e:  # reads go on; writes wait until the store may be written
            raise ApiError(503, "store_read_only", str(e)) from e
        except StoreWriteError as e:  # a full disk, an I/O error: the request's batch was rolled back
            raise ApiError(503, "store_write_failed", str(e)) from e
        self._articles_after_write = self._article_count()
        fresh = list(sorted_out.fresh)
        fresh_ids = {a.id for a in fresh}
        links = {d.article_id: d for d in self.store.duplicates() if d.article_id in fresh_ids}
        ingested = tuple(
            IngestedArticle(a.id, self.store.story_of(a.id), a.title, a.outlet) for a in fresh if a.id not in links
        )
        near = tuple(
            DuplicateInfo(d.article_id, d.duplicate_of, d.similarity, "near", self.store.story_of(d.article_id))
            for d in links.values()
        )
        exact = tuple(DuplicateInfo(i, i, 1.0, "exact", self.store.story_of(i)) for i in sorted(known))
        for r in rejects:
            log.info("rejected %s: %s", r.path, r.reason)
        return IngestOutcome(ingested, exact + near, rejects)


class StoreThread:
    """Runs writes one at a time on a single thread that owns the store's write connection (``run``), and reads on
    ``read_threads`` threads of their own (``read``), so a read never queues behind a write, a report build or a
    slow search. Over a ``:memory:`` store (one connection only) reads run on the writer's thread too."""

    def __init__(self, service: NewsService, read_threads: int = READ_THREADS) -> None:
        self.service = service
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsweave-store")
        self._readers = (ThreadPoolExecutor(max_workers=read_threads, thread_name_prefix="newsweave-read")
                         if service.concurrent_reads else None)
        self._opened = False
        self._pending: dict[str, None] = {}
        self._pending_lock = threading.Lock()
        self._closing = False

    async def run(self, fn: Callable[[NewsService], T]) -> T:
        """``fn(service)`` on the writer's thread (writes, report builds)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, fn, self.service)

    async def read(self, fn: Callable[[NewsService], T]) -> T:
        """``fn(service)`` on a read thread; ``fn`` reads through ``service.reader`` only."""
        if self._readers is None:
            return await self.run(fn)
        if not self._opened:  # the writer opens the file first (creates and migrates it); readers only read
            await self.run(lambda s: s.store)
            self._opened = True
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._readers, self.service.read, fn)

    async def brief(self, story_id: str) -> StoryBrief:
        """A story's brief: a read when it is built already, else built on the writer's thread."""
        brief = await self.read(lambda s: s.cached_brief(story_id))
        return brief if brief is not None else await self.run(lambda s: s.story_brief(story_id))

    def build_after_write(self, story_ids: Iterable[str]) -> None:
        """Queue brief builds of ``story_ids`` (``ApiSettings.build_on_write``): a story already waiting is not
        queued twice, and each build is one job on the writer's thread, so a write waits behind one build at
        most. The build sees the story as it is when its job runs (a story grown by later writes is built once)."""
        with self._pending_lock:
            was_idle = not self._pending
            self._pending.update(dict.fromkeys(story_ids))
            start = was_idle and bool(self._pending) and not self._closing
        if start:
            self._pool.submit(self._build_next)

    @property
    def builds_pending(self) -> int:
        with self._pending_lock:
            return len(self._pending)

    def _build_next(self) -> None:
        with self._pending_lock:
            if not self._pending or self._closing:
                self._pending.clear()
                return
            story_id = next(iter(self._pending))
        try:
            self.service.story_brief(story_id)
        except ApiError:  # the story is gone (merged or emptied by a later write): nothing to build
            pass
        except Exception:  # a build that fails here fails again on the page view, with its error answered there
            log.exception("building the brief of story %s after a write failed", story_id)
        with self._pending_lock:
            self._pending.pop(story_id, None)
            more = bool(self._pending) and not self._closing
        if more:
            self._pool.submit(self._build_next)

    def shutdown(self) -> None:
        with self._pending_lock:
            self._closing = True
            self._pending.clear()
        if self._readers is not None:
            self._readers.shutdown(wait=True)
        self._pool.submit(self.service.close).result()
        self._pool.shutdown(wait=True)
