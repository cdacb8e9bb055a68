"""The same quote carried by many outlets (syndicated copies) is listed once, from the earliest article."""

from __future__ import annotations

import datetime as dt

from newsweave.analyze import analyze
from newsweave.embed import LexicalEmbedder

from .fixtures import article

TEXT = (
    "Mayor Elena Varga closed the Old Harbour Bridge in Lindmark on Thursday after cracks were found.\n\n"
    '"Nobody will cross that bridge until we know it is safe," Varga told reporters at City Hall.\n\n'
    "About 42,000 vehicles use the bridge every day."
)


def test_one_quote_repeated_by_copies_is_listed_once() -> None:
    arts = [article(f"a{i}", f"Outlet {i}", TEXT, dt.date(2025, 3, 14 + i)) for i in range(5)]
    sents = [a.text[s.start : s.end] for a in arts for s in a.sentences]
    vectors = LexicalEmbedder().encode(sents)
    quotes = analyze(arts, vectors, 0.62).quotes
    assert [q.text for q in quotes] == ["Nobody will cross that bridge until we know it is safe"]
    assert quotes[0].citation.article_id == "a0"
    assert quotes[0].speaker == "Elena Varga"
