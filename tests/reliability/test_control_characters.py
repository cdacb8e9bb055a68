"""Issue 17: control characters (C0 but tab and line ends, DEL, C1) in an input article's title, outlet, url or text,
raw in a file or escaped in JSONL, written as character references in HTML or in a file name, reach no output raw:
``digest`` Markdown, JSON and HTML, the store's rows and the API's JSON hold none of them (C1 controls passed
through ``json.dumps`` unescaped, Markdown and HTML took C0 ones as they were, and ``&#1;`` made the HTML parser
drop the whole body)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import Settings
from newsweave.extract.html import extract_html
from newsweave.ingest import read_sources
from newsweave.serve import ApiSettings, create_app
from newsweave.textutil import clean_chars

CONTROLS = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]))
BAD = re.compile(f"[{re.escape(CONTROLS)}]")
SAMPLE = "\x00\x01\x07\x0b\x0c\x1b[31m\x7f\x85\x9b\x9f"
RAW = SAMPLE.replace("\x00", "")  # a NUL byte in a file's first 8 KiB makes it binary (a reject)
PARAS = ("Flood waters rose across the northern valley on {day}, forcing thousands of residents to leave their homes.",
         "Officials said the river reached its highest level in forty years and that more rain was expected soon.",
         "Emergency crews evacuated two hospitals and set up shelters in schools across the whole of the region.")
PLAIN = ("The regional governor toured the damaged districts by helicopter and promised money for repairs to roads, "
         "bridges and homes. Farmers said the water had ruined the spring planting on thousands of hectares, and "
         "insurers expect claims to run into the hundreds of millions.\n\nForecasters said the rain should ease "
         "by the weekend, but warned that the ground was saturated and that rivers downstream would keep rising "
         "for several days. Schools in the lowest towns will stay closed until further notice.")
runner = CliRunner()


def _body(day: str, mark: str) -> str:
    """Three paragraphs with ``mark`` inside words and between them, then two without (so a raw file's few
    control bytes do not make it look binary)."""
    marked = [p.format(day=day).replace(" the ", f" th{mark}e ", 1) + mark for p in PARAS]
    return "\n\n".join([*marked, PLAIN])


def _article(day: str, mark: str = SAMPLE) -> dict[str, str]:
    return {"text": _body(day, mark), "title": f"Floods{mark} on {day}", "outlet": f"Valley{mark} Post",
            "url": f"https://example.org/{day}{mark}", "published": f"2021-03-0{len(day) % 7 + 1}{mark}"}


def _raw_line(article: dict[str, str]) -> str:
    """A JSON line with the controls raw, not escaped (C0 ones are not valid JSON that way: the reader removes
    them from the file before the lines are parsed)."""
    line = json.dumps(article, ensure_ascii=False)
    return re.sub(r"\\u00([01][0-9a-f]|7f)", lambda m: chr(int(m.group(1), 16)), line)


def _inputs(root: Path) -> Path:
    """Controls every way an input holds them: escaped in JSONL, raw (UTF-8 C1 included) in text and in JSONL,
    character references and raw bytes in HTML, a file name."""
    root.mkdir()
    (root / "escaped.jsonl").write_text(json.dumps(_article("Monday")) + "\n", encoding="ascii")
    (root / "raw.jsonl").write_text(_raw_line(_article("Tuesday", RAW)) + "\n", encoding="utf-8")
    (root / "bell\x07name.txt").write_text(f"Floods{RAW} on Wednesday\n\n" + _body("Wednesday", RAW),
                                          encoding="utf-8")
    refs = "&#1;&#x7;&#x0B;&#12;&#x1b;&#127;&#x85;&#x9f;&#65535;"
    html = (f"<html><head><title>Floods {refs} on Thursday</title><meta name='author' content='Ann{refs} Lee'>"
            f"<meta property='og:site_name' content='Valley{refs} Post'></head><body><article>"
            + "".join(f"<p>{p}</p>" for p in _body("Thursday", refs + RAW).split("\n\n"))
            + "</article></body></html>")
    (root / "page.html").write_text(html, encoding="utf-8")
    return root


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _found(text: str) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in BAD.findall(text)})


def _json_clean(raw: str) -> list[str]:
    """Controls written raw in ``raw`` or held by any string of the JSON value it encodes (as a ``\\u`` escape)."""
    return _found(raw) + _found("".join(_strings(json.loads(raw))))


def test_clean_chars_keeps_text_and_line_ends() -> None:
    assert clean_chars("a\tb\nc\r\nd") == "a\tb\nc\r\nd"
    assert clean_chars("x\x00y\x0bz\x0cw\x85v\x9fu\x7ft\x1b[0m\udfff") == "xy z w vut[0m\ufffd"
    assert not _found(clean_chars(CONTROLS + "text"))


def test_html_character_references_to_controls_keep_the_body() -> None:
    html = ("<html><head><title>Floods &#1; here</title></head><body><article>"
            + "".join(f"<p>{p.format(day='Friday')} &#x1b;&#11;&#65535;&#12345;&#x9;</p>" for p in PARAS)
            + "</article></body></html>")
    h = extract_html(html)
    assert h.title == "Floods here" and len(h.text) > 250 and "\u3039" in h.text and not _found(h.text)


def test_reader_cleans_every_field(tmp_path: Path) -> None:
    r = read_sources([str(_inputs(tmp_path / "in"))], Settings())
    assert not r.rejected and len(r.docs) == 4
    for d in r.docs:
        assert not _found(d.content + d.origin + (d.title_hint or "") + (d.outlet_hint or "") + (d.url or "")
                          + (d.published_hint or "")), d
    assert {d.outlet_hint for d in r.docs} == {"Valley  [31m  Post", None}  # VT, FF, NEL: a space each


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_digest_outputs_hold_no_control_characters(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"o.{fmt}"
    r = runner.invoke(app, ["digest", str(_inputs(tmp_path / "in")), "-f", fmt, "--embedder", "lexical", "-q",
                            "-o", str(out)])
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert "Floods" in text and "Thursday" in text
    assert (_json_clean(text) if fmt == "json" else _found(text)) == []
    if fmt == "json":
        d = json.loads(text)
        assert len(d["articles"]) == 4 and not d["rejected"]
        assert "bell\\x07name.txt" in {Path(a["path"]).name for a in d["articles"]}


def test_store_and_exports_hold_no_control_characters(tmp_path: Path) -> None:
    db = tmp_path / "nw.db"
    r = runner.invoke(app, ["ingest", str(_inputs(tmp_path / "in")), "--db", str(db), "--embedder", "lexical", "-q"])
    assert r.exit_code == 0, r.output
    con = sqlite3.connect(db)
    try:
        tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        cells = [v for t in tables for row in con.execute(f'SELECT * FROM "{t}"') for v in row if isinstance(v, str)]
        (n,) = con.execute("SELECT count(*) FROM articles").fetchone()
    finally:
        con.close()
    assert n == 4 and cells and _found("".join(cells)) == []
    listing = runner.invoke(app, ["stories", "--db", str(db)])
    assert listing.exit_code == 0 and "Floods" in listing.output and _found(listing.output) == []
    story_id = listing.output.split("\t", 1)[0]
    for fmt in ("md", "json", "html"):
        r = runner.invoke(app, ["story", story_id, "--db", str(db), "--format", fmt])
        assert r.exit_code == 0, r.output
        assert (_json_clean(r.output) if fmt == "json" else _found(r.output)) == [], fmt


def test_api_json_holds_no_control_characters(tmp_path: Path) -> None:
    with TestClient(create_app(ApiSettings(db_path=tmp_path / "nw.db", embedder="lexical")),
                    raise_server_exceptions=False) as c:
        posted = c.post("/articles", json={"articles": [_article("Monday"), _article("Friday")]})
        assert posted.status_code == 201, posted.text
        upload = (_raw_line(_article("Sunday", RAW)) + "\n").encode("utf-8")
        uploaded = c.post("/articles", files=[("files", ("raw.jsonl", upload, "application/x-ndjson"))])
        assert uploaded.status_code in (200, 201), uploaded.text  # 200: its text is a near-copy of Monday's
        ingested = posted.json()["ingested"] + uploaded.json()["ingested"]
        stored = ingested + posted.json()["duplicates"] + uploaded.json()["duplicates"]
        assert len(stored) == 3 and not posted.json()["rejected"] and not uploaded.json()["rejected"]
        answers = [posted, uploaded, c.get("/stories"), c.get("/search", params={"q": "Floods"})]
        answers += [c.get(f"/articles/{a['id']}") for a in stored]
        answers += [c.get(f"/stories/{sid}") for sid in {a["story_id"] for a in stored}]
        answers += [c.get(f"/stories/{ingested[0]['story_id']}.json")]
        for r in answers:
            assert r.status_code in (200, 201), (r.url, r.text)
            assert _json_clean(r.text) == [], r.url
        assert {a["outlet"] for a in ingested} == {"Valley  [31m  Post"}
        for suffix in (".md", ".html"):
            r = c.get(f"/stories/{ingested[0]['story_id']}{suffix}")
            assert r.status_code == 200 and _found(r.text) == [], suffix
