"""The end-to-end summarize row: the digest's own lines, largest story first; the selector rows' printed lines."""

from __future__ import annotations

from evals.end_to_end import digest_summary, texts_summary
from evals.splitter import split_sentences
from evals.summarize_eval import printed_lines
from newsweave.embed import LexicalEmbedder
from newsweave.summarize.standalone import is_compression_of
from newsweave.types import Citation, Digest, Story, StoryReport, SummaryLine


def report(sid: str, n_articles: int, lines: list[str]) -> StoryReport:
    story = Story(id=sid, article_ids=tuple(f"{sid}{k}" for k in range(n_articles)), headline=sid)
    return StoryReport(story, tuple(SummaryLine(t, (Citation(f"{sid}0", 0, 0, 1),)) for t in lines))


def test_largest_story_first_ties_in_digest_order() -> None:
    d = Digest((), (), (report("small", 1, ["s1."]), report("big", 3, ["b1.", "b2."]), report("tie", 1, ["t1."])))
    assert digest_summary(d) == ["b1.", "b2.", "s1.", "t1."]


def test_selector_rows_see_the_lines_the_digest_prints() -> None:
    docs = [["WASHINGTON (AP) _ The Senate passed the budget bill by a wide margin.",
             "He said the vote was a victory for the whole country and its taxpayers.",
             "However, the House must still approve the bill before the end of the month."]]
    assert printed_lines(docs) == ([["The Senate passed the budget bill by a wide margin.", "",
                                     "The House must still approve the bill before the end of the month."]],
                                   frozenset())
    pair = [["The United States and Russia agreed to call a peace conference on Syria.",
             "The two countries are now preparing the conference for June in Geneva."]]
    assert printed_lines(pair) == (pair, frozenset({(0, 1)}))


def test_texts_summary_runs_the_digest() -> None:
    texts = ["City engineers closed the Old Harbour Bridge in Lindmark after inspectors found cracks in two of its "
             "steel support beams. The mayor said the bridge would stay shut until a full survey is finished.",
             "The Old Harbour Bridge in Lindmark was closed after cracks were found in two steel beams, engineers "
             "said. Traffic was sent along the North Ring road, which adds twenty minutes to a trip."]
    lines = texts_summary(texts + texts[:1], 40, LexicalEmbedder(), "t")  # an exact copy counts once
    assert lines and sum(len(x.split()) for x in lines) <= 80
    sentences = [s for t in texts for s in split_sentences(t)]
    assert all(any(is_compression_of(x, s) for s in sentences) for x in lines)


def test_the_default_length_row_digests_at_the_default_and_is_cut_later() -> None:
    from evals.end_to_end import DEFAULT_WORDS, product_settings

    assert product_settings(55).summary_words == 55
    assert product_settings(55, DEFAULT_WORDS).summary_words == DEFAULT_WORDS == 120
    assert not product_settings(55, DEFAULT_WORDS).analyze
