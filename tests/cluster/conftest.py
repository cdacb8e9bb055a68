"""The five seed articles through the real ingest + extraction pipeline, and a shared MiniLM embedder."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.config import Settings
from newsweave.embed import MiniLMEmbedder
from newsweave.ingest import read_sources
from newsweave.pipeline import extract_articles
from newsweave.types import Article

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds() -> list[Article]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not available")
    s = Settings()
    res = read_sources([str(p) for p in sorted(SEEDS.glob("00*.txt"))], s)
    arts, _ = extract_articles(res.docs, s)
    assert len(arts) == 5
    return list(arts)


@pytest.fixture(scope="session")
def minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder()
