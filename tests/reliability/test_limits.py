"""Issue 17: limits that hold, each with a clear answer. The request body size (413, on Content-Length and on the
streamed bytes), the multipart part count (413; starlette's own cap answered 400) and the articles of one request
(413: JSON batch items, JSONL lines of a body or of uploads, before any is read, so one request cannot hold the
store's writer for minutes), and the JSONL line count of an input file for the CLI (the file rejected whole, with
the reason)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import Settings
from newsweave.errors import ConfigError
from newsweave.ingest import read_sources
from newsweave.serve import ApiSettings, create_app

BODY = ("Flood waters rose across the northern valley on Tuesday, forcing thousands of residents to leave. "
        "Officials said the river reached its highest level in forty years and that more rain was expected.")


def _error(r: object, status: int, code: str) -> dict[str, object]:
    assert r.status_code == status, r.text  # type: ignore[attr-defined]
    doc = r.json()  # type: ignore[attr-defined]
    assert set(doc) == {"error"} and doc["error"]["code"] == code and doc["error"]["message"]
    return dict(doc["error"])


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = ApiSettings(db_path=tmp_path / "nw.db", embedder="lexical", warm_up=False, max_body_bytes=4096,
                           max_parts=5, max_articles=5)
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        yield c


def test_body_size_limit_on_length_and_on_streamed_bytes(client: TestClient) -> None:
    big = json.dumps({"text": "x" * 5000}).encode()
    err = _error(client.post("/articles", content=big, headers={"content-type": "application/json"}), 413,
                 "payload_too_large")
    assert err["detail"] == {"max_body_bytes": 4096}

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(50):
            yield b"y" * 200
        yield b'"}'

    _error(client.post("/articles", content=chunks(), headers={"content-type": "application/json"}), 413,
           "payload_too_large")


def test_multipart_part_count_limit(client: TestClient) -> None:
    files = [("files", (f"a{i}.txt", b"short", "text/plain")) for i in range(6)]
    err = _error(client.post("/articles", files=files), 413, "payload_too_large")
    assert err["detail"] == {"max_parts": 5} and "more than 5 parts" in str(err["message"])
    fields = {f"f{i}": "x" for i in range(6)}
    _error(client.post("/articles", data=fields, files=files[:1]), 413, "payload_too_large")
    r = client.post("/articles", files=files[:5])  # at the limit: read (each too short: rejected)
    assert r.status_code == 200 and len(r.json()["rejected"]) == 5, r.text


def test_article_count_limit_per_request(client: TestClient) -> None:
    rows = [{"text": BODY + f" Report {i}."} for i in range(6)]
    err = _error(client.post("/articles", json={"articles": rows}), 413, "payload_too_large")
    assert err["detail"] == {"articles": 6, "max_articles": 5}
    jsonl = "\n".join(json.dumps(r) for r in rows).encode()
    _error(client.post("/articles", files=[("files", ("a.jsonl", jsonl, "application/x-ndjson"))]), 413,
           "payload_too_large")
    half = "\n\n".join(json.dumps(r) for r in rows[:3]).encode()  # 3 + 3 lines over two uploads
    _error(client.post("/articles", files=[("files", ("a.jsonl", half, "text/plain")),
                                           ("files", ("b.jsonl", half, "text/plain"))]), 413, "payload_too_large")
    _error(client.post("/articles", content=jsonl, headers={"content-type": "text/plain"}), 413,
           "payload_too_large")
    r = client.post("/articles", json={"articles": rows[:5]})
    assert r.status_code == 201 and len(r.json()["ingested"]) + len(r.json()["duplicates"]) == 5, r.text


def test_limits_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        ApiSettings(db_path=tmp_path / "x.db", max_parts=0)
    with pytest.raises(ConfigError):
        Settings(max_jsonl_lines=0)


def test_jsonl_file_over_the_line_limit_is_rejected_whole(tmp_path: Path) -> None:
    rows = [json.dumps({"text": BODY + f" Report {i}."}) for i in range(4)]
    (tmp_path / "four.jsonl").write_text("\n".join(rows) + "\n\n", encoding="utf-8")
    (tmp_path / "three.jsonl").write_text("\n".join(rows[:3]), encoding="utf-8")
    r = read_sources([str(tmp_path)], Settings(max_jsonl_lines=3))
    assert [(Path(x.path).name, x.reason) for x in r.rejected] == [
        ("four.jsonl", "JSONL file has 4 lines, over the 3-line limit (articles per file); split it into smaller "
                       "files")]
    assert [Path(d.origin).name for d in r.docs] == ["three.jsonl:1", "three.jsonl:2", "three.jsonl:3"]


def test_cli_rejects_a_jsonl_file_over_the_default_limit(tmp_path: Path) -> None:
    limit = Settings().max_jsonl_lines
    (tmp_path / "many.jsonl").write_text("{}\n" * (limit + 1), encoding="utf-8")
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    out = tmp_path / "o.json"
    r = CliRunner().invoke(app, ["digest", str(tmp_path), "-f", "json", "--embedder", "lexical", "-q",
                                 "--no-analysis", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert [x["reason"] for x in json.loads(out.read_text(encoding="utf-8"))["rejected"]] == [
        f"JSONL file has {limit + 1} lines, over the {limit}-line limit (articles per file); split it into "
        "smaller files"]
