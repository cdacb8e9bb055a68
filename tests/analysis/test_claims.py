from __future__ import annotations

import datetime as dt

from newsweave.claims import find_quantities, number_claims, verdict

from .fixtures import article


def test_quantities_know_what_they_count() -> None:
    a = article("a", "A", "The flood has killed more than 1,200 people, officials said on May 3. "
                "A 15-member panel will review the 40 dams.", dt.date(2025, 5, 4))
    got = {(q.measure, q.value, q.text) for q in find_quantities([a])}
    assert ("people killed", 1200.0, "more than 1,200") in got
    assert ("members", 15.0, "15") in got
    assert ("dams", 40.0, "40") in got
    assert not any(q.value == 3 for q in find_quantities([a]))  # "May 3" is a date


def test_verdicts() -> None:
    d1, d2, d3 = dt.date(2025, 5, 1), dt.date(2025, 5, 10), dt.date(2025, 5, 20)
    f = frozenset
    assert verdict([(d1, f({100.0})), (d2, f({100.0}))]) == "agree"
    assert verdict([(d1, f({100.0})), (d2, f({150.0})), (d3, f({200.0}))]) == "changed_over_time"
    assert verdict([(d1, f({100.0})), (d1 + dt.timedelta(days=1), f({150.0}))]) == "differ"
    assert verdict([(d1, f({100.0})), (d2, f({300.0})), (d3, f({200.0}))]) == "differ"
    assert verdict([(d1, f({100.0})), (None, f({150.0}))]) == "differ"


def test_death_toll_group_across_outlets() -> None:
    arts = [
        article("a", "Wire One", "More than 1,000 people have been killed in the floods.", dt.date(2025, 5, 1)),
        article("b", "Radio Two", "The floods have killed at least 1,500 people.", dt.date(2025, 5, 10)),
        article("c", "Paper Three", "The death toll rose to 2,000, officials said.", dt.date(2025, 5, 20)),
        article("d", "Site Four", "The 2 new pumps arrived.", dt.date(2025, 5, 20)),
    ]
    claims = number_claims(arts, {a.id: a.published.date for a in arts})
    toll = next(c for c in claims if c.subject == "people killed")
    assert [v.value for v in toll.values] == [1000.0, 1500.0, 2000.0]
    assert [v.outlet for v in toll.values] == ["Wire One", "Radio Two", "Paper Three"]
    assert toll.verdict == "changed_over_time"
    assert all(v.citation.article_id == v.article_id for v in toll.values)
    assert not any(c.subject == "pumps" for c in claims)  # one outlet only: not a cross-source claim


def test_hyphenated_adjectives_are_not_counted_things() -> None:
    a = article("a", "A", "A 2,000-strong force and a 15-year-old boy crossed the 40-mile border zone.",
                dt.date(2025, 5, 4))
    assert not any(q.measure in ("strongs", "years", "miles", "olds") for q in find_quantities([a]))
