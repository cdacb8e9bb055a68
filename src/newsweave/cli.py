"""Command line: thin wrappers over the library (``newsweave --help``)."""

from __future__ import annotations

import logging
import sys
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsweave import __version__
from newsweave.api.cli import register as register_serve_command
from newsweave.config import Settings
from newsweave.errors import NewsweaveError
from newsweave.eval.cli import eval_app
from newsweave.ingest import read_sources
from newsweave.pipeline import digest as run_digest
from newsweave.render import FORMATS, render
from newsweave.store.cli import register as register_store_commands

app = typer.Typer(
    name="newsweave",
    help="Turn many outlets' articles about the same events into one cited picture of each story.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)
log = logging.getLogger("newsweave")


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsweave {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what each stage does.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    _setup_logging(verbose)


def show_progress(quiet: bool, n: int) -> bool:
    """A progress bar only for real terminals, only when there is enough work, and never with --quiet."""
    return not quiet and err.is_terminal and n >= 3


@app.command()
def digest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive), .jsonl files, or - for stdin.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")] = "md",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of standard output.")] = None,
    words: Annotated[int, typer.Option("--words", help="Summary length in words.")] = 120,
    embedder: Annotated[str, typer.Option("--embedder", help="minilm (default) or lexical (no model).")] = "minilm",
    max_mb: Annotated[float, typer.Option("--max-mb", help="Reject files larger than this (MB).")] = 20.0,
    all_languages: Annotated[bool, typer.Option("--all-languages", help="Do not skip non-English articles.")] = False,
    no_analysis: Annotated[
        bool, typer.Option("--no-analysis", help="Summary only: no timeline, entities, claims, quotes.")
    ] = False,
    one_story: Annotated[bool, typer.Option("--one-story", help="Treat all inputs as one story.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Run the stages on Dask: 'local' (worker processes on this machine) or a scheduler address "
            "(tcp://host:8786).",
        ),
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", help="Worker processes for --dask local (default 2).", min=1)
    ] = None,
) -> None:
    """Read articles and print a cited brief of each story."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if dask is not None and not dask.strip():
        raise typer.BadParameter("give 'local' or a scheduler address such as tcp://host:8786", param_hint="--dask")
    if workers is not None and dask != "local":
        raise typer.BadParameter("only applies to --dask local (a remote cluster has its own workers)",
                                 param_hint="--workers")
    if out is not None and (out.is_dir() or not out.parent.is_dir()):
        # Checked before the (slow) digest; the write below still reports any other failure.
        reason = "it is a directory" if out.is_dir() else f"directory {out.parent} does not exist"
        err.print(f"[red]error:[/red] cannot write {out}: {reason}")
        raise typer.Exit(2)
    try:
        settings = Settings(
            max_bytes=int(max_mb * 1024 * 1024),
            summary_words=words,
            embedder=embedder,  # type: ignore[arg-type]
            languages=() if all_languages else ("en",),
            analyze=not no_analysis,
            one_story=one_story,
            quiet=quiet,
        )
        ingested = read_sources(paths, settings)
        with ExitStack() as stack:
            runner = run_digest
            if dask is not None:
                from newsweave.scale import DaskOptions, dask_client, digest_dask

                opts = DaskOptions(address=None if dask == "local" else dask.strip(), workers=workers or 2)
                client = stack.enter_context(dask_client(opts))
                runner = partial(digest_dask, client, chunk_size=opts.chunk_size)  # type: ignore[assignment]
            if show_progress(quiet, len(ingested.docs)):
                bar = stack.enter_context(Progress(
                    TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True,
                ))
                task = bar.add_task("extract", total=len(ingested.docs))
                result = runner(
                    ingested.docs, settings, rejected=ingested.rejected,
                    progress=lambda k: bar.advance(task, k),
                )
            else:
                result = runner(ingested.docs, settings, rejected=ingested.rejected)
    except NewsweaveError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2) from e
    text = render(result, fmt)
    if out:
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as e:
            err.print(f"[red]error:[/red] cannot write {out}: {e.strerror or e}")
            raise typer.Exit(2) from e
        if not quiet:
            err.print(f"wrote {out} ({len(result.articles)} articles, {len(result.stories)} stories, "
                      f"{len(result.rejected)} rejected)")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    for r in result.rejected:
        log.warning("rejected %s: %s", r.path, r.reason)
    if not result.articles:
        err.print("[yellow]no article could be read from the input[/yellow]")
        raise typer.Exit(1)


app.add_typer(eval_app, name="eval")
register_store_commands(app)
register_serve_command(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
