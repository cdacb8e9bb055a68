"""Counts, outlets and date ranges as a reader sees them, in every output."""

from __future__ import annotations

import datetime as dt
import json

from newsweave.render import render
from newsweave.render.labels import cited_outlets, coverage, plural, source_files, source_tag, story_dates
from newsweave.types import (
    UNKNOWN_OUTLET,
    Article,
    Citation,
    Digest,
    PublishedDate,
    Sentence,
    Story,
    StoryReport,
    SummaryLine,
    date_span,
    endpoint_precision,
)

D = dt.date


def _article(aid: str, outlet: str | None, published: PublishedDate) -> Article:
    text = "The council approved the new harbour budget on Tuesday after a long debate."
    return Article(id=aid, path=f"inbox/{aid}.txt", text=text, sentences=(Sentence(0, 0, len(text)),),
                   title="Budget approved", outlet=outlet, published=published)


def test_plural() -> None:
    assert plural(1, "article") == "1 article"
    assert plural(0, "article") == "0 articles"
    assert plural(2, "story", "stories") == "2 stories"


def test_date_span_at_precision() -> None:
    assert date_span(D(2016, 1, 1), D(2016, 1, 1), "year", "year") == "2016"
    assert date_span(D(2013, 4, 1), D(2013, 5, 27), "month", "day") == "2013-04 – 2013-05-27"
    assert date_span(D(2013, 5, 8), D(2013, 5, 27)) == "2013-05-08 – 2013-05-27"
    assert date_span(D(2013, 5, 8), D(2013, 5, 8)) == "2013-05-08"
    assert date_span(None, None) == "undated"
    assert date_span(D(2013, 5, 8), None) == "2013-05-08"
    assert date_span(D(2013, 5, 8), D(2013, 5, 26), "day", "month") == "2013-05"
    assert date_span(D(2016, 1, 1), D(2016, 3, 2), "year", "day") == "2016"
    assert date_span(D(2013, 4, 30), D(2013, 5, 26), "day", "month") == "2013-04-30 – 2013-05"


def test_endpoint_precision_is_the_finest_among_articles_of_that_date() -> None:
    dated = [(D(2016, 1, 1), "year"), (D(2016, 1, 1), "day"), (D(2013, 5, 1), "month"), (None, None)]
    assert endpoint_precision(D(2016, 1, 1), dated) == "day"  # type: ignore[arg-type]
    assert endpoint_precision(D(2013, 5, 1), dated) == "month"  # type: ignore[arg-type]
    assert endpoint_precision(D(2020, 1, 1), dated) == "day"  # type: ignore[arg-type]


def test_coverage_never_counts_a_missing_outlet_as_one() -> None:
    year = PublishedDate(D(2016, 1, 1), "year", 0.4)
    named = [_article("a", "VOA", year), _article("b", "RFE/RL", year)]
    unnamed = [_article("c", None, year), _article("d", None, year)]
    assert coverage(named) == "2 articles from 2 outlets"
    assert coverage(named + unnamed[:1]) == "3 articles from 2 outlets (1 from an unknown outlet)"
    assert coverage(unnamed) == "2 articles from unknown outlets"
    assert coverage(unnamed[:1]) == "1 article from an unknown outlet"


def _digest(outlet: str | None, published: PublishedDate) -> Digest:
    a = _article("a1", outlet, published)
    story = Story(id="s1", article_ids=("a1",), headline="Budget approved", first_date=published.date,
                  last_date=published.date)
    line = SummaryLine(a.text, (Citation("a1", 0, 0, len(a.text)),))
    return Digest(articles=(a,), rejected=(), stories=(StoryReport(story=story, summary=(line,)),), duplicates=())


def test_unnamed_outlet_and_year_date_in_every_format() -> None:
    d = _digest(None, PublishedDate(D(2016, 1, 1), "year", 0.6))
    md = render(d, "md")
    head, sources = md.split("## Sources")
    assert "1 article from an unknown outlet · 2016*" in head
    assert "2016-01-01" not in md
    assert "a1.txt" not in head and f"[{UNKNOWN_OUTLET}]" in head
    assert "inbox/a1.txt" in sources and f"**{UNKNOWN_OUTLET}**" in sources
    html = render(d, "html")
    assert '<span class="dates">2016</span>' in html
    assert '<span class="coverage">1 article from an unknown outlet</span>' in html
    head_html, sources_html = html.split("<h2>Sources</h2>")
    assert "a1.txt" in sources_html
    # outside the sources list the file name only tells an unnamed source's citation apart, never as an outlet
    assert head_html.count("a1.txt") == head_html.count(f"{UNKNOWN_OUTLET} \u00b7 a1.txt") >= 1
    j = json.loads(render(d, "json"))
    assert j["articles"][0]["outlet"] is None
    assert j["stories"][0]["outlets"] == [UNKNOWN_OUTLET]
    assert j["stories"][0]["summary"][0]["citations"][0]["outlet"] == UNKNOWN_OUTLET


def test_story_dates_from_articles() -> None:
    d = _digest("VOA", PublishedDate(D(2013, 5, 1), "month", 0.6))
    r = d.stories[0]
    assert story_dates(r.story, d.articles) == "2013-05"


def test_entity_reach_counts_named_outlets_else_mentions() -> None:
    from newsweave.render.labels import entity_reach
    from newsweave.types import UNKNOWN_OUTLET, Entity

    assert entity_reach(Entity("Kerry", "person", outlets=("VOA", "RFE/RL"), mentions=9)) == "2 outlets"
    assert entity_reach(Entity("Kerry", "person", outlets=(UNKNOWN_OUTLET, "VOA"), mentions=9)) == (
        "1 outlet and unknown ones")
    # eighteen unnamed files are not "1 outlet"
    assert entity_reach(Entity("Gingrich", "person", outlets=(UNKNOWN_OUTLET,), mentions=14)) == "14 mentions"
    assert entity_reach(Entity("Gingrich", "person", outlets=(UNKNOWN_OUTLET,), mentions=1)) == "1 mention"


def test_cited_outlets_count_unnamed_sources_once_each() -> None:
    year = PublishedDate(D(2016, 1, 1), "year", 0.4)
    ap, ap2 = _article("a", "Associated Press", year), _article("b", "Associated Press", year)
    d1, d4, d4_again = _article("c", None, year), _article("d", None, year), _article("d", None, year)
    assert cited_outlets([ap, d1]) == f"Associated Press, {UNKNOWN_OUTLET}"
    # three unnamed files are three sources, named after the outlets, not "unknown outlet, unknown outlet"
    assert cited_outlets([d1, ap, d4, ap2, d4_again]) == f"Associated Press, {UNKNOWN_OUTLET} \u00d72"
    assert cited_outlets([]) == ""
    assert source_tag(ap) == "Associated Press"
    assert source_tag(d4) == f"{UNKNOWN_OUTLET} \u00b7 d.txt"


def test_source_files_tell_unnamed_sources_apart_by_the_shortest_path_end() -> None:
    from dataclasses import replace

    year = PublishedDate(D(2016, 1, 1), "year", 0.4)
    base = _article("x", None, year)
    a = replace(base, id="a", path="docs/d30003t/D10.txt")
    b = replace(base, id="b", path="docs/d30050t/D10.txt")
    c = replace(base, id="c", path="docs/d30050t/D4.txt")
    named = replace(base, id="n", path="docs/d30050t/D9.txt", outlet="VOA")
    files = source_files([a, b, c, named])
    assert files == {"a": "d30003t/D10.txt", "b": "d30050t/D10.txt", "c": "D4.txt"}
    assert source_tag(a, files["a"]) == f"{UNKNOWN_OUTLET} \u00b7 d30003t/D10.txt"
    assert source_tag(named) == "VOA"  # the outlet's only article: its name tells it apart
    other = replace(named, id="m", path="docs/d30051t/D9.txt")  # a second VOA article: both get their file
    both = source_files([a, named, other])
    assert both["n"] == "d30050t/D9.txt" and both["m"] == "d30051t/D9.txt" and both["a"] == "D10.txt"
    assert source_tag(other, both["m"]) == "VOA \u00b7 d30051t/D9.txt"
    assert "n" not in source_files([named, replace(named, id="copy")])  # the same path twice: one source
    win, slash = replace(base, id="w", path="C:\\inbox\\note.txt"), replace(base, id="s", path="inbox/")
    assert source_tag(win) == f"{UNKNOWN_OUTLET} \u00b7 note.txt" and source_tag(slash) == f"{UNKNOWN_OUTLET} \u00b7 inbox"
