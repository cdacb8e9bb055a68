"""Issue 17, defect 4: a lone surrogate (``"\\udfff"`` in a JSON string, a non-UTF-8 byte in a file name) is
replaced where inputs are read, so ``digest`` writes its output, ``ingest`` stores the article (and a re-run is a
no-op), and the API answers 201, not 500."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import Settings
from newsweave.ingest import read_sources
from newsweave.serve import ApiSettings, create_app

BODY = ("Flood waters rose across the northern valley on Tuesday, forcing thousands of residents to leave.\n\n"
        "Officials said the river reached its highest level in forty years and that more rain was expected.\n\n"
        "Emergency crews evacuated two hospitals and set up shelters in schools across the region.")
ARTICLE = {"text": BODY + " Lone \udfff and \ud800 here.", "title": "Floods \udfff", "outlet": "Valley \udfff Post",
           "url": "https://example.org/\udfff", "published": "2021-03-02"}
runner = CliRunner()


def _jsonl(folder: Path) -> Path:
    path = folder / "a.jsonl"
    path.write_text(json.dumps(ARTICLE) + "\n", encoding="ascii")  # json.dumps escapes them: "\udfff"
    return path


def _no_surrogates(*texts: str | None) -> bool:
    return all(t is None or not any("\ud800" <= ch <= "\udfff" for ch in t) for t in texts)


def test_reader_replaces_lone_surrogates_in_every_field(tmp_path: Path) -> None:
    r = read_sources([str(_jsonl(tmp_path))], Settings())
    assert not r.rejected and len(r.docs) == 1
    d = r.docs[0]
    assert _no_surrogates(d.content, d.title_hint, d.outlet_hint, d.url)
    assert d.title_hint == "Floods \ufffd" and d.outlet_hint == "Valley \ufffd Post"
    assert d.url == "https://example.org/\ufffd" and "Lone \ufffd and \ufffd here." in d.content


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_digest_writes_its_output(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"o.{fmt}"
    r = runner.invoke(app, ["digest", str(_jsonl(tmp_path)), "-f", fmt, "--embedder", "lexical", "-q",
                            "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "Floods \ufffd" in out.read_text(encoding="utf-8")


def test_ingest_stores_the_article_and_a_rerun_is_a_no_op(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    _jsonl(src)
    db = str(tmp_path / "nw.db")
    for _ in range(2):
        r = runner.invoke(app, ["ingest", str(src), "--db", db, "--embedder", "lexical", "-q"])
        assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["stories", "--db", db])
    assert r.exit_code == 0 and "Floods \ufffd" in r.output and len(r.output.strip().splitlines()) == 1


def test_non_utf8_file_name_is_read_and_stored(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    try:
        (Path(os.fsdecode(os.fsencode(src) + b"/caf\xe9.txt"))).write_text(BODY, encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system does not take non-UTF-8 names")
    r = read_sources([str(src)], Settings())
    assert [Path(d.origin).name for d in r.docs] == ["caf\\xe9.txt"]
    db = str(tmp_path / "nw.db")
    for _ in range(2):
        out = runner.invoke(app, ["ingest", str(src), "--db", db, "--embedder", "lexical", "-q"])
        assert out.exit_code == 0, out.output


def test_api_stores_articles_with_lone_surrogates(tmp_path: Path) -> None:
    with TestClient(create_app(ApiSettings(db_path=tmp_path / "nw.db", embedder="lexical")),
                    raise_server_exceptions=False) as c:
        r = c.post("/articles", content=json.dumps(ARTICLE).encode(), headers={"content-type": "application/json"})
        assert r.status_code == 201, r.text
        ingested = r.json()["ingested"]
        assert [(a["title"], a["outlet"]) for a in ingested] == [("Floods \ufffd", "Valley \ufffd Post")]
        assert c.get(f"/stories/{ingested[0]['story_id']}").status_code == 200
        upload = (json.dumps({**ARTICLE, "text": BODY + " Uploaded \udfff."}) + "\n").encode()
        r = c.post("/articles", files=[("files", ("b.jsonl", upload, "application/x-ndjson"))])
        assert r.status_code in (200, 201), r.text
        assert r.json()["rejected"] == []
