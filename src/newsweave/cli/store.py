"""Store commands (``ingest``, ``stories``, ``story``, ``search``): thin wrappers over ``newsweave.store``.

Only ``ingest`` creates a store; the read commands refuse a path that does not exist (exit 2).
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated

import typer

from newsweave.cli.common import (
    DaskOpt,
    EmbedderOpt,
    HiddenOpt,
    QuietOpt,
    ReadDbOpt,
    WorkersOpt,
    check_dask,
    check_embedder,
    err,
    executor_for,
    fail,
    ingest_bars,
    on_interrupt,
    read_store,
)

FORMATS = ("md", "json", "html")


def ingest(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="Files or directories to add.")],
    db: Annotated[
        Path, typer.Option("--db", metavar="FILE", help="SQLite store file (created if missing).")
    ] = Path("newsweave.db"),
    embedder: EmbedderOpt = "minilm",
    batch: Annotated[int, typer.Option("--batch", metavar="N", min=1, help="Files per transaction.")] = 32,
    include_hidden: HiddenOpt = False,
    quiet: QuietOpt = False,
    dask: DaskOpt = None,
    workers: WorkersOpt = None,
) -> None:
    """Add articles to the store: dedup against it, assign stories incrementally. Safe to re-run.

    With --dask, the workers extract and embed; this process alone writes to the store."""
    check_embedder(embedder)
    check_dask(dask, workers)
    from newsweave.config import Settings
    from newsweave.embed import get_embedder
    from newsweave.errors import NewsweaveError
    from newsweave.incremental import StoreIngestor, expand_paths
    from newsweave.render.labels import plural
    from newsweave.store.sqlite import open_store

    settings = Settings(embedder=embedder, include_hidden=include_hidden)  # type: ignore[arg-type]
    try:
        with ExitStack() as stack:
            stack.enter_context(on_interrupt(
                f"{db} keeps every batch committed before it; run the same command again to go on (files already"
                " ingested are skipped, and the next run regroups this one's articles)"))
            executor = executor_for(stack, dask, workers)
            store = stack.enter_context(open_store(db))
            ing = StoreIngestor(store, settings, get_embedder(embedder), executor=executor)
            with ingest_bars(quiet, len(expand_paths(paths, include_hidden))) as (advance, stages):
                stats = ing.ingest_paths(paths, batch_files=batch, progress=advance, stages=stages)
            if not quiet:
                counts = store.counts()
                err.print(
                    f"{plural(stats.inputs, 'input')} ({stats.files_skipped} already ingested): "
                    f"+{plural(stats.articles_added, 'article')}, {plural(stats.duplicates, 'near-duplicate')}, "
                    f"{plural(stats.new_stories, 'new story', 'new stories')}, {stats.rejects} rejected or skipped; "
                    f"store now {plural(counts['articles'], 'article')} in "
                    f"{plural(counts['stories'], 'story', 'stories')}",
                    highlight=False, soft_wrap=True,
                )
    except NewsweaveError as e:
        fail(str(e))


def stories(db: ReadDbOpt = Path("newsweave.db")) -> None:
    """List stories: id, date range, article count, outlets, headline, storyline id (tab-separated).

    Stories that share a storyline id are one topic months apart: `newsweave timeline --db FILE --storyline ID`
    gives its key dates."""
    from newsweave.types import date_span

    with read_store(db) as store:
        for r in store.story_rows():
            s = r.story
            dates = date_span(s.first_date, s.last_date, r.first_precision, r.last_precision)
            outlets = ", ".join(r.outlets) or "-"
            sys.stdout.write(f"{s.id}\t{dates}\t{r.n_articles}\t{outlets}\t{s.headline}\t{s.storyline_id or '-'}\n")


def story(
    story_id: Annotated[str, typer.Argument(metavar="STORY_ID", help="A story id from `newsweave stories`.")],
    db: ReadDbOpt = Path("newsweave.db"),
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="md, json or html.")] = "md",
    embedder: EmbedderOpt = "minilm",
) -> None:
    """The brief of one stored story: its cited summary rebuilt from the stored articles."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    check_embedder(embedder)
    with read_store(db) as store:
        from newsweave.config import Settings
        from newsweave.embed import get_embedder
        from newsweave.pipeline import story_digest
        from newsweave.render import render
        from newsweave.store.brief import story_inputs, summary_text

        inputs = story_inputs(store, story_id)
        if inputs is None:
            err.print(f"[red]no story {story_id!r} in {db}[/red]; list them with `newsweave stories --db {db}`",
                      highlight=False, soft_wrap=True)
            raise typer.Exit(1)
        settings = Settings(embedder=embedder)  # type: ignore[arg-type]
        brief = story_digest(inputs.story, inputs.articles, settings, get_embedder(embedder), inputs.duplicates)
        store.set_story_summary(inputs.story.id, summary_text(brief.stories[0]))
        text = render(brief, fmt)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def search(
    query: Annotated[str, typer.Argument(metavar="QUERY", help="Words to find (all must match).")],
    db: ReadDbOpt = Path("newsweave.db"),
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=1, help="Most hits to print.")] = 10,
) -> None:
    """Full-text search over article titles/text and story headlines/summaries (at most 12 different words)."""
    from newsweave.errors import QueryError

    with read_store(db) as store:
        try:
            hits = store.search(query, limit)
        except QueryError as e:
            fail(str(e))
        for h in hits:
            date = h.date.isoformat() if h.date else "-"
            snippet = " ".join(h.snippet.split())
            sys.stdout.write(f"{h.kind}\t{h.id}\t{date}\t{h.story_id or '-'}\t{h.title}\t{snippet}\n")
