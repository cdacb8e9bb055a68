"""Issue 17, the fuzz suite's fast subset: ``digest`` (JSON) and ``ingest --db`` over a seeded corpus of ~60
hostile inputs (``fuzzcorpus.py``) end with exit code 0 and no traceback, and every input path is in the report:
an article (near-copies included), or a reject/skip with its reason; every non-blank line of a JSONL file that is
read is named ``file.jsonl:N``. The full run (2,000 inputs) is ``benchmarks/fuzz_suite.py``."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from newsweave.cli import app
from newsweave.store import open_store
from tests.reliability.fuzzcorpus import Corpus, account, write_corpus

SEED = 17
N = 60
HUGE = 1_200_000  # over the 1,000,000-character body limit; the benchmark writes 3 MB


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    return write_corpus(tmp_path_factory.mktemp("fuzz") / "in", N, SEED, huge_bytes=HUGE)


def _clean_exit(r: Result) -> None:
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert r.exit_code == 0, r.output
    assert "Traceback" not in r.output


def test_corpus_is_seeded_and_covers_every_class(corpus: Corpus, tmp_path: Path) -> None:
    again = write_corpus(tmp_path / "in", N, SEED, huge_bytes=HUGE)
    assert [(Path(e.path).relative_to(corpus.root), e.kind, e.lines) for e in corpus.entries] == [
        (Path(e.path).relative_to(again.root), e.kind, e.lines) for e in again.entries]
    kinds = set(corpus.kinds())
    assert {"good", "binary", "huge", "cp1252", "shift-jis", "utf-16-bom", "utf-16-no-bom", "latin-1",
            "mixed-encoding", "malformed-html", "nested-json", "control-chars",
            "lone-surrogates", "line-separators", "hidden", "symlink", "fifo", "unreadable", "copies"} <= kinds
    assert len(corpus.entries) >= N


def test_account_finds_a_lost_input_and_an_unknown_path(corpus: Corpus) -> None:
    names = [e.path for e in corpus.entries if not e.lines]
    jsonl = next(e for e in corpus.entries if len(e.lines) > 1)
    a = account(corpus, [*names[1:], f"{jsonl.path}:{jsonl.lines[0]}", "/elsewhere/x.txt"])
    assert names[0] in a.lost and f"{jsonl.path}:{jsonl.lines[1]}" in a.lost
    assert a.unknown == ("/elsewhere/x.txt",)


def test_digest_accounts_for_every_hostile_input(corpus: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "digest.json"
    r = CliRunner().invoke(app, ["digest", str(corpus.root), "-f", "json", "--embedder", "lexical", "-q",
                                 "-o", str(out)])
    _clean_exit(r)
    d = json.loads(out.read_text(encoding="utf-8"))
    paths = [a["path"] for a in d["articles"]] + [x["path"] for x in d["rejected"]]
    a = account(corpus, paths)
    assert (a.lost, a.unknown) == ((), ()), a
    assert d["articles"] and d["stories"] and d["duplicates"]
    assert all(x["reason"] for x in d["rejected"])


def test_ingest_accounts_for_every_hostile_input_and_a_rerun_adds_nothing(corpus: Corpus, tmp_path: Path) -> None:
    db = tmp_path / "nw.db"
    runner = CliRunner()
    r = runner.invoke(app, ["ingest", str(corpus.root), "--db", str(db), "--embedder", "lexical"])
    _clean_exit(r)
    assert f"{len(corpus.entries)} inputs (0 already ingested)" in r.output
    with open_store(db, create=False) as s:
        articles, rejects = s.articles(), s.rejects()
        ids = {x.id for x in articles}
        assert s.duplicates() and all({x.article_id, x.duplicate_of} <= ids for x in s.duplicates())
    a = account(corpus, [x.path for x in articles] + [x.path for x in rejects])
    assert (a.lost, a.unknown) == ((), ()), a
    again = runner.invoke(app, ["ingest", str(corpus.root), "--db", str(db), "--embedder", "lexical"])
    _clean_exit(again)
    assert "+0 articles" in again.output
    listing = runner.invoke(app, ["stories", "--db", str(db)])
    _clean_exit(listing)
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        con.close()
