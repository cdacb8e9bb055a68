"""Straight quotation marks are paired by position: an opening mark (after a space, before a word) never closes a
stray unclosed quote, and a quote nested in a quote does not cut the outer one short."""

from __future__ import annotations

from newsweave.quotes import find_quotes, quote_spans


def spans(text: str) -> list[str]:
    return [text[a:b] for a, b in quote_spans(text)]


def test_stray_unclosed_mark_does_not_swallow_the_next_sentence() -> None:
    text = ('The page showed "><img src=x> instead of a photo. '
            '"We will never give up on this town," Mayor John Smith told reporters.')
    assert spans(text) == ["We will never give up on this town,"]
    (q,) = find_quotes(text)
    assert q.speaker == "Mayor John Smith"


def test_nested_straight_quotes_keep_the_outer_quote() -> None:
    text = '"He said we will "never" give up on this town," Mayor John Smith told reporters.'
    assert "He said we will \"never\" give up on this town," in spans(text)


def test_closing_mark_without_an_opening_is_ignored() -> None:
    text = 'It ended, he said." Then the council met. "The budget is final and it will not change," Smith said.'
    assert spans(text) == ["The budget is final and it will not change,"]
