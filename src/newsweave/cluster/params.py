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
    window_days: int = 3
    """Articles within this many days of each other (or of a story's dates) are fully comparable; beyond it the
    similarity falls linearly to 0 at ``max_gap_days``. Coverage of one event spreads over a few days; follow-up
    events a week or more later (a drug "set to be approved", then "approved") are the commonest wrong merges.
    A story can still span weeks when its articles are similar enough (the seeds' 2013 coverage spans 19 days).
    Chosen on AllSides (14 -> 3 days; see benchmarks/RESULTS.md, "cluster", and the jittered-dates rows)."""
    max_gap_days: int = 60
    """Articles further apart than this are never the same story."""
    stream_threshold: float | None = None
    """Streaming only: minimum average similarity to a story's members to join it (None: ``threshold``)."""
    storyline_threshold: float = 0.3
    """Minimum centroid similarity (dates ignored) at which two stories share a storyline."""
    n_sentences: int = 5
    """Lead sentences (after the title) embedded per article."""
    title_weight: float = 3.0
    """How many lead sentences the title's embedding counts for in the article's semantic vector."""
    linkage: str = "average"
    local_k: int = 3
    """Offline only: neighbours used to measure how crowded each article's neighbourhood is (0 turns it off)."""
    local_scaling: float = 1.0
    """Offline only: how much of that crowding is subtracted from a pair's similarity (see ``offline``)."""
    min_date_confidence: float = 0.3
    """Publication dates less sure than this (e.g. mere lower bounds) are not used to separate stories."""

    @property
    def assign_threshold(self) -> float:
        """The streaming clusterer's join threshold."""
        return self.threshold if self.stream_threshold is None else self.stream_threshold

    def __post_init__(self) -> None:
        for name in ("threshold", "lexical_weight", "storyline_threshold", "stream_threshold"):
            v = getattr(self, name)
            if v is None and name == "stream_threshold":
                continue
            if not 0.0 <= v <= 1.0:
                raise ConfigError(f"{name} must be in [0, 1], got {v}")
        if self.window_days < 0 or self.max_gap_days < self.window_days:
            raise ConfigError(
                f"need 0 <= window_days <= max_gap_days, got {self.window_days} and {self.max_gap_days}"
            )
        if self.local_k < 0 or self.local_scaling < 0:
            raise ConfigError(
                f"local_k and local_scaling must be >= 0, got {self.local_k} and {self.local_scaling}"
            )
        if self.title_weight < 0:
            raise ConfigError(f"title_weight must be >= 0, got {self.title_weight}")
        if self.n_sentences < 1:
            raise ConfigError(f"n_sentences must be >= 1, got {self.n_sentences}")
        if self.linkage not in ("average", "complete", "single"):
            raise ConfigError(f"linkage must be average, complete or single, got {self.linkage!r}")
