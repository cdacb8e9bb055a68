"""``newsweave serve``: run the API and the pages with uvicorn."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from newsweave.errors import ConfigError

log = logging.getLogger(__name__)


def serve(
    db: Annotated[Path, typer.Option("--db", help="SQLite store file (created when missing).")],
    host: Annotated[str, typer.Option("--host", help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.", min=0, max=65535)] = 8000,
    token: Annotated[
        str | None,
        typer.Option("--token", envvar="NEWSWEAVE_TOKEN",
                     help="Require 'Authorization: Bearer TOKEN' for writes (or set NEWSWEAVE_TOKEN)."),
    ] = None,
    embedder: Annotated[str, typer.Option("--embedder", help="minilm (default) or lexical (no model).")] = "minilm",
    max_mb: Annotated[float, typer.Option("--max-mb", help="Refuse request bodies larger than this (MB).")] = 20.0,
    words: Annotated[int, typer.Option("--words", help="Summary length in words.")] = 120,
) -> None:
    """Serve the HTTP API (/docs), the story pages (/) and exports over a store."""
    import uvicorn

    from newsweave.api.app import create_app
    from newsweave.api.settings import ApiSettings

    try:
        settings = ApiSettings(db_path=db, token=token, max_body_bytes=int(max_mb * 1024 * 1024),
                               embedder=embedder, summary_words=words)  # type: ignore[arg-type]
    except ConfigError as e:
        raise typer.BadParameter(str(e)) from e
    if token is None and host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("serving on %s without --token: anyone who can reach it can add articles", host)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
