"""Typed settings, validated once and passed explicitly to every stage that needs them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from newsweave.errors import ConfigError

EmbedderName = Literal["minilm", "lexical"]


@dataclass(frozen=True)
class Settings:
    max_bytes: int = 20 * 1024 * 1024
    """Files larger than this are rejected (not read)."""
    summary_words: int = 120
    """Target length of each story summary, in words."""
    embedder: EmbedderName = "minilm"
    """Sentence embedder: ``minilm`` (all-MiniLM-L6-v2) or ``lexical`` (hashed TF-IDF, no model)."""
    citation_threshold: float = 0.72
    """Cosine similarity above which another article's sentence is cited as supporting a summary line."""
    min_body_chars: int = 80
    max_body_chars: int = 1_000_000
    """Articles whose cleaned body is longer than this are rejected (no news article is; analysis would take
    tens of minutes and gigabytes)."""
    """Articles whose cleaned body is shorter than this are rejected as empty."""
    languages: tuple[str, ...] = ("en",)
    """Languages processed; articles detected as another language are skipped with a reason. Empty = all."""
    analyze: bool = True
    """Build timeline, entities, claims, unique facts and quotes (needs the spaCy parser; slower)."""
    one_story: bool = False
    """Treat all input articles as one story instead of clustering them."""
    quiet: bool = False

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")
        if not 10 <= self.summary_words <= 2000:
            raise ConfigError(f"summary_words must be between 10 and 2000, got {self.summary_words}")
        if self.embedder not in ("minilm", "lexical"):
            raise ConfigError(f"embedder must be 'minilm' or 'lexical', got {self.embedder!r}")
        if not 0.0 < self.citation_threshold < 1.0:
            raise ConfigError(f"citation_threshold must be in (0, 1), got {self.citation_threshold}")
