"""Clustering parameters (one frozen record shared by the offline and streaming clusterers)."""

from __future__ import annotations

from dataclasses import dataclass

from newsweave.errors import ConfigError


@dataclass(frozen=True)
class ClusterParams:
    threshold: float = 0.55
    """Minimum (date-weighted) similarity at which articles belong to the same story."""
    lexical_weight: float = 0.3
    """Weight of the hashed content-word cosine against the sentence-embedding cosine."""
    window_days: int = 14
    """Articles within this many days of each other (or of a story's dates) are fully comparable."""
    max_gap_days: int = 60
    """Articles further apart than this are never the same story."""
    storyline_threshold: float = 0.3
    """Minimum centroid similarity (dates ignored) at which two stories share a storyline."""
    n_sentences: int = 5
    """Lead sentences (after the title) embedded per article."""
    linkage: str = "average"
    min_date_confidence: float = 0.3
    """Publication dates less sure than this (e.g. mere lower bounds) are not used to separate stories."""

    def __post_init__(self) -> None:
        for name in ("threshold", "lexical_weight", "storyline_threshold"):
            v = getattr(self, name)
            if not 0.0 <= v <= 1.0:
                raise ConfigError(f"{name} must be in [0, 1], got {v}")
        if self.window_days < 0 or self.max_gap_days < self.window_days:
            raise ConfigError(
                f"need 0 <= window_days <= max_gap_days, got {self.window_days} and {self.max_gap_days}"
            )
        if self.n_sentences < 1:
            raise ConfigError(f"n_sentences must be >= 1, got {self.n_sentences}")
        if self.linkage not in ("average", "complete", "single"):
            raise ConfigError(f"linkage must be average, complete or single, got {self.linkage!r}")
