"""Key dates first in a long story's brief (issue 15): the story's TLS key dates, then "all dated events" behind
a toggle (Markdown: a sub-section; HTML and the story page: <details>); short stories keep the plain list.

The seed story (four articles over three weeks) is short by the defaults; the tests that show key dates on it
lower ``key_dates_min_articles`` to four."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.config import Settings
from newsweave.errors import ConfigError
from newsweave.render import render
from newsweave.serve.service import StoryBrief
from newsweave.serve.web.pages import render_story_page
from newsweave.tls.select import default_size
from newsweave.tls.story import shows_key_dates
from newsweave.types import Digest, StoryReport


def long_story(d: Digest) -> StoryReport:
    return next(r for r in d.stories if len(r.story.article_ids) >= 4)


@pytest.fixture(scope="module")
def seeds_as_long(seeds_dir: Path) -> Digest:
    from newsweave.ingest import read_sources
    from newsweave.pipeline import digest

    settings = Settings(key_dates_min_articles=4)
    src = read_sources([str(seeds_dir)], settings)
    return digest(src.docs, settings, rejected=src.rejected)


def test_when_key_dates_are_shown() -> None:
    s = Settings()
    assert shows_key_dates(12, 5, 40, 6, s)  # many articles
    assert shows_key_dates(3, 45, 20, 4, s)  # a long span
    assert not shows_key_dates(11, 30, 40, 6, s)  # neither
    assert not shows_key_dates(50, 90, 11, 6, s)  # the key dates would be more than half the list
    assert not shows_key_dates(50, 90, 12, 0, s)
    with pytest.raises(ConfigError):
        Settings(key_dates_min_articles=0)


def test_a_short_story_keeps_the_plain_list(seed_digest: Digest) -> None:
    assert all(r.key_dates == () for r in seed_digest.stories)
    assert all(s["key_dates"] == [] for s in json.loads(render(seed_digest, "json"))["stories"])
    md = render(seed_digest, "md")
    assert "### Key dates" not in md and "### All dated events" not in md
    assert "all-events" not in render(seed_digest, "html")


def test_long_story_has_at_most_l_key_dates_of_at_most_k_cited_lines(seeds_as_long: Digest,
                                                                     seed_digest: Digest) -> None:
    r = long_story(seeds_as_long)
    by_id = {a.id: a for a in seeds_as_long.articles}
    dates, sentences = default_size([by_id[i] for i in r.story.article_ids])
    assert 1 <= len(r.key_dates) <= dates
    assert [k.date for k in r.key_dates] == sorted({k.date for k in r.key_dates})
    for k in r.key_dates:
        assert 1 <= len(k.lines) <= sentences
        for line in k.lines:
            c = line.citations[0]
            assert by_id[c.article_id].text[c.start:c.end] == line.text
    assert r.timeline == long_story(seed_digest).timeline, "the full list is the same, key dates or not"
    assert len(r.timeline) >= 2 * len(r.key_dates)


def test_markdown_key_dates_then_all_dated_events(seeds_as_long: Digest) -> None:
    r = long_story(seeds_as_long)
    md = render(seeds_as_long, "md")
    section = md[md.index("## Timeline"):]
    section = section[:section.index("\n## ", 5)]
    key, _, rest = section.partition("### All dated events")
    assert "### Key dates" in key and rest
    assert key.count("\n- **") == sum(len(k.lines) for k in r.key_dates)
    assert rest.count("\n- **") == len(r.timeline)
    assert f"**{r.key_dates[0].date.isoformat()}** {r.key_dates[0].lines[0].text}" in key


def test_html_and_story_page_put_all_events_behind_a_toggle(seeds_as_long: Digest) -> None:
    r = long_story(seeds_as_long)
    arts = tuple(a for a in seeds_as_long.articles if a.id in r.story.article_ids)
    page = render_story_page(StoryBrief(r, arts, ())).body.decode("utf-8")
    for html in (render(seeds_as_long, "html"), page):
        key = html.index("<h3>Key dates</h3>")
        toggle = html.index('<details class="more all-events">')
        assert key < toggle < html.index(f"<summary>All dated events ({len(r.timeline)})</summary>")
        hidden = html[toggle:html.index("</details>", toggle)]
        assert hidden.count('<li class="tl-entry') == len(r.timeline)
        assert html[key:toggle].count('<li class="tl-entry') == sum(len(k.lines) for k in r.key_dates)


def test_json_key_dates_follow_the_timeline_contract(seeds_as_long: Digest) -> None:
    out = json.loads(render(seeds_as_long, "json"))
    texts = {a["id"]: a["text"] for a in out["articles"]}
    story = next(s for s in out["stories"] if len(s["article_ids"]) >= 4)
    assert story["key_dates"] and story["timeline"]
    for k in story["key_dates"]:
        assert set(k) == {"date", "sentences"}
        for s in k["sentences"]:
            c = s["citations"][0]
            assert texts[c["article_id"]][c["start"]:c["end"]] == s["text"]
