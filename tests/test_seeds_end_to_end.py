"""Golden end-to-end checks on the five real seed articles (read from ../shared/seeds)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from newsweave.render import render
from newsweave.types import Digest

BOILERPLATE = [
    "Accessibility links", "Breaking News", "16x9 Image", "please wait", "0:00 0:01:40 0:00", "XS\nSM",
    "View Caption", "About video ads", "Recommended:", "Newsletters", "Save for later", "Failed to save",
    "View Saved Items", "Monday, June 24, 2024", "Sergey Lavrov, John Kerry, Syrian Civil War", "Comments",
    "Top Brokers", "Popular Links", "RFE/RL journalists report", "The Voice of America provides",
    "Get the Monitor stories", "saved items", "AP Photo", "Make a Difference", "We want to hear",
]


def by_file(d: Digest) -> dict[str, object]:
    return {Path(a.path).name[:3]: a for a in d.articles}


def test_five_articles_none_rejected(seed_digest: Digest) -> None:
    assert len(seed_digest.articles) == 5
    assert seed_digest.rejected == ()


def test_outlets(seed_digest: Digest) -> None:
    arts = by_file(seed_digest)
    assert {k: a.outlet for k, a in arts.items()} == {  # type: ignore[attr-defined]
        "000": "RFE/RL", "001": "VOA", "002": "Christian Science Monitor", "003": None, "004": "Dhaka Tribune",
    }


def test_titles_are_headlines(seed_digest: Digest) -> None:
    arts = by_file(seed_digest)
    assert arts["000"].title == "Kerry, Lavrov Meeting On Syria"  # type: ignore[attr-defined]
    assert arts["004"].title == "Russia, US seek to convene Syria peace conference"  # type: ignore[attr-defined]


def test_no_boilerplate_left(seed_digest: Digest) -> None:
    for a in seed_digest.articles:
        for junk in BOILERPLATE:
            assert junk not in a.text, (a.path, junk)
    # ... and the article bodies are still there.
    texts = " ".join(a.text for a in seed_digest.articles)
    for kept in ("at least 94,000 people", "more than 80,000 people", "More than 70,000 people", "Kiruna",
                 "Saturday’s phone conversation", "Islamic State"):
        assert kept in texts


def test_dates(seed_digest: Digest) -> None:
    arts = by_file(seed_digest)
    dhaka = arts["004"].published  # type: ignore[attr-defined]
    assert (dhaka.date, dhaka.precision) == (dt.date(2013, 5, 8), "day")
    assert "08 May 2013" in dhaka.evidence
    zurich = arts["003"].published  # type: ignore[attr-defined]
    assert zurich.date is not None and zurich.date.year == 2016 and zurich.evidence
    for a in seed_digest.articles:
        if a.published.date is not None:
            assert a.published.date <= dt.date(2026, 11, 30)
            assert 0 < a.published.confidence <= 1 and a.published.evidence


def test_every_citation_holds_its_sentence(seed_digest: Digest) -> None:
    arts = {a.id: a for a in seed_digest.articles}
    assert seed_digest.stories
    for story in seed_digest.stories:
        assert story.summary
        for line in story.summary:
            src = line.citations[0]
            assert arts[src.article_id].text[src.start : src.end] == line.text
            for c in line.citations:
                a = arts[c.article_id]
                s = a.sentences[c.sentence_index]
                assert (s.start, s.end) == (c.start, c.end)


def test_some_line_is_supported_by_two_outlets(seed_digest: Digest) -> None:
    arts = {a.id: a for a in seed_digest.articles}
    best = max(len({arts[c.article_id].label for c in line.citations})
               for s in seed_digest.stories for line in s.summary)
    assert best >= 2


def test_summary_length_near_budget(seed_digest: Digest) -> None:
    for s in seed_digest.stories:
        n = sum(len(line.text.split()) for line in s.summary)
        assert 40 <= n <= 120


def test_json_contract(seed_digest: Digest) -> None:
    d = json.loads(render(seed_digest, "json"))
    assert set(d) >= {"articles", "rejected", "stories"}
    a = d["articles"][0]
    assert set(a) >= {"id", "path", "outlet", "title", "byline", "language", "text", "published", "sentences"}
    assert set(a["published"]) == {"date", "precision", "confidence", "evidence"}
    assert set(a["sentences"][0]) >= {"index", "start", "end"}
    s = d["stories"][0]
    assert set(s) >= {"id", "headline", "article_ids", "first_date", "last_date", "summary"}
    texts = {x["id"]: x["text"] for x in d["articles"]}
    for line in s["summary"]:
        assert set(line) >= {"text", "citations"}
        c = line["citations"][0]
        assert texts[c["article_id"]][c["start"] : c["end"]] == line["text"]


def test_markdown_lists_outlets_beside_lines(seed_digest: Digest) -> None:
    md = render(seed_digest, "md")
    assert md.startswith("# ")
    assert "## Summary" in md and "## Sources" in md
    assert any(line.startswith("- ") and "[" in line and "]" in line for line in md.splitlines())
    assert "Dhaka Tribune" in md
