"""Texts longer than spaCy's max_length are parsed in paragraph chunks joined into one Doc with the same offsets."""

from __future__ import annotations

from newsweave.nlp import parse

TEXT = (
    "John Smith went to Paris on Monday.\n\n"
    "He met Mary Jones at the embassy and they talked for an hour.\n\n"
    + "The weather was mild and the streets were quiet that week. " * 4
    + "\n\nThe talks ended in May."
)


def test_long_text_is_chunked_with_offsets_preserved() -> None:
    whole = parse([TEXT])[0]
    chunked = parse([TEXT, "Short text about Berlin."], chunk_chars=70)
    doc = chunked[0]
    assert doc.text == TEXT
    assert [(e.text, e.start_char) for e in doc.ents if e.label_ in ("PERSON", "GPE")] == [
        (e.text, e.start_char) for e in whole.ents if e.label_ in ("PERSON", "GPE")
    ]
    for t in doc:
        assert TEXT[t.idx : t.idx + len(t.text)] == t.text
    assert chunked[1].text == "Short text about Berlin."


def test_text_over_the_model_limit_does_not_raise() -> None:
    text = "Officials met in Geneva on Monday. " * 5
    doc = parse([text], chunk_chars=40)[0]
    assert doc.text == text
