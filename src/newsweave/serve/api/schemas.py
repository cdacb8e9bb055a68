"""Pydantic models for the OpenAPI document and JSON responses, plus record -> JSON converters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from newsweave.render import to_json_dict
from newsweave.serve.service import IngestOutcome, StoryPage
from newsweave.store import SearchHit, StoryRow
from newsweave.types import Article, Digest


class ArticleIn(BaseModel):
    """One article, as one line of a ``.jsonl`` file for the CLI. ``text`` or ``html`` is required."""

    text: str | None = Field(None, description="Plain-text article (a scrape; page chrome is removed).")
    html: str | None = Field(None, description="HTML page (used instead of text when both are given).")
    url: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="Publication date as written, e.g. 2013-05-26.")
    title: str | None = None


class IngestedOut(BaseModel):
    id: str
    story_id: str | None
    title: str | None
    outlet: str | None


class DuplicateOut(BaseModel):
    id: str
    duplicate_of: str
    similarity: float
    kind: str = Field(description="exact: already stored, not written again; near: stored and linked as a copy")
    story_id: str | None


class RejectOut(BaseModel):
    path: str
    reason: str


class IngestOut(BaseModel):
    ingested: list[IngestedOut]
    duplicates: list[DuplicateOut]
    rejected: list[RejectOut]


class StoryItemOut(BaseModel):
    id: str
    headline: str
    first_date: dt.date | None
    last_date: dt.date | None
    outlets: list[str]
    n_articles: int
    storyline_id: str | None
    url: str


class StoryListOut(BaseModel):
    total: int
    limit: int
    offset: int
    stories: list[StoryItemOut]


class SearchHitOut(BaseModel):
    kind: str
    id: str
    title: str
    snippet: str
    score: float
    story_id: str | None
    date: dt.date | None


class SearchOut(BaseModel):
    q: str
    hits: list[SearchHitOut]


class HealthOut(BaseModel):
    status: str
    version: str
    counts: dict[str, int]
    builds_pending: int = 0
    """Stories whose briefs are queued to be built after a write (``build_on_write``)."""


def ingest_schema() -> dict[str, Any]:
    """``openapi_extra`` for POST /articles: the bodies we read by hand (one article, a batch, or files)."""
    one = ArticleIn.model_json_schema()
    batch = {"type": "object", "required": ["articles"],
             "properties": {"articles": {"type": "array", "items": one, "minItems": 1}}}
    files = {"type": "object", "properties": {"files": {"type": "array", "items": {"type": "string",
                                                                                   "format": "binary"}}}}
    return {"requestBody": {"required": True, "content": {
        "application/json": {"schema": {"oneOf": [one, batch]}},
        "multipart/form-data": {"schema": files},
        "text/plain": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
    }}}


def ingest_out(o: IngestOutcome) -> IngestOut:
    return IngestOut(
        ingested=[IngestedOut(id=a.id, story_id=a.story_id, title=a.title, outlet=a.outlet) for a in o.ingested],
        duplicates=[DuplicateOut(id=d.id, duplicate_of=d.duplicate_of, similarity=d.similarity, kind=d.kind,
                                 story_id=d.story_id) for d in o.duplicates],
        rejected=[RejectOut(path=r.path, reason=r.reason) for r in o.rejected],
    )


def story_item(row: StoryRow) -> StoryItemOut:
    s = row.story
    return StoryItemOut(id=s.id, headline=s.headline, first_date=s.first_date, last_date=s.last_date,
                        outlets=list(row.outlets), n_articles=row.n_articles, storyline_id=s.storyline_id,
                        url=f"/stories/{s.id}")


def story_list(page: StoryPage) -> StoryListOut:
    return StoryListOut(total=page.total, limit=page.limit, offset=page.offset,
                        stories=[story_item(r) for r in page.rows])


def search_hit(h: SearchHit) -> SearchHitOut:
    return SearchHitOut(kind=h.kind, id=h.id, title=h.title, snippet=h.snippet, score=h.score,
                        story_id=h.story_id, date=h.date)


def article_json(article: Article, story_id: str | None) -> dict[str, Any]:
    """The article exactly as in the CLI's JSON (``articles[]``), plus the story it belongs to."""
    (a,) = to_json_dict(Digest(articles=(article,), rejected=(), stories=()))["articles"]
    return {**a, "story_id": story_id}
