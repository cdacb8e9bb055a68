"""Issue 17, defect 13: a full disk is reported as "database or disk is full", not as the ROLLBACK that failed
after it (SQLite had already rolled the transaction back: "cannot rollback - no transaction is active"); the store
stays consistent and resumable; ``digest -o`` on a full disk leaves neither a 0-byte nor a partial file.

The disk is filled for real for SQLite (``PRAGMA max_page_count``: SQLite answers SQLITE_FULL exactly as on a full
disk) and simulated for the output file (``os.fsync`` raising ENOSPC, where a full disk shows itself at the latest)."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import Settings
from newsweave.embed import LexicalEmbedder
from newsweave.errors import StoreWriteError
from newsweave.incremental import StoreIngestor
from newsweave.store.sqlite import SQLiteStore, open_store

TOPICS = [
    "The central bank raised interest rates again on {d} as inflation stayed far above the target set by the board.",
    "Heavy rain flooded the river valley on {d}, forcing thousands of residents to leave their homes overnight.",
    "The football club sacked its manager on {d} after a run of defeats left the team near the bottom of the table.",
]


def _corpus(d: Path, n: int) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        day = f"March {1 + i % 20}, 2021"
        body = " ".join(f"Officials said item {i} part {k} was being looked at closely by the inspectors."
                        for k in range(12))
        (d / f"doc{i:02d}.txt").write_text(
            f"Report number {i}\n\n{day}\n\n{TOPICS[i % 3].format(d=day)} {body}\n", encoding="utf-8")
    return d


def _fill(conn: sqlite3.Connection) -> None:
    """Let the database grow by a few pages only: the next big write finds the disk full."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 2}")


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as c:
        return str(c.execute("PRAGMA integrity_check").fetchone()[0])


def test_full_disk_during_a_batch_is_reported_and_the_store_stays_as_it_was(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in", 6)
    db = tmp_path / "nw.db"
    files = sorted(src.iterdir())
    with open_store(db) as store:
        ing = StoreIngestor(store, Settings(embedder="lexical", analyze=False), LexicalEmbedder())
        ing.ingest_paths(files[:2], batch_files=1)
        before = store.counts()
        _fill(store._conn)
        with pytest.raises(StoreWriteError, match="database or disk is full") as info:
            ing.ingest_paths(files[2:], batch_files=4)
        assert "cannot rollback" not in str(info.value)
        assert store.counts() == before  # the failed batch left nothing behind
    assert _integrity(db) == "ok"
    with open_store(db) as store:  # space again: the run resumes and finishes
        StoreIngestor(store, Settings(embedder="lexical", analyze=False), LexicalEmbedder()).ingest_paths([src])
        assert store.counts()["articles"] == 6 and store.counts()["ingested_sources"] == 6
    assert _integrity(db) == "ok"


def test_every_write_path_reports_a_full_disk(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in", 3)
    with open_store(tmp_path / "nw.db") as store:
        StoreIngestor(store, Settings(embedder="lexical", analyze=False), LexicalEmbedder()).ingest_paths([src])
        sid = store.story_rows()[0].story.id
        _fill(store._conn)
        with pytest.raises(StoreWriteError, match="database or disk is full"):
            store.set_story_summary(sid, "A long summary line. " * 2000)


def test_ingest_cli_says_the_disk_is_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _corpus(tmp_path / "in", 4)
    db = tmp_path / "nw.db"
    with open_store(db):
        pass
    real_init = SQLiteStore.__init__

    def full_disk_init(self: SQLiteStore, *args: object, **kwargs: object) -> None:
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]
        _fill(self._conn)

    monkeypatch.setattr(SQLiteStore, "__init__", full_disk_init)
    r = CliRunner().invoke(app, ["ingest", str(src), "--db", str(db), "--embedder", "lexical", "-q"])
    assert r.exit_code == 2, r.output
    assert "database or disk is full" in r.output and "cannot rollback" not in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert _integrity(db) == "ok"


def test_digest_out_on_a_full_disk_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _corpus(tmp_path / "in", 3)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    fresh, kept = out_dir / "new.json", out_dir / "old.json"
    kept.write_text('{"old": true}', encoding="utf-8")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    for target in (fresh, kept):
        r = CliRunner().invoke(app, ["digest", str(src), "-f", "json", "--embedder", "lexical", "-q",
                                     "--no-analysis", "-o", str(target)])
        assert r.exit_code == 2, r.output
        assert "No space left on device" in r.output
    assert sorted(p.name for p in out_dir.iterdir()) == ["old.json"]  # no 0-byte file, no temporary left
    assert json.loads(kept.read_text(encoding="utf-8")) == {"old": True}


def test_digest_out_still_writes_the_whole_file(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in", 3)
    out = tmp_path / "o.json"
    r = CliRunner().invoke(app, ["digest", str(src), "-f", "json", "--embedder", "lexical", "-q",
                                 "--no-analysis", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert len(json.loads(out.read_text(encoding="utf-8"))["articles"]) == 3
    assert oct(out.stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def _umask() -> int:
    m = os.umask(0)
    os.umask(m)
    return m


def test_timeline_out_on_a_full_disk_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _corpus(tmp_path / "in", 3)
    kept = tmp_path / "old.json"
    kept.write_text('{"old": true}', encoding="utf-8")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    r = CliRunner().invoke(app, ["timeline", str(src), "--format", "json", "--quiet", "--out", str(kept)])
    assert r.exit_code == 2, r.output
    assert "No space left on device" in r.output
    assert json.loads(kept.read_text(encoding="utf-8")) == {"old": True}  # not half written
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
