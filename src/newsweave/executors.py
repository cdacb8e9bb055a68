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
