"""Typed server settings, validated once when the app is built."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from newsweave.config import EmbedderName, Settings
from newsweave.errors import ConfigError

DEFAULT_MAX_BODY_BYTES = Settings().max_bytes
"""Same limit as the CLI's ``--max-mb`` default (20 MB)."""


@dataclass(frozen=True)
class ApiSettings:
    db_path: Path
    """SQLite store file (created and migrated when missing)."""
    token: str | None = None
    """When set, writes need ``Authorization: Bearer <token>``."""
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    """Request bodies larger than this are refused with 413 (Content-Length and streamed bytes)."""
    max_parts: int = 100
    """A multipart request with more parts (files and fields) than this is refused with 413."""
    max_articles: int = 1_000
    """A request with more articles than this (items of a JSON batch, lines of JSONL bodies and uploads, one per
    other upload) is refused with 413, before any is read: one request never holds the store's writer for long."""
    embedder: EmbedderName = "minilm"
    summary_words: int = 120
    report_cache_size: int = 128
    """How many built story reports are kept in memory (keyed by story id and article set)."""
    build_on_write: bool = True
    """After each write, build the briefs of the stories it touched on the writer's thread, one story per queued
    job behind any waiting write, so a story's first page view finds its brief built instead of building it."""
    build_missing_on_start: bool = False
    """At start-up, queue the brief builds of the stories that have none yet (largest first), as after a write:
    a store filled by ``newsweave ingest`` then shows each story's lead line in the story list and opens its
    pages without a wait, as soon as the builds reach them (``newsweave serve`` turns it on unless
    ``--build-on-view``)."""
    warm_up: bool = True
    """Load the models at start-up (before the first request is taken) instead of on the first request."""
    pipeline: Settings = field(init=False)
    """The pipeline settings every ingest and report uses (derived from the fields above)."""

    def __post_init__(self) -> None:
        if self.max_body_bytes <= 0:
            raise ConfigError(f"max_body_bytes must be positive, got {self.max_body_bytes}")
        if self.token is not None and not self.token.strip():
            raise ConfigError("token must not be empty; leave it unset to allow writes without a token")
        if self.max_parts <= 0 or self.max_articles <= 0:
            raise ConfigError(f"max_parts and max_articles must be positive, got {self.max_parts} and "
                              f"{self.max_articles}")
        if self.report_cache_size < 0:
            raise ConfigError(f"report_cache_size must be >= 0, got {self.report_cache_size}")
        object.__setattr__(self, "db_path", Path(self.db_path))
        pipeline = Settings(max_bytes=self.max_body_bytes, summary_words=self.summary_words, embedder=self.embedder,
                            max_jsonl_lines=self.max_articles)
        object.__setattr__(self, "pipeline", pipeline)
