"""Inline photo credits glued to a sentence by a page scrape are boilerplate: removed from the body (and listed as
dropped), the sentence kept."""

from __future__ import annotations

import pytest

from newsweave.extract.text import extract_text
from newsweave.extract.wire import strip_photo_credits


@pytest.mark.parametrize(("text", "body", "credit"), [
    ("Photograph : Gerald Herbert\\/AP The giant steel box arrived at the scene today.",
     "The giant steel box arrived at the scene today.", "Photograph : Gerald Herbert\\/AP"),
    ("Photograph: Ben Stansall/AFP/Getty Images Nick Clegg warned of a row.", "Nick Clegg warned of a row.",
     "Photograph: Ben Stansall/AFP/Getty Images"),
    ("Photograph : Sarah Lee for the Guardian Tony Hayward said the spill was tiny.",
     "Tony Hayward said the spill was tiny.", "Photograph : Sarah Lee for the Guardian"),
    ("Shares fell sharply. Photograph: Rex Features The board met on Monday.",
     "Shares fell sharply. The board met on Monday.", "Photograph: Rex Features"),
])
def test_inline_credits_are_cut_and_the_sentence_kept(text: str, body: str, credit: str) -> None:
    assert strip_photo_credits(text) == (body, (credit,))


def test_text_without_credits_is_untouched() -> None:
    text = "The photograph: a study of light, the curator said, drew 4,000 visitors to the gallery in May."
    assert strip_photo_credits(text) == (text, ())


def test_extraction_drops_the_credit_and_keeps_the_lead() -> None:
    page = ("Storm closes the north pier\n\n"
            "Photograph: Ana Lind/Reuters The harbour authority closed the north pier on Monday after a storm "
            "damaged its deck, and ferries were sent to the south pier.\n\n"
            "Engineers said repairs would take six weeks and cost about two million, the authority said.\n")
    out = extract_text(page)
    assert out.body.startswith("The harbour authority closed the north pier")
    assert "Reuters" not in out.body
    assert any(d.reason == "photo credit" and "Ana Lind/Reuters" in d.text for d in out.dropped)
