"""Command line: thin wrappers over the library (``newsweave --help``).

Each command imports the library inside its body, so ``newsweave --help`` and ``--version`` load no model and
no heavy library (benchmarks/cold_start.py measures it).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsweave import __version__
from newsweave.cli.digest import digest
from newsweave.cli.serve import serve
from newsweave.cli.store import ingest, search, stories, story
from newsweave.cli.timeline import timeline

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
    from newsweave.logs import quiet_third_party

    quiet_third_party(verbose)  # trafilatura & co. log every malformed page; -v shows them


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
for command in (timeline, ingest, stories, story, search, serve):
    app.command()(command)


def _add_evals(app: typer.Typer) -> None:
    """``newsweave eval``: a thin entry to the repository's ``evals/`` (not shipped in the package), present when
    newsweave runs from a checkout (an editable install, as the README installs it)."""
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / "evals" / "cli.py").is_file() and str(checkout) not in sys.path:
        sys.path.append(str(checkout))
    try:
        from evals.cli import eval_app
    except ImportError:
        return
    app.add_typer(eval_app, name="eval")


_add_evals(app)


def main() -> None:
    app()
