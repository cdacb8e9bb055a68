"""Issue 17, defect 9 and "every input accounted for": byte-identical files and already-stored files were skipped
without a row (a fresh db reported "130 already ingested" for a run's identical files); hidden files and folders,
symlink loops, dangling links, FIFOs and symlinked folders were skipped without a word. Now every input path a run
meets is an article (near-copies among them, linked), or a reject/skip with its reason; a file an earlier run
ingested is counted as already ingested."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.store import open_store

BODY = ("Flood waters rose across the northern valley on {d}, forcing thousands of residents to leave their homes. "
        "Officials said the river reached its highest level in forty years and that more rain was expected. "
        "Emergency crews evacuated two hospitals and set up shelters in schools across the whole region.")
NEAR = BODY.replace("the whole region", "the region")


def _hostile(tmp_path: Path) -> tuple[Path, dict[str, str | None]]:
    """A folder of good, copied, hidden and special inputs; each path with the reason it is not read (None: read)."""
    root = tmp_path / "in"
    for sub in ("sub", ".hidden_dir", "elsewhere"):
        (root / sub).mkdir(parents=True)
    (root / "a.txt").write_text(BODY.format(d="Monday"), encoding="utf-8")
    (root / "b.txt").write_text(BODY.format(d="Tuesday"), encoding="utf-8")
    (root / "near.txt").write_text(NEAR.format(d="Tuesday"), encoding="utf-8")
    (root / "sub" / "copy.txt").write_bytes((root / "a.txt").read_bytes())
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / ".hidden.txt").write_text(BODY.format(d="Friday"), encoding="utf-8")
    (root / ".hidden_dir" / "inside.txt").write_text(BODY.format(d="Sunday"), encoding="utf-8")
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    (root / "loop1").symlink_to(root / "loop2")
    (root / "loop2").symlink_to(root / "loop1")
    (root / "elsewhere" / "e.txt").write_text(BODY.format(d="Saturday"), encoding="utf-8")
    (root / "linked_dir").symlink_to(root / "elsewhere", target_is_directory=True)
    os.mkfifo(root / "pipe")
    why: dict[str, str | None] = {
        "a.txt": None, "b.txt": None, "near.txt": None, "elsewhere/e.txt": None,
        "sub/copy.txt": f"identical to {root / 'a.txt'}",
        "empty.txt": "empty file",
        ".hidden.txt": "hidden file",
        ".hidden_dir": "hidden folder",
        "dangling.txt": "dangling symbolic link (its target does not exist)",
        "loop1": "symbolic link loop (following it never reaches a file)",
        "loop2": "symbolic link loop (following it never reaches a file)",
        "linked_dir": "symbolic link to a folder, not followed (name the folder itself to read it)",
        "pipe": "not a regular file: a named pipe (FIFO)",
    }
    return root, {str(root / k): v for k, v in why.items()}


@pytest.fixture()
def hostile(tmp_path: Path) -> tuple[Path, dict[str, str | None]]:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    return _hostile(tmp_path)


def test_digest_accounts_for_every_input(hostile: tuple[Path, dict[str, str | None]], tmp_path: Path) -> None:
    root, why = hostile
    out = tmp_path / "o.json"
    r = CliRunner().invoke(app, ["digest", str(root), "-f", "json", "--embedder", "lexical", "--no-analysis",
                                 "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "rejected or skipped" in r.output
    d = json.loads(out.read_text(encoding="utf-8"))
    stored = [a["path"] for a in d["articles"]]
    rejected = {x["path"]: x["reason"] for x in d["rejected"]}
    assert len(stored) + len(d["rejected"]) == len(why)  # near-copies are articles, linked in "duplicates"
    assert sorted(stored) == sorted(p for p, w in why.items() if w is None)
    assert rejected == {p: w for p, w in why.items() if w is not None}
    ids = {a["id"] for a in d["articles"]}
    assert d["duplicates"] and all({x["article_id"], x["duplicate_of"]} <= ids for x in d["duplicates"])


def test_digest_reads_hidden_inputs_when_asked(hostile: tuple[Path, dict[str, str | None]], tmp_path: Path) -> None:
    root, _ = hostile
    out = tmp_path / "o.json"
    r = CliRunner().invoke(app, ["digest", str(root), "-f", "json", "--embedder", "lexical", "--no-analysis",
                                 "--include-hidden", "-q", "-o", str(out)])
    assert r.exit_code == 0, r.output
    d = json.loads(out.read_text(encoding="utf-8"))
    paths = {a["path"] for a in d["articles"]}
    assert {str(root / ".hidden.txt"), str(root / ".hidden_dir" / "inside.txt")} <= paths
    assert not [x for x in d["rejected"] if x["reason"].startswith("hidden")]


def test_ingest_accounts_for_every_input_and_counts_what_an_earlier_run_stored(
    hostile: tuple[Path, dict[str, str | None]], tmp_path: Path
) -> None:
    root, why = hostile
    db = tmp_path / "nw.db"
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(root), "--db", str(db), "--embedder", "lexical"])
    assert first.exit_code == 0, first.output
    assert f"{len(why)} inputs (0 already ingested)" in first.output
    with open_store(db, create=False) as s:
        stored = [a.path for a in s.articles()]
        rejected = {x.path: x.reason for x in s.rejects()}
        ids = {a.id for a in s.articles()}
        assert s.duplicates() and all({x.article_id, x.duplicate_of} <= ids for x in s.duplicates())
    assert len(stored) + len(rejected) == len(why)
    assert sorted(stored) == sorted(p for p, w in why.items() if w is None)
    assert rejected == {p: w for p, w in why.items() if w is not None}

    (root / "c.txt").write_text(BODY.format(d="Thursday"), encoding="utf-8")
    again = runner.invoke(app, ["ingest", str(root), "--db", str(db), "--embedder", "lexical"])
    assert again.exit_code == 0, again.output
    # a.txt, b.txt, near.txt, elsewhere/e.txt, sub/copy.txt (its bytes are a.txt's) and empty.txt were read before
    assert f"{len(why) + 1} inputs (6 already ingested): +1 article" in again.output
    with open_store(db, create=False) as s:
        assert len(s.articles()) == len(stored) + 1
        assert {x.path: x.reason for x in s.rejects()} == rejected
