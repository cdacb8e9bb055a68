"""Shared fixtures. Evaluation data and seeds are read from ../shared (never copied into the repo)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSWEAVE_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"
EXAMPLES = REPO / "examples"


def require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not present (set NEWSWEAVE_SHARED to the shared/ folder)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return require(SEEDS)


@pytest.fixture(scope="session")
def seed_digest(seeds_dir: Path):  # type: ignore[no-untyped-def]
    """The digest of the five seed articles with the default (MiniLM) embedder, computed once per session."""
    from newsweave.config import Settings
    from newsweave.ingest import read_sources
    from newsweave.pipeline import digest

    settings = Settings()
    ingested = read_sources([str(seeds_dir)], settings)
    return digest(ingested.docs, settings, rejected=ingested.rejected)
