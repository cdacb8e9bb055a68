"""The real server in headless Chromium (Debian's /usr/bin/chromium driven by playwright).

In CI (``CI=true``) a missing browser or playwright is a failure with instructions; locally these tests skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from newsweave.embed import LexicalEmbedder
from newsweave.serve import ApiSettings, create_app
from tests.api.conftest import seed_files
from tests.web.fake_store import OneStoryStore
from tests.web.sample import sample_brief
from tests.web.server import running

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
HOSTILE_TITLE = "Storm <img src=x onerror=\"window.pwned='img';document.title='pwned'\">"
HOSTILE_TEXT = (
    "Heavy storms hit the coastal towns of the region on Tuesday, cutting power to thousands of homes overnight.\n\n"
    "A local official wrote <script>window.pwned='script';document.title='pwned'</script> in a message that was "
    "widely shared by residents and reporters during the night.\n\n"
    "Another post read <img src=x onerror=\"window.pwned='img';document.title='pwned'\"> before it was deleted "
    "by the moderators of the town's forum later that morning.\n\n"
    "Repair crews expect to restore electricity to most households by the end of the week, the utility said."
)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} — CI must install it: apt-get install -y chromium; pip install playwright "
                    "(see .ci/run; do not run 'playwright install')", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (Debian package 'chromium')")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("python package 'playwright' is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The real server over a temp store with the seeds and one hostile article, all posted over HTTP."""
    db = tmp_path_factory.mktemp("web") / "nw.db"
    app = create_app(ApiSettings(db_path=db, embedder="lexical", token="t0k"))
    with running(app) as base, httpx.Client(base_url=base, timeout=120,
                                            headers={"Authorization": "Bearer t0k"}) as http:
        seeds = http.post("/articles", files=seed_files())
        assert seeds.status_code == 201, seeds.text
        hostile = http.post("/articles", json={"text": HOSTILE_TEXT, "title": HOSTILE_TITLE, "outlet": "Coast News",
                                               "published": "2021-02-02"})
        assert hostile.status_code == 201, hostile.text
        rfe = http.get("/stories", params={"outlet": "RFE/RL"}).json()["stories"][0]["id"]
        yield {"base": base, "http": http, "rfe": rfe, "hostile": hostile.json()["ingested"][0]["story_id"]}


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)  # type: ignore[attr-defined]
    yield pg
    context.close()


def test_click_citation_shows_the_outlet_sentence(site: dict[str, Any], page: Any, tmp_path: Path) -> None:
    brief = site["http"].get(f"/stories/{site['rfe']}").json()
    texts = {a["id"]: a["text"] for a in brief["articles"]}
    first = brief["stories"][0]["summary"][0]["citations"][0]
    sentence = texts[first["article_id"]][first["start"] : first["end"]]

    page.goto(f"{site['base']}/stories/{site['rfe']}")
    assert page.locator("h1.headline").inner_text() == brief["stories"][0]["headline"]
    button = page.locator("button.cite").first
    panel = page.locator(f"#{button.get_attribute('data-cite')}")
    assert not panel.is_visible()
    button.click()
    assert panel.is_visible()
    assert button.get_attribute("aria-expanded") == "true"
    assert panel.locator("mark").inner_text().strip() == sentence.strip()
    assert first["outlet"] in panel.inner_text()
    page.screenshot(path=str(tmp_path / "story.png"), full_page=True)
    button.click()
    assert not panel.is_visible()
    assert page.errors == []  # type: ignore[attr-defined]


def test_hostile_article_is_shown_as_text_and_runs_nothing(site: dict[str, Any], page: Any,
                                                           tmp_path: Path) -> None:
    for path in ("/", f"/stories/{site['hostile']}", f"/stories/{site['hostile']}.html", "/?q=storms"):
        page.goto(f"{site['base']}{path}")
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.pwned") == "undefined", path
        assert page.title() != "pwned", path
        assert page.locator("img").count() == 0, path
    page.goto(f"{site['base']}/stories/{site['hostile']}")
    body = page.locator("body").inner_text()
    assert "<script>window.pwned='script'" in body or "window.pwned='script'" in body
    assert HOSTILE_TITLE in page.locator("h1.headline").inner_text()
    for button in page.locator("button.cite").all():
        button.click()
    page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.title() != "pwned"


def test_search_box_lists_matching_stories(site: dict[str, Any], page: Any) -> None:
    page.goto(site["base"] + "/")
    assert page.locator(".story-item").count() == site["http"].get("/stories").json()["total"]
    page.fill("input[name=q]", "Moallem")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/?q=Moallem")
    items = page.locator(".story-item")
    assert items.count() >= 1
    items.first.locator("a.story-link").click()
    page.wait_for_selector("h1.headline")
    assert "/stories/" in page.url


def test_filter_form_narrows_the_list_by_outlet(site: dict[str, Any], page: Any, tmp_path: Path) -> None:
    want = {s["id"] for s in site["http"].get("/stories", params={"outlet": "VOA", "limit": 200}).json()["stories"]}
    page.goto(site["base"] + "/")
    everything = page.locator(".story-item").count()
    assert page.locator("#f-outlet").input_value() == ""  # "all outlets"
    page.select_option("#f-outlet", "VOA")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?outlet=VOA")  # the empty fields of the form are redirected away
    hrefs = page.locator("a.story-link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert {h.removeprefix("/stories/") for h in hrefs} == want and 0 < len(want) < everything
    assert all("VOA" in t for t in page.locator(".story-item .outlets").all_inner_texts())
    assert page.locator("#f-outlet").input_value() == "VOA"  # the form shows the filter it applied
    page.screenshot(path=str(tmp_path / "list-voa.png"), full_page=True)
    page.click("a.clear")
    page.wait_for_url(site["base"] + "/")
    assert page.locator(".story-item").count() == everything
    assert page.errors == []  # type: ignore[attr-defined]


def test_phone_width_has_no_horizontal_scroll(site: dict[str, Any], browser: Any, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        pg = context.new_page()
        for path in ("/", f"/stories/{site['rfe']}"):
            pg.goto(site["base"] + path)
            assert pg.evaluate("document.documentElement.scrollWidth") <= 390, path
        pg.locator("button.cite").first.tap()
        assert pg.locator(".cite-panel:not([hidden])").count() == 1
        pg.screenshot(path=str(tmp_path / "story-phone.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture(scope="module")
def sample_site() -> Iterator[str]:
    """A server whose one story has every analysis section (hand-built until the pipeline fills them)."""
    brief = sample_brief()
    app = create_app(ApiSettings(db_path=Path("unused.db"), embedder="lexical"),
                     store=OneStoryStore(brief), embedder=LexicalEmbedder())  # type: ignore[arg-type]
    s = brief.report.story
    app.state.store_thread.service.cache.put((s.id, s.article_ids, brief.duplicates), brief)
    with running(app) as base:
        yield f"{base}/stories/{s.id}"


@pytest.mark.parametrize("width", [1280, 390])
def test_all_sections_render_and_cite(sample_site: str, browser: Any, width: int, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        pg = context.new_page()
        pg.goto(sample_site)
        for section in ("summary", "timeline", "entities", "claims", "unique", "quotes", "sources"):
            assert pg.locator(f"section#{section}").is_visible(), section
        differ = pg.locator("#claims .verdict-differ")
        assert differ.inner_text() == "differ"
        assert differ.evaluate("e => getComputedStyle(e).color") != differ.evaluate(
            "e => getComputedStyle(e.closest('td')).color")  # the verdict is highlighted
        button = pg.locator("#claims button.cite").nth(1)
        button.click()
        assert "94,000" in pg.locator(f"#{button.get_attribute('data-cite')} mark").inner_text()
        assert pg.evaluate("typeof window.pwned") == "undefined" and pg.title() != "pwned"
        assert pg.evaluate("document.documentElement.scrollWidth") <= width
        pg.screenshot(path=str(tmp_path / f"sections-{width}.png"), full_page=True)
    finally:
        context.close()


def test_hovered_claim_citation_stays_under_the_pointer(sample_site: str, browser: Any) -> None:
    """Hovering opens a citation's panel; in the claims table that must not re-flow the columns, or the button
    moves from under the pointer, the panel closes, the button moves back, and so on (and a click misses)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        pg = context.new_page()
        pg.goto(sample_site)
        for button in pg.locator("#claims button.cite").all():
            before = button.bounding_box()
            button.hover(timeout=5_000)
            panel = pg.locator(f"#{button.get_attribute('data-cite')}")
            assert panel.is_visible()
            after = button.bounding_box()
            assert (after["x"], after["width"]) == (before["x"], before["width"])
            button.click(timeout=5_000)
            assert button.get_attribute("aria-expanded") == "true" and panel.is_visible()  # pinned
            button.click(timeout=5_000)
            pg.mouse.move(0, 0)
            assert not panel.is_visible()
    finally:
        context.close()


def test_html_export_file_works_offline(browser: Any, tmp_path: Path) -> None:
    """The saved export (several stories on one page) opened from disk: its inlined script, allowed by its
    hash, opens each citation's sentence; nothing is fetched and no policy is violated."""
    from dataclasses import replace

    from newsweave.render import render
    from newsweave.types import Digest

    brief = sample_brief()
    second = replace(brief.report, story=replace(brief.report.story, id="st-second", headline="Second story"))
    digest = Digest(brief.articles, (), (brief.report, second), brief.duplicates)
    path = tmp_path / "digest.html"
    path.write_text(render(digest, "html"), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        outside = _local_only(context, "file://")
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.goto(path.as_uri())
        assert pg.locator("article.story").count() == 2
        button = pg.locator("#st-second-claims button.cite").nth(1)
        panel = pg.locator(f"#{button.get_attribute('data-cite')}")
        assert not panel.is_visible()
        button.click()
        assert panel.is_visible() and "94,000" in panel.locator("mark").inner_text()
        assert pg.locator(".cite-panel:not([hidden])").count() == 1  # the first story's twin stays shut
        assert pg.evaluate("getComputedStyle(document.querySelector('.cite')).borderRadius") != "0px"  # styled
        button.click()
        assert not panel.is_visible()
        assert pg.evaluate("typeof window.pwned") == "undefined" and pg.title() != "pwned"
        pg.screenshot(path=str(tmp_path / "export.png"), full_page=True)
        assert errors == [] and outside == []
    finally:
        context.close()


def _local_only(context: Any, base: str) -> list[str]:
    """Abort every request that leaves this server (the docs must not need a CDN); returns what was tried."""
    outside: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(base):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    return outside


@pytest.mark.parametrize(("path", "selector"), [("/docs", ".opblock-summary-path"), ("/redoc", "[data-section-id]")])
def test_api_docs_work_offline(site: dict[str, Any], browser: Any, path: str, selector: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        outside = _local_only(context, site["base"])
        pg = context.new_page()
        pg.goto(site["base"] + path)
        pg.wait_for_selector(selector, timeout=30_000)
        text = pg.locator("body").inner_text()
        for route in ("/stories", "/articles", "/search", "/health"):
            assert route in text, (path, route)
        assert outside == [], f"{path} asked for {outside}"
    finally:
        context.close()
