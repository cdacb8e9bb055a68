from __future__ import annotations

import datetime as dt

from newsweave.embed import LexicalEmbedder
from newsweave.nlp import parse
from newsweave.timeline import build_timeline, references
from newsweave.timeline.resolve import Reference, resolve

from .fixtures import article

WED = Reference(dt.date(2025, 3, 12), "day")  # a Wednesday


def test_weekdays_before_and_after_the_reference() -> None:
    assert resolve("on Monday", WED, "past") == (dt.date(2025, 3, 10), "day")
    assert resolve("Wednesday", WED, "past") == (dt.date(2025, 3, 12), "day")
    assert resolve("Thursday", WED, "past") == (dt.date(2025, 3, 6), "day")
    assert resolve("on Friday", WED, "future") == (dt.date(2025, 3, 14), "day")
    assert resolve("next Monday", WED) == (dt.date(2025, 3, 17), "day")
    assert resolve("yesterday", WED) == (dt.date(2025, 3, 11), "day")
    assert resolve("Saturday's", WED, "past") == (dt.date(2025, 3, 8), "day")


def test_month_without_year_across_a_year_boundary() -> None:
    jan = Reference(dt.date(2025, 1, 5), "day")
    assert resolve("December 28", jan) == (dt.date(2024, 12, 28), "day")
    assert resolve("January 20", jan) == (dt.date(2025, 1, 20), "day")
    assert resolve("last June", jan) == (dt.date(2024, 6, 1), "month")
    assert resolve("in February", jan, "future") == (dt.date(2025, 2, 1), "month")
    assert resolve("in December", jan, "past") == (dt.date(2024, 12, 1), "month")
    dec = Reference(dt.date(2024, 12, 30), "day")
    assert resolve("January 3", dec) == (dt.date(2025, 1, 3), "day")


def test_explicit_and_non_dates() -> None:
    assert resolve("in June 2012", WED) == (dt.date(2012, 6, 1), "month")
    assert resolve("since March 2011", WED) == (dt.date(2011, 3, 1), "month")
    assert resolve("May 8, 2013", WED) == (dt.date(2013, 5, 8), "day")
    assert resolve("the past four days", WED) is None
    assert resolve("almost 5 years", WED) is None
    year = Reference(dt.date(2016, 1, 1), "year")
    assert resolve("Saturday", year, "past") == (dt.date(2016, 1, 1), "year")


def test_story_timeline_merges_outlets_and_marks_background() -> None:
    a = article("a", "Harbour Herald",
                "City engineers closed the Old Harbour Bridge on Thursday after cracks were found in two beams. "
                "The bridge opened in June 1998.", dt.date(2025, 3, 14))
    b = article("b", "Coast Radio",
                "Engineers closed the Old Harbour Bridge on Thursday after finding cracks in two beams. "
                "The mayor will meet regional ministers on Monday.", dt.date(2025, 3, 15))
    c = article("c", "Daily Ledger", "The Old Harbour Bridge shut last week. Repairs begin in April.", None)
    arts = [a, b, c]
    docs = parse([x.text for x in arts])
    emb = LexicalEmbedder()
    texts = [x.sentence_text(i) for x in arts for i in range(len(x.sentences))]
    vecs = emb.encode(texts)
    rows = {(ai, si): k for k, (ai, si) in enumerate((ai, si) for ai, x in enumerate(arts)
                                                     for si in range(len(x.sentences)))}

    def sim(p: tuple[int, int], q: tuple[int, int]) -> float:
        return float(vecs[rows[p]] @ vecs[rows[q]])

    refs = references(arts, docs)
    assert refs[2] is not None and refs[2].date == dt.date(2025, 3, 15)  # undated: the story's latest date
    tl = build_timeline(arts, docs, sim, refs, merge_threshold=0.4)
    closing = [e for e in tl if "closed" in e.text]
    assert len(closing) == 1 and closing[0].date == dt.date(2025, 3, 13) and closing[0].precision == "day"
    assert {c.article_id for c in closing[0].citations} == {"a", "b", "c"}  # "shut last week" is the same event
    opened = next(e for e in tl if "1998" in e.text)
    assert opened.background and opened.date == dt.date(1998, 6, 1)
    meeting = next(e for e in tl if "Monday" in e.text)
    assert meeting.date == dt.date(2025, 3, 17) and not meeting.background  # future tense: next Monday
    assert [e.date for e in tl] == sorted(e.date for e in tl)
