"""Every route of the JSON API, with good and bad input, against a temp SQLite store holding the seeds."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsweave.render import render
from newsweave.serve.service import NewsService
from newsweave.serve.settings import ApiSettings

ARTICLE = (
    "Flood waters rose across the northern valley on Tuesday, forcing thousands of residents to leave.\n\n"
    "Officials said the river reached its highest level in forty years and that more rain was expected.\n\n"
    "Emergency crews evacuated two hospitals and set up shelters in schools across the region."
)


def assert_error(r: Any, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "detail"}, body
    assert body["error"]["code"] == code, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return dict(body["error"])


# -- ingest ---------------------------------------------------------------------------------------------------


def test_seed_upload_ingests_five_articles(seeded: tuple[TestClient, dict[str, Any], Path]) -> None:
    _, outcome, _ = seeded
    assert len(outcome["ingested"]) == 5
    assert outcome["rejected"] == [] and outcome["duplicates"] == []
    assert all(a["story_id"] for a in outcome["ingested"])
    assert {a["outlet"] for a in outcome["ingested"]} >= {"VOA", "RFE/RL", "Dhaka Tribune"}


def test_same_upload_again_reports_exact_duplicates(client: TestClient) -> None:
    from tests.api.conftest import seed_files

    r = client.post("/articles", files=seed_files())
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ingested"] == [] and len(body["duplicates"]) == 5
    assert {d["kind"] for d in body["duplicates"]} == {"exact"}
    assert client.get("/health").json()["counts"]["articles"] == 5


def test_post_one_json_article(fresh_app) -> None:  # type: ignore[no-untyped-def]
    c = fresh_app()
    r = c.post("/articles", json={"text": ARTICLE, "outlet": "Valley Post", "published": "2021-03-02",
                                  "title": "Valley floods", "url": "https://example.org/floods"})
    assert r.status_code == 201, r.text
    (a,) = r.json()["ingested"]
    assert a["outlet"] == "Valley Post" and a["title"] == "Valley floods" and a["story_id"]
    art = c.get(f"/articles/{a['id']}").json()
    assert art["published"]["date"] == "2021-03-02"
    assert art["url"] == "https://example.org/floods" and art["story_id"] == a["story_id"]


def test_batch_rejects_bad_items_with_the_cli_reasons(fresh_app) -> None:  # type: ignore[no-untyped-def]
    c = fresh_app()
    r = c.post("/articles", json={"articles": [{"text": ARTICLE}, {"title": "no body"}, "just a string",
                                               {"text": "   "}, {"text": "Too short."}]})
    assert r.status_code == 201, r.text
    body = r.json()
    assert len(body["ingested"]) == 1
    reasons = {x["path"]: x["reason"] for x in body["rejected"]}
    assert reasons["articles.jsonl:2"] == "line 2 has no non-empty 'text' or 'html' string field"
    assert reasons["articles.jsonl:3"] == "line 3 is not a JSON object"
    assert "articles.jsonl:4" in reasons
    assert reasons["articles.jsonl:5"].startswith("no article body found")


def test_batch_whose_first_item_is_not_an_object(fresh_app) -> None:  # type: ignore[no-untyped-def]
    r = fresh_app().post("/articles", json={"articles": [7, {"text": ARTICLE}]})
    assert r.status_code == 201, r.text
    assert [x["path"] for x in r.json()["rejected"]] == ["articles.jsonl:1"]


def test_ingest_state_reloads_after_another_writer(fresh_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from newsweave.embed import LexicalEmbedder
    from newsweave.incremental import StoreIngestor
    from newsweave.store import open_store

    c = fresh_app()
    assert c.post("/articles", json={"text": ARTICLE}).status_code == 201
    service: NewsService = c.app.state.store_thread.service  # type: ignore[attr-defined]
    first = service._ingestor  # noqa: SLF001
    other_text = ARTICLE.replace("Flood waters", "Storm waters").replace("forty", "ninety")
    (tmp_path / "other.txt").write_text(other_text, encoding="utf-8")
    with open_store(service.settings.db_path) as other:  # a second process writing to the same store
        StoreIngestor(other, service.settings.pipeline, LexicalEmbedder()).ingest_paths([tmp_path / "other.txt"])
    r = c.post("/articles", json={"text": ARTICLE.replace("Tuesday", "Monday").replace("two", "three")})
    assert r.status_code in (200, 201), r.text
    assert service._ingestor is not first  # noqa: SLF001
    assert c.get("/health").json()["counts"]["articles"] == 3


def test_html_article_and_plain_text_body(fresh_app) -> None:  # type: ignore[no-untyped-def]
    c = fresh_app()
    page = f"<html><head><title>Floods</title></head><body><article><p>{ARTICLE}</p></article></body></html>"
    r = c.post("/articles", json={"html": page})
    assert r.status_code == 201, r.text
    other = ARTICLE.replace("Tuesday", "Wednesday").replace("forty", "fifty")
    r = c.post("/articles", content=other.encode(), headers={"content-type": "text/plain"})
    assert r.status_code == 201, r.text
    assert len(r.json()["ingested"]) + len(r.json()["duplicates"]) == 1


def test_invalid_json_is_422_in_the_error_shape(client: TestClient) -> None:
    r = client.post("/articles", content=b'{"text": "unterminated', headers={"content-type": "application/json"})
    err = assert_error(r, 422, "invalid_json")
    assert err["detail"]["line"] == 1


def test_json_that_is_not_an_article(client: TestClient) -> None:
    assert_error(client.post("/articles", json=[1, 2]), 422, "validation_error")
    assert_error(client.post("/articles", json={"articles": []}), 422, "validation_error")
    assert_error(client.post("/articles", json={"articles": "x"}), 422, "validation_error")
    assert_error(client.post("/articles", content=b"", headers={"content-type": "application/json"}), 422,
                 "invalid_json")


def test_multipart_without_files_and_unknown_media_type(client: TestClient) -> None:
    assert_error(client.post("/articles", files={"note": (None, "no file")}), 422, "validation_error")
    assert_error(client.post("/articles", data={"text": "form fields"}), 415, "unsupported_media_type")
    r = client.post("/articles", content=b"x", headers={"content-type": "application/pdf"})
    assert_error(r, 415, "unsupported_media_type")


def test_uploaded_binary_file_is_rejected_not_failed(fresh_app) -> None:  # type: ignore[no-untyped-def]
    c = fresh_app()
    r = c.post("/articles", files=[("files", ("pic.txt", b"\x00\x01\x02" * 100, "application/octet-stream")),
                                   ("files", ("ok.txt", ARTICLE.encode(), "text/plain"))])
    assert r.status_code == 201, r.text
    (rej,) = r.json()["rejected"]
    assert rej["path"] == "upload/pic.txt" and "binary" in rej["reason"]


def test_uploaded_jsonl_keeps_its_name_in_rejects(fresh_app) -> None:  # type: ignore[no-untyped-def]
    lines = json.dumps({"text": ARTICLE, "outlet": "Valley Post"}) + "\n" + json.dumps({"title": "x"}) + "\n"
    r = fresh_app().post("/articles", files=[("files", ("batch.jsonl", lines.encode(), "application/x-ndjson"))])
    assert r.status_code == 201, r.text
    assert r.json()["ingested"][0]["outlet"] == "Valley Post"
    assert [x["path"] for x in r.json()["rejected"]] == ["upload/batch.jsonl:2"]


def test_oversize_body_by_content_length_is_413(fresh_app) -> None:  # type: ignore[no-untyped-def]
    c = fresh_app(max_body_bytes=1000)
    r = c.post("/articles", json={"text": "x" * 2000})
    err = assert_error(r, 413, "payload_too_large")
    assert err["detail"] == {"max_body_bytes": 1000}
    assert c.get("/health").json()["counts"]["articles"] == 0


def test_oversize_streamed_body_without_length_is_413(fresh_app) -> None:  # type: ignore[no-untyped-def]
    c = fresh_app(max_body_bytes=1000)

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(10):
            yield b"y" * 200
        yield b'"}'

    r = c.post("/articles", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in {k.lower() for k in r.request.headers}
    assert_error(r, 413, "payload_too_large")


def test_writes_need_the_token_when_one_is_set(fresh_app) -> None:  # type: ignore[no-untyped-def]
    c = fresh_app(token="s3cret")
    r = c.post("/articles", json={"text": ARTICLE})
    assert_error(r, 401, "unauthorized")
    assert r.headers["www-authenticate"] == "Bearer"
    assert_error(c.post("/articles", json={"text": ARTICLE}, headers={"Authorization": "Bearer nope"}), 401,
                 "unauthorized")
    assert_error(c.post("/articles", json={"text": ARTICLE}, headers={"Authorization": "Basic s3cret"}), 401,
                 "unauthorized")
    r = c.post("/articles", json={"text": ARTICLE}, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 201, r.text
    assert c.get("/stories").status_code == 200  # reads stay open


# -- reads ----------------------------------------------------------------------------------------------------


def test_health(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["counts"]["articles"] == 5 and body["version"]


def test_stories_paging(client: TestClient) -> None:
    everything = client.get("/stories", params={"limit": 200}).json()
    assert everything["total"] == len(everything["stories"]) >= 2
    ids = [s["id"] for s in everything["stories"]]
    first = client.get("/stories", params={"limit": 1}).json()
    second = client.get("/stories", params={"limit": 1, "offset": 1}).json()
    assert [s["id"] for s in first["stories"] + second["stories"]] == ids[:2]
    assert first["total"] == everything["total"] and first["limit"] == 1
    assert client.get("/stories", params={"offset": 999}).json()["stories"] == []
    s = everything["stories"][0]
    assert set(s) == {"id", "headline", "first_date", "last_date", "outlets", "n_articles", "storyline_id", "url"}
    dates = [x["last_date"] for x in everything["stories"] if x["last_date"]]
    assert dates == sorted(dates, reverse=True)  # newest first


def test_stories_filters(client: TestClient) -> None:
    voa = client.get("/stories", params={"outlet": "voa"}).json()["stories"]
    assert voa and all("VOA" in s["outlets"] for s in voa)
    since = client.get("/stories", params={"since": "2013-05-20"}).json()["stories"]
    assert since and all((s["last_date"] or s["first_date"]) >= "2013-05-20" for s in since)
    until = client.get("/stories", params={"until": "2013-05-10"}).json()["stories"]
    assert until and all(s["first_date"] <= "2013-05-10" for s in until)
    both = client.get("/stories", params={"since": "2013-05-01", "until": "2013-05-31"}).json()["total"]
    assert both <= client.get("/stories").json()["total"]
    hits = client.get("/stories", params={"q": "Moallem"}).json()["stories"]
    assert hits and any("RFE/RL" in s["outlets"] for s in hits)
    assert client.get("/stories", params={"q": "zzzqqq"}).json()["total"] == 0


def test_stories_bad_query_is_422(client: TestClient) -> None:
    err = assert_error(client.get("/stories", params={"limit": 0}), 422, "validation_error")
    assert err["detail"][0]["loc"] == ["query", "limit"]
    assert_error(client.get("/stories", params={"since": "last week"}), 422, "validation_error")
    assert_error(client.get("/stories", params={"limit": "many"}), 422, "validation_error")


def test_story_json_is_the_cli_shape(client: TestClient, story_id: str) -> None:
    r = client.get(f"/stories/{story_id}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"articles", "rejected", "duplicates", "stories"}
    (story,) = body["stories"]
    assert story["id"] == story_id and story["summary"]
    texts = {a["id"]: a["text"] for a in body["articles"]}
    for line in story["summary"]:
        for c in line["citations"]:
            assert texts[c["article_id"]][c["start"] : c["end"]].strip()
    assert r.json() == json.loads(client.get(f"/stories/{story_id}.json").text)


def test_story_is_built_once_then_cached(client: TestClient, story_id: str) -> None:
    service: NewsService = client.app.state.store_thread.service  # type: ignore[attr-defined]
    client.get(f"/stories/{story_id}")
    n = len(service.cache)
    client.get(f"/stories/{story_id}.md")
    client.get(f"/stories/{story_id}", headers={"accept": "text/html"})
    assert len(service.cache) == n >= 1


def test_unknown_ids_are_404(client: TestClient) -> None:
    assert_error(client.get("/stories/st-nope"), 404, "not_found")
    assert_error(client.get("/stories/st-nope.md"), 404, "not_found")
    assert_error(client.get("/articles/nope"), 404, "not_found")
    assert_error(client.get("/no/such/route"), 404, "not_found")
    assert_error(client.delete("/stories"), 405, "method_not_allowed")


def test_browser_gets_an_html_404_page_for_an_unknown_story(client: TestClient) -> None:
    r = client.get("/stories/st-<b>nope", headers={"accept": "text/html,application/xhtml+xml"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "no story with id" in r.text and "<b>nope" not in r.text


def test_story_page_and_list_page(client: TestClient, story_id: str) -> None:
    page = client.get(f"/stories/{story_id}", headers={"accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"] and page.headers["vary"] == "Accept"
    assert 'class="cite"' in page.text
    index = client.get("/")
    assert index.status_code == 200 and f'href="/stories/{story_id}"' in index.text
    assert client.get("/", params={"q": "Moallem"}).text.count('class="story-item"') >= 1
    assert client.get("/static/story.js").status_code == 200


def test_search(client: TestClient) -> None:
    body = client.get("/search", params={"q": "Kerry Lavrov", "limit": 3}).json()
    assert body["q"] == "Kerry Lavrov" and 1 <= len(body["hits"]) <= 3
    assert {"kind", "id", "title", "snippet", "score", "story_id", "date"} == set(body["hits"][0])
    assert client.get("/search", params={"q": "\"'*) OR ("}).status_code == 200  # FTS syntax is quoted away
    assert_error(client.get("/search"), 422, "validation_error")
    assert_error(client.get("/search", params={"q": "x", "limit": 1000}), 422, "validation_error")


def test_article(client: TestClient, seeded: tuple[TestClient, dict[str, Any], Path]) -> None:
    aid = seeded[1]["ingested"][0]["id"]
    a = client.get(f"/articles/{aid}").json()
    assert a["id"] == aid and a["text"] and a["sentences"] and a["story_id"]
    s = a["sentences"][0]
    assert a["text"][s["start"] : s["end"]].strip()


def test_exports_content_types(client: TestClient, story_id: str) -> None:
    md = client.get(f"/stories/{story_id}.md")
    assert md.headers["content-type"].startswith("text/markdown")
    assert md.text.startswith("# ") and "## Summary" in md.text
    html = client.get(f"/stories/{story_id}.html")
    assert html.headers["content-type"].startswith("text/html")
    assert html.text.startswith("<!doctype html>")
    csp = html.headers["content-security-policy"]
    assert "'unsafe-inline'" not in csp and "script-src 'sha256-" in csp and "frame-ancestors 'none'" in csp
    js = client.get(f"/stories/{story_id}.json")
    assert js.headers["content-type"].startswith("application/json")
    assert json.loads(js.text)["stories"][0]["id"] == story_id


def test_html_export_equals_cli_render(seeded: tuple[TestClient, dict[str, Any], Path], story_id: str) -> None:
    client, _, db = seeded
    other = NewsService(ApiSettings(db_path=db, embedder="lexical"))  # a second, independent reader
    try:
        digest = other.story_brief(story_id).digest()
    finally:
        other.close()
    assert client.get(f"/stories/{story_id}.html").text == render(digest, "html")
    assert client.get(f"/stories/{story_id}.md").text == render(digest, "md")
    assert client.get(f"/stories/{story_id}.json").text == render(digest, "json")


def test_openapi_and_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/articles", "/stories", "/stories/{story_id}", "/search", "/articles/{article_id}", "/health",
                 "/stories/{story_id}.md"):
        assert path in spec["paths"], path
    body = spec["paths"]["/articles"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)
    assert client.get("/docs").status_code == 200


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_load_their_assets_from_this_server(client: TestClient, page: str) -> None:
    import re

    html = client.get(page).text
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/") for a in assets), assets  # nothing from a CDN
    for a in assets:
        r = client.get(a)
        assert r.status_code == 200 and len(r.content) > 1000, a
    assert "'self'" in client.get(page).headers["content-security-policy"]


def test_security_headers(client: TestClient) -> None:
    r = client.get("/health")
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_story_list_names_an_unnamed_outlet_and_its_year(client: TestClient) -> None:
    stories = client.get("/stories").json()["stories"]
    blog = next(s for s in stories if "unknown outlet" in s["outlets"])
    assert blog["outlets"] == ["unknown outlet"] and blog["n_articles"] == 1
    assert all(o for s in stories for o in s["outlets"])  # never an empty outlet list or a blank name
    page = client.get("/", headers={"Accept": "text/html"}).text
    assert "2016-01-01" not in page and ">2016<" in page


def test_ingest_into_a_store_clustered_with_other_features_answers_409(fresh_app) -> None:  # type: ignore[no-untyped-def]
    from newsweave.incremental import FEATURES_KEY
    from newsweave.store import open_store

    c = fresh_app()
    assert c.post("/articles", json={"text": ARTICLE}).status_code == 201
    service: NewsService = c.app.state.store_thread.service  # type: ignore[attr-defined]
    with open_store(service.settings.db_path) as other:  # as made by another embedder
        other.set_meta(FEATURES_KEY, "minilm; lexical v1 x1024")
    service._ingestor = None  # noqa: SLF001 - as a fresh server process would start
    other = ("The city council approved a new budget on Monday after a long debate over school funding.\n\n"
             "Council members voted seven to two for the plan, which raises spending on libraries and parks.\n\n"
             "The mayor said the budget would be signed into law by the end of the week.")
    r = c.post("/articles", json={"text": other})
    err = assert_error(r, 409, "store_mismatch")
    assert "--embedder" in err["message"]
    assert c.get("/stories").status_code == 200  # reading the store still works
