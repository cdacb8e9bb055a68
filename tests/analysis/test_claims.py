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


def test_injuries_are_not_deaths() -> None:
    a = article("a", "A", "The blast killed 213 people, 12 of them Americans, and injured 5,400. "
                "In Dar es Salaam 11 people were killed and 85 were injured. "
                "She cited the more than 250 people killed and the more than 1,000 wounded. "
                "Gunmen killed 20 people and wounded 50 people. The quake left 300 people hurt.", dt.date(2025, 5, 4))
    got = {q.value: q.measure for q in find_quantities([a])}
    assert got[213.0] == got[11.0] == got[250.0] == got[20.0] == "people killed"
    assert got[5400.0] == got[85.0] == got[1000.0] == got[50.0] == got[300.0] == "people injured"
    lost = article("b", "B", "After the flood, 500 lost their homes and 2,000 lost their jobs.", dt.date(2025, 5, 4))
    assert all(q.measure != "people killed" for q in find_quantities([lost]))


def test_deaths_and_people_killed_are_one_measure() -> None:
    a = article("a", "A", "The virus has caused 160 deaths worldwide. It killed 103 people in one country. Officials "
                "counted 12 fatalities on the ship.", dt.date(2025, 5, 4))
    assert {q.value: q.measure for q in find_quantities([a])} == {160.0: "people killed", 103.0: "people killed",
                                                                  12.0: "people killed"}


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


def test_a_figure_keeps_the_source_its_sentence_names() -> None:
    cases = {
        "The United Nations has estimated that at least 80,000 people have been killed.": "United Nations",
        "At least 300 people died in the quake, the Red Cross said on Monday.": "Red Cross",
        "More than 70,000 people have been killed, according to the U.N.": "U.N.",
        "The pro-opposition Syrian Observatory for Human Rights, a monitoring group, said on Tuesday that at least "
        "94,000 people had been killed, but that the real toll was likely to be as high as 120,000.":
            "Syrian Observatory for Human Rights",
        # the writer's own clause after an attribution: not the speaker's figure
        "Kerry and Lavrov said on Wednesday they could pull off talks on Syria, where their nations back opposing "
        "sides in a war that may have cost 120,000 lives.": None,
        "He said 40 people were killed.": None,
        "The floods have killed at least 1,500 people.": None,
    }
    for text, source in cases.items():
        qs = find_quantities([article("a", "A", text, dt.date(2025, 5, 4))])
        assert qs and {q.source for q in qs} == {source}, (text, qs)


def test_sources_that_differ_are_not_outlets_that_disagree() -> None:
    arts = [
        article("a", "Wire One", "The United Nations says at least 80,000 people have been killed.", dt.date(2025, 5, 1)),
        article("b", "Radio Two", "The Observatory said 94,000 people had been killed.", dt.date(2025, 5, 2)),
        article("c", "Paper Three", "At least 80,000 people have been killed, according to the United Nations.",
                dt.date(2025, 5, 2)),
    ]
    (toll,) = number_claims(arts, {a.id: a.published.date for a in arts})
    assert toll.verdict == "sources_differ"
    assert [v.source for v in toll.values] == ["United Nations", "Observatory", "United Nations"]
    # the same two outlets with figures of their own on the same days do disagree
    own = [article("a", "Wire One", "At least 80,000 people have been killed.", dt.date(2025, 5, 1)),
           article("b", "Radio Two", "At least 94,000 people have been killed.", dt.date(2025, 5, 2))]
    (toll,) = number_claims(own, {a.id: a.published.date for a in own})
    assert toll.verdict == "differ"


def test_one_value_of_one_sentence_once_and_claims_need_two_outlets() -> None:
    arts = [
        article("a", "Wire One", "A war that cost 120,000 lives, and maybe as many as 120,000 lives, goes on.",
                dt.date(2025, 5, 1)),
        article("b", "Radio Two", "The war has killed 120,000 people.", dt.date(2025, 5, 2)),
    ]
    (toll,) = number_claims(arts, {a.id: a.published.date for a in arts})
    assert [(v.outlet, v.value) for v in toll.values] == [("Wire One", 120000.0), ("Radio Two", 120000.0)]
    same_outlet = [article("a", "Wire One", "At least 80,000 people have been killed.", dt.date(2025, 5, 1)),
                   article("b", "Wire One", "At least 94,000 people have been killed.", dt.date(2025, 5, 9))]
    assert number_claims(same_outlet, {a.id: a.published.date for a in same_outlet}) == ()


def test_one_claim_compares_one_quantity_of_one_event() -> None:
    arts = [
        article("a", "Wire One", "The bombs killed 213 people in Nairobi and wounded thousands.", dt.date(2025, 5, 1)),
        article("b", "Radio Two", "At least 11 people were killed in Dar es Salaam.", dt.date(2025, 5, 1)),
        article("c", "Paper Three", "The bomb in Nairobi killed 224 people, officials said.", dt.date(2025, 5, 1)),
        article("d", "Site Four", "In Dar es Salaam 10 people were killed by the blast.", dt.date(2025, 5, 1)),
    ]
    claims = number_claims(arts, {a.id: a.published.date for a in arts})
    groups = sorted(sorted(v.value for v in c.values) for c in claims if c.subject == "people killed")
    assert groups == [[10.0, 11.0], [213.0, 224.0]]  # two events, never 11 against 213
    # figures more than twice apart count different things even with no place named
    far = [article("a", "Wire One", "The storm killed 32 people.", dt.date(2025, 5, 1)),
           article("b", "Radio Two", "The storm killed 9,000 people.", dt.date(2025, 5, 1))]
    assert number_claims(far, {a.id: a.published.date for a in far}) == ()


def test_a_stance_needs_its_actor_as_subject_and_its_target_as_object() -> None:
    import spacy

    from newsweave.claims import find_stances

    nlp = spacy.blank("en")
    texts = {
        "France ruled out Iran's participation. Russia, a long-time ally of Syria, says it supports Iran.": 2,
        "The president is to fly to Gaza to be welcomed by Arafat.": 0,  # passive: Gaza welcomes nobody
        "Levy, a moderate who opposed Netanyahu, quit.": 0,  # a relative clause's verb
    }
    for text, n in texts.items():
        doc = nlp(text)
        ents = []
        for name, label in (("France", "GPE"), ("Iran", "GPE"), ("Russia", "GPE"), ("Syria", "GPE"),
                            ("Gaza", "GPE"), ("Arafat", "PERSON"), ("Levy", "PERSON"), ("Netanyahu", "PERSON")):
            start = 0
            while (i := text.find(name, start)) >= 0:
                span = doc.char_span(i, i + len(name), label=label)
                if span is not None:
                    ents.append(span)
                start = i + 1
        doc.ents = sorted(ents, key=lambda e: e.start_char)
        a = article("a", "Wire One", text, dt.date(2025, 5, 1))
        got = find_stances([a], [doc], lambda name: name)
        assert len(got) == n, (text, got)


def test_reports_that_can_be_telling_the_same_figure_agree() -> None:
    day = dt.date(2025, 5, 1)

    def toll(*texts: str) -> str:
        arts = [article(f"a{k}", f"Outlet {k}", t, day) for k, t in enumerate(texts)]
        claims = [c for c in number_claims(arts, {a.id: day for a in arts}) if c.subject == "people killed"]
        return claims[0].verdict if claims else "none"

    assert toll("More than 43,000 people were killed.", "The quake killed 43,538 people.") == "agree"
    assert toll("The attack killed 50 people.", "The attack killed 49 people.") == "differ"
    assert toll("At least 70,000 people were killed.", "At least 80,000 people were killed.") == "differ"
    # both outlets give both figures (an old and a new count): nothing to disagree on
    both = [article(f"a{k}", f"Outlet {k}", "Officials said 30 people were killed, up from 20 people killed on "
                    "Monday.", day) for k in range(2)]
    (c,) = number_claims(both, {a.id: day for a in both})
    assert c.verdict == "agree"


def test_the_words_after_a_figure_stay_readable_for_the_next() -> None:
    a = article("a", "A", "Of the 94 cases of Covid-19 among the more than 43,000 volunteers, 8 were severe.",
                dt.date(2025, 5, 4))
    got = {(q.measure, q.value, q.text) for q in find_quantities([a])}
    assert ("volunteers", 43000.0, "more than 43,000") in got
    assert not any(v == 19.0 for _m, v, _t in got)  # "Covid-19" is a name


def test_a_forecast_is_not_a_report_of_the_figure() -> None:
    a = article("a", "A", "Economists had been looking for 845,000 new jobs. The economy added 943,000 jobs in July.",
                dt.date(2025, 5, 4))
    assert [q.value for q in find_quantities([a]) if q.measure == "jobs"] == [943000.0]
    b = article("b", "B", "At least 231 people have been killed, and the toll is expected to rise.", dt.date(2025, 5, 4))
    assert [q.value for q in find_quantities([b])] == [231.0]


def test_distances_are_no_claims_and_a_where_clause_places_a_figure() -> None:
    day = dt.date(2025, 5, 1)
    arts = [article("a", "Wire One", "Sirte is 400 kilometers (250 miles) east of Tripoli.", day),
            article("b", "Radio Two", "Gabes is 365 kms (200 miles) south of Tunis.", day)]
    assert number_claims(arts, {a.id: day for a in arts}) == ()
    arts = [article("a", "Wire One", "In Honduras, at least 140 people have been killed by the storm.", day),
            article("b", "Radio Two", "Guatemala, where 100 people were killed by the storm, asked for help.", day)]
    assert number_claims(arts, {a.id: day for a in arts}) == ()  # two countries' tolls: no claim


def test_undated_reports_that_differ_do_not_claim_overlapping_periods() -> None:
    """Two outlets' tolls, one report undated: still "differ", but the note says the figure may have changed
    between them, not that the periods overlap (nothing says they do)."""
    from newsweave.claims.numbers import UNDATED_DIFFER_NOTE

    arts = [article("a", "Wire One", "At least 5,000 people have been killed by the storm.", dt.date(2025, 5, 1)),
            article("b", "Radio Two", "The storm has killed more than 10,000 people.", dt.date(2025, 5, 2))]
    (dated,) = number_claims(arts, {a.id: a.published.date for a in arts})
    assert dated.verdict == "differ" and dated.note != UNDATED_DIFFER_NOTE
    (undated,) = number_claims(arts, {"a": dt.date(2025, 5, 1), "b": None})
    assert undated.verdict == "differ" and undated.note == UNDATED_DIFFER_NOTE


def test_each_place_reporting_its_own_toll_is_its_own_quantity() -> None:
    """A storm's tolls per country are different quantities: the country that reports a figure ("Northland
    reported", "Eastria's Emergency Office listed") or the place named nearest it ("Southmark _ where 140 died")
    says whose toll it is, even when the sentence names another country too."""
    places = {"Northland", "Eastria", "Southmark"}
    arts = [
        article("a", "Wire One", "Northland reported 100 storm-related deaths.", dt.date(2025, 5, 1)),
        article("b", "Radio Two", "Eastria reported 180 dead; Northland said 150 of its people had been killed.",
                dt.date(2025, 5, 3)),
        article("c", "Paper Three", "Southmark _ where 140 people died in flash floods _ declared an emergency, as "
                "did Northland, where 90 people died.", dt.date(2025, 5, 2)),
        article("d", "Site Four", "Eastria's Emergency Office listed 170 dead and 40 missing.", dt.date(2025, 5, 2)),
    ]
    claims = number_claims(arts, {a.id: a.published.date for a in arts}, is_place=lambda n: n.strip() in places)
    tolls = sorted(sorted(v.value for v in c.values) for c in claims if c.subject == "people killed")
    assert tolls == [[90.0, 100.0, 150.0], [170.0, 180.0]]  # Northland's, Eastria's; Southmark's 140 alone
    # without knowing which names are places, the reporters' figures join the nearest group whatever their place
    assert "people missing" in {q.measure for q in find_quantities(arts[3:])}  # "40 missing": not "missings"
    blind = number_claims(arts, {a.id: a.published.date for a in arts})
    assert sorted(sorted(v.value for v in c.values) for c in blind if c.subject == "people killed") != tolls


def test_a_figure_naming_no_place_stays_apart_when_the_story_counts_several_places() -> None:
    """Tolls counted per country (Northland's, Eastria's) and a figure naming no place ("more than 200 dead"):
    it may be any country's or the region's total, so it is not a disagreement with Northland's; in a story of
    one place, figures naming none are that place's like the rest."""
    places = {"Northland", "Eastria"}
    day = dt.date(2025, 5, 2)
    arts = [article("a", "Wire One", "In Northland, at least 140 people have been killed by the storm.", day),
            article("b", "Radio Two", "The storm has killed more than 200 people, officials said.", day),
            article("c", "Paper Three", "In Eastria, 90 people were killed by the storm.", day),
            article("d", "Site Four", "In Northland, 150 people were killed by the storm.", day),
            article("e", "Daily Five", "In Eastria, 95 people were killed by the storm.", day)]
    claims = number_claims(arts, {a.id: day for a in arts}, is_place=lambda n: n.strip() in places)
    tolls = sorted(sorted(v.value for v in c.values) for c in claims if c.subject == "people killed")
    assert tolls == [[90.0, 95.0], [140.0, 150.0]]  # Eastria's, Northland's; the unplaced 200 stands alone
    one_place = [arts[0], arts[1], arts[3]]
    (claim,) = number_claims(one_place, {a.id: day for a in one_place}, is_place=lambda n: n.strip() in places)
    assert sorted(v.value for v in claim.values) == [140.0, 150.0, 200.0]
    # a place named once, where a statement was made, is not a second place the toll is counted in
    stray = [*one_place, article("f", "Radio Six", "The storm killed 210 people, a spokesman told reporters in "
                                 "Washington.", day)]
    claims = number_claims(stray, {a.id: day for a in stray}, is_place=lambda n: n.strip() in places)
    assert [140.0, 150.0, 200.0] in [sorted(v.value for v in c.values) for c in claims]


def test_a_figure_the_sentence_says_was_replaced_is_not_reported_again() -> None:
    """"down from the earlier estimate of 7,000", "from 7,000 to about 6,100": the report is the new figure; the
    old one is not a second outlet's disagreement."""
    texts = {"As of Thursday, the storm had killed 6,076 people in Northland _ down from officials' earlier "
             "estimate of 7,000.": [6076.0],
             "Officials lowered the confirmed death toll from 7,000 to about 6,100 on Thursday.": [6100.0],
             "The flood killed 40 people, up from 35 on Monday.": [40.0],
             "Aid from 30 countries reached the 40 villages.": [30.0, 40.0],
             "The death toll went up from 85 to 120 on Friday.": [120.0]}
    for text, want in texts.items():
        got = [q.value for q in find_quantities([article("a", "A", text, dt.date(2025, 5, 4))])]
        assert got == want, text
    rose = find_quantities([article("a", "A", "The toll rose from 120 people to 200 on Friday.", dt.date(2025, 5, 4))])
    assert all(q.measure != "ons" for q in rose) and 120.0 not in {q.value for q in rose}


def test_a_place_as_source_and_as_mention_is_one_place() -> None:
    """"Officials in Central Northland estimated 7,000" (the source is the place) and "9,000 ... throughout
    Central Northland" (the place named) are one place's figures, whichever way the place is read."""
    day = dt.date(2025, 5, 2)
    arts = [article("a", "Wire One", "Officials in Central Northland estimated Tuesday that about 7,000 people "
                    "have died in the region.", day),
            article("b", "Radio Two", "The storm killed an estimated 9,000 people throughout Central Northland in "
                    "a disaster of such proportions.", day),
            article("c", "Paper Three", "In Eastria, 90 people were killed by the storm.", day),
            article("d", "Site Four", "In Eastria, 95 people were killed by the storm.", day)]
    claims = number_claims(arts, {a.id: day for a in arts}, is_place=lambda n: n.strip() in {"Central Northland",
                                                                                             "Eastria"})
    assert [7000.0, 9000.0] in [sorted(v.value for v in c.values) for c in claims]


def test_what_is_no_count_of_anything() -> None:
    a = article("a", "A", "The vaccine is 100 % effective, and 5 per cent of the 40 schools closed on 25 April 2009. "
                "A kill rate of 80-90 % was feared, and less than 1 in 100 patients died. "
                "Cases rose at 5 a.m. to 100 or more, and 300 Marines arrived on 30th Apr at 22 degrees.",
                dt.date(2009, 5, 1))
    got = {(q.value, q.measure) for q in find_quantities([a])}
    assert got == {(40.0, "schools"), (300.0, "marines")}, got


def test_people_are_counted_by_what_happened_to_them() -> None:
    a = article("a", "A", "Mexico, a country of 26 million people, said 1,324 people had been admitted to hospital. "
                "About 400 people have been quarantined, and 36,000 people die each year from flu. "
                "There were 79 confirmed cases and 300 suspected cases.", dt.date(2009, 5, 1))
    got = {q.value: q.measure for q in find_quantities([a])}
    assert 26e6 not in got and 36000.0 not in got
    assert got[1324.0] == "people admitted" and got[400.0] == "people quarantined"
    assert got[79.0] == "confirmed cases" and got[300.0] == "suspected cases"


def test_a_worldwide_figure_is_not_one_countrys() -> None:
    arts = [
        article("a", "Wire One", "The virus has killed 103 people in Mexico, officials said.", dt.date(2009, 4, 29)),
        article("b", "Radio Two", "So far the flu has killed 160 people worldwide.", dt.date(2009, 4, 30)),
        article("c", "Paper Three", "In Mexico, 99 people have died from the virus.", dt.date(2009, 4, 30)),
    ]
    claims = number_claims(arts, {a.id: a.published.date for a in arts})
    tolls = [sorted(v.value for v in c.values) for c in claims if c.subject == "people killed"]
    assert [99.0, 103.0] in tolls and not any(160.0 in t and 103.0 in t for t in tolls)


def test_an_increment_is_not_the_total() -> None:
    a = article("a", "A", "Officials reported 61 new cases on Monday, bringing the total to 500 cases. "
                "Another 14 more people were killed overnight.", dt.date(2009, 5, 1))
    got = {q.value: q.measure for q in find_quantities([a])}
    assert got[61.0] == "new cases" and got[500.0] == "cases"
    assert 14.0 not in got


def test_review_cases_of_people_kinds_and_world() -> None:
    from newsweave.claims.numbers import figure_places

    a = article("a", "A", "The ferry carried 300 passengers when it sank. Some 40 people often gathered there. "
                "500 fighters surrendered to the army. 12 more than last week came. "
                "Officials said 50 reported dead in the town. 30 reported to hospitals.", dt.date(2009, 5, 1))
    got = {q.value: q.measure for q in find_quantities([a])}
    assert 300.0 not in got and 40.0 not in got and 12.0 not in got and 30.0 not in got
    assert got[500.0] == "people surrendered" and got[50.0] == "people killed"
    for text in ("The global health body said 103 people had died in Mexico.",
                 "In the world's largest outbreak, 103 people died in Mexico."):
        q = next(q for q in find_quantities([article("b", "B", text, dt.date(2009, 5, 1))]) if q.value == 103.0)
        assert figure_places(text, q) == frozenset({"mexico"}), text


def test_a_rate_is_not_a_total_and_money_alone_counts_nothing() -> None:
    a = article("a", "A", "Oil gushed at 5,000 barrels a day, and 364,500 barrels of oil have been recovered. "
                "The pipe carries 20,000 barrels daily. BP has spent $ 2.65 bn and # 3.9 m on the clean-up.",
                dt.date(2010, 6, 1))
    got = {q.value: q.measure for q in find_quantities([a])}
    assert got[5000.0] == "barrels a day" and got[20000.0] == "barrels a day" and got[364500.0] == "barrels"
    assert 2.65 not in got and 3.9 not in got


def test_a_past_year_keys_another_event_and_what_only_could_happen_is_no_report() -> None:
    from newsweave.nlp import parse

    day = dt.date(2010, 6, 1)
    arts = [
        article("a", "A", "The Exxon Valdez spilled 11 million gallons of crude in Alaska in 1989.", day),
        article("b", "B", "The 2005 blast at the refinery, which killed 15 people, was the worst.", day),
        article("c", "C", "The leak, the worst since 1989, has released 60 million gallons.", day),
        article("d", "D", "In the worst case the well could leak 100,000 barrels a day.", day),
        article("e", "E", "They spoke of Syria, where a war that may have cost 120,000 lives goes on.", day),
        article("f", "F", "The army will send 3,000 tents to the region.", day),
    ]
    docs = parse([a.text for a in arts])
    got = {q.article: q.measure for q in find_quantities(arts, docs, [2010] * 6)}
    assert got == {0: "gallons in 1989", 1: "people killed in 2005", 2: "gallons", 4: "people killed", 5: "tents"}
    undated = {q.article: q.measure for q in find_quantities(arts, docs, [None] * 6)}
    assert undated[0] == "gallons" and undated[1] == "people killed"  # no year to be before
    assert {q.article for q in find_quantities(arts)} == {0, 1, 2, 3, 4, 5}  # without a parse: as before


def test_a_range_is_one_report_and_millions_are_as_precise_as_written() -> None:
    from newsweave.claims.numbers import span_of

    assert span_of(111e6, "39 million to 111 million") == (39e6, 111e6)
    assert span_of(1.2e6, "840,000 to 1.2 million") == (840e3, 1.2e6)
    assert span_of(30e6, "20 to 30 million") == (20e6, 30e6)
    assert span_of(206e6, "206 million") == (205.5e6, 206.5e6)
    assert span_of(213.0, "213") == (213.0, 213.0)
    day = dt.date(2010, 6, 1)
    arts = [article("a", "Wire One", "The ship is capturing 840,000 to 1.2 million gallons of oil a day.", day),
            article("b", "Radio Two", "The ship is capturing nearly 1 million gallons of oil a day.", day),
            article("c", "Paper Three", "In all, 206 million gallons of oil spilled.", day),
            article("d", "Site Four", "The well spilled 205.8 million gallons of oil.", day)]
    (ranged,) = [q for q in find_quantities(arts[:1])]
    assert (ranged.text, ranged.value) == ("840,000 to 1.2 million", 1.2e6)
    verdicts = {c.subject: c.verdict for c in number_claims(arts, {a.id: day for a in arts})}
    assert verdicts == {"gallons a day": "agree", "gallons": "agree"}


def test_thresholds_and_tallies_are_no_reports() -> None:
    from newsweave.nlp import parse

    texts = ["The bill was defeated in a 52-47 vote, not meeting the 60 needed to break the filibuster.",
             "But 60 votes were needed for the bill to advance.",
             "Most Republicans refused, depriving the Democrats of the 60-vote threshold needed to begin debate.",
             "The campaign must collect 500,000 signatures required to qualify.",
             "The campaign has collected 450,000 signatures."]
    arts = [article(str(i), "A", t, dt.date(2020, 6, 1)) for i, t in enumerate(texts)]
    got = [(q.article, q.text, q.measure) for q in find_quantities(arts, parse(texts), [2020] * len(texts))]
    assert got == [(4, "450,000", "signatures")]


def test_review_cases_revisions_tallies_nested_years_and_plans() -> None:
    from newsweave.claims.numbers import span_of
    from newsweave.nlp import parse

    day = dt.date(2010, 6, 1)
    texts = ["The death toll rose from 200 to 300 people killed.",
             "As of yesterday anywhere from 39 million to 111 million gallons of crude oil has gushed.",
             "The bill failed in a 47-52 vote.",
             "The rig, which was built in 2001, has leaked 5 million gallons.",
             "About 300,000 refugees need shelter.",
             "The bill needs 218 votes to pass.",
             "A minimum of 50 people were killed.",
             "The blast could have killed 5,000 people.",
             "The Covid-19 outbreak – 300 deaths so far."]
    arts = [article(str(i), "A", t, day) for i, t in enumerate(texts)]
    got = {q.article: (q.text, q.measure) for q in find_quantities(arts, parse(texts), [2010] * len(texts))}
    assert got == {0: ("300", "people killed"), 1: ("39 million to 111 million", "gallons"),
                   3: ("5 million", "gallons"), 4: ("About 300,000", "refugees"), 6: ("50", "people killed"),
                   8: ("300", "people killed")}
    assert span_of(1.5e6, "2 to 1.5 million") == (1.45e6, 1.55e6)  # no range (2 million > 1.5 million): rounding
    assert span_of(1e6, "1 million") == (0.95e6, 1.05e6)  # rounding at most 5%
