"""The story and list pages rendered from hand-built records: every section, and hostile text only as text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from newsweave.render.views import cite_view, safe_url
from newsweave.serve.service import StoryBrief, StoryFilter, StoryPage
from newsweave.serve.web.pages import render_index, render_story_page
from newsweave.store import StoryRow
from newsweave.types import Story, StoryReport
from tests.web.sample import ATTR, IMG, SCRIPT, sample_brief

PAYLOADS = (SCRIPT, IMG, ATTR)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def parse_tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    p = _Tags()
    p.feed(html)
    return p.tags


@pytest.fixture(scope="module")
def page() -> str:
    return bytes(render_story_page(sample_brief()).body).decode()


def test_every_section_is_rendered(page: str) -> None:
    for section in ("summary", "timeline", "entities", "claims", "unique", "quotes", "sources"):
        assert f'<section id="{section}">' in page, section


def test_hostile_text_is_escaped_everywhere(page: str) -> None:
    for payload in PAYLOADS:
        assert payload not in page
    assert "&lt;script&gt;window.pwned=1" in page
    assert "<script>" not in page.replace('<script src="/static/story.js" defer></script>', "")
    tags = parse_tags(page)
    assert not [(t, a) for t, attrs in tags for a, _ in attrs if a.startswith("on")], "event handler on a tag"
    assert {t for t, _ in tags}.isdisjoint({"img", "svg", "iframe", "object", "embed"})
    assert sum(t == "script" for t, _ in tags) == 1  # only /static/story.js
    assert "javascript:" not in page  # unsafe source URL dropped, not linked
    assert 'href="https://example.org/courier"' in page


def test_citations_open_the_sentence_in_context(page: str) -> None:
    assert page.count('class="cite"') == page.count('class="cite-panel"') > 5
    assert re.search(r'<button type="button" class="cite" data-cite="cv1" aria-expanded="false" '
                     r'aria-controls="cv1"', page)
    assert '<mark class="cite-sentence">Kerry and Lavrov met in Paris on Monday' in page


def test_claims_verdicts_and_timeline_precision(page: str) -> None:
    assert '<span class="verdict verdict-differ">differ</span>' in page
    assert '<span class="verdict verdict-agree">agree</span>' in page
    assert 'datetime="2011-03-01">2011-03</time>' in page  # month precision shown as a month
    assert '<span class="badge">background</span>' in page
    assert "More than 80,000" in page and "more than 94,000" in page


def test_empty_sections_are_left_out() -> None:
    full = sample_brief()
    bare = StoryBrief(StoryReport(full.report.story, full.report.summary), full.articles, ())
    html = bytes(render_story_page(bare).body).decode()
    for section in ("timeline", "entities", "claims", "unique", "quotes"):
        assert f'id="{section}"' not in html
    assert '<section id="summary">' in html and '<section id="sources">' in html


def test_story_list_page_escapes_and_pages() -> None:
    story = Story("st-x", ("a",), f"Headline {SCRIPT}", dt.date(2020, 1, 1), dt.date(2020, 1, 3))
    page = StoryPage(total=45, limit=20, offset=20, rows=(StoryRow(story, (f"Out {IMG}",), 1),))
    html = bytes(render_index(page, StoryFilter(q=f"q {ATTR}")).body).decode()
    for payload in PAYLOADS:
        assert payload not in html
    assert 'href="/stories/st-x"' in html and "2020-01-01 – 2020-01-03" in html
    assert 'href="/?q=' in html and "offset=40" in html and "Previous" in html


def test_citation_context_and_url_guard() -> None:
    a = sample_brief().articles[0]
    s = a.sentences[2]
    from newsweave.types import Citation

    v = cite_view("x", a, Citation(a.id, 2, s.start, s.end), width=10)
    assert v.sentence == a.text[s.start : s.end] and len(v.before) == 10 and v.clipped_start
    assert safe_url("https://a.example/x") == "https://a.example/x"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil.example", "http://", None, ""):
        assert safe_url(bad) is None


def test_long_entity_lists_fold_into_details() -> None:
    from newsweave.render.views import ENTITIES_SHOWN
    from newsweave.types import Entity

    full = sample_brief()
    many = tuple(Entity(f"Person {i}", "person", mentions=20 - i) for i in range(ENTITIES_SHOWN + 3))
    brief = StoryBrief(replace(full.report, entities=many), full.articles, full.duplicates)
    html = bytes(render_story_page(brief).body).decode()
    assert "<summary>3 more names</summary>" in html
    assert html.index(f"Person {ENTITIES_SHOWN - 1}<") < html.index("<details") < html.index(f"Person {ENTITIES_SHOWN}<")


def test_unnamed_outlet_page_counts_and_names_the_file_only_in_sources_and_its_citations() -> None:
    brief = sample_brief()
    first = brief.articles[0]
    unnamed = replace(first, outlet=None, path="inbox/blog-post.txt")
    brief = replace(brief, articles=(unnamed, *brief.articles[1:]))
    html = bytes(render_story_page(brief).body).decode()
    head, sources = html.split('id="sources"', 1)
    # the file name tells the unnamed source's citation buttons apart and is never counted or shown as an outlet
    assert head.count("blog-post.txt") == head.count("unknown outlet \u00b7 blog-post.txt") >= 1
    assert "blog-post.txt" in sources
    assert "(1 from an unknown outlet)" in head


def test_list_row_shows_precision_aware_dates() -> None:
    story = Story(id="s1", article_ids=("a",), headline="Talks", first_date=dt.date(2016, 1, 1),
                  last_date=dt.date(2016, 1, 1))
    row = StoryRow(story, ("unknown outlet",), 1, "year", "year")
    html = bytes(render_index(StoryPage(1, 20, 0, (row,)), None).body).decode()
    assert "2016-01-01" not in html and ">2016<" in html
    assert "1 article<" in html and "1 story" in html
    assert "1 articles" not in html and "1 stories" not in html


def test_list_says_lead_lines_are_still_being_built() -> None:
    """A store filled by `ingest` has no briefs yet: while the server builds them, the list says so."""
    story = Story(id="s1", article_ids=("a", "b"), headline="Talks", first_date=None, last_date=None)
    bare = StoryRow(story, ("VOA",), 2)
    built = replace(bare, summary="The talks opened in Geneva.")

    def page(row: StoryRow, pending: int) -> str:
        return bytes(render_index(StoryPage(1, 20, 0, (row,)), None, pending).body).decode()

    assert "still being written: 3 story briefs to build" in page(bare, 3)
    assert "still being written" not in page(bare, 0)  # nothing queued: no promise of more
    assert "still being written" not in page(built, 3)  # this page's leads are all there
    assert "The talks opened in Geneva." in page(built, 3)


def test_export_story_is_the_web_page_story() -> None:
    """One story template: the export's story markup is the web page's, less the links that need the server."""
    from newsweave.render import render

    brief = sample_brief()
    web = bytes(render_story_page(brief).body).decode()
    export = render(brief.digest(), "html")

    def story(page: str) -> str:
        body = page[page.index("<article"): page.index("</article>")]
        body = re.sub(r'\s*<span class="exports">.*?</span>', "", body, flags=re.S)
        body = re.sub(r' <a class="raw" href="[^"]+">json</a>', "", body)
        return re.sub(r'(id="|href="#)st-sample-', r"\1", body)  # the export prefixes section ids

    assert story(export) == story(web)


def test_quotes_keep_their_quotation_marks(page: str) -> None:
    assert "<blockquote>“We will not accept &lt;img" in page
    assert "as an answer.”</blockquote>" in page


def test_unique_facts_over_the_cap_say_how_many_more() -> None:


    from newsweave.render import render
    from newsweave.render.views import UNIQUE_SHOWN
    from newsweave.types import Digest, UniqueFact

    full = sample_brief()
    fact = full.report.unique[0]
    many = tuple(UniqueFact(fact.outlet, f"Fact number {i} of the courier.", fact.citation)
                 for i in range(UNIQUE_SHOWN + 2))
    brief = StoryBrief(replace(full.report, unique=many), full.articles, full.duplicates)
    html = bytes(render_story_page(brief).body).decode()
    assert '<li class="more">2 more</li>' in html
    assert f"Fact number {UNIQUE_SHOWN - 1} " in html and f"Fact number {UNIQUE_SHOWN} " not in html
    md = render(Digest(full.articles, (), (brief.report,)), "md")
    assert f"- [{fact.outlet}] 2 more" in md and f"Fact number {UNIQUE_SHOWN} " not in md


def test_quotes_over_the_cap_fold_after_the_attributed_ones() -> None:


    from newsweave.render import render
    from newsweave.render.views import QUOTES_SHOWN
    from newsweave.types import Digest, Quote

    full = sample_brief()
    cite = full.report.quotes[0].citation
    unattributed = Quote("Nobody said this one first.", None, cite)
    said = tuple(Quote(f"Quote number {i} of the minister.", "Sergei Lavrov", cite) for i in range(QUOTES_SHOWN + 1))
    brief = StoryBrief(replace(full.report, quotes=(unattributed, *said)), full.articles, full.duplicates)
    html = bytes(render_story_page(brief).body).decode()
    assert "<summary>2 more quotes</summary>" in html
    fold = html.index('<details class="more">')
    assert html.index(f"Quote number {QUOTES_SHOWN - 1} ") < fold < html.index(f"Quote number {QUOTES_SHOWN} ")
    assert fold < html.index("Nobody said this one first.")  # the unattributed quote goes last, folded
    md = render(Digest(full.articles, (), (brief.report,)), "md")
    assert "- 2 more (all in the JSON export)" in md
    assert "Nobody said" not in md and f"Quote number {QUOTES_SHOWN} " not in md
    assert "Nobody said this one first." in render(Digest(full.articles, (), (brief.report,)), "json")


def test_a_capped_quote_list_hears_each_speaker_before_a_second_quote_from_any() -> None:


    from newsweave.render.views import QUOTES_SHOWN, StoryView
    from newsweave.types import Quote

    full = sample_brief()
    cite = full.report.quotes[0].citation
    lavrov = tuple(Quote(f"Lavrov quote {i}.", "Sergei Lavrov", cite) for i in range(QUOTES_SHOWN + 2))
    kerry = Quote("Kerry's only quote.", "John Kerry", cite)
    deal = Quote("with full executive authority", None, cite, document="communique")
    report = replace(full.report, quotes=(*lavrov, kerry, deal))
    shown = StoryView.of(report, full.articles, full.duplicates).quotes()[:QUOTES_SHOWN]
    assert [q.text for q in shown[:3]] == ["Lavrov quote 0.", "Kerry's only quote.", "with full executive authority"]
    assert sum(q.speaker == "Sergei Lavrov" for q in shown) == QUOTES_SHOWN - 2
