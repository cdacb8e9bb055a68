from __future__ import annotations

from newsweave.quotes import Person, find_quotes, quote_spans

TEXT = (
    '"We will reopen the bridge in September," Mayor Elena Varga said on Tuesday.\n\n'
    'Transport minister Tomas Berg said the state would pay half. "We will not leave the city alone," he said.\n\n'
    'Engineers were cautious. "The beams need more tests before anyone drives on them," said Ana Lind, the chief engineer.\n\n'
    'The council issued a statement saying "repairs will start in June and finish by autumn."\n\n'
    'Berg said the bridge would be "safer than it has ever been" after the work.\n\n'
    '"It is too early to say." Nobody said when tolls would return.'
)


def people() -> list[Person]:
    out = []
    for name, kind in (("Elena Varga", "person"), ("Tomas Berg", "person"), ("Ana Lind", "person"),
                       ("council", "org")):
        i = TEXT.find(name.split()[-1] if kind == "person" else "The council")
        out.append(Person(i, name, kind))
    return sorted(out, key=lambda p: p.offset)


def test_speakers() -> None:
    got = {q.text[:20]: q.speaker for q in find_quotes(TEXT, people=people())}
    assert got["We will reopen the b"] == "Mayor Elena Varga"
    assert got["We will not leave th"] == "Tomas Berg"  # "he said" -> the person named last before
    assert got["The beams need more "] == "Ana Lind"
    assert got["safer than it has ev"] == "Berg"
    assert got["It is too early to s"] is None  # the next sentence's "Nobody said" is not an attribution


def test_the_speaker_placed_by_in_is_who_speaks_not_where() -> None:
    text = ("The U.S. National Weather Service in Miami said Mitch could weaken, but warned it would remain "
            "\u201ca very dangerous hurricane capable of causing catastrophic damage.\u201d "
            "Kerry in Paris said the talks would go on \u201cfor as long as they need to take.\u201d")
    kerry = text.index("Kerry")
    got = [q.speaker for q in find_quotes(text, people=[Person(kerry, "John Kerry", "person")])]
    assert got[0] == "U.S. National Weather Service"
    assert got[1] == "Kerry"  # one word, but a person the story names there


def test_he_said_after_a_quote_is_its_speaker_when_nobody_is_named_since() -> None:
    text = ("Jelisic sat slumped in his chair. \u201cOnce Goran Jelisic even declined help from a guard,\u201d "
            "Bowers told judges. \u201cTo victims in Brcko, the face of genocide was his face,\u201d he said.")
    names = [("Jelisic", "Goran Jelisic", 0), ("Goran Jelisic", "Goran Jelisic", 0), ("Bowers", "Dirk Bowers", 0)]
    people = sorted((Person(text.index(w), canon, "person") for w, canon, _ in names), key=lambda p: p.offset)
    got = [(q.speaker, q.pronoun) for q in find_quotes(text, people=people)]
    # Jelisic is named last before "he said", but inside Bowers' own words: Bowers goes on speaking
    assert got == [("Bowers", False), ("Bowers", True)]
    # an organisation that spoke does not go on as "he"
    org = ('Pentagon spokesman Kenneth Bacon met reporters. Reuters said: "The strikes were aimed at the camps." '
           '"We will not stop until the job is done," he said.')
    crowd = [Person(org.index("Kenneth"), "Kenneth Bacon", "person"), Person(org.index("Reuters"), "Reuters", "org")]
    assert [q.speaker for q in find_quotes(org, people=crowd)][-1] == "Kenneth Bacon"


def test_short_quotes_are_ignored_and_mixed_marks_pair() -> None:
    assert find_quotes('He called it "horrific" and left.') == []
    text = 'A statement said "the talks will go on next week in Geneva.” Then nothing.'
    assert [text[a:b] for a, b in quote_spans(text)] == ["the talks will go on next week in Geneva."]


def test_a_documents_wording_is_not_the_speakers_quote() -> None:
    text = ('Kerry said the peace drive was based on a deal announced in Geneva in June 2012 for the creation of a '
            'transitional government "with full executive authority by mutual consent" - ambiguous wording that '
            'left the president\'s role unclear. The resolution authorises "all necessary measures to protect '
            'civilians" in the country, diplomats said. Kerry said the talks would be held "as soon as is practical '
            'and hopefully by the end of the month." Lavrov said Russia would back the plan, adding that "nobody '
            'wants the chaos of a broken country here."')
    got = {q.text.split()[0]: (q.speaker, q.document) for q in find_quotes(text)}
    assert got["with"] == (None, "deal")
    assert got["all"] == (None, "resolution")
    assert got["as"] == ("Kerry", None)
    assert got["nobody"] == ("Lavrov", None)



def test_a_statement_released_saying_is_the_statements_words() -> None:
    text = ('The two ministers met in Zurich, after which a joint statement was released saying "both sides want '
            'talks to start before the end of the month." The ministry issued a statement saying "the '
            'envoy has our full support in this work."')
    ministry = Person(text.find("The ministry"), "Foreign Ministry", "org")
    got = {q.text.split()[0]: (q.speaker, q.document) for q in find_quotes(text, people=[ministry])}
    assert got["both"] == (None, "joint statement")
    assert got["the"] == ("Foreign Ministry", None)  # a named issuer stays the speaker


def test_the_comma_that_hands_over_to_the_attribution_is_not_part_of_the_quote() -> None:
    (q,) = find_quotes('"We will reopen the bridge in September," Mayor Elena Varga said.')
    assert q.text == "We will reopen the bridge in September"
    assert q.speaker == "Mayor Elena Varga"


def test_a_reporting_verb_far_from_its_subject_gives_the_sentences_first_named_person() -> None:
    text = ('Prime Minister Hun Sen, who met the king on Monday, welcomed the offer but said, "the opposition must '
            'come back to the capital before any talks begin." The plan was welcomed, though it was widely said that '
            '"nothing has been decided yet about the date of the talks."')
    hun_sen = Person(text.find("Hun Sen"), "Hun Sen", "person")
    got = {q.text.split()[0]: q.speaker for q in find_quotes(text, people=[hun_sen])}
    assert got["the"] == "Hun Sen"
    assert got["nothing"] is None  # no one named in the sentence: unattributed, not the previous sentence's speaker


def test_a_quote_sentence_after_an_attributed_one_goes_on_with_its_speaker() -> None:
    text = ('"I consider this a remarriage," Ahmad Yahya said. "They have to be careful with the way they work." '
            'The vote is on Monday. "Nobody knows yet who will lead the assembly."\n\n'
            '"We will not join any coalition," Sam Rainsy said.\n\n"The count was not fair to anyone at all."')
    got = {q.text.split()[0]: q.speaker for q in find_quotes(text)}
    assert got["I"] == got["They"] == "Ahmad Yahya"
    assert got["Nobody"] is None  # a sentence without a quote came between
    assert got["We"] == "Sam Rainsy" and got["The"] is None  # a new paragraph is not taken as the same speaker


def test_a_quote_with_its_own_attribution_or_a_subject_further_in_is_not_given_the_wrong_person() -> None:
    text = ('"I consider this a remarriage," Ahmad Yahya said. "They have to be careful about what comes next," '
            'a Western diplomat said. Asked whether he would meet Kofi Annan, the foreign minister said: "We will '
            'see what happens next week in the capital."')
    people = [Person(text.find("Ahmad"), "Ahmad Yahya", "person"), Person(text.find("Kofi"), "Kofi Annan", "person")]
    got = {q.text.split()[0]: q.speaker for q in find_quotes(text, people=people)}
    assert got["I"] == "Ahmad Yahya"
    assert got["They"] is None  # its own attribution ("a Western diplomat said"), not the previous speaker
    assert got["We"] is None  # Kofi Annan is named in the sentence but is not its subject


def test_the_person_opening_the_sentence_speaks_before_the_office_named_with_them() -> None:
    text = ('Home Office Minister Alun Michael acknowledged Sunday that Pinochet entered on a diplomatic passport, '
            'but said, "That does not necessarily convey diplomatic immunity at all."')
    people = [Person(0, "Home Office", "org"), Person(text.find("Alun"), "Alun Michael", "person"),
              Person(text.find("Pinochet"), "Augusto Pinochet", "person")]
    (q,) = find_quotes(text, people=people)
    assert q.speaker == "Alun Michael"


def test_a_full_stop_ends_the_speaker_s_name_unless_it_closes_an_initial_or_title() -> None:
    def speaker(text: str) -> str | None:
        (q,) = find_quotes(text)
        return q.speaker

    assert speaker("\u201cThe vote should decide who holds the power,\u201d said Zha. What many call a vote is "
                   "banned here.") == "Zha"
    assert speaker("\u201cWe will hold the vote next week in the Senate,\u201d said Sen. Joe Biden. Then he left.") == (
        "Sen. Joe Biden")
    assert speaker("\u201cWe will hold the vote next week in the Senate,\u201d said J. Smith of Ohio.") == "J. Smith"


def test_a_title_in_quotation_marks_is_nobody_s_words() -> None:
    text = ("The mayor went on \u201cThe Late Night Show with Ana Berg\u201d on Monday. "
            "\u201cIt\u2019s the Harbour Festival,\u201d Mayor Elena Varga said. "
            "Protesters chanted \u201cNO MORE CRANE SALES.\u201d")
    got = [(q.text, q.speaker) for q in find_quotes(text)]
    assert ("It\u2019s the Harbour Festival", "Mayor Elena Varga") in got  # attributed: her words, in title case
    assert not any(t.startswith("The Late Night Show") for t, _ in got)
    assert any(t.startswith("NO MORE") for t, _ in got)  # capitals are shouting, not a title
