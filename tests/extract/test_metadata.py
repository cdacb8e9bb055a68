from __future__ import annotations

import pytest

from newsweave.extract.metadata import (
    canonical_outlet,
    detect_byline,
    detect_language,
    detect_outlet,
    outlet_from_boilerplate,
    outlet_from_url,
    plainly_english,
)
from tests.conftest import DATA


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


def test_plain_english_skips_the_language_model(monkeypatch: pytest.MonkeyPatch) -> None:
    import py3langid

    def no_model(text: str) -> tuple[str, float]:
        raise AssertionError("py3langid was asked")

    english = ("The minister said on Monday that the talks would continue next week in Geneva, and that both sides"
               " had agreed to a ceasefire which will be checked by observers from the United Nations. It was the"
               " first time in two years that they had met.")
    monkeypatch.setattr(py3langid, "classify", no_model)
    assert detect_language(english) == "en"
    with pytest.raises(AssertionError, match="asked"):  # too short to tell by function words: the model decides
        detect_language("The minister said the talks would continue next week in Geneva.")


def test_english_chrome_does_not_make_a_german_page_english() -> None:
    german = ("Home | News | Sport | About us | Contact | Login. Der Minister sagte am Montag, die Gespräche mit der"
              " Regierung würden in der nächsten Woche in Genf fortgesetzt, und beide Seiten hätten einer Waffenruhe"
              " zugestimmt, die von Beobachtern der Vereinten Nationen überwacht werden soll. Es war das erste Treffen"
              " seit zwei Jahren. Share on Facebook | Share on Twitter | Read more")
    assert not plainly_english(german)
    assert detect_language(german) == "de"


def test_function_words_never_call_a_non_english_page_english() -> None:
    """On the extraction benchmarks' pages (many languages) the shortcut says English only where py3langid does."""
    import html as html_lib
    import re

    import py3langid

    pages = [p for d in ("trafilatura-eval", "article-extraction-benchmark") for p in sorted((DATA / d / "html").glob("*"))]
    if not pages:
        pytest.skip("trafilatura-eval is not present")
    checked = 0
    for page in pages:
        raw = page.read_bytes()
        if page.suffix == ".gz":
            import gzip

            raw = gzip.decompress(raw)
        text = re.sub(r"(?is)<(script|style)[^>]*>.*?</\1>", " ", raw.decode("utf-8", "replace"))
        text = re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", text)))[:5000]
        if plainly_english(text):
            checked += 1
            assert py3langid.classify(text)[0] == "en", page.name
    assert checked > 150  # 186 of the 1,214 pages on 2026-12-07
