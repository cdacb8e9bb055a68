"""HTML pages: the story list (``/``) and the story page (``/stories/{id}`` when the client asks for HTML).

Rendered by the HTML environment of ``newsweave.render`` (autoescaping on for every template: article text is
hostile input and only ever reaches a page as escaped text): this package's page templates (``templates/``)
around the story template and view models that the HTML export uses too. Pages load the stylesheet and the
script of ``newsweave/render/static`` from ``/static`` (plus ``pages.css``, the story list's form, which the HTML
export has no use for and does not inline), so the Content-Security-Policy can forbid inline script entirely.

The story list is the digest's front page (``render.views.rank_key``: most outlets, then most articles, then the
most recent; one-article stories under "Other articles"), narrowed by a plain GET form: words, outlet, dates,
storyline. A submitted form's empty fields are redirected away, so every list has one short URL.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader

from newsweave.render.environment import PACKAGE, STATIC, make_environment
from newsweave.render.views import StoryView, top_lines
from newsweave.serve.errors import ApiError
from newsweave.serve.service import StoreThread, StoryBrief, StoryFilter, StoryPage
from newsweave.store.base import StoryRow
from newsweave.store.brief import summary_lines
from newsweave.types import date_span

PAGE_SIZE = 20
LEAD_CHARS = 280
"""Longest summary line shown under a listed headline (a summary stored as one run of text is cut here)."""
FILTER_KEYS = ("q", "outlet", "since", "until", "storyline")


def row_dates(row: StoryRow) -> str:
    """A listed story's date range at the precision of its end dates."""
    s = row.story
    return date_span(s.first_date, s.last_date, row.first_precision, row.last_precision)


def row_lead(row: StoryRow) -> str | None:
    """A listed story's first summary line (None until its brief has been built once)."""
    lines = top_lines(row.story.headline, summary_lines(row.summary), 1)
    if not lines:
        return None
    line = lines[0]
    if len(line) <= LEAD_CHARS:
        return line
    cut = line[:LEAD_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def page_url(f: StoryFilter, offset: int = 0) -> str:
    """The story list with the filters of ``f`` at ``offset``: its one URL (no empty parameters)."""
    values = {
        "q": f.q, "outlet": f.outlet, "since": f.since.isoformat() if f.since else None,
        "until": f.until.isoformat() if f.until else None, "storyline": f.storyline,
    }
    params = {k: v for k, v in values.items() if v}
    if offset:
        params["offset"] = str(offset)
    return "/" + (f"?{urlencode(params)}" if params else "")


def storyline_url(storyline_id: str) -> str:
    """The story list narrowed to one storyline."""
    return page_url(StoryFilter(storyline=storyline_id))


def page_environment() -> Environment:
    env = make_environment(PackageLoader("newsweave.serve.web", "templates"))
    env.globals.update(row_dates=row_dates, row_lead=row_lead, storyline_url=storyline_url)
    return env


ENV = page_environment()


def render_html(template: str, http_status: int = 200, **context: object) -> HTMLResponse:
    context.setdefault("q", None)
    return HTMLResponse(ENV.get_template(template).render(**context), status_code=http_status)


def render_story_page(brief: StoryBrief) -> HTMLResponse:
    return render_html("story_page.html", v=StoryView.of(brief.report, brief.articles, brief.duplicates))


def render_error_page(status: int, code: str, message: str) -> HTMLResponse:
    return render_html("error.html", http_status=status, status=status, code=code, message=message)


def parse_day(name: str, value: str | None) -> dt.date | None:
    """A date field of the filter form: empty is no filter; anything but a date (YYYY-MM-DD) is an error."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date: give '{name}' as YYYY-MM-DD, e.g. 2013-05-20") from None


def filled(value: str | None) -> str | None:
    return (value or "").strip() or None


def outlet_options(page: StoryPage, f: StoryFilter) -> list[tuple[str, bool]]:
    """The outlet <select>'s (name, selected) options; a filtered outlet the store does not name stays shown."""
    want = f.outlet.casefold() if f.outlet else None
    options = [(o, o.casefold() == want) for o in page.outlets]
    if f.outlet and not any(sel for _, sel in options):
        options.append((f.outlet, True))
    return options


def render_index(page: StoryPage, f: StoryFilter | None = None, builds_pending: int = 0) -> HTMLResponse:
    """The story list; ``builds_pending``: briefs the server is still building (their lead lines not shown yet)."""
    f = f or StoryFilter()
    prev_url = page_url(f, max(0, page.offset - page.limit)) if page.offset > 0 else None
    more = page.offset + len(page.rows) < page.total
    next_url = page_url(f, page.offset + page.limit) if more else None
    # The front page's "Other articles" start where the first one-article story falls on this page.
    front = [r for r in page.rows if not page.ranked or r.n_articles > 1]
    others = [r for r in page.rows if page.ranked and r.n_articles <= 1]
    leadless = builds_pending > 0 and any(not r.summary for r in front)  # not yet built (not: built, no line)
    return render_html("index.html", page=page, f=f, q=f.q, prev_url=prev_url, next_url=next_url, front=front,
                       others=others, outlets=outlet_options(page, f), building=builds_pending if leadless else 0)


def install_pages(app: FastAPI, store_thread: StoreThread) -> None:
    """The story list page and the static files; the story page is served by the negotiated story route."""
    app.mount("/static", StaticFiles(packages=[(PACKAGE, STATIC)]), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index(
        request: Request,
        q: Annotated[str | None, Query(max_length=200)] = None,
        offset: Annotated[int, Query(ge=0)] = 0,
        since: Annotated[str | None, Query(max_length=40)] = None,
        until: Annotated[str | None, Query(max_length=40)] = None,
        outlet: Annotated[str | None, Query(max_length=200)] = None,
        storyline: Annotated[str | None, Query(max_length=200)] = None,
    ) -> Response:
        try:
            f = StoryFilter(since=parse_day("since", since), until=parse_day("until", until), outlet=filled(outlet),
                            q=filled(q), storyline=filled(storyline))
        except ValueError as e:
            return render_error_page(422, "validation_error", str(e))
        if any(not v.strip() for k, v in request.query_params.multi_items() if k in FILTER_KEYS):
            return RedirectResponse(page_url(f, offset), status_code=303)  # the form's empty fields
        try:
            page = await store_thread.read(lambda s: s.list_stories(f, PAGE_SIZE, offset, order="front"))
        except ApiError as e:  # e.g. words that leave nothing to search for
            return render_error_page(e.status, e.code, e.message)
        return render_index(page, f, store_thread.builds_pending)
