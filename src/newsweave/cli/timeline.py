"""``newsweave timeline``: the key dates of all the input as one collection, each with its cited sentences."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated

import typer

from newsweave.cli.common import err, fail, stage_bars
from newsweave.cli.digest import FORMATS

log = logging.getLogger("newsweave")


def _day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD", param_hint=option) from None


def timeline(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH...", help="Files, directories (recursive), .jsonl files, or - for stdin."),
    ],
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
    """The key dates of all the input as one story, each with at most K cited sentences of what happened."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    first, last = _day(start, "--from"), _day(end, "--to")
    if first and last and first > last:
        raise typer.BadParameter(f"--from {first} is after --to {last}", param_hint="--from")
    if out is not None and (out.is_dir() or not out.parent.is_dir()):
        fail(f"cannot write {out}: " + ("it is a directory" if out.is_dir() else f"directory {out.parent} does not exist"))

    from newsweave.config import Settings
    from newsweave.errors import NewsweaveError
    from newsweave.ingest import read_sources
    from newsweave.pipeline import extract_articles
    from newsweave.render.labels import plural
    from newsweave.render.tls import render_timeline
    from newsweave.tls import TlsParams, default_size, key_timeline

    try:
        settings = Settings(max_bytes=int(max_mb * 1024 * 1024), languages=() if all_languages else ("en",))
        ingested = read_sources(paths, settings)
        with ExitStack() as stack:
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
            result = key_timeline(articles, params, rejected=rejected)
    except NewsweaveError as e:
        fail(str(e))
    text = render_timeline(result, fmt)
    if out:
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as e:
            fail(f"cannot write {out}: {e.strerror or e}")
        if not quiet:
            err.print(f"wrote {out} ({plural(len(result.dates), 'key date')}, "
                      f"{plural(len(result.articles), 'article')}, {len(result.rejected)} rejected)",
                      highlight=False, soft_wrap=True)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    for r in result.rejected:
        log.warning("rejected %s: %s", r.path, r.reason)
