"""No summary line says what an earlier line says: a line's own sentence is never among another line's citations.

examples/bridge has two outlets' paraphrases of the mayor's statement ("stay shut ... until a full structural
survey is finished" / "remain closed ... until a structural survey is complete"); both used to be selected.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.config import Settings
from newsweave.embed import MiniLMEmbedder
from newsweave.ingest import read_sources
from newsweave.pipeline import digest
from newsweave.types import Digest

BRIDGE = Path(__file__).resolve().parents[1] / "examples" / "bridge"


def _assert_no_repeats(d: Digest) -> int:
    lines = 0
    for story in d.stories:
        sources = [(ln.citations[0].article_id, ln.citations[0].sentence_index) for ln in story.summary]
        assert len(set(sources)) == len(sources)
        for i, line in enumerate(story.summary):
            others = {(c.article_id, c.sentence_index) for j, o in enumerate(story.summary) if j != i for c in o.citations}
            assert sources[i] not in others, line.text
            lines += 1
    return lines


@pytest.fixture(scope="module")
def bridge_digest() -> Digest:
    settings = Settings()
    ingested = read_sources([str(BRIDGE)], settings)
    return digest(ingested.docs, settings, MiniLMEmbedder(), rejected=ingested.rejected)


def test_bridge_summary_has_no_line_repeating_another(bridge_digest: Digest) -> None:
    assert _assert_no_repeats(bridge_digest) >= 5
    main = max(bridge_digest.stories, key=lambda s: len(s.story.article_ids))
    words = sum(len(ln.text.split()) for ln in main.summary)
    assert 60 <= words <= 120  # the freed budget is refilled, not left empty


def test_seed_summaries_have_no_line_repeating_another(seed_digest: Digest) -> None:
    assert _assert_no_repeats(seed_digest) >= 5
