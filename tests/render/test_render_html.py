from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import re

from newsweave.render import render
from newsweave.render.environment import static_text
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
    page = render(make_digest(), "html")
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>Title</b>" not in page and "<i>Headline</i>" not in page
    assert "Evil &lt;Outlet&gt;" in page
    assert page.count("<script") == 1  # only our own script (static/story.js, inlined)
    assert '<button type="button" class="cite" data-cite="cv1"' in page  # the summary line's citation


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


def _two_stories() -> Digest:
    """The every-section sample story and a second story citing the same articles: one page, two stories."""
    from dataclasses import replace

    from tests.web.sample import sample_brief

    brief = sample_brief()
    first = brief.report
    second = replace(first, story=replace(first.story, id="st-second", headline="Second story"))
    return Digest(brief.articles, (Reject("skipped.txt", "empty file"),), (first, second), brief.duplicates)


def _inline_blocks(page: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}>(.*?)</{tag}>", page, flags=re.S)


def test_export_csp_allows_exactly_the_inlined_style_and_script_by_hash() -> None:
    page = render(_two_stories(), "html")
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert meta, "the export carries its own policy"
    csp = html.unescape(meta.group(1))
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        blocks = _inline_blocks(page, tag)
        assert len(blocks) == 1, tag
        digest = base64.b64encode(hashlib.sha256(blocks[0].encode("utf-8")).digest()).decode()
        assert directives[directive] == f"'sha256-{digest}'", directive
    # the inlined blocks are the very files the web page loads from /static
    assert _inline_blocks(page, "style") == [static_text("style.css")]
    assert _inline_blocks(page, "script") == [static_text("story.js")]


def test_export_is_offline_and_links_nothing_of_a_server() -> None:
    page = render(_two_stories(), "html")
    assert not re.search(r"<(script|img|iframe|link rel=\"stylesheet\")[^>]*\bsrc=", page)
    assert "<link rel=\"stylesheet\"" not in page and "/static/" not in page
    assert "/stories/" not in page and "/articles/" not in page  # export and JSON links need the server
    for link in re.findall(r'(?:href|src)="([^"]*)"', page):
        assert link.startswith(("#", "https://", "data:")), link  # in-page anchors, source links, empty icon


def test_export_cite_ids_are_unique_across_stories() -> None:
    page = render(_two_stories(), "html")
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    panels = re.findall(r'class="cite-panel" id="([^"]+)"', page)
    targets = re.findall(r'<button type="button" class="cite" data-cite="([^"]+)" aria-expanded="false" '
                         r'aria-controls="([^"]+)"', page)
    assert len(panels) == len(targets) > 20
    assert [t for t, _ in targets] == [c for _, c in targets] == panels  # each button opens its own panel
    first, second = page.split('<article class="story" id="st-second"')
    assert 'data-cite="cv1"' in first and 'data-cite="cv1"' not in second
    for section in ("summary", "timeline", "entities", "claims", "unique", "quotes", "sources"):
        assert f'<section id="st-sample-{section}">' in first and f'<section id="st-second-{section}">' in second
        assert f'href="#st-second-{section}"' in second
    assert '<a class="story-link" href="#st-second">Second story</a>' in page  # the page's list of stories
    assert "<h2>Not processed</h2>" in second and "<code>skipped.txt</code>: empty file" in second



def test_a_line_citing_many_articles_folds_the_rest_under_n_more() -> None:
    from newsweave.render.views import CITES_SHOWN

    arts, cites = [], []
    for k in range(CITES_SHOWN + 4):
        text = f"The bridge stayed shut on day {k} of the survey."
        arts.append(Article(id=f"a{k}", path=f"copy{k}.txt", text=text, sentences=(Sentence(0, 0, len(text)),),
                            title=f"Copy {k}", outlet=f"Outlet {k}",
                            published=PublishedDate(dt.date(2025, 1, 2), "day", 0.9, "x")))
        cites.append(Citation(f"a{k}", 0, 0, len(text)))
    story = Story("s1", tuple(a.id for a in arts), "Bridge shut", dt.date(2025, 1, 2), dt.date(2025, 1, 2))
    line = SummaryLine(arts[0].text, tuple(cites))
    page = render(Digest(tuple(arts), (), (StoryReport(story, (line,)),)), "html")
    summary = page.split('class="summary-line"', 1)[1].split("</li>", 1)[0]
    shown, rest = summary.split('class="more-cites"', 1)
    assert shown.count('class="cite"') == CITES_SHOWN
    assert "+4 more" in rest and rest.count('class="cite"') == 4
    assert re.search(r'<span class="cites-rest" id="([^"]+)">', rest)  # not hidden: shown in full without script
    assert re.search(r'aria-controls="([^"]+)-rest" hidden>', rest)
    assert page.count('class="cite-panel"') >= CITES_SHOWN + 4  # every citation keeps its passage
    few = render(make_digest(), "html")
    assert 'class="more-cites"' not in few
    one_more = render(Digest(tuple(arts[: CITES_SHOWN + 1]), (), (StoryReport(
        Story("s2", tuple(a.id for a in arts[: CITES_SHOWN + 1]), "Bridge", dt.date(2025, 1, 2), dt.date(2025, 1, 2)),
        (SummaryLine(arts[0].text, tuple(cites[: CITES_SHOWN + 1])),)),)), "html")
    assert 'class="more-cites"' not in one_more  # no "+1 more": the seventh button is shown
