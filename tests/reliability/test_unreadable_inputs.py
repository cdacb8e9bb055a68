"""Issue 17, defect 6: an unreadable file or folder is a reject naming the path and "Permission denied"; the rest
of the batch goes on (``ingest`` aborted on the first such file while hashing; ``digest`` skipped the files of
an unreadable folder without a word).

Tests may run as root, where ``chmod 000`` stops nothing, so the denial is simulated: ``open`` of the locked file
and ``os.scandir`` of the locked folder raise ``PermissionError`` as they would for another user."""

from __future__ import annotations

import builtins
import io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import Settings
from newsweave.ingest import read_sources
from newsweave.store.sqlite import open_store

BODY = ("Flood waters rose across the northern valley on Tuesday, forcing thousands of residents to leave.\n\n"
        "Officials said the river reached its highest level in forty years and that more rain was expected.\n\n"
        "Emergency crews evacuated two hospitals and set up shelters in schools across the region.")


def _denied(path: object) -> PermissionError:
    return PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[arg-type]


@pytest.fixture()
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``in/`` with a good file, a locked file and a locked folder (holding a file)."""
    root = tmp_path / "in"
    (root / "locked_dir").mkdir(parents=True)
    (root / "good.txt").write_text(BODY, encoding="utf-8")
    (root / "locked.txt").write_text(BODY.replace("Tuesday", "Monday"), encoding="utf-8")
    (root / "locked_dir" / "inner.txt").write_text(BODY.replace("Tuesday", "Friday"), encoding="utf-8")
    locked_file, locked_dir = str(root / "locked.txt"), str(root / "locked_dir")
    real_open: Callable[..., Any] = builtins.open
    real_scandir = os.scandir

    def fake_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, os.PathLike)) and os.fspath(file) == locked_file:
            raise _denied(file)
        return real_open(file, *args, **kwargs)

    def fake_scandir(path: Any = ".") -> Any:
        if isinstance(path, (str, os.PathLike)) and os.fspath(path) == locked_dir:
            raise _denied(path)
        return real_scandir(path)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(io, "open", fake_open)
    monkeypatch.setattr(os, "scandir", fake_scandir)
    return root


def test_reader_rejects_the_unreadable_file_and_folder(inputs: Path) -> None:
    r = read_sources([str(inputs)], Settings())
    assert [Path(d.origin).name for d in r.docs] == ["good.txt"]
    why = {Path(x.path).name: x.reason for x in r.rejected}
    assert why == {"locked.txt": "could not read file: Permission denied",
                   "locked_dir": "could not read folder: Permission denied"}


def test_digest_reports_the_unreadable_folder(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.json"
    r = CliRunner().invoke(app, ["digest", str(inputs), "-f", "json", "--embedder", "lexical", "-q",
                                 "-o", str(out)])
    assert r.exit_code == 0, r.output
    d = json.loads(out.read_text(encoding="utf-8"))
    assert len(d["articles"]) == 1
    assert {(Path(x["path"]).name, x["reason"]) for x in d["rejected"]} == {
        ("locked.txt", "could not read file: Permission denied"),
        ("locked_dir", "could not read folder: Permission denied")}


def test_ingest_goes_on_and_stores_the_rejects(inputs: Path, tmp_path: Path) -> None:
    db = tmp_path / "nw.db"
    r = CliRunner().invoke(app, ["ingest", str(inputs), "--db", str(db), "--embedder", "lexical", "-q"])
    assert r.exit_code == 0, r.output
    with open_store(db, create=False) as store:
        assert store.counts()["articles"] == 1
        assert {(Path(x.path).name, x.reason) for x in store.rejects()} == {
            ("locked.txt", "could not read file: Permission denied"),
            ("locked_dir", "could not read folder: Permission denied")}


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_real_permissions(tmp_path: Path) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "locked.txt").write_text(BODY + " More.", encoding="utf-8")
    (tmp_path / "locked" / "inner.txt").write_text(BODY + " Inner.", encoding="utf-8")
    (tmp_path / "locked.txt").chmod(0)
    (tmp_path / "locked").chmod(0)
    try:
        r = read_sources([str(tmp_path)], Settings())
    finally:
        (tmp_path / "locked.txt").chmod(0o644)
        (tmp_path / "locked").chmod(0o755)
    assert [Path(d.origin).name for d in r.docs] == ["good.txt"]
    assert {Path(x.path).name: x.reason for x in r.rejected} == {
        "locked.txt": "could not read file: Permission denied", "locked": "could not read folder: Permission denied"}
