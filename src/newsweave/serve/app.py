"""The app factory: ``create_app(ApiSettings) -> FastAPI``."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from newsweave import __version__
from newsweave.embed import Embedder
from newsweave.serve.api.docs import install_docs
from newsweave.serve.api.limits import BodyLimitMiddleware
from newsweave.serve.api.routes import install_routes
from newsweave.serve.api.security import SecurityHeadersMiddleware
from newsweave.serve.errors import install_error_handlers
from newsweave.serve.service import NewsService, StoreThread
from newsweave.serve.settings import ApiSettings
from newsweave.serve.web.pages import install_pages
from newsweave.store import Store

log = logging.getLogger(__name__)

DESCRIPTION = """Stories built from many outlets' articles, each with a cited summary.

Writes (`POST /articles`) need `Authorization: Bearer <token>` when the server was started with a token.
Every error has one shape: `{"error": {"code": ..., "message": ..., "detail": ...}}`."""


def create_app(settings: ApiSettings, *, store: Store | None = None, embedder: Embedder | None = None) -> FastAPI:
    """A FastAPI app over the store at ``settings.db_path`` (or the given ``store``, which must be usable from
    any thread; the app opens its own SQLite store on its store thread otherwise)."""
    service = NewsService(settings, store=store, embedder=embedder)
    store_thread = StoreThread(service)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        log.info("newsweave API on store %s", settings.db_path)
        if settings.warm_up:
            log.info("loading models (%s embedder, spaCy) before taking requests...", settings.embedder)
            started = time.perf_counter()
            await store_thread.run(lambda s: s.warm_up())
            log.info("models loaded in %.1f s", time.perf_counter() - started)
        if settings.build_missing_on_start:
            missing = await store_thread.run(lambda s: s.stories_without_brief())
            if missing:
                log.info("building the briefs of %d stories in the background, largest first", len(missing))
                store_thread.build_after_write(missing)
        yield
        store_thread.shutdown()

    app = FastAPI(title="newsweave", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    install_docs(app)
    app.state.settings = settings
    app.state.store_thread = store_thread
    install_error_handlers(app)
    install_routes(app, settings, store_thread)
    install_pages(app, store_thread)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
