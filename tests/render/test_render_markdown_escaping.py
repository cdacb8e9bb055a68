"""Markdown output: text from articles is always literal text (no links, HTML, emphasis, code or broken lines)."""

from __future__ import annotations

import datetime as dt

from markdown_it import MarkdownIt

from newsweave.render import render
from newsweave.types import (
    Article,
    Citation,
    Digest,
    PublishedDate,
    Quote,
    Reject,
    Sentence,
    Story,
    StoryReport,
    SummaryLine,
    TimelineEntry,
    UniqueFact,
)

NASTY = "# Not a heading: *stars* _under_ [link](http://evil.example) `code` <script>alert(1)</script> a|b &amp; \\"
SENT = f"{NASTY} ends here."


def _digest() -> Digest:
    text = SENT + " Second sentence here."
    a = Article(
        id="a1", path="dir/odd `name`.txt", text=text,
        sentences=(Sentence(0, 0, len(SENT)), Sentence(1, len(SENT) + 1, len(text))),
        title="Title *with* [brackets]\nand a newline", outlet="Outlet ` * [x]",
        published=PublishedDate(dt.date(2025, 1, 2), "day", 0.9, "x"),
    )
    cite = Citation("a1", 0, 0, len(SENT))
    story = Story("s1", ("a1",), "- [Headline](javascript:alert(1)) <b>x</b>\n# second", dt.date(2025, 1, 2))
    report = StoryReport(
        story,
        (SummaryLine(SENT, (cite,)),),
        timeline=(TimelineEntry(dt.date(2025, 1, 2), "day", SENT, (cite,), False, "Thursday"),),
        unique=(UniqueFact("Outlet ` * [x]", SENT, cite),),
        quotes=(Quote("*quoted* [text]", "<Speaker>", cite, "<Speaker>"),),
    )
    return Digest((a,), (Reject("bad `file`.txt", "invalid JSON: <oops> [1]"),), (report,))


def _inline_types(md: str) -> set[str]:
    types: set[str] = set()
    for tok in MarkdownIt("commonmark").parse(md):
        types.add(tok.type)
        for child in tok.children or []:
            types.add(child.type)
    return types


def test_markdown_escapes_article_text() -> None:
    md = render(_digest(), "md")
    types = _inline_types(md)
    assert not types & {"link_open", "html_inline", "html_block", "image"}, types
    # code spans only for the paths (and they must contain the whole path)
    html = MarkdownIt("commonmark").render(md)
    assert "<code>dir/odd `name`.txt</code>" in html
    assert "<code>bad `file`.txt</code>" in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # exactly one top-level heading per story, headline kept on one line
    assert md.count("\n# ") + md.startswith("# ") == 1
    for word in ("stars", "under", "with", "quoted", "brackets"):
        assert f"<em>{word}</em>" not in html
    assert "*stars*" in html and "[link](http://evil.example)" in html and "&amp;amp;" in html
