"""A digest of many stories opens with a front page: stories ranked by coverage, each linked to its brief with its
date range, coverage and top lines; one-article stories under "Other articles"; storylines linked."""

from __future__ import annotations

import datetime as dt
import re

from newsweave.render import render
from newsweave.types import Article, Digest, PublishedDate, Sentence, Story, StoryReport, SummaryLine


def _art(aid: str, outlet: str | None, day: int, text: str) -> Article:
    return Article(id=aid, path=f"{aid}.txt", text=text, sentences=(Sentence(0, 0, len(text)),), title=None,
                   outlet=outlet, published=PublishedDate(dt.date(2025, 4, day), "day", 0.9, "test"))


def _digest() -> Digest:
    specs = [  # story id, [(article id, outlet, day)], storyline
        ("s-small", [("a1", "Herald", 2)], None),
        ("s-two", [("b1", "Herald", 3), ("b2", "Ledger", 4)], "line-1"),
        ("s-three", [("c1", "Herald", 5), ("c2", "Ledger", 5), ("c3", "Radio", 6)], None),
        ("s-later", [("d1", "Herald", 20), ("d2", "Herald", 21)], "line-1"),
        ("s-lone", [("e1", None, 9)], None),
    ]
    arts, reports = [], []
    for sid, members, line in specs:
        mine = [_art(aid, outlet, day, f"Lead of {aid} on the council vote.") for aid, outlet, day in members]
        arts += mine
        days = [a.published.date for a in mine if a.published.date]
        story = Story(sid, tuple(a.id for a in mine), f"Headline {sid}", min(days), max(days), line)
        reports.append(StoryReport(story, tuple(SummaryLine(f"Line {i} of {sid}.", (a.cite(0),))
                                                for i, a in enumerate(mine[:3]))))
    return Digest(articles=tuple(arts), rejected=(), stories=tuple(reports), duplicates=())


def test_markdown_front_page_ranks_links_and_collects_single_articles() -> None:
    md = render(_digest(), "md")
    front, _, rest = md.partition("## Other articles")
    assert front.startswith("# Front page")
    ranked = re.findall(r"^\d+\. \*\*\[Headline (s-[a-z]+)\]\(#(s-[a-z]+)\)\*\*", front, re.M)
    assert [a for a, b in ranked if a == b] == ["s-three", "s-two", "s-later"]  # 3 outlets, 2 outlets, 1 outlet
    assert "    - Line 0 of s-three." in front and "    - Line 1 of s-three." in front
    assert "Line 2 of s-three." not in front  # two top lines only
    others = rest.split("\n# ", 1)[0]
    assert "[Headline s-small](#s-small)" in others and "[Headline s-lone](#s-lone)" in others
    for sid in ("s-small", "s-two", "s-three", "s-later", "s-lone"):  # with a front page
        assert f'<a id="{sid}"></a>\n\n# Headline {sid}' in md  # every link has its target
    assert "Part of a storyline with 1 other story here: [Headline s-two](#s-two)" in md


def test_html_export_front_page_has_the_same_index_and_no_file_names_as_outlets() -> None:
    html = render(_digest(), "html")
    nav = html.split('<nav class="contents"', 1)[1].split("</nav>", 1)[0]
    assert "Front page" in nav and "Other articles" in nav
    assert nav.index('href="#s-three"') < nav.index('href="#s-two"') < nav.index('href="#s-later"')
    assert nav.index("Other articles") < nav.index('href="#s-lone"')
    assert "e1.txt" not in nav and "unknown outlet" in nav
    assert 'class="storyline"' in html


def test_small_digests_have_no_front_page() -> None:
    d = _digest()
    small = Digest(articles=d.articles, rejected=(), stories=d.stories[:2], duplicates=())
    assert "# Front page" not in render(small, "md")


def test_small_digest_names_its_storyline_without_dangling_links() -> None:
    d = _digest()
    small = Digest(articles=d.articles, rejected=(), stories=(d.stories[1], d.stories[3]), duplicates=())
    md = render(small, "md")
    assert md.startswith("# Headline s-two") and "<a id" not in md and "](#" not in md
    assert "Part of a storyline with 1 other story here: “Headline s-later”" in md


def test_front_page_does_not_repeat_a_lead_headline_as_a_top_line() -> None:
    d = _digest()
    r = d.stories[2]
    lead_headed = StoryReport(Story(r.story.id, r.story.article_ids, "Line 0 of s-three", r.story.first_date,
                                    r.story.last_date), r.summary)
    md = render(Digest(articles=d.articles, rejected=(), stories=(*d.stories[:2], lead_headed, *d.stories[3:]),
                       duplicates=()), "md")
    front = md.split("## Other articles")[0]
    assert "    - Line 0 of s-three." not in front and "    - Line 1 of s-three." in front
    assert "    - Line 2 of s-three." in front


def test_markdown_lines_of_undated_articles_say_no_date_rather_than_undated_each_time() -> None:
    """Wire copy without dates: '(undated)' after every line and storyline link tells a reader nothing."""
    from dataclasses import replace

    d = _digest()
    undated = tuple(replace(a, published=PublishedDate()) if a.id in ("b1", "b2") else a for a in d.articles)
    stories = tuple(replace(r, story=replace(r.story, first_date=None, last_date=None)) if r.story.id == "s-two"
                    else r for r in d.stories)
    md = render(replace(d, articles=undated, stories=stories), "md")
    assert "- Line 0 of s-two. [Herald]\n" in md
    assert "(undated)" not in md
    assert "- Line 0 of s-three. [Herald] (2025-04-05)" in md  # dated lines keep their dates
