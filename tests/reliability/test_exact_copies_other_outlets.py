"""Issue 17, defect 10: the same text from AP, Reuters and BBC gave one article (AP) and two "exact duplicate"
rejects, so the story cited only AP. Exact copies from another outlet (or url) are now kept like near-copies
(linked to the first, every outlet listed); the same text from the same outlet twice stays one article."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import Settings
from newsweave.ingest import read_sources

TEXT = ("Heavy rain flooded the river valley on Tuesday, forcing thousands of residents to leave their homes. "
        "Officials said the river reached its highest level in forty years. Emergency crews evacuated two "
        "hospitals and set up shelters in schools across the region as more rain was expected on Wednesday.")


def _jsonl(tmp_path: Path, outlets: list[str]) -> Path:
    p = tmp_path / "wire.jsonl"
    p.write_text("".join(json.dumps({"text": TEXT, "title": "Valley floods", "outlet": o,
                                     "published": "2021-03-02"}) + "\n" for o in outlets), encoding="utf-8")
    return p


def test_the_reader_keeps_each_outlets_copy_and_rejects_a_repeat(tmp_path: Path) -> None:
    r = read_sources([str(_jsonl(tmp_path, ["AP", "Reuters", "BBC", "Reuters"]))], Settings())
    assert [d.outlet_hint for d in r.docs] == ["AP", "Reuters", "BBC"]
    assert len({d.id for d in r.docs}) == 3
    assert [(x.path.rsplit(":", 1)[1], x.reason.split(" (")[0]) for x in r.rejected] == [
        ("4", f"exact duplicate of {tmp_path / 'wire.jsonl'}:2")]


def test_digest_cites_every_outlet_of_an_exact_copy(tmp_path: Path) -> None:
    out = tmp_path / "o.json"
    r = CliRunner().invoke(app, ["digest", str(_jsonl(tmp_path, ["AP", "Reuters", "BBC"])), "-f", "json",
                                 "--embedder", "lexical", "-q", "--no-analysis", "-o", str(out)])
    assert r.exit_code == 0, r.output
    d = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(a["outlet"] for a in d["articles"]) == ["Associated Press", "BBC", "Reuters"]
    assert d["rejected"] == []
    assert len(d["duplicates"]) == 2
    (story,) = d["stories"]
    assert sorted(story["outlets"]) == ["Associated Press", "BBC", "Reuters"]


def test_ingest_stores_every_outlets_copy_linked_to_the_first(tmp_path: Path) -> None:
    from newsweave.store import open_store

    db = tmp_path / "nw.db"
    src = _jsonl(tmp_path, ["AP", "Reuters", "BBC", "BBC"])
    r = CliRunner().invoke(app, ["ingest", str(src), "--db", str(db), "--embedder", "lexical", "-q"])
    assert r.exit_code == 0, r.output
    with open_store(db, create=False) as s:
        assert sorted(a.outlet or "" for a in s.articles()) == ["Associated Press", "BBC", "Reuters"]
        assert len(s.duplicates()) == 2
        (row,) = s.story_rows()
        assert row.outlets == ("Associated Press", "BBC", "Reuters")
        assert [x.reason.split(" (")[0] for x in s.rejects()] == [f"exact duplicate of {src}:3"]
