from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app

from .conftest import EXAMPLES

runner = CliRunner()


def test_digest_examples_json_lexical(tmp_path: Path) -> None:
    out = tmp_path / "o.json"
    r = runner.invoke(app, ["digest", str(EXAMPLES / "bridge"), "--format", "json", "--embedder", "lexical",
                            "--out", str(out), "--quiet"])
    assert r.exit_code == 0, r.output
    d = json.loads(out.read_text())
    assert len(d["articles"]) == 5 and d["rejected"] == []
    outlets = {a["outlet"] for a in d["articles"]}
    assert {"The Harbour Herald", "Coast Radio News", "The Daily Ledger", "Regional News",
            "Lindmark Business Weekly"} == outlets
    assert d["stories"] and d["stories"][0]["summary"]


def test_digest_html_and_bad_format(tmp_path: Path) -> None:
    r = runner.invoke(app, ["digest", str(EXAMPLES / "bridge"), "-f", "html", "--embedder", "lexical", "-q"])
    assert r.exit_code == 0 and r.stdout.startswith("<!doctype html>")
    bad = runner.invoke(app, ["digest", str(EXAMPLES / "bridge"), "-f", "pdf"])
    assert bad.exit_code != 0


def test_nothing_readable_exits_nonzero_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    r = runner.invoke(app, ["digest", str(tmp_path), "-f", "json", "--embedder", "lexical", "-q"])
    assert r.exit_code == 1
    d = json.loads(r.stdout)
    assert d["rejected"][0]["reason"] == "empty file"


def test_stdin_via_subprocess() -> None:
    text = (EXAMPLES / "bridge" / "01_harbour_herald.txt").read_bytes()
    p = subprocess.run([sys.executable, "-m", "newsweave.cli", "digest", "-", "-f", "json", "--embedder", "lexical"],
                       input=text, capture_output=True, timeout=300)
    assert p.returncode == 0, p.stderr.decode()
    d = json.loads(p.stdout)
    assert d["articles"][0]["path"] == "<stdin>"


def test_many_rejected_inputs_are_named_up_to_a_few_then_counted(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import logging
    import shutil

    from newsweave.cli.common import REJECTS_NAMED

    src = next(p for p in sorted((EXAMPLES / "bridge").iterdir()) if p.suffix == ".txt")
    for i in range(REJECTS_NAMED + 4):
        shutil.copy(src, tmp_path / f"copy{i:02d}.txt")  # exact copies of the first: rejected as identical
    (tmp_path / "empty.txt").write_text("Menu\nLogin\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="newsweave"):
        r = runner.invoke(app, ["digest", str(tmp_path), "--embedder", "lexical", "-q", "-f", "json"])
    assert r.exit_code == 0, r.output
    rejected = json.loads(r.stdout)["rejected"]
    assert len(rejected) == REJECTS_NAMED + 4  # every one listed in the output
    warned = [rec.getMessage() for rec in caplog.records if rec.levelno == logging.WARNING]
    named = [m for m in warned if m.startswith("rejected ")]
    assert len(named) == REJECTS_NAMED
    (summary,) = [m for m in warned if m.startswith("... and ")]
    assert summary.startswith("... and 4 more not processed (") and "identical to another input" in summary
    infos = [rec.getMessage() for rec in caplog.records if rec.levelno == logging.INFO and
             rec.getMessage().startswith("rejected ")]
    assert len(infos) >= 4  # the rest one by one at -v
