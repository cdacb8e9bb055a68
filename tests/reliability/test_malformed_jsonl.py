"""Issue 17, defect 3: one hostile JSONL line (nesting past the recursion limit, an integer longer than Python's
int-string-conversion limit) is that line's reject with a reason; the rest of the batch is read, and the API
answers 422 (or records the reject), never 500."""

from __future__ import annotations

import io
import json
from pathlib import Path

from fastapi.testclient import TestClient

from newsweave.config import Settings
from newsweave.ingest import read_sources, read_stream
from newsweave.serve import ApiSettings, create_app

BODY = ("Flood waters rose across the northern valley on Tuesday, forcing thousands of residents to leave.\n\n"
        "Officials said the river reached its highest level in forty years and that more rain was expected.\n\n"
        "Emergency crews evacuated two hospitals and set up shelters in schools across the region.")
DEEP = '{"text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}"
HUGE_INT = '{"text": "x", "n": 1' + "0" * 5000 + "}"


def _lines() -> str:
    return "\n".join([json.dumps({"text": BODY + " one"}), DEEP, HUGE_INT, "not json",
                      json.dumps({"text": BODY + " two"})]) + "\n"


def test_hostile_lines_are_rejected_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(_lines(), encoding="utf-8")
    r = read_sources([str(tmp_path / "a.jsonl")], Settings())
    assert [Path(d.origin).name for d in r.docs] == ["a.jsonl:1", "a.jsonl:5"]
    why = {Path(x.path).name: x.reason for x in r.rejected}
    assert why["a.jsonl:2"] == "invalid JSON on line 2: nested too deeply"
    assert why["a.jsonl:3"].startswith("invalid JSON on line 3: a number has more than 4300 digits")
    assert why["a.jsonl:4"].startswith("invalid JSON on line 4: ")


def test_stdin_jsonl_with_hostile_lines() -> None:
    r = read_stream(io.BytesIO(_lines().encode()), Settings())
    assert len(r.docs) == 2 and len(r.rejected) == 3


def test_api_answers_422_for_a_hostile_json_body_and_rejects_hostile_lines(tmp_path: Path) -> None:
    with TestClient(create_app(ApiSettings(db_path=tmp_path / "nw.db", embedder="lexical")),
                    raise_server_exceptions=False) as c:
        for body in (DEEP, HUGE_INT, '{"articles": [' + DEEP + "]}"):
            r = c.post("/articles", content=body.encode(), headers={"content-type": "application/json"})
            assert r.status_code == 422, r.text
            assert r.json()["error"]["code"] == "invalid_json"
        r = c.post("/articles", files=[("files", ("batch.jsonl", _lines().encode(), "application/x-ndjson"))])
        assert r.status_code == 201, r.text
        out = r.json()
        assert len(out["ingested"]) + len(out["duplicates"]) == 2
        reasons = " | ".join(x["reason"] for x in out["rejected"])
        assert "nested too deeply" in reasons and "digits" in reasons
