"""Issue 17: a story's first page view does not wait for its brief build. With ``build_on_write`` the writer builds
the briefs of the stories a POST touched, one queued job each, so the brief is in the report cache before anyone
asks; with ``--build-on-view`` nothing is built until the first GET."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from newsweave.serve import ApiSettings, create_app
from newsweave.serve.service import StoreThread

TEXT = ("The harbour authority in Port Elso closed the north pier on Monday after a storm damaged its {part}. "
        "Engineers said repairs would take {n} weeks and cost about {m} million, and ferries were sent to the "
        "south pier meanwhile. Fishing crews said the closure came at the worst time of the season.")


def _article(i: int, outlet: str) -> dict[str, str]:
    return {"text": TEXT.format(part=("deck", "railings", "crane")[i % 3], n=i + 2, m=i + 5), "outlet": outlet,
            "title": f"Storm closes north pier ({outlet})", "published": "2026-03-02"}


def _drain(store: StoreThread, timeout: float = 120.0) -> None:
    end = time.monotonic() + timeout
    while store.builds_pending and time.monotonic() < end:
        time.sleep(0.05)
    assert store.builds_pending == 0, "queued brief builds never finished"


def _client(db: Path, build_on_write: bool) -> TestClient:
    return TestClient(create_app(ApiSettings(db_path=db, embedder="lexical", build_on_write=build_on_write)))


def test_a_write_builds_the_briefs_of_the_stories_it_touched(tmp_path: Path) -> None:
    with _client(tmp_path / "nw.db", build_on_write=True) as client:
        r = client.post("/articles", json={"articles": [_article(0, "Valley Post"), _article(1, "Coast Herald")]})
        assert r.status_code == 201, r.text
        story_ids = {a["story_id"] for a in r.json()["ingested"]}
        assert story_ids
        store: StoreThread = client.app.state.store_thread  # type: ignore[attr-defined]
        _drain(store)
        assert client.get("/health").json()["builds_pending"] == 0
        service = store.service
        for sid in story_ids:
            assert service.read(lambda s, sid=sid: s.cached_brief(sid)) is not None
        # A later write that grows the story makes the built brief stale (new article set): it is rebuilt too.
        r = client.post("/articles", json={"articles": [_article(2, "Daily Ledger")]})
        assert r.status_code == 201, r.text
        grown = r.json()["ingested"][0]["story_id"]
        _drain(store)
        brief = service.read(lambda s: s.cached_brief(grown))
        assert brief is not None and "Daily Ledger" in {a.outlet for a in brief.articles}
        page = client.get(f"/stories/{grown}")
        assert page.status_code == 200 and len(page.json()["articles"]) == len(brief.articles)


def test_build_on_view_builds_nothing_until_the_first_get(tmp_path: Path) -> None:
    with _client(tmp_path / "nw.db", build_on_write=False) as client:
        r = client.post("/articles", json={"articles": [_article(0, "Valley Post"), _article(1, "Coast Herald")]})
        sid = r.json()["ingested"][0]["story_id"]
        store: StoreThread = client.app.state.store_thread  # type: ignore[attr-defined]
        assert store.builds_pending == 0 and client.get("/health").json()["builds_pending"] == 0
        assert store.service.read(lambda s: s.cached_brief(sid)) is None
        assert client.get(f"/stories/{sid}").status_code == 200
        assert store.service.read(lambda s: s.cached_brief(sid)) is not None


def test_a_failing_build_is_logged_and_later_writes_go_on(  # type: ignore[no-untyped-def]
        tmp_path: Path, monkeypatch, caplog) -> None:
    with _client(tmp_path / "nw.db", build_on_write=True) as client:
        store: StoreThread = client.app.state.store_thread  # type: ignore[attr-defined]

        def broken(story_id: str) -> None:
            raise RuntimeError("boom")

        monkeypatch.setattr(store.service, "story_brief", broken)
        assert client.post("/articles", json={"articles": [_article(0, "Valley Post")]}).status_code == 201
        _drain(store)
        assert any("after a write failed" in r.getMessage() for r in caplog.records)
        store.build_after_write(["no-such-story"])  # a story gone by the time its job runs
        _drain(store)
        monkeypatch.undo()
        r = client.post("/articles", json={"articles": [_article(1, "Coast Herald")]})
        assert r.status_code == 201, r.text
        _drain(store)
        assert store.service.read(lambda s: s.cached_brief(r.json()["ingested"][0]["story_id"])) is not None


def test_a_store_filled_by_ingest_gets_its_missing_briefs_built_at_start_up(tmp_path: Path) -> None:
    """`newsweave ingest` then `newsweave serve`: the stories have no brief yet; the server builds them in the
    background at start-up, so the story list shows their lead lines without anyone opening each page."""
    db = tmp_path / "nw.db"
    with _client(db, build_on_write=False) as client:  # writes that build nothing, as `ingest` does
        r = client.post("/articles", json={"articles": [_article(0, "Valley Post"), _article(1, "Coast Herald")]})
        assert r.status_code == 201, r.text
    from newsweave.store.sqlite import open_store

    def unbuilt() -> list[str]:
        with open_store(db) as s:
            return [row.story.id for row in s.story_rows() if not row.summary]

    assert unbuilt()
    settings = ApiSettings(db_path=db, embedder="lexical", build_missing_on_start=True)
    with TestClient(create_app(settings)) as client:
        store: StoreThread = client.app.state.store_thread  # type: ignore[attr-defined]
        _drain(store)
        assert 'class="lead"' in client.get("/").text
    assert unbuilt() == []
