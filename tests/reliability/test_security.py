"""Issue 17, security (already built; this checks it holds): CSP, ``X-Content-Type-Options`` and
``Referrer-Policy`` on every kind of response (pages, exports, JSON, errors, docs); the write token compared with
``hmac.compare_digest`` and never taken from the query string; ``javascript:``/``data:`` urls of an article never a
link; full-text query syntax answered without a 5xx."""

from __future__ import annotations

import hmac
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsweave.serve import ApiSettings, create_app

TOKEN = "s3cret-token"
BODY = ("Flood waters rose across the northern valley on Tuesday, forcing thousands of residents to leave. "
        "Officials said the river reached its highest level in forty years and that more rain was expected.")
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ApiSettings(db_path=tmp_path / "nw.db", embedder="lexical", warm_up=False,
                                           token=TOKEN)), raise_server_exceptions=False) as c:
        yield c


def _posted(c: TestClient, url: str) -> tuple[str, str]:
    r = c.post("/articles", json={"text": BODY, "url": url, "title": "Floods", "outlet": "Valley Post"}, headers=AUTH)
    assert r.status_code == 201, r.text
    a = r.json()["ingested"][0]
    return a["id"], a["story_id"]


def test_security_headers_on_every_kind_of_response(client: TestClient) -> None:
    article, story = _posted(client, "https://example.org/floods")
    html = {"Accept": "text/html"}
    responses = {
        "health": client.get("/health"), "list page": client.get("/", headers=html),
        "story page": client.get(f"/stories/{story}", headers=html), "brief": client.get(f"/stories/{story}"),
        "export html": client.get(f"/stories/{story}.html"), "export md": client.get(f"/stories/{story}.md"),
        "article": client.get(f"/articles/{article}"), "404": client.get("/stories/nope"),
        "422": client.get("/stories", params={"limit": "x"}), "401": client.post("/articles", json={"text": BODY}),
        "405": client.delete("/stories"), "unknown route": client.get("/nowhere"), "docs": client.get("/docs"),
        "openapi": client.get("/openapi.json"),
    }
    for name, r in responses.items():
        assert r.headers.get("x-content-type-options") == "nosniff", name
        assert r.headers.get("referrer-policy") == "no-referrer", name
        csp = r.headers.get("content-security-policy", "")
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp, name
        if name not in ("docs", "export html"):  # the docs' inline start-up script; the file's own hashes
            assert "'unsafe-inline'" not in csp and "script-src 'self'" in csp, (name, csp)


def test_token_is_compared_in_constant_time_and_never_read_from_the_query(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def recording(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", recording)
    for params in ({"token": TOKEN}, {"access_token": TOKEN}, {"authorization": f"Bearer {TOKEN}"}):
        r = client.post("/articles", params=params, json={"text": BODY})
        assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized", params
    assert client.post("/articles", json={"text": BODY}, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert calls == [(b"wrong", TOKEN.encode())]
    assert client.post("/articles", json={"text": BODY}, headers=AUTH).status_code == 201
    assert calls[-1] == (TOKEN.encode(), TOKEN.encode())


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"])
def test_script_urls_are_never_links(client: TestClient, url: str) -> None:
    _, story = _posted(client, url)
    for page in (client.get(f"/stories/{story}", headers={"Accept": "text/html"}),
                 client.get(f"/stories/{story}.html")):
        assert page.status_code == 200
        links = [h.strip().lower() for h in re.findall(r'<a\b[^>]*\bhref="([^"]*)"', page.text)]
        assert links and not [h for h in links if not h.startswith(("/", "#", "http:", "https:"))], (url, links)


@pytest.mark.parametrize("q", ['"unbalanced', "AND OR NOT", "title:x", "a* OR (b", "NEAR(a b", "^x", "'; DROP",
                               "\x00\x01", "%ED%BF%BF", "%FF%FE", "%00"])
def test_full_text_query_syntax_never_5xx(client: TestClient, q: str) -> None:
    _posted(client, "https://example.org/a")
    for path in ("/stories", "/search"):  # "%..": raw in the query string (a lone surrogate, not UTF-8, NUL)
        r = client.get(f"{path}?q={q}") if q.startswith("%") else client.get(path, params={"q": q})
        assert r.status_code in (200, 422), (path, q, r.text)
        if r.status_code == 422:
            assert r.json()["error"]["code"] in ("validation_error", "invalid_query"), r.text
