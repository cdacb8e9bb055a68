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


def test_wire_ascii_quote_pairs_are_typeset_at_extraction_and_read_as_quotes() -> None:
    from newsweave.extract.quotemarks import typeset_quotes
    from newsweave.extract.text import batch_line_counts
    from newsweave.pipeline import extract_one
    from newsweave.types import RawDoc

    wire = ("Castro called it a case of ``international meddling.'' ``It seems to me that what has happened there is "
            "universal meddling,'' Castro told reporters covering the summit.")
    assert typeset_quotes(wire).count("“") == 2 and "``" not in typeset_quotes(wire)
    assert typeset_quotes("A 5'' pipe burst.") == "A 5'' pipe burst."  # no backtick pair: left as written
    doc = RawDoc("d1", "D1.txt", wire + "\n\nThe summit went on.", "text")
    body = extract_one(doc, dict(batch_line_counts([doc.content])), 1).body
    assert "``" not in body and "”" in body
    quotes = find_quotes(body)
    assert any(q.text.startswith("It seems to me") and q.speaker == "Castro" for q in quotes)
