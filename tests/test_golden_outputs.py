"""Byte-identical outputs on the seeds and the bridge example: a refactoring must not change what users get.

The bridge example (written for this repo) is pinned as whole files, so a change shows as a readable diff; the
seed articles are not ours to copy, so their outputs are pinned by SHA-256 only. A deliberate change of output
is recorded by re-running with NEWSWEAVE_UPDATE_GOLDEN=1 and committing the new files with the reason.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from newsweave.render import FORMATS, render
from newsweave.types import Digest
from tests.conftest import EXAMPLES

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("NEWSWEAVE_UPDATE_GOLDEN") == "1"


def _relative_paths(d: Digest, root: Path) -> Digest:
    """Input paths relative to their folder, so the outputs do not depend on where the checkout lies."""
    from dataclasses import replace

    def rel(p: str) -> str:
        return Path(p).relative_to(root).as_posix() if Path(p).is_absolute() and Path(p).is_relative_to(root) else p

    arts = tuple(replace(a, path=rel(a.path)) for a in d.articles)
    rejected = tuple(replace(r, path=rel(r.path)) for r in d.rejected)
    return replace(d, articles=arts, rejected=rejected)


def _digest(folder: Path) -> Digest:
    from newsweave.config import Settings
    from newsweave.ingest import read_sources
    from newsweave.pipeline import digest

    settings = Settings()
    src = read_sources([str(folder.resolve())], settings)
    return _relative_paths(digest(src.docs, settings, rejected=src.rejected), folder.resolve())


def _check(name: str, text: str, whole_file: bool) -> None:
    digest_file = GOLDEN / "sha256.json"
    hashes = json.loads(digest_file.read_text(encoding="utf-8")) if digest_file.exists() else {}
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if UPDATE:
        hashes[name] = sha
        digest_file.write_text(json.dumps(hashes, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        if whole_file:
            (GOLDEN / name).write_text(text, encoding="utf-8")
        return
    if whole_file:
        assert text == (GOLDEN / name).read_text(encoding="utf-8"), f"{name} changed (diff tests/golden/{name})"
    assert hashes.get(name) == sha, f"{name} changed; if on purpose, re-run with NEWSWEAVE_UPDATE_GOLDEN=1"


@pytest.fixture(scope="module")
def bridge() -> Digest:
    return _digest(EXAMPLES / "bridge")


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> Digest:
    return _digest(seeds_dir)


@pytest.mark.parametrize("fmt", FORMATS)
def test_bridge_outputs_are_unchanged(bridge: Digest, fmt: str) -> None:
    _check(f"bridge.{fmt}", render(bridge, fmt), whole_file=True)


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_outputs_are_unchanged(seeds: Digest, fmt: str) -> None:
    _check(f"seeds.{fmt}", render(seeds, fmt), whole_file=False)
