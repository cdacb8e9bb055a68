"""What a story brief is built from, read from a store in one place (used by the CLI and the HTTP API)."""

from __future__ import annotations

from dataclasses import dataclass

from newsweave.store.base import Store
from newsweave.types import Article, DuplicateLink, Story, StoryReport


@dataclass(frozen=True)
class StoryInputs:
    story: Story
    articles: tuple[Article, ...]
    duplicates: tuple[DuplicateLink, ...]
    """Near-copy links among the story's articles (selected once in the summary, cited for every outlet)."""


def story_inputs(store: Store, story_id: str) -> StoryInputs | None:
    story = store.story(story_id)
    if story is None:
        return None
    ids = set(story.article_ids)
    dups = tuple(d for d in store.duplicates() if d.article_id in ids)
    return StoryInputs(story, tuple(store.articles(story.article_ids)), dups)


def summary_text(report: StoryReport) -> str:
    """A brief's summary as the store keeps it (``Store.set_story_summary``): one line a line."""
    return "\n".join(" ".join(line.text.split()) for line in report.summary)


def summary_lines(text: str) -> list[str]:
    """The lines of a stored summary (a summary stored before lines were kept apart is one line)."""
    return [t for t in (line.strip() for line in text.split("\n")) if t]
