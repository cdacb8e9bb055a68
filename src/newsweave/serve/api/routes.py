"""JSON routes (and the story route, which serves the page to browsers). Each route is a thin call into
``NewsService``: reads on the store's read threads, writes and report builds on its writer thread."""

from __future__ import annotations

import datetime as dt
import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from newsweave.render import render, to_json_dict
from newsweave.render.export import content_security_policy
from newsweave.serve.api import schemas
from newsweave.serve.api.inputs import read_request_docs
from newsweave.serve.errors import ApiError
from newsweave.serve.service import StoreThread, StoryBrief, StoryFilter, touched_stories
from newsweave.serve.settings import ApiSettings
from newsweave.serve.web.pages import render_error_page, render_story_page

EXPORT_CSP = content_security_policy() + "; frame-ancestors 'none'"
"""The HTML export's own policy (its inlined style and script by their hashes, nothing else) and, as a header
can say it, no framing."""

bearer = HTTPBearer(auto_error=False, description="Needed for writes when the server has a token.")


def wants_html(request: Request) -> bool:
    """Browsers ask for text/html first; API clients send */* or application/json."""
    accept = request.headers.get("accept", "").lower()
    html_at = accept.find("text/html")
    json_at = accept.find("application/json")
    return html_at >= 0 and (json_at < 0 or html_at < json_at)


def check_token(expected: str | None, credentials: HTTPAuthorizationCredentials | None) -> None:
    if expected is None:
        return
    if credentials is None:
        raise ApiError(401, "unauthorized", "this server needs 'Authorization: Bearer <token>' for writes",
                       headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(credentials.credentials.encode(), expected.encode()):
        raise ApiError(401, "unauthorized", "the bearer token is not valid", headers={"WWW-Authenticate": "Bearer"})


def build_router(settings: ApiSettings, store: StoreThread) -> APIRouter:
    router = APIRouter()

    def require_writer(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> None:
        check_token(settings.token, credentials)

    async def brief_of(story_id: str) -> StoryBrief:
        return await store.brief(story_id)

    @router.get("/health", response_model=schemas.HealthOut, tags=["meta"])
    async def health() -> Any:
        return {**await store.read(lambda s: s.health()), "builds_pending": store.builds_pending}

    @router.post(
        "/articles",
        response_model=schemas.IngestOut,
        status_code=200,
        tags=["articles"],
        dependencies=[Depends(require_writer)],
        openapi_extra=schemas.ingest_schema(),
        responses={201: {"model": schemas.IngestOut, "description": "At least one new article was stored."}},
        summary="Ingest one article, a batch, or uploaded files",
    )
    async def post_articles(request: Request) -> Any:
        """Same rules and reject reasons as ``newsweave digest``/JSONL; one bad article never fails a batch."""
        docs = await read_request_docs(request, settings)
        outcome = await store.run(lambda s: s.ingest(docs))
        if settings.build_on_write:
            store.build_after_write(touched_stories(outcome))
        body = schemas.ingest_out(outcome)
        return JSONResponse(body.model_dump(mode="json"), status_code=201 if outcome.ingested else 200)

    @router.get("/stories", response_model=schemas.StoryListOut, tags=["stories"])
    async def list_stories(
        limit: Annotated[int, Query(ge=1, le=200)] = 20,
        offset: Annotated[int, Query(ge=0)] = 0,
        since: Annotated[dt.date | None, Query(description="Stories still running on or after this date.")] = None,
        until: Annotated[dt.date | None, Query(description="Stories begun on or before this date.")] = None,
        outlet: Annotated[str | None, Query(max_length=200)] = None,
        q: Annotated[str | None, Query(max_length=200, description="Full-text query (all words).")] = None,
        storyline: Annotated[str | None, Query(max_length=200, description="Stories of this storyline id.")] = None,
    ) -> Any:
        f = StoryFilter(since=since, until=until, outlet=outlet, q=(q or "").strip() or None,
                        storyline=(storyline or "").strip() or None)
        page = await store.read(lambda s: s.list_stories(f, limit, offset))
        return schemas.story_list(page)

    def export_route(fmt: str, media: str) -> None:
        @router.get(f"/stories/{{story_id}}.{fmt}", tags=["exports"], response_class=Response,
                    name=f"export_{fmt}", summary=f"The story as {fmt} (the CLI's `--format {fmt}` output)")
        async def export(story_id: str) -> Response:
            brief = await brief_of(story_id)
            headers = {"Content-Security-Policy": EXPORT_CSP} if fmt == "html" else {}
            return Response(render(brief.digest(), fmt), media_type=media, headers=headers)

    export_route("md", "text/markdown; charset=utf-8")
    export_route("json", "application/json")
    export_route("html", "text/html; charset=utf-8")

    @router.get("/stories/{story_id}", tags=["stories"], responses={200: {"content": {"text/html": {}}}})
    async def get_story(story_id: str, request: Request) -> Response:
        """The story's brief as JSON (the CLI's JSON for this story's articles), or its page for browsers."""
        html = wants_html(request)
        try:
            brief = await brief_of(story_id)
        except ApiError as e:
            if not html:
                raise
            return render_error_page(e.status, e.code, e.message)
        response = render_story_page(brief) if html else JSONResponse(to_json_dict(brief.digest()))
        response.headers["Vary"] = "Accept"
        return response

    @router.get("/search", response_model=schemas.SearchOut, tags=["stories"])
    async def search(
        q: Annotated[str, Query(min_length=1, max_length=200)],
        limit: Annotated[int, Query(ge=1, le=100)] = 10,
    ) -> Any:
        hits = await store.read(lambda s: s.search(q, limit))
        return schemas.SearchOut(q=q, hits=[schemas.search_hit(h) for h in hits])

    @router.get("/articles/{article_id}", tags=["articles"])
    async def get_article(article_id: str) -> dict[str, Any]:
        """One stored article as in the CLI's JSON ``articles[]`` (text, date with evidence, sentence offsets)."""
        article, story_id = await store.read(lambda s: s.article(article_id))
        return schemas.article_json(article, story_id)

    return router


def install_routes(app: FastAPI, settings: ApiSettings, store: StoreThread) -> None:
    app.include_router(build_router(settings, store))
