"""Untitled wire copy gets a readable headline from its lead, never a sentence cut mid-phrase without a mark."""

from __future__ import annotations

from newsweave.types import HEADLINE_CHARS, Article, Sentence


def _article(text: str, title: str | None = None) -> Article:
    first = text.find(". ") + 1 or len(text)
    return Article(id="a1", path="a.txt", text=text, sentences=(Sentence(0, 0, first),), title=title)


def test_title_wins() -> None:
    assert _article("Body text here. More.", title=" Bridge closed ").headline() == "Bridge closed"


def test_short_lead_is_the_headline_without_its_full_stop() -> None:
    assert _article("Israeli officials delayed two planes on Wednesday. More follows.").headline() == (
        "Israeli officials delayed two planes on Wednesday")


def test_long_lead_gives_its_first_clause() -> None:
    lead = ("Honduras braced for potential catastrophe Tuesday as Hurricane Mitch roared through the northwest "
            "Caribbean, churning up high waves and intense rain that sent coastal residents scurrying for safer "
            "ground. Next sentence.")
    assert _article(lead).headline() == (
        "Honduras braced for potential catastrophe Tuesday as Hurricane Mitch roared through the northwest Caribbean")


def test_long_lead_without_a_usable_clause_is_shortened_at_a_word_with_an_ellipsis() -> None:
    lead = ("The committee " + "very " * 40 + "slowly voted. Next.")
    h = _article(lead).headline()
    assert h.endswith("…") and len(h) <= HEADLINE_CHARS and not h[:-1].endswith(" ")
    assert lead.startswith(h[:-1])


def test_wire_dateline_is_not_the_headline() -> None:
    text = "MUNICH, Germany (AP) _ Police detained a man wanted in the embassy bombings on Friday. More follows."
    a = Article(id="a1", path="a.txt", text=text, sentences=(Sentence(0, 0, 86),))
    assert a.headline() == "Police detained a man wanted in the embassy bombings on Friday"
    alone = "MUNICH, Germany (AP) _ Police detained a man wanted in the embassy bombings on Friday."
    two = Article(id="a2", path="b.txt", text=alone + " Next.", sentences=(Sentence(0, 0, 22), Sentence(1, 23, 86)))
    assert two.headline() == "Police detained a man wanted in the embassy bombings on Friday"


def test_whole_headline_flag() -> None:
    long_lead = ("Senator Alfonse D'Amato, the New York Republican who is running for re-election, went to Manhattan's "
                 "Grand Central Terminal on Monday to greet commuters and talk about the race. More follows.")
    assert _article("Body. More.", title="Bridge closed").headline_is_whole
    assert _article("Israeli officials delayed two planes on Wednesday. More follows.").headline_is_whole
    assert not _article(long_lead).headline_is_whole


def test_a_story_of_wire_copy_is_headed_by_a_whole_lead_sentence_not_a_cut_one() -> None:
    import numpy as np

    from newsweave.cluster.offline import headline_member

    long_lead = ("The United States is preparing to commit taxpayer funds as part of a lending program of at least "
                 "thirty billion dollars to shore up the economy of Brazil, officials said on Friday. More.")
    arts = [_article(long_lead), _article("Brazil got a thirty billion dollar rescue on Friday. More follows."),
            _article("Markets rose in Sao Paulo. More.")]
    sim = np.array([[1.0, 0.8, 0.7], [0.8, 1.0, 0.6], [0.7, 0.6, 1.0]])
    assert headline_member([0, 1, 2], sim, arts) == 1  # the most central (0) would be cut
    assert headline_member([0, 2], sim, arts) == 0  # the whole one is not among the more central half
    titled = [_article(long_lead, title="Brazil rescue"), *arts[1:]]
    assert headline_member([0, 1, 2], sim, titled) == 0


def test_long_lead_without_a_usable_first_clause_ends_at_a_conjunction_not_mid_phrase() -> None:
    lead = ("Pope John Paul II appealed for aid Wednesday for the Central American countries stricken by hurricane "
            "Mitch and said he feels close to the thousands who are suffering. Next.")
    assert _article(lead).headline() == (
        "Pope John Paul II appealed for aid Wednesday for the Central American countries stricken by hurricane Mitch")
    figures = ("Officials in the capital said on Sunday night that between 1,000 and 1,500 people were buried by a "
               "landslide on the slopes of the volcano near the border town. Next.")
    h = _article(figures).headline()
    assert "1,000 and 1,500" in h or h.endswith("…")  # never cut inside "between 1,000 and 1,500"


def test_unnamed_sources_are_told_apart_by_their_file_but_shown_as_unknown() -> None:
    a = Article(id="a1", path="in/cluster/D2.txt", text="Body. More.", sentences=(Sentence(0, 0, 5),))
    b = Article(id="a2", path="in/cluster/D3.txt", text="Body. More.", sentences=(Sentence(0, 0, 5),))
    assert a.source_key != b.source_key
    assert a.label == b.label == "unknown outlet"
    assert Article(id="a3", path="x.txt", text="Body.", sentences=(), outlet="VOA").label == "VOA"


def test_a_long_lead_with_a_fronted_modifier_is_headed_by_its_main_clause() -> None:
    lead = ("Worried that party colleagues still face arrest for their politics, opposition leader Prince Norodom "
            "Ranariddh on Thursday urged the government to drop all charges before the parliament meets. Next.")
    assert _article(lead).headline() == (
        "Opposition leader Prince Norodom Ranariddh on Thursday urged the government to drop all charges before the "
        "parliament meets")
    named = ("United Nations monitors said on Thursday that the ceasefire along the border had held for a third day "
             "running, despite reports of shelling near the river crossing in the north. Next.")
    assert _article(named).headline().startswith("United Nations monitors said")  # a name, not a participle


def test_a_long_lead_loses_its_subjects_aside_and_a_fronted_time_phrase() -> None:
    nba = ("The National Basketball Association, embroiled in a labor dispute with its players, Tuesday canceled the "
           "first two weeks of the 1998-99 season. More follows.")
    assert _article(nba).headline() == (
        "The National Basketball Association Tuesday canceled the first two weeks of the 1998-99 season")
    congo = ("A day after shooting down a jetliner, Congolese rebels and their Rwandan allies pushed Sunday through "
             "government defense lines, showing the confidence of a victor in a week-old battle for an air base. "
             "More.")
    assert _article(congo).headline() == (
        "Congolese rebels and their Rwandan allies pushed Sunday through government defense lines")
    listed = ("Kerry, Lavrov and Hague, who met in Paris on Monday with the envoys of eleven other countries, agreed "
              "that the conference should open in Geneva in the first week of June at the latest. More.")
    assert not _article(listed).headline().startswith("Kerry Lavrov")  # no aside: a list of names
    for lead in ("By only one vote, the center-left prime minister of Italy, Romano Prodi, lost a confidence vote in "
                 "Parliament Friday and was toppled from power after two and a half years in office. More.",
                 "Assailants have abducted Chechnya's top prosecutor, a man who had led the inquiry into the kidnapping "
                 "of foreigners, officials said Friday, the latest in a string of abductions. More."):
        h = _article(lead).headline()  # no aside dropped: the head before the commas is no named subject
        assert "Prodi lost" not in h and "Prodi, lost" not in h and "prosecutor officials" not in h


def test_a_long_lead_without_a_clause_break_ends_before_a_prepositional_phrase_not_inside_a_quote() -> None:
    annan = ("UN Secretary-General Kofi Annan left for Libya Saturday to hold talks aimed at putting two suspects "
             "on trial for the 1988 Pan Am bombing over Lockerbie in Scotland. More.")
    assert _article(annan).headline() == (
        "UN Secretary-General Kofi Annan left for Libya Saturday to hold talks aimed at putting two suspects on trial")
    loan = ("The United States is preparing to commit taxpayer funds as part of a lending program of at least "
            "thirty billion dollars to try to shore up the economy of Brazil. More.")
    assert not _article(loan).headline().endswith((" of", "…"))
    quoted = ("To his Muslim targets, Bosnian Serb Goran Jelisic was “the face of genocide” who once bragged that "
              "“he had to kill 20 or 30 people before he could have his morning coffee” in the camp. More.")
    h = _article(quoted).headline()
    assert h.count("“") == h.count("”")  # never cut inside a quotation


def test_a_clause_before_the_first_comma_is_no_named_subject_and_straight_quotes_are_not_cut() -> None:
    lead = ("Israel bombed Lebanon, killing at least three civilians in a village, Lebanese security officials "
            "said Tuesday in a statement from Beirut about the attack. More.")
    assert not _article(lead).headline().startswith("Israel bombed Lebanon Lebanese")
    straight = ('Senior officials said on Tuesday the committee "would very very very very very very very very very '
                'very very very very very slowly consider the matter" next week. More.')
    h = _article(straight).headline()
    assert h.count('"') % 2 == 0, h


def test_wire_copy_is_headed_by_a_report_of_the_event_not_a_features_opening_line() -> None:
    import numpy as np

    from newsweave.cluster.offline import headline_member

    feature = _article("Times are tough in the oil patch. They have been for a year.")
    report = _article("Exxon and Mobil, the nation's two largest oil companies, confirmed Friday that they were "
                      "discussing a merger that would create the world's biggest oil company by far. More.")
    whole_report = _article("Exxon and Mobil confirmed Friday that they were discussing a merger. More.")
    assert feature.headline_is_whole and feature.headline_rank == 2
    assert not report.headline_is_whole and report.headline_rank == 1
    assert whole_report.headline_rank == 0
    assert _article("Body. More.", title="Oil giants talk").headline_rank == 0
    sim = np.array([[1.0, 0.8, 0.7], [0.8, 1.0, 0.6], [0.7, 0.6, 1.0]])
    assert headline_member([0, 1, 2], sim, [feature, report, whole_report]) == 1  # shortened report > feature
    assert headline_member([0, 1, 2], sim, [feature, whole_report, report]) == 1
    assert headline_member([0, 1, 2], sim, [whole_report, report, feature]) == 0


def test_a_promo_lead_is_no_headline() -> None:
    from newsweave.extract.sentences import split_sentences

    text = ("Explore all of our flood graphics to track the water and see its effects. "
            "Engineers reopened the harbour road on Monday after the water fell.")
    a = Article(id="a2", path="b.txt", text=text, sentences=split_sentences(text))
    assert a.headline() == "Engineers reopened the harbour road on Monday after the water fell"


def test_a_cut_never_leaves_a_that_clause_without_its_verb() -> None:
    """Made-up lead: cut before "of the harbour ..." it would read "The port authority argued in court on Monday
    that the planned sale" (what of the sale?); the cut falls where the clause is done, or is marked."""
    lead = ("The port authority argued in court on Monday that the planned sale of the harbour cranes to a private "
            "operator from abroad would leave the city unable to handle its own cargo in winter. Next.")
    h = _article(lead).headline()
    assert h != "The port authority argued in court on Monday that the planned sale"
    assert h.endswith("…") or " would " in h
    assert _article("Officials in the capital said on Tuesday that the storm had killed at least 200 people across "
                    "the southern provinces of the country during the weekend of heavy rain and wind. Next.").headline(
    ).startswith("Officials in the capital said on Tuesday that the storm had killed at least 200 people")


def test_a_long_that_clause_with_its_main_verb_is_a_fine_place_to_end() -> None:
    lead = ("Prosecutors alleged in court papers filed on Monday that the former governor accepted millions in bribes "
            "from road contractors during his two terms in office in the state capital. Next.")
    h = _article(lead).headline()
    assert not h.endswith("…") and h.startswith(
        "Prosecutors alleged in court papers filed on Monday that the former governor accepted millions in bribes")
