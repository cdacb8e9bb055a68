"""The story timeline's entries are events (issue 15): one entry for one event of a date, however many sentences
report it; the date of the sentence's own event, not of another thing its relative clause describes; plans
marked as planned. Checked on the seeds (the Kerry-Lavrov coverage of May 2013) and on small parsed sentences."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from newsweave.nlp import parse
from newsweave.render import render
from newsweave.timeline.build import dates_the_sentence, in_relative_clause, is_planned, same_event
from newsweave.timeline.resolve import Reference
from newsweave.types import Digest, StoryReport, TimelineEntry


def kerry_lavrov(d: Digest) -> StoryReport:
    return next(r for r in d.stories if len(r.story.article_ids) >= 4)


def on(r: StoryReport, day: str) -> list[TimelineEntry]:
    return [e for e in r.timeline if e.date.isoformat().startswith(day)]


def cited(d: Digest, e: TimelineEntry) -> list[str]:
    """The sentences merged into the entry: cited (they pass the support test for its words) or kept as its
    ``reports`` (same event, said otherwise)."""
    by_id = {a.id: a for a in d.articles}
    return [by_id[c.article_id].text[c.start:c.end] for c in (*e.citations, *e.reports)]


def outlets(d: Digest, e: TimelineEntry) -> set[str]:
    by_id = {a.id: a for a in d.articles}
    return {by_id[c.article_id].label for c in (*e.citations, *e.reports)}


def test_geneva_communique_is_one_entry_merging_both_outlets(seed_digest: Digest) -> None:
    (geneva,) = on(kerry_lavrov(seed_digest), "2012-06")
    assert "Geneva" in geneva.text and geneva.background
    assert outlets(seed_digest, geneva) == {"Dhaka Tribune", "Christian Science Monitor"}
    assert any("reached in Geneva last June" in t for t in cited(seed_digest, geneva))
    assert any("announced in Geneva in June 2012" in t for t in cited(seed_digest, geneva))


def test_paris_talks_are_one_entry_merging_every_report(seed_digest: Digest) -> None:
    paris = [e for e in on(kerry_lavrov(seed_digest), "2013-05-27") if "Paris" in " ".join(cited(seed_digest, e))]
    assert len(paris) == 1
    texts = cited(seed_digest, paris[0])
    assert any("one-on-one talks in a Paris hotel" in t for t in texts)  # VOA's second sentence
    assert any("are meeting in Paris" in t for t in texts)  # VOA's lead
    assert any("are meeting with their French counterpart in Paris" in t for t in texts)  # RFE/RL's lead
    assert outlets(seed_digest, paris[0]) == {"VOA", "RFE/RL"}


def test_other_events_of_one_day_stay_apart(seed_digest: Digest) -> None:
    r = kerry_lavrov(seed_digest)
    assert len(on(r, "2013-05-27")) >= 2  # the Istanbul opposition meeting is not the Paris talks
    assert len(on(r, "2013-05-26")) == 2  # the rockets on Beirut and al-Moallem's announcement


def test_eu_ministers_gathering_is_dated_by_its_report_not_the_embargo_expiry(seed_digest: Digest) -> None:
    r = kerry_lavrov(seed_digest)
    gathered = [e for e in r.timeline if "EU foreign ministers had gathered" in e.text]
    assert len(gathered) == 1
    assert gathered[0].date == dt.date(2013, 5, 27) and gathered[0].expression is None
    assert not on(r, "2013-05-31"), "Friday May 31 is when the embargo expires, not an event of the story"


def test_plans_are_marked_planned(seed_digest: Digest) -> None:
    r = kerry_lavrov(seed_digest)
    (june,) = on(r, "2013-06")
    assert june.planned and "peace conference in Geneva in June" in june.text
    (friends,) = on(r, "2013-05-22")
    assert friends.planned and "would meet in Jordan" in friends.text
    happened = [e for e in r.timeline if e.date <= dt.date(2013, 5, 21)] + on(r, "2013-05-26") + on(r, "2013-05-27")
    assert happened and not any(e.planned for e in happened)


def test_planned_is_shown_in_every_format(seed_digest: Digest) -> None:
    story = json.loads(render(seed_digest, "json"))["stories"]
    entries = [e for s in story for e in s["timeline"]]
    assert all(isinstance(e["planned"], bool) for e in entries)
    assert [e["date"] for e in entries if e["planned"]] == ["2013-05-22", "2013-06-01"]
    md = render(seed_digest, "md")
    assert "**2013-06** *(planned)* The two countries are now preparing" in md
    assert md.count("*(planned)*") == 2
    html = render(seed_digest, "html")
    assert html.count('<span class="badge planned"') == 2


def _ents(text: str) -> dict[str, object]:
    return {e.text: e for e in parse([text])[0].ents if e.label_ == "DATE"}


def test_a_relative_clause_date_of_another_tense_does_not_date_the_sentence() -> None:
    embargo = _ents("Earlier, EU ministers had gathered in Brussels to decide on the embargo, which expires Friday.")
    assert in_relative_clause(embargo["Friday"]) and not dates_the_sentence(embargo["Friday"])
    met = _ents("Kerry and Lavrov, who met for an hour on Tuesday night, said they were working in tandem.")
    (tuesday,) = met.values()
    assert in_relative_clause(tuesday) and dates_the_sentence(tuesday)  # one occasion: both in the past
    main = _ents("The council voted on Friday to fund the footbridge, which opens next month.")
    assert not in_relative_clause(main["Friday"]) and dates_the_sentence(main["Friday"])


def test_planned_relative_to_the_article_date() -> None:
    ref = Reference(dt.date(2013, 5, 14), "day")
    assert is_planned(dt.date(2013, 5, 22), "day", "past", ref)  # after the article, whatever the tense
    assert is_planned(dt.date(2013, 5, 1), "month", "future", ref)  # "will meet later in May"
    assert not is_planned(dt.date(2013, 5, 1), "month", "past", ref)
    assert not is_planned(dt.date(2013, 5, 14), "day", "unknown", ref)
    assert not is_planned(dt.date(2013, 4, 1), "month", "future", ref)  # an April "would" is over by May 14


@pytest.mark.parametrize(("x", "y", "sim", "shared", "same"), [
    ((0, 1), (1, 5), 0.65, set(), True),                      # alike enough on their own
    ((0, 1), (1, 5), 0.5, {"Geneva", "Bashar al-Assad"}, True),  # fairly alike, naming the same two
    ((0, 1), (1, 5), 0.5, {"Syria"}, False),                  # one shared name is the story's topic
    ((0, 1), (0, 5), 0.5, {"Geneva", "Bashar al-Assad"}, False),  # one article's sentences share its topic
    ((0, 1), (1, 5), 0.4, {"Geneva", "Bashar al-Assad", "Kerry"}, False),
])
def test_same_event(x: tuple[int, int], y: tuple[int, int], sim: float, shared: set[str], same: bool) -> None:
    names = {x: frozenset(shared | {"only-x"}), y: frozenset(shared | {"only-y"})}
    assert same_event(x, y, lambda p, q: sim, names, 0.6) is same
