"""The faithfulness checker in CI (issue 16, item 7): every summary line, timeline entry, key-date line, unique
fact, claim value and quote of the seeds, the bridge example and two DUC 2004 clusters says what its first
citation says, and every further citation passes the support test."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.faithful import Statement, Violation, check, statements
from newsweave.types import Citation, Digest
from tests.conftest import DATA, EXAMPLES, require


def _digest(folder: Path) -> Digest:
    from newsweave.config import Settings
    from newsweave.ingest import read_sources
    from newsweave.pipeline import digest

    settings = Settings()
    src = read_sources([str(folder)], settings)
    return digest(src.docs, settings, rejected=src.rejected)


def _assert_faithful(d: Digest) -> int:
    from newsweave.config import Settings
    from newsweave.embed import get_embedder

    result = check(d, get_embedder(Settings().embedder))
    assert result.statements >= 10
    assert not result.violations, "\n".join(
        f"{v.statement.kind}: {v.statement.text[:90]!r}: {v.problem}" for v in result.violations[:10]
    )
    return result.further_citations


def test_seed_brief_is_faithful(seed_digest: Digest) -> None:
    _assert_faithful(seed_digest)


def test_bridge_brief_is_faithful() -> None:
    assert _assert_faithful(_digest(EXAMPLES / "bridge")) >= 1  # the bridge's outlets do cite each other


@pytest.mark.parametrize("cluster", ["d30001t", "d31032t"])
def test_duc_briefs_are_faithful(cluster: str) -> None:
    _assert_faithful(_digest(require(DATA / "duc2004" / "docs" / cluster)))


def test_the_checker_finds_a_line_its_source_does_not_say(seed_digest: Digest) -> None:
    from dataclasses import replace

    from newsweave.config import Settings
    from newsweave.embed import get_embedder

    r = seed_digest.stories[0]
    bad_line = replace(r.summary[0], text="Kerry and Lavrov signed a peace treaty in Geneva.")
    arts = [a for a in seed_digest.articles if a.id in r.story.article_ids]
    other = next(a for a in arts if a.id != r.summary[0].citations[0].article_id)
    weak = replace(r.summary[1], citations=(*r.summary[1].citations, other.cite(len(other.sentences) - 1, 0.8)))
    bad = replace(seed_digest, stories=(replace(r, summary=(bad_line, weak, *r.summary[2:])),))
    found = check(bad, get_embedder(Settings().embedder)).violations
    problems = {(v.statement.text, v.problem.split(":")[0]) for v in found}
    assert (bad_line.text, "source does not contain it") in problems
    assert (weak.text, "further citation not supported") in problems


def test_statements_cover_every_cited_part(seed_digest: Digest) -> None:
    kinds = {s.kind for s in statements(seed_digest)}
    assert {"summary", "timeline", "claim", "quote"} <= kinds
    out = Violation(Statement("s", "summary", "x", (Citation("nope", 0, 0, 1),)), "citation outside its article")
    assert out.problem.startswith("citation outside")
