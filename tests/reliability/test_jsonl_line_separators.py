"""Issue 17, defect 5: JSONL lines end at LF (or CRLF / CR) only. U+2028, U+2029 and U+0085 inside a JSON string
are text, not line ends (``str.splitlines`` broke such lines in two), and later line numbers stay right. (U+0085,
a C1 control, is then read as a space, like every word-separating control: ``textutil.clean_chars``.)"""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from newsweave.config import Settings
from newsweave.ingest import read_sources
from newsweave.serve import ApiSettings, create_app

BODY = ("Flood waters rose across the northern valley on Tuesday, forcing thousands of residents to leave.\n\n"
        "Officials said the river reached its highest level in forty years and that more rain was expected.\n\n"
        "Emergency crews evacuated two hospitals and set up shelters in schools across the region.")
SEPARATORS = ("\u2028", "\u2029", "\u0085")
KEPT = ("\u2028", "\u2029", " ")


def _rows() -> list[str]:
    return [json.dumps({"text": BODY + f" Line{sep}{i}.", "title": f"Floods{sep}{i}"}, ensure_ascii=False)
            for i, sep in enumerate(SEPARATORS)]


def test_unicode_line_separators_inside_strings_do_not_split_lines(tmp_path: Path) -> None:
    rows = _rows()
    (tmp_path / "a.jsonl").write_text("\n".join([rows[0], rows[1], "not json", "", rows[2]]) + "\n",
                                      encoding="utf-8")
    r = read_sources([str(tmp_path / "a.jsonl")], Settings())
    assert [Path(d.origin).name for d in r.docs] == ["a.jsonl:1", "a.jsonl:2", "a.jsonl:5"]
    assert [Path(x.path).name for x in r.rejected] == ["a.jsonl:3"]
    assert r.rejected[0].reason.startswith("invalid JSON on line 3")
    for i, (d, kept) in enumerate(zip(r.docs, KEPT, strict=True)):
        assert f"Line{kept}{i}." in d.content and d.title_hint == f"Floods{kept}{i}"


def test_crlf_and_cr_line_ends(tmp_path: Path) -> None:
    rows = _rows()
    (tmp_path / "crlf.jsonl").write_bytes("\r\n".join(rows).encode("utf-8") + b"\r\n")
    (tmp_path / "cr.jsonl").write_bytes("\r".join(r.replace("Floods", "Rain") for r in rows).encode("utf-8"))
    r = read_sources([str(tmp_path)], Settings())
    assert [Path(d.origin).name for d in r.docs] == ["cr.jsonl:1", "cr.jsonl:2", "cr.jsonl:3"]
    assert [x.reason for x in r.rejected] == [f"exact duplicate of {d.origin} (id {d.id})" for d in r.docs]
    assert [Path(x.path).name for x in r.rejected] == ["crlf.jsonl:1", "crlf.jsonl:2", "crlf.jsonl:3"]
    assert [d.title_hint for d in r.docs] == [f"Rain{kept}{i}" for i, kept in enumerate(KEPT)]


def test_api_keeps_separators_in_json_bodies_escaped_or_not(tmp_path: Path) -> None:
    with TestClient(create_app(ApiSettings(db_path=tmp_path / "nw.db", embedder="lexical")),
                    raise_server_exceptions=False) as c:
        arts = [json.loads(row) for row in _rows()]
        r = c.post("/articles", json={"articles": arts})  # escaped (\u2028) in the body
        assert r.status_code == 201, r.text
        out = r.json()
        assert out["rejected"] == [] and len(out["ingested"]) + len(out["duplicates"]) == 3
        upload = "\n".join(_rows()).encode("utf-8")  # raw in an uploaded JSONL file
        r = c.post("/articles", files=[("files", ("more.jsonl", upload, "application/x-ndjson"))])
        assert r.status_code == 200, r.text
        assert [x["reason"] for x in r.json()["rejected"]] == []
