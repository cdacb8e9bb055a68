"""Issue 17, defect 1: publication dates at the calendar's ends (0001-01-01, 9999-12-31) never crash date
arithmetic: not the timeline, not ``digest`` in any format, not a stored story's page or exports."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.datemath import add_months, month_end, month_start, shift_days, year_start
from newsweave.nlp import parse
from newsweave.serve import ApiSettings, create_app
from newsweave.timeline import build_timeline, references
from newsweave.timeline.resolve import Reference, resolve
from tests.analysis.fixtures import article

EXTREMES = (dt.date.min, dt.date.max)
EXPRESSIONS = (
    "on Monday", "Sunday", "next Monday", "last Friday", "yesterday", "last night", "today", "weekend",
    "this weekend", "last week", "next week", "this week", "last month", "next month", "this month", "June",
    "last June", "next December", "January 3", "December 28", "3 days ago", "two years ago", "999 days ago",
    "last year", "next year", "this year",
)
TEXT = ("The city council approved the new bridge on Monday after a long debate. The mayor said last week that "
        "construction would begin next month. Critics said yesterday that the cost was too high. "
        "The vote was seven to two, and the works start on Friday.")


def test_date_helpers_saturate_at_the_calendar_ends() -> None:
    assert shift_days(dt.date.max, 1) == dt.date.max and shift_days(dt.date.min, -30) == dt.date.min
    assert shift_days(dt.date(2024, 2, 28), 2) == dt.date(2024, 3, 1)
    assert month_end(dt.date.max) == dt.date.max and month_end(dt.date(2023, 2, 10)) == dt.date(2023, 2, 28)
    assert add_months(dt.date.max, 1) == dt.date(9999, 12, 1) and add_months(dt.date.min, -1) == dt.date.min
    assert add_months(dt.date(2024, 12, 15), 1) == dt.date(2025, 1, 1)
    assert month_start(0, 6) == dt.date.min and year_start(10_000) == dt.date(9999, 1, 1)


@pytest.mark.parametrize("day", EXTREMES, ids=str)
@pytest.mark.parametrize("precision", ["day", "month", "year"])
def test_every_expression_resolves_or_is_none_at_the_ends(day: dt.date, precision: str) -> None:
    ref = Reference(day, precision)  # type: ignore[arg-type]
    for expr in EXPRESSIONS:
        for tense in ("past", "future", "unknown"):
            r = resolve(expr, ref, tense)
            assert r is None or dt.date.min <= r[0] <= dt.date.max


def test_timeline_of_articles_dated_at_the_ends() -> None:
    arts = [article("a", "AP", TEXT, dt.date.min), article("b", "Reuters", TEXT + " More.", dt.date.max),
            article("c", "BBC", TEXT + " Undated.", None),
            article("d", "CNN", TEXT + " Monthly.", dt.date(9999, 12, 1), precision="month")]
    docs = parse([a.text for a in arts])
    refs = references(arts, docs)
    tl = build_timeline(arts, docs, lambda p, q: 1.0, refs)
    assert tl and all(dt.date.min <= e.date <= dt.date.max for e in tl)


def _jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "extreme.jsonl"
    rows = [{"text": TEXT + f" Report {i}.", "published": p, "outlet": o, "title": "Bridge approved"}
            for i, (p, o) in enumerate([("0001-01-01", "AP"), ("9999-12-31", "Reuters"), ("2020-05-05", "BBC")])]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_digest_keeps_every_article_dated_at_the_ends(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"o.{fmt}"
    r = CliRunner().invoke(app, ["digest", str(_jsonl(tmp_path)), "-f", fmt, "--embedder", "lexical", "-q",
                                 "-o", str(out)])
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert "9999" in text
    if fmt == "json":
        d = json.loads(text)
        assert len(d["articles"]) == 3 and d["rejected"] == []
        assert {a["published"]["date"] for a in d["articles"]} == {"0001-01-01", "9999-12-31", "2020-05-05"}


def test_stored_story_pages_and_exports_with_dates_at_the_ends(tmp_path: Path) -> None:
    settings = ApiSettings(db_path=tmp_path / "nw.db", embedder="lexical")
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        arts = [{"text": TEXT + f" Report {i}.", "published": p, "outlet": o, "title": "Bridge approved"}
                for i, (p, o) in enumerate([("0001-01-01", "AP"), ("9999-12-31", "Reuters"),
                                            ("0001-01-01", "BBC"), ("9999-12-31", "CNN")])]
        r = c.post("/articles", json={"articles": arts})
        assert r.status_code == 201, r.text
        stories = c.get("/stories").json()["stories"]
        assert stories
        assert {d for s in stories for d in (s["first_date"], s["last_date"])} == {"0001-01-01", "9999-12-31"}
        for s in stories:
            for path in (f"/stories/{s['id']}", f"/stories/{s['id']}.json", f"/stories/{s['id']}.md",
                         f"/stories/{s['id']}.html"):
                assert c.get(path).status_code == 200, path
            assert c.get(f"/stories/{s['id']}", headers={"accept": "text/html"}).status_code == 200
        assert c.get("/", headers={"accept": "text/html"}).status_code == 200
        assert c.get("/stories", params={"q": "bridge"}).status_code == 200
