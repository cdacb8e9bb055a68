"""Issue 17, defect 2: two ``ingest`` runs on one store corrupted it (stories with no articles, articles in other
runs' stories, missing near-copy links, then "a story needs at least one article" / 500 on every list page).
A second run is now refused with a clear message while the first holds the store's writer lock; a writer that
does not take the lock (the API) reloads the stories and near-copy index when another process has written; and
a story row with no articles no longer breaks the list."""

from __future__ import annotations

import logging
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import Settings
from newsweave.embed import LexicalEmbedder
from newsweave.errors import StoreBusyError
from newsweave.incremental import StoreIngestor
from newsweave.ingest import read_sources
from newsweave.store import open_store

WORKER = Path(__file__).resolve().parents[1] / "store" / "ingest_worker.py"
TOPICS = [
    "The central bank raised interest rates again on {d} as inflation stayed far above the target set by the board.",
    "Heavy rain flooded the river valley on {d}, forcing thousands of residents to leave their homes overnight.",
    "The football club sacked its manager on {d} after a run of defeats left the team near the bottom of the table.",
]


def _corpus(d: Path, n: int, tag: str = "") -> Path:
    rnd = random.Random(n)
    d.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        day = f"March {1 + i % 20}, 2021"
        filler = " ".join(f"{rnd.choice(['Officials', 'Residents', 'Analysts'])} said item {tag}{i} {w}."
                          for w in rnd.sample(["alpha", "beta", "gamma", "delta", "omega", "sigma"], 4))
        (d / f"doc{tag}{i:03d}.txt").write_text(
            f"Report {tag}{i}\n\n{day}\n\n{TOPICS[i % 3].format(d=day)} {filler}\n\nIt was report {i}.\n",
            encoding="utf-8")
    return d


def _consistent(db: Path) -> dict[str, int]:
    with open_store(db, create=False) as s:
        c = s.counts()
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            empty = conn.execute("SELECT count(*) FROM stories WHERE id NOT IN"
                                 " (SELECT story_id FROM articles)").fetchone()[0]
            homeless = conn.execute("SELECT count(*) FROM articles WHERE story_id NOT IN"
                                    " (SELECT id FROM stories)").fetchone()[0]
        assert empty == 0 and homeless == 0
        assert sum(r.n_articles for r in s.story_rows()) == c["articles"]
        return c


def test_a_second_ingest_process_is_refused_and_the_first_finishes(tmp_path: Path) -> None:
    n_first = 150  # enough work that the first run outlasts the second process's start-up (ingest got faster)
    first, second = _corpus(tmp_path / "a", n_first, "a"), _corpus(tmp_path / "b", 10, "b")
    db = tmp_path / "nw.db"
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    a = subprocess.Popen([sys.executable, str(WORKER), str(db), str(first)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline and a.poll() is None:  # wait until the first run has written something
        try:
            with sqlite3.connect(db, timeout=5) as c:
                if c.execute("SELECT count(*) FROM ingested_sources").fetchone()[0] >= 1:
                    break
        except sqlite3.OperationalError:
            pass
        time.sleep(0.05)
    assert a.poll() is None, "the first run ended before the second could start"
    b = subprocess.run([sys.executable, str(WORKER), str(db), str(second)], env=env, capture_output=True,
                       timeout=120)
    assert a.poll() is None, "the second run should have been refused while the first was still running"
    assert b.returncode != 0
    assert "another newsweave ingest" in b.stderr.decode() and str(a.pid) in b.stderr.decode()
    out, err = a.communicate(timeout=300)
    assert a.returncode == 0, err.decode()[-2000:]
    assert _consistent(db)["articles"] == n_first
    again = subprocess.run([sys.executable, str(WORKER), str(db), str(second)], env=env, capture_output=True,
                           timeout=300)
    assert again.returncode == 0, again.stderr.decode()[-2000:]
    assert _consistent(db)["articles"] == n_first + 10


def test_the_cli_refuses_a_second_writer_with_a_clear_message(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in", 3)
    db = tmp_path / "nw.db"
    with open_store(db) as holder, holder.writer_lock():
        r = CliRunner().invoke(app, ["ingest", str(src), "--db", str(db), "--embedder", "lexical", "-q"])
        assert r.exit_code == 2, r.output
        assert "another newsweave ingest" in r.output and "Traceback" not in r.output
        with open_store(db) as other, pytest.raises(StoreBusyError):
            StoreIngestor(other, Settings(embedder="lexical"), LexicalEmbedder()).ingest_paths([src])
    r = CliRunner().invoke(app, ["ingest", str(src), "--db", str(db), "--embedder", "lexical", "-q"])
    assert r.exit_code == 0, r.output  # the lock went with the holder


def test_a_writer_without_the_lock_sees_what_another_process_wrote(tmp_path: Path) -> None:
    """Two ingestors on two connections (as the API beside an ingest): the second reloads before its batch, so
    it links a near-copy of the first one's article and extends the first one's story instead of overwriting."""
    db = tmp_path / "nw.db"
    body = ("Heavy rain flooded the river valley on Tuesday, forcing thousands of residents to leave their homes."
            " Officials said the river reached its highest level in forty years. Emergency crews evacuated two"
            " hospitals and set up shelters in schools across the region as more rain was expected.")
    (tmp_path / "orig.txt").write_text("Valley floods\n\n" + body + "\n", encoding="utf-8")
    (tmp_path / "copy.txt").write_text("Valley floods\n\n" + body + " Share this story.\n", encoding="utf-8")
    settings = Settings(embedder="lexical", analyze=False)
    with open_store(db) as s1, open_store(db) as s2:
        one = StoreIngestor(s1, settings, LexicalEmbedder())
        two = StoreIngestor(s2, settings, LexicalEmbedder())  # loaded before `one` writes anything
        one.process_articles(one.extract(read_sources([str(tmp_path / "orig.txt")], settings).docs)[0])
        two.process_articles(two.extract(read_sources([str(tmp_path / "copy.txt")], settings).docs)[0])
        assert len(s2.duplicates()) == 1
        assert len(s2.story_rows()) == 1 and s2.story_rows()[0].n_articles == 2
    _consistent(db)


def test_a_story_without_articles_is_left_out_of_the_list(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    src = _corpus(tmp_path / "in", 3)
    db = tmp_path / "nw.db"
    with open_store(db) as s:
        StoreIngestor(s, Settings(embedder="lexical", analyze=False), LexicalEmbedder()).ingest_paths([src])
        n = len(s.story_rows())
    with sqlite3.connect(db) as c:  # what two concurrent runs left behind
        c.execute("INSERT INTO stories(id, storyline_id, headline, size, centroid, central_id, central_vector,"
                  " updated_at) SELECT 'orphan', storyline_id, 'Orphan', 1, centroid, central_id, central_vector,"
                  " updated_at FROM stories LIMIT 1")
    with caplog.at_level(logging.WARNING), open_store(db, create=False) as s:
        assert len(s.story_rows()) == n
        assert s.story("orphan") is None
    assert "story orphan has no articles" in caplog.text
    r = CliRunner().invoke(app, ["stories", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert len(r.stdout.splitlines()) == n


def test_an_ingest_process_beside_the_api_loses_nothing(tmp_path: Path) -> None:
    """``newsweave ingest`` in its own process while the API takes POSTs (and builds briefs after each) on the
    same store: every article of both is stored once, in a story that exists, and the store stays consistent."""
    from fastapi.testclient import TestClient

    from newsweave.serve import ApiSettings, create_app

    db = tmp_path / "nw.db"
    src = _corpus(tmp_path / "cli", 24, tag="c")
    with TestClient(create_app(ApiSettings(db_path=db, embedder="lexical"))) as client:
        first = [{"text": (tmp_path / "cli" / "docc000.txt").read_text().replace("c0", "api-seed"),
                  "outlet": "Seed Wire"}]
        assert client.post("/articles", json={"articles": first}).status_code == 201  # the store exists
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        proc = subprocess.Popen([sys.executable, "-m", "newsweave.cli", "ingest", str(src), "--db", str(db),
                                 "--embedder", "lexical", "-q"], env=env, stderr=subprocess.PIPE)
        posted: list[str] = []
        i, overlapped = 0, False
        while i < 12 or (proc.poll() is None and i < 60):  # keep writing until the other process is done
            text = (f"Report api{i}\n\n{TOPICS[i % 3].format(d=f'April {1 + i}, 2021')} Officials said item "
                    f"api{i} was confirmed. Residents said item api{i} came late.")
            r = client.post("/articles", json={"articles": [{"text": text, "outlet": f"Outlet {i % 4}"}]})
            assert r.status_code in (200, 201), r.text
            posted.append(f"item api{i} was confirmed")
            if i == 0:
                overlapped = proc.poll() is None
            i += 1
            time.sleep(0.2)
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err.decode(errors="replace")
        store = client.app.state.store_thread  # type: ignore[attr-defined]
        end = time.monotonic() + 120
        while store.builds_pending and time.monotonic() < end:
            time.sleep(0.1)
        listing = client.get("/stories", params={"limit": 200})
        assert listing.status_code == 200
        for s in listing.json()["stories"]:
            assert client.get(f"/stories/{s['id']}").status_code == 200
    counts = _consistent(db)
    with sqlite3.connect(db) as c:
        for marker in posted + [f"item c{i} " for i in range(24)]:
            n = c.execute("SELECT count(*) FROM articles WHERE instr(text, ?) > 0", (marker,)).fetchone()[0]
            assert n == 1, marker
    assert counts["articles"] == 1 + len(posted) + 24
    assert overlapped  # the POSTs ran while the other process was writing
