from __future__ import annotations

from newsweave.extract.metadata import (
    canonical_outlet,
    detect_byline,
    detect_language,
    detect_outlet,
    outlet_from_boilerplate,
    outlet_from_url,
)


def test_outlet_from_page_chrome_not_from_credit_lines() -> None:
    lines = ["With reporting by Reuters, AFP, and dpa", "• 16x9 Image",
             "RFE/RL journalists report the news in 27 languages."]
    assert outlet_from_boilerplate(lines) == "RFE/RL"
    assert outlet_from_boilerplate(["Some information was provided by AP and Reuters.", "VOA News"]) == "VOA"
    assert outlet_from_boilerplate(["Get the Monitor stories you care about delivered to your inbox."]) == (
        "Christian Science Monitor"
    )
    assert outlet_from_boilerplate(["AP Photo/Someone", "(Additional reporting by John Doe; Editing by X)"]) is None


def test_unknown_outlet_from_name_line_or_blurb() -> None:
    assert detect_outlet(boilerplate=["Menu", "Coast Radio News"]) == "Coast Radio News"
    assert detect_outlet(boilerplate=["The Harbour Herald is the city's daily newspaper."]) == "The Harbour Herald"


def test_outlet_priority_and_urls() -> None:
    assert outlet_from_url("https://www.voanews.com/a/x.html") == "VOA"
    assert outlet_from_url("https://example.org/") is None
    assert detect_outlet(hint="reuters", boilerplate=["VOA News"]) == "Reuters"
    assert detect_outlet(sitename="Dhaka Tribune") == "Dhaka Tribune"
    assert detect_outlet(body="WASHINGTON (AP) — Lawmakers met on Monday.") == "Associated Press"
    assert canonical_outlet("Some Unknown Site") == "Some Unknown Site"


def test_byline_and_language() -> None:
    assert detect_byline(["Menu", "By Jane Doe and John Smith"]) == "Jane Doe and John Smith"
    assert detect_byline(["Menu"], author="Mira Holm") == "Mira Holm"
    assert detect_byline(["Bylines are good."]) is None
    assert detect_language("The minister said the talks would continue next week in Geneva.") == "en"
    assert detect_language("Der Minister sagte, die Gespräche würden nächste Woche in Genf fortgesetzt.") == "de"
    assert detect_language("short") is None
