"""Summary lines and timeline entries that stand alone: no dangling connective or pronoun at the start."""

from __future__ import annotations

import pytest

from newsweave.summarize.standalone import (
    drop_connective,
    drop_relative_weekdays,
    is_compression_of,
    leans_on_context,
    printed_lines,
    standalone_line,
    summary_line,
)


@pytest.mark.parametrize(
    ("sentence", "line"),
    [
        ("However, it remained unclear whether Syria will attend.", "It remained unclear whether Syria will attend."),
        ("But the talks failed to agree on a date.", "The talks failed to agree on a date."),
        ("Meanwhile, the coalition met in Istanbul.", "The coalition met in Istanbul."),
        ("Earlier, EU ministers had gathered in Brussels.", "EU ministers had gathered in Brussels."),
        ("In addition, 20 people were hurt.", "20 people were hurt."),
        ("The talks failed to agree on a date.", "The talks failed to agree on a date."),
        ("So far, 20 people have died.", "So far, 20 people have died."),
        ("Andrew Smith met the minister.", "Andrew Smith met the minister."),
        ("Butler said the plan would work.", "Butler said the plan would work."),
        ("It is unclear whether the opposition will attend.", "It is unclear whether the opposition will attend."),
        ("This week the ministers meet again in Paris.", "This week the ministers meet again in Paris."),
    ],
)
def test_lines_that_stand_alone(sentence: str, line: str) -> None:
    assert standalone_line(sentence) == line
    assert is_compression_of(line, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "He said the talks would go ahead.",
        "However, he said the talks would go ahead.",
        "But they have demanded that the United States pay.",
        "Their talks ended without a deal.",
        "It will fly alone for two weeks before the docking.",
        "This is what the speaker is supposed to do well.",
        "Its browser was the runaway leader in the market.",
        "\u201cShe was there before the protesters came,\u201d the mayor said.",
    ],
)
def test_sentences_that_lean_on_context_have_no_line(sentence: str) -> None:
    assert standalone_line(sentence) is None
    assert summary_line(sentence) is None


def test_plural_demonstratives_and_ordering_connectives() -> None:
    assert leans_on_context("Those areas hold most of the valley's people.")
    assert not leans_on_context("Those who fled the valley returned in May.")
    assert not leans_on_context("These days the valley is empty.")
    assert drop_connective("Finally, the players agreed to a ban.") == "The players agreed to a ban."
    assert drop_connective("Second, third and fourth graders sat the test.") == (
        "Second, third and fourth graders sat the test.")
    assert not leans_on_context("Those under 18 may not vote.")


def test_connective_and_pronoun_parts() -> None:
    assert drop_connective("However, the vote passed.") == "The vote passed."
    assert drop_connective("However many votes were cast, it passed.") == "However many votes were cast, it passed."
    assert leans_on_context("They agreed.") and not leans_on_context("Theyre is no word.")


@pytest.mark.parametrize(
    ("text", "out"),
    [
        ("Kerry and Lavrov said on Wednesday they believed it.", "Kerry and Lavrov said they believed it."),
        ("Police said Tuesday the attack was planned.", "Police said the attack was planned."),
        ("Kerry, on Tuesday, met Lavrov in Paris.", "Kerry met Lavrov in Paris."),
        ("Israel struck Syria late Sunday night.", "Israel struck Syria."),
        ("After Tuesday's vote, the bill passed.", "After Tuesday's vote, the bill passed."),
        ("The ban lasts until Friday.", "The ban lasts until Friday."),
        ("The attack, Tuesday, killed two.", "The attack, Tuesday, killed two."),
        # days paired with events in a list: dropping them leaves "..., the prize for poetry and the one for song"
        ("The prize for plays is given Monday, the prize for poetry on Wednesday and the one for song on Friday.",
         "The prize for plays is given Monday, the prize for poetry on Wednesday and the one for song on Friday."),
        ("Rebels said Saturday that they set off the bomb on Friday.", "Rebels said that they set off the bomb."),
        ("The rebels attacked the town, the army said on Monday.", "The rebels attacked the town, the army said."),
    ],
)
def test_relative_weekdays(text: str, out: str) -> None:
    assert drop_relative_weekdays(text) == out
    assert is_compression_of(out, text)


def test_summary_line_compresses_both_ways() -> None:
    sentence = "But the ministers met on Monday in Paris to plan the conference."
    line = summary_line(sentence)
    assert line == "The ministers met in Paris to plan the conference."
    assert line is not None and is_compression_of(line, sentence)


def test_compression_is_an_in_order_deletion() -> None:
    assert is_compression_of("The talks failed.", "The talks failed.")
    assert not is_compression_of("Kerry met Putin.", "Kerry met Lavrov.")
    assert not is_compression_of("Lavrov met Kerry.", "Kerry met Lavrov.")
    assert not is_compression_of("", "Kerry met Lavrov.")


def test_a_reference_to_what_only_an_earlier_sentence_named_is_no_summary_line() -> None:
    from newsweave.summarize.standalone import summary_line, unresolved_reference

    unresolved = [
        "Lavrov and Kerry announced the agreement in Moscow, despite their differences.",
        "The move comes after weeks of talks.",
        "The plan would cost 3 billion dollars.",
        "The two countries are now preparing for a peace conference in Geneva in June.",
        "Both sides said the talks would go on.",
        "The two will later be joined by French Foreign Minister Laurent Fabius for a working dinner.",
        "Whatever figure over that number reduces the salary cap the next year.",
        "This proposal would give the players half of the league's revenue.",
    ]
    resolved = [
        "Officials said that deal talks would resume in Geneva next week.",
        "Officials said Tuesday that claims of fraud in the count were unfounded.",
        "The ministry confirmed that figures released Monday showed growth.",
        "This week the league canceled the first two weeks of the season.",
        "The agreement to hold a conference was welcomed by France.",
        "Russia and the U.S. agreed to convene a conference, and the agreement was welcomed.",
        "The deal reached in Geneva left open the question of Assad.",
        "The peace plan would cost 3 billion dollars.",
        "The council approved the new bridge on Tuesday.",
        "The United States and Russia said the two countries would call a conference.",
        "Both houses of parliament approved the bill.",
        "The two-year war has cost 80,000 lives.",
    ]
    for text in unresolved:
        assert unresolved_reference(text) and summary_line(text) is None, text
    for text in resolved:
        assert not unresolved_reference(text) and summary_line(text) is not None, text


def test_a_line_leaning_on_the_sentence_before_it_prints_only_after_that_line() -> None:
    from newsweave.summarize.select import select_sentences
    from newsweave.summarize.standalone import printed_lines

    article = ["Russia and the United States agreed on Tuesday to call a peace conference on Syria in Geneva.",
               "The two countries are now preparing the conference for June, officials said in Moscow.",
               "He said more talks would follow next week in Paris with French ministers."]
    lines, follows = printed_lines(article)
    assert lines[1].startswith("The two countries") and follows == {1}
    assert lines[2] == ""  # a pronoun-led sentence has no line: its referent may be anywhere
    assert printed_lines(article[1:2]) == ([""], frozenset())  # with nothing before it, it has no line
    other = ["The Geneva peace conference on Syria is planned for June, officials said in Moscow on Tuesday.",
             "The two countries are now preparing the conference for June and talks in Geneva."]
    docs = [lines, other]
    for budget in (15, 20, 40, 60):
        picks = set(select_sentences(docs, budget, follows={(0, 1)}))
        assert (0, 1) not in picks or (0, 0) in picks, (budget, picks)
    # a budget for both: the pair can be chosen together
    assert {(0, 0), (0, 1)} <= set(select_sentences([lines], 40, follows={(0, 1)}))


def test_a_bare_count_standing_for_people_named_earlier_leans_on_context() -> None:
    from newsweave.summarize.select import is_eligible
    from newsweave.summarize.standalone import summary_line

    assert summary_line("Three are in custody in New York, and a fourth is a fugitive.") is None
    assert summary_line("Two of them were released on Friday after questioning by police.") is None
    assert summary_line("Three people are in custody in New York.") is not None
    assert summary_line("Two bombs exploded outside the embassies on Friday.") is not None
    # a scrape's half of a `` quote mark: a quotation, not a neutral summary line
    assert not is_eligible("`I believe no one will try anything silly in Bangkok during the games.")


def test_an_interview_prints_no_line_of_its_questions_and_answers() -> None:
    interview = [
        "Oil executives met in Houston on Monday to discuss the proposed merger of two of the largest companies.",
        "Following are excerpts from the conversation with the chairman of the smaller company.",
        "The chairman spoke in his office: Q. Why now, after years of talks that led nowhere at all?",
        "Q. There is a lot of focus on the antitrust aspects of the deal announced this week.",
        "A. Well, the company has been trying to get bigger for several years now, and this is the way.",
        "We have looked at many deals over the years and this one gives the company the scale it needs.",
    ]
    lines, _ = printed_lines(interview)
    assert lines[0] and lines[1]
    assert lines[2] == "" and lines[3] == "" and lines[4] == "" and lines[5] == ""  # the answer's second sentence
    # without a question in the article, "A." is an initial like any other
    report = ["A. Philip Randolph organised the march on Washington that the union planned for the summer of 1941."]
    assert printed_lines(report)[0][0]


def test_a_pages_promo_is_no_summary_line() -> None:
    from newsweave.summarize.standalone import is_promo, summary_line

    for promo in ("Explore all of our oil spill graphics to track the spill , see its effects .",
                  "Click here to see the full map.", "Sign up for our daily newsletter.",
                  "“Follow us on Twitter for updates.”"):
        assert is_promo(promo) and summary_line(promo) is None, promo
    for report in ("Read the full text, officials said, before the vote on Tuesday.",  # no reader or outlet named
                   "Visitors to the park watched the rescue.",
                   "Explorers found the wreck 12 miles off the coast."):
        assert not is_promo(report) and summary_line(report) is not None, report
