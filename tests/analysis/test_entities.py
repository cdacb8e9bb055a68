from __future__ import annotations

from newsweave.entities import build_entities
from newsweave.entities.canonical import Mention, normalise, surname


def m(text: str, kind: str, aid: str = "a", role: str | None = None, metonym: str | None = None) -> Mention:
    return Mention(text, kind, aid, 0, len(text), role, metonym)  # type: ignore[arg-type]


def test_person_spellings_and_short_forms_merge() -> None:
    ms = [m("Sergei Lavrov", "person", "a", "Russian Foreign Minister"), m("Sergey Lavrov", "person", "b"),
          m("Lavrov", "person", "b"), m("Lavrov", "org", "c"), m("John Kerry", "person", "a", "U.S. Secretary of State"),
          m("Kerry", "person", "c", "US Secretary of State"), m("Bashar al-Assad", "person", "a"),
          m("Assad", "person", "b")]
    ents, index = build_entities(ms, {"a": "Outlet A", "b": "Outlet B", "c": "Outlet C"})
    by_name = {e.name: e for e in ents}
    lavrov = by_name["Sergei Lavrov"]
    assert lavrov.kind == "person" and lavrov.mentions == 4
    assert set(lavrov.aliases) == {"Sergey Lavrov", "Lavrov"}
    assert lavrov.outlets == ("Outlet A", "Outlet B", "Outlet C")
    assert lavrov.roles == ("Russian Foreign Minister",)
    kerry = by_name["John Kerry"]
    assert kerry.roles == ("U.S. Secretary of State",)  # "US Secretary of State" is the same role
    assert "Assad" in by_name["Bashar al-Assad"].aliases
    assert index.resolve("Lavrov") == "Sergei Lavrov"
    assert index.resolve("Sergey Lavrov", "person") == "Sergei Lavrov"
    assert "Lavrov" not in by_name and "Sergey Lavrov" not in by_name


def test_countries_acronyms_and_capital_metonymy() -> None:
    ms = [m("U.S.", "place"), m("United States", "place"), m("US", "org"), m("United Nations", "org"),
          m("U.N.", "org"), m("Washington", "place", metonym="United States"), m("Washington", "place")]
    ents, index = build_entities([Mention(normalise(x.text), x.kind, x.article_id, 0, 1, None, x.metonym_of)
                                  for x in ms], {"a": "A"})
    by_name = {e.name: e for e in ents}
    us = by_name["United States"]
    assert us.kind == "place" and {"U.S.", "US"} <= set(us.aliases)  # abbreviations keep their dots
    # one use for the government, one for the city: the city wins the tie, and it is one entity, not both
    assert by_name["Washington"].kind == "place" and by_name["Washington"].mentions == 2
    assert "Washington" not in us.aliases
    assert index.resolve("U.N.") == "United Nations"


def test_a_capital_mostly_used_for_its_government_joins_the_country_in_every_mention() -> None:
    ms = [m("Russia", "place"), m("Moscow", "place", metonym="Russia"), m("Moscow", "place", metonym="Russia"),
          m("Moscow", "place")]
    ents, _ = build_entities(ms, {"a": "A"})
    by_name = {e.name: e for e in ents}
    assert "Moscow" not in by_name and by_name["Russia"].mentions == 4 and "Moscow" in by_name["Russia"].aliases


def test_kind_is_decided_across_mentions_and_context() -> None:
    from newsweave.entities.canonical import context_kind

    text = "Hizballah fighters crossed into Qusair. The town of Qusair fell. Talks were held in the European Union."
    assert context_kind(text, 0, len("Hizballah")) == "org"
    q = text.index("Qusair")
    assert context_kind(text, q, q + 6) == "place"
    q2 = text.index("Qusair", q + 1)
    assert context_kind(text, q2, q2 + 6) == "place"
    boat = "He was rescued from his boat south of Cancun, 30 miles from Cozumel."
    for town in ("Cancun", "Cozumel"):
        t = boat.index(town)
        assert context_kind(boat, t, t + len(town)) == "place"
    eu = text.index("European Union")
    assert context_kind(text, eu, eu + len("European Union")) is None
    plant = "Salih Idris, the owner of Al Shifa pharmaceutical plant, denied it. Ford Motor Company plant workers struck."
    a = plant.index("Al Shifa")
    assert context_kind(plant, a, a + len("Al Shifa")) == "place"  # a site, not the person NER reads
    f = plant.index("Ford Motor Company")
    assert context_kind(plant, f, f + len("Ford Motor Company")) != "place"  # a company's plant is the company's
    for sent, name in (("The Obama camp said the ad was false.", "Obama"),
                       ("Workers at the Toyota plant in Georgetown walked out.", "Toyota"),
                       ("Shirley Temple sang.", "Shirley Temple"), ("Bruce Arena coached the team.", "Bruce Arena"),
                       ("Frank Church chaired the committee.", "Frank Church")):
        k = sent.index(name)
        assert context_kind(sent, k, k + len(name)) != "place", name  # a bare camp or plant, a surname
    church = "Mourners gathered at Hammarkullen Lutheran Church on Sunday."
    c = church.index("Hammarkullen")
    assert context_kind(church, c, c + len("Hammarkullen Lutheran Church")) == "place"
    ms = [Mention("Hizballah", "person", "a", 0, 9, None, None, "org"), Mention("Hizballah", "person", "b", 0, 9),
          Mention("Qusair", "org", "a", 0, 6, None, None, "place"), Mention("Qusair", "org", "a", 0, 6)]
    ents, _ = build_entities(ms, {"a": "A", "b": "B"})
    kinds = {e.name: e.kind for e in ents}
    assert kinds == {"Hizballah": "org", "Qusair": "place"}
    assert len(ents) == 2  # one entity each, whatever the single NER calls said


def test_abbreviation_dots_and_sentence_stops() -> None:
    assert normalise("U.S.") == "U.S." and normalise("U.N.") == "U.N."
    assert normalise("Damascus.") == "Damascus" and normalise("Martin Luther King Jr.") == "Martin Luther King Jr."
    # an interview's question marker is no initial: "Q. Mobil is the country's second-biggest oil company"
    assert normalise("Q. Mobil") == "Mobil" and normalise("J. Smith") == "J. Smith"
    assert normalise("Accompanying Liu") == "Liu" and normalise("Aboard Endeavour") == "Endeavour"


def test_name_helpers() -> None:
    assert normalise("the Kremlin's") == "Kremlin"
    assert surname("Bashar al-Assad") == surname("Assad") == "assad"


def test_role_does_not_cross_a_sentence_end() -> None:
    from newsweave.entities.canonical import _role_before
    from newsweave.extract.sentences import split_sentences

    text = "The bridge closed in March. Mayor Elena Varga spoke."
    assert _role_before(text, text.index("Elena"), split_sentences(text)) == "Mayor"
    text2 = "Talks ended. Russian Foreign Minister Sergei Lavrov left."
    assert _role_before(text2, text2.index("Sergei"), split_sentences(text2)) == "Russian Foreign Minister"
    text4 = "But British Foreign Minister William Hague disagreed."
    assert _role_before(text4, text4.index("William"), split_sentences(text4)) == "British Foreign Minister"
    text3 = "Earlier, U.S. Secretary of State John Kerry arrived."
    assert _role_before(text3, text3.index("John"), split_sentences(text3)) == "U.S. Secretary of State"


def test_a_title_says_person_and_a_possessive_party_says_nothing() -> None:
    from newsweave.entities.canonical import context_kind

    text = ("Prince Norodom Ranariddh met Gen. Augusto Pinochet. Ranariddh's party walked out. Hezbollah fighters "
            "left. The Premier League resumed. Premier Li Peng spoke.")
    at = text.index
    assert context_kind(text, 0, len("Prince Norodom Ranariddh")) == "person"
    assert context_kind(text, at("Augusto"), at("Augusto") + len("Augusto Pinochet")) == "person"
    assert context_kind(text, at("Ranariddh's"), at("Ranariddh's") + len("Ranariddh")) is None
    assert context_kind(text, at("Hezbollah"), at("Hezbollah") + len("Hezbollah")) == "org"
    armed = "Hezbollah's fighters fired rockets."
    assert context_kind(armed, 0, len("Hezbollah")) == "org"  # a possessive of fighters still says group
    assert context_kind(text, at("Premier League"), at("Premier League") + len("Premier League")) is None
    assert context_kind(text, at("Li Peng"), at("Li Peng") + len("Li Peng")) == "person"


def test_a_person_name_before_plant_is_a_site_a_company_name_is_not() -> None:
    from newsweave.entities.canonical import mentions_of
    from newsweave.nlp import analysis_model

    text = "Officials said the Shifa plant made medicine. Workers at the Toyota plant in Kentucky went on strike."
    hints = {x.text: (x.kind, x.hint) for x in mentions_of("a", analysis_model()(text))}
    assert hints["Shifa"] == ("person", "place")  # NER reads a person; the hint says place
    assert hints["Toyota"][1] != "place"


def test_a_storm_is_neither_who_nor_where() -> None:
    """NER calls "Mitch" a person and "Hurricane Mitch" an organisation: both are left out of the entities, the
    places it struck and the agencies that report on it are kept."""
    from newsweave.entities.canonical import mentions_of, storm_names
    from newsweave.nlp import analysis_model

    assert storm_names("former-hurricane Mitch and Tropical Storm Lisa; the National Hurricane Center") == {
        "Mitch", "Lisa"}
    text = ("Hurricane Mitch killed at least 231 people in Honduras, the National Emergency Commission said. "
            "Mitch was drifting west over the Bay Islands, and Mitch McConnell said nothing.")
    names = {x.text for x in mentions_of("a", analysis_model()(text))}
    assert "Mitch" not in names and "Hurricane Mitch" not in names
    assert "Honduras" in names and "Mitch McConnell" in names
    # an article of the story that only says "Mitch" speaks of the storm another article names
    later = "Mitch killed dozens in Nicaragua, officials said Sunday."
    story = storm_names(text) | storm_names(later)
    assert "Mitch" not in {x.text for x in mentions_of("b", analysis_model()(later), storms=story)}


def test_a_surname_with_its_particle_is_no_full_name() -> None:
    """"bin Laden" is Osama bin Laden's surname, not a person whose first name is "bin" (the DUC embassy-bombing
    story listed "bin Laden", "Bin Laden" and "Osama bin Laden" as three people)."""
    from newsweave.entities.canonical import is_full_name

    ms = [m("Osama bin Laden", "person", "a"), m("Osama bin Laden", "person", "b"), m("bin Laden", "person", "a"), m("bin Laden", "person", "b"),
          m("Bin Laden", "person", "c"), m("Osama Bin Laden", "person", "c"), m("bin Laden", "org", "b"),
          m("F.W. de Klerk", "person", "a"), m("de Klerk", "person", "b"), m("Al Gore", "person", "a"),
          m("Gore", "person", "b")]
    ents, index = build_entities(ms, {"a": "A", "b": "B", "c": "C"})
    people = {e.name: e for e in ents if e.kind == "person"}
    assert set(people) == {"Osama bin Laden", "F.W. de Klerk", "Al Gore"}
    assert people["Osama bin Laden"].mentions == 7
    assert index.resolve("Bin Laden") == index.resolve("bin Laden") == "Osama bin Laden"
    assert is_full_name("Al Gore") and not is_full_name("de Klerk") and not is_full_name("Assad")


def test_a_name_without_its_arabic_article_is_the_same_place_or_group() -> None:
    ms = [Mention("Al Shifa", "place", "a", 0, 8), Mention("Shifa", "place", "a", 0, 5),
          Mention("Shifa", "place", "b", 0, 5), Mention("al-Jazeera", "org", "a", 0, 10),
          Mention("Jazeera", "org", "b", 0, 7), Mention("Paso", "place", "a", 0, 4)]
    ents, index = build_entities(ms, {"a": "A", "b": "B"})
    by_name = {e.name: e for e in ents}
    assert by_name["Al Shifa"].mentions == 3 and "Shifa" in by_name["Al Shifa"].aliases
    assert index.resolve("Jazeera") == "al-Jazeera"
    assert "Paso" in by_name  # no "El Paso" here: nothing to join
    spanish = [Mention("El Salvador", "place", "a", 0, 11), Mention("Salvador", "place", "b", 0, 8)]
    assert {e.name for e in build_entities(spanish, {"a": "A", "b": "B"})[0]} == {"El Salvador", "Salvador"}
    # two spellings with the article: which one a bare name means is not known, it stays apart
    two = [Mention("Al Hayat", "org", "a", 0, 8), Mention("al-Hayat", "org", "a", 0, 8),
           Mention("Hayat", "org", "b", 0, 5)]
    assert "Hayat" in {e.name for e in build_entities(two, {"a": "A", "b": "B"})[0]}


def test_a_capitalised_van_or_della_is_a_given_name() -> None:
    ms = [m("Van Jones", "person", "a"), m("Van Jones", "person", "b"), m("Doug Jones", "person", "a"),
          m("Della Reese", "person", "a"), m("Sam Reese", "person", "b")]
    names = {e.name for e in build_entities([Mention(x.text, x.kind, x.article_id, 0, 1) for x in ms],
                                            {"a": "A", "b": "B"})[0]}
    assert {"Van Jones", "Doug Jones", "Della Reese", "Sam Reese"} <= names
    laak = [m("James Van Laak", "person", "a"), m("Van Laak", "person", "b"), m("Van Laak", "person", "a")]
    ents = build_entities([Mention(x.text, x.kind, x.article_id, 0, 1) for x in laak], {"a": "A", "b": "B"})[0]
    assert [(e.name, e.mentions) for e in ents] == [("James Van Laak", 3)]
    osama = [m("Osama bin Laden", "person", "a"), m("Bin Laden", "person", "b"), m("bin Laden", "person", "a")]
    ents = build_entities([Mention(x.text, x.kind, x.article_id, 0, 1) for x in osama], {"a": "A", "b": "B"})[0]
    assert [(e.name, e.mentions) for e in ents] == [("Osama bin Laden", 3)]  # at a sentence start too


def test_a_time_zone_is_no_entity() -> None:
    from newsweave.entities.canonical import mentions_of
    from newsweave.nlp import analysis_model

    text = "The ferry sank at 0300 GMT (10 p.m. EST Tuesday) near the island, the harbour authority said."
    assert "GMT" not in {m.text for m in mentions_of("a", analysis_model()(text))}
