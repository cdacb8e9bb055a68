"""``newsweave digest``: read articles and print a cited brief of each story."""

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
    WorkersOpt,
    check_dask,
    check_embedder,
    err,
    executor_for,
    fail,
    on_interrupt,
    report_rejected,
    stage_bars,
    write_atomically,
)

FORMATS = ("md", "json", "html")
"""As ``newsweave.render.FORMATS`` (a test keeps them equal; importing the renderer here would slow --help)."""


def digest(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH...", help="Files, directories (recursive), .jsonl files, or - for stdin."),
    ],
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help=f"Output format: {', '.join(FORMATS)}.")
    ] = "md",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", metavar="FILE", help="Write here instead of standard output.")
    ] = None,
    words: Annotated[int, typer.Option("--words", metavar="N", help="Summary length in words.")] = 120,
    embedder: EmbedderOpt = "minilm",
    max_mb: Annotated[
        float, typer.Option("--max-mb", metavar="MB", help="Reject files larger than this (MB).")
    ] = 20.0,
    all_languages: Annotated[bool, typer.Option("--all-languages", help="Do not skip non-English articles.")] = False,
    no_analysis: Annotated[
        bool, typer.Option("--no-analysis", help="Summary only: no timeline, entities, claims, quotes.")
    ] = False,
    one_story: Annotated[bool, typer.Option("--one-story", help="Treat all inputs as one story.")] = False,
    include_hidden: HiddenOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    dask: DaskOpt = None,
    workers: WorkersOpt = None,
) -> None:
    """Read articles and print a cited brief of each story."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    check_embedder(embedder)
    check_dask(dask, workers)
    if out is not None and (out.is_dir() or not out.parent.is_dir()):
        # Checked before the (slow) digest; the write below still reports any other failure.
        fail(f"cannot write {out}: " + ("it is a directory" if out.is_dir() else f"directory {out.parent} does not exist"))

    from newsweave.config import Settings
    from newsweave.errors import NewsweaveError
    from newsweave.ingest import read_sources
    from newsweave.pipeline import digest as run_digest
    from newsweave.render import render
    from newsweave.render.labels import plural

    try:
        settings = Settings(
            max_bytes=int(max_mb * 1024 * 1024),
            summary_words=words,
            embedder=embedder,  # type: ignore[arg-type]
            languages=() if all_languages else ("en",),
            analyze=not no_analysis,
            one_story=one_story,
            include_hidden=include_hidden,
        )
        ingested = read_sources(paths, settings)
        with ExitStack() as stack:
            stack.enter_context(on_interrupt("nothing was written" + (f" ({out} is unchanged)" if out else "")))
            executor = executor_for(stack, dask, workers)
            stages = stack.enter_context(stage_bars(quiet, len(ingested.docs)))
            result = run_digest(ingested.docs, settings, rejected=ingested.rejected, executor=executor,
                                stages=stages)
    except NewsweaveError as e:
        fail(str(e))
    text = render(result, fmt)
    if out:
        try:
            write_atomically(out, text.encode("utf-8"))
        except OSError as e:
            fail(f"cannot write {out}: {e.strerror or e}")
        if not quiet:
            err.print(f"wrote {out} ({plural(len(result.articles), 'article')}, "
                      f"{plural(len(result.stories), 'story', 'stories')}, "
                      f"{len(result.rejected)} rejected or skipped)",
                      highlight=False, soft_wrap=True)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    report_rejected(result.rejected)
    if not result.articles:
        err.print("[yellow]no article could be read from the input[/yellow]")
        raise typer.Exit(1)
