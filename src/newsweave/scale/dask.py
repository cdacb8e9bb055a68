"""The digest pipeline on a Dask cluster: the same stage functions, run as tasks over chunks of documents.

In-process, ``pipeline.digest`` runs every stage over the whole batch. Here:

1. line repetition counts (boilerplate evidence) are counted per chunk in the workers and summed;
2. ``extract_stage`` runs per chunk with the summed counts (trafilatura / line features);
3. the ongoing-event anchors ("since March 2011") are found over all bodies on the client (a regex pass);
4. ``finish_stage`` runs per chunk with those anchors (language, dates, outlet, spaCy sentences);
5. the clustering vectors are computed per chunk in the workers (MiniLM), near-duplicates and stories on the
   client (they need every article at once; both are fast next to the model);
6. ``story_digest`` runs per story in the workers (summary, citations, timeline, entities, claims).

Batch-wide inputs are merged before the stages that need them, so the result is the in-process digest: equal
for the lexical embedder, and for MiniLM up to the float rounding of different embedding batches. The embedder
is scattered to each worker once, so MiniLM loads once per worker, not once per task.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from newsweave.cluster.features import params_vectors
from newsweave.cluster.offline import group_vectors
from newsweave.config import ClusterParams, Settings
from newsweave.dedup import find_duplicates
from newsweave.embed import Embedder, get_embedder
from newsweave.errors import ConfigError
from newsweave.extract.dates import find_anchors
from newsweave.extract.text import batch_line_counts
from newsweave.pipeline import (
    Progress,
    assemble,
    choose_stories,
    extract_stage,
    finish_stage,
    story_digest,
    text_contents,
)
from newsweave.types import Article, Digest, RawDoc, Reject, Story

if TYPE_CHECKING:
    from distributed import Client

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class DaskOptions:
    """Where to run: a scheduler ``address`` ("tcp://host:8786"), or None for a cluster of local processes."""

    address: str | None = None
    workers: int = 2
    threads_per_worker: int = 1
    chunk_size: int = 32
    connect_timeout: float = 10.0
    """Seconds to wait for a remote scheduler."""

    def __post_init__(self) -> None:
        if self.workers < 1 or self.threads_per_worker < 1 or self.chunk_size < 1:
            raise ConfigError(
                "Dask workers, threads per worker and chunk size must be at least 1, got "
                f"{self.workers}, {self.threads_per_worker} and {self.chunk_size}"
            )


@contextmanager
def dask_client(options: DaskOptions) -> Iterator[Client]:
    """A connected ``distributed.Client`` with at least one worker; a local cluster (bound to loopback only) is
    closed on exit, and the logging settings changed for it are restored."""
    try:
        import dask.config
        from distributed import Client, LocalCluster
    except ImportError as e:  # pragma: no cover - dask is a dependency
        raise ConfigError("running on Dask needs the 'distributed' package: pip install 'dask[distributed]'") from e
    # distributed logs every connection at INFO; keep it to warnings unless newsweave itself is verbose
    level = "info" if logging.getLogger("newsweave").getEffectiveLevel() <= logging.INFO else "warning"
    dlog = logging.getLogger("distributed")
    old_level = dlog.level
    dlog.setLevel(level.upper())
    try:
        with ExitStack() as stack:
            stack.enter_context(dask.config.set({"logging.distributed": level}))  # passed on to local workers
            if options.address:
                try:
                    client = Client(options.address, timeout=f"{options.connect_timeout}s")
                except OSError as e:
                    raise ConfigError(f"cannot reach the Dask scheduler at {options.address}: {e}") from e
                stack.callback(client.close)
                try:
                    client.wait_for_workers(1, timeout=options.connect_timeout)
                except TimeoutError as e:
                    raise ConfigError(
                        f"the Dask scheduler at {options.address} has no workers (waited "
                        f"{options.connect_timeout:g} s); start some with: dask worker {options.address}"
                    ) from e
            else:
                cluster = LocalCluster(
                    n_workers=options.workers,
                    threads_per_worker=options.threads_per_worker,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address="127.0.0.1:0",  # the scheduler's HTTP endpoint: loopback, any free port
                )
                stack.callback(cluster.close)
                client = Client(cluster)
                stack.callback(client.close)  # closed before the cluster (callbacks run last-in, first-out)
            yield client
    finally:
        dlog.setLevel(old_level)


def chunks(items: Sequence[T], size: int) -> list[list[T]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _gather_in_order(client: Client, futures: list[Any], sizes: Sequence[int], progress: Progress | None) -> list[Any]:
    """Results of ``futures`` in submission order, ticking ``progress`` by ``sizes[i]`` as each one finishes."""
    from distributed import as_completed

    if progress is not None:
        index = {f.key: i for i, f in enumerate(futures)}
        for f in as_completed(futures):
            progress(sizes[index[f.key]])
    return list(client.gather(futures))


def extract_articles_dask(
    client: Client,
    docs: Sequence[RawDoc],
    settings: Settings,
    chunk_size: int = 32,
    progress: Progress | None = None,
) -> tuple[tuple[Article, ...], tuple[Reject, ...]]:
    """``pipeline.extract_articles`` with the per-document work in Dask tasks; same articles, same rejects."""
    parts = chunks(docs, chunk_size)
    if not parts:
        return (), ()
    counts: Counter[str] = Counter()
    for c in client.gather(client.map(batch_line_counts, [text_contents(p) for p in parts], pure=False)):
        counts.update(c)
    n_text = sum(len(text_contents(p)) for p in parts)
    # in a list: scattering a dict would make one future per key
    (counts_f,) = client.scatter([dict(counts)], broadcast=True, hash=False)
    stage1 = client.gather(
        client.map(extract_stage, parts, line_counts=counts_f, n_text_docs=n_text, pure=False)
    )
    extracted = [e for ex, _ in stage1 for e in ex]
    rejects = [r for _, rj in stage1 for r in rj]
    ctx_f = client.scatter(find_anchors(e.body for e in extracted), broadcast=True)
    settings_f = client.scatter(settings, broadcast=True)
    ext_parts = chunks(extracted, chunk_size)
    futures = client.map(finish_stage, ext_parts, ctx=ctx_f, settings=settings_f, pure=False)
    stage2 = _gather_in_order(client, futures, [len(p) for p in ext_parts], progress)
    if progress is not None and len(extracted) < len(docs):
        progress(len(docs) - len(extracted))  # documents rejected at extraction are done too
    articles = [a for arts, _ in stage2 for a in arts]
    rejects += [r for _, rj in stage2 for r in rj]
    return tuple(articles), tuple(rejects)


def group_stories_dask(
    client: Client,
    articles: Sequence[Article],
    embedder_future: Any,
    params: ClusterParams,
    chunk_size: int = 32,
) -> tuple[Story, ...]:
    """``cluster.group_stories`` with the article vectors computed in Dask tasks."""
    uniq = sorted({a.id: a for a in articles}.values(), key=lambda a: a.id)
    if not uniq:
        return ()
    parts = chunks(uniq, chunk_size)
    blocks = client.gather(client.map(params_vectors, parts, embedder=embedder_future, params=params, pure=False))
    return group_vectors(uniq, np.vstack(blocks), params)


def digest_dask(
    client: Client,
    docs: Sequence[RawDoc],
    settings: Settings,
    embedder: Embedder | None = None,
    rejected: Sequence[Reject] = (),
    progress: Progress | None = None,
    chunk_size: int = 32,
) -> Digest:
    """``pipeline.digest`` on Dask: raw documents to clean articles, rejects, near-duplicates and one cited report
    per story, with extraction, embeddings and story analysis running in the cluster's workers."""
    articles, rejects = extract_articles_dask(client, docs, settings, chunk_size, progress)
    emb = embedder or get_embedder(settings.embedder)
    emb_f = client.scatter(emb, broadcast=True)
    dups = find_duplicates(articles) if articles else ()
    stories = choose_stories(
        articles, settings, lambda arts: group_stories_dask(client, arts, emb_f, settings.cluster, chunk_size)
    )
    by_id = {a.id: a for a in articles}
    settings_f = client.scatter(settings, broadcast=True)
    (dups_f,) = client.scatter([dups], broadcast=True, hash=False)  # once, not inside every story task
    futures = [
        client.submit(
            story_digest,
            s,
            [by_id[i] for i in s.article_ids if i in by_id],
            settings_f,
            emb_f,
            dups_f,
            pure=False,
        )
        for s in stories
    ]
    parts = list(client.gather(futures))
    return assemble(articles, tuple(rejected) + rejects, dups, parts)
