"""What every command shares: the stderr console, progress bars, and how errors end a command.

Nothing here imports the pipeline: ``newsweave --help`` and ``--version`` load only Typer and Rich.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console

from newsweave.executors import Progress, Stages

if TYPE_CHECKING:
    from newsweave.executors import Executor
    from newsweave.store.sqlite import SQLiteStore
    from newsweave.types import Reject

err = Console(stderr=True)
log = logging.getLogger("newsweave")

REJECTS_NAMED = 5
"""Inputs not processed that are named one by one on stderr; past this, the rest are counted by reason (all are
listed in the output's "Not processed" section and its JSON, and one by one at -v)."""


def _reason_kind(reason: str) -> str:
    if reason.startswith("identical to "):
        return "identical to another input"
    if reason.startswith("no article body"):
        return "no article body"
    if reason.startswith("language "):
        return "language not supported"
    return reason.split(":", 1)[0].split(" (", 1)[0][:60]


def report_rejected(rejected: Sequence[Reject], where: str = "the output's 'Not processed' section") -> None:
    """Warn about the inputs not processed: each by name up to ``REJECTS_NAMED``, then one line counting the
    rest by reason (a 500-file folder with 25 exact copies printed 25 warnings, even with -q)."""
    for r in rejected[:REJECTS_NAMED]:
        log.warning("rejected %s: %s", r.path, r.reason)
    rest = rejected[REJECTS_NAMED:]
    if not rest:
        return
    for r in rest:
        log.info("rejected %s: %s", r.path, r.reason)
    kinds = Counter(_reason_kind(r.reason) for r in rest)
    counted = ", ".join(f"{n} {k}" for k, n in kinds.most_common())
    log.warning("... and %d more not processed (%s); %s lists them all", len(rest), counted, where)

EMBEDDERS = ("minilm", "lexical")
EmbedderOpt = Annotated[
    str, typer.Option("--embedder", metavar="NAME", help="minilm (default) or lexical (no model).")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr.")]
HiddenOpt = Annotated[
    bool,
    typer.Option("--include-hidden", help="Read hidden files and folders (.name) inside input folders too; by"
                 " default each is skipped and listed with the reason."),
]
DaskOpt = Annotated[
    str | None,
    typer.Option(
        "--dask", metavar="local|ADDRESS",
        help="Run extraction, embedding and story analysis on Dask: 'local' (worker processes on this machine) or "
        "a scheduler address (tcp://host:8786).",
    ),
]
WorkersOpt = Annotated[
    int | None,
    typer.Option("--workers", metavar="N", min=1,
                 help="Worker processes: a local process pool, or the workers of --dask local (default 2)."),
]
ReadDbOpt = Annotated[
    Path, typer.Option("--db", metavar="FILE", help="SQLite store file (made by `newsweave ingest`).")
]


def fail(message: str, code: int = 2) -> NoReturn:
    """End the command with ``error: message`` on stderr and exit ``code`` (2: bad input or usage)."""
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


INTERRUPTED = 130
"""Exit status after Ctrl-C (128 + SIGINT), as shells report it."""


@contextmanager
def on_interrupt(what_is_kept: str) -> Iterator[None]:
    """End the command on Ctrl-C with one line saying what the run leaves behind (``what_is_kept``) and exit
    status 130, instead of vanishing without a word (or with a traceback)."""
    try:
        yield
    except KeyboardInterrupt:
        err.print(f"interrupted: {what_is_kept}", highlight=False, soft_wrap=True)
        raise typer.Exit(INTERRUPTED) from None


def show_progress(quiet: bool, n: int) -> bool:
    """A progress bar only for real terminals, only when there is enough work, and never with --quiet."""
    return not quiet and err.is_terminal and n >= 3


@contextmanager
def stage_bars(quiet: bool, first_total: int) -> Iterator[Stages | None]:
    """Transient bars on stderr, one per stage of a run (the finished ones stay ticked until the run ends), so a
    long digest never goes quiet after extraction; ``None`` when no bar is shown (not a TTY, ``-q``)."""
    if not show_progress(quiet, first_total):
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    cols = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*cols, console=err, transient=True) as bars:
        current: list[Any] = []

        def start(label: str, total: int) -> Callable[[int], None]:
            if current:
                task = current.pop()
                bars.update(task, completed=bars.tasks[task].total)
            task = bars.add_task(label, total=max(total, 1))
            current.append(task)
            return lambda k: bars.advance(task, k)

        yield start


@contextmanager
def ingest_bars(quiet: bool, files: int) -> Iterator[tuple[Progress | None, Stages | None]]:
    """Two transient bars on stderr for an ingest: the files done so far, and the step the current batch is in
    (reading, extracting, near-copies, embedding, clustering, writing, dating) with its own count, so a long
    batch never looks hung. ``(None, None)`` when no bar is shown (not a TTY, ``-q``)."""
    if not show_progress(quiet, files):
        yield None, None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    cols = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*cols, console=err, transient=True) as bars:
        done = bars.add_task("files ingested", total=max(files, 1))
        step = bars.add_task("starting", total=1)

        def start(label: str, total: int) -> Callable[[int], None]:
            bars.reset(step, total=max(total, 1), description=f"  {label}")
            return lambda k: bars.advance(step, k)

        yield (lambda k: bars.advance(done, k)), start


def read_store(db: Path) -> SQLiteStore:
    """The existing store at ``db`` for a read command (read-only when it cannot be written); a missing file, a
    store of a newer newsweave or a file that is no store is an error (exit 2), never a traceback."""
    import sqlite3

    from newsweave.errors import NewsweaveError
    from newsweave.store.sqlite import open_store

    try:
        return open_store(db, create=False)
    except NewsweaveError as e:
        fail(str(e))
    except sqlite3.DatabaseError as e:
        fail(f"cannot read the store {db}: {e}")


def check_dask(dask: str | None, workers: int | None) -> None:
    if dask is not None and not dask.strip():
        raise typer.BadParameter("give 'local' or a scheduler address such as tcp://host:8786", param_hint="--dask")
    if workers is not None and dask is not None and dask != "local":
        raise typer.BadParameter("a remote Dask cluster has its own workers; --workers applies to --dask local "
                                 "or to a local process pool (without --dask)", param_hint="--workers")


def executor_for(stack: ExitStack, dask: str | None, workers: int | None) -> Executor | None:
    """A ``DaskExecutor`` on the cluster ``--dask`` names (closed with ``stack``), a local process pool for
    ``--workers N`` alone, None (in this process) without either."""
    if dask is None:
        if workers is None:
            return None
        from newsweave.executors import ProcessPool

        return ProcessPool(workers)
    from newsweave.scale import DaskExecutor, DaskOptions, dask_client

    opts = DaskOptions(address=None if dask == "local" else dask.strip(), workers=workers or 2)
    return DaskExecutor(stack.enter_context(dask_client(opts)), opts.chunk_size)


def check_embedder(name: str) -> str:
    if name not in EMBEDDERS:
        raise typer.BadParameter(f"choose one of {', '.join(EMBEDDERS)}", param_hint="--embedder")
    return name


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all or nothing: into a temporary file in the same folder, flushed to disk, then
    renamed over ``path``. A failed write (a full disk) leaves no 0-byte or partial file and an existing ``path``
    as it was."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
