"""An article delivered as one long line (JSONL text, flattened scrapes) is kept even when it mentions a credit."""

from __future__ import annotations

from newsweave.extract.text import extract_text

ARTICLE = (
    "City engineers closed the Old Harbour Bridge in Lindmark on Thursday after inspectors found cracks in two of "
    "its steel support beams. Mayor Elena Varga said the bridge would stay shut to all traffic until a full "
    "structural survey is finished. About 42,000 vehicles use the bridge every day, according to the city "
    "transport office. The inspection was part of a routine review that began in January after a ferry struck "
    "one of the piers. Information for this report was provided by AP and Reuters."
)


def test_one_line_article_with_a_credit_sentence_is_not_dropped() -> None:
    r = extract_text(ARTICLE)
    assert "Mayor Elena Varga said the bridge" in r.body


def test_short_credit_line_is_still_dropped() -> None:
    text = ARTICLE.replace(" Information for this report", "\n\nInformation for this report")
    r = extract_text(text)
    assert "Information for this report" not in r.body
    assert "Mayor Elena Varga said the bridge" in r.body
