"""The digest pipeline on a Dask cluster: ``pipeline.digest`` itself, run by a ``DaskExecutor``.

The pipeline asks its executor to run the per-document and per-story work in parts (``newsweave.executors``);
here each part is a Dask task:

1. line repetition counts (boilerplate evidence) are counted per chunk in the workers and summed;
2. ``extract_stage`` runs per chunk with the summed counts (trafilatura / line features, language, the body's
   spaCy sentences, split once per article);
3. the ongoing-event anchors ("since March 2011") are found in those sentences on the client (a regex pass);
4. ``finish_stage`` runs per chunk with those anchors (dates, outlet, byline);
5. the clustering vectors are computed per chunk in the workers (MiniLM), near-duplicates and stories on the
   client (they need every article at once; both are fast next to the model);
6. ``story_digest`` runs per story in the workers (summary, citations, timeline, entities, claims).

Batch-wide inputs are merged before the stages that need them, so the result is the in-process digest: equal
for the lexical embedder, and for MiniLM up to the float rounding of different embedding batches. Shared inputs
(the embedder, settings, counts) are scattered to every worker once per run, so MiniLM loads once per worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from newsweave.config import Settings
from newsweave.embed import Embedder
from newsweave.errors import ConfigError
from newsweave.executors import Progress, chunks
from newsweave.pipeline import digest
from newsweave.types import Digest, RawDoc, Reject

if TYPE_CHECKING:
    from distributed import Client

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")
_PLAIN = (int, float, str, bool, type(None))


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


def _gather_in_order(client: Client, futures: list[Any], sizes: Sequence[int] | None,
                     progress: Progress | None) -> list[Any]:
    """Results of ``futures`` in submission order, ticking ``progress`` by ``sizes[i]`` as each one finishes."""
    from distributed import as_completed

    if progress is not None and sizes is not None:
        index = {f.key: i for i, f in enumerate(futures)}
        for f in as_completed(futures):
            progress(sizes[index[f.key]])
    return list(client.gather(futures))


class DaskExecutor:
    """Runs each part as a Dask task; shared inputs are scattered to every worker once (by identity)."""

    def __init__(self, client: Client, chunk_size: int = 32) -> None:
        if chunk_size < 1:
            raise ConfigError(f"Dask chunk size must be at least 1, got {chunk_size}")
        self.client = client
        self.chunk_size = chunk_size
        self._scattered: dict[int, tuple[Any, Any]] = {}

    def split(self, items: Sequence[T], *, exact: bool = False) -> list[list[T]]:
        return chunks(items, self.chunk_size)  # exact or not: parts are what runs in parallel

    def _shared(self, value: Any) -> Any:
        if isinstance(value, _PLAIN):
            return value
        key = id(value)
        if key not in self._scattered:
            # in a list: scattering a dict or a sequence would make one future per item
            (future,) = self.client.scatter([value], broadcast=True, hash=False)
            self._scattered[key] = (value, future)  # the value is kept so its id is not reused
        return self._scattered[key][1]

    def map(self, fn: Callable[..., R], parts: Sequence[Any], *, progress: Progress | None = None,
            sizes: Sequence[int] | None = None, **shared: Any) -> list[R]:
        if not parts:
            return []
        kwargs = {k: self._shared(v) for k, v in shared.items()}
        futures = self.client.map(fn, list(parts), pure=False, **kwargs)
        return _gather_in_order(self.client, futures, sizes, progress)


def digest_dask(
    client: Client,
    docs: Sequence[RawDoc],
    settings: Settings,
    embedder: Embedder | None = None,
    rejected: Sequence[Reject] = (),
    progress: Progress | None = None,
    chunk_size: int = 32,
) -> Digest:
    """``pipeline.digest`` with its per-document and per-story work in the cluster's workers."""
    return digest(docs, settings, embedder, rejected, progress, DaskExecutor(client, chunk_size))
