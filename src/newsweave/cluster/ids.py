"""Stable identifiers for stories and storylines."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def _digest(parts: Iterable[str]) -> str:
    return hashlib.sha1("\n".join(sorted(parts)).encode("utf-8")).hexdigest()[:16]


def story_id(article_ids: Iterable[str]) -> str:
    """``st-`` + hash of the sorted article ids (same members -> same id, in any order)."""
    return "st-" + _digest(article_ids)


def storyline_id(story_ids: Iterable[str]) -> str:
    return "sl-" + _digest(story_ids)
