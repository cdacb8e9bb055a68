"""The one pipeline gives the same digest whichever executor runs its parts."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import Settings
from newsweave.embed import LexicalEmbedder
from newsweave.executors import InProcess, ProcessPool
from newsweave.ingest import read_sources
from newsweave.pipeline import digest
from newsweave.render import render
from tests.conftest import EXAMPLES, write_inputs_beside_bridge

BRIDGE = EXAMPLES / "bridge"


def _inputs(tmp_path: Path) -> list[str]:
    return write_inputs_beside_bridge(tmp_path)


def test_split_and_map_keep_order_and_count_every_item() -> None:
    ex = InProcess(chunk_size=2)
    assert ex.split([1, 2, 3, 4, 5]) == [[1, 2], [3, 4], [5]]
    assert ex.split([1, 2, 3], exact=True) == [[1, 2, 3]]
    assert ex.split([]) == []
    ticks: list[int] = []
    assert ex.map(sum, [[1, 2], [3]], progress=ticks.append, sizes=[2, 1]) == [3, 3]
    assert ticks == [2, 1]
    with pytest.raises(ValueError):
        InProcess(0)


@pytest.mark.parametrize("chunk_size", [1, 3])
def test_process_pool_digest_equals_in_process(tmp_path: Path, chunk_size: int) -> None:
    settings = Settings(embedder="lexical")
    src = read_sources(_inputs(tmp_path), settings)
    local = digest(src.docs, settings, LexicalEmbedder(), rejected=src.rejected)
    ticks: list[int] = []
    pooled = digest(src.docs, settings, LexicalEmbedder(), rejected=src.rejected, progress=ticks.append,
                    executor=ProcessPool(2, chunk_size=chunk_size))
    assert sum(ticks) == len(src.docs)
    assert len(local.stories) >= 2 and len(local.rejected) >= 3
    assert render(pooled, "json") == render(local, "json")
    assert pooled == local


def test_cli_workers_without_dask_uses_a_process_pool() -> None:
    runner = CliRunner()
    args = ["digest", str(BRIDGE), "--embedder", "lexical", "-f", "json", "-q"]
    plain = runner.invoke(app, args)
    pooled = runner.invoke(app, [*args, "--workers", "2"])
    assert plain.exit_code == 0 and pooled.exit_code == 0, pooled.output
    assert pooled.stdout == plain.stdout
    remote = runner.invoke(app, [*args, "--workers", "2", "--dask", "tcp://127.0.0.1:1"])
    assert remote.exit_code == 2 and "own workers" in remote.output
