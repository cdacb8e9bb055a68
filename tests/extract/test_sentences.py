from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.extract.sentences import paragraphs, split_sentences


def test_sentences_split_and_never_cross_paragraphs() -> None:
    text = "Kerry met Lavrov. They talked about Syria\n\nU.S. officials said talks would go on. Fine."
    sents = split_sentences(text)
    got = [text[s.start : s.end] for s in sents]
    assert got[0] == "Kerry met Lavrov."
    assert "They talked about Syria" in got
    assert all("\n\n" not in g for g in got)
    assert [s.index for s in sents] == list(range(len(sents)))


def test_paragraph_offsets() -> None:
    text = "  One.\n\n\nTwo two.  \n\nThree"
    assert [text[a:b] for a, b in paragraphs(text)] == ["One.", "Two two.", "Three"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80), max_size=6))
def test_offsets_round_trip(parts: list[str]) -> None:
    text = "\n\n".join(parts)
    sents = split_sentences(text)
    prev_end = 0
    for s in sents:
        piece = text[s.start : s.end]
        assert piece and piece == piece.strip()
        assert s.start >= prev_end  # ordered, non-overlapping
        prev_end = s.end
    # Every non-space character of the text is inside some sentence.
    covered = set()
    for s in sents:
        covered.update(range(s.start, s.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_no_boundary_inside_an_open_quotation() -> None:
    from newsweave.extract.sentences import join_inside_quotes

    text = ("Kerry spoke on Monday. “We will go. We will win,” he said. The talks end.\n\n"
            'He said "No. Never." Fine.')
    got = [text[s.start : s.end] for s in split_sentences(text)]
    assert got == ["Kerry spoke on Monday.", "“We will go. We will win,” he said.", "The talks end.",
                   'He said "No. Never."', "Fine."]
    # a boundary right before the opening mark or after the closing mark stays
    assert join_inside_quotes([(0, 5), (6, 12), (13, 20)], [(7, 11)]) == [(0, 5), (6, 12), (13, 20)]
    assert join_inside_quotes([(0, 9), (10, 20)], [(3, 15)]) == [(0, 20)]


def test_sentences_come_from_the_one_pipeline_and_match_a_senter_only_pipeline() -> None:
    """The splitter runs the tokenizer and senter of the process's one English pipeline (no second load, no
    tok2vec, which feeds no component of it) and finds the sentences a pipeline loaded with only the senter finds."""
    from newsweave.extract.sentences import sentence_model
    from newsweave.nlp import english, load_english

    model = sentence_model()
    assert model.pipe_names == ("senter",)
    assert model._senter is english().get_pipe("senter")
    alone = load_english(("tok2vec", "parser", "ner", "lemmatizer", "attribute_ruler", "tagger"), "test")
    alone.enable_pipe("senter")
    texts = ["Mr. Kerry met Sergei Lavrov in Moscow on Tuesday. They agreed to convene a conference. It may be "
             "held in Geneva in June, officials said.",
             "the talks ended. nothing was agreed. Both sides blamed the other at 3 p.m. Friday."]
    got = [[(x.start_char, x.end_char) for x in d.sents] for d in model.pipe(texts)]
    want = [[(x.start_char, x.end_char) for x in d.sents] for d in alone.pipe(texts)]
    assert got == want
    assert all(len(g) >= 2 for g in got)


def test_a_piece_opening_in_lower_case_joins_the_sentence_before_it() -> None:
    """spaCy ends a sentence after a quoted '?' or '!'; the attribution that follows is the rest of it."""
    text = ("``What have they done?'' he asked in Cleveland. The crowd left.\n\n"
            "``You resign!'' at Speaker-elect Robert Livingston when he called for it. Then silence.\n\n"
            "Vlok has not applied for amnesty. de Klerk has said he did not know.")
    got = [text[s.start : s.end] for s in split_sentences(text)]
    assert "``What have they done?'' he asked in Cleveland." in got
    assert "he asked in Cleveland." not in got
    assert any(g.startswith("``You resign!'' at Speaker-elect") for g in got)
    # a name particle opens a sentence of its own
    assert "de Klerk has said he did not know." in got
    assert all(not g[:1].islower() or g.startswith("de ") for g in got)


def test_a_paragraph_opening_in_lower_case_is_not_glued_to_the_one_before() -> None:
    text = "The talks ended.\n\nhe said later that nothing was agreed."
    got = [text[s.start : s.end] for s in split_sentences(text)]
    assert got == ["The talks ended.", "he said later that nothing was agreed."]


def test_opens_mid_sentence() -> None:
    from newsweave.textutil import opens_mid_sentence

    assert opens_mid_sentence("he asked.")
    assert opens_mid_sentence("at Speaker-elect Robert Livingston")
    assert not opens_mid_sentence("He asked.")
    assert not opens_mid_sentence("de Klerk said so.")
    assert not opens_mid_sentence("al-Assad's forces advanced.")
    assert not opens_mid_sentence("eBay said its sales rose.")
    assert not opens_mid_sentence("iPhone sales rose.")
    assert not opens_mid_sentence("``Stress?''")
    assert not opens_mid_sentence("")


def test_lower_case_text_keeps_its_sentences() -> None:
    """Only a sentence that may go on (a quoted '?' or '!', an abbreviation) takes the lower-case piece after it:
    text written all in lower case is not one sentence a paragraph."""
    text = "the talks ended without a deal. nothing was agreed by anyone. he left the room in a hurry."
    got = [text[s.start : s.end] for s in split_sentences(text)]
    assert len(got) == 3, got
    cut = "Those who became witnesses in political trials . . . were often labeled as collaborators by the party."
    assert [cut[s.start : s.end] for s in split_sentences(cut)] == [cut]  # an ellipsis inside a quoted passage
