"""Where the pipeline's per-document and per-story work runs: one ``Executor`` interface, two kinds.

The pipeline (``pipeline.digest``) is written once over an executor. ``InProcess`` (the default) runs each part
in this process; ``scale.DaskExecutor`` runs them as Dask tasks. The pipeline asks for parts with ``split``;
``exact=True`` marks work whose floating-point result depends on how items are grouped (embedding batches), which
in-process keeps whole so its output never depends on a chunk size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int], None]
Stages = Callable[[str, int], Progress]
"""``stages(label, total)`` starts a stage of ``total`` units (ending the previous one) and returns its ``Progress``:
how a long run reports every stage, not only the first."""


class Executor(Protocol):
    def split(self, items: Sequence[T], *, exact: bool = False) -> list[list[T]]:
        """``items`` in consecutive parts (none when there are no items)."""
        ...

    def map(self, fn: Callable[..., R], parts: Sequence[Any], *, progress: Progress | None = None,
            sizes: Sequence[int] | None = None, **shared: Any) -> list[R]:
        """``[fn(part, **shared) for part in parts]`` in order; ``progress(sizes[i])`` as part ``i`` finishes."""
        ...


def chunks(items: Sequence[T], size: int) -> list[list[T]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


class InProcess:
    """Parts of ``chunk_size`` items run one after another in this process (``exact`` work in one part)."""

    def __init__(self, chunk_size: int = 32) -> None:
        if chunk_size < 1:
            raise ValueError(f"chunk_size must be at least 1, got {chunk_size}")
        self.chunk_size = chunk_size

    def split(self, items: Sequence[T], *, exact: bool = False) -> list[list[T]]:
        if not items:
            return []
        return [list(items)] if exact else chunks(items, self.chunk_size)

    def map(self, fn: Callable[..., R], parts: Sequence[Any], *, progress: Progress | None = None,
            sizes: Sequence[int] | None = None, **shared: Any) -> list[R]:
        out = []
        for i, part in enumerate(parts):
            out.append(fn(part, **shared))
            if progress is not None and sizes is not None:
                progress(sizes[i])
        return out


_WORKER_SHARED: dict[str, Any] = {}
"""In a pool worker: the shared inputs of the current ``map`` call, installed once per worker process."""


def _install_shared(shared: dict[str, Any], log_levels: dict[str, int] | None = None) -> None:
    from newsweave.logs import configure_worker

    configure_worker(log_levels or {})  # a spawned worker's libraries are as quiet as its parent's
    _WORKER_SHARED.clear()
    _WORKER_SHARED.update(shared)


def _run_part(fn: Callable[..., R], part: Any) -> R:
    return fn(part, **_WORKER_SHARED)


class ProcessPool(InProcess):
    """Parts (split as in-process) run in ``workers`` local processes. Each ``map`` call starts its pool with the
    shared inputs handed to every worker once (so a model an embedder loads is loaded once per worker, not once
    per part)."""

    def __init__(self, workers: int, chunk_size: int = 32) -> None:
        super().__init__(chunk_size)
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.workers = workers

    def map(self, fn: Callable[..., R], parts: Sequence[Any], *, progress: Progress | None = None,
            sizes: Sequence[int] | None = None, **shared: Any) -> list[R]:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        if not parts:
            return []
        if len(parts) == 1:  # nothing to spread: no pool to start
            return super().map(fn, parts, progress=progress, sizes=sizes, **shared)
        from newsweave.logs import third_party_levels

        ctx = multiprocessing.get_context("spawn")  # no fork after torch/OpenMP or logging threads started
        with ProcessPoolExecutor(min(self.workers, len(parts)), mp_context=ctx, initializer=_install_shared,
                                 initargs=(shared, third_party_levels())) as pool:
            futures = [pool.submit(_run_part, fn, part) for part in parts]
            index = {f: i for i, f in enumerate(futures)}
            for f in as_completed(futures):
                if progress is not None and sizes is not None:
                    progress(sizes[index[f]])
            return [f.result() for f in futures]
