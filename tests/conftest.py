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

OTHER_STORY = (
    "Harvest festival draws record crowds to Millbrook\n\n"
    "Organisers of the Millbrook harvest festival counted more than twelve thousand visitors over the weekend, "
    "the most since the fair began in 1952. Farmers sold pumpkins, cider and honey from stalls along the village "
    "green, and the pie contest was won by a retired schoolteacher for the third year running.\n\n"
    "The festival committee said the takings would pay for a new roof on the village hall. Next year's fair is "
    "planned for the last weekend of September.\n"
)
"""A short article of our own on an unrelated event: beside the bridge example it makes a second story."""


def write_inputs_beside_bridge(d: Path) -> list[str]:
    """The bridge example plus, in ``d``, an unrelated article (a second story) and inputs that must be rejected
    the same way everywhere: empty, binary, no body."""
    (d / "festival.txt").write_text(OTHER_STORY, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (d / "menu.txt").write_text("Home\nNews\nSport\nSave for later\n", encoding="utf-8")
    return [str(EXAMPLES / "bridge"), str(d)]


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
