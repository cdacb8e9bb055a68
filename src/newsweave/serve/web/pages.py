"""HTML pages: the story list (``/``) and the story page (``/stories/{id}`` when the client asks for HTML).

Rendered by the HTML environment of ``newsweave.render`` (autoescaping on for every template: article text is
hostile input and only ever reaches a page as escaped text): this package's page templates (``templates/``)
around the story template and view models that the HTML export uses too. Pages load the one stylesheet and the
one script of ``newsweave/render/static`` from ``/static``, so the Content-Security-Policy can forbid inline
script entirely.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlencode

from fastapi import FastAPI, Query
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader

from newsweave.render.environment import PACKAGE, STATIC, make_environment
from newsweave.render.views import StoryView
from newsweave.serve.service import StoreThread, StoryBrief, StoryFilter, StoryPage
from newsweave.store.base import StoryRow
from newsweave.types import date_span

PAGE_SIZE = 20


def row_dates(row: StoryRow) -> str:
    """A listed story's date range at the precision of its end dates."""
    s = row.story
    return date_span(s.first_date, s.last_date, row.first_precision, row.last_precision)


def page_environment() -> Environment:
    env = make_environment(PackageLoader("newsweave.serve.web", "templates"))
    env.globals.update(row_dates=row_dates)
    return env


ENV = page_environment()


def render_html(template: str, http_status: int = 200, **context: object) -> HTMLResponse:
    context.setdefault("q", None)
    return HTMLResponse(ENV.get_template(template).render(**context), status_code=http_status)


def render_story_page(brief: StoryBrief) -> HTMLResponse:
    return render_html("story_page.html", v=StoryView.of(brief.report, brief.articles, brief.duplicates))


def render_error_page(status: int, code: str, message: str) -> HTMLResponse:
    return render_html("error.html", http_status=status, status=status, code=code, message=message)


def page_url(q: str | None, offset: int) -> str:
    params = {k: v for k, v in (("q", q), ("offset", offset)) if v}
    return "/" + (f"?{urlencode(params)}" if params else "")


def render_index(page: StoryPage, q: str | None) -> HTMLResponse:
    prev_url = page_url(q, max(0, page.offset - page.limit)) if page.offset > 0 else None
    more = page.offset + len(page.rows) < page.total
    next_url = page_url(q, page.offset + page.limit) if more else None
    return render_html("index.html", page=page, q=q, prev_url=prev_url, next_url=next_url)


def install_pages(app: FastAPI, store_thread: StoreThread) -> None:
    """The story list page and the static files; the story page is served by the negotiated story route."""
    app.mount("/static", StaticFiles(packages=[(PACKAGE, STATIC)]), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index(
        q: Annotated[str | None, Query(max_length=200)] = None,
        offset: Annotated[int, Query(ge=0)] = 0,
        since: dt.date | None = None,
        until: dt.date | None = None,
        outlet: str | None = None,
    ) -> HTMLResponse:
        f = StoryFilter(since=since, until=until, outlet=outlet, q=(q or "").strip() or None)
        page = await store_thread.run(lambda s: s.list_stories(f, PAGE_SIZE, offset))
        return render_index(page, f.q)
