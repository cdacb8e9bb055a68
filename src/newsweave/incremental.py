"""The incremental pipeline: read -> extract -> dedup against the store -> assign stories -> write.

The same stages as ``pipeline.digest`` (extraction and embedding run on its ``Executor``: in this process, or on
Dask with ``scale.DaskExecutor``), then one writer commits each batch to the store.

Files are grouped into batches; each batch is written in one transaction together with the content hashes of
its files, so a killed run loses at most the batch in flight and re-running finishes the job without doubling
anything. Files whose content hash is already recorded are counted as already ingested and not read again; a
file with the same bytes as another one of the run is a reject naming it ("identical to ..."), and every path
met that is not read (hidden, a link loop, a FIFO, ...) is a reject with the reason: every input is accounted for.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from newsweave.analyze import story_dates
from newsweave.cluster.features import features_signature
from newsweave.cluster.online import Merge, OnlineClusterer
from newsweave.config import Settings
from newsweave.dedup.minhash import MinHashIndex, signature_from_bytes, signature_to_bytes
from newsweave.embed import Embedder, for_sentences
from newsweave.embed.cache import cached
from newsweave.errors import StoreMismatchError
from newsweave.executors import Executor, InProcess, Progress, Stages
from newsweave.ingest import read_sources
from newsweave.ingest.read import list_inputs, path_label
from newsweave.nlp import HELPER_MIN_DOCS, parse, parse_helper
from newsweave.pipeline import chronological, embed_articles, extract_articles
from newsweave.store.base import IngestBatch, SourceRecord, Store, StoredArticle
from newsweave.timeline.build import past_weekdays, weekday_sentences
from newsweave.types import Article, DuplicateLink, RawDoc, Reject

log = logging.getLogger(__name__)

Reader = Callable[[Sequence[str], Settings], tuple[Sequence[RawDoc], Sequence[Reject]]]
Extractor = Callable[[Sequence[RawDoc], Settings], tuple[Sequence[Article], Sequence[Reject]]]


@dataclass(frozen=True)
class IngestStats:
    files_seen: int
    """Files found to read (named or in the named folders); other paths met are among ``rejects``."""
    files_skipped: int
    """Files whose content an earlier run already ingested (not read again)."""
    articles_added: int
    articles_skipped: int
    """Texts stored before from the same source (each a reject naming the stored article; among ``rejects``)."""
    duplicates: int
    new_stories: int
    rejects: int
    """Inputs rejected or skipped with a reason (stored in the store's rejects), files identical to another one
    of the run and paths not read (hidden, special files) included."""
    paths_not_read: int = 0
    """Paths met that are not files to read (hidden, a link loop, a FIFO, ...; among ``rejects``)."""

    @property
    def inputs(self) -> int:
        """Every input path the run saw: the files found and the other paths met."""
        return self.files_seen + self.paths_not_read


def default_reader(paths: Sequence[str], settings: Settings) -> tuple[Sequence[RawDoc], Sequence[Reject]]:
    res = read_sources(paths, settings)
    return res.docs, res.rejected


def expand_paths(paths: Iterable[str | Path], include_hidden: bool = False) -> list[Path]:
    """The files to read: files named directly, plus every file under named directories, in sorted order (the
    paths not read are ``expand_inputs``' rejects)."""
    return expand_inputs(paths, include_hidden)[0]


def expand_inputs(paths: Iterable[str | Path], include_hidden: bool = False) -> tuple[list[Path], list[Reject]]:
    """``expand_paths`` and a reject for each path met that is not read (``ingest.read.list_inputs``)."""
    files: list[Path] = []
    skipped: list[Reject] = []
    for item in list_inputs([str(p) for p in paths], include_hidden):
        if isinstance(item, Reject):
            skipped.append(Reject(path_label(item.path), item.reason))
        else:
            files.append(Path(item))
    return files, skipped


def _source_key(path: Path) -> str:
    """The content hash of a file, or a key for a path that cannot be hashed (missing, a folder, unreadable):
    the reader then rejects it with the reason."""
    try:
        if path.is_file():
            return file_hash(path)
    except OSError:
        pass
    return f"missing:{path_label(str(path))}"


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _chunks(items: Sequence[Path], size: int) -> Iterator[Sequence[Path]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _ignore(k: int) -> None:
    return None


def _stage_or_none(stages: Stages | None) -> Stages:
    """``stages``, or one that shows nothing."""
    return stages if stages is not None else (lambda label, total: _ignore)


FEATURES_KEY = "cluster_features"


def check_features(store: Store, signature: str) -> None:
    """Record the clustering features of a new store; refuse to add to a store whose stories were clustered
    with other features (another embedder, another lexical part), whose vectors cannot be compared with ours."""
    have = store.meta(FEATURES_KEY)
    if have is None:
        if store.vector_dim() is not None:
            raise StoreMismatchError(
                "this store's stories were clustered by an earlier newsweave whose article vectors this version"
                " cannot compare with its own; ingest the same inputs into a new store (--db NEW.db)"
            )
        store.set_meta(FEATURES_KEY, signature)
    elif have != signature:
        raise StoreMismatchError(
            f"this store's stories were clustered with other features ({have}) than this run's ({signature});"
            " use the same --embedder as when the store was made, or ingest into a new store (--db NEW.db)"
        )


SENTENCE_PARSE_BATCH = 64
"""Sentences parsed at a time for story dating (short texts: a fifth faster than whole articles' batch of 8)."""


class StoreIngestor:
    """Holds the streaming state (LSH index, story centroids) loaded once from the store."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        embedder: Embedder,
        *,
        executor: Executor | None = None,
        dup_threshold: float = 0.8,
        num_perm: int = 128,
        seed: int = 1,
    ) -> None:
        self.store = store
        self.settings = settings
        self.embedder = cached(embedder, settings.embed_cache)  # a story's lead sentences embedded once a run
        self.executor: Executor = executor or InProcess()
        self.params = settings.cluster
        self._features = features_signature(embedder.name, self.params)
        self._features_checked = False
        self.seed = seed
        self._dup_threshold, self._num_perm = dup_threshold, num_perm
        self.index = MinHashIndex(threshold=dup_threshold, num_perm=num_perm, seed=seed)
        self.clusterer = OnlineClusterer(self.params, [])
        self._weekdays: dict[str, tuple[int, ...]] = {}
        self._run_size = 0
        """The articles the store will hold at the end of the ``ingest_paths`` run under way (its merge cuts)."""
        self._run_vectors: dict[str, np.ndarray] | None = {}
        """The feature vectors of the articles clustered since the last regrouping (``regroup_pending``), so the
        run's end need not embed them again; None past ``stream_regroup_max_articles`` (no regrouping then)."""
        self._version = -1
        self._reload_if_changed()

    def _reload_if_changed(self) -> None:
        """(Re)load the near-copy index and the story states when another process has committed to the store
        since we loaded them (or wrote last): clustering from a stale copy would overwrite its stories and miss
        its articles as near-copies."""
        version = self.store.data_version()
        if version == self._version:
            return
        if self._version != -1:
            log.info("another process wrote to the store; reloading stories and near-copy index")
        self.index = MinHashIndex(threshold=self._dup_threshold, num_perm=self._num_perm, seed=self.seed)
        for aid, blob in self.store.signatures():
            self.index.add(aid, signature_from_bytes(blob, seed=self.seed))
        self.clusterer = OnlineClusterer(self.params, self.store.story_states())
        self._version = version

    def extract(
        self, docs: Sequence[RawDoc], progress: Progress | None = None
    ) -> tuple[tuple[Article, ...], tuple[Reject, ...]]:
        """The digest's extraction of ``docs`` on this ingestor's executor (then ``process_articles``)."""
        return extract_articles(docs, self.settings, progress=progress, executor=self.executor)

    def process_articles(
        self,
        articles: Sequence[Article],
        sources: Sequence[SourceRecord] = (),
        rejects: Sequence[tuple[str | None, Reject]] = (),
        source_of: Callable[[Article], str | None] = lambda a: None,
        stages: Stages | None = None,
        run_size: int = 0,
    ) -> tuple[int, int, int, int]:
        """Dedup, cluster and write one batch. Returns (added, skipped, duplicates, new stories). ``run_size``:
        the articles the store will hold at the end of the run this batch is part of (0: unknown; it sets the
        merge cut, ``OnlineClusterer.merge_stories``).

        An exact copy of a stored article's text is sorted out as ``sort_out`` says: from another source it is
        added (under its own id) and linked to the stored one; from the same source it is skipped and written
        as a reject naming the stored article. ``stages`` (see ``executors.Stages``) is told each step of the
        batch and advanced as it goes."""
        stage = _stage_or_none(stages)
        self._reload_if_changed()
        batch_in = self.sort_out(articles)
        fresh = batch_in.fresh
        rejects = [*rejects, *((source_of(a), Reject(a.path, f"exact duplicate of {was.path}, stored before"
                                                             f" (id {was.id})")) for a, was in batch_in.known)]
        stored: list[StoredArticle] = []
        dups: list[DuplicateLink] = []
        story_in_batch: dict[str, str] = {}
        to_cluster: list[tuple[Article, bytes | None]] = []
        pending: list[tuple[Article, bytes | None, DuplicateLink]] = []
        tick = stage("finding near-copies", len(fresh))
        for a in fresh:
            sig = self.index.signature_of(a.text)
            blob = signature_to_bytes(sig) if sig is not None else None
            hit = self.index.query(sig) if sig is not None else []
            if sig is not None:
                self.index.add(a.id, sig)
            if (original := batch_in.copy_of.get(a.id)) is not None:  # another source's copy of a stored text
                pending.append((a, blob, DuplicateLink(a.id, original, 1.0)))
            elif hit:
                pending.append((a, blob, DuplicateLink(a.id, hit[0][0], round(hit[0][1], 6))))
            else:
                to_cluster.append((a, blob))
            tick(1)
        touched: dict[str, None] = {}
        new_stories = 0
        current = self.clusterer.current
        merged: tuple[tuple[str, str], ...] = ()
        if to_cluster:
            if not self._features_checked:  # only a write of new vectors needs them comparable
                check_features(self.store, self._features)
                self._features_checked = True
            vecs = embed_articles([a for a, _ in to_cluster], self.embedder, self.params, self.executor,
                                  progress=stage("embedding", len(to_cluster)))
            self._keep_run_vectors([a.id for a, _ in to_cluster], vecs)
            stage("clustering", len(to_cluster))
            assignments = self.clusterer.add_many([a for a, _ in to_cluster], vecs)
            founded = {asg.story_id for asg in assignments if asg.new_story}
            merges = self.clusterer.merge_stories((asg.story_id for asg in assignments), run_size)
            # for the store: each stored story absorbed, with the live story it ended in (a story founded in this
            # batch and absorbed in it was never stored)
            merged = tuple((m.absorbed, current(m.absorbed)) for m in merges if m.absorbed not in founded)
            for (a, blob), asg in zip(to_cluster, assignments, strict=True):
                sid = current(asg.story_id)
                touched[sid] = None
                story_in_batch[a.id] = sid
                stored.append(StoredArticle(a, sid, source_of(a), blob))
            new_stories = sum(1 for sid in founded if current(sid) == sid)
        for a, blob, link in pending:
            found = story_in_batch.get(link.duplicate_of) or self.store.story_of(link.duplicate_of)
            if found is None:  # the original was itself a duplicate still in this batch
                found = next((s.story_id for s in stored if s.article.id == link.duplicate_of), None)
            if found is None:
                raise RuntimeError(f"no story for {link.duplicate_of}, original of {a.id}")
            sid = current(found)
            story_in_batch[a.id] = sid
            stored.append(StoredArticle(a, sid, source_of(a), blob))
            dups.append(link)
        batch = IngestBatch(
            sources=tuple(sources),
            articles=tuple(stored),
            duplicates=tuple(dups),
            rejects=tuple(rejects),
            stories=tuple(self.clusterer.state(s) for s in touched),
            to_date=tuple(sorted({s.story_id for s in stored})) if self.settings.analyze else (),
            merged=merged,
            to_regroup=tuple(a.id for a, _ in to_cluster) if self.clusterer.regrouping else (),
        )
        stage("writing to the store", len(stored))
        self.store.write_batch(batch)
        self.refine_pending_dates(stage)
        return len(stored), len(articles) - len(fresh), len(dups), new_stories

    def refine_pending_dates(self, stages: Stages | None = None) -> None:
        """Refine the dates of every story a batch left to date (``IngestBatch.to_date``): this batch's, or those
        of a batch whose run was killed before it dated them."""
        pending = self.store.stories_to_date()
        if pending:
            self.refine_dates(pending, _stage_or_none(stages)("dating in story context", len(pending)))

    def sort_out(self, articles: Sequence[Article]) -> SortedBatch:
        """``articles`` against the store, with the rule the reader applies within one batch (``ingest.read``):
        an exact copy of a stored article's text from another source (outlet, url) is a new article under its
        own id (``stored_copy_id``), to be linked to the stored one, so the story lists every outlet; the same
        text from the same source again (the same id, or the very text of a stored near-copy from that source)
        is not added but named in ``known``, for a reject."""
        fresh: list[Article] = []
        copy_of: dict[str, str] = {}
        known: list[tuple[Article, Article]] = []
        seen: set[str] = set()
        for a in articles:
            was, original = self._stored(a.id), None
            if was is not None and article_source(was) != article_source(a):
                original, a = was.id, replace(a, id=stored_copy_id(a))
                was = self._stored(a.id)
            if was is None:
                was = self._same_text_and_source(a)
            if was is not None:
                known.append((a, was))
            elif a.id not in seen:  # (the reader leaves one document per id in a batch)
                seen.add(a.id)
                fresh.append(a)
                if original is not None:
                    copy_of[a.id] = original
        return SortedBatch(tuple(fresh), copy_of, tuple(known))

    def _stored(self, article_id: str) -> Article | None:
        if not self.store.has_article(article_id):
            return None
        found = self.store.articles([article_id])
        return found[0] if found else None

    def _same_text_and_source(self, a: Article) -> Article | None:
        """A stored article with exactly ``a``'s text from ``a``'s source under another id (a copy the reader
        gave an id of its own when it came with another source's copy in one batch)."""
        sig = self.index.signature_of(a.text)
        if sig is None:
            return None
        for hid, sim in self.index.query(sig):
            if sim >= 1.0 and hid != a.id and (was := self._stored(hid)) is not None \
                    and was.text == a.text and article_source(was) == article_source(a):
                return was
        return None

    def refine_dates(self, story_ids: Iterable[str], progress: Progress | None = None) -> None:
        """Store the publication dates each story's context refines (as the brief of the story shows them), so
        an article, its story's date range and the brief agree."""
        for sid in sorted(story_ids):
            if progress:
                progress(1)
            story = self.store.story(sid)
            if story is None:
                self.store.set_published({}, dated=(sid,))
                continue
            arts = chronological(self.store.articles(story.article_ids))
            leads = for_sentences(self.embedder).encode([a.sentence_text(0) if a.sentences else "" for a in arts])
            self.store.set_published(story_dates(arts, leads, self._weekdays_of(arts)), dated=(sid,))

    def _weekdays_of(self, arts: Sequence[Article]) -> list[tuple[int, ...]]:
        """Each article's ``past_weekdays``, parsed once per article in this ingestor's life (a story is dated
        again after every batch that adds to it; re-parsing all its texts each time made ingest quadratic).

        Only the sentences naming a weekday are parsed, each on its own (``weekday_sentences``): the rest hold
        no weekday date, and parsing whole texts for them was three quarters of an ingest's time."""
        todo = [a for a in arts if a.id not in self._weekdays]
        if todo:
            sentences = [weekday_sentences(a) for a in todo]
            docs = iter(parse([t for ts in sentences for t in ts], batch_size=SENTENCE_PARSE_BATCH))
            for a, ts in zip(todo, sentences, strict=True):
                self._weekdays[a.id] = tuple(w for _t in ts for w in past_weekdays(next(docs)))
        return [self._weekdays[a.id] for a in arts]

    def ingest_paths(
        self,
        paths: Sequence[str | Path],
        *,
        batch_files: int = 32,
        read: Reader = default_reader,
        extract: Extractor | None = None,
        progress: Progress | None = None,
        stages: Stages | None = None,
    ) -> IngestStats:
        """Ingest files in batches of ``batch_files``; ``progress`` is advanced per file (skipped ones too) and
        ``stages`` told each step of each batch (reading, extracting, near-copies, embedding, clustering, writing, dating)."""
        # one ingest run at a time (StoreBusyError for a second one); the parse helper joins once the run's size is known
        with self.store.writer_lock(), ExitStack() as helper:
            self._reload_if_changed()
            before = {s.id for s in self.clusterer.states()}
            stats = self._ingest_paths(paths, batch_files, read, extract, progress, stages, helper)
            self.regroup_pending(stages, self._run_size)
            # new stories: those of the store now that it did not hold before (the run's end merged some)
            return replace(stats, new_stories=len({s.id for s in self.clusterer.states()} - before))

    def _keep_run_vectors(self, ids: Sequence[str], vecs: np.ndarray) -> None:
        if not self.clusterer.regrouping or self._run_vectors is None:
            return
        if len(self._run_vectors) + len(ids) > self.params.stream_regroup_max_articles:
            self._run_vectors = None  # too many to regroup: none kept (a 10,000-article run stays lean)
            return
        self._run_vectors.update((aid, vecs[k].copy()) for k, aid in enumerate(ids))

    def regroup_pending(self, stages: Stages | None = None, run_size: int = 0) -> None:
        """The end of an ingest run: the articles clustered since the last run's end (this run's, and those of a
        run killed before its end: ``Store.articles_to_regroup``) grouped as ``digest`` groups them, and the
        stories that grouping puts together merged (``OnlineClusterer.regroup``); written as one batch that also
        clears them, then dated in story context. ``run_size``: as for ``process_articles`` (0: the store's
        articles)."""
        pending = self.store.articles_to_regroup()
        if not pending:
            return
        stage = _stage_or_none(stages)
        merges: tuple[Merge, ...] = ()
        self._reload_if_changed()
        run_size = run_size or self.clusterer.n_articles()
        if self.clusterer.regroups(len(pending), run_size):
            story_of = {aid: sid for aid in pending if (sid := self.store.story_of(aid)) is not None}
            arts = [a for a in self.store.articles(pending) if a.id in story_of]
            kept = self._run_vectors or {}
            missing = [a for a in arts if a.id not in kept]  # a run killed before its end: embedded again
            if missing:
                vecs = embed_articles(missing, self.embedder, self.params, self.executor,
                                      progress=stage("regrouping the run's stories", len(missing)))
                kept.update((a.id, vecs[k]) for k, a in enumerate(missing))
            if arts:
                merges = self.clusterer.regroup(arts, np.stack([kept[a.id] for a in arts]), story_of, run_size)
        self._run_vectors = {}
        current = self.clusterer.current
        into = sorted({current(m.into) for m in merges})
        self.store.write_batch(IngestBatch(
            sources=(), articles=(), duplicates=(), rejects=(),
            stories=tuple(self.clusterer.state(s) for s in into),
            to_date=tuple(into) if self.settings.analyze else (),
            merged=tuple((m.absorbed, current(m.absorbed)) for m in merges),
            regrouped=tuple(pending),
        ))
        if merges:
            log.info("regrouped %d articles: %d stories merged into %d", len(pending), len(merges), len(into))
            self.refine_pending_dates(stage)

    def _ingest_paths(
        self,
        paths: Sequence[str | Path],
        batch_files: int,
        read: Reader,
        extract: Extractor | None,
        progress: Progress | None,
        stages: Stages | None,
        helper: ExitStack,
    ) -> IngestStats:
        stage = _stage_or_none(stages)
        self.refine_pending_dates(stage)  # left by a run killed between a batch and its dating
        files, not_read = expand_inputs(paths, self.settings.include_hidden)
        todo: list[Path] = []
        hashes: dict[Path, str] = {}
        first_with: dict[str, Path] = {}
        skipped = 0
        tick = stage("checking what is new", len(files))
        for f in files:
            tick(1)
            h = _source_key(f)
            if self.store.has_source(h):  # ingested by an earlier run
                skipped += 1
            elif h in first_with:
                not_read.append(Reject(path_label(str(f)), f"identical to {path_label(str(first_with[h]))}"))
            else:
                first_with[h] = f
                hashes[f] = h
                todo.append(f)
                continue
            if progress:
                progress(1)
        if not_read:
            self.store.write_batch(IngestBatch((), (), (), tuple((None, r) for r in not_read), ()))
        helper.enter_context(parse_helper(self.settings.parse_helper and len(todo) >= HELPER_MIN_DOCS))
        run_size = self.clusterer.n_articles() + len(todo)  # a file is about an article (a feed file more)
        self._run_size = run_size
        added = art_skipped = ndup = nnew = 0
        nrej, n_paths_not_read = len(not_read), len(not_read) - (len(files) - len(todo) - skipped)
        for chunk in _chunks(todo, batch_files):
            by_origin = {path_label(str(f)): hashes[f] for f in chunk}  # the reader's origins
            stage("reading files", len(chunk))
            docs, read_rejects = read([str(f) for f in chunk], self.settings)
            extracting = stage("extracting", len(docs))
            arts, ext_rejects = (
                extract(docs, self.settings) if extract else self.extract(docs, progress=extracting)
            )
            origin_of = {d.id: d.origin for d in docs}
            rejects = [(_source_hash(r.path, by_origin), r) for r in (*read_rejects, *ext_rejects)]
            sources = [SourceRecord(hashes[f], path_label(str(f))) for f in chunk if not hashes[f].startswith("missing:")]

            def source_of(
                a: Article, _o: dict[str, str] = origin_of, _b: dict[str, str] = by_origin
            ) -> str | None:
                return _source_hash(_o.get(a.id, a.path), _b)

            a_, s_, d_, n_ = self.process_articles(arts, sources, rejects, source_of, stages, run_size)
            added, art_skipped, ndup, nnew, nrej = (
                added + a_,
                art_skipped + s_,
                ndup + d_,
                nnew + n_,
                nrej + len(rejects) + s_,  # each text stored before is a reject naming the stored article
            )
            if progress:
                progress(len(chunk))
            log.info("ingested %d files: +%d articles, %d duplicates, %d new stories", len(chunk), a_, d_, n_)
        return IngestStats(len(files), skipped, added, art_skipped, ndup, nnew, nrej, n_paths_not_read)


@dataclass(frozen=True)
class SortedBatch:
    """A batch's articles against the store (``StoreIngestor.sort_out``)."""

    fresh: tuple[Article, ...]
    """The articles to add: new texts, and copies of a stored text from another source (under their own id)."""
    copy_of: Mapping[str, str]
    """Each such copy's id -> the id of the stored article it copies (linked as a duplicate, similarity 1.0)."""
    known: tuple[tuple[Article, Article], ...]
    """(input, stored article): the same text from the same source as a stored article; not added."""


def article_source(a: Article) -> tuple[str, str]:
    """Who published an article as far as it says (its outlet and url), as ``ingest.read.source_of`` for inputs."""
    return ((a.outlet or "").strip().casefold(), (a.url or "").strip())


def stored_copy_id(a: Article) -> str:
    """The id of an exact copy of a stored article's text from another source: ``ingest.read.copy_id``'s hash
    over the article's outlet and url (the same id as that one when the input named the outlet as it is shown)."""
    outlet, url = article_source(a)
    return hashlib.sha256(f"{a.id}\n{outlet}\n{url}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _source_hash(origin: str, by_origin: dict[str, str]) -> str | None:
    if origin in by_origin:
        return by_origin[origin]
    base = origin.rsplit(":", 1)[0]  # JSONL origins are path:line
    return by_origin.get(base)


def ingest_paths(
    store: Store,
    paths: Sequence[str | Path],
    settings: Settings,
    embedder: Embedder,
    **kwargs: object,
) -> IngestStats:
    """Convenience wrapper: one ``StoreIngestor`` for one run."""
    return StoreIngestor(store, settings, embedder).ingest_paths(paths, **kwargs)  # type: ignore[arg-type]
