"""Small hand-written multi-outlet articles (our own text) for the analysis tests."""

from __future__ import annotations

import datetime as dt

from newsweave.extract.sentences import split_sentences
from newsweave.types import Article, PublishedDate


def article(aid: str, outlet: str, text: str, date: dt.date | None, precision: str = "day",
            confidence: float = 0.9, evidence: str = "test") -> Article:
    pub = PublishedDate(date, precision, confidence, evidence) if date else PublishedDate()  # type: ignore[arg-type]
    return Article(id=aid, path=f"{aid}.txt", text=text, sentences=split_sentences(text), outlet=outlet,
                   title=f"{outlet} report", published=pub)
