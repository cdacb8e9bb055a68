"""``newsweave serve``: run the API and the pages with uvicorn."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from newsweave.cli.common import EmbedderOpt, check_embedder, fail, read_store

log = logging.getLogger("newsweave.serve")


def serve(
    db: Annotated[Path, typer.Option("--db", metavar="FILE", help="SQLite store file (made by `newsweave ingest`).")],
    host: Annotated[str, typer.Option("--host", metavar="HOST", help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", help="TCP port.", min=0, max=65535)] = 8000,
    token: Annotated[
        str | None,
        typer.Option("--token", metavar="TOKEN", envvar="NEWSWEAVE_TOKEN",
                     help="Require 'Authorization: Bearer TOKEN' for writes (or set NEWSWEAVE_TOKEN)."),
    ] = None,
    embedder: EmbedderOpt = "minilm",
    max_mb: Annotated[
        float, typer.Option("--max-mb", metavar="MB", help="Refuse request bodies larger than this (MB).")
    ] = 20.0,
    words: Annotated[int, typer.Option("--words", metavar="N", help="Summary length in words.")] = 120,
    build_on_write: Annotated[
        bool,
        typer.Option("--build-on-write/--build-on-view",
                     help="Build a story's brief right after a write touches it, and at start-up those of stories "
                          "not built yet (default), or each on its first view."),
    ] = True,
    create: Annotated[
        bool, typer.Option("--create", help="Start with a new, empty store when --db does not exist.")
    ] = False,
) -> None:
    """Serve the HTTP API (/docs), the story pages (/) and exports over a store."""
    check_embedder(embedder)
    from newsweave.store.sqlite import missing_store

    if not create and (reason := missing_store(db)):
        fail(f"{reason}, or pass --create to start with an empty store")
    if not missing_store(db):
        read_store(db).close()  # a store of a newer newsweave, or no store at all: refuse to start (exit 2)
    import uvicorn

    from newsweave.errors import ConfigError
    from newsweave.serve.app import create_app
    from newsweave.serve.settings import ApiSettings

    try:
        settings = ApiSettings(db_path=db, token=token, max_body_bytes=int(max_mb * 1024 * 1024),
                               embedder=embedder, summary_words=words,  # type: ignore[arg-type]
                               build_on_write=build_on_write, build_missing_on_start=build_on_write)
    except ConfigError as e:
        raise typer.BadParameter(str(e)) from e
    logging.getLogger("newsweave").setLevel(logging.INFO)  # start-up lines (store, model loading) are news here
    if token is None and host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("serving on %s without --token: anyone who can reach it can add articles", host)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
