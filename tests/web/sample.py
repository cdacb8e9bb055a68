"""A hand-built story brief with every section filled (timeline, entities, claims, unique facts, quotes) and
hostile text in every field a page shows."""

from __future__ import annotations

import datetime as dt

from newsweave.extract.sentences import split_sentences
from newsweave.serve.service import StoryBrief
from newsweave.types import (
    Article,
    Citation,
    Claim,
    ClaimValue,
    DuplicateLink,
    Entity,
    PublishedDate,
    Quote,
    Story,
    StoryReport,
    SummaryLine,
    TimelineEntry,
    UniqueFact,
)

SCRIPT = "<script>window.pwned=1;document.title='pwned'</script>"
IMG = "<img src=x onerror=\"window.pwned=2;document.title='pwned'\">"
ATTR = "\"><svg onload=\"window.pwned=3\">"

TEXT_A = (
    "Kerry and Lavrov met in Paris on Monday to plan a Syria peace conference. "
    f"A protester held a sign reading {SCRIPT} outside the hotel. "
    "More than 80,000 people have died in the conflict, the United Nations said. "
    f"The minister said: \"We will not accept {IMG} as an answer.\""
)
TEXT_B = (
    "Russian and American diplomats met in Paris on May 27. "
    "The conflict has killed more than 94,000 people, according to a monitoring group. "
    f"Only this paper reported that the talks ran late {ATTR} into the night."
)


def _article(aid: str, text: str, outlet: str, title: str, day: int, url: str) -> Article:
    return Article(
        id=aid, path=f"{aid}.txt", text=text, sentences=split_sentences(text), title=title, outlet=outlet,
        url=url, language="en", published=PublishedDate(dt.date(2013, 5, day), "day", 0.9, f"May {day}, 2013"),
    )


def cite(a: Article, i: int) -> Citation:
    s = a.sentences[i]
    return Citation(a.id, i, s.start, s.end)


def sample_brief() -> StoryBrief:
    a = _article("aaaa", TEXT_A, f"Daily {SCRIPT}", f"Talks {IMG}", 27, "javascript:alert(1)")
    b = _article("bbbb", TEXT_B, "The Courier", "Diplomats meet", 28, "https://example.org/courier")
    story = Story(id="st-sample", article_ids=("aaaa", "bbbb"), headline=f"Peace talks {SCRIPT}",
                  first_date=dt.date(2013, 5, 27), last_date=dt.date(2013, 5, 28), storyline_id="sl-sample")
    report = StoryReport(
        story=story,
        summary=(
            SummaryLine(a.sentence_text(0), (cite(a, 0), cite(b, 0))),
            SummaryLine(a.sentence_text(1), (cite(a, 1),)),
        ),
        timeline=(
            TimelineEntry(dt.date(2011, 3, 1), "month", "The uprising began.", (cite(a, 2),), background=True,
                          expression="March 2011"),
            TimelineEntry(dt.date(2013, 5, 27), "day", f"Talks in Paris {IMG}", (cite(a, 0), cite(b, 0)),
                          expression="on Monday"),
        ),
        entities=(
            Entity("John Kerry", "person", aliases=("Kerry",), roles=("Secretary of State",),
                   outlets=(a.label, b.label), mentions=3),
            Entity(f"Paris {SCRIPT}", "place", outlets=(b.label,), mentions=2),
        ),
        claims=(
            Claim("death toll", (
                ClaimValue(80000, "More than 80,000", a.label, a.id, dt.date(2013, 5, 27), cite(a, 2)),
                ClaimValue(94000, "more than 94,000", b.label, b.id, dt.date(2013, 5, 28), cite(b, 1)),
            ), "differ", note=f"counts differ {IMG}"),
            Claim("meeting place", (
                ClaimValue(0, "Paris", a.label, a.id, dt.date(2013, 5, 27), cite(a, 0)),
                ClaimValue(0, "Paris", b.label, b.id, dt.date(2013, 5, 28), cite(b, 0)),
            ), "agree", kind="statement"),
        ),
        unique=(UniqueFact(b.label, b.sentence_text(2), cite(b, 2)),),
        quotes=(Quote(f"We will not accept {IMG} as an answer.", "Sergei Lavrov", cite(a, 3),
                      speaker_as_written="the minister"),),
    )
    return StoryBrief(report, (a, b), (DuplicateLink("bbbb", "aaaa", 0.5),))
