"""A near-copy is left out of sentence selection only when the article it copies is in the same story."""

from __future__ import annotations

from newsweave.config import Settings
from newsweave.dedup import find_duplicates
from newsweave.embed import LexicalEmbedder
from newsweave.pipeline import build_story, extract_articles, single_story
from newsweave.types import RawDoc

BODY = (
    "City engineers closed the Old Harbour Bridge in Lindmark on Thursday after inspectors found cracks in two of "
    "its steel support beams.\n\n"
    "Mayor Elena Varga said the bridge would stay shut to all traffic until a full structural survey is finished.\n\n"
    "About 42,000 vehicles use the bridge every day, according to the city transport office.\n"
)


def test_copy_whose_original_is_in_another_story_still_gets_a_summary() -> None:
    settings = Settings(embedder="lexical", analyze=False)
    docs = [
        RawDoc(id="a" * 16, origin="a.txt", content=BODY, content_type="text", outlet_hint="Herald"),
        RawDoc(id="b" * 16, origin="b.txt", content=BODY + "\n", content_type="text", outlet_hint="Radio"),
    ]
    articles, rejects = extract_articles(docs, settings)
    assert rejects == () and len(articles) == 2
    dups = find_duplicates(articles)
    assert dups, "the two bodies are near-copies"
    copy = next(a for a in articles if a.id == dups[0].article_id)
    # The clusterer may put the copy in a story of its own (e.g. different dates): it must still be summarised.
    story = single_story([copy])
    report, _ = build_story(story, articles, settings, LexicalEmbedder(), dups)
    assert report.summary
    assert all(c.article_id == copy.id for line in report.summary for c in line.citations)
