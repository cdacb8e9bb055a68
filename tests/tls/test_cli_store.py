"""``newsweave timeline --db FILE --storyline ID``: the key dates of one storyline of a store (every story of it),
with the same output and citation contract as ``newsweave timeline PATH...``; ``newsweave stories`` lists the
storyline ids; an unknown id, a missing store and a mixed or half-given input are clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import Settings
from newsweave.embed import LexicalEmbedder
from newsweave.incremental import StoreIngestor
from newsweave.store import open_store
from tests.tls.conftest import ARTICLES, write_jsonl
from tests.tls.test_cli_contract import check_contract

runner = CliRunner()

REOPENING = [
    {"id": "b1", "outlet": "Valley Courier", "published": "2021-09-20", "title": "Harlow Bay bridge reopens",
     "text": "The Harlow Bay bridge reopened to traffic on Monday, six months after engineers closed it when "
             "inspectors found cracks in two support beams. The county said the new support beams cost four "
             "million dollars. The temporary footbridge beside the Harlow Bay bridge will be taken down next month."},
    {"id": "b2", "outlet": "Coastline Herald", "published": "2021-09-21", "title": "Traffic back on Harlow Bay bridge",
     "text": "Traffic crossed the Harlow Bay bridge on Monday for the first time since March, when cracks in two "
             "support beams closed it. Commuters said the ferry road diversion had added an hour to their day. "
             "The county council thanked residents for their patience during the repairs to the bridge."},
]
"""The same bridge six months later: a story of its own, in the closure's storyline."""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(store file, the JSONL it was ingested from): the bridge closure and its reopening."""
    folder = tmp_path_factory.mktemp("store")
    src = write_jsonl(folder / "bridge.jsonl", [*ARTICLES, *REOPENING])
    db = folder / "nw.db"
    with open_store(db) as s:
        StoreIngestor(s, Settings(embedder="lexical"), LexicalEmbedder()).ingest_paths([src])
    return db, src


def listed(db: Path) -> list[list[str]]:
    r = runner.invoke(app, ["stories", "--db", str(db)])
    assert r.exit_code == 0, r.output
    return [line.split("\t") for line in r.stdout.splitlines()]


def test_stories_lists_the_storyline_ids(store: tuple[Path, Path]) -> None:
    db, _src = store
    rows = listed(db)
    assert len(rows) >= 2, "the reopening months later is a story of its own"
    with open_store(db, create=False) as s:
        want = {r.story.id: r.story.storyline_id for r in s.story_rows()}
    assert {r[0]: r[-1] for r in rows} == want
    assert len(set(want.values())) < len(want), "the reopening shares the closure's storyline"


def test_storyline_timeline_covers_every_story_of_it(store: tuple[Path, Path]) -> None:
    db, src = store
    rows = listed(db)
    line = rows[0][-1]
    in_line = [r for r in rows if r[-1] == line]
    r = runner.invoke(app, ["timeline", "--db", str(db), "--storyline", line, "--format", "json", "-q"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    check_contract(out)
    assert len(out["articles"]) == sum(int(x[2]) for x in in_line) == len(ARTICLES) + len(REOPENING)
    days = [e["date"] for e in out["timeline"]]
    assert days[0] < "2021-04-01" < days[-1], "key dates from the closure and from the reopening"
    from_paths = runner.invoke(app, ["timeline", str(src), "--format", "json", "-q"])
    assert from_paths.exit_code == 0, from_paths.output
    assert json.loads(from_paths.stdout)["timeline"] == out["timeline"], "the same articles, the same timeline"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_storyline_in_markdown_and_html(store: tuple[Path, Path], fmt: str) -> None:
    db, _src = store
    line = listed(db)[0][-1]
    r = runner.invoke(app, ["timeline", "--db", str(db), "--storyline", line, "--dates", "2", "-f", fmt, "-q"])
    assert r.exit_code == 0, r.output
    assert "6 articles" in r.stdout and "2021-03-05" in r.stdout  # the closure's day, the storyline's first
    assert "traffic would be diverted through the old ferry road" in r.stdout


def test_unknown_storyline_is_a_clear_error(store: tuple[Path, Path]) -> None:
    db, _src = store
    r = runner.invoke(app, ["timeline", "--db", str(db), "--storyline", "sl-nope", "-q"])
    assert r.exit_code == 1
    assert "no storyline 'sl-nope'" in r.output and "newsweave stories --db" in r.output
    assert "Traceback" not in r.output


def test_missing_store_is_not_created(tmp_path: Path) -> None:
    db = tmp_path / "typo.db"
    r = runner.invoke(app, ["timeline", "--db", str(db), "--storyline", "sl-x", "-q"])
    assert r.exit_code == 2 and not db.exists()


@pytest.mark.parametrize("argv", [
    ["--db", "nw.db"],                             # which storyline?
    ["--storyline", "sl-x"],                       # of which store?
    ["in.jsonl", "--db", "nw.db", "--storyline", "sl-x"],  # two inputs
    [],                                            # no input
    ["--db", "nw.db", "--storyline", " "],         # a blank id
])
def test_input_must_be_paths_or_a_storyline(argv: list[str]) -> None:
    r = runner.invoke(app, ["timeline", *argv, "-q"])
    assert r.exit_code == 2, r.output
    assert "--storyline" in r.output or "PATH" in r.output
