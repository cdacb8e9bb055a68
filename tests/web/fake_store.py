"""A read-only in-memory store holding one hand-built story (enough of ``Store`` for the pages)."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.serve.service import StoryBrief
from newsweave.store import SearchHit, StoryRow
from newsweave.types import Article, DuplicateLink, Story


class OneStoryStore:
    def __init__(self, brief: StoryBrief) -> None:
        self.brief = brief

    def story(self, story_id: str) -> Story | None:
        s = self.brief.report.story
        return s if s.id == story_id else None

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        by_id = {a.id: a for a in self.brief.articles}
        return [by_id[i] for i in (ids if ids is not None else by_id)]

    def duplicates(self) -> list[DuplicateLink]:
        return list(self.brief.duplicates)

    def story_rows(self) -> list[StoryRow]:
        s = self.brief.report.story
        return [StoryRow(s, tuple(sorted({a.label for a in self.brief.articles})), len(s.article_ids))]

    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        return []

    def counts(self) -> dict[str, int]:
        return {"articles": len(self.brief.articles), "stories": 1}

    def set_story_summary(self, story_id: str, summary: str) -> None:
        pass

    def close(self) -> None:
        pass
