"""The storage interface (``Store``) and the records that cross it. SQL lives only in the implementations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Literal, Protocol

from newsweave.cluster.online import StoryState
from newsweave.types import Article, DuplicateLink, Precision, PublishedDate, Reject, Story


@dataclass(frozen=True)
class SourceRecord:
    """One input file fully ingested (its content hash makes re-ingest a no-op)."""

    content_hash: str
    origin: str


@dataclass(frozen=True)
class StoredArticle:
    article: Article
    story_id: str
    source_hash: str | None = None
    minhash: bytes | None = None


@dataclass(frozen=True)
class IngestBatch:
    """Everything one ingest step writes; a store applies it in one transaction (all or nothing)."""

    sources: tuple[SourceRecord, ...]
    articles: tuple[StoredArticle, ...]
    duplicates: tuple[DuplicateLink, ...]
    rejects: tuple[tuple[str | None, Reject], ...]
    stories: tuple[StoryState, ...]
    to_date: tuple[str, ...] = ()
    """Stories whose articles' dates are to be refined in story context after this batch (``set_published``
    with ``dated``); recorded with the batch, so a run killed in between does it on resume."""
    merged: tuple[tuple[str, str], ...] = ()
    """Stories merged by the streaming clusterer, in order, as (absorbed, into): the absorbed story's articles
    move to ``into`` and the absorbed story is deleted (``into`` is among ``stories``)."""
    to_regroup: tuple[str, ...] = ()
    """Articles of this batch to regroup at the end of their ingest run (``Store.articles_to_regroup``)."""
    regrouped: tuple[str, ...] = ()
    """Articles the end of a run regrouped: no longer to regroup."""


@dataclass(frozen=True)
class StoryRow:
    """A story as listed: the ``Story`` plus its outlets and article count."""

    story: Story
    outlets: tuple[str, ...]
    """Outlet names; ``UNKNOWN_OUTLET`` stands for members whose outlet is named nowhere."""
    n_articles: int
    first_precision: Precision = "day"
    last_precision: Precision = "day"
    """The precision the first/last dates stand for (see ``types.endpoint_precision``)."""
    summary: str = ""
    """The story's summary lines, one a line, as stored when its brief was first built (empty until then)."""


@dataclass(frozen=True)
class SearchHit:
    kind: Literal["article", "story"]
    id: str
    title: str
    snippet: str
    score: float
    story_id: str | None = None
    date: dt.date | None = None


class Store(Protocol):
    """What the rest of newsweave may ask of a store. SQLite implements it; PostgreSQL can later."""

    def has_source(self, content_hash: str) -> bool: ...

    def has_article(self, article_id: str) -> bool: ...

    def write_batch(self, batch: IngestBatch) -> None: ...

    def story_states(self) -> list[StoryState]: ...

    def signatures(self) -> Iterator[tuple[str, bytes]]: ...

    def story_of(self, article_id: str) -> str | None: ...

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]: ...

    def story_rows(self) -> list[StoryRow]: ...

    def story(self, story_id: str) -> Story | None: ...

    def storyline(self, storyline_id: str) -> list[Story]: ...

    def duplicates(self) -> list[DuplicateLink]: ...

    def rejects(self) -> list[Reject]: ...

    def set_story_summary(self, story_id: str, summary: str) -> None: ...

    def set_published(self, dates: Mapping[str, PublishedDate], dated: Iterable[str] = ()) -> None: ...

    def stories_to_date(self) -> list[str]: ...

    def articles_to_regroup(self) -> list[str]: ...

    def search(self, query: str, limit: int = 10) -> list[SearchHit]: ...

    def meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...

    def vector_dim(self) -> int | None: ...

    def counts(self) -> dict[str, int]: ...

    def writer_lock(self) -> AbstractContextManager[None]: ...

    def data_version(self) -> int: ...

    def close(self) -> None: ...
