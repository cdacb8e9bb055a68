"""Issue 17, defect 12: a store that cannot be written is still read (``PRAGMA journal_mode = WAL`` and migrations on
open made every read command fail), and a store of a newer newsweave is a clean error (exit 2, no traceback) that
``serve`` gives before starting instead of answering 500 everywhere.

Tests may run as root, whom file modes do not stop; there the store and its folder are made immutable
(``chattr +i``), which stops root too. Without either way the read-only tests are skipped."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import Settings
from newsweave.embed import LexicalEmbedder
from newsweave.errors import StoreWriteError
from newsweave.incremental import StoreIngestor
from newsweave.store import SCHEMA_VERSION, open_store

BODY = ("Flood waters rose across the northern valley on {d}, forcing thousands of residents to leave.\n\n"
        "Officials said the river reached its highest level in forty years and that more rain was expected.\n\n"
        "Emergency crews evacuated two hospitals and set up shelters in schools across the region.")


def _make_store(folder: Path) -> Path:
    src = folder.parent / f"{folder.name}-in"
    src.mkdir(parents=True)
    for i, day in enumerate(("Monday", "Tuesday", "Wednesday")):
        (src / f"a{i}.txt").write_text(f"Flood report {i}\n\n" + BODY.format(d=day), encoding="utf-8")
    folder.mkdir(parents=True)
    db = folder / "nw.db"
    with open_store(db) as s:
        StoreIngestor(s, Settings(embedder="lexical", analyze=False), LexicalEmbedder()).ingest_paths([src])
    return db


def _lock(paths: list[Path]) -> bool:
    """Make ``paths`` unwritable for this process; False when that cannot be done here."""
    if os.geteuid() != 0:
        for p in paths:
            p.chmod(0o555 if p.is_dir() else 0o444)
        return True
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True).returncode == 0


def _unlock(paths: list[Path]) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", *map(str, paths)], capture_output=True)
    for p in paths:
        p.chmod(0o755 if p.is_dir() else 0o644)


@pytest.fixture(params=["file", "folder"])
def read_only_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    """A store whose file (``file``) or whose file and folder (``folder``: no ``-shm`` can be made) cannot be
    written."""
    db = _make_store(tmp_path / "store")
    locked = [db] if request.param == "file" else [db, db.parent]
    if not _lock(locked):
        pytest.skip("cannot make a file read-only here")
    try:
        yield db
    finally:
        _unlock(locked)


def test_read_commands_work_on_a_read_only_store(read_only_db: Path) -> None:
    db = str(read_only_db)
    runner = CliRunner()
    listed = runner.invoke(app, ["stories", "--db", db])
    assert listed.exit_code == 0, listed.output
    rows = [line.split("\t") for line in listed.stdout.splitlines()]
    assert rows and sum(int(r[2]) for r in rows) == 3
    found = runner.invoke(app, ["search", "flood waters", "--db", db])
    assert found.exit_code == 0, found.output
    assert "article" in found.stdout
    brief = runner.invoke(app, ["story", rows[0][0], "--db", db, "--embedder", "lexical"])
    assert brief.exit_code == 0, brief.output
    assert "Flood" in brief.stdout


def test_a_read_only_store_refuses_writes_clearly_and_stays_intact(read_only_db: Path) -> None:
    with open_store(read_only_db, create=False) as s:
        assert s.read_only and s.counts()["articles"] == 3
        ing = StoreIngestor(s, Settings(embedder="lexical", analyze=False), LexicalEmbedder())
        with pytest.raises(StoreWriteError, match="read-only"):
            ing.process_articles(_one_new_article(ing))
    with sqlite3.connect(read_only_db.resolve().as_uri() + "?mode=ro&immutable=1", uri=True) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _one_new_article(ing: StoreIngestor):  # type: ignore[no-untyped-def]
    from newsweave.ingest.read import doc_id
    from newsweave.types import RawDoc

    text = "A new report\n\n" + BODY.format(d="Friday") + " A fourth report followed."
    arts, _ = ing.extract([RawDoc(id=doc_id(text), origin="new.txt", content=text, content_type="text")])
    assert arts
    return arts


def test_the_api_reads_a_read_only_store(read_only_db: Path) -> None:
    from fastapi.testclient import TestClient

    from newsweave.serve.app import create_app
    from newsweave.serve.settings import ApiSettings

    with TestClient(create_app(ApiSettings(db_path=read_only_db, embedder="lexical"))) as client:
        page = client.get("/stories")
        assert page.status_code == 200, page.text
        assert client.get("/").status_code == 200
        assert client.get("/health").status_code == 200


def _newer(tmp_path: Path) -> Path:
    db = _make_store(tmp_path / "store")
    with sqlite3.connect(db) as c:
        c.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    return db


@pytest.mark.parametrize("command", [["stories"], ["search", "flood"], ["story", "x", "--embedder", "lexical"]])
def test_a_newer_schema_is_a_clean_error(tmp_path: Path, command: list[str]) -> None:
    db = _newer(tmp_path)
    r = CliRunner().invoke(app, [*command, "--db", str(db)])
    assert r.exit_code == 2, r.output
    assert "newer than this newsweave" in r.output and "Traceback" not in r.output
    assert isinstance(r.exception, SystemExit)


def test_serve_refuses_to_start_on_a_newer_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    started: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: started.append(a))
    r = CliRunner().invoke(app, ["serve", "--db", str(_newer(tmp_path)), "--embedder", "lexical"])
    assert r.exit_code == 2, r.output
    assert "newer than this newsweave" in r.output
    assert started == []


ONE = {"text": "A new report\n\n" + BODY.format(d="Friday") + " A fourth report followed.", "outlet": "Valley Post"}


def test_the_api_answers_a_post_on_a_read_only_store_with_503(read_only_db: Path) -> None:
    from fastapi.testclient import TestClient

    from newsweave.serve.app import create_app
    from newsweave.serve.settings import ApiSettings

    with TestClient(create_app(ApiSettings(db_path=read_only_db, embedder="lexical"))) as client:
        r = client.post("/articles", json=ONE)
        assert r.status_code == 503, r.text
        assert set(r.json()) == {"error"}
        assert r.json()["error"]["code"] == "store_read_only"
        assert "read-only" in r.json()["error"]["message"]
        assert client.get("/stories").status_code == 200
        assert client.get("/health").json()["counts"]["articles"] == 3


def test_the_api_answers_a_failed_write_with_503(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from newsweave.serve.app import create_app
    from newsweave.serve.settings import ApiSettings
    from newsweave.store.sqlite import SQLiteStore

    db = _make_store(tmp_path / "store")

    def full(self: SQLiteStore, batch: object) -> None:
        raise StoreWriteError(f"could not write to the store {db}: database or disk is full. Nothing of this"
                              " batch was written")

    monkeypatch.setattr(SQLiteStore, "write_batch", full)
    with TestClient(create_app(ApiSettings(db_path=db, embedder="lexical"))) as client:
        r = client.post("/articles", json=ONE)
        assert r.status_code == 503, r.text
        assert r.json()["error"]["code"] == "store_write_failed"
        assert "disk is full" in r.json()["error"]["message"]
        assert client.get("/health").json()["counts"]["articles"] == 3
