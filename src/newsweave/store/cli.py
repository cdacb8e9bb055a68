"""Store commands (``ingest``, ``stories``, ``story``, ``search``): thin wrappers over ``newsweave.store``."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsweave.config import Settings
from newsweave.embed import get_embedder
from newsweave.store.ingest import StoreIngestor, expand_paths
from newsweave.store.sqlite import open_store

log = logging.getLogger(__name__)
err = Console(stderr=True)

DbOpt = Annotated[Path, typer.Option("--db", help="SQLite store file (created if missing).")]


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories to add.")],
    db: DbOpt = Path("newsweave.db"),
    embedder: Annotated[str, typer.Option("--embedder", help="minilm or lexical.")] = "minilm",
    batch: Annotated[int, typer.Option("--batch", min=1, help="Files per transaction.")] = 32,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr.")] = False,
) -> None:
    """Add articles to the store: dedup against it, assign stories incrementally. Safe to re-run."""
    settings = Settings(embedder=embedder, quiet=quiet)  # type: ignore[arg-type]
    with open_store(db) as store:
        ing = StoreIngestor(store, settings, get_embedder(embedder))
        total = len(expand_paths(paths))
        if not quiet and err.is_terminal and total >= 3:
            cols = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
            with Progress(*cols, console=err, transient=True) as bar:
                task = bar.add_task("ingest", total=total)
                stats = ing.ingest_paths(paths, batch_files=batch, progress=lambda n: bar.advance(task, n))
        else:
            stats = ing.ingest_paths(paths, batch_files=batch)
        if not quiet:
            err.print(
                f"{stats.files_seen} files ({stats.files_skipped} already ingested): +{stats.articles_added} "
                f"articles, {stats.duplicates} near-duplicates, {stats.new_stories} new stories, "
                f"{stats.rejects} rejected; store now {store.counts()['articles']} articles"
            )


def stories(db: DbOpt = Path("newsweave.db")) -> None:
    """List stories: id, first/last date, article count, outlets, headline (tab-separated)."""
    with open_store(db) as store:
        for r in store.story_rows():
            s = r.story
            first = s.first_date.isoformat() if s.first_date else "-"
            last = s.last_date.isoformat() if s.last_date else "-"
            outlets = ", ".join(r.outlets) or "-"
            sys.stdout.write(f"{s.id}\t{first}\t{last}\t{r.n_articles}\t{outlets}\t{s.headline}\n")


def story(
    story_id: Annotated[str, typer.Argument(help="A story id from `newsweave stories`.")],
    db: DbOpt = Path("newsweave.db"),
    fmt: Annotated[str, typer.Option("--format", help="md, json or html.")] = "md",
    embedder: Annotated[str, typer.Option("--embedder", help="minilm or lexical.")] = "minilm",
) -> None:
    """The brief of one stored story: its cited summary rebuilt from the stored articles."""
    from newsweave.pipeline import story_digest
    from newsweave.render import FORMATS, render
    from newsweave.store.brief import story_inputs

    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    settings = Settings(embedder=embedder)  # type: ignore[arg-type]
    with open_store(db) as store:
        inputs = story_inputs(store, story_id)
        if inputs is None:
            err.print(
                f"[red]no story {story_id!r} in {db}[/red]; list them with `newsweave stories --db {db}`"
            )
            raise typer.Exit(1)
        brief = story_digest(inputs.story, inputs.articles, settings, get_embedder(embedder), inputs.duplicates)
        store.set_story_summary(inputs.story.id, " ".join(line.text for line in brief.stories[0].summary))
        text = render(brief, fmt)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def search(
    query: Annotated[str, typer.Argument(help="Words to find (all must match).")],
    db: DbOpt = Path("newsweave.db"),
    limit: Annotated[int, typer.Option("--limit", min=1)] = 10,
) -> None:
    """Full-text search over article titles/text and story headlines/summaries."""
    with open_store(db) as store:
        for h in store.search(query, limit):
            date = h.date.isoformat() if h.date else "-"
            snippet = " ".join(h.snippet.split())
            sys.stdout.write(f"{h.kind}\t{h.id}\t{date}\t{h.story_id or '-'}\t{h.title}\t{snippet}\n")


def register(app: typer.Typer) -> None:
    """Add the store commands to the main ``newsweave`` app."""
    app.command("ingest")(ingest)
    app.command("stories")(stories)
    app.command("story")(story)
    app.command("search")(search)
