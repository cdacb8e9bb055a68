from __future__ import annotations

import datetime as dt
import json

from newsweave.render import render
from newsweave.types import (
    Article,
    Citation,
    Digest,
    PublishedDate,
    Reject,
    Sentence,
    Story,
    StoryReport,
    SummaryLine,
)

EVIL = 'Hello <script>alert(1)</script> and <img src=x onerror="alert(2)">.'


def make_digest() -> Digest:
    text = EVIL + " Second sentence here."
    a = Article(
        id="a1", path="x.txt", text=text, sentences=(Sentence(0, 0, len(EVIL)), Sentence(1, len(EVIL) + 1, len(text))),
        title="<b>Title</b>", outlet="Evil <Outlet>", published=PublishedDate(dt.date(2025, 1, 2), "day", 0.9, "x"),
    )
    story = Story("s1", ("a1",), "<i>Headline</i>", dt.date(2025, 1, 2), dt.date(2025, 1, 2))
    line = SummaryLine(EVIL, (Citation("a1", 0, 0, len(EVIL)),))
    return Digest((a,), (Reject("bad<.txt", "empty file"),), (StoryReport(story, (line,)),))


def test_html_escapes_everything_from_articles() -> None:
    html = render(make_digest(), "html")
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>Title</b>" not in html and "<i>Headline</i>" not in html
    assert "Evil &lt;Outlet&gt;" in html
    assert html.count("<script>") == 1  # only our own tiny script


def test_json_and_markdown_round_trip_fields() -> None:
    d = json.loads(render(make_digest(), "json"))
    assert d["rejected"] == [{"path": "bad<.txt", "reason": "empty file"}]
    assert d["stories"][0]["summary"][0]["citations"][0]["outlet"] == "Evil <Outlet>"
    assert d["articles"][0]["published"]["date"] == "2025-01-02"
    md = render(make_digest(), "md")
    assert "[Evil \\<Outlet\\>]" in md and "## Not processed" in md  # raw HTML is escaped in Markdown too


def test_unknown_format() -> None:
    try:
        render(make_digest(), "pdf")
    except ValueError as e:
        assert "pdf" in str(e)
    else:
        raise AssertionError("expected ValueError")
