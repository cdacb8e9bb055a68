from __future__ import annotations

import numpy as np

from newsweave.embed import LexicalEmbedder
from newsweave.summarize.cite import cite
from newsweave.types import Article, Sentence


def art(aid: str, sents: list[str]) -> Article:
    text, spans, pos = "", [], 0
    for i, s in enumerate(sents):
        if text:
            text += " "
            pos += 1
        spans.append(Sentence(i, pos, pos + len(s)))
        text += s
        pos += len(s)
    return Article(id=aid, path=aid, text=text, sentences=tuple(spans), outlet=aid.upper())


def test_cites_source_first_and_supporting_articles_above_threshold() -> None:
    arts = [
        art("a", ["The bridge in Lindmark was closed after cracks were found.", "Weather was fine."]),
        art("b", ["Rain fell all day.", "Cracks were found and the Lindmark bridge was closed."]),
        art("c", ["A football match ended in a draw.", "Tickets were cheap."]),
    ]
    emb = LexicalEmbedder()
    vecs = emb.encode([a.text[s.start : s.end] for a in arts for s in a.sentences])
    cs = cite(arts, vecs, (0, 0), threshold=0.5)
    assert [(c.article_id, c.sentence_index) for c in cs] == [("a", 0), ("b", 1)]
    for c in cs:
        a = next(x for x in arts if x.id == c.article_id)
        assert a.text[c.start : c.end] == a.sentence_text(c.sentence_index)
    assert cs[0].similarity == 1.0 and 0.5 <= cs[1].similarity <= 1.0


def test_vector_count_must_match() -> None:
    arts = [art("a", ["One sentence."])]
    try:
        cite(arts, np.zeros((3, 4), dtype=np.float32), (0, 0), 0.5)
    except ValueError as e:
        assert "expected 1" in str(e)
    else:
        raise AssertionError("expected ValueError")


def test_conflicting_figures_are_not_support() -> None:
    arts = [
        art("a", ["The war has killed more than 80,000 people since it began."]),
        art("b", ["The war has killed more than 70,000 people since it began."]),
        art("c", ["The war has killed more than 80,000 people since it started."]),
    ]
    emb = LexicalEmbedder()
    vecs = emb.encode([a.text[s.start : s.end] for a in arts for s in a.sentences])
    cs = cite(arts, vecs, (0, 0), threshold=0.5)
    assert [c.article_id for c in cs] == ["a", "c"]


def test_sentences_placed_elsewhere_are_not_support() -> None:
    from newsweave.summarize.cite import places_conflict, places_in

    assert places_in("They met in a Paris hotel on Monday and at the Kremlin in May.") == {"paris", "kremlin"}
    assert places_conflict("Kerry and Lavrov announced the deal in Moscow.", "Kerry and Lavrov met in Paris.")
    assert not places_conflict("Kerry and Lavrov met in Paris.", "The ministers held talks in Paris on Monday.")
    assert not places_conflict("Kerry and Lavrov met in Paris.", "Kerry and Lavrov met on Monday.")


def test_a_placed_line_needs_a_margin_from_a_sentence_naming_none_of_its_places() -> None:
    from newsweave.summarize.cite import UNPLACED_MARGIN, names_place

    assert names_place("The talks in Paris went on.", frozenset({"paris"}))
    assert not names_place("They met on the sidelines of the Arctic Council.", frozenset({"paris"}))
    arts = [
        art("a", ["Kerry and Lavrov are meeting in Paris to discuss the conference."]),
        art("b", ["Kerry and Lavrov met on the sidelines of the Arctic Council."]),  # no place named
        art("c", ["The two ministers held talks in Paris on Monday."]),
    ]
    # hand-set unit vectors: b and c are equally similar to a (0.8), just above the threshold 0.75
    s = 0.8
    vecs = np.array(
        [[1.0, 0.0, 0.0], [s, np.sqrt(1 - s * s), 0.0], [s, 0.0, np.sqrt(1 - s * s)]], dtype=np.float32
    )
    # the place rule alone (the support test, on top, would refuse both: they share too few words with a)
    cs = cite(arts, vecs, (0, 0), threshold=0.75, check_support=False)
    assert [c.article_id for c in cs] == ["a", "c"]  # b names no place of a's: it needs 0.85
    # a near-paraphrase naming no place still counts
    cs = cite(arts, vecs, (0, 0), threshold=0.75 - UNPLACED_MARGIN, check_support=False)
    assert sorted(c.article_id for c in cs) == ["a", "b", "c"]
    # an unplaced line is not affected
    cs = cite(arts, vecs, (1, 0), threshold=0.5, check_support=False)
    assert "a" in [c.article_id for c in cs]
    assert [c.article_id for c in cite(arts, vecs, (0, 0), threshold=0.75)] == ["a"]


def test_place_words_skip_articles_and_possessives_and_need_capitals() -> None:
    from newsweave.summarize.cite import names_place, places_conflict, places_in

    assert places_in("The court sat in The Hague on Monday.") == frozenset({"hague"})
    assert places_in("Talks began in Paris's western suburbs.") == frozenset({"paris"})
    assert places_in("The blast in downtown Nairobi and the attack in neighboring Kenya.") == {"nairobi", "kenya"}
    assert places_in("Shelling in southern Lebanon; floods in the northeastern Nigeria town.") == {"lebanon", "nigeria"}
    assert places_in("Prices rose in southern states.") == frozenset()  # a modifier alone is no place
    assert places_in("Fires in Southern California.") == places_in("Fires in southern California.") == {"california"}
    assert places_conflict("Talks in North Korea.", "Talks in South Korea.")  # North and South stay names
    assert places_in("Troops in Central.") == frozenset({"central"})  # a compass word alone is still a name
    assert names_place("Paris’s mayor spoke.", frozenset({"paris"}))
    assert not names_place("There is new evidence, the minister said.", frozenset({"new"}))  # "in New York"
    assert names_place("Officials in New Jersey disagreed.", frozenset({"new"}))  # first word only: a known limit
