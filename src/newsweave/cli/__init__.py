"""Command line: thin wrappers over the library (``newsweave --help``).

Each command imports the library inside its body, so ``newsweave --help`` and ``--version`` load no model and
no heavy library (benchmarks/cold_start.py measures it).
"""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from newsweave import __version__
from newsweave.cli.digest import digest
from newsweave.cli.serve import serve
from newsweave.cli.store import ingest, search, stories, story
from newsweave.eval.cli import eval_app

app = typer.Typer(
    name="newsweave",
    help="Turn many outlets' articles about the same events into one cited picture of each story.",
    no_args_is_help=True,
    add_completion=False,
)


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


app.command()(digest)
for command in (ingest, stories, story, search, serve):
    app.command()(command)
app.add_typer(eval_app, name="eval")


def main() -> None:
    app()
