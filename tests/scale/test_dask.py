"""The digest on a Dask cluster of local worker processes equals the in-process digest."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import Settings
from newsweave.embed import LexicalEmbedder
from newsweave.errors import ConfigError
from newsweave.ingest import read_sources
from newsweave.pipeline import digest
from newsweave.render import render
from newsweave.scale import DaskOptions, dask_client, digest_dask
from newsweave.types import Digest
from tests.conftest import write_inputs_beside_bridge

REPO = Path(__file__).resolve().parents[2]
BRIDGE = REPO / "examples" / "bridge"


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with dask_client(DaskOptions(workers=2)) as c:
        yield c


def _inputs(tmp_path: Path) -> list[str]:
    return write_inputs_beside_bridge(tmp_path)


def _both(client: object, paths: list[str], settings: Settings, chunk_size: int) -> tuple[Digest, Digest]:
    ingested = read_sources(paths, settings)
    local = digest(ingested.docs, settings, LexicalEmbedder(), rejected=ingested.rejected)
    ticks: list[int] = []
    remote = digest_dask(
        client,  # type: ignore[arg-type]
        ingested.docs,
        settings,
        LexicalEmbedder(),
        rejected=ingested.rejected,
        progress=ticks.append,
        chunk_size=chunk_size,
    )
    assert sum(ticks) == len(ingested.docs)  # every document is counted once, rejected ones included
    return local, remote


@pytest.mark.parametrize("chunk_size", [1, 2, 32])
def test_dask_digest_equals_in_process(client: object, tmp_path: Path, chunk_size: int) -> None:
    settings = Settings(embedder="lexical")
    local, remote = _both(client, _inputs(tmp_path), settings, chunk_size)
    assert len(local.stories) >= 2 and len(local.rejected) >= 3
    assert render(remote, "json") == render(local, "json")
    assert remote == local


def test_dask_one_story_and_summary_only_modes(client: object, tmp_path: Path) -> None:
    settings = Settings(embedder="lexical", one_story=True, analyze=False)
    local, remote = _both(client, [str(BRIDGE)], settings, 2)
    assert len(remote.stories) == 1 and not remote.stories[0].timeline
    assert remote == local


def test_cli_dask_local_prints_the_same_digest() -> None:
    runner = CliRunner()
    args = ["digest", str(BRIDGE), "--embedder", "lexical", "-f", "json", "-q"]
    plain = runner.invoke(app, args)
    on_dask = runner.invoke(app, [*args, "--dask", "local", "--workers", "1"])
    assert plain.exit_code == 0 and on_dask.exit_code == 0, on_dask.output
    assert on_dask.stdout == plain.stdout


def test_unreachable_scheduler_is_a_clear_error() -> None:
    opts = DaskOptions(address="tcp://127.0.0.1:1", connect_timeout=1.0)
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler"), dask_client(opts):
        pass


def test_options_are_validated() -> None:
    with pytest.raises(ConfigError, match="at least 1"):
        DaskOptions(workers=0)
    with pytest.raises(ConfigError, match="at least 1"):
        DaskOptions(chunk_size=0)


def test_dask_digest_of_the_seeds_with_minilm_matches(client: object, seed_digest: Digest, seeds_dir: Path) -> None:
    # MiniLM runs inside the workers (scattered once); embedding batches differ from the in-process run, so
    # compare what a reader sees rather than float-exact similarities
    settings = Settings()
    ingested = read_sources([str(seeds_dir)], settings)
    remote = digest_dask(client, ingested.docs, settings, rejected=ingested.rejected, chunk_size=2)  # type: ignore[arg-type]
    assert [s.story.article_ids for s in remote.stories] == [s.story.article_ids for s in seed_digest.stories]
    assert [[ln.text for ln in s.summary] for s in remote.stories] == [
        [ln.text for ln in s.summary] for s in seed_digest.stories
    ]
    assert [[(c.article_id, c.start) for ln in s.summary for c in ln.citations] for s in remote.stories] == [
        [(c.article_id, c.start) for ln in s.summary for c in ln.citations] for s in seed_digest.stories
    ]
    assert [a.published for a in remote.articles] == [a.published for a in seed_digest.articles]


def test_a_scheduler_without_workers_is_a_clear_error_and_settings_are_restored() -> None:
    import logging

    import dask.config
    from distributed import LocalCluster

    before = (logging.getLogger("distributed").level, dask.config.get("logging.distributed", None))
    with LocalCluster(n_workers=0, host="127.0.0.1", dashboard_address="127.0.0.1:0") as empty:
        opts = DaskOptions(address=empty.scheduler_address, connect_timeout=1.0)
        with pytest.raises(ConfigError, match="has no workers"), dask_client(opts):
            pass
    assert (logging.getLogger("distributed").level, dask.config.get("logging.distributed", None)) == before


def test_cli_rejects_workers_for_a_remote_cluster_and_an_empty_address() -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["digest", str(BRIDGE), "--dask", "tcp://127.0.0.1:1", "--workers", "3"])
    assert res.exit_code == 2 and "has its own workers" in res.output
    res = runner.invoke(app, ["digest", str(BRIDGE), "--dask", " "])
    assert res.exit_code == 2 and "scheduler address" in res.output


def _store_snapshot(db: Path) -> tuple[object, ...]:
    from newsweave.store import open_store

    with open_store(db, create=False) as s:
        rows = s.story_rows()
        members = sorted((r.story.id, r.story.article_ids) for r in rows)
        return tuple(members), tuple(s.duplicates()), tuple(s.rejects()), s.counts()["articles"]


def test_dask_ingest_stores_what_in_process_ingest_stores(client: object, tmp_path: Path) -> None:
    from newsweave.incremental import StoreIngestor
    from newsweave.scale import DaskExecutor
    from newsweave.store import open_store

    (tmp_path / "in").mkdir()
    paths = _inputs(tmp_path / "in")
    settings = Settings(embedder="lexical")
    snaps = []
    for name, executor in (("local.db", None), ("dask.db", DaskExecutor(client, chunk_size=2))):  # type: ignore[arg-type]
        with open_store(tmp_path / name) as store:
            StoreIngestor(store, settings, LexicalEmbedder(), executor=executor).ingest_paths(paths, batch_files=3)
        snaps.append(_store_snapshot(tmp_path / name))
    assert snaps[0] == snaps[1]
    assert snaps[0][3] >= 4  # the bridge articles are stored, the hostile inputs rejected
    assert len(snaps[0][2]) >= 3


def test_cli_ingest_on_dask_local(tmp_path: Path) -> None:
    runner = CliRunner()
    db_plain, db_dask = tmp_path / "plain.db", tmp_path / "dask.db"
    plain = runner.invoke(app, ["ingest", str(BRIDGE), "--db", str(db_plain), "--embedder", "lexical", "-q"])
    on_dask = runner.invoke(app, ["ingest", str(BRIDGE), "--db", str(db_dask), "--embedder", "lexical", "-q",
                                  "--dask", "local", "--workers", "1"])
    assert plain.exit_code == 0 and on_dask.exit_code == 0, on_dask.output
    assert _store_snapshot(db_plain) == _store_snapshot(db_dask)
