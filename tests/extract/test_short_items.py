"""A short item (a lead sentence or two, nothing around it) keeps its sentences; a page of chrome keeps none."""

from __future__ import annotations

from newsweave.extract.text import extract_text


def test_one_sentence_item_is_its_own_body() -> None:
    text = "Voters in the northern district elected Maria Lund to the regional council on Monday night."
    assert extract_text(text).body == text


def test_lead_cut_off_by_the_source_is_kept() -> None:
    text = ("The port authority will waive mooring fees for fishing boats until spring. The waiver, announced on "
            "Thursday, covers about 140 boats whose owners lost")
    assert extract_text(text).body == text


def test_chrome_alone_is_still_no_body() -> None:
    text = "Home\nNews\nSport\nSubscribe now\nShare this article\n© 2025 Example Media"
    assert extract_text(text).body == ""
