"""``newsweave timeline``: the key dates of all the input as one collection (``PATH...``), or of one storyline of a
store (``--db FILE --storyline ID``), each with its cited sentences."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsweave.cli.common import (
    err,
    fail,
    on_interrupt,
    read_store,
    report_rejected,
    stage_bars,
    write_atomically,
)
from newsweave.cli.digest import FORMATS

if TYPE_CHECKING:
    from newsweave.types import Article, Reject

log = logging.getLogger("newsweave")


def _day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD", param_hint=option) from None


def check_source(paths: list[str] | None, db: Path | None, storyline: str | None) -> None:
    """Exactly one input: PATH..., or a store's storyline (--db FILE with --storyline ID)."""
    if paths and (db is not None or storyline is not None):
        raise typer.BadParameter("give PATH... or --db FILE --storyline ID, not both", param_hint="PATH")
    if not paths and db is None and storyline is None:
        raise typer.BadParameter("give PATH... (files, directories, .jsonl or -) or --db FILE --storyline ID",
                                 param_hint="PATH")
    if db is not None and storyline is None:
        raise typer.BadParameter(f"say which storyline of {db}: its ids are the last column of "
                                 f"`newsweave stories --db {db}`", param_hint="--storyline")
    if storyline is not None and db is None:
        raise typer.BadParameter("a storyline is read from a store: add --db FILE", param_hint="--db")
    if storyline is not None and not storyline.strip():
        raise typer.BadParameter("give a storyline id (the last column of `newsweave stories`)",
                                 param_hint="--storyline")


def storyline_articles(db: Path, storyline: str) -> list[Article]:
    """The articles of every story of ``storyline`` in the store ``db``, oldest story first; an unknown id ends
    the command (exit 1) with where the ids are listed."""
    with read_store(db) as store:
        stories = store.storyline(storyline.strip())
        if not stories:
            fail(f"no storyline {storyline!r} in {db}; the storyline ids are the last column of "
                 f"`newsweave stories --db {db}`", 1)
        return store.articles([i for s in stories for i in s.article_ids])


def timeline(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="[PATH...]", show_default=False,
                       help="Files, directories (recursive), .jsonl files, or - for stdin (or --db and --storyline)."),
    ] = None,
    db: Annotated[
        Path | None, typer.Option("--db", metavar="FILE", help="A store made by `newsweave ingest` (with --storyline).")
    ] = None,
    storyline: Annotated[
        str | None, typer.Option("--storyline", metavar="ID",
                                 help="The storyline of the store to summarize (the last column of `newsweave "
                                      "stories`).")
    ] = None,
    dates: Annotated[
        int | None, typer.Option("--dates", "-L", metavar="L", min=1,
                                 help="At most this many key dates (default: from the collection's span).")
    ] = None,
    sentences: Annotated[
        int | None, typer.Option("--sentences", "-K", metavar="K", min=1,
                                 help="At most this many sentences a date (default: from the collection's size).")
    ] = None,
    start: Annotated[str | None, typer.Option("--from", metavar="YYYY-MM-DD", help="No key date before this.")] = None,
    end: Annotated[str | None, typer.Option("--to", metavar="YYYY-MM-DD", help="No key date after this.")] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help=f"Output format: {', '.join(FORMATS)}.")
    ] = "md",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", metavar="FILE", help="Write here instead of standard output.")
    ] = None,
    max_mb: Annotated[
        float, typer.Option("--max-mb", metavar="MB", help="Reject files larger than this (MB).")
    ] = 20.0,
    all_languages: Annotated[bool, typer.Option("--all-languages", help="Do not skip non-English articles.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr.")] = False,
) -> None:
    """The key dates of all the input as one story, or of one storyline of a store (--db FILE --storyline ID),
    each with at most K cited sentences of what happened."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    check_source(paths, db, storyline)
    first, last = _day(start, "--from"), _day(end, "--to")
    if first and last and first > last:
        raise typer.BadParameter(f"--from {first} is after --to {last}", param_hint="--from")
    if out is not None and (out.is_dir() or not out.parent.is_dir()):
        fail(f"cannot write {out}: " + ("it is a directory" if out.is_dir() else f"directory {out.parent} does not exist"))

    from newsweave.config import Settings
    from newsweave.embed.choose import get_embedder
    from newsweave.errors import NewsweaveError
    from newsweave.ingest import read_sources
    from newsweave.pipeline import extract_articles
    from newsweave.render.labels import plural
    from newsweave.render.tls import render_timeline
    from newsweave.tls import TlsParams, default_size, key_timeline

    try:
        with ExitStack() as stack:
            stack.enter_context(on_interrupt("nothing was written" + (f" ({out} is unchanged)" if out else "")))
            articles: Sequence[Article]
            rejected: tuple[Reject, ...] = ()
            if db is not None and storyline is not None:
                articles = storyline_articles(db, storyline)
                stages = stack.enter_context(stage_bars(quiet, len(articles)))
            else:
                settings = Settings(max_bytes=int(max_mb * 1024 * 1024), languages=() if all_languages else ("en",))
                ingested = read_sources(paths or [], settings)
                stages = stack.enter_context(stage_bars(quiet, len(ingested.docs)))
                progress = stages("extracting articles", len(ingested.docs)) if stages else None
                articles, rejects = extract_articles(ingested.docs, settings, progress=progress)
                rejected = (*ingested.rejected, *rejects)
            if not articles:
                for r in rejected:
                    log.warning("rejected %s: %s", r.path, r.reason)
                reasons = "; ".join(f"{r.path}: {r.reason}" for r in rejected[:3])
                fail("no article could be read from the input" + (f" ({reasons})" if reasons else ""), 1)
            default_dates, default_sentences = default_size(articles)
            params = TlsParams(dates or default_dates, sentences or default_sentences, start=first, end=last)
            if stages:
                stages("dating sentences and choosing key dates", 1)
            embedder = get_embedder(Settings().embedder)  # ranks a day's sentences by meaning too
            result = key_timeline(articles, params, rejected=rejected, embedder=embedder)
    except NewsweaveError as e:
        fail(str(e))
    text = render_timeline(result, fmt)
    if out:
        try:
            write_atomically(out, text.encode("utf-8"))
        except OSError as e:
            fail(f"cannot write {out}: {e.strerror or e}")
        if not quiet:
            err.print(f"wrote {out} ({plural(len(result.dates), 'key date')}, "
                      f"{plural(len(result.articles), 'article')}, {len(result.rejected)} rejected)",
                      highlight=False, soft_wrap=True)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    report_rejected(result.rejected)
