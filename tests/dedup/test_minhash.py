from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.dedup import MinHashIndex, exact_jaccard, find_duplicates, shingles
from newsweave.types import Article, PublishedDate

WIRE = (
    "U.S. Secretary of State John Kerry and Russian Foreign Minister Sergei Lavrov said on Wednesday they "
    "believed they could pull off peace talks on Syria despite deep differences over the conflict. "
    "Differences between Russia, a main ally of President Bashar al-Assad, and the United States, which supports those "
    "trying to topple him, have long obstructed international efforts to end the two-year war. Last week "
    "Kerry and Lavrov announced plans to hold a peace conference now expected to take place in Geneva in June. "
    "More than 80,000 people have been killed in the conflict, according to the United Nations, and "
    "millions have fled their homes to neighbouring countries or other parts of Syria."
)
OTHER = (
    "The Premier League title race went to the final day after Manchester City drew at home on Sunday while "
    "Liverpool won away, leaving the two clubs separated by a single point with one match left to play. "
    "Supporters gathered outside the stadium long before kick-off and the manager praised the fans "
    "afterwards."
)


def art(aid: str, text: str, day: int | None = None) -> Article:
    pub = PublishedDate(dt.date(2013, 5, day), "day", 0.9) if day else PublishedDate()
    return Article(id=aid, path=f"{aid}.txt", text=text, sentences=(), published=pub)


def syndicated(text: str) -> str:
    """A re-post: an outlet's dateline in front, a credit line at the end, one word changed."""
    return (
        "GENEVA (Reuters) - " + text.replace("two-year war", "two-year-old war") + " (Reporting by Reuters.)"
    )


def test_shingles_are_word_5_grams() -> None:
    assert shingles("A b c d e f") == frozenset({"a b c d e", "b c d e f"})
    assert shingles("short text") == frozenset({"short text"})
    assert shingles("") == frozenset()


def test_exact_jaccard() -> None:
    assert exact_jaccard(frozenset("ab"), frozenset("bc")) == 1 / 3
    assert exact_jaccard(frozenset(), frozenset()) == 0.0


def test_syndicated_copy_is_linked_to_the_earlier_article() -> None:
    original = art("orig", WIRE, day=15)
    copy = art("copy", syndicated(WIRE), day=16)
    links = find_duplicates([copy, art("other", OTHER, day=15), original])
    assert len(links) == 1
    link = links[0]
    assert (link.article_id, link.duplicate_of) == ("copy", "orig")
    assert abs(link.similarity - exact_jaccard(shingles(WIRE), shingles(syndicated(WIRE)))) < 1e-5
    assert link.similarity >= 0.8


def test_undated_copy_links_to_dated_original_and_ties_break_by_id() -> None:
    links = find_duplicates([art("a", syndicated(WIRE)), art("b", WIRE, day=1)])
    assert [(x.article_id, x.duplicate_of) for x in links] == [("a", "b")]
    links = find_duplicates([art("z", WIRE), art("y", WIRE)])
    assert [(x.article_id, x.duplicate_of) for x in links] == [("z", "y")]


def test_different_articles_are_not_linked() -> None:
    assert find_duplicates([art("a", WIRE), art("b", OTHER)]) == ()


def test_deterministic_across_calls() -> None:
    arts = [art("a", WIRE, 2), art("b", syndicated(WIRE), 3), art("c", OTHER, 2), art("d", OTHER, 9)]
    assert find_duplicates(arts) == find_duplicates(list(reversed(arts)))


_VARIANTS = [
    WIRE,
    syndicated(WIRE),
    WIRE[:-40],
    OTHER,
    OTHER + " Tickets sold out.",
    "Totally unrelated words here.",
]


@settings(max_examples=40, deadline=None)
@given(
    choice=st.lists(
        st.tuples(st.integers(0, len(_VARIANTS) - 1), st.one_of(st.none(), st.integers(1, 28))),
        min_size=2,
        max_size=8,
    ),
    perm=st.randoms(use_true_random=False),
)
def test_order_of_input_does_not_change_which_pairs_are_linked(
    choice: list[tuple[int, int | None]], perm
) -> None:  # type: ignore[no-untyped-def]
    arts = [art(f"a{i}", _VARIANTS[v], d) for i, (v, d) in enumerate(choice)]
    shuffled = list(arts)
    perm.shuffle(shuffled)
    assert find_duplicates(arts) == find_duplicates(shuffled)
    # symmetric: every linked pair really is a near-duplicate pair
    for link in find_duplicates(arts):
        a = next(x for x in arts if x.id == link.article_id)
        b = next(x for x in arts if x.id == link.duplicate_of)
        assert exact_jaccard(shingles(a.text), shingles(b.text)) >= 0.8


def test_incremental_index_finds_earlier_copy() -> None:
    idx = MinHashIndex()
    s1 = idx.signature_of(WIRE)
    s2 = idx.signature_of(OTHER)
    assert s1 is not None and s2 is not None
    idx.add("orig", s1)
    idx.add("other", s2)
    s3 = idx.signature_of(syndicated(WIRE))
    assert s3 is not None
    hits = idx.query(s3)
    assert [h[0] for h in hits] == ["orig"]
    assert hits[0][1] >= 0.8
    assert len(idx) == 2 and "orig" in idx
