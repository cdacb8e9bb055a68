"""Which day a sentence reports on, planned events, and the selection's limits (with spaCy)."""

from __future__ import annotations

import datetime as dt

from newsweave.nlp import parse
from newsweave.tls import TlsParams, date_sentences, key_dates, key_timeline
from newsweave.types import Article, PublishedDate, Sentence


def article(aid: str, published: dt.date, sentences: list[str], outlet: str = "Test Wire") -> Article:
    text, spans, pos = "", [], 0
    for i, s in enumerate(sentences):
        if text:
            text += " "
            pos += 1
        spans.append(Sentence(i, pos, pos + len(s)))
        text += s
        pos += len(s)
    return Article(aid, f"{aid}.txt", text, tuple(spans), outlet=outlet,
                   published=PublishedDate(published, "day", 0.95, "metadata"))


MARCH_5 = dt.date(2021, 3, 5)


def test_sentence_goes_to_the_date_it_names() -> None:
    a = article("a", MARCH_5, ["The ferry operator suspended its night crossings on March 3 after a storm.",
                               "Passengers were offered refunds at the harbour office."])
    dated = {s.sentence: s for s in date_sentences([a], parse)}
    assert dated[0].date == dt.date(2021, 3, 3) and dated[0].mentioned and not dated[0].planned
    assert dated[1].date == MARCH_5 and not dated[1].mentioned


def test_yesterday_and_weekday_resolve_against_publication() -> None:
    a = article("a", MARCH_5, ["Divers recovered the second anchor yesterday after a long search.",
                               "The harbour master had ordered the search on Tuesday."])
    dated = {s.sentence: s.date for s in date_sentences([a], parse)}
    assert dated[0] == dt.date(2021, 3, 4)
    assert dated[1] == dt.date(2021, 3, 2)  # 2021-03-05 is a Friday


def test_planned_event_is_not_a_past_event() -> None:
    a = article("a", MARCH_5, ["A public hearing on the repairs will be held on March 12 at the town hall.",
                               "The harbour bridge closed on March 3 after inspectors found cracks in the beams."])
    dated = {s.sentence: s for s in date_sentences([a], parse)}
    assert dated[0].planned and dated[0].date == dt.date(2021, 3, 12)
    kd = key_dates([a], list(dated.values()), TlsParams(5, 2))
    placed = {(k.date, line.text) for k in kd for line in k.lines}
    assert all("will be held" not in text for _d, text in placed)
    assert all(d != dt.date(2021, 3, 12) for d, _t in placed)


def test_month_only_mention_is_no_single_day() -> None:
    a = article("a", MARCH_5, ["The bridge was last repainted in June 2019 by a local firm of contractors."])
    assert date_sentences([a], parse) == []


def test_untrusted_publication_date_dates_nothing() -> None:
    a = Article("u", "u.txt", "The mill reopened on Monday after repairs to its roof and walls.",
                (Sentence(0, 0, 64),))
    assert date_sentences([a], parse) == []


def test_limits_and_determinism() -> None:
    arts = [article(f"a{i}", dt.date(2021, 3, 1 + i), [
        f"Volunteers cleared debris from the beach for the {i + 1}th day running on the north shore.",
        f"The council counted {100 + i} bags of rubbish collected so far by the volunteers this week."])
        for i in range(8)]
    params = TlsParams(3, 1)
    first = key_timeline(arts, params)
    assert len(first.dates) <= 3 and all(len(k.lines) <= 1 for k in first.dates)
    assert [k.date for k in first.dates] == sorted(k.date for k in first.dates)
    assert first == key_timeline(list(arts), params)
