"""Issue 17, defect 10 (the rest): an exact copy of a text stored by an earlier batch or run was skipped without a
record, so the same wire text from AP (first run) and Reuters and BBC (later) left one article (AP) and nothing
else. Now the rule of one batch holds across runs: another outlet's copy is stored and linked to the stored
article (the story lists every outlet); the same outlet's copy again is a reject naming the stored article."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.store import open_store

TEXT = ("Heavy rain flooded the river valley on Tuesday, forcing thousands of residents to leave their homes. "
        "Officials said the river reached its highest level in forty years. Emergency crews evacuated two "
        "hospitals and set up shelters in schools across the region as more rain was expected on Wednesday.")


def _jsonl(path: Path, outlets: list[str]) -> Path:
    path.write_text("".join(json.dumps({"text": TEXT, "title": "Valley floods", "outlet": o,
                                        "published": "2021-03-02"}) + "\n" for o in outlets), encoding="utf-8")
    return path


def _ingest(src: Path, db: Path) -> None:
    r = CliRunner().invoke(app, ["ingest", str(src), "--db", str(db), "--embedder", "lexical", "-q"])
    assert r.exit_code == 0, r.output


def test_copies_from_later_runs_keep_their_outlets_and_a_repeat_is_recorded(tmp_path: Path) -> None:
    db = tmp_path / "nw.db"
    first = _jsonl(tmp_path / "ap.jsonl", ["AP"])
    _ingest(first, db)
    later = _jsonl(tmp_path / "later.jsonl", ["Reuters", "AP", "BBC"])
    _ingest(later, db)
    _ingest(_jsonl(tmp_path / "again.jsonl", ["BBC", "Reuters"]), db)  # each copy is stored now
    with open_store(db, create=False) as s:
        arts = {a.id: a for a in s.articles()}
        assert sorted(a.outlet or "" for a in arts.values()) == ["Associated Press", "BBC", "Reuters"]
        (ap,) = [a for a in arts.values() if a.outlet == "Associated Press"]
        links = s.duplicates()
        assert sorted((arts[d.article_id].outlet, d.duplicate_of, d.similarity) for d in links) == [
            ("BBC", ap.id, 1.0), ("Reuters", ap.id, 1.0)]
        (row,) = s.story_rows()
        assert row.outlets == ("Associated Press", "BBC", "Reuters")
        reasons = sorted((Path(x.path).name, x.reason) for x in s.rejects())
    stored_before = {"AP": f"{first}:1", "BBC": f"{later}:3", "Reuters": f"{later}:1"}
    assert [(n, r.split(" (id ")[0]) for n, r in reasons] == [
        ("again.jsonl:1", f"exact duplicate of {stored_before['BBC']}, stored before"),
        ("again.jsonl:2", f"exact duplicate of {stored_before['Reuters']}, stored before"),
        ("later.jsonl:2", f"exact duplicate of {stored_before['AP']}, stored before"),
    ]
    assert all(r.endswith(")") and "(id " in r for _, r in reasons)


def test_the_api_stores_and_links_another_outlets_copy_of_a_stored_text(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from newsweave.serve.app import create_app
    from newsweave.serve.settings import ApiSettings

    db = tmp_path / "nw.db"
    _ingest(_jsonl(tmp_path / "ap.jsonl", ["AP"]), db)
    with TestClient(create_app(ApiSettings(db_path=db, embedder="lexical"))) as client:
        copy = client.post("/articles", json={"text": TEXT, "outlet": "Reuters", "title": "Valley floods"})
        assert copy.status_code in (200, 201), copy.text
        (dup,) = copy.json()["duplicates"]
        assert dup["kind"] == "near" and dup["similarity"] == 1.0 and dup["id"] != dup["duplicate_of"]
        again = client.post("/articles", json={"text": TEXT, "outlet": "Reuters", "title": "Valley floods"})
        assert again.status_code == 200, again.text
        assert [d["kind"] for d in again.json()["duplicates"]] == ["exact"]
        assert again.json()["duplicates"][0]["duplicate_of"] == dup["id"]
        assert client.get("/health").json()["counts"]["articles"] == 2
