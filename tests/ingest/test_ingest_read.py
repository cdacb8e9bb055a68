from __future__ import annotations

import io
import json
from pathlib import Path

from newsweave.config import Settings
from newsweave.ingest import decode_bytes, read_sources, read_stream

S = Settings()
BODY = (
    "City engineers closed the Old Harbour Bridge on Thursday after inspectors found cracks in two beams.\n\n"
    "The mayor said the bridge would stay shut until a full structural survey is finished.\n"
)


def reasons(result) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {Path(r.path).name: r.reason for r in result.rejected}


def test_text_html_and_jsonl_are_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><p>{BODY}</p></body></html>", encoding="utf-8")
    lines = [
        json.dumps({"text": BODY + " one", "url": "https://example.org/x", "outlet": "Example", "published": "2025-03-14"}),
        "",
        json.dumps({"html": "<p>" + BODY + " two</p>"}),
    ]
    (tmp_path / "c.jsonl").write_text("\n".join(lines), encoding="utf-8")
    r = read_sources([str(tmp_path)], S)
    assert not r.rejected
    kinds = sorted((Path(d.origin).name, d.content_type) for d in r.docs)
    assert kinds == [("a.txt", "text"), ("b.html", "html"), ("c.jsonl:1", "text"), ("c.jsonl:3", "html")]
    j1 = next(d for d in r.docs if d.origin.endswith(":1"))
    assert (j1.url, j1.outlet_hint, j1.published_hint) == ("https://example.org/x", "Example", "2025-03-14")


def test_bad_inputs_are_rejected_with_reasons_and_the_batch_continues(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "huge.txt").write_bytes(b"word " * (6 * 1024 * 1024))  # 30 MB
    (tmp_path / "invalid_utf8.txt").write_bytes(bytes(range(128, 256)) * 20)
    (tmp_path / "bad.jsonl").write_text('{"text": "fine but short"}\nnot json\n[1, 2]\n{"url": "x"}\n', encoding="utf-8")
    r = read_sources([str(tmp_path), str(tmp_path / "missing.txt")], S)
    why = reasons(r)
    assert [Path(d.origin).name for d in r.docs] == ["bad.jsonl:1", "good.txt"]
    assert "empty" in why["empty.txt"] and "empty" in why["blank.txt"]
    assert "binary" in why["binary.txt"]
    assert "encoding" in why["invalid_utf8.txt"] and "not UTF-8" in why["invalid_utf8.txt"]
    assert "limit" in why["huge.txt"] and str(S.max_bytes) in why["huge.txt"]
    assert "invalid JSON" in why["bad.jsonl:2"]
    assert "not a JSON object" in why["bad.jsonl:3"]
    assert "'text' or 'html'" in why["bad.jsonl:4"]
    assert "no such file" in why["missing.txt"]


def test_legacy_encoding_is_detected() -> None:
    text = "Le café de la gare a fermé ses portes après quarante années de service à la communauté. " * 3
    decoded, enc = decode_bytes(text.encode("cp1252"))
    assert decoded == text
    assert enc.lower().replace("_", "-") in {"cp1252", "windows-1252", "latin-1", "iso-8859-1", "iso8859-1"}


def test_exact_duplicate_inputs_are_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(BODY, encoding="utf-8")
    r = read_sources([str(tmp_path)], S)
    assert len(r.docs) == 1
    assert "duplicate" in reasons(r)["copy.txt"]


def test_stdin_stream_text_and_jsonl() -> None:
    r = read_stream(io.BytesIO(BODY.encode()), S)
    assert len(r.docs) == 1 and r.docs[0].origin == "<stdin>"
    r2 = read_stream(io.BytesIO(json.dumps({"text": BODY}).encode()), S)
    assert len(r2.docs) == 1 and r2.docs[0].origin == "<stdin>.jsonl:1"


def test_ids_are_stable_content_hashes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    first = read_sources([str(tmp_path)], S).docs[0].id
    again = read_sources([str(tmp_path / "a.txt")], S).docs[0].id
    assert first == again and len(first) == 16


def test_id_ignores_whitespace_differences(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY.replace("\n", "\r\n") + "\n\n", encoding="utf-8")
    r = read_sources([str(tmp_path)], S)
    assert len(r.docs) == 1 and "duplicate" in reasons(r)["b.txt"]
