"""'Only one outlet reports': the citations' support test, nothing the brief already tells, a cap that counts."""

from __future__ import annotations

import datetime as dt

import numpy as np

from newsweave.analyze import SentenceSpace, told_elsewhere, unique_facts
from newsweave.render.views import UNIQUE_SHOWN, group_unique
from newsweave.types import Article, Citation, Sentence, SummaryLine, TimelineEntry, UniqueFact


def art(aid: str, outlet: str, sents: list[str]) -> Article:
    text, spans = "", []
    for i, s in enumerate(sents):
        start = len(text) + (1 if text else 0)
        text = f"{text} {s}" if text else s
        spans.append(Sentence(i, start, start + len(s)))
    return Article(id=aid, path=f"{aid}.txt", text=text, sentences=tuple(spans), outlet=outlet)


def unit(*xs: float) -> list[float]:
    v = np.array(xs, dtype=float)
    return list(v / np.linalg.norm(v))


A = art("a", "Alpha News", ["The ministers agreed to hold a peace conference in Geneva next month.",
                             "About 70,000 people have been killed in the war so far, officials say.",
                             "The envoy will travel to the region to meet rebel leaders soon."])
B = art("b", "Beta Radio", ["Ministers agreed on Tuesday to hold a peace conference in Geneva next month.",
                             "About 80,000 people have been killed in the war so far, officials say.",
                             "A football match in the capital ended in a goalless draw last night."])
VECTORS = np.array([
    unit(1, 0, 0, 0), unit(0, 1, 0, 0), unit(0, 0, 1, 0),          # Alpha
    unit(1, 0.05, 0, 0), unit(0, 1, 0.05, 0), unit(0, 0, 0, 1),     # Beta
])


def facts(told: frozenset[tuple[str, int]] = frozenset()) -> set[tuple[str, int]]:
    out = unique_facts([A, B], SentenceSpace([A, B], VECTORS), 0.72, told)
    return {(f.citation.article_id, f.citation.sentence_index) for f in out}


def test_supported_by_another_outlet_is_not_unique() -> None:
    # the Geneva sentence is supported; the death tolls are similar but their figures conflict, so neither
    # supports the other (the citations' rule), and each outlet's own figure is its own
    assert facts() == {("a", 1), ("a", 2), ("b", 1), ("b", 2)}


def test_what_the_summary_or_a_merged_timeline_entry_tells_is_not_unique() -> None:
    summary = [SummaryLine(A.sentence_text(2), (A.cite(2),))]
    timeline = [
        TimelineEntry(date=dt.date(2013, 5, 8), precision="day", text=B.sentence_text(1),
                      citations=(B.cite(1), A.cite(1))),
        TimelineEntry(date=dt.date(2013, 5, 9), precision="day", text=B.sentence_text(2),
                      citations=(B.cite(2),)),
    ]
    told = told_elsewhere([A, B], summary, timeline)
    assert told == {("a", 2), ("b", 1), ("a", 1)}
    assert facts(frozenset(told)) == {("b", 2)}  # a one-outlet timeline entry does not make a fact shared


def test_cap_is_counted_not_silent() -> None:
    c = Citation("a", 0, 0, 1)
    many = [UniqueFact("Alpha News", f"fact {i}", c) for i in range(UNIQUE_SHOWN + 3)] + [
        UniqueFact("Beta Radio", "one fact", c)]
    groups = group_unique(many)
    assert [(g.outlet, len(g.facts), g.hidden) for g in groups] == [
        ("Alpha News", UNIQUE_SHOWN, 3), ("Beta Radio", 1, 0)]


def test_a_restated_summary_line_is_not_unique() -> None:
    # Beta's death toll restates Alpha's with another figure (similarity 0.9988): with Alpha's as a summary line
    # it is no unique fact; the claims section compares the figures
    out = unique_facts([A, B], SentenceSpace([A, B], VECTORS), 0.72, frozenset({("a", 1)}), frozenset({("a", 1)}))
    assert {(f.citation.article_id, f.citation.sentence_index) for f in out} == {("a", 2), ("b", 2)}


def test_many_sources_show_fewer_unique_facts_each_and_count_the_rest() -> None:
    from newsweave.render.views import UNIQUE_SHOWN_MIN

    c = Citation("a", 0, 0, 5)
    facts = [UniqueFact(f"Outlet {k}", f"fact {k}.{i}", c) for k in range(10) for i in range(6)]
    groups = group_unique(facts)
    assert len(groups) == 10 and all(len(g.facts) == UNIQUE_SHOWN_MIN and g.hidden == 6 - UNIQUE_SHOWN_MIN
                                     for g in groups)
    four = group_unique([f for f in facts if f.outlet in ("Outlet 0", "Outlet 1", "Outlet 2", "Outlet 3")])
    assert [len(g.facts) for g in four] == [UNIQUE_SHOWN] * 4  # a few outlets keep the full count


def test_an_unnamed_outlet_supports_but_is_not_listed() -> None:
    """Two unnamed files may be one outlet: their sentences are no "only this outlet" fact, but what they say
    is not unique to a named outlet either."""
    from dataclasses import replace

    unnamed = replace(B, outlet=None)
    out = unique_facts([A, unnamed], SentenceSpace([A, unnamed], VECTORS), 0.72)
    got = {(f.citation.article_id, f.citation.sentence_index) for f in out}
    assert got == {("a", 1), ("a", 2)}  # Alpha's Geneva line is still supported by the unnamed report
    assert {f.outlet for f in out} == {"Alpha News"}
    c = replace(A, id="c", path="c.txt", outlet=None)
    assert unique_facts([unnamed, c], SentenceSpace([unnamed, c], VECTORS), 0.72) == ()
