"""Issue 17: ``newsweave ingest --db`` killed with SIGKILL at seeded points (once the store holds k articles) and
re-run to the end leaves the store an uninterrupted run makes: the same article ids and paths, near-copy links,
rejects and story of every article; ``PRAGMA integrity_check`` and the full-text index's own check pass after
every kill."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from tests.reliability.fuzzcorpus import write_corpus

SEED = 23
KINDS = ("good", "good_jsonl", "copies", "dates", "control-chars")
REPO = Path(__file__).resolve().parents[2]


def _ingest_args(src: Path, db: Path) -> list[str]:
    return ["ingest", str(src), "--db", str(db), "--embedder", "lexical", "--batch", "2", "-q"]


def _connect(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def _articles(db: Path) -> int:
    """Articles committed so far (0 while the store is being created)."""
    try:
        con = _connect(db)
        try:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _snapshot(db: Path) -> dict[str, object]:
    con = _connect(db)
    try:
        stories = {}
        for article, story in con.execute("SELECT id, story_id FROM articles"):
            stories.setdefault(story, set()).add(article)
        return {
            "articles": sorted(con.execute("SELECT id, path, title, outlet, published, text FROM articles")),
            "story_of": sorted(con.execute("SELECT id, story_id FROM articles")),
            "stories": sorted(sorted(members) for members in stories.values()),
            "story_rows": sorted(con.execute("SELECT id, headline FROM stories")),
            "duplicates": sorted(con.execute("SELECT article_id, duplicate_of, similarity FROM duplicates")),
            "rejects": sorted(con.execute("SELECT path, reason FROM rejects")),
            "sentences": con.execute("SELECT count(*) FROM sentences").fetchone(),
        }
    finally:
        con.close()


def _checks(db: Path) -> None:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        con.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        orphans = con.execute("SELECT count(*) FROM stories s WHERE NOT EXISTS "
                              "(SELECT 1 FROM articles a WHERE a.story_id = s.id)").fetchone()
        assert orphans == (0,)
    finally:
        con.close()


def _killed_at(k: int, src: Path, db: Path) -> int:
    """Start ``ingest`` in its own process and SIGKILL it once the store holds ``k`` articles; its return code."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)])}
    proc = subprocess.Popen([sys.executable, "-m", "newsweave.cli", *_ingest_args(src, db)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while proc.poll() is None and _articles(db) < k:
            time.sleep(0.01)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        _, stderr = proc.communicate()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert b"Traceback" not in stderr, stderr.decode(errors="replace")
    return proc.returncode


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_ingest_killed_twice_and_resumed_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "in", 40, SEED, kinds=KINDS).root
    clean, resumed = tmp_path / "clean.db", tmp_path / "resumed.db"
    runner = CliRunner()
    r = runner.invoke(app, _ingest_args(src, clean))
    assert r.exit_code == 0, r.output
    reference = _snapshot(clean)
    n = len(reference["articles"])  # type: ignore[arg-type]
    assert n >= 20 and reference["duplicates"] and len(reference["stories"]) > 1  # type: ignore[arg-type]

    points = sorted(random.Random(SEED).sample(range(2, n - 6), 2))
    for k in points:
        before = _articles(resumed)
        assert _killed_at(k, src, resumed) == -signal.SIGKILL
        assert before < _articles(resumed) < n  # it died mid-run, having added articles
        _checks(resumed)
    r = runner.invoke(app, _ingest_args(src, resumed))
    assert r.exit_code == 0, r.output
    _checks(resumed)
    assert _snapshot(resumed) == reference


class _Died(BaseException):
    """Stands for SIGKILL at one exact point: nothing after it runs, no handler sees it."""


def test_a_run_that_dies_between_a_batch_and_its_dating_is_dated_on_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch and the refined dates of its stories were two transactions: a run killed between them left
    those stories' articles with their undated (or unrefined) dates for good, the re-run skipping the batch's
    files. Now the batch records its stories to date, and the next run dates them first."""
    from newsweave.store.sqlite import SQLiteStore

    src = write_corpus(tmp_path / "in", 24, SEED, kinds=KINDS).root
    clean, resumed = tmp_path / "clean.db", tmp_path / "resumed.db"
    runner = CliRunner()
    real = SQLiteStore.set_published
    changed: list[bool] = []  # per call: did it change a date
    die_at: list[int] = []

    def recorded(self: SQLiteStore, dates: Any, *args: Any, **kwargs: Any) -> None:
        changed.append(bool(dates))
        if len(changed) in die_at:
            raise _Died
        real(self, dates, *args, **kwargs)

    monkeypatch.setattr(SQLiteStore, "set_published", recorded)
    assert runner.invoke(app, _ingest_args(src, clean)).exit_code == 0
    assert any(changed), "no story refines a date: the corpus tests nothing here"
    die_at.append(max(i for i, c in enumerate(changed, start=1) if c))  # the last dating that changes a date
    changed.clear()
    with pytest.raises(_Died):
        runner.invoke(app, _ingest_args(src, resumed))
    monkeypatch.setattr(SQLiteStore, "set_published", real)
    assert 0 < _articles(resumed) <= _articles(clean)
    assert runner.invoke(app, _ingest_args(src, resumed)).exit_code == 0
    _checks(resumed)
    assert _snapshot(resumed) == _snapshot(clean)
