"""Issue 17, defect 7: cheap queries stalled the server. ``q`` = 100 repeated short words took 44 s on
``/stories?q=``; every request shared one store thread, so ``/health`` waited behind it (14.8 s), and behind any
first-time report build; ``newsweave search`` had no cap at all (5,000 words: over 10 min of CPU).

Now every search goes through ``store.query.search_terms`` (distinct words only, one-letter words left out, at
most ``MAX_TERMS``; nothing left or too many is a 422 / the CLI's error line), and reads run on read threads with
their own connections, so ``/health`` answers while a report build or a search is still running. Slowness is
simulated by a service step that sleeps; ``/health`` is compared with that sleep, not with a fixed time."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.errors import QueryError
from newsweave.serve import ApiSettings, create_app
from newsweave.serve import service as service_module
from newsweave.store.query import MAX_TERMS, search_terms
from newsweave.store.sqlite import SQLiteStore

SLEEP = 3.0
WORDS = ("flood", "river", "valley", "rain", "shelter", "hospital", "crews", "officials", "residents", "schools",
         "region", "level", "years", "bridge", "morning")
ARTICLES = (
    "Flood waters rose across the northern valley on Tuesday, forcing thousands of residents to leave. Officials "
    "said the river reached its highest level in forty years and that more rain was expected.",
    "Emergency crews evacuated two hospitals on Wednesday and set up shelters in schools across the region as the "
    "river kept rising. A bridge on the main road was closed in the morning.",
)


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    """A server that builds briefs on first view (``--build-on-view``), so a page view is what builds one."""
    db = tmp_path / "nw.db"
    settings = ApiSettings(db_path=db, embedder="lexical", warm_up=False, build_on_write=False)
    with TestClient(create_app(settings)) as client:
        for i, text in enumerate(ARTICLES):
            r = client.post("/articles", json={"text": text, "outlet": f"Outlet {i}", "published": "2021-03-02"})
            assert r.status_code == 201, r.text
        yield client, db


def error_code(r: Any) -> str:
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}, body
    return str(body["error"]["code"])


def test_search_terms_are_distinct_capped_and_never_single_letters() -> None:
    assert search_terms("the The THE river a b c river") == ("the", "river")
    assert search_terms(" ".join(["flood"] * 5000)) == ("flood",)
    assert len(search_terms(" ".join(WORDS[:MAX_TERMS]))) == MAX_TERMS
    for text in ("a b c d", "!!! ... ---", "", (" ".join("abcdefghij") + " ") * 100):
        with pytest.raises(QueryError, match="nothing to search for"):
            search_terms(text)
    with pytest.raises(QueryError, match=f"at most {MAX_TERMS}"):
        search_terms(" ".join(WORDS[: MAX_TERMS + 1]))


def test_api_bounds_query_cost_and_answers_422(served: tuple[TestClient, Path]) -> None:
    client, _ = served
    repeated = " ".join(["river"] * 33)  # under the 200-character cap: one word to look up
    started = time.perf_counter()
    assert client.get("/stories", params={"q": repeated}).json()["total"] >= 1
    assert client.get("/search", params={"q": repeated}).status_code == 200
    assert time.perf_counter() - started < 5
    for path in ("/stories", "/search"):
        for q in ("a a a a a a a a", "?!", " ".join(WORDS[: MAX_TERMS + 1])):
            r = client.get(path, params={"q": q})
            assert r.status_code == 422 and error_code(r) == "validation_error", (path, q, r.text)
    page = client.get("/", params={"q": "x y z"}, headers={"accept": "text/html"})
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    assert "nothing to search for" in page.text


@pytest.mark.parametrize("q", ['"', "river*", "NEAR(river flood)", "river OR", "title:river", "^river", "-river",
                               "river AND NOT flood", '"river" "', "(((", "{river}", "river + flood", "\\river"])
def test_fts_syntax_is_never_a_500(served: tuple[TestClient, Path], q: str) -> None:
    client, _ = served
    for path in ("/stories", "/search", "/"):
        r = client.get(path, params={"q": q})
        assert r.status_code in (200, 422), (path, q, r.text)


def test_cli_search_refuses_what_it_cannot_bound(served: tuple[TestClient, Path]) -> None:
    _, db = served
    runner = CliRunner()
    many = " ".join(f"word{i}" for i in range(5000))
    started = time.perf_counter()
    r = runner.invoke(app, ["search", many, "--db", str(db)])
    assert time.perf_counter() - started < 10
    assert r.exit_code == 2 and f"at most {MAX_TERMS}" in r.output and "Traceback" not in r.output, r.output
    r = runner.invoke(app, ["search", "a b c", "--db", str(db)])
    assert r.exit_code == 2 and "nothing to search for" in r.output, r.output
    r = runner.invoke(app, ["search", " ".join(["river"] * 5000), "--db", str(db)])
    assert r.exit_code == 0 and "river" in r.output.lower(), r.output


def while_slow(client: TestClient, slow: Callable[[], Any], entered: threading.Event) -> float:
    """Seconds ``/health`` takes while ``slow`` (started in another thread) is inside its sleep."""
    worker = threading.Thread(target=slow)
    worker.start()
    try:
        assert entered.wait(30), "the slow request never started"
        started = time.perf_counter()
        r = client.get("/health")
        took = time.perf_counter() - started
        assert r.status_code == 200 and r.json()["status"] == "ok"
    finally:
        worker.join(60)
    return took


def test_health_answers_during_a_report_build(served: tuple[TestClient, Path],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    client, _ = served
    story_id = client.get("/stories").json()["stories"][0]["id"]
    entered = threading.Event()
    real = service_module.story_digest

    def slow_digest(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        time.sleep(SLEEP)
        return real(*args, **kwargs)

    monkeypatch.setattr(service_module, "story_digest", slow_digest)
    statuses: list[int] = []
    took = while_slow(client, lambda: statuses.append(client.get(f"/stories/{story_id}").status_code), entered)
    assert statuses == [200]
    assert took < SLEEP / 3, f"/health took {took:.2f} s behind a {SLEEP} s report build"


def test_health_answers_during_a_slow_search(served: tuple[TestClient, Path],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    client, _ = served
    entered = threading.Event()
    real = SQLiteStore.search

    def slow_search(self: SQLiteStore, query: str, limit: int = 10) -> Any:
        entered.set()
        time.sleep(SLEEP)
        return real(self, query, limit)

    monkeypatch.setattr(SQLiteStore, "search", slow_search)
    statuses: list[int] = []
    took = while_slow(client, lambda: statuses.append(client.get("/stories", params={"q": "river"}).status_code),
                      entered)
    assert statuses == [200]
    assert took < SLEEP / 3, f"/health took {took:.2f} s behind a {SLEEP} s search"
