"""``newsweave timeline``: the JSON contract (citations slice their article's text to the sentence, at most L
dates and K sentences a date, every outlet reporting a sentence cited), the other formats, determinism, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from tests.conftest import SEEDS
from tests.tls.conftest import write_jsonl

runner = CliRunner()


def run_json(*args: str) -> dict[str, Any]:
    r = runner.invoke(app, ["timeline", *args, "--format", "json", "--quiet"])
    assert r.exit_code == 0, r.output
    result: dict[str, Any] = json.loads(r.stdout)
    return result


def check_contract(out: dict[str, Any], dates: int | None = None, sentences: int | None = None) -> None:
    assert set(out) == {"timeline", "articles", "rejected"}
    texts = {a["id"]: a["text"] for a in out["articles"]}
    outlets = {a["id"]: a["outlet"] or "unknown outlet" for a in out["articles"]}
    days = [e["date"] for e in out["timeline"]]
    assert days == sorted(days) and len(days) == len(set(days))
    if dates is not None:
        assert len(days) <= dates
    for e in out["timeline"]:
        assert e["sentences"]
        if sentences is not None:
            assert len(e["sentences"]) <= sentences
        for s in e["sentences"]:
            assert s["citations"]
            first = s["citations"][0]
            assert texts[first["article_id"]][first["start"]:first["end"]] == s["text"]
            cited_outlets = [c["outlet"] for c in s["citations"]]
            assert len(cited_outlets) == len(set(cited_outlets)), "one citation per outlet"
            for c in s["citations"]:
                assert c["outlet"] == outlets[c["article_id"]]
                assert texts[c["article_id"]][c["start"]:c["end"]].strip()


def test_json_contract_and_limits(bridge_jsonl: Path) -> None:
    out = run_json(str(bridge_jsonl), "--dates", "2", "--sentences", "1")
    check_contract(out, dates=2, sentences=1)
    assert len(out["timeline"]) == 2
    assert len(out["articles"]) == 4 and not out["rejected"]


def test_same_event_cites_every_outlet(bridge_jsonl: Path) -> None:
    out = run_json(str(bridge_jsonl), "--dates", "4", "--sentences", "2")
    check_contract(out, dates=4, sentences=2)
    closure = next(e for e in out["timeline"] if e["date"] == "2021-03-03")
    first = closure["sentences"][0]
    assert "cracks" in first["text"]
    assert {c["outlet"] for c in first["citations"]} == {"Valley Courier", "Coastline Herald"}


def test_from_to_bound_the_dates(bridge_jsonl: Path) -> None:
    out = run_json(str(bridge_jsonl), "--from", "2021-03-06", "--to", "2021-03-31")
    check_contract(out)
    assert out["timeline"] and all("2021-03-06" <= e["date"] <= "2021-03-31" for e in out["timeline"])


def test_deterministic(bridge_jsonl: Path) -> None:
    assert run_json(str(bridge_jsonl)) == run_json(str(bridge_jsonl))


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_markdown_and_html(bridge_jsonl: Path, fmt: str) -> None:
    r = runner.invoke(app, ["timeline", str(bridge_jsonl), "--dates", "4", "--format", fmt, "--quiet"])
    assert r.exit_code == 0, r.output
    assert "2021-03-03" in r.stdout and "Harlow Bay" in r.stdout
    if fmt == "html":
        assert "Content-Security-Policy" in r.stdout and "<script>alert" not in r.stdout


def test_hostile_text_is_escaped_in_html(tmp_path: Path) -> None:
    rows = [{"id": "x", "outlet": "Test Wire", "published": "2021-05-02",
             "text": "Protesters marched on May 1 carrying banners reading <script>alert(1)</script> through "
                     "the centre of the town. Police said the march passed off peacefully and without arrests."}]
    r = runner.invoke(app, ["timeline", str(write_jsonl(tmp_path / "x.jsonl", rows)), "--format", "html", "-q"])
    assert r.exit_code == 0, r.output
    assert "<script>alert(1)" not in r.stdout


def test_out_file(bridge_jsonl: Path, tmp_path: Path) -> None:
    target = tmp_path / "t.json"
    r = runner.invoke(app, ["timeline", str(bridge_jsonl), "--format", "json", "--out", str(target)])
    assert r.exit_code == 0, r.output
    check_contract(json.loads(target.read_text(encoding="utf-8")))


def test_empty_input_is_a_clear_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    r = runner.invoke(app, ["timeline", str(empty), "--quiet"])
    assert r.exit_code != 0
    assert "no article could be read" in r.output or "no input" in r.output.lower()


def test_bad_options(bridge_jsonl: Path) -> None:
    assert runner.invoke(app, ["timeline", str(bridge_jsonl), "--from", "March"]).exit_code == 2
    assert runner.invoke(app, ["timeline", str(bridge_jsonl), "--from", "2021-04-01", "--to", "2021-03-01"]
                         ).exit_code == 2
    assert runner.invoke(app, ["timeline", str(bridge_jsonl), "--dates", "0"]).exit_code == 2
    assert runner.invoke(app, ["timeline", str(bridge_jsonl), "--format", "pdf"]).exit_code == 2


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds not found")
def test_seeds_contract() -> None:
    out = run_json(str(SEEDS), "--dates", "5", "--sentences", "2")
    check_contract(out, dates=5, sentences=2)
    assert out["timeline"]
