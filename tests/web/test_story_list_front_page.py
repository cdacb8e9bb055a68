"""The web story list is the digest's front page: ranked by outlets, articles and recency, one-article stories
under "Other articles", storylines linked, and a GET form (words, outlet, dates) whose filters every link keeps.

Hand-built rows (``RowsStore``) so the order and the filters are known exactly; the same over the seeds in a
real SQLite store: ``tests/api/test_story_list_page.py``."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from newsweave.embed import LexicalEmbedder
from newsweave.serve import ApiSettings, create_app
from newsweave.serve.service import front_page_order
from newsweave.serve.web.pages import PAGE_SIZE
from newsweave.store import SearchHit, StoryRow
from newsweave.types import UNKNOWN_OUTLET, Story


def row(sid: str, outlets: Sequence[str], n: int, day: dt.date | None, line: str | None = None,
        summary: str = "") -> StoryRow:
    story = Story(sid, tuple(f"{sid}-a{i}" for i in range(n)), f"Headline {sid}", day, day, line or f"line-{sid}")
    return StoryRow(story, tuple(outlets), n, summary=summary)


class RowsStore:
    """Enough of ``Store`` for the story list: fixed rows; ``search`` returns the story ids in ``hits`` order."""

    def __init__(self, rows: Sequence[StoryRow], hits: Sequence[str] = ()) -> None:
        self.rows = list(rows)
        self.hits = list(hits)

    def story_rows(self) -> list[StoryRow]:
        return list(self.rows)

    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        return [SearchHit("story", sid, sid, "", float(i), sid) for i, sid in enumerate(self.hits)][:limit]

    def counts(self) -> dict[str, int]:
        return {"stories": len(self.rows)}

    def close(self) -> None:
        pass


D = dt.date
ROWS = (
    row("old3", ["Herald", "Ledger", "Radio"], 3, D(2020, 1, 1)),  # 3 outlets, oldest: still first
    row("new1", ["Herald"], 2, D(2024, 6, 1), line="line-x"),  # 1 outlet, newest multi-article story
    row("mid2", ["Herald", "Ledger"], 2, D(2022, 3, 1), line="line-x"),  # 2 outlets
    row("big1", ["Ledger"], 4, D(2021, 1, 1), line="line-x"),  # 1 outlet, more articles than new1
    row("solo-new", ["Radio"], 1, D(2025, 1, 1)),  # one article: "Other articles", however new
    row("solo-old", [UNKNOWN_OUTLET], 1, D(2019, 1, 1)),
    row("undated", ["Herald", "Ledger"], 2, None),  # same coverage as mid2 but no date: after it
)
FRONT_ORDER = ["old3", "mid2", "undated", "big1", "new1"]
OTHERS_ORDER = ["solo-new", "solo-old"]


@pytest.fixture()
def serve(tmp_path: Path) -> Iterator[Any]:
    clients: list[TestClient] = []

    def make(rows: Sequence[StoryRow] = ROWS, hits: Sequence[str] = ()) -> TestClient:
        app = create_app(ApiSettings(db_path=tmp_path / "unused.db", embedder="lexical", warm_up=False),
                         store=RowsStore(rows, hits), embedder=LexicalEmbedder())  # type: ignore[arg-type]
        c = TestClient(app)
        c.__enter__()
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.__exit__(None, None, None)


def listed(page: str) -> list[str]:
    """Story ids in the order the page lists them."""
    return re.findall(r'<a class="story-link" href="/stories/([^"]+)"', page)


def link_params(page: str, label: str) -> dict[str, list[str]]:
    (href,) = re.findall(rf'<a (?:class="[^"]*" )?href="([^"]+)">{label}', page)
    return parse_qs(urlsplit(html.unescape(href)).query)


def test_front_page_order_is_the_export_rank_with_one_article_stories_last() -> None:
    assert [r.story.id for r in front_page_order(ROWS)] == FRONT_ORDER + OTHERS_ORDER


def test_list_page_ranks_and_collects_one_article_stories_under_other_articles(serve: Any) -> None:
    page = serve().get("/").text
    assert listed(page) == FRONT_ORDER + OTHERS_ORDER
    assert page.count("Other articles") == 1
    head = page.index("Other articles")
    assert page.index('href="/stories/new1"') < head < page.index('href="/stories/solo-new"')


def test_other_articles_heading_falls_where_the_first_one_article_story_is_paged(serve: Any) -> None:
    rows = [row(f"m{i:02d}", ["Herald", "Ledger"], 2, D(2020, 1, 1) + dt.timedelta(days=i)) for i in range(18)]
    rows += [row(f"s{i:02d}", ["Radio"], 1, D(2021, 1, 1) + dt.timedelta(days=i)) for i in range(7)]
    c = serve(rows)
    first = c.get("/").text
    ids = listed(first)
    assert len(ids) == PAGE_SIZE and ids[:18] == [f"m{i:02d}" for i in reversed(range(18))]  # newest first on a tie
    assert first.index('href="/stories/m00"') < first.index("Other articles") < first.index('href="/stories/s06"')
    second = c.get("/", params={"offset": PAGE_SIZE}).text
    assert listed(second) == [f"s{i:02d}" for i in reversed(range(5))]
    assert "Other articles" in second and "<ol" not in second.split("Other articles")[0].split("</form>")[1]
    assert "Other articles" not in serve(rows[:18]).get("/").text  # no one-article story, no heading


def test_search_words_keep_relevance_order_and_no_other_articles(serve: Any) -> None:
    page = serve(hits=["solo-old", "old3", "new1"]).get("/", params={"q": "council"}).text
    assert listed(page) == ["solo-old", "old3", "new1"]
    assert "Other articles" not in page
    assert 'value="council"' in page and "Stories matching “council”" in page


def test_filters_narrow_the_list(serve: Any) -> None:
    c = serve()
    assert set(listed(c.get("/", params={"outlet": "ledger"}).text)) == {"old3", "mid2", "big1", "undated"}
    assert listed(c.get("/", params={"outlet": UNKNOWN_OUTLET}).text) == ["solo-old"]
    since = listed(c.get("/", params={"since": "2022-01-01"}).text)
    assert set(since) == {"mid2", "new1", "solo-new"}
    until = listed(c.get("/", params={"until": "2020-12-31"}).text)
    assert set(until) == {"old3", "solo-old"}
    both = listed(c.get("/", params={"since": "2021-01-01", "until": "2022-12-31", "outlet": "Ledger"}).text)
    assert both == ["mid2", "big1"]
    line = c.get("/", params={"storyline": "line-x"}).text
    assert listed(line) == ["mid2", "big1", "new1"] and "Stories of one storyline" in line
    assert 'type="hidden" name="storyline" value="line-x"' in line  # kept when the form is sent again
    assert listed(c.get("/", params={"storyline": "no-such-line"}).text) == []


def test_form_is_prefilled_and_offers_every_outlet(serve: Any) -> None:
    c = serve()
    plain = c.get("/").text
    options = re.findall(r'<option value="([^"]*)"', plain)
    assert options == ["", "Herald", "Ledger", "Radio", UNKNOWN_OUTLET]  # "all outlets", then sorted, unknown last
    assert "clear filters" not in plain
    assert re.search(r'<input id="f-since" type="date" name="since" value="">', plain)
    page = c.get("/", params={"q": "vote", "outlet": "ledger", "since": "2021-01-01", "until": "2022-12-31"}).text
    assert '<option value="Ledger" selected>' in page and '<option value="" selected>' not in page
    assert 'name="since" value="2021-01-01"' in page and 'name="until" value="2022-12-31"' in page
    assert 'name="q" value="vote"' in page
    assert '<a class="clear" href="/">clear filters</a>' in page
    assert 'name="q"' in page and page.count('name="q"') == 1  # the form replaces the top bar's search box here


def test_pager_links_keep_every_filter(serve: Any) -> None:
    rows = [row(f"r{i:02d}", ["Herald", "Ledger"], 2, D(2021, 1, 1) + dt.timedelta(days=i), line="line-p")
            for i in range(PAGE_SIZE + 5)]
    c = serve(rows)
    want = {"outlet": ["Herald"], "since": ["2021-01-01"], "until": ["2022-01-01"], "storyline": ["line-p"]}
    first = c.get("/", params={k: v[0] for k, v in want.items()}).text
    assert link_params(first, "Next") == {**want, "offset": [str(PAGE_SIZE)]}
    second = c.get("/", params={**{k: v[0] for k, v in want.items()}, "offset": PAGE_SIZE}).text
    assert len(listed(second)) == 5
    assert link_params(second, "← Previous") == want  # back to offset 0: no offset parameter
    assert "Next" not in second


def test_empty_form_fields_redirect_to_the_short_url(serve: Any) -> None:
    c = serve()
    r = c.get("/?q=&outlet=&since=&until=", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    r = c.get("/?q=&outlet=Ledger&since=2021-01-01&until=", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/?outlet=Ledger&since=2021-01-01"
    assert c.get("/?outlet=Ledger&since=", follow_redirects=True).status_code == 200


@pytest.mark.parametrize("query", ["since=last+week", "until=2020-13-01", "since=2020-02-30", "until=yesterday"])
def test_a_bad_date_is_a_422_page_not_a_500(serve: Any, query: str) -> None:
    r = serve().get(f"/?{query}", headers={"accept": "text/html"})
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    assert "YYYY-MM-DD" in r.text and "Back to the stories" in r.text


def test_storyline_link_counts_the_other_stories_of_the_store(serve: Any) -> None:
    page = serve().get("/").text
    items = dict(zip(listed(page), page.split('<li class="story-item">')[1:], strict=True))
    assert 'href="/?storyline=line-x">Part of a storyline with 2 other stories</a>' in items["mid2"]
    assert "storyline" not in items["old3"]  # alone in its storyline
    narrowed = serve().get("/", params={"outlet": "Herald", "since": "2024-01-01"}).text
    assert "Part of a storyline with 2 other stories" in narrowed  # counted in the store, not on the page
    one = serve().get("/", params={"storyline": "line-x"}).text
    assert "Part of a storyline" not in one  # no link to the page we are on


def test_first_summary_line_under_the_headline(serve: Any) -> None:
    long = "word " * 100
    rows = [
        row("withsum", ["Herald", "Ledger"], 2, D(2021, 1, 1),
            summary="Headline withsum and more.\nThe council voted 5-2 <b>late</b> on Tuesday.\nSecond line."),
        row("longsum", ["Herald"], 2, D(2021, 1, 1), summary=long.strip()),
        row("nosum", ["Herald"], 2, D(2020, 1, 1)),
    ]
    page = serve(rows).get("/").text
    items = dict(zip(listed(page), page.split('<li class="story-item">')[1:], strict=True))
    assert '<p class="lead">The council voted 5-2 &lt;b&gt;late&lt;/b&gt; on Tuesday.</p>' in items["withsum"]
    assert "Second line" not in page and "Headline withsum and more" not in page  # one line, not the headline's
    lead = re.search(r'<p class="lead">([^<]*)</p>', items["longsum"])
    assert lead and lead.group(1).endswith("…") and len(lead.group(1)) <= 281
    assert 'class="lead"' not in items["nosum"]
