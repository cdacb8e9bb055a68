"""The story list page over the seeds in a real SQLite store: outlet filter, the brief's first summary line once
the brief is built, and the storyline filter of the JSON list (hand-built rows: tests/web/test_story_list_front_page.py)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from markupsafe import escape

from newsweave.render.views import top_lines


def listed(page: str) -> list[str]:
    return re.findall(r'<a class="story-link" href="/stories/([^"]+)"', page)


def test_seeds_list_filter_by_outlet_and_show_the_summary_line(client: TestClient, story_id: str) -> None:
    """The real store: outlet filter, one row per story, and the brief's first summary line once it is built."""
    brief = client.get(f"/stories/{story_id}").json()["stories"][0]
    page = client.get("/").text
    total = client.get("/stories").json()["total"]
    assert len(listed(page)) == total
    voa = client.get("/", params={"outlet": "VOA"}).text
    assert set(listed(voa)) == {s["id"] for s in client.get("/stories", params={"outlet": "VOA"}).json()["stories"]}
    assert set(listed(voa)) < set(listed(page))
    (want,) = top_lines(brief["headline"], [line["text"] for line in brief["summary"]], 1)
    assert f'<p class="lead">{escape(" ".join(want.split()))}</p>' in page


def test_json_story_list_filters_by_storyline(client: TestClient) -> None:
    stories = client.get("/stories", params={"limit": 200}).json()["stories"]
    line = stories[0]["storyline_id"]
    got = client.get("/stories", params={"storyline": line}).json()["stories"]
    assert got and {s["storyline_id"] for s in got} == {line}
    assert {s["id"] for s in got} == {s["id"] for s in stories if s["storyline_id"] == line}
